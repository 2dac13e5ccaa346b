package aibot

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/wecomkit/wecom/crypto"
	cb "github.com/wecomkit/wecom/internal/callback"
	"github.com/wecomkit/wecom/token"
)

// Handler answers the callbacks of an intelligent robot.
type Handler interface {
	// ServeBot handles m and returns the passive reply (nil: none). An
	// error fails the callback with 500, so that WeCom sends it again.
	ServeBot(ctx context.Context, m *Message) (Reply, error)
}

// HandlerFunc adapts a function to [Handler].
type HandlerFunc func(ctx context.Context, m *Message) (Reply, error)

// ServeBot implements Handler.
func (f HandlerFunc) ServeBot(ctx context.Context, m *Message) (Reply, error) { return f(ctx, m) }

// Server is the http.Handler of an intelligent robot's callback URL (API
// mode). It answers
//
//   - GET (URL verification): it checks the signature, decrypts echostr
//     and writes the plaintext back;
//   - POST (a message, an event or a stream refresh): it checks the
//     signature of the JSON envelope {"encrypt": "..."} before anything
//     else, decrypts it (the receive id must be the one of the MsgCrypt,
//     "" for a corp's own bot), applies the replay window, parses the JSON
//     message, de-duplicates it by msgid, runs the hooks and the handler
//     and answers with the encrypted reply
//     {"encrypt","msgsignature","timestamp","nonce"}, or an empty body.
//
// A refresh of a stream opened through the server's [Streams] is answered
// from the shared stream state without calling the handler; other
// refreshes reach it. The pipeline after decryption (de-duplication with
// stored replies, deadlines, asynchronous mode, hooks, error reporting) is
// the one of message.Server, with the same defaults; bad input gets the
// same 4xx answers (see [StatusCode]). A Server is safe for concurrent use.
type Server struct {
	crypt   *crypto.MsgCrypt
	handler Handler
	streams *Streams

	maxBody    int64
	onError    func(*http.Request, error)
	logger     *slog.Logger
	hooks      []func(context.Context, *Message) error
	dedupCache token.Cache
	dedupTTL   time.Duration
	window     time.Duration
	timeout    time.Duration
	timeoutSet bool
	asyncW     int
	asyncQ     int

	now   func() time.Time
	nonce func() (string, error)

	p *cb.Pipeline[*Message, Reply]
}

// NewServer returns a Server that decrypts callbacks with c, made with
// crypto.New(token, encodingAESKey, "") for a corp's own bot, and hands
// them to h. A nil h answers nothing but the refreshes of open streams.
// NewServer panics if c is nil.
func NewServer(c *crypto.MsgCrypt, h Handler, opts ...Option) *Server {
	if c == nil {
		panic("aibot: NewServer needs a crypto.MsgCrypt")
	}
	if h == nil {
		h = HandlerFunc(func(context.Context, *Message) (Reply, error) { return nil, nil })
	}
	s := &Server{
		crypt:      c,
		handler:    h,
		maxBody:    DefaultMaxBodySize,
		logger:     slog.New(slog.DiscardHandler),
		dedupCache: token.NewMemoryCache(),
		dedupTTL:   DefaultDedupTTL,
		window:     DefaultReplayWindow,
		now:        timeNow,
		nonce:      randomNonce,
	}
	for _, opt := range opts {
		opt(s)
	}
	if s.streams == nil {
		s.streams = NewStreams(nil)
	}
	if s.window > 0 && s.dedupTTL < 2*s.window {
		s.dedupTTL = 2 * s.window
	}
	s.p = &cb.Pipeline[*Message, Reply]{
		Errors: errs,
		Kind:   (*Message).Kind,
		Key:    dedupKey,
		Budget: func(*Message) (time.Duration, time.Duration) { return callbackWait, callbackMargin },
		Ack:    func(*Message) ([]byte, string) { return nil, "" },
		Hooks:  s.hooks,
		WrapHook: func(m *Message, err error, panicked any) error {
			if err == nil {
				return fmt.Errorf("%w: hook: %s: panic: %v", ErrHandler, m.Kind(), panicked)
			}
			return fmt.Errorf("%w: hook: %s: %w", ErrHandler, m.Kind(), err)
		},
		Call:             s.call,
		Seal:             s.seal,
		HasReply:         func(_ *Message, r Reply) bool { return r != nil },
		ReplyContentType: contentTypeJSON,
		Status:           StatusCode,
		Window:           s.window,
		Timeout:          s.timeout,
		TimeoutSet:       s.timeoutSet,
		Logger:           s.logger,
		OnError:          s.onError,
		Now:              func() time.Time { return s.now() },
		MaxBody:          s.maxBody,
	}
	if s.dedupCache != nil {
		s.p.Dedup = &cb.Deduper{Cache: s.dedupCache, TTL: s.dedupTTL}
	}
	if s.asyncW > 0 {
		s.p.Pool = cb.NewWorkerPool(s.asyncW, s.asyncQ)
	}
	return s
}

// timeNow is the server's clock, which tests set.
var timeNow = time.Now

// What WeCom waits for the answer to a callback, and the margin kept
// within it for the bookkeeping and the answer.
const (
	callbackWait   = 5 * time.Second
	callbackMargin = 500 * time.Millisecond
)

const contentTypeJSON = "application/json; charset=utf-8"

// Streams returns the stream store of the server (see [WithStreams]).
func (s *Server) Streams() *Streams { return s.streams }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		s.serveVerify(w, r)
	case http.MethodPost:
		s.serveCallback(w, r, time.Now())
	default:
		w.Header().Set("Allow", "GET, POST")
		s.p.Fail(w, r, fmt.Errorf("%w: %s", ErrMethod, r.Method))
	}
}

// serveVerify answers WeCom's URL verification.
func (s *Server) serveVerify(w http.ResponseWriter, r *http.Request) {
	q, err := cb.ParseQuery(r.URL.RawQuery, true, ErrBadRequest)
	if err != nil {
		s.p.Fail(w, r, err)
		return
	}
	echo, err := s.crypt.VerifyURL(q.Signature, q.Timestamp, q.Nonce, q.Echostr)
	if err == nil {
		err = s.p.CheckTimestamp(q.Timestamp)
	}
	if err != nil {
		s.p.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write(echo)
}

// serveCallback answers a POST callback that arrived at start.
func (s *Server) serveCallback(w http.ResponseWriter, r *http.Request, start time.Time) {
	q, err := cb.ParseQuery(r.URL.RawQuery, false, ErrBadRequest)
	if err != nil {
		s.p.Fail(w, r, err)
		return
	}
	body, err := s.p.ReadBody(r)
	if err != nil {
		s.p.Fail(w, r, err)
		return
	}
	resp, contentType, err := s.handle(r.Context(), r, q, body.Bytes(), start)
	s.p.ReleaseBody(body)
	if err != nil {
		s.p.Fail(w, r, err)
		return
	}
	cb.Write(w, resp, contentType)
}

// HandleCallback processes a POST callback received outside net/http: the
// msg_signature, timestamp and nonce query parameters (URL-decoded) and the
// request body. It returns the body to answer with status 200, or an error
// whose status code [StatusCode] gives.
func (s *Server) HandleCallback(ctx context.Context, msgSignature, timestamp, nonce string, body []byte) ([]byte, error) {
	start := time.Now()
	if msgSignature == "" || timestamp == "" || nonce == "" {
		return nil, fmt.Errorf("%w: missing msg_signature, timestamp or nonce", ErrBadRequest)
	}
	q := cb.Query{Signature: msgSignature, Timestamp: timestamp, Nonce: nonce}
	resp, _, err := s.handle(ctx, nil, q, body, start)
	return resp, err
}

// Shutdown stops the server from taking new callbacks, which get 503 from
// then on, and in asynchronous mode waits until the queued callbacks have
// been handled or ctx is done.
func (s *Server) Shutdown(ctx context.Context) error { return s.p.Close(ctx) }

// handle verifies, decrypts and parses one POST callback and hands it to
// the pipeline, or answers a stream refresh from the stream state.
func (s *Server) handle(ctx context.Context, r *http.Request, q cb.Query, body []byte, start time.Time) ([]byte, string, error) {
	if s.p.Closed() {
		return nil, "", ErrServerClosed
	}
	encrypt, ok := encryptField(body)
	if !ok {
		return nil, "", fmt.Errorf("%w: no encrypt field in a JSON object", crypto.ErrEnvelope)
	}
	// The signature is checked before anything is decrypted; plain does
	// not alias body.
	plain, receiverID, err := s.crypt.VerifyDecrypt(q.Signature, q.Timestamp, q.Nonce, encrypt)
	if err != nil {
		return nil, "", err
	}
	if receiverID != s.crypt.ReceiverID() {
		return nil, "", fmt.Errorf("%w: a robot callback carries the bot's receive id", crypto.ErrReceiverID)
	}
	if err := s.p.CheckTimestamp(q.Timestamp); err != nil {
		return nil, "", err
	}
	m, err := parseMessage(plain)
	if err != nil {
		return nil, "", err
	}
	if m.MsgType == MsgTypeStream && m.Stream != nil {
		if resp, ok, err := s.refresh(ctx, r, m); ok || err != nil {
			return resp, contentTypeJSON, err
		}
	}
	return s.p.Dispatch(ctx, r, m, start)
}

// refresh answers a stream refresh from the stream state, within WeCom's
// budget. ok is false for a stream the store does not hold, which goes to
// the handler.
func (s *Server) refresh(ctx context.Context, r *http.Request, m *Message) (resp []byte, ok bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, callbackWait-callbackMargin)
	defer cancel()
	frame, err := s.streams.Frame(ctx, m.Stream.ID)
	switch {
	case errors.Is(err, errUnknownStream):
		return nil, false, nil
	case errors.Is(err, ErrStreamExpired):
		s.p.Report(r, fmt.Errorf("%w: stream %s closed at the limit", err, m.Stream.ID))
	case err != nil:
		return nil, true, fmt.Errorf("%w: %s: %w", ErrHandler, m.Kind(), err)
	}
	resp, err = s.seal(m, frame)
	return resp, true, err
}

// call runs the handler, turning a panic into an error.
func (s *Server) call(ctx context.Context, m *Message) (reply Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			reply, err = nil, fmt.Errorf("%w: %s: panic: %v", ErrHandler, m.Kind(), p)
		}
	}()
	reply, err = s.handler.ServeBot(ctx, m)
	if err != nil {
		err = fmt.Errorf("%w: %s: %w", ErrHandler, m.Kind(), err)
	}
	return reply, err
}

// seal marshals and encrypts a passive reply; nil for no reply.
func (s *Server) seal(m *Message, reply Reply) ([]byte, error) {
	if reply == nil {
		return nil, nil
	}
	plain, err := marshalReply(reply)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrReply, m.Kind(), err)
	}
	nonce, err := s.nonce()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReply, err)
	}
	out, err := s.crypt.EncryptJSON(plain, strconv.FormatInt(s.now().Unix(), 10), nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReply, err)
	}
	return out, nil
}

// marshalReply runs reply.MarshalBotReply, turning a panic into an error.
func marshalReply(reply Reply) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("panic: %v", p)
		}
	}()
	return reply.MarshalBotReply()
}

// randomNonce returns 16 random hex digits.
func randomNonce() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// dedupKey returns the de-duplication key of m: its msgid, which WeCom
// makes unique per callback (events included), or a digest of the whole
// document when it has none. Stream refreshes are not de-duplicated: each
// must get the content of its moment.
func dedupKey(m *Message) string {
	if m.MsgType == MsgTypeStream {
		return ""
	}
	if m.MsgID != "" {
		return "wecom:aibot:msg:" + m.AIBotID + ":" + m.MsgID
	}
	sum := sha256.Sum256(m.Raw)
	return "wecom:aibot:doc:" + m.AIBotID + ":" + hex.EncodeToString(sum[:16])
}
