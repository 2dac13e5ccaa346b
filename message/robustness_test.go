package message

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/token"
)

// panicReply panics when marshalled.
type panicReply struct{}

func (panicReply) MarshalReply(*Message, time.Time) ([]byte, error) { panic("reply exploded") }

// panicHandler is a slog.Handler that panics on every record.
type panicHandler struct{}

func (panicHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (panicHandler) Handle(context.Context, slog.Record) error { panic("logger exploded") }
func (h panicHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h panicHandler) WithGroup(string) slog.Handler           { return h }

func TestPanickingReplyIsContained(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	r := NewRouter()
	r.HandleFunc(Kind{MsgType: "text"}, func(context.Context, *Message) (Reply, error) { return panicReply{}, nil })
	s := NewServer(c, r)
	var err error
	require.NotPanics(t, func() {
		_, err = s.HandleCallback(ctx, samplePostSignature, samplePostTimestamp, samplePostNonce, []byte(samplePostBody))
	})
	assert.ErrorIs(t, err, ErrReply)
	assert.Contains(t, err.Error(), "panic: reply exploded")
	assert.Equal(t, http.StatusInternalServerError, StatusCode(err))
}

func TestPanickingErrorHandlerAndLoggerAreContained(t *testing.T) {
	// A panicking error handler or logger must neither turn a handled
	// callback into a failure nor kill an asynchronous worker (which would
	// crash the process).
	c := newCrypt(t, sampleCorpID)
	explode := func(*http.Request, error) { panic("error handler exploded") }
	for name, opt := range map[string]ServerOption{
		"error handler": WithErrorHandler(explode),
		"logger":        WithLogger(slog.New(panicHandler{})),
	} {
		t.Run(name, func(t *testing.T) {
			// Synchronous: the de-duplication cache is down, which is
			// reported, and the callback is still handled and answered 200.
			h := &countingHandler{}
			s := NewServer(c, h, WithDedup(failingCache{}, time.Minute), opt)
			var w *httptest.ResponseRecorder
			require.NotPanics(t, func() { w = post(s, sealCallback(t, c, samplePostMsg)) })
			assert.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, 1, h.count())

			// A dropped re-send is logged at level Debug.
			h = &countingHandler{}
			s = NewServer(c, h, WithDedup(token.NewMemoryCache(), time.Minute), opt)
			for range 2 {
				require.NotPanics(t, func() { w = post(s, sealCallback(t, c, samplePostMsg)) })
				assert.Equal(t, http.StatusOK, w.Code)
			}
			assert.Equal(t, 1, h.count())

			// Asynchronous: failing handlers are reported from the worker,
			// which must survive to handle the next callback.
			h = &countingHandler{fail: errors.New("boom")}
			s = NewServer(c, h, WithAsync(1, 4), opt)
			for _, user := range []string{"u1", "u2", "u3"} {
				assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, from(user))).Code)
			}
			require.NoError(t, s.Shutdown(ctx))
			assert.Equal(t, 3, h.count())
		})
	}
}

func TestServeHTTPNilBody(t *testing.T) {
	// Requests built by hand (tests, other frameworks) may lack a body.
	var log errorLog
	c := newCrypt(t, sampleCorpID)
	s := NewServer(c, NewRouter(), WithErrorHandler(log.handler))
	req := sealCallback(t, c, samplePostMsg).request()
	req.Body = nil
	w := httptest.NewRecorder()
	require.NotPanics(t, func() { s.ServeHTTP(w, req) })
	assert.Equal(t, http.StatusBadRequest, w.Code)
	require.Len(t, log.all(), 1)
}

func TestParseErrorsCarryNoContent(t *testing.T) {
	// Error strings reach logs: they must not quote what the message says.
	const secret = "S3CRET"
	c := newCrypt(t, sampleCorpID)
	tests := []struct{ name, doc string }{
		{"integer header", "<xml><MsgType>text</MsgType><CreateTime>" + secret + "</CreateTime></xml>"},
		{"integer payload field", eventXML("change_contact", "create_party", "<Id>"+secret+"</Id>")},
		{"list item", eventXML("change_contact", "create_user", cdata("UserID", "u")+"<Department>1,"+secret+"</Department>")},
		{"entity", "<xml><MsgType>text</MsgType><Content>&" + secret + ";</Content></xml>"},
		{"float", msgXML("location", "<Location_X>"+secret+"</Location_X>")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log errorLog
			r := NewRouter()
			On(r, func(context.Context, *Message, *CreateParty) (Reply, error) { return nil, nil })
			On(r, func(context.Context, *Message, *CreateUser) (Reply, error) { return nil, nil })
			On(r, func(context.Context, *Message, *Location) (Reply, error) { return nil, nil })
			w := post(NewServer(c, r, WithErrorHandler(log.handler)), sealCallback(t, c, tt.doc))
			assert.Equal(t, http.StatusBadRequest, w.Code)
			require.Len(t, log.all(), 1)
			err := log.all()[0]
			assert.ErrorIs(t, err, ErrParse)
			assert.NotContains(t, err.Error(), secret)
		})
	}
}

// signedAt returns cb signed anew with timestamp ts, as a capture of a
// callback sent at ts.
func signedAt(cb callback, ts string) callback {
	body := string(cb.body)
	enc := body[strings.Index(body, "<Encrypt><![CDATA[")+len("<Encrypt><![CDATA[") : strings.Index(body, "]]></Encrypt>")]
	q := url.Values{}
	for k, v := range cb.query {
		q[k] = append([]string(nil), v...)
	}
	q.Set("timestamp", ts)
	q.Set("msg_signature", signature(ts, q.Get("nonce"), enc))
	return callback{query: q, body: cb.body}
}

func TestReplayWindow(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	at := func(ts int64) callback { return signedAt(sealCallback(t, c, samplePostMsg), strconvI(ts)) }
	now := time.Unix(1700000000, 0)
	clock := func(s *Server) { s.now = func() time.Time { return now } }

	// On by default: a callback captured an hour ago and replayed now is
	// refused before any handler sees it, and so is one from the future.
	for _, ts := range []int64{now.Unix() - 3600, now.Unix() + 3600} {
		var log errorLog
		h := &countingHandler{}
		w := post(NewServer(c, h, clock, WithErrorHandler(log.handler)), at(ts))
		assert.Equal(t, http.StatusForbidden, w.Code)
		assert.Zero(t, h.count(), "a replay reached the handler")
		require.Len(t, log.all(), 1)
		assert.ErrorIs(t, log.all()[0], ErrTimestamp)
	}
	// The opt-out: a window of 0 turns the check off.
	h := &countingHandler{}
	assert.Equal(t, http.StatusOK, post(NewServer(c, h, clock, WithReplayWindow(0)), at(now.Unix()-3600)).Code)
	assert.Equal(t, 1, h.count())

	tests := []struct {
		window time.Duration
		ts     int64
		status int
	}{
		{0, now.Unix(), http.StatusOK}, // 0: no option, the default window
		{0, now.Unix() - 300, http.StatusOK},
		{0, now.Unix() + 300, http.StatusOK},
		{0, now.Unix() - 301, http.StatusForbidden},
		{0, now.Unix() + 301, http.StatusForbidden},
		{0, 0, http.StatusForbidden},
		{time.Minute, now.Unix() - 60, http.StatusOK},
		{time.Minute, now.Unix() - 61, http.StatusForbidden},
		{time.Hour, now.Unix() - 3600, http.StatusOK},
	}
	for _, tt := range tests {
		var log errorLog
		called := false
		r := NewRouter()
		r.Fallback(HandlerFunc(func(context.Context, *Message) (Reply, error) { called = true; return nil, nil }))
		opts := []ServerOption{clock, WithErrorHandler(log.handler)}
		if tt.window != 0 {
			opts = append(opts, WithReplayWindow(tt.window))
		}
		w := post(NewServer(c, r, opts...), at(tt.ts))
		assert.Equal(t, tt.status, w.Code, "window %v, timestamp %d", tt.window, tt.ts)
		assert.Equal(t, tt.status == http.StatusOK, called)
		if tt.status != http.StatusOK {
			require.Len(t, log.all(), 1)
			assert.ErrorIs(t, log.all()[0], ErrTimestamp)
		}
	}

	// A forged signature is still a 401, whatever the timestamp.
	cb := at(0)
	cb.query.Set("msg_signature", strings.Repeat("0", 40))
	s := NewServer(c, NewRouter(), clock)
	assert.Equal(t, http.StatusUnauthorized, post(s, cb).Code)

	// A signed timestamp that is not a number is refused too.
	assert.Equal(t, http.StatusForbidden, post(s, signedAt(sealCallback(t, c, samplePostMsg), "soon")).Code)

	// URL verification is checked as well.
	get := func(s *Server) int {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/cb?msg_signature="+sampleGetSignature+"&timestamp="+sampleGetTimestamp+
			"&nonce="+sampleGetNonce+"&echostr="+urlEscape(sampleGetEchostr), nil))
		return w.Code
	}
	assert.Equal(t, http.StatusForbidden, get(s))
	assert.Equal(t, http.StatusOK, get(NewServer(c, NewRouter(), clock, WithReplayWindow(0))))

	// HandleCallback applies it too.
	_, err := s.HandleCallback(ctx, samplePostSignature, samplePostTimestamp, samplePostNonce, []byte(samplePostBody))
	assert.ErrorIs(t, err, ErrTimestamp)
	assert.Equal(t, http.StatusForbidden, StatusCode(err))
}

func TestReplayWindowAndDedupCoverEachOther(t *testing.T) {
	// A callback first seen when its timestamp was a window ahead of the
	// clock is accepted until two windows later: de-duplication must
	// remember it that long, whatever ttl it was given.
	c := newCrypt(t, sampleCorpID)
	cache := token.NewMemoryCache()
	now := time.Unix(1700000000, 0)
	h := &countingHandler{}
	s := NewServer(c, h, WithDedup(cache, time.Second), WithReplayWindow(time.Hour),
		func(s *Server) { s.now = func() time.Time { return now } })
	assert.Equal(t, 2*time.Hour, s.dedup.ttl)
	cb := signedAt(sealCallback(t, c, samplePostMsg), strconvI(now.Unix()+3600))
	assert.Equal(t, http.StatusOK, post(s, cb).Code)
	now = now.Add(2 * time.Hour) // still inside the window
	assert.Equal(t, http.StatusOK, post(s, cb).Code)
	assert.Equal(t, 1, h.count(), "a replay inside the window reached the handler")

	// Without the window, ttl is as given.
	s = NewServer(c, h, WithDedup(cache, time.Second), WithReplayWindow(0))
	assert.Equal(t, time.Second, s.dedup.ttl)
	s = NewServer(c, h, WithDedup(cache, 0))
	assert.Equal(t, DefaultDedupTTL, s.dedup.ttl)
}

// countingReader is an endless body that counts what is read from it.
type countingReader struct{ n int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	r.n += int64(len(p))
	return len(p), nil
}

func (*countingReader) Close() error { return nil }

func TestBodyLimitStopsReading(t *testing.T) {
	const limit = 4096
	c := newCrypt(t, sampleCorpID)
	s := NewServer(c, NewRouter(), WithMaxBodySize(limit))
	q := sealCallback(t, c, samplePostMsg).query.Encode()

	// A declared length over the limit is refused without reading.
	body := &countingReader{}
	req := httptest.NewRequest(http.MethodPost, "/cb?"+q, nil)
	req.Body, req.ContentLength = body, 1<<40
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.Zero(t, body.n)

	// A body of unknown length (chunked) is cut just past the limit, and
	// so is one that lies about its length.
	for _, declared := range []int64{-1, 10} {
		body = &countingReader{}
		req = httptest.NewRequest(http.MethodPost, "/cb?"+q, nil)
		req.Body, req.ContentLength = body, declared
		w = httptest.NewRecorder()
		s.ServeHTTP(w, req)
		assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
		assert.LessOrEqual(t, body.n, int64(2*limit+512), "read %d bytes", body.n)
	}
}

func TestForgedSignatures(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	good := sealCallback(t, c, samplePostMsg)
	sig := good.query.Get("msg_signature")
	tests := []struct {
		name, signature string
		status          int
	}{
		{"upper case", strings.ToUpper(sig), http.StatusUnauthorized},
		{"one character short", sig[:39], http.StatusUnauthorized},
		{"one character long", sig + "0", http.StatusUnauthorized},
		{"trailing space", sig + " ", http.StatusUnauthorized},
		{"doubled", sig + sig, http.StatusUnauthorized},
		{"huge", strings.Repeat("a", 64<<10), http.StatusUnauthorized},
		{"last digit changed", sig[:39] + string("10"[sig[39]&1]), http.StatusUnauthorized},
		{"SHA-256 length", strings.Repeat("0", 64), http.StatusUnauthorized},
		{"empty", "", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			r := NewRouter()
			r.Fallback(HandlerFunc(func(context.Context, *Message) (Reply, error) { called = true; return nil, nil }))
			cb := sealCallback(t, c, samplePostMsg)
			cb.query.Set("msg_signature", tt.signature)
			assert.Equal(t, tt.status, post(NewServer(c, r), cb).Code)
			assert.False(t, called)
		})
	}
}

// adversarialDocuments are decrypted documents built to hurt a parser:
// deep nesting, many attributes, entity definitions, invalid characters.
func adversarialDocuments() map[string]string {
	var nsAttrs strings.Builder
	for i := range 5000 {
		nsAttrs.WriteString(` xmlns:p` + strconvI(int64(i)) + `="u"`)
	}
	return map[string]string{
		"deep nesting":            "<xml><MsgType>text</MsgType>" + strings.Repeat("<a>", 20000) + strings.Repeat("</a>", 20000) + "</xml>",
		"deep nesting in Content": "<xml><MsgType>text</MsgType><Content>" + strings.Repeat("<a>", 20000) + strings.Repeat("</a>", 20000) + "</Content></xml>",
		"deep nesting in payload": eventXML("sys_approval_change", "", "<ApprovalInfo>"+strings.Repeat("<SpRecord>", 12000)+strings.Repeat("</SpRecord>", 12000)+"</ApprovalInfo>"),
		"unclosed nesting":        "<xml><MsgType>text</MsgType>" + strings.Repeat("<a>", 20000) + "</xml>",
		"many attributes":         `<xml><MsgType` + strings.Repeat(` a="1"`, 20000) + `>text</MsgType></xml>`,
		"many namespaces":         `<xml><MsgType` + nsAttrs.String() + `>text</MsgType></xml>`,
		"entity expansion":        `<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><MsgType>text</MsgType><Content>&b;</Content></xml>`,
		"external entity":         `<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><MsgType>text</MsgType><Content>&x;</Content></xml>`,
		"many references":         "<xml><MsgType>text</MsgType><Content>" + strings.Repeat("&amp;&#x4e2d;", 20000) + "</Content></xml>",
		"references without end":  "<xml><MsgType>text</MsgType><Content>" + strings.Repeat("&#1", 20000) + ";</Content></xml>",
		"many CDATA sections":     "<xml><MsgType>text</MsgType><Content>" + strings.Repeat("<![CDATA[x]]>", 20000) + "</Content></xml>",
		"nested CDATA":            "<xml><MsgType>text</MsgType><Content><![CDATA[<![CDATA[x]]>]]></Content></xml>",
		"unterminated CDATA":      "<xml><MsgType>text</MsgType><Content><![CDATA[x</Content></xml>",
		"many comments":           "<xml><MsgType>text</MsgType>" + strings.Repeat("<!-- x -->", 20000) + "</xml>",
		"many repeated elements":  "<xml>" + strings.Repeat("<MsgType>text</MsgType><Content>a<b/>c</Content>", 10000) + "</xml>",
		"invalid UTF-8":           "<xml><MsgType>text</MsgType><Content>\xff\xfe</Content></xml>",
		"NUL character":           "<xml><MsgType>text</MsgType><Content>a\x00b</Content></xml>",
		"NUL reference":           "<xml><MsgType>text</MsgType><Content>&#0;</Content></xml>",
		"surrogate reference":     "<xml><MsgType>text</MsgType><Content>&#xD800;</Content></xml>",
		"GBK declaration":         `<?xml version="1.0" encoding="GBK"?><xml><MsgType>text</MsgType></xml>`,
		"byte order mark":         "\ufeff<xml><MsgType>text</MsgType><Content>hi</Content></xml>",
		"UTF-16":                  "\xff\xfe<\x00x\x00m\x00l\x00>\x00",
		"empty":                   "",
		"two roots":               "<xml><MsgType>text</MsgType></xml><xml><MsgType>event</MsgType></xml>",
		"huge integer":            "<xml><MsgType>text</MsgType><CreateTime>" + strings.Repeat("9", 5000) + "</CreateTime></xml>",
	}
}

func TestAdversarialDocuments(t *testing.T) {
	// Whatever the (correctly signed) plaintext, the server answers 200 or
	// 400, promptly and without panicking, and never hands a document it
	// rejects to a handler.
	c := newCrypt(t, sampleCorpID)
	r := NewRouter()
	var got any
	for _, tc := range payloadCases(t) {
		tc.register(r, &got)
	}
	reached := 0
	r.Use(func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) (Reply, error) {
			reached++
			return next.ServeMessage(ctx, m)
		})
	})
	s := NewServer(c, r)
	for name, doc := range adversarialDocuments() {
		t.Run(name, func(t *testing.T) {
			reached = 0
			enc, err := c.Encrypt([]byte(doc))
			require.NoError(t, err)
			start := time.Now()
			var w *httptest.ResponseRecorder
			require.NotPanics(t, func() { w = post(s, signedCallback(enc)) })
			t.Logf("%s, %d bytes: %d in %v", name, len(doc), w.Code, time.Since(start))
			switch w.Code {
			case http.StatusOK:
				assert.Equal(t, 1, reached)
			case http.StatusBadRequest:
				_, perr := Parse([]byte(doc))
				assert.True(t, perr != nil || reached == 1, "400 for a document that parses, outside a handler")
			default:
				t.Fatalf("status %d", w.Code)
			}
		})
	}
}

func TestConcurrentCopies(t *testing.T) {
	// Many copies of one callback at once, with an atomic cache: exactly
	// one is handled, the others are acknowledged or refused for a retry.
	c := newCrypt(t, sampleCorpID)
	for _, async := range []bool{false, true} {
		h := &countingHandler{}
		opts := []ServerOption{WithDedup(&nxCache{MemoryCache: token.NewMemoryCache()}, time.Minute)}
		if async {
			opts = append(opts, WithAsync(2, 64))
		}
		s := NewServer(c, h, opts...)
		var wg sync.WaitGroup
		codes := make(chan int, 32)
		for range 32 {
			cb := sealCallback(t, c, samplePostMsg)
			wg.Go(func() { codes <- post(s, cb).Code })
		}
		wg.Wait()
		close(codes)
		for code := range codes {
			assert.Contains(t, []int{http.StatusOK, http.StatusServiceUnavailable}, code)
		}
		require.NoError(t, s.Shutdown(ctx))
		assert.Equal(t, 1, h.count(), "async %v", async)
	}
}
