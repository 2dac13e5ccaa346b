package main

import (
	"testing"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline logs in through the fake WeCom's pages, inside WeCom and in a
// PC browser, and checks that outsiders and forged callbacks are refused.
func TestOffline(t *testing.T) {
	demotest.Offline(t, run,
		"inside WeCom: HTTP 200 Hello, 张三 (zhangsan), departments [2].",
		"replayed callback: HTTP 400 This login expired or was not started here.",
		"PC browser: HTTP 200 Hello, 王五 (wangwu), departments [3].",
		"outsider: HTTP 403 You are not a member of this corp.",
		"forged callback: HTTP 400 This login expired or was not started here.",
	)
}

func TestOnlineNeedsPublicURL(t *testing.T) {
	env := map[string]string{"WECOM_CORP_ID": "wwcorp", "WECOM_SECRET": "s", "WECOM_AGENT_ID": "1"}
	demotest.Refused(t, run, env, "WECOM_PUBLIC_URL")
}
