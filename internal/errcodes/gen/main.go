// Command gen writes the root package's errcodes_gen.go from
// internal/errcodes/codes.tsv. Run it through `go generate` in the
// repository root (errors.go carries the directive).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/wecomkit/wecom/internal/errcodes"
)

func main() {
	in := flag.String("in", "internal/errcodes/codes.tsv", "data file")
	out := flag.String("out", "errcodes_gen.go", "Go file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "errcodes/gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	codes, err := errcodes.Parse(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	src, err := errcodes.Generate(codes, errcodes.SourceName)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
