package main

import (
	"testing"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline plays the customized-app authorization against the fake
// WeCom: suite_ticket, create_auth, permanent code, then calls with the
// corp's token obtained through gettoken.
func TestOffline(t *testing.T) {
	demotest.Offline(t, run,
		"template callback URL verified",
		"suite_ticket received and stored",
		"authorized by Fake Corp (wwfakecorp): agent ",
		", customized app: true",
		"Fake Corp: 3 departments, members 李四, 王五, 张三, 赵六",
		"Fake Corp: welcome message sent to lisi",
		"corp token calls: gettoken 1, service/get_corp_token 0",
	)
}

func TestOnlineNeedsTemplateSettings(t *testing.T) {
	env := map[string]string{"WECOM_TEMPLATE_ID": "wwtemplate"}
	demotest.Refused(t, run, env, "WECOM_PROVIDER_CORP_ID", "WECOM_TEMPLATE_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY")
}
