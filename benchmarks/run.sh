#!/usr/bin/env bash
# Runs the side-by-side benchmarks and prints the benchstat summary with one
# column per SDK (each compared with this SDK's column).
#   ./run.sh              -> new.txt, 6 rounds of every benchmark
#   COUNT=10 BENCH=Decrypt ./run.sh old.txt
# The test binary is built once and run COUNT times with -count 1, so the
# SDKs take turns: on a shared machine a burst of load then hits every SDK
# alike instead of all the samples of one.
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-new.txt}
benchstat=$(command -v benchstat || echo "$(go env GOPATH)/bin/benchstat")
if [[ ! -x $benchstat ]]; then
	echo "benchstat not found: go install golang.org/x/perf/cmd/benchstat@latest" >&2
	exit 1
fi
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go test -c -o "$bin/benchmarks.test" .
: >"$out"
for ((i = 1; i <= ${COUNT:-6}; i++)); do
	"$bin/benchmarks.test" -test.run '^$' -test.bench "${BENCH:-.}" -test.benchmem -test.count 1 | tee -a "$out"
done
"$benchstat" -col /sdk "$out"
