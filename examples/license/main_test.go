package main

import (
	"testing"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline runs the loop end to end against the fake: order placed and
// paid, license_pay_success on the instruction URL, the free codes
// activated for the members without an account, and only for them; then
// the installed app is refused for a member without an account until
// unlicensed_notify on the data URL got the kept code activated for him.
func TestOffline(t *testing.T) {
	demotest.Offline(t, run,
		"order OI",
		"zhangsan already has an account",
		"activated LC",
		"for lisi",
		"for wangwu",
		`WeCom got HTTP 200 "success"`,
		"zhangsan licensed: true",
		"lisi licensed: true",
		"wangwu licensed: true",
		"the app reading zhaoliu: refused (701016)",
		"unlicensed_notify: zhaoliu of wwfakecorp has no account",
		"for zhaoliu",
		"the app reading zhaoliu: 赵六",
	)
}

func TestOnlineNeedsSettings(t *testing.T) {
	demotest.Refused(t, run, map[string]string{"WECOM_SUITE_ID": "wwsuite"},
		"WECOM_PROVIDER_CORP_ID", "WECOM_PROVIDER_SECRET", "WECOM_CORP_ID", "WECOM_MEMBERS")
}
