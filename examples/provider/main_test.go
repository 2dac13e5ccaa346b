package main

import (
	"testing"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline plays the provider flow against the fake WeCom: URL checks,
// suite_ticket, web install, a data callback, a market install and a
// second instance.
func TestOffline(t *testing.T) {
	demotest.Offline(t, run,
		"callback URLs verified",
		"instruction: suite_ticket stored in the cache",
		"installed in Fake Corp (wwfakecorp), agent ",
		"install from the web site: HTTP 200 Installed in Fake Corp. Departments: Fake Corp, R&D, Sales.",
		`data: 张三 of wwfakecorp says "hi"`,
		"passive reply: Hello 张三, this is wwfakesuite.",
		"installed in Other Corp (wwothercorp), agent ",
		"second instance, shared cache: suite token ok",
		"second instance, own cache: no suite_ticket yet",
	)
}

func TestOnlineNeedsSuiteSettings(t *testing.T) {
	env := map[string]string{"WECOM_SUITE_ID": "wwsuite"}
	demotest.Refused(t, run, env, "WECOM_PROVIDER_CORP_ID", "WECOM_SUITE_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY", "WECOM_PUBLIC_URL")
}
