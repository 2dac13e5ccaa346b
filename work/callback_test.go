package work_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

const (
	cbToken = "QDG6eK"
	cbKey   = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
)

func TestCallbackHandlerRoutesAndReplies(t *testing.T) {
	fake := wecomtest.NewServer()
	defer fake.Close()
	c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1000002, Secret: "s", Token: cbToken, EncodingAESKey: cbKey})
	require.NoError(t, err)

	changes := make(chan *message.CreateUser, 1)
	r := message.NewRouter()
	message.On(r, func(_ context.Context, m *message.Message, txt *message.Text) (message.Reply, error) {
		return &message.TextReply{Content: "echo: " + txt.Content}, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, u *message.CreateUser) (message.Reply, error) {
		changes <- u
		return nil, nil
	})
	h, err := c.CallbackHandler(r, message.WithDedup(token.NewMemoryCache(), 0))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	ctx := context.Background()
	cfg := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey, ReceiverID: "wwcorp", AgentID: "1000002"}

	echo, err := fake.VerifyURL(ctx, srv.URL+"/callback?extra=1", cfg)
	require.NoError(t, err)
	assert.NotEmpty(t, echo)

	text := `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>` +
		`<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>` +
		`<MsgId>123</MsgId><AgentID>1000002</AgentID></xml>`
	reply, err := fake.SendCallback(ctx, srv.URL+"/callback", cfg, []byte(text))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, reply.StatusCode)
	assert.Contains(t, string(reply.Reply), "<Content><![CDATA[echo: hello]]></Content>")
	assert.Contains(t, string(reply.Reply), "<ToUserName><![CDATA[zhangsan]]></ToUserName>")

	created := `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
		`<CreateTime>1700000001</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>` +
		`<ChangeType>create_user</ChangeType><UserID><![CDATA[lisi]]></UserID><Name><![CDATA[Li Si]]></Name>` +
		`<Department><![CDATA[1,2]]></Department></xml>`
	reply, err = fake.SendCallback(ctx, srv.URL+"/callback", cfg, []byte(created))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, reply.StatusCode)
	assert.Empty(t, reply.Body, "no passive reply: an empty 200")
	u := <-changes
	assert.Equal(t, "lisi", u.UserID)

	// A re-send of the same message is acknowledged but not handled again.
	reply, err = fake.SendCallback(ctx, srv.URL+"/callback", cfg, []byte(created))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, reply.StatusCode)
	assert.Empty(t, changes)

	// Another corp's message is refused.
	other := cfg
	other.ReceiverID = "wwother"
	reply, err = fake.SendCallback(ctx, srv.URL+"/callback", other, []byte(text))
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, reply.StatusCode)

	// A forged signature is refused.
	resp, err := http.Post(srv.URL+"/callback?msg_signature=0000000000000000000000000000000000000000&timestamp=1&nonce=2",
		"text/xml", strings.NewReader("<xml><Encrypt><![CDATA[abcd]]></Encrypt></xml>"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

func TestCallbackHandlerBadKey(t *testing.T) {
	c, err := work.New(work.Config{CorpID: "wwcorp", Secret: "s", Token: "t", EncodingAESKey: "too-short"})
	require.NoError(t, err)
	_, err = c.CallbackHandler(nil)
	require.ErrorIs(t, err, crypto.ErrAESKey)
}

func TestCallbackHandlerDedupsThroughTheClientsCache(t *testing.T) {
	// Two instances of a service share one cache (Redis in production):
	// a callback WeCom re-sends to the other instance is not handled twice,
	// with no option given. WithDedup(nil, 0) turns it off.
	fake := wecomtest.NewTestServer(t)
	shared := token.NewMemoryCache()
	cfg := work.Config{CorpID: "wwcorp", AgentID: 1000002, Secret: "s", Token: cbToken, EncodingAESKey: cbKey}
	handled := 0
	h := message.HandlerFunc(func(context.Context, *message.Message) (message.Reply, error) {
		handled++
		return nil, nil
	})
	instance := func(opts ...message.ServerOption) string {
		c, err := work.New(cfg, wecom.WithCache(shared))
		require.NoError(t, err)
		cb, err := c.CallbackHandler(h, opts...)
		require.NoError(t, err)
		srv := httptest.NewServer(cb)
		t.Cleanup(srv.Close)
		return srv.URL
	}
	created := `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
		`<CreateTime>1700000001</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>` +
		`<ChangeType>create_user</ChangeType><UserID><![CDATA[lisi]]></UserID></xml>`
	send := func(url string) {
		t.Helper()
		reply, err := fake.SendCallback(context.Background(), url, wecomtest.CallbackConfig{
			Token: cbToken, EncodingAESKey: cbKey, ReceiverID: "wwcorp", AgentID: "1000002"}, []byte(created))
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, reply.StatusCode)
	}
	a, b := instance(), instance()
	send(a)
	send(b)
	assert.Equal(t, 1, handled)

	off := instance(message.WithDedup(nil, 0))
	send(off)
	assert.Equal(t, 2, handled)
}
