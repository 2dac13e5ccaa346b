package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOffline logs in through the fake WeCom's pages, inside WeCom and in a
// PC browser, and checks that outsiders and forged callbacks are refused.
func TestOffline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out strings.Builder
	require.NoError(t, run(ctx, &out, func(string) string { return "" }))

	got := out.String()
	for _, want := range []string{
		"inside WeCom: HTTP 200 Hello, 张三 (zhangsan), departments [2].",
		"replayed callback: HTTP 400 This login expired or was not started here.",
		"PC browser: HTTP 200 Hello, 王五 (wangwu), departments [3].",
		"outsider: HTTP 403 You are not a member of this corp.",
		"forged callback: HTTP 400 This login expired or was not started here.",
	} {
		assert.Contains(t, got, want)
	}
}

func TestOnlineNeedsPublicURL(t *testing.T) {
	env := map[string]string{"WECOM_CORP_ID": "wwcorp", "WECOM_SECRET": "s", "WECOM_AGENT_ID": "1"}
	err := run(context.Background(), &strings.Builder{}, func(k string) string { return env[k] })
	require.ErrorContains(t, err, "WECOM_PUBLIC_URL")
}
