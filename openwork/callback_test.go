package openwork

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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
// to h at target, signed now.
func post(t *testing.T, h http.Handler, target, receiverID, plaintext string) *httptest.ResponseRecorder {
	t.Helper()
	return postAt(t, h, target, receiverID, plaintext, time.Now())
}

// postAt is post signed at the given time, as a capture of a callback sent
// then and replayed now.
func postAt(t *testing.T, h http.Handler, target, receiverID, plaintext string, at time.Time) *httptest.ResponseRecorder {
	t.Helper()
	mc, err := crypto.New(cbToken, cbKey, receiverID)
	require.NoError(t, err)
	enc, err := mc.Encrypt([]byte(plaintext))
	require.NoError(t, err)
	ts, nonce := strconv.FormatInt(at.Unix(), 10), "nonce1"
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

// ticketXML is a suite_ticket push of now.
func ticketXML(suiteID, ticket string) string { return ticketXMLAt(suiteID, ticket, time.Now()) }

// ticketXMLAt is a suite_ticket push whose TimeStamp is at.
func ticketXMLAt(suiteID, ticket string, at time.Time) string {
	return "<xml><SuiteId><![CDATA[" + suiteID + "]]></SuiteId><InfoType><![CDATA[suite_ticket]]></InfoType>" +
		"<TimeStamp>" + strconv.FormatInt(at.Unix(), 10) + "</TimeStamp><SuiteTicket><![CDATA[" + ticket + "]]></SuiteTicket></xml>"
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
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		q := url.Values{"msg_signature": {crypto.Signature(cbToken, ts, "n", echo)}, "timestamp": {ts}, "nonce": {"n"}, "echostr": {echo}}
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

func TestOlderSuiteTicketPushNeverReplacesANewerOne(t *testing.T) {
	f := newFake(t)
	cache := token.NewMemoryCache()
	p, err := New(Config{CorpID: "wwprovider"}, f.options(cache)...)
	require.NoError(t, err)
	s := newCallbackSuite(t, p, "wwsuite1")
	h, err := s.CallbackHandler(nil)
	require.NoError(t, err)
	ctx := context.Background()
	now := time.Now()

	// WeCom's callbacks can arrive out of order: the push of 12:10 comes in,
	// then the delayed (or replayed) one of 12:00. Both are acknowledged;
	// the ticket of 12:10 stays.
	require.Equal(t, "success", post(t, h, "/s", "wwsuite1", ticketXMLAt("wwsuite1", "NEWER", now)).Body.String())
	require.Equal(t, "success", post(t, h, "/s", "wwsuite1", ticketXMLAt("wwsuite1", "OLDER", now.Add(-4*time.Minute))).Body.String())
	tk, err := s.Ticket(ctx)
	require.NoError(t, err)
	assert.Equal(t, "NEWER", tk, "an older push replaced the newer ticket")
	stored, err := cache.Get(ctx, "wecom:suite_ticket:wwsuite1")
	require.NoError(t, err)
	assert.Equal(t, "NEWER", stored, "the ticket's key holds the bare ticket, readable by every version")

	// In order, each push replaces the last; a push of the same second too.
	require.Equal(t, http.StatusOK, post(t, h, "/s", "wwsuite1", ticketXMLAt("wwsuite1", "NEXT", now.Add(time.Second))).Code)
	require.Equal(t, http.StatusOK, post(t, h, "/s", "wwsuite1", ticketXMLAt("wwsuite1", "SAME-SECOND", now.Add(time.Second))).Code)
	tk, err = s.Ticket(ctx)
	require.NoError(t, err)
	assert.Equal(t, "SAME-SECOND", tk)

	// With the replay window off, a push older than a ticket's 30 minutes
	// is not stored either, even with nothing stored.
	cache2 := token.NewMemoryCache()
	p2, err := New(Config{CorpID: "wwprovider"}, f.options(cache2)...)
	require.NoError(t, err)
	s2 := newCallbackSuite(t, p2, "wwsuite1")
	h2, err := s2.CallbackHandler(nil, message.WithReplayWindow(0))
	require.NoError(t, err)
	hourAgo := now.Add(-time.Hour)
	rec := postAt(t, h2, "/s", "wwsuite1", ticketXMLAt("wwsuite1", "HOUR-OLD", hourAgo), hourAgo)
	assert.Equal(t, "success", rec.Body.String())
	_, err = s2.Ticket(ctx)
	assert.ErrorIs(t, err, ErrNoSuiteTicket)

	// SetTicket stores what it is given, as the current ticket.
	require.NoError(t, s.SetTicket(ctx, "MANUAL"))
	tk, err = s.Ticket(ctx)
	require.NoError(t, err)
	assert.Equal(t, "MANUAL", tk)
}

func TestReplayedSuiteTicketPushIsRefused(t *testing.T) {
	// A push captured an hour ago and replayed now is refused before the
	// ticket is touched (the replay window is on by default).
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	s := newCallbackSuite(t, p, "wwsuite1")
	h, err := s.CallbackHandler(nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, post(t, h, "/s", "wwsuite1", ticketXML("wwsuite1", "LIVE")).Code)
	hourAgo := time.Now().Add(-time.Hour)
	rec := postAt(t, h, "/s", "wwsuite1", ticketXMLAt("wwsuite1", "CAPTURED", hourAgo), hourAgo)
	assert.Equal(t, http.StatusForbidden, rec.Code)
	tk, err := s.Ticket(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "LIVE", tk)
}

// capture is a signed callback request that can be sent again byte for
// byte, as an attacker who captured it would.
type capture struct{ target, body string }

func captureAt(t *testing.T, receiverID, plaintext string, at time.Time) capture {
	t.Helper()
	mc, err := crypto.New(cbToken, cbKey, receiverID)
	require.NoError(t, err)
	enc, err := mc.Encrypt([]byte(plaintext))
	require.NoError(t, err)
	ts := strconv.FormatInt(at.Unix(), 10)
	q := url.Values{"msg_signature": {crypto.Signature(cbToken, ts, "n1", enc)}, "timestamp": {ts}, "nonce": {"n1"}}
	return capture{"/s?" + q.Encode(), "<xml><ToUserName><![CDATA[" + receiverID + "]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>"}
}

func (c capture) send(h http.Handler) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, c.target, strings.NewReader(c.body)))
	return rec
}

func TestReplayedCreateAuthIsNotHandledTwice(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider", Token: cbToken, EncodingAESKey: cbKey}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	s := newCallbackSuite(t, p, "wwsuite1")
	var handled atomic.Int32
	r := message.NewRouter()
	message.On(r, func(context.Context, *message.Message, *message.CreateAuth) (message.Reply, error) {
		handled.Add(1)
		return nil, nil
	})
	h, err := s.CallbackHandler(r)
	require.NoError(t, err)
	createAuth := func(code string, at time.Time) string {
		return "<xml><SuiteId><![CDATA[wwsuite1]]></SuiteId><AuthCode><![CDATA[" + code + "]]></AuthCode>" +
			"<InfoType><![CDATA[create_auth]]></InfoType><TimeStamp>" + strconv.FormatInt(at.Unix(), 10) + "</TimeStamp></xml>"
	}

	// Replayed within the window (the same bytes) or re-sent by WeCom
	// (encrypted afresh): handled once, every copy acknowledged.
	now := time.Now()
	c := captureAt(t, "wwsuite1", createAuth("CODE-1", now), now)
	for range 3 {
		rec := c.send(h)
		assert.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, "success", rec.Body.String())
	}
	assert.Equal(t, "success", post(t, h, "/s", "wwsuite1", createAuth("CODE-1", now)).Body.String())
	assert.Equal(t, int32(1), handled.Load(), "a replayed create_auth ran its handler again")

	// Replayed an hour later: refused.
	hourAgo := now.Add(-time.Hour)
	old := captureAt(t, "wwsuite1", createAuth("CODE-0", hourAgo), hourAgo)
	assert.Equal(t, http.StatusForbidden, old.send(h).Code)
	assert.Equal(t, int32(1), handled.Load())

	// Another authorization is handled.
	assert.Equal(t, "success", post(t, h, "/s", "wwsuite1", createAuth("CODE-2", now)).Body.String())
	assert.Equal(t, int32(2), handled.Load())

	// The opt-outs: without de-duplication a replay inside the window is
	// handled again; without the window, an hour-old one is.
	h, err = s.CallbackHandler(r, message.WithDedup(nil, 0), message.WithReplayWindow(0))
	require.NoError(t, err)
	assert.Equal(t, "success", c.send(h).Body.String())
	assert.Equal(t, "success", c.send(h).Body.String())
	assert.Equal(t, "success", old.send(h).Body.String())
	assert.Equal(t, int32(5), handled.Load())

	// The provider's system events are de-duplicated too.
	var registered atomic.Int32
	pr := message.NewRouter()
	message.On(pr, func(context.Context, *message.Message, *message.RegisterCorp) (message.Reply, error) {
		registered.Add(1)
		return nil, nil
	})
	ph, err := p.CallbackHandler(pr)
	require.NoError(t, err)
	reg := captureAt(t, "wwprovider", "<xml><ServiceCorpId><![CDATA[wwprovider]]></ServiceCorpId><InfoType><![CDATA[register_corp]]></InfoType>"+
		"<TimeStamp>1700000000</TimeStamp><RegisterCode><![CDATA[RC1]]></RegisterCode></xml>", now)
	assert.Equal(t, "success", reg.send(ph).Body.String())
	assert.Equal(t, "success", reg.send(ph).Body.String())
	assert.Equal(t, int32(1), registered.Load())
}

func TestDataCallbackResendGetsTheSameReply(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	s := newCallbackSuite(t, p, "wwsuite1")
	var handled atomic.Int32
	r := message.NewRouter()
	message.On(r, func(context.Context, *message.Message, *message.Text) (message.Reply, error) {
		return &message.TextReply{Content: "reply " + strconv.Itoa(int(handled.Add(1)))}, nil
	})
	h, err := s.DataCallbackHandler(r)
	require.NoError(t, err)
	xml := "<xml><ToUserName><![CDATA[wwcorpA]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
		"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>" +
		"<MsgId>42</MsgId><AgentID>1000012</AgentID></xml>"
	first := post(t, h, "/d", "wwcorpA", xml)
	require.Equal(t, http.StatusOK, first.Code)
	require.NotEmpty(t, first.Body.String())
	again := post(t, h, "/d", "wwcorpA", xml)
	assert.Equal(t, first.Body.String(), again.Body.String())
	assert.Equal(t, int32(1), handled.Load())
}

// stuckCache is a cache that never answers: each call returns when its
// context ends.
type stuckCache struct{}

func (stuckCache) Get(ctx context.Context, _ string) (string, error) {
	<-ctx.Done()
	return "", ctx.Err()
}
func (stuckCache) Set(ctx context.Context, _, _ string, _ time.Duration) error {
	<-ctx.Done()
	return ctx.Err()
}
func (stuckCache) Delete(ctx context.Context, _ string) error { <-ctx.Done(); return ctx.Err() }
func (stuckCache) SetNX(ctx context.Context, _, _ string, _ time.Duration) (bool, error) {
	<-ctx.Done()
	return false, ctx.Err()
}
func (stuckCache) TryLock(ctx context.Context, _ string, _ time.Duration) (func(context.Context) error, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestSuiteTicketPushWithAStuckCacheIsAnsweredInTime(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider"}, f.options(stuckCache{})...)
	require.NoError(t, err)
	s := newCallbackSuite(t, p, "wwsuite1")
	h, err := s.CallbackHandler(nil)
	require.NoError(t, err)
	start := time.Now()
	rec := post(t, h, "/s", "wwsuite1", ticketXML("wwsuite1", "T"))
	assert.Less(t, time.Since(start), time.Second, "WeCom waits 1 s")
	assert.Equal(t, http.StatusInternalServerError, rec.Code, "the ticket was not stored: WeCom must push again")
}
