package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/aibot"
	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/wecomtest"
)

const question = "hello from the fake WeCom"

// runOffline has a fake WeCom chat with the bot in both modes.
func runOffline(ctx context.Context, stdout io.Writer) error {
	if err := offlineCallback(ctx, stdout); err != nil {
		return err
	}
	return offlineLongConnection(ctx, stdout)
}

// offlineCallback serves the bot's callback URL on 127.0.0.1 and has the
// fake send a message and follow the stream with refresh callbacks.
func offlineCallback(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewServer()
	defer fake.Close()
	token, key := demo.CallbackSecrets()
	c, err := crypto.New(token, key, "")
	if err != nil {
		return err
	}
	streams := aibot.NewStreams(nil)
	bot := newEcho(streams, stdout, 5*time.Millisecond)
	defer bot.wg.Wait()
	srv := aibot.NewServer(c, bot, aibot.WithStreams(streams))
	mux := http.NewServeMux()
	mux.Handle(botPath, srv)
	l, base, err := demo.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	stop := demo.Background(l, mux)
	defer stop()
	fmt.Fprintln(stdout, "callback mode: a fake WeCom posts to", base+botPath)

	chat, err := fake.ChatWithBot(ctx, base+botPath, wecomtest.BotConfig{Token: token, EncodingAESKey: key},
		wecomtest.BotMessage{UserID: "zhangsan", Text: question, Interval: 10 * time.Millisecond})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "callback mode: answer %q (finished: %t)\n", chat.Content, chat.Finished)
	return nil
}

// offlineLongConnection connects the bot to a fake long connection, which
// pushes a welcome event and a message and collects the stream frames.
func offlineLongConnection(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewBotWSServer("fakebot", "fakesecret")
	defer fake.Close()
	bot := newEcho(nil, stdout, 5*time.Millisecond)
	client, err := aibot.NewClient(aibot.WSConfig{BotID: "fakebot", Secret: "fakesecret", URL: fake.URL()},
		bot, wecom.WithHTTPClient(fake.HTTPClient()))
	if err != nil {
		return err
	}
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- client.Run(cctx) }()
	defer func() {
		cancel()
		<-done
	}()
	if err := fake.WaitSubscribed(ctx, 1); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "long connection: subscribed to", fake.URL())

	enter, _ := json.Marshal(map[string]any{"msgid": "m1", "aibotid": "fakebot", "chattype": "single",
		"from": map[string]string{"userid": "lisi"}, "msgtype": "event", "event": map[string]string{"eventtype": "enter_chat"}})
	reqID, err := fake.PushEvent(ctx, enter)
	if err != nil {
		return err
	}
	frames, err := fake.WaitReplies(ctx, reqID, func(f []wecomtest.BotWSFrame) bool { return len(f) > 0 })
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "long connection: %s %s\n", frames[0].Cmd, frames[0].Body)

	text, _ := json.Marshal(map[string]any{"msgid": "m2", "aibotid": "fakebot", "chattype": "single",
		"from": map[string]string{"userid": "lisi"}, "msgtype": "text", "text": map[string]string{"content": question}})
	if reqID, err = fake.PushMessage(ctx, text); err != nil {
		return err
	}
	var last struct {
		Stream struct {
			Content string `json:"content"`
			Finish  bool   `json:"finish"`
		} `json:"stream"`
	}
	frames, err = fake.WaitReplies(ctx, reqID, func(f []wecomtest.BotWSFrame) bool {
		return len(f) > 0 && json.Unmarshal(f[len(f)-1].Body, &last) == nil && last.Stream.Finish
	})
	if err != nil {
		return err
	}
	bot.wg.Wait() // the last frame's acknowledgement, before disconnecting
	fmt.Fprintf(stdout, "long connection: answer %q in %d frames (finished: %t)\n", last.Stream.Content, len(frames), last.Stream.Finish)
	return nil
}
