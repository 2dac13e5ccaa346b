package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOffline plays the customized-app authorization against the fake
// WeCom: suite_ticket, create_auth, permanent code, then calls with the
// corp's token obtained through gettoken.
func TestOffline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out strings.Builder
	require.NoError(t, run(ctx, &out, func(string) string { return "" }))

	got := out.String()
	for _, want := range []string{
		"template callback URL verified",
		"suite_ticket received and stored",
		"authorized by Fake Corp (wwfakecorp): agent ",
		", customized app: true",
		"Fake Corp: 3 departments, members 李四, 王五, 张三, 赵六",
		"Fake Corp: welcome message sent to lisi",
		"corp token calls: gettoken 1, service/get_corp_token 0",
	} {
		assert.Contains(t, got, want)
	}
}

func TestOnlineNeedsTemplateSettings(t *testing.T) {
	env := map[string]string{"WECOM_TEMPLATE_ID": "wwtemplate"}
	err := run(context.Background(), &strings.Builder{}, func(k string) string { return env[k] })
	require.Error(t, err)
	for _, name := range []string{"WECOM_PROVIDER_CORP_ID", "WECOM_TEMPLATE_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY"} {
		assert.Contains(t, err.Error(), name)
	}
}
