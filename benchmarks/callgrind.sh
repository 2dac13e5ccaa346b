#!/usr/bin/env bash
# Counts instructions per operation with valgrind's callgrind, a figure that
# does not depend on what else the machine is doing (unlike ns/op on a
# shared machine). Each benchmark runs twice, with N1 and N2 iterations; the
# difference divided by N2-N1 cancels the setup. When that difference is
# under 50M instructions (a tiny operation, swamped by the runtime's own
# background work), both counts are scaled up and it is measured again.
#   ./callgrind.sh                  -> every benchmark
#   ./callgrind.sh 'Decrypt'        -> a -test.bench pattern
set -euo pipefail
cd "$(dirname "$0")"
pattern=${1:-.}
n1=${N1:-500} n2=${N2:-2500}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# valgrind copes with a static binary without asynchronous preemption.
CGO_ENABLED=0 go test -c -o "$dir/benchmarks.test" .
count() { # benchmark iterations -> instructions
	GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" \
		"$dir/benchmarks.test" -test.run '^$' -test.bench "^$1\$" -test.benchtime="$2x" 2>&1 |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
names=$("$dir/benchmarks.test" -test.run '^$' -test.bench "$pattern" -test.benchtime=1x |
	sed -n 's/^\(Benchmark[^ \t]*\)-[0-9]*[ \t].*/\1/p')
printf '%-36s %14s\n' benchmark instructions/op
for name in $names; do
	re=$(sed 's/[.[\]*+?(){}|^$]/\\&/g' <<<"$name")
	re=${re//\//\$\/^} # match each level of a sub-benchmark name exactly
	a=$n1 b=$n2
	while :; do
		i1=$(count "$re" "$a")
		i2=$(count "$re" "$b")
		delta=$((i2 - i1))
		((delta >= 50000000 || b >= 1000000)) && break
		k=$((50000000 / (delta > 1000000 ? delta : 1000000) + 1))
		a=$((a * k)) b=$((b * k))
		((b <= 1000000)) || { a=$((1000000 * n1 / n2)) b=1000000; }
	done
	printf '%-36s %14d\n' "$name" $((delta / (b - a)))
done
