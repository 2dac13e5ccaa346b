package webhook_test

import (
	"context"
	"fmt"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/webhook"
	"github.com/wecomkit/wecom/wecomtest"
)

// A robot posts a text mentioning a member; here against the fake, which
// records what each robot was sent.
func Example() {
	srv := wecomtest.NewServer()
	defer srv.Close()

	bot, err := webhook.New("693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa", wecom.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	err = bot.WithLimiter(webhook.NewLimiter()).Send(context.Background(),
		webhook.Text{Content: "build #42 passed", MentionedList: []string{"wangqing"}})
	fmt.Println(err)

	for _, m := range srv.WebhookSent() {
		fmt.Println(m.MsgType, m.Content, m.MentionedList)
	}
	// Output:
	// <nil>
	// text build #42 passed [wangqing]
}
