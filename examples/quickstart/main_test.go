package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func noEnv(string) string { return "" }

// TestOffline runs the quickstart against the fake WeCom, as
// `go run ./examples/quickstart` does on a fresh machine.
func TestOffline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out strings.Builder
	require.NoError(t, run(ctx, &out, noEnv))

	got := out.String()
	for _, want := range []string{
		"access token: ok",
		"departments (3):",
		"  2 R&D (parent 1)",
		"members (4):",
		"  zhaoliu 赵六 [2 3]",
		"unknown member: errcode 60111, as expected",
		"sent work.Text to zhangsan",
		"sent work.Markdown to zhangsan",
		"sent work.TemplateCard to zhangsan",
		`  text to [zhangsan]: {"content":"Hello from the wecom Go SDK."}`,
		"  markdown to [zhangsan]: ",
		`  template_card to [zhangsan]: {"card_type":"text_notice"`,
	} {
		assert.Contains(t, got, want)
	}
	assert.NotContains(t, got, "fake-secret", "the secret is never printed")
}

// TestOnlineNeedsEveryVariable checks that a partial configuration is
// reported before anything is sent.
func TestOnlineNeedsEveryVariable(t *testing.T) {
	env := map[string]string{"WECOM_CORP_ID": "wwcorp", "WECOM_AGENT_ID": "x"}
	err := run(context.Background(), &strings.Builder{}, func(k string) string { return env[k] })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WECOM_SECRET")
	assert.Contains(t, err.Error(), "WECOM_TO_USER")

	env["WECOM_SECRET"], env["WECOM_TO_USER"] = "s", "u"
	err = run(context.Background(), &strings.Builder{}, func(k string) string { return env[k] })
	require.ErrorContains(t, err, "WECOM_AGENT_ID")
}
