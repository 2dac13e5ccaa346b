package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOffline opens the sidebar as the WeCom client would: OAuth, the
// signed wx.agentConfig, then the current customer's profile.
func TestOffline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out strings.Builder
	require.NoError(t, run(ctx, &out, func(string) string { return "" }))

	got := out.String()
	for _, want := range []string{
		"sidebar page: HTTP 200, calls wx.agentConfig: true",
		"wx.agentConfig: corpid wwfakecorp, agentid 1000002, jsApiList [getCurExternalContact], signature valid: true",
		`customer wmFakeExternal001: HTTP 200 {"external_userid":"wmFakeExternal001","name":"李雷","kind":"WeChat user","remark":"Li Lei (VIP)","tags":["VIP"]`,
		`customer wmFakeExternal002: HTTP 200 {"external_userid":"wmFakeExternal002","name":"韩梅梅","kind":"WeCom user","corp_name":"Partner Co"`,
		"without a session: HTTP 401",
		"lisi asks for zhangsan's customer: HTTP 403 not your customer",
	} {
		assert.Contains(t, got, want)
	}
}

func TestOnlineNeedsPublicURL(t *testing.T) {
	env := map[string]string{"WECOM_CORP_ID": "wwcorp", "WECOM_SECRET": "s", "WECOM_AGENT_ID": "1"}
	err := run(context.Background(), &strings.Builder{}, func(k string) string { return env[k] })
	require.ErrorContains(t, err, "WECOM_PUBLIC_URL")
}
