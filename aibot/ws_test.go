package aibot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/wecomtest"
)

// wsClient starts a client on the fake and returns it with a function that
// stops it and returns Run's error.
func wsClient(t *testing.T, fake *wecomtest.BotWS, secret string, h Handler) (*Client, func() error) {
	t.Helper()
	c, err := NewClient(WSConfig{BotID: "BOT", Secret: secret, URL: fake.URL(), Heartbeat: 200 * time.Millisecond,
		AckTimeout: 2 * time.Second, MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond},
		h, wecom.WithHTTPClient(fake.HTTPClient()), wecom.WithLogger(slog.New(slog.NewTextHandler(tlog{t}, nil))))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(5 * time.Second):
				runErr = errors.New("Run did not return")
			}
		})
		return runErr
	}
	t.Cleanup(func() { _ = stop() })
	return c, stop
}

// tlog writes log records to the test's log.
type tlog struct{ t *testing.T }

func (l tlog) Write(p []byte) (int, error) { l.t.Log(strings.TrimSpace(string(p))); return len(p), nil }

func streamContent(t *testing.T, f wecomtest.BotWSFrame) (string, bool) {
	t.Helper()
	var body struct {
		MsgType string `json:"msgtype"`
		Stream  struct {
			ID      string `json:"id"`
			Finish  bool   `json:"finish"`
			Content string `json:"content"`
		} `json:"stream"`
	}
	require.NoError(t, json.Unmarshal(f.Body, &body))
	require.Equal(t, "stream", body.MsgType)
	return body.Stream.Content, body.Stream.Finish
}

// TestWSStreamSurvivesDroppedConnection: a handler streams an answer word
// by word over the long connection; the connection drops mid-stream; the
// client reconnects and subscribes again, and the rest of the stream
// reaches WeCom on the new connection.
func TestWSStreamSurvivesDroppedConnection(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	fake := wecomtest.NewBotWS(t, "BOT", "SECRET")
	step := make(chan struct{})
	streamErrs := make(chan error, 1)
	var calls atomic.Int32
	c, stop := wsClient(t, fake, "SECRET", HandlerFunc(func(hctx context.Context, m *Message) (Reply, error) {
		calls.Add(1)
		rep, ok := WSReplierFrom(hctx)
		require.True(t, ok)
		go func() {
			content := ""
			var err error
			for i, w := range strings.Fields("one two three") {
				if i > 0 {
					<-step
					content += " "
				}
				content += w
				frame := &StreamReply{ID: "S1", Content: content, Finish: i == 2}
				for {
					// A frame lost with the connection is sent again by the
					// handler: each frame holds the whole content.
					if err = rep.Send(ctx, frame); !errors.Is(err, ErrConnectionLost) {
						break
					}
				}
				if err != nil {
					break
				}
			}
			streamErrs <- err
		}()
		return nil, nil
	}))
	require.NoError(t, fake.WaitSubscribed(ctx, 1))

	reqID, err := fake.PushMessage(ctx, []byte(sampleText))
	require.NoError(t, err)
	frames, err := fake.WaitReplies(ctx, reqID, func(f []wecomtest.BotWSFrame) bool { return len(f) == 1 })
	require.NoError(t, err)
	got, finished := streamContent(t, frames[0])
	assert.Equal(t, "one", got)
	assert.False(t, finished)

	fake.Drop() // mid-stream
	step <- struct{}{}
	require.NoError(t, fake.WaitSubscribed(ctx, 2), "the client subscribes again")
	step <- struct{}{}
	require.NoError(t, <-streamErrs)
	frames = fake.Replies(reqID)
	require.NotEmpty(t, frames)
	for _, f := range frames {
		assert.Equal(t, "aibot_respond_msg", f.Cmd)
	}
	got, finished = streamContent(t, frames[len(frames)-1])
	assert.Equal(t, "one two three", got)
	assert.True(t, finished)
	assert.Equal(t, int32(1), calls.Load())

	// A frame after the finish: 846608.
	rep := &WSReplier{c: c, reqID: reqID, m: &Message{}}
	assert.ErrorIs(t, rep.Send(ctx, &StreamReply{ID: "S1", Content: "late"}), ErrStreamUpdateExpired)
	// A req_id WeCom never sent: 846605.
	bogus := &WSReplier{c: c, reqID: "nope", m: &Message{}}
	err = bogus.Send(ctx, &StreamReply{ID: "S2", Content: "x"})
	assert.ErrorIs(t, err, ErrInvalidReqID)
	var apiErr *wecom.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 846605, apiErr.Code)

	// A proactive message.
	require.NoError(t, c.Send(ctx, "CHATID", &MarkdownReply{Content: "**hi**"}))
	sent := fake.Sent()
	require.Len(t, sent, 1)
	assert.JSONEq(t, `{"chatid":"CHATID","msgtype":"markdown","markdown":{"content":"**hi**"}}`, string(sent[0].Body))

	assert.ErrorIs(t, stop(), context.Canceled)
}

func TestWSEventsRepliesAndDedup(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	fake := wecomtest.NewBotWS(t, "BOT", "SECRET")
	var mu sync.Mutex
	var kinds []string
	_, _ = wsClient(t, fake, "SECRET", HandlerFunc(func(_ context.Context, m *Message) (Reply, error) {
		mu.Lock()
		kinds = append(kinds, m.Kind())
		mu.Unlock()
		switch {
		case m.Event != nil && m.Event.EventType == EventEnterChat:
			return &TextReply{Content: "welcome"}, nil
		case m.Event != nil && m.Event.EventType == EventTemplateCard:
			return &CardUpdateReply{Card: &TemplateCard{CardType: CardTextNotice, MainTitle: &CardTitle{Title: "done"}}}, nil
		}
		return nil, nil
	}))
	require.NoError(t, fake.WaitSubscribed(ctx, 1))

	welcome, err := fake.PushEvent(ctx, []byte(sampleEnterChat))
	require.NoError(t, err)
	frames, err := fake.WaitReplies(ctx, welcome, func(f []wecomtest.BotWSFrame) bool { return len(f) == 1 })
	require.NoError(t, err)
	assert.Equal(t, "aibot_respond_welcome_msg", frames[0].Cmd)
	assert.JSONEq(t, `{"msgtype":"text","text":{"content":"welcome"}}`, string(frames[0].Body))

	// Every sample of the pages has the same msgid: give this one its own.
	card, err := fake.PushEvent(ctx, []byte(strings.Replace(sampleCardEvent, `CAIQ16HMjQYY`, `CARDEVENT`, 1)))
	require.NoError(t, err)
	frames, err = fake.WaitReplies(ctx, card, func(f []wecomtest.BotWSFrame) bool { return len(f) == 1 })
	require.NoError(t, err)
	assert.Equal(t, "aibot_respond_update_msg", frames[0].Cmd)
	assert.Contains(t, string(frames[0].Body), `"response_type":"update_template_card"`)

	// The same enter_chat (same msgid) pushed again is not handled twice.
	again, err := fake.PushEvent(ctx, []byte(sampleEnterChat))
	require.NoError(t, err)
	time.Sleep(200 * time.Millisecond)
	assert.Empty(t, fake.Replies(again))
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"event:enter_chat", "event:template_card_event"}, kinds)
}

func TestWSWrongSecretStops(t *testing.T) {
	fake := wecomtest.NewBotWS(t, "BOT", "SECRET")
	c, err := NewClient(WSConfig{BotID: "BOT", Secret: "WRONG", URL: fake.URL(), MinBackoff: 10 * time.Millisecond},
		HandlerFunc(func(context.Context, *Message) (Reply, error) { return nil, nil }), wecom.WithHTTPClient(fake.HTTPClient()))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = c.Run(ctx)
	require.ErrorIs(t, err, ErrSubscribe)
	assert.NotContains(t, err.Error(), "WRONG", "the secret never reaches an error")

	_, err = NewClient(WSConfig{BotID: "BOT"}, HandlerFunc(func(context.Context, *Message) (Reply, error) { return nil, nil }))
	assert.ErrorIs(t, err, wecom.ErrConfig)
}

// TestWSHeartbeatReconnects: pings that get no answer make the client drop
// the connection and make a new one.
func TestWSHeartbeatReconnects(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	fake := wecomtest.NewBotWS(t, "BOT", "SECRET")
	c, err := NewClient(WSConfig{BotID: "BOT", Secret: "SECRET", URL: fake.URL(), Heartbeat: 50 * time.Millisecond,
		AckTimeout: 50 * time.Millisecond, MinBackoff: 10 * time.Millisecond, MaxBackoff: 20 * time.Millisecond},
		HandlerFunc(func(context.Context, *Message) (Reply, error) { return nil, nil }), wecom.WithHTTPClient(fake.HTTPClient()))
	require.NoError(t, err)
	rctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- c.Run(rctx) }()
	require.NoError(t, fake.WaitSubscribed(ctx, 1))
	assert.Error(t, c.Run(ctx), "one Run at a time")
	fake.MutePings(true)
	require.NoError(t, fake.WaitSubscribed(ctx, 2), "a silent connection is replaced")
	fake.MutePings(false)
	stop()
	assert.ErrorIs(t, <-done, context.Canceled)
}
