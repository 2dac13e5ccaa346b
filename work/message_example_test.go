package work_test

import (
	"context"
	"fmt"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/work"
)

func ExampleMessageService_Send() {
	srv := fakeWeCom() // in production: no WithBaseURL option
	defer srv.Close()

	c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1000002, Secret: "SECRET"},
		wecom.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	res, err := c.Message.Send(context.Background(), work.SendRequest{
		To:  work.Recipients{Users: []string{"zhangsan", "ghost"}, Parties: []int64{2}},
		Msg: work.TextCard{Title: "领奖通知", Description: "恭喜你抽中iPhone一台", URL: "https://example.com/prize"},
	})
	if err != nil {
		fmt.Println("send failed:", err)
		return
	}
	fmt.Println("msgid:", res.MsgID)
	fmt.Println("not delivered to:", res.InvalidUsers)
	// Output:
	// msgid: MSGID1
	// not delivered to: [ghost]
}
