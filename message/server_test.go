package message

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/token"
)

// errorLog collects the errors reported to the error handler.
type errorLog struct {
	mu   sync.Mutex
	errs []error
}

func (l *errorLog) handler(_ *http.Request, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, err)
}

func (l *errorLog) all() []error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]error(nil), l.errs...)
}

// fixedClock makes replies deterministic.
func fixedClock(s *Server) {
	s.now = func() time.Time { return sampleTime }
	s.nonce = func() (string, error) { return "1234567890", nil }
}

func TestServeHTTPVerifyURL(t *testing.T) {
	s := NewServer(newCrypt(t, sampleCorpID), NewRouter())
	// The official request, escaped as WeCom sends it, plus parameters of
	// the user's own that must not matter.
	target := "/callback?corpid=ww1&msg_signature=" + sampleGetSignature + "&timestamp=" + sampleGetTimestamp +
		"&nonce=" + sampleGetNonce + "&echostr=" + url.QueryEscape(sampleGetEchostr) + "&x=%2F"
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, sampleGetEcho, w.Body.String(), "byte-exact echo")
	assert.Equal(t, "text/plain; charset=utf-8", w.Header().Get("Content-Type"))
}

func TestServeHTTPVerifyURLErrors(t *testing.T) {
	valid := url.Values{"msg_signature": {sampleGetSignature}, "timestamp": {sampleGetTimestamp},
		"nonce": {sampleGetNonce}, "echostr": {sampleGetEchostr}}
	with := func(key, value string) string {
		q := url.Values{}
		for k, v := range valid {
			q[k] = v
		}
		if value == "" {
			q.Del(key)
		} else {
			q.Set(key, value)
		}
		return q.Encode()
	}
	tests := []struct {
		name   string
		query  string
		status int
		err    error
	}{
		{"wrong signature", with("msg_signature", strings.Repeat("0", 40)), http.StatusUnauthorized, crypto.ErrSignature},
		{"tampered echostr", with("echostr", "Q"+sampleGetEchostr[1:]), http.StatusUnauthorized, crypto.ErrSignature},
		{"missing echostr", with("echostr", ""), http.StatusBadRequest, ErrBadRequest},
		{"missing signature", with("msg_signature", ""), http.StatusBadRequest, ErrBadRequest},
		{"missing timestamp", with("timestamp", ""), http.StatusBadRequest, ErrBadRequest},
		{"missing nonce", with("nonce", ""), http.StatusBadRequest, ErrBadRequest},
		{"bad escape", "msg_signature=%zz&timestamp=1&nonce=2&echostr=3", http.StatusBadRequest, ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log errorLog
			s := NewServer(newCrypt(t, sampleCorpID), NewRouter(), WithErrorHandler(log.handler))
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/callback?"+tt.query, nil))
			assert.Equal(t, tt.status, w.Code)
			assert.NotContains(t, w.Body.String(), sampleGetEcho)
			require.Len(t, log.all(), 1)
			assert.ErrorIs(t, log.all()[0], tt.err)
		})
	}
}

func TestServeHTTPOfficialSample(t *testing.T) {
	var got *Message
	var text *Text
	r := NewRouter()
	On(r, func(_ context.Context, m *Message, p *Text) (Reply, error) {
		got, text = m, p
		return nil, nil
	})
	s := NewServer(newCrypt(t, sampleCorpID), r)
	q := url.Values{"msg_signature": {samplePostSignature}, "timestamp": {samplePostTimestamp}, "nonce": {samplePostNonce}, "extra": {"1"}}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/callback?"+q.Encode(), strings.NewReader(samplePostBody)))

	assert.Equal(t, http.StatusOK, w.Code)
	assert.Empty(t, w.Body.String(), "no passive reply: empty body")
	require.NotNil(t, got)
	assert.Equal(t, Text{Content: "hello", MsgID: "4561255354251345929"}, *text)
	assert.Equal(t, "text", got.MsgType)
	assert.Equal(t, sampleCorpID, got.ToUserName)
	assert.Equal(t, "mycreate", got.FromUserName)
	assert.Equal(t, int64(1409659813), got.CreateTime)
	assert.Equal(t, int64(218), got.AgentID)
	assert.Equal(t, sampleCorpID, got.ReceiverID)
	assert.Equal(t, samplePostMsg, string(got.Raw))
}

func TestHandleCallback(t *testing.T) {
	calls := 0
	r := NewRouter()
	r.HandleFunc(Kind{MsgType: "text"}, func(context.Context, *Message) (Reply, error) {
		calls++
		return nil, nil
	})
	s := NewServer(newCrypt(t, sampleCorpID), r)
	resp, err := s.HandleCallback(ctx, samplePostSignature, samplePostTimestamp, samplePostNonce, []byte(samplePostBody))
	require.NoError(t, err)
	assert.Nil(t, resp)
	assert.Equal(t, 1, calls)

	_, err = s.HandleCallback(ctx, strings.Repeat("a", 40), samplePostTimestamp, samplePostNonce, []byte(samplePostBody))
	assert.ErrorIs(t, err, crypto.ErrSignature)
	assert.Equal(t, http.StatusUnauthorized, StatusCode(err))
	_, err = s.HandleCallback(ctx, "", samplePostTimestamp, samplePostNonce, []byte(samplePostBody))
	assert.ErrorIs(t, err, ErrBadRequest)
	assert.Equal(t, 1, calls)
}

// decryptReply checks the signature of an encrypted passive reply and
// returns its plaintext.
func decryptReply(t *testing.T, c *crypto.MsgCrypt, body []byte) string {
	t.Helper()
	var env struct {
		Encrypt      string `xml:"Encrypt"`
		MsgSignature string `xml:"MsgSignature"`
		TimeStamp    string `xml:"TimeStamp"`
		Nonce        string `xml:"Nonce"`
	}
	require.NoError(t, xml.Unmarshal(body, &env))
	assert.Equal(t, "1409659813", env.TimeStamp)
	assert.Equal(t, "1234567890", env.Nonce)
	plain, err := c.DecryptMsg(env.MsgSignature, env.TimeStamp, env.Nonce, body)
	require.NoError(t, err)
	return string(plain)
}

func TestReplies(t *testing.T) {
	const head = "<xml><ToUserName><![CDATA[mycreate]]></ToUserName><FromUserName><![CDATA[wx5823bf96d3bd56c7]]></FromUserName>" +
		"<CreateTime>1409659813</CreateTime>"
	tests := []struct {
		name  string
		reply Reply
		want  string
	}{
		{"text", &TextReply{Content: "你好 <b> & ]]> done"},
			head + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好 <b> & ]]]]><![CDATA[> done]]></Content></xml>"},
		{"image", &ImageReply{MediaID: "media1"},
			head + "<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[media1]]></MediaId></Image></xml>"},
		{"voice", &VoiceReply{MediaID: "media2"},
			head + "<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[media2]]></MediaId></Voice></xml>"},
		{"video", &VideoReply{MediaID: "media3", Title: "title", Description: "desc"},
			head + "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[media3]]></MediaId><Title><![CDATA[title]]></Title>" +
				"<Description><![CDATA[desc]]></Description></Video></xml>"},
		{"news", &NewsReply{Articles: []Article{{Title: "t1", Description: "d1", PicURL: "http://p/1.png", URL: "http://u/1"}, {Title: "t2"}}},
			head + "<MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount><Articles>" +
				"<item><Title><![CDATA[t1]]></Title><Description><![CDATA[d1]]></Description><PicUrl><![CDATA[http://p/1.png]]></PicUrl><Url><![CDATA[http://u/1]]></Url></item>" +
				"<item><Title><![CDATA[t2]]></Title><Description><![CDATA[]]></Description><PicUrl><![CDATA[]]></PicUrl><Url><![CDATA[]]></Url></item>" +
				"</Articles></xml>"},
		{"update_button", &UpdateButtonReply{ReplaceName: "已处理"},
			head + "<MsgType><![CDATA[update_button]]></MsgType><Button><ReplaceName><![CDATA[已处理]]></ReplaceName></Button></xml>"},
		{"update_taskcard", &UpdateTaskCardReply{ReplaceName: "已同意"},
			head + "<MsgType><![CDATA[update_taskcard]]></MsgType><TaskCard><ReplaceName><![CDATA[已同意]]></ReplaceName></TaskCard></xml>"},
	}
	c := newCrypt(t, sampleCorpID)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRouter()
			r.HandleFunc(Kind{MsgType: "text"}, func(context.Context, *Message) (Reply, error) { return tt.reply, nil })
			s := NewServer(c, r, fixedClock)
			w := post(s, sealCallback(t, c, samplePostMsg))
			require.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, "text/xml; charset=utf-8", w.Header().Get("Content-Type"))
			plain := decryptReply(t, c, w.Body.Bytes())
			assert.Equal(t, tt.want, plain)

			// The reply is well-formed XML addressed back to the sender.
			var doc struct {
				ToUserName, FromUserName, MsgType, Content string
			}
			require.NoError(t, xml.Unmarshal([]byte(plain), &doc))
			assert.Equal(t, "mycreate", doc.ToUserName)
			assert.Equal(t, tt.name, doc.MsgType)
			if text, ok := tt.reply.(*TextReply); ok {
				assert.Equal(t, text.Content, doc.Content)
			}
		})
	}
}

func TestReplyInvalidCharacters(t *testing.T) {
	b, err := (&TextReply{Content: "a\x00b\xffc"}).MarshalReply(&Message{}, time.Unix(0, 0))
	require.NoError(t, err)
	var doc struct{ Content string }
	require.NoError(t, xml.Unmarshal(b, &doc))
	assert.Equal(t, "a\uFFFDb\uFFFDc", doc.Content)
}

func TestReplyErrors(t *testing.T) {
	for _, articles := range [][]Article{nil, make([]Article, MaxArticles+1)} {
		var log errorLog
		r := NewRouter()
		r.HandleFunc(Kind{MsgType: "text"}, func(context.Context, *Message) (Reply, error) {
			return &NewsReply{Articles: articles}, nil
		})
		c := newCrypt(t, sampleCorpID)
		w := post(NewServer(c, r, WithErrorHandler(log.handler)), sealCallback(t, c, samplePostMsg))
		assert.Equal(t, http.StatusInternalServerError, w.Code)
		require.Len(t, log.all(), 1)
		assert.ErrorIs(t, log.all()[0], ErrReply)
	}
}

func TestInstructionCallbackAnswersSuccess(t *testing.T) {
	suite := newCrypt(t, "ww4asffe99e54c0f4c")
	var ticket string
	r := NewRouter()
	On(r, func(_ context.Context, m *Message, p *SuiteTicket) (Reply, error) {
		ticket = p.SuiteTicket
		assert.Equal(t, "ww4asffe99e54c0f4c", m.ReceiverID)
		assert.Equal(t, "ww4asffe99e54c0f4c", m.SuiteID)
		assert.Equal(t, int64(1403610513), m.CreateTime)
		return &TextReply{Content: "ignored"}, nil // replies make no sense here
	})
	w := post(NewServer(suite, r), sealCallback(t, suite, infoXML("suite_ticket", "", cdata("SuiteTicket", "TICKET"))))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "success", w.Body.String())
	assert.Equal(t, "text/plain; charset=utf-8", w.Header().Get("Content-Type"))
	assert.Equal(t, "TICKET", ticket)

	// Unhandled instruction callbacks are acknowledged too.
	w = post(NewServer(suite, NewRouter()), sealCallback(t, suite, infoXML("cancel_auth", "", "")))
	assert.Equal(t, "success", w.Body.String())
}

func TestReceiverID(t *testing.T) {
	// A third-party data callback URL accepts any corp and reports which.
	corpA := newCrypt(t, "wwcorpA")
	var got string
	r := NewRouter()
	r.Fallback(HandlerFunc(func(_ context.Context, m *Message) (Reply, error) {
		got = m.ReceiverID
		return nil, nil
	}))
	w := post(NewServer(newCrypt(t, ""), r), sealCallback(t, corpA, eventXML("subscribe", "", "")))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "wwcorpA", got)

	// AllowReceiverIDs widens what is accepted.
	w = post(NewServer(newCrypt(t, sampleCorpID).AllowReceiverIDs("wwcorpA"), r), sealCallback(t, corpA, eventXML("subscribe", "", "")))
	assert.Equal(t, http.StatusOK, w.Code)
}

// rawCiphertext CBC-encrypts plain (a multiple of 16 bytes) with the sample
// key and no padding of its own, to build ciphertexts with broken contents.
func rawCiphertext(t *testing.T, plain []byte) string {
	key, err := base64.StdEncoding.DecodeString(sampleKey + "=")
	require.NoError(t, err)
	block, err := aes.NewCipher(key)
	require.NoError(t, err)
	out := make([]byte, len(plain))
	cipher.NewCBCEncrypter(block, key[:16]).CryptBlocks(out, plain)
	return base64.StdEncoding.EncodeToString(out)
}

func TestBadInput(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	valid := sealCallback(t, c, samplePostMsg)

	badPadding := make([]byte, 64)
	binary.BigEndian.PutUint32(badPadding[16:], 4)
	badPadding[63] = 0 // pad byte 0 is invalid

	tests := []struct {
		name   string
		cb     callback
		status int
		err    error
	}{
		{"wrong signature", func() callback {
			cb := sealCallback(t, c, samplePostMsg)
			cb.query.Set("msg_signature", crypto.Signature("other", "1", "2", "3"))
			return cb
		}(), http.StatusUnauthorized, crypto.ErrSignature},
		{"missing signature", func() callback {
			cb := sealCallback(t, c, samplePostMsg)
			cb.query.Del("msg_signature")
			return cb
		}(), http.StatusBadRequest, ErrBadRequest},
		{"missing timestamp", func() callback {
			cb := sealCallback(t, c, samplePostMsg)
			cb.query.Del("timestamp")
			return cb
		}(), http.StatusBadRequest, ErrBadRequest},
		{"missing nonce", func() callback {
			cb := sealCallback(t, c, samplePostMsg)
			cb.query.Del("nonce")
			return cb
		}(), http.StatusBadRequest, ErrBadRequest},
		{"bad base64", signedCallback("not*base64!"), http.StatusBadRequest, crypto.ErrCiphertext},
		{"truncated ciphertext", signedCallback(base64.StdEncoding.EncodeToString([]byte("short"))), http.StatusBadRequest, crypto.ErrCiphertext},
		{"bad padding", signedCallback(rawCiphertext(t, badPadding)), http.StatusBadRequest, crypto.ErrCiphertext},
		{"wrong receive id", sealCallback(t, newCrypt(t, "wwsomeoneelse"), samplePostMsg), http.StatusBadRequest, crypto.ErrReceiverID},
		{"malformed XML", sealCallback(t, c, "<xml><MsgType>text</MsgType>"), http.StatusBadRequest, ErrParse},
		{"not XML", sealCallback(t, c, "hello"), http.StatusBadRequest, ErrParse},
		{"bad integer", sealCallback(t, c, "<xml><MsgType>text</MsgType><CreateTime>x</CreateTime></xml>"), http.StatusBadRequest, ErrParse},
		{"malformed envelope", callback{query: valid.query, body: []byte("<xml><Encrypt>abc")}, http.StatusBadRequest, crypto.ErrEnvelope},
		{"no Encrypt", callback{query: valid.query, body: []byte("<xml><ToUserName>x</ToUserName></xml>")}, http.StatusBadRequest, crypto.ErrEnvelope},
		{"empty body", callback{query: valid.query, body: nil}, http.StatusBadRequest, crypto.ErrEnvelope},
		{"JSON body", callback{query: valid.query, body: []byte(`{"encrypt":"abc"}`)}, http.StatusBadRequest, crypto.ErrEnvelope},
		{"payload does not decode", sealCallback(t, c, eventXML("change_contact", "create_party", "<Id>two</Id>")),
			http.StatusBadRequest, ErrParse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log errorLog
			called := false
			r := NewRouter()
			On(r, func(context.Context, *Message, *CreateParty) (Reply, error) {
				called = true
				return nil, nil
			})
			r.Fallback(HandlerFunc(func(context.Context, *Message) (Reply, error) {
				called = true
				return nil, nil
			}))
			w := post(NewServer(c, r, WithErrorHandler(log.handler)), tt.cb)
			assert.Equal(t, tt.status, w.Code)
			assert.False(t, called, "bad input must not reach a handler")
			errs := log.all()
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], tt.err)
			assert.Equal(t, tt.status, StatusCode(errs[0]))
		})
	}
}

func TestBodyTooLarge(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	cb := sealCallback(t, c, samplePostMsg)
	for _, chunked := range []bool{false, true} {
		var log errorLog
		called := false
		r := NewRouter()
		r.Fallback(HandlerFunc(func(context.Context, *Message) (Reply, error) { called = true; return nil, nil }))
		s := NewServer(c, r, WithMaxBodySize(int64(len(cb.body)-1)), WithErrorHandler(log.handler))
		req := cb.request()
		if chunked {
			req.ContentLength = -1
			req.Body = io.NopCloser(struct{ io.Reader }{bytes.NewReader(cb.body)})
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code, "chunked %v", chunked)
		assert.False(t, called)
		require.Len(t, log.all(), 1)
		assert.ErrorIs(t, log.all()[0], ErrBodyTooLarge)

		// Exactly at the limit passes.
		s = NewServer(c, r, WithMaxBodySize(int64(len(cb.body))))
		assert.Equal(t, http.StatusOK, post(s, cb).Code)
	}

	// The default limit is 1 MiB.
	big := callback{query: cb.query, body: bytes.Repeat([]byte(" "), DefaultMaxBodySize+1)}
	assert.Equal(t, http.StatusRequestEntityTooLarge, post(NewServer(c, NewRouter()), big).Code)
}

func TestMethodNotAllowed(t *testing.T) {
	var log errorLog
	s := NewServer(newCrypt(t, sampleCorpID), NewRouter(), WithErrorHandler(log.handler))
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodPut, "/callback", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
	assert.Equal(t, "GET, POST", w.Header().Get("Allow"))
	require.Len(t, log.all(), 1)
	assert.ErrorIs(t, log.all()[0], ErrMethod)
}

func TestHandlerFailures(t *testing.T) {
	boom := errors.New("database down")
	tests := []struct {
		name    string
		handler HandlerFunc
		check   func(t *testing.T, err error)
	}{
		{"error", func(context.Context, *Message) (Reply, error) { return nil, boom }, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, boom)
		}},
		{"panic", func(context.Context, *Message) (Reply, error) { panic("oops") }, func(t *testing.T, err error) {
			assert.Contains(t, err.Error(), "panic: oops")
		}},
	}
	c := newCrypt(t, sampleCorpID)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log errorLog
			r := NewRouter()
			r.HandleFunc(Kind{MsgType: "text"}, tt.handler)
			w := post(NewServer(c, r, WithErrorHandler(log.handler)), sealCallback(t, c, samplePostMsg))
			assert.Equal(t, http.StatusInternalServerError, w.Code, "500 so that WeCom retries")
			require.Len(t, log.all(), 1)
			err := log.all()[0]
			assert.ErrorIs(t, err, ErrHandler)
			tt.check(t, err)
		})
	}
}

func TestHooks(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	var order []string
	r := NewRouter()
	r.HandleFunc(Kind{MsgType: "text"}, func(context.Context, *Message) (Reply, error) {
		order = append(order, "handler")
		return nil, nil
	})
	hook := func(name string, err error) ServerOption {
		return WithHook(func(_ context.Context, m *Message) error {
			order = append(order, name+":"+m.MsgType)
			return err
		})
	}
	w := post(NewServer(c, r, hook("h1", nil), hook("h2", nil)), sealCallback(t, c, samplePostMsg))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, []string{"h1:text", "h2:text", "handler"}, order)

	order = nil
	var log errorLog
	w = post(NewServer(c, r, hook("h1", errors.New("store failed")), hook("h2", nil), WithErrorHandler(log.handler)),
		sealCallback(t, c, samplePostMsg))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Equal(t, []string{"h1:text"}, order)
	require.Len(t, log.all(), 1)
	assert.ErrorIs(t, log.all()[0], ErrHandler)
}

func TestLoggerLeaksNothing(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newCrypt(t, sampleCorpID)
	r := NewRouter()
	r.HandleFunc(Kind{InfoType: "suite_ticket"}, func(context.Context, *Message) (Reply, error) {
		return nil, errors.New("cannot store")
	})
	w := post(NewServer(c, r, WithLogger(logger)), sealCallback(t, c, infoXML("suite_ticket", "", cdata("SuiteTicket", "SECRET-TICKET"))))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	bad := sealCallback(t, c, samplePostMsg)
	bad.query.Set("msg_signature", strings.Repeat("f", 40))
	post(NewServer(c, r, WithLogger(logger)), bad)

	out := buf.String()
	assert.Contains(t, out, "wecom callback failed")
	assert.Contains(t, out, "status=500")
	assert.Contains(t, out, "status=401")
	for _, secret := range []string{"SECRET-TICKET", sampleToken, sampleKey, "hello"} {
		assert.NotContains(t, out, secret)
	}
}

func TestShutdownSync(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	s := NewServer(c, NewRouter())
	require.NoError(t, s.Shutdown(ctx))
	assert.Equal(t, http.StatusServiceUnavailable, post(s, sealCallback(t, c, samplePostMsg)).Code)
}

func TestStatusCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 200},
		{fmt.Errorf("x: %w", crypto.ErrSignature), 401},
		{ErrBadRequest, 400},
		{ErrParse, 400},
		{crypto.ErrEnvelope, 400},
		{crypto.ErrCiphertext, 400},
		{crypto.ErrReceiverID, 400},
		{ErrMethod, 405},
		{ErrBodyTooLarge, 413},
		{ErrTimestamp, 403},
		{ErrInProgress, 503},
		{ErrQueueFull, 503},
		{ErrServerClosed, 503},
		{fmt.Errorf("%w: %w", ErrHandler, ErrBadRequest), 500},
		{ErrReply, 500},
		{errors.New("other"), 500},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, StatusCode(tt.err), "%v", tt.err)
	}
}

func TestParseCallbackQuery(t *testing.T) {
	q, err := parseCallbackQuery("nonce=n&msg_signature=a%2Bb&timestamp=1&echostr=x+y%3D&msg_signature=second&a;b=c", true)
	require.NoError(t, err)
	assert.Equal(t, callbackQuery{signature: "a+b", timestamp: "1", nonce: "n", echostr: "x y="}, q)

	q, err = parseCallbackQuery("msg%5Fsignature=s&timestamp=1&nonce=n&bad%zz=1&nonce=other", false)
	require.NoError(t, err)
	assert.Equal(t, callbackQuery{signature: "s", timestamp: "1", nonce: "n"}, q)

	_, err = parseCallbackQuery("msg_signature=s&timestamp=1&nonce=n", true)
	assert.ErrorIs(t, err, ErrBadRequest)
	_, err = parseCallbackQuery("msg_signature=s;x&timestamp=1&nonce=n", false)
	assert.ErrorIs(t, err, ErrBadRequest, "pairs with ';' are dropped, as url.ParseQuery does")
}

func TestNewServerDefaults(t *testing.T) {
	assert.Panics(t, func() { NewServer(nil, NewRouter()) })
	c := newCrypt(t, sampleCorpID)
	w := post(NewServer(c, nil), sealCallback(t, c, samplePostMsg))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Empty(t, w.Body.String())
}

// deadlineRecorder records the deadline of its handler's context.
type deadlineRecorder struct {
	mu        sync.Mutex
	deadlines []time.Time // zero: none
}

func (d *deadlineRecorder) ServeMessage(ctx context.Context, _ *Message) (Reply, error) {
	dl, _ := ctx.Deadline()
	d.mu.Lock()
	d.deadlines = append(d.deadlines, dl)
	d.mu.Unlock()
	return nil, nil
}

func (d *deadlineRecorder) last() time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.deadlines[len(d.deadlines)-1]
}

func TestHandlerDeadlineIsWeComsBudget(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	msg := samplePostMsg
	instruction := infoXML("create_auth", "", cdata("AuthCode", "CODE"))
	h := &deadlineRecorder{}
	// serve runs send and asserts that the handler's deadline was budget
	// after the request arrived, which happened during send.
	serve := func(budget time.Duration, send func()) {
		t.Helper()
		before := time.Now()
		send()
		after := time.Now()
		dl := h.last()
		require.False(t, dl.IsZero(), "no deadline")
		assert.False(t, dl.Before(before.Add(budget)), "deadline %v before %v", dl, before.Add(budget))
		assert.False(t, dl.After(after.Add(budget)), "deadline %v after %v", dl, after.Add(budget))
	}
	postOK := func(s *Server, doc string) func() {
		return func() { require.Equal(t, http.StatusOK, post(s, sealCallback(t, c, doc)).Code) }
	}

	s := NewServer(c, h, WithDedup(nil, 0))             // the same callback is sent more than once
	serve(4500*time.Millisecond, postOK(s, msg))        // WeCom waits 5 s for messages and events
	serve(800*time.Millisecond, postOK(s, instruction)) // and 1 s for instruction callbacks
	handle := func(ctx context.Context) func() {
		return func() {
			_, err := s.HandleCallback(ctx, samplePostSignature, samplePostTimestamp, samplePostNonce, []byte(samplePostBody))
			require.NoError(t, err)
		}
	}
	serve(4500*time.Millisecond, handle(ctx))
	// A caller's earlier deadline applies.
	short, cancel := context.WithDeadline(ctx, time.Now().Add(time.Second))
	defer cancel()
	handle(short)()
	want, _ := short.Deadline()
	assert.Equal(t, want, h.last())

	// The override, for every kind.
	s = NewServer(c, h, WithHandlerTimeout(3*time.Second))
	serve(3*time.Second, postOK(s, instruction))
	serve(3*time.Second, postOK(s, msg))
	// 0 removes the deadline.
	s = NewServer(c, h, WithHandlerTimeout(0))
	postOK(s, msg)()
	assert.True(t, h.last().IsZero(), "a deadline after WithHandlerTimeout(0)")

	// Asynchronous handlers run after the answer: a minute by default,
	// counted from when a worker takes the callback, or the override.
	for _, tt := range []struct {
		opts   []ServerOption
		budget time.Duration
	}{
		{nil, time.Minute},
		{[]ServerOption{WithHandlerTimeout(10 * time.Second)}, 10 * time.Second},
	} {
		s = NewServer(c, h, append(tt.opts, WithAsync(1, 1))...)
		serve(tt.budget, func() {
			postOK(s, instruction)()
			require.NoError(t, s.Shutdown(ctx))
		})
	}
}

func TestHooksAndDedupRunUnderTheAnswerDeadline(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	var hookBudget time.Duration
	hook := WithHook(func(ctx context.Context, _ *Message) error {
		dl, ok := ctx.Deadline()
		require.True(t, ok, "a hook without deadline")
		hookBudget = time.Until(dl)
		return nil
	})
	cache := &deadlineCache{MemoryCache: token.NewMemoryCache()}
	// Even in asynchronous mode, where the handler gets a minute, what
	// runs before the answer keeps WeCom's budget.
	s := NewServer(c, nil, hook, WithDedup(cache, 0), WithAsync(1, 1))
	require.Equal(t, http.StatusOK, post(s, sealCallback(t, c, infoXML("suite_ticket", "", cdata("SuiteTicket", "T")))).Code)
	require.NoError(t, s.Shutdown(ctx))
	assert.LessOrEqual(t, hookBudget, 800*time.Millisecond)
	assert.Positive(t, hookBudget)
	cache.mu.Lock()
	defer cache.mu.Unlock()
	require.NotEmpty(t, cache.budgets)
	for _, b := range cache.budgets {
		assert.Positive(t, b, "a cache call without deadline")
		assert.LessOrEqual(t, b, time.Second)
	}
}

// deadlineCache records the time left to the deadline of each call.
type deadlineCache struct {
	*token.MemoryCache
	mu      sync.Mutex
	budgets []time.Duration // 0: no deadline
}

func (c *deadlineCache) note(ctx context.Context) {
	var left time.Duration
	if dl, ok := ctx.Deadline(); ok {
		left = time.Until(dl)
	}
	c.mu.Lock()
	c.budgets = append(c.budgets, left)
	c.mu.Unlock()
}

func (c *deadlineCache) Get(ctx context.Context, key string) (string, error) {
	c.note(ctx)
	return c.MemoryCache.Get(ctx, key)
}

func (c *deadlineCache) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	c.note(ctx)
	return c.MemoryCache.Set(ctx, key, value, ttl)
}

func (c *deadlineCache) SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error) {
	c.note(ctx)
	return c.MemoryCache.SetNX(ctx, key, value, ttl)
}

func (c *deadlineCache) Delete(ctx context.Context, key string) error {
	c.note(ctx)
	return c.MemoryCache.Delete(ctx, key)
}

// hungCache is a cache that never answers: each call returns only when its
// context ends (a Redis paused with SIGSTOP, behind a client that honours
// deadlines).
type hungCache struct{}

func (hungCache) Get(ctx context.Context, _ string) (string, error) {
	<-ctx.Done()
	return "", ctx.Err()
}
func (hungCache) Set(ctx context.Context, _, _ string, _ time.Duration) error {
	<-ctx.Done()
	return ctx.Err()
}
func (hungCache) SetNX(ctx context.Context, _, _ string, _ time.Duration) (bool, error) {
	<-ctx.Done()
	return false, ctx.Err()
}
func (hungCache) Delete(ctx context.Context, _ string) error { <-ctx.Done(); return ctx.Err() }

func TestHungCacheCannotHoldTheAnswer(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	hungHook := WithHook(func(ctx context.Context, m *Message) error {
		if m.IsInstruction() {
			return hungCache{}.Set(ctx, "wecom:suite_ticket:x", "T", time.Minute) // storing the ticket
		}
		return nil
	})
	for _, tt := range []struct {
		doc   string
		limit time.Duration // what WeCom waits
	}{
		{infoXML("suite_ticket", "", cdata("SuiteTicket", "T")), time.Second},
		{samplePostMsg, 5 * time.Second},
	} {
		t.Run(strconvI(int64(tt.limit/time.Second))+"s", func(t *testing.T) {
			t.Parallel()
			h := &countingHandler{}
			s := NewServer(c, h, WithDedup(hungCache{}, 0), hungHook)
			start := time.Now()
			w := post(s, sealCallback(t, c, tt.doc))
			elapsed := time.Since(start)
			assert.Less(t, elapsed, tt.limit, "answered after WeCom stopped waiting")
			if tt.limit == time.Second {
				// The ticket could not be stored: WeCom must push again.
				assert.Equal(t, http.StatusInternalServerError, w.Code)
			} else {
				assert.Equal(t, http.StatusOK, w.Code, "a dead cache never drops a message")
				assert.Equal(t, 1, h.count())
			}
		})
	}
}

func TestHandlerOverrunIsLogged(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	slow := HandlerFunc(func(ctx context.Context, _ *Message) (Reply, error) {
		<-ctx.Done() // an API call that gives up at the deadline
		return nil, ctx.Err()
	})
	s := NewServer(c, slow, WithLogger(logger), WithHandlerTimeout(50*time.Millisecond))
	assert.Equal(t, http.StatusInternalServerError, post(s, sealCallback(t, c, samplePostMsg)).Code)
	out := buf.String()
	assert.Contains(t, out, "level=WARN")
	assert.Contains(t, out, "overran")
	assert.Contains(t, out, "message.WithAsync")
	assert.Contains(t, out, "kind=text")
	assert.Contains(t, out, "budget=50ms")

	// A fast handler is not.
	buf.Reset()
	s = NewServer(c, nil, WithLogger(logger))
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
	assert.NotContains(t, buf.String(), "overran")
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *syncBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Reset()
}
