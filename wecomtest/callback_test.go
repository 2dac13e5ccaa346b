package wecomtest

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/crypto"
)

const (
	testToken  = "QDG6eK"
	testAESKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
)

var corpCallback = CallbackConfig{Token: testToken, EncodingAESKey: testAESKey, ReceiverID: DefaultCorpID, AgentID: "1000002"}

// receiver is a callback endpoint written the way an app would write it,
// with the crypto package.
type receiver struct {
	t       *testing.T
	mc      *crypto.MsgCrypt
	mu      sync.Mutex
	got     [][]byte     // decrypted POST bodies
	queries []url.Values // queries of every request
	reply   func(msg []byte, timestamp, nonce string) []byte
	echo    func(plain []byte) []byte
}

func newReceiver(t *testing.T, receiverID string) (*receiver, *httptest.Server) {
	mc, err := crypto.New(testToken, testAESKey, receiverID)
	require.NoError(t, err)
	r := &receiver{t: t, mc: mc}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	r.mu.Lock()
	r.queries = append(r.queries, q)
	r.mu.Unlock()
	sig, ts, nonce := q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce")
	if req.Method == http.MethodGet {
		plain, err := r.mc.VerifyURL(sig, ts, nonce, q.Get("echostr"))
		if err != nil {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		if r.echo != nil {
			plain = r.echo(plain)
		}
		_, _ = w.Write(plain)
		return
	}
	body, _ := io.ReadAll(req.Body)
	msg, err := r.mc.DecryptMsg(sig, ts, nonce, body)
	if err != nil {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	r.mu.Lock()
	r.got = append(r.got, msg)
	r.mu.Unlock()
	if r.reply != nil {
		_, _ = w.Write(r.reply(msg, ts, nonce))
	}
}

const textMessage = `<xml><ToUserName><![CDATA[wwfakecorp]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>` +
	`<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>` +
	`<MsgId>1234567890123456</MsgId><AgentID>1000002</AgentID></xml>`

func TestSendCallbackRoundTrip(t *testing.T) {
	s := newTestServer(t)
	r, srv := newReceiver(t, DefaultCorpID)
	const passive = `<xml><ToUserName><![CDATA[lisi]]></ToUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi back]]></Content></xml>`
	r.reply = func(_ []byte, ts, nonce string) []byte {
		out, err := r.mc.EncryptMsg([]byte(passive), ts, nonce)
		assert.NoError(t, err)
		return out
	}

	reply, err := s.SendCallback(context.Background(), srv.URL+"/callback?corp=wwfakecorp", corpCallback, []byte(textMessage))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, reply.StatusCode)
	assert.Equal(t, passive, string(reply.Reply), "the passive reply is verified and decrypted")
	assert.Contains(t, string(reply.Body), "<Encrypt>")

	require.Len(t, r.got, 1)
	assert.Equal(t, textMessage, string(r.got[0]), "the receiver decrypted the message")
	q := r.queries[0]
	assert.Equal(t, "wwfakecorp", q.Get("corp"), "the URL's own query is kept")
	assert.Len(t, q.Get("msg_signature"), 40)
	assert.Regexp(t, `^\d+$`, q.Get("timestamp"))
	assert.NotEmpty(t, q.Get("nonce"))
}

func TestSendCallbackEnvelope(t *testing.T) {
	s := newTestServer(t)
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ = io.ReadAll(req.Body)
	}))
	defer srv.Close()
	_, err := s.SendCallback(context.Background(), srv.URL, corpCallback, []byte(textMessage))
	require.NoError(t, err)
	env, err := crypto.ParseEnvelope(body)
	require.NoError(t, err)
	assert.Equal(t, DefaultCorpID, env.ToUserName)
	assert.Equal(t, "1000002", env.AgentID)
	var std struct {
		ToUserName, AgentID, Encrypt string
	}
	require.NoError(t, xml.Unmarshal(body, &std), "encoding/xml reads it too")
	assert.Equal(t, env.Encrypt, std.Encrypt)
}

func TestSendCallbackPlainReplies(t *testing.T) {
	s := newTestServer(t)
	r, srv := newReceiver(t, DefaultCorpID)
	for _, body := range []string{"", "success", "<xml><Content>plain</Content></xml>"} {
		r.reply = func([]byte, string, string) []byte { return []byte(body) }
		reply, err := s.SendCallback(context.Background(), srv.URL, corpCallback, []byte(textMessage))
		require.NoError(t, err, body)
		assert.Equal(t, body, string(reply.Body))
		assert.Nil(t, reply.Reply, body)
	}
}

func TestSendCallbackDetectsABadReplySignature(t *testing.T) {
	s := newTestServer(t)
	r, srv := newReceiver(t, DefaultCorpID)
	r.reply = func(_ []byte, ts, nonce string) []byte {
		out, err := r.mc.EncryptMsg([]byte("<xml>reply</xml>"), ts, nonce)
		assert.NoError(t, err)
		// Sign with another token: the signature no longer matches.
		other, err := crypto.New("OtherToken", testAESKey, DefaultCorpID)
		assert.NoError(t, err)
		forged, err := other.EncryptMsg([]byte("<xml>reply</xml>"), ts, nonce)
		assert.NoError(t, err)
		sig := between(string(forged), "<MsgSignature><![CDATA[", "]]>")
		return []byte(strings.Replace(string(out), between(string(out), "<MsgSignature><![CDATA[", "]]>"), sig, 1))
	}
	reply, err := s.SendCallback(context.Background(), srv.URL, corpCallback, []byte(textMessage))
	require.ErrorIs(t, err, crypto.ErrSignature)
	require.NotNil(t, reply, "the raw reply is still returned")
	assert.Nil(t, reply.Reply)

	r.reply = func([]byte, string, string) []byte { return []byte("<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>") }
	_, err = s.SendCallback(context.Background(), srv.URL, corpCallback, []byte(textMessage))
	require.ErrorIs(t, err, ErrMalformedReply)
}

func TestSendCallbackReplyWithWrongReceiverID(t *testing.T) {
	s := newTestServer(t)
	r, srv := newReceiver(t, DefaultCorpID)
	wrong, err := crypto.New(testToken, testAESKey, "wwsomeoneelse")
	require.NoError(t, err)
	r.reply = func(_ []byte, ts, nonce string) []byte {
		out, err := wrong.EncryptMsg([]byte("<xml>reply</xml>"), ts, nonce)
		assert.NoError(t, err)
		return out
	}
	_, err = s.SendCallback(context.Background(), srv.URL, corpCallback, []byte(textMessage))
	require.ErrorIs(t, err, crypto.ErrReceiverID)
}

func TestSendCallbackRejectedByReceiver(t *testing.T) {
	s := newTestServer(t)
	_, srv := newReceiver(t, "wwanotherreceiver")
	reply, err := s.SendCallback(context.Background(), srv.URL, corpCallback, []byte(textMessage))
	require.NoError(t, err, "the status is the caller's to judge")
	assert.Equal(t, http.StatusForbidden, reply.StatusCode)
}

func TestSendCallbackInputErrors(t *testing.T) {
	s := newTestServer(t)
	ctx := context.Background()
	bad := corpCallback
	bad.EncodingAESKey = "short"
	_, err := s.SendCallback(ctx, "http://127.0.0.1:1/", bad, []byte("<xml/>"))
	require.ErrorIs(t, err, crypto.ErrAESKey)
	_, err = s.VerifyURL(ctx, "http://127.0.0.1:1/", bad)
	require.ErrorIs(t, err, crypto.ErrAESKey)

	_, err = s.SendCallback(ctx, "not a url", corpCallback, []byte("<xml/>"))
	require.Error(t, err)
	injected := corpCallback
	injected.ToUserName = "a]]>b"
	_, err = s.SendCallback(ctx, "http://127.0.0.1:1/", injected, []byte("<xml/>"))
	require.Error(t, err)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.SendCallback(cancelled, s.URL(), corpCallback, []byte("<xml/>"))
	require.ErrorIs(t, err, context.Canceled)
}

func TestVerifyURL(t *testing.T) {
	s := newTestServer(t)
	r, srv := newReceiver(t, DefaultCorpID)
	echo, err := s.VerifyURL(context.Background(), srv.URL+"/cb?x=1", corpCallback)
	require.NoError(t, err)
	assert.Regexp(t, `^\d{19}$`, echo)
	assert.Equal(t, "1", r.queries[0].Get("x"))
	assert.NotEmpty(t, r.queries[0].Get("echostr"))

	r.echo = func(p []byte) []byte { return append(p, '\n') }
	_, err = s.VerifyURL(context.Background(), srv.URL, corpCallback)
	require.ErrorIs(t, err, ErrCallbackRejected, "the echo must be exact")

	wrongToken := corpCallback
	wrongToken.Token = "NotTheToken"
	_, err = s.VerifyURL(context.Background(), srv.URL, wrongToken)
	require.ErrorIs(t, err, ErrCallbackRejected, "the receiver answers 403")
}

func TestPushSuiteTicket(t *testing.T) {
	s := newTestServer(t)
	r, srv := newReceiver(t, DefaultSuiteID)
	r.reply = func([]byte, string, string) []byte { return []byte("success") }
	cfg := CallbackConfig{Token: testToken, EncodingAESKey: testAESKey}

	ticket, err := s.PushSuiteTicket(context.Background(), srv.URL, DefaultSuiteID, cfg)
	require.NoError(t, err)
	assert.Equal(t, s.SuiteTicket(DefaultSuiteID), ticket)

	var push struct {
		SuiteID     string `xml:"SuiteId"`
		InfoType    string `xml:"InfoType"`
		TimeStamp   int64  `xml:"TimeStamp"`
		SuiteTicket string `xml:"SuiteTicket"`
	}
	require.Len(t, r.got, 1)
	require.NoError(t, xml.Unmarshal(r.got[0], &push))
	assert.Equal(t, DefaultSuiteID, push.SuiteID)
	assert.Equal(t, "suite_ticket", push.InfoType)
	assert.Equal(t, ticket, push.SuiteTicket)
	assert.Positive(t, push.TimeStamp)

	// The pushed ticket gets the suite token.
	assert.NotEmpty(t, suiteToken(t, s, DefaultSuiteID, DefaultSuiteSecret))

	r.reply = func([]byte, string, string) []byte { return []byte("ok") }
	_, err = s.PushSuiteTicket(context.Background(), srv.URL, DefaultSuiteID, cfg)
	require.ErrorIs(t, err, ErrCallbackRejected)
	_, err = s.PushSuiteTicket(context.Background(), srv.URL, "wwnosuite", cfg)
	require.ErrorIs(t, err, ErrSetup)
}

func TestPushCreateAuth(t *testing.T) {
	s := newTestServer(t)
	r, srv := newReceiver(t, DefaultSuiteID)
	r.reply = func([]byte, string, string) []byte { return []byte("success") }
	cfg := CallbackConfig{Token: testToken, EncodingAESKey: testAESKey}

	code, err := s.PushCreateAuth(context.Background(), srv.URL, DefaultSuiteID, "wwclient", cfg)
	require.NoError(t, err)
	var push struct {
		InfoType string `xml:"InfoType"`
		AuthCode string `xml:"AuthCode"`
	}
	require.NoError(t, xml.Unmarshal(r.got[0], &push))
	assert.Equal(t, "create_auth", push.InfoType)
	assert.Equal(t, code, push.AuthCode)

	s.IssueSuiteTicket(DefaultSuiteID)
	sq := url.Values{"suite_access_token": {suiteToken(t, s, DefaultSuiteID, DefaultSuiteSecret)}}
	a := post(t, s, "/cgi-bin/service/v2/get_permanent_code", sq, map[string]any{"auth_code": code})
	require.Equal(t, 0, a.code(t), "%v", a)
	var corp map[string]string
	remarshal(t, a["auth_corp_info"], &corp)
	assert.Equal(t, "wwclient", corp["corpid"])

	_, err = s.PushCreateAuth(context.Background(), srv.URL, DefaultSuiteID, "", cfg)
	require.ErrorIs(t, err, ErrSetup)
}

func TestCDATASplitsTerminators(t *testing.T) {
	var v struct {
		X string `xml:"X"`
	}
	require.NoError(t, xml.Unmarshal([]byte("<xml><X>"+cdata("a]]>b")+"</X></xml>"), &v))
	assert.Equal(t, "a]]>b", v.X)
}

func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return v
}
