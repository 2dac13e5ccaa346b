package main

import (
	"testing"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline opens the sidebar as the WeCom client would: OAuth (the
// page's query string survives the round trip), the signed wx.agentConfig
// of that URL, then the current customer's profile.
func TestOffline(t *testing.T) {
	demotest.Offline(t, run,
		"sidebar page: HTTP 200, calls wx.agentConfig: true",
		"after the OAuth round trip: /?entry=single_chat_tools&from=menu%20bar, query kept: true",
		"wx.agentConfig: corpid wwfakecorp, agentid 1000002, jsApiList [getCurExternalContact], signature valid: true",
		`customer wmFakeExternal001: HTTP 200 {"external_userid":"wmFakeExternal001","name":"李雷","kind":"WeChat user","remark":"Li Lei (VIP)","tags":["VIP"]`,
		`customer wmFakeExternal002: HTTP 200 {"external_userid":"wmFakeExternal002","name":"韩梅梅","kind":"WeCom user","corp_name":"Partner Co"`,
		"without a session: HTTP 401",
		"lisi asks for zhangsan's customer: HTTP 403 not your customer",
	)
}

func TestOnlineNeedsPublicURL(t *testing.T) {
	env := map[string]string{"WECOM_CORP_ID": "wwcorp", "WECOM_SECRET": "s", "WECOM_AGENT_ID": "1"}
	demotest.Refused(t, run, env, "WECOM_PUBLIC_URL")
}
