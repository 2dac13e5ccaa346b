package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline runs the bot against the fake: greeted once, answered once
// per message, handed to the queue.
func TestOffline(t *testing.T) {
	out := demotest.Offline(t, run,
		`wmFakeCustomer001 entered the chat of wkFakeKF001 (scene "spring_sale")`,
		"bot sent wmFakeCustomer001 a menu: 您好，请问需要什么帮助？ [查询订单 人工客服]",
		"wmFakeCustomer001 wrote: 查询订单",
		"bot sent wmFakeCustomer001: 请发送您的订单号，我们马上为您查询。",
		"wmFakeCustomer001 wrote: 20261206-0042",
		"bot sent wmFakeCustomer001: 收到：20261206-0042",
		"wmFakeCustomer001 handed to a servicer",
		"session state: 2 (waiting for a servicer)",
	)
	assert.Equal(t, 1, strings.Count(out, "a menu:"), "greeted once")
	assert.Equal(t, 2, strings.Count(out, "bot sent wmFakeCustomer001: "), "each message answered once")
}

func TestOnlineNeedsCallbackSettings(t *testing.T) {
	env := map[string]string{"WECOM_CORP_ID": "wwcorp", "WECOM_SECRET": "s"}
	demotest.Refused(t, run, env, "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY")
}
