// Command callback serves the callback URL (接收消息服务器) of a self-built
// app: WeCom POSTs encrypted messages and events there, and the server
// verifies, decrypts and routes each one to a typed handler.
//
// It handles member changes (change_contact), customer changes
// (change_external_contact) and text messages, which it answers with a
// passive reply.
//
// Without environment variables it starts a fake WeCom, serves itself on
// 127.0.0.1, has the fake push sample callbacks to it and prints what was
// routed:
//
//	go run ./examples/callback
//
// Against a real corp, set the app's credentials and the Token and
// EncodingAESKey of its callback settings; the server then listens on
// WECOM_LISTEN (default :8080) until interrupted, at the path
// /wecom/callback, which must be reachable from WeCom over HTTPS:
//
//	WECOM_CORP_ID=ww... WECOM_SECRET=... WECOM_AGENT_ID=1000002 \
//	WECOM_TOKEN=... WECOM_ENCODING_AES_KEY=... go run ./examples/callback
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/work"
)

// callbackPath is where the handler is mounted; the URL configured in the
// WeCom console is https://your.domain/wecom/callback.
const callbackPath = "/wecom/callback"

func main() { demo.Main("callback", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	stdout = demo.SyncWriter(stdout) // handlers print from other goroutines
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
	h, err := newCallbackHandler(c, stdout)
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

// newCallbackHandler returns the http.Handler of the app's callback URL.
// c calls the API from the handlers.
func newCallbackHandler(c *work.Client, log io.Writer) (http.Handler, error) {
	r := message.NewRouter()

	// message.On registers a handler by the type of its payload: no event
	// or change-type strings to mistype. A handler returns the passive
	// reply to send, or nil for none.
	message.On(r, func(ctx context.Context, m *message.Message, u *message.CreateUser) (message.Reply, error) {
		fmt.Fprintf(log, "routed %s: %s (%s) joined departments %v\n", m.Kind(), u.Name, u.UserID, u.Department)
		return nil, nil
	})
	message.On(r, func(ctx context.Context, m *message.Message, u *message.DeleteUser) (message.Reply, error) {
		fmt.Fprintf(log, "routed %s: %s left\n", m.Kind(), u.UserID)
		return nil, nil
	})
	message.On(r, func(ctx context.Context, m *message.Message, e *message.AddExternalContact) (message.Reply, error) {
		// Events carry ids only: ask the API for the customer. An error
		// answers 500, and WeCom sends the event again.
		d, err := c.ExternalContact.Get(ctx, work.CustomerGetRequest{ExternalUserID: e.ExternalUserID})
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "routed %s: %s added customer %s (%s)\n", m.Kind(), e.UserID, d.ExternalContact.Name, e.ExternalUserID)
		return nil, nil
	})
	message.On(r, func(ctx context.Context, m *message.Message, t *message.Text) (message.Reply, error) {
		fmt.Fprintf(log, "routed %s from %s: %q\n", m.Kind(), m.FromUserName, t.Content)
		// A passive reply is encrypted into the HTTP answer; it must come
		// within WeCom's 5 seconds. For slow work, answer nothing and send
		// a message with c.Message.Send later.
		return &message.TextReply{Content: "You said: " + t.Content}, nil
	})
	// Everything else: acknowledge, so that WeCom does not send it again.
	r.Fallback(message.HandlerFunc(func(ctx context.Context, m *message.Message) (message.Reply, error) {
		fmt.Fprintf(log, "not handled: %s\n", m.Kind())
		return nil, nil
	}))

	// The handler verifies and decrypts with the app's Token and
	// EncodingAESKey. Every ciphertext WeCom sends embeds a receive id: for
	// a self-built app, the corp id. A message encrypted for another
	// receiver is rejected with 400 before any handler runs.
	return c.CallbackHandler(r,
		// WeCom sends a callback again when the answer is slow; remember
		// what was handled. Use the Redis cache (token/redistoken) when
		// several instances serve the URL.
		message.WithDedup(token.NewMemoryCache(), 0),
		message.WithErrorHandler(func(_ *http.Request, err error) {
			fmt.Fprintf(log, "callback refused (HTTP %d): %v\n", message.StatusCode(err), err)
		}),
	)
}
