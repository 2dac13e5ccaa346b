// Command gendocanswers writes wecomtest's documented answers
// (docanswers_gen.json) from the documentation-sample tables of the SDK's
// tests: for each path they test, the response sample of its doc page. Run
// it with go generate in the wecomtest directory.
package main

import (
	"fmt"
	"os"

	"github.com/wecomkit/wecom/wecomtest/internal/gendocanswers/answers"
)

func main() {
	res, err := answers.Build("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	src, err := answers.Source(res)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile("docanswers_gen.json", src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, u := range res.Unread {
		fmt.Fprintln(os.Stderr, "gendocanswers: skipped:", u)
	}
}
