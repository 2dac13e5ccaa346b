// Command aibot is an intelligent robot (智能机器人, API mode) that echoes
// what a user writes, streaming its answer word by word, and greets users
// who open its chat.
//
// Without environment variables it runs both modes offline: a fake WeCom
// chats with the bot through its callback URL (served on 127.0.0.1), then
// through a fake long connection, and the conversation is printed:
//
//	go run ./examples/aibot
//
// Against a real bot in callback mode, set the Token and EncodingAESKey of
// the bot's API settings; the bot listens on WECOM_LISTEN (default :8080)
// at /wecom/bot, the URL to give in the console:
//
//	WECOM_BOT_TOKEN=... WECOM_BOT_AES_KEY=... go run ./examples/aibot
//
// In long-connection mode (no public URL needed), set the bot id and the
// long connection's secret:
//
//	WECOM_BOT_ID=... WECOM_BOT_SECRET=... go run ./examples/aibot
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/wecomkit/wecom/aibot"
	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/examples/internal/demo"
)

// botPath is where the callback handler is mounted.
const botPath = "/wecom/bot"

func main() { demo.Main("aibot", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	stdout = demo.SyncWriter(stdout)
	switch {
	case env("WECOM_BOT_ID") != "" || env("WECOM_BOT_SECRET") != "":
		v, err := env.Require("WECOM_BOT_ID", "WECOM_BOT_SECRET")
		if err != nil {
			return err
		}
		c, err := aibot.NewClient(aibot.WSConfig{BotID: v["WECOM_BOT_ID"], Secret: v["WECOM_BOT_SECRET"]},
			newEcho(nil, stdout, 100*time.Millisecond))
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, "connecting to WeCom's long connection; Ctrl-C to stop")
		return c.Run(ctx)
	case env("WECOM_BOT_TOKEN") != "" || env("WECOM_BOT_AES_KEY") != "":
		v, err := env.Require("WECOM_BOT_TOKEN", "WECOM_BOT_AES_KEY")
		if err != nil {
			return err
		}
		c, err := crypto.New(v["WECOM_BOT_TOKEN"], v["WECOM_BOT_AES_KEY"], "")
		if err != nil {
			return err
		}
		// One instance: streams in memory. Behind a load balancer, give
		// every instance aibot.NewStreams(redistoken.New(rdb)).
		streams := aibot.NewStreams(nil)
		srv := aibot.NewServer(c, newEcho(streams, stdout, 100*time.Millisecond), aibot.WithStreams(streams))
		l, _, err := demo.Listen(env.Or("WECOM_LISTEN", demo.DefaultListen))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "serving %s on %s; Ctrl-C to stop\n", botPath, l.Addr())
		mux := http.NewServeMux()
		mux.Handle(botPath, srv)
		return demo.Serve(ctx, l, mux)
	}
	return runOffline(ctx, stdout)
}

// echo answers text with the same words, one more in each stream frame,
// and greets users entering the chat.
type echo struct {
	streams *aibot.Streams // callback mode; nil over the long connection
	log     io.Writer
	delay   time.Duration  // between words, as a model would take
	wg      sync.WaitGroup // the streams being written
}

func newEcho(streams *aibot.Streams, log io.Writer, delay time.Duration) *echo {
	return &echo{streams: streams, log: log, delay: delay}
}

// ServeBot implements aibot.Handler.
func (e *echo) ServeBot(ctx context.Context, m *aibot.Message) (aibot.Reply, error) {
	switch {
	case m.Event != nil && m.Event.EventType == aibot.EventEnterChat:
		fmt.Fprintf(e.log, "%s entered the chat\n", m.From.UserID)
		return &aibot.TextReply{Content: "Hello! Write something and I will say it back."}, nil
	case m.Text != nil:
		fmt.Fprintf(e.log, "%s wrote: %s\n", m.From.UserID, m.Text.Content)
		words := strings.Fields(m.Text.Content)
		if rep, ok := aibot.WSReplierFrom(ctx); ok {
			// Long connection: push every frame ourselves.
			e.wg.Go(func() {
				e.stream(words, func(ctx context.Context, content string, finish bool) error {
					return rep.Send(ctx, &aibot.StreamReply{ID: m.MsgID, Content: content, Finish: finish})
				})
			})
			return nil, nil
		}
		// Callback mode: WeCom pulls the frames with refresh callbacks,
		// which the server answers from the stream store.
		st, err := e.streams.Open(ctx, aibot.StreamOptions{})
		if err != nil {
			return nil, err
		}
		e.wg.Go(func() {
			e.stream(words, func(ctx context.Context, content string, finish bool) error {
				if finish {
					return st.Finish(ctx)
				}
				return st.SetContent(ctx, content)
			})
		})
		return st.Reply(), nil
	}
	return nil, nil
}

// stream writes the words one at a time, then finishes.
func (e *echo) stream(words []string, write func(ctx context.Context, content string, finish bool) error) {
	ctx, cancel := context.WithTimeout(context.Background(), aibot.StreamLimit)
	defer cancel()
	for i := range words {
		time.Sleep(e.delay)
		if err := write(ctx, strings.Join(words[:i+1], " "), false); err != nil {
			fmt.Fprintln(e.log, "stream:", err)
			return
		}
	}
	if err := write(ctx, strings.Join(words, " "), true); err != nil {
		fmt.Fprintln(e.log, "stream:", err)
	}
}
