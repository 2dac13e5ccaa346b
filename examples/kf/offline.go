package main

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

const (
	account  = "wkFakeKF001"
	customer = "wmFakeCustomer001"
)

// runOffline plays WeCom's side with the fake: a customer enters the chat,
// taps a menu item, writes, and asks for a human; after each step the
// fake pushes kf_msg_or_event to this server.
func runOffline(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewServer()
	defer fake.Close()
	if err := fake.AddKFAccount(wecomtest.DefaultCorpID, account, "售后客服"); err != nil {
		return err
	}
	cbToken, cbKey := demo.CallbackSecrets()
	fmt.Fprintln(stdout, "offline mode: a fake WeCom at", fake.URL(), "pushes kf callbacks to this server")

	c, err := work.New(work.Config{
		CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret,
		Token: cbToken, EncodingAESKey: cbKey,
	}, wecom.WithBaseURL(fake.URL()))
	if err != nil {
		return err
	}
	h, err := newHandler(c, stdout)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(callbackPath, h)
	l, base, err := demo.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	stop := demo.Background(l, mux)
	defer stop()
	cb := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey, ReceiverID: wecomtest.DefaultCorpID}

	steps := []func() (wecomtest.KFNotice, error){
		func() (wecomtest.KFNotice, error) {
			return fake.KFEnterSession(wecomtest.DefaultCorpID, account, customer, "spring_sale")
		},
		func() (wecomtest.KFNotice, error) {
			return fake.KFInject(wecomtest.DefaultCorpID, wecomtest.KFIncoming{OpenKFID: account, ExternalUserID: customer,
				MsgType: "text", Payload: map[string]string{"content": "查询订单", "menu_id": menuOrder}})
		},
		func() (wecomtest.KFNotice, error) {
			return fake.KFCustomerSays(wecomtest.DefaultCorpID, account, customer, "20261206-0042")
		},
		func() (wecomtest.KFNotice, error) {
			return fake.KFInject(wecomtest.DefaultCorpID, wecomtest.KFIncoming{OpenKFID: account, ExternalUserID: customer,
				MsgType: "text", Payload: map[string]string{"content": "人工客服", "menu_id": menuHuman}})
		},
	}
	for _, step := range steps {
		n, err := step()
		if err != nil {
			return err
		}
		reply, err := fake.PushKFCallback(ctx, base+callbackPath, cb, n)
		if err != nil {
			return err
		}
		if reply.StatusCode != http.StatusOK {
			return fmt.Errorf("callback answered HTTP %d", reply.StatusCode)
		}
	}
	// The same callback again (WeCom re-sends when an answer is slow):
	// nothing is read or sent twice.
	if _, err := fake.PushKFCallback(ctx, base+callbackPath, cb, wecomtest.KFNotice{OpenKFID: account}); err != nil {
		return err
	}

	for _, m := range fake.KFSent() {
		switch {
		case m.Menu != nil:
			fmt.Fprintf(stdout, "bot sent %s a menu: %s %v\n", m.ToUser, m.Menu.HeadContent, m.Menu.Items)
		case m.Text != nil:
			fmt.Fprintf(stdout, "bot sent %s: %s\n", m.ToUser, m.Text.Content)
		}
	}
	state, _ := fake.KFSession(wecomtest.DefaultCorpID, account, customer)
	fmt.Fprintf(stdout, "session state: %d (waiting for a servicer)\n", state)
	return stop()
}
