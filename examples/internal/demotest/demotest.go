// Package demotest runs the examples in their tests: offline against the
// fake WeCom, or with a partial configuration that must be refused.
package demotest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/examples/internal/demo"
)

// Offline runs an example with no environment, so against the fake WeCom,
// requires it to succeed within 10 seconds, asserts that its output
// contains every line of wants, and returns the output.
func Offline(t testing.TB, run demo.RunFunc, wants ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out strings.Builder
	require.NoError(t, run(ctx, &out, func(string) string { return "" }))
	got := out.String()
	for _, want := range wants {
		assert.Contains(t, got, want)
	}
	return got
}

// Refused runs an example with env, requires it to fail, and asserts that
// the error names every variable of missing.
func Refused(t testing.TB, run demo.RunFunc, env map[string]string, missing ...string) {
	t.Helper()
	err := run(context.Background(), &strings.Builder{}, func(k string) string { return env[k] })
	require.Error(t, err)
	for _, name := range missing {
		assert.Contains(t, err.Error(), name)
	}
}
