package demo

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// machinePath matches an absolute path of a developer's machine, which a
// document of the repository must never carry: it means nothing to a
// reader and leaks how the project is built.
var machinePath = regexp.MustCompile(`(^|[\s(\x60"'=])(/work/|/root/|/home/|/tmp/|/Users/|[A-Z]:\\)`)

// TestDocsCarryNoMachinePaths checks docs/ and the README.
func TestDocsCarryNoMachinePaths(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	files, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join(root, "README.md"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if machinePath.MatchString(line) {
				t.Errorf("%s:%d names a machine path: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
