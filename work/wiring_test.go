package work

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/jssdk"
	"github.com/wecomkit/wecom/message"
)

func TestOAuthAndJSSDKShareTheAppToken(t *testing.T) {
	c, mt := newTestClient(t)
	tickets := stubJSON(t, mt, http.MethodGet, "/cgi-bin/ticket/get", `{"errcode":0,"ticket":"AGENT-TICKET","expires_in":7200}`)
	users := stubJSON(t, mt, http.MethodGet, "/cgi-bin/auth/getuserinfo", `{"errcode":0,"userid":"zhangsan"}`)
	ctx := context.Background()

	cfg, err := c.JSSDK.AgentConfig(ctx, "https://app.example.com/sidebar?x=1#frag")
	require.NoError(t, err)
	assert.Equal(t, testCorpID, cfg.CorpID)
	assert.EqualValues(t, "1000002", cfg.AgentID)
	assert.Equal(t, jssdk.Sign("AGENT-TICKET", cfg.NonceStr, cfg.Timestamp, "https://app.example.com/sidebar?x=1"), cfg.Signature)
	r := tickets.last(t)
	assertCall(t, r, http.MethodGet, "/cgi-bin/ticket/get")
	assert.Equal(t, "agent_config", r.Query.Get("type"))

	id, err := c.OAuth.UserFromCode(ctx, "CODE")
	require.NoError(t, err)
	assert.Equal(t, "zhangsan", id.UserID)
	assertCall(t, users.last(t), http.MethodGet, "/cgi-bin/auth/getuserinfo")

	assert.Equal(t, 1, tokenCalls(mt), "the app's token is fetched once for all services")
	_, err = c.Cache().Get(ctx, AccessTokenKey(testCorpID, testAgentID, testSecret))
	require.NoError(t, err, "Cache is the cache the token was stored in")

	u := c.OAuth.WithRedirectURL("https://app.example.com/cb").AuthCodeURL("st")
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	assert.Equal(t, testCorpID, parsed.Query().Get("appid"))
	assert.Equal(t, "https://app.example.com/cb", parsed.Query().Get("redirect_uri"))
}

// One WithLogger reaches every sub-client and the callback server: the
// JSSDK handler's and the callback server's records land in the client's
// logger, and a user option still overrides it.
func TestLoggerReachesSubClientsAndCallbackServer(t *testing.T) {
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := newTestClient(t, wecom.WithLogger(logger))
	stubJSON(t, mt, http.MethodGet, "/cgi-bin/get_jsapi_ticket", `{"errcode":40014,"errmsg":"invalid access_token"}`)

	rec := httptest.NewRecorder()
	(&jssdk.ConfigHandler{Client: c.JSSDK}).ServeHTTP(rec,
		httptest.NewRequest(http.MethodGet, "/jssdk?type=config&url="+url.QueryEscape("https://app.example.com/"), nil))
	assert.Equal(t, http.StatusBadGateway, rec.Code)
	assert.Contains(t, buf.String(), "jssdk: signing failed", "the JSSDK client logs to the client's logger")

	c.cfg.Token, c.cfg.EncodingAESKey = "QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	h, err := c.CallbackHandler(nil)
	require.NoError(t, err)
	before := buf.Len()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost,
		"/cb?msg_signature=0000000000000000000000000000000000000000&timestamp=1&nonce=n", strings.NewReader("<xml><Encrypt>x</Encrypt></xml>")))
	assert.Greater(t, buf.Len(), before, "the callback server logs to the client's logger")

	var own syncBuffer
	h, err = c.CallbackHandler(nil, message.WithLogger(slog.New(slog.NewTextHandler(&own, nil))))
	require.NoError(t, err)
	before = buf.Len()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost,
		"/cb?msg_signature=0000000000000000000000000000000000000000&timestamp=1&nonce=n", strings.NewReader("<xml><Encrypt>x</Encrypt></xml>")))
	assert.Equal(t, before, buf.Len(), "message.WithLogger overrides the client's logger")
	assert.NotZero(t, own.Len())
}

// CallbackHandler takes any message.Handler, a HandlerFunc included.
func TestCallbackHandlerAcceptsAnyHandler(t *testing.T) {
	c, _ := newTestClient(t)
	c.cfg.Token, c.cfg.EncodingAESKey = "QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	mc, err := crypto.New(c.cfg.Token, c.cfg.EncodingAESKey, testCorpID)
	require.NoError(t, err)
	got := make(chan string, 1)
	h, err := c.CallbackHandler(message.HandlerFunc(func(_ context.Context, m *message.Message) (message.Reply, error) {
		got <- m.FromUserName
		return nil, nil
	}))
	require.NoError(t, err)
	var typedNil *message.Router
	empty, err := c.CallbackHandler(typedNil)
	require.NoError(t, err, "a nil *Router is an empty router")

	plain := []byte("<xml><ToUserName><![CDATA[" + testCorpID + "]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
		"<CreateTime>" + strconv.FormatInt(time.Now().Unix(), 10) + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>1</MsgId></xml>")
	for _, srv := range []http.Handler{h, empty} {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		enc, err := mc.Encrypt(plain)
		require.NoError(t, err)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/cb?msg_signature="+crypto.Signature(c.cfg.Token, ts, "nonce", enc)+
			"&timestamp="+ts+"&nonce=nonce", strings.NewReader("<xml><Encrypt><![CDATA["+enc+"]]></Encrypt></xml>")))
		assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	}
	assert.Equal(t, "zhangsan", <-got)
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}
