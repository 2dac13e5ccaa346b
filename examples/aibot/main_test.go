package main

import (
	"testing"

	"github.com/wecomkit/wecom/examples/internal/demotest"
)

// TestOffline runs the echo bot against the fake WeCom in both modes.
func TestOffline(t *testing.T) {
	demotest.Offline(t, run,
		"zhangsan wrote: hello from the fake WeCom",
		`callback mode: answer "hello from the fake WeCom" (finished: true)`,
		"lisi entered the chat",
		`long connection: aibot_respond_welcome_msg {"msgtype":"text","text":{"content":"Hello! Write something and I will say it back."}}`,
		`long connection: answer "hello from the fake WeCom" in 6 frames (finished: true)`,
	)
}

func TestOnlineNeedsSettings(t *testing.T) {
	demotest.Refused(t, run, map[string]string{"WECOM_BOT_TOKEN": "t"}, "WECOM_BOT_AES_KEY")
	demotest.Refused(t, run, map[string]string{"WECOM_BOT_ID": "b"}, "WECOM_BOT_SECRET")
}
