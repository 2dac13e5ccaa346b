package openwork

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/token"
)

const (
	cbToken = "QDG6eK"
	cbKey   = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
)

// post encrypts plaintext for receiverID exactly as WeCom does and POSTs it
// to h at target.
func post(t *testing.T, h http.Handler, target, receiverID, plaintext string) *httptest.ResponseRecorder {
	t.Helper()
	mc, err := crypto.New(cbToken, cbKey, receiverID)
	require.NoError(t, err)
	enc, err := mc.Encrypt([]byte(plaintext))
	require.NoError(t, err)
	ts, nonce := "1700000000", "nonce1"
	q := url.Values{"msg_signature": {crypto.Signature(cbToken, ts, nonce, enc)}, "timestamp": {ts}, "nonce": {nonce}}
	body := "<xml><ToUserName><![CDATA[" + receiverID + "]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>"
	sep := "?"
	if strings.Contains(target, "?") {
		sep = "&"
	}
	req := httptest.NewRequest(http.MethodPost, target+sep+q.Encode(), strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func ticketXML(suiteID, ticket string) string {
	return "<xml><SuiteId><![CDATA[" + suiteID + "]]></SuiteId><InfoType><![CDATA[suite_ticket]]></InfoType>" +
		"<TimeStamp>1700000000</TimeStamp><SuiteTicket><![CDATA[" + ticket + "]]></SuiteTicket></xml>"
}

func newCallbackSuite(t *testing.T, p *Provider, id string) *Suite {
	t.Helper()
	s, err := p.Suite(SuiteConfig{SuiteID: id, SuiteSecret: "S-" + id, Token: cbToken, EncodingAESKey: cbKey})
	require.NoError(t, err)
	return s
}

func TestInstructionCallbackStoresTicketBeforeRouting(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	s := newCallbackSuite(t, p, "wwsuite1")
	ctx := context.Background()

	var seen atomic.Value
	r := message.NewRouter()
	message.On(r, func(ctx context.Context, m *message.Message, tk *message.SuiteTicket) (message.Reply, error) {
		stored, err := s.Ticket(ctx)
		seen.Store(stored + "|" + tk.SuiteTicket)
		return nil, err
	})
	h, err := s.CallbackHandler(r)
	require.NoError(t, err)

	rec := post(t, h, "/wecom/suite", "wwsuite1", ticketXML("wwsuite1", "TICKET-1"))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "success", rec.Body.String())
	assert.Equal(t, "TICKET-1|TICKET-1", seen.Load(), "stored before the handler runs")
	tk, err := s.Ticket(ctx)
	require.NoError(t, err)
	assert.Equal(t, "TICKET-1", tk)
}

func TestInstructionCallbackNeverStoresAnotherSuitesTicket(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	s1 := newCallbackSuite(t, p, "wwsuite1")
	s2 := newCallbackSuite(t, p, "wwsuite2")
	h1, err := s1.CallbackHandler(nil)
	require.NoError(t, err)
	h2, err := s2.CallbackHandler(nil)
	require.NoError(t, err)
	ctx := context.Background()

	require.Equal(t, http.StatusOK, post(t, h1, "/s1", "wwsuite1", ticketXML("wwsuite1", "T1")).Code)
	require.Equal(t, http.StatusOK, post(t, h2, "/s2", "wwsuite2", ticketXML("wwsuite2", "T2")).Code)

	// Suite 2's push sent to suite 1's URL: the receive id does not match.
	rec := post(t, h1, "/s1", "wwsuite2", ticketXML("wwsuite2", "T2-bis"))
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	// A ticket naming suite 2 inside a message for suite 1 is not stored.
	rec = post(t, h1, "/s1", "wwsuite1", ticketXML("wwsuite2", "T2-ter"))
	assert.Equal(t, http.StatusOK, rec.Code)

	t1, err := s1.Ticket(ctx)
	require.NoError(t, err)
	assert.Equal(t, "T1", t1)
	t2, err := s2.Ticket(ctx)
	require.NoError(t, err)
	assert.Equal(t, "T2", t2)
}

func TestInstructionCallbackURLVerificationWithProviderCorpID(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	h, err := newCallbackSuite(t, p, "wwsuite1").CallbackHandler(nil)
	require.NoError(t, err)
	for _, receiver := range []string{"wwprovider", "wwsuite1"} {
		mc, err := crypto.New(cbToken, cbKey, receiver)
		require.NoError(t, err)
		echo, err := mc.Encrypt([]byte("echo-" + receiver))
		require.NoError(t, err)
		q := url.Values{"msg_signature": {crypto.Signature(cbToken, "1", "n", echo)}, "timestamp": {"1"}, "nonce": {"n"}, "echostr": {echo}}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/s?"+q.Encode(), nil))
		assert.Equal(t, http.StatusOK, rec.Code, receiver)
		assert.Equal(t, "echo-"+receiver, rec.Body.String(), receiver)
	}
}

func TestCallbackHandlerBadKey(t *testing.T) {
	p, err := New(Config{CorpID: "wwprovider", EncodingAESKey: "short"})
	require.NoError(t, err)
	s, err := p.Suite(SuiteConfig{SuiteID: "s", SuiteSecret: "x", Token: "t", EncodingAESKey: "bad"})
	require.NoError(t, err)
	_, err = s.CallbackHandler(nil)
	require.ErrorIs(t, err, crypto.ErrAESKey)
	_, err = s.DataCallbackHandler(nil)
	require.ErrorIs(t, err, crypto.ErrAESKey)
	_, err = p.CallbackHandler(nil)
	require.Error(t, err)
}

func TestDataCallbackAcceptsAnyCorpAndSetsAuthCorpID(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	s := newCallbackSuite(t, p, "wwsuite1")
	got := make(chan string, 2)
	r := message.NewRouter()
	message.On(r, func(_ context.Context, m *message.Message, txt *message.Text) (message.Reply, error) {
		got <- m.AuthCorpID + ":" + txt.Content
		return &message.TextReply{Content: "hi " + m.AuthCorpID}, nil
	})
	h, err := s.DataCallbackHandler(r)
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/wecom/data/", h)

	for _, corp := range []string{"wwcorpA", "wwcorpB"} {
		xml := fmt.Sprintf("<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>"+
			"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>"+
			"<MsgId>1</MsgId><AgentID>1000012</AgentID></xml>", corp)
		rec := post(t, mux, "/wecom/data/"+corp, corp, xml) // the path WeCom builds from $CORPID$
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, corp+":hello", <-got)

		// The passive reply is encrypted for the same corp.
		env, err := crypto.ParseEnvelope(rec.Body.Bytes())
		require.NoError(t, err)
		mc, err := crypto.New(cbToken, cbKey, corp)
		require.NoError(t, err)
		plain, receiver, err := mc.Decrypt(env.Encrypt)
		require.NoError(t, err)
		assert.Equal(t, corp, receiver)
		assert.Contains(t, string(plain), "hi "+corp)
	}
}

func TestProviderSystemEvents(t *testing.T) {
	p, err := New(Config{CorpID: "wwprovider", Token: cbToken, EncodingAESKey: cbKey})
	require.NoError(t, err)
	got := make(chan *message.RegisterCorp, 1)
	r := message.NewRouter()
	message.On(r, func(_ context.Context, _ *message.Message, rc *message.RegisterCorp) (message.Reply, error) {
		got <- rc
		return nil, nil
	})
	h, err := p.CallbackHandler(r)
	require.NoError(t, err)
	xml := "<xml><ServiceCorpId><![CDATA[wwprovider]]></ServiceCorpId><InfoType><![CDATA[register_corp]]></InfoType>" +
		"<TimeStamp>1700000000</TimeStamp><RegisterCode><![CDATA[RC1]]></RegisterCode><AuthCorpId><![CDATA[wwnew]]></AuthCorpId>" +
		"<State><![CDATA[st]]></State><TemplateId><![CDATA[tpl]]></TemplateId></xml>"
	rec := post(t, h, "/provider", "wwprovider", xml)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "success", rec.Body.String())
	rc := <-got
	assert.Equal(t, "RC1", rc.RegisterCode)
	assert.Equal(t, "tpl", rc.TemplateID)

	assert.Equal(t, http.StatusBadRequest, post(t, h, "/provider", "wwsomeoneelse", xml).Code, "wrong receive id")
}
