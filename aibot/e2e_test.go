package aibot_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/aibot"
	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/wecomtest"
)

// TestEchoBotAgainstFake runs an echo bot that streams its answer word by
// word behind a real HTTP server, and the fake WeCom chatting with it: the
// message, then refreshes until the stream finishes.
func TestEchoBotAgainstFake(t *testing.T) {
	const token, key = "botToken", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	c, err := crypto.New(token, key, "")
	require.NoError(t, err)
	streams := aibot.NewStreams(nil)
	bot := aibot.NewServer(c, aibot.HandlerFunc(func(ctx context.Context, m *aibot.Message) (aibot.Reply, error) {
		if m.Text == nil {
			return nil, nil
		}
		st, err := streams.Open(ctx, aibot.StreamOptions{})
		if err != nil {
			return nil, err
		}
		words := strings.Fields(m.Text.Content)
		go func() {
			for i, w := range words {
				if i > 0 {
					w = " " + w
				}
				time.Sleep(5 * time.Millisecond)
				if err := st.Append(context.Background(), w); err != nil {
					t.Error(err)
					return
				}
			}
			if err := st.Finish(context.Background()); err != nil {
				t.Error(err)
			}
		}()
		return st.Reply(), nil
	}), aibot.WithStreams(streams),
		// The package's internal tests pin the server clock to their
		// samples' time; the fake signs with the real one.
		aibot.WithReplayWindow(0))
	srv := httptest.NewServer(bot)
	defer srv.Close()

	fake := wecomtest.NewTestServer(t)
	cfg := wecomtest.BotConfig{Token: token, EncodingAESKey: key}
	chat, err := fake.ChatWithBot(context.Background(), srv.URL+"/bot", cfg,
		wecomtest.BotMessage{UserID: "zhangsan", Text: "hello from the fake WeCom", Interval: 10 * time.Millisecond})
	require.NoError(t, err)
	assert.True(t, chat.Finished)
	assert.Equal(t, "hello from the fake WeCom", chat.Content)
	assert.GreaterOrEqual(t, len(chat.Replies), 2, "the answer and at least one refresh")
}
