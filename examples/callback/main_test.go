package main

import (
	"testing"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline has the fake WeCom push callbacks to the example's own
// server and checks what each handler saw and answered.
func TestOffline(t *testing.T) {
	demotest.Offline(t, run,
		"URL verification: ok",
		"routed event/change_contact/create_user: 孙七 (sunqi) joined departments [2 3]",
		"routed event/change_external_contact/add_external_contact: zhangsan added customer 李雷 (wmFakeExternal001)",
		`routed text from lisi: "hello"`,
		"<Content><![CDATA[You said: hello]]></Content>",
		"not handled: event/enter_agent",
		"callback refused (HTTP 401)",
		"forged callback: HTTP 401",
	)
}

func TestOnlineNeedsCallbackSettings(t *testing.T) {
	env := map[string]string{"WECOM_CORP_ID": "wwcorp", "WECOM_SECRET": "s"}
	demotest.Refused(t, run, env, "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY")
}
