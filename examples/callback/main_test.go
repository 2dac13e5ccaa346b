package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOffline has the fake WeCom push callbacks to the example's own
// server and checks what each handler saw and answered.
func TestOffline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out strings.Builder
	require.NoError(t, run(ctx, &out, func(string) string { return "" }))

	got := out.String()
	for _, want := range []string{
		"URL verification: ok",
		"routed event/change_contact/create_user: 孙七 (sunqi) joined departments [2 3]",
		"routed event/change_external_contact/add_external_contact: zhangsan added customer 李雷 (wmFakeExternal001)",
		`routed text from lisi: "hello"`,
		"<Content><![CDATA[You said: hello]]></Content>",
		"not handled: event/enter_agent",
		"callback refused (HTTP 401)",
		"forged callback: HTTP 401",
	} {
		assert.Contains(t, got, want)
	}
}

func TestOnlineNeedsCallbackSettings(t *testing.T) {
	env := map[string]string{"WECOM_CORP_ID": "wwcorp", "WECOM_SECRET": "s"}
	err := run(context.Background(), &strings.Builder{}, func(k string) string { return env[k] })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WECOM_TOKEN")
	assert.Contains(t, err.Error(), "WECOM_ENCODING_AES_KEY")
}
