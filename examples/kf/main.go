// Command kf is a 微信客服 (WeChat customer service) bot: it greets the
// customers who open the chat of a customer-service account (the
// welcome_code of enter_session) and answers their text messages.
//
// WeCom does not put kf messages in the callback: it POSTs a
// kf_msg_or_event event carrying a Token and the account's OpenKfId, and
// the app pulls the conversation with c.KF.SyncMessages, which remembers
// its position in the client's cache (use Redis, token/redistoken, when
// several instances serve the callback URL: the cache's lock lets one
// read at a time).
//
// Without environment variables it starts a fake WeCom, serves itself on
// 127.0.0.1, has a customer enter the chat and write, and prints the
// conversation:
//
//	go run ./examples/kf
//
// Against a real corp, use the secret of an app allowed to call the kf
// API (微信客服 - 可调用接口的应用), and the Token and EncodingAESKey of its
// callback settings; the server then listens on WECOM_LISTEN (default
// :8080) at /wecom/kf until interrupted:
//
//	WECOM_CORP_ID=ww... WECOM_SECRET=... WECOM_AGENT_ID=1000002 \
//	WECOM_TOKEN=... WECOM_ENCODING_AES_KEY=... go run ./examples/kf
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/work"
)

// callbackPath is where the handler is mounted.
const callbackPath = "/wecom/kf"

func main() { demo.Main("kf", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	stdout = demo.SyncWriter(stdout)
	if env("WECOM_CORP_ID") == "" {
		return runOffline(ctx, stdout)
	}
	v, err := env.Require("WECOM_CORP_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY")
	if err != nil {
		return err
	}
	agentID, err := env.Int64("WECOM_AGENT_ID")
	if err != nil {
		return err
	}
	c, err := work.New(work.Config{
		CorpID: v["WECOM_CORP_ID"], AgentID: agentID, Secret: v["WECOM_SECRET"],
		Token: v["WECOM_TOKEN"], EncodingAESKey: v["WECOM_ENCODING_AES_KEY"],
	})
	if err != nil {
		return err
	}
	h, err := newHandler(c, stdout)
	if err != nil {
		return err
	}
	l, _, err := demo.Listen(env.Or("WECOM_LISTEN", demo.DefaultListen))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "serving %s on %s; Ctrl-C to stop\n", callbackPath, l.Addr())
	mux := http.NewServeMux()
	mux.Handle(callbackPath, h)
	return demo.Serve(ctx, l, mux)
}

// newHandler returns the callback handler: on each kf_msg_or_event it
// reads what is new in the account's conversation and answers.
func newHandler(c *work.Client, log io.Writer) (http.Handler, error) {
	bot := &bot{c: c, log: log}
	r := message.NewRouter()
	message.On(r, func(ctx context.Context, _ *message.Message, e *message.KfMsgOrEvent) (message.Reply, error) {
		// Messages already handled are not read again, whichever instance
		// handled them; an error answers 500 and WeCom calls again, and
		// the loop resumes after the last message handled.
		for m, err := range c.KF.SyncMessages(ctx, work.KFSyncRequest{OpenKFID: e.OpenKfID, Token: e.Token}) {
			if err != nil {
				return nil, err
			}
			if err := bot.handle(ctx, m); err != nil {
				// Stop here: the position stays after the messages
				// handled so far (this one counts as handled: its reply
				// is not sent twice).
				return nil, err
			}
		}
		return nil, nil
	})
	// For long conversations, add message.WithAsync(workers, queue) so
	// that the callback is acknowledged at once (WeCom waits 5 seconds).
	return c.CallbackHandler(r)
}

// bot answers the customers of the accounts.
type bot struct {
	c   *work.Client
	log io.Writer
}

// Menu items of the welcome message.
const (
	menuOrder = "order"
	menuHuman = "human"
)

func (b *bot) handle(ctx context.Context, m work.KFMessage) error {
	switch {
	case m.Event != nil && m.Event.EventType == work.KFEventEnterSession && m.Event.WelcomeCode != "":
		fmt.Fprintf(b.log, "%s entered the chat of %s (scene %q)\n", m.Event.ExternalUserID, m.Event.OpenKFID, m.Event.Scene)
		// The welcome_code is valid 20 seconds and usable once.
		_, err := b.c.KF.SendMessageOnEvent(ctx, work.KFEventReply{Code: m.Event.WelcomeCode, Msg: work.KFMenu{
			HeadContent: "您好，请问需要什么帮助？",
			List: []work.KFMenuItem{
				{Type: "click", Click: &work.KFMenuClick{ID: menuOrder, Content: "查询订单"}},
				{Type: "click", Click: &work.KFMenuClick{ID: menuHuman, Content: "人工客服"}},
			},
		}})
		return err
	case m.Text != nil && m.Origin == 3:
		fmt.Fprintf(b.log, "%s wrote: %s\n", m.ExternalUserID, m.Text.Content)
		if m.Text.MenuID == menuHuman {
			// Hand the customer to the queue of servicers.
			_, err := b.c.KF.TransferServiceState(ctx, work.KFServiceStateTrans{
				OpenKFID: m.OpenKFID, ExternalUserID: m.ExternalUserID, ServiceState: work.KFStatePool})
			if err == nil {
				fmt.Fprintf(b.log, "%s handed to a servicer\n", m.ExternalUserID)
			}
			return err
		}
		_, err := b.c.KF.SendMessage(ctx, work.KFSendRequest{ToUser: m.ExternalUserID, OpenKFID: m.OpenKFID,
			Msg: work.KFText{Content: answer(m.Text)}})
		return err
	default:
		fmt.Fprintf(b.log, "not handled: %s\n", kind(m))
		return nil
	}
}

// answer is the bot's reply to a text.
func answer(t *work.KFText) string {
	switch {
	case t.MenuID == menuOrder || strings.Contains(t.Content, "订单"):
		return "请发送您的订单号，我们马上为您查询。"
	default:
		return "收到：" + t.Content
	}
}

func kind(m work.KFMessage) string {
	if m.Event != nil {
		return "event " + m.Event.EventType
	}
	return m.MsgType
}
