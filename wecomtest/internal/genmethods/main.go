// Command genmethods writes wecomtest's method table (methods_gen.go) from
// the SDK's sources. Run it with go generate in the wecomtest directory.
package main

import (
	"fmt"
	"os"

	"github.com/wecomkit/wecom/wecomtest/internal/methodtable"
)

func main() {
	table, err := methodtable.Build("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	src, err := methodtable.Source(table)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile("methods_gen.go", src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
