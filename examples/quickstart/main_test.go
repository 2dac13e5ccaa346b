package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline runs the quickstart against the fake WeCom, as
// `go run ./examples/quickstart` does on a fresh machine.
func TestOffline(t *testing.T) {
	got := demotest.Offline(t, run,
		"access token: ok",
		"departments (3):",
		"  2 R&D (parent 1)",
		"members (4):",
		"  zhaoliu 赵六 [2 3]",
		"unknown member: errcode 60111, as expected",
		"sent work.Text to zhangsan",
		"sent work.Markdown to zhangsan",
		"sent work.TemplateCard to zhangsan",
		`  text to [zhangsan]: "Hello from the wecom Go SDK."`,
		"  markdown to [zhangsan]: ",
		"  template_card to [zhangsan]: text_notice, ",
	)
	assert.NotContains(t, got, "fake-secret", "the secret is never printed")
}

// TestOnlineNeedsEveryVariable checks that a partial configuration is
// reported before anything is sent.
func TestOnlineNeedsEveryVariable(t *testing.T) {
	env := map[string]string{"WECOM_CORP_ID": "wwcorp", "WECOM_AGENT_ID": "x"}
	demotest.Refused(t, run, env, "WECOM_SECRET", "WECOM_TO_USER")

	env["WECOM_SECRET"], env["WECOM_TO_USER"] = "s", "u"
	demotest.Refused(t, run, env, "WECOM_AGENT_ID")
}
