package message

import (
	"context"
	"crypto/rand"
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

// Server is the http.Handler of a callback URL. It answers
//
//   - GET (URL verification): it checks the signature, decrypts echostr and
//     writes the plaintext back, byte for byte;
//   - POST (a message, event or instruction callback): it checks the
//     signature, decrypts and parses the message once, de-duplicates it if
//     asked to, runs the hooks and the handler, and answers "success" to
//     third-party instruction callbacks (those with an InfoType), an empty
//     body to other callbacks without reply, or the encrypted passive reply.
//
// Query parameters other than msg_signature, timestamp, nonce and echostr
// are ignored. Bad input never reaches a handler and gets a 4xx answer —
// 401 for a wrong signature; 400 for missing parameters, a malformed body,
// bad Base64 or padding, a wrong receive id or XML that does not parse;
// 403 for a timestamp outside the replay window (see [WithReplayWindow]);
// 405 for other methods; 413 for a body over the limit — and a handler
// error gets 500 so
// that WeCom retries, as does 503 for a full queue, a copy of a callback
// still being handled and a server shut down (see [StatusCode]). Every
// error is passed to the function set with [WithErrorHandler]. Panics in
// handlers, hooks, middleware, replies, the logger and the error handler
// are recovered.
//
// Handlers get a context whose deadline is WeCom's wait for the answer
// minus a margin (see [WithHandlerTimeout]); the Server sets no timeouts on
// reading requests: see "Deployment" in the package documentation.
//
// The receive id accepted is the one of the MsgCrypt given to [NewServer]
// ("" accepts any; see package crypto for which to use). A Server is safe
// for concurrent use.
type Server struct {
	crypt   *crypto.MsgCrypt
	handler Handler
	maxBody int64
	onError func(*http.Request, error)
	logger  *slog.Logger
	hooks   []func(context.Context, *Message) error
	dedup   *deduper
	window  time.Duration // replay window; 0: off

	timeout    time.Duration // WithHandlerTimeout; 0: none
	timeoutSet bool

	asyncWorkers, asyncQueue int

	now   func() time.Time
	nonce func() (string, error)

	// p is the callback pipeline shared with package aibot, built from the
	// fields above by NewServer.
	p *cb.Pipeline[*Message, Reply]
}

// NewServer returns a Server that decrypts callbacks with c and hands them
// to h, usually a [Router]. A nil h acknowledges every callback without
// doing anything. NewServer panics if c is nil.
func NewServer(c *crypto.MsgCrypt, h Handler, opts ...ServerOption) *Server {
	if c == nil {
		panic("message: NewServer needs a crypto.MsgCrypt")
	}
	if h == nil {
		h = NewRouter()
	}
	s := &Server{
		crypt:   c,
		handler: h,
		maxBody: DefaultMaxBodySize,
		logger:  slog.New(slog.DiscardHandler),
		window:  DefaultReplayWindow,
		now:     timeNow,
		nonce:   randomNonce,
		dedup:   &deduper{cache: token.NewMemoryCache(), ttl: DefaultDedupTTL},
	}
	for _, opt := range opts {
		opt(s)
	}
	if s.dedup != nil && s.window > 0 && s.dedup.ttl < 2*s.window {
		// A callback is accepted for up to twice the window after it was
		// first seen (its timestamp may be a window ahead of the clock):
		// it must be remembered that long.
		s.dedup = &deduper{cache: s.dedup.cache, ttl: 2 * s.window}
	}
	s.p = s.pipeline()
	return s
}

// pipeline builds the shared callback pipeline from the server's settings.
func (s *Server) pipeline() *cb.Pipeline[*Message, Reply] {
	p := &cb.Pipeline[*Message, Reply]{
		Errors: errs,
		Kind:   func(m *Message) string { return m.Kind().String() },
		Key:    dedupKey,
		Budget: wecomWait,
		Ack:    ack,
		Hooks:  s.hooks,
		WrapHook: func(m *Message, err error, panicked any) error {
			if err == nil {
				return fmt.Errorf("%w: hook: %s: panic: %v", ErrHandler, m.Kind(), panicked)
			}
			return fmt.Errorf("%w: hook: %s: %w", ErrHandler, m.Kind(), err)
		},
		Call: s.call,
		Seal: func(m *Message, reply Reply) ([]byte, error) {
			if reply == nil || m.IsInstruction() {
				return nil, nil
			}
			return s.encryptReply(m, reply)
		},
		HasReply:         func(m *Message, reply Reply) bool { return reply != nil && !m.IsInstruction() },
		ReplyContentType: contentTypeReply,
		Status:           StatusCode,
		Window:           s.window,
		Timeout:          s.timeout,
		TimeoutSet:       s.timeoutSet,
		Logger:           s.logger,
		OnError:          s.onError,
		Now:              func() time.Time { return s.now() },
		MaxBody:          s.maxBody,
	}
	if s.dedup != nil {
		p.Dedup = &cb.Deduper{Cache: s.dedup.cache, TTL: s.dedup.ttl}
	}
	if s.asyncWorkers > 0 {
		p.Pool = cb.NewWorkerPool(s.asyncWorkers, s.asyncQueue)
	}
	return p
}

// timeNow is the server's clock, which tests set.
var timeNow = time.Now

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
	q, err := parseCallbackQuery(r.URL.RawQuery, true)
	if err != nil {
		s.p.Fail(w, r, err)
		return
	}
	echo, err := s.crypt.VerifyURL(q.signature, q.timestamp, q.nonce, q.echostr)
	if err == nil {
		err = s.p.CheckTimestamp(q.timestamp)
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
	q, err := parseCallbackQuery(r.URL.RawQuery, false)
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
// whose status code [StatusCode] gives. Errors are returned, not passed to
// the error handler, except those of asynchronous handlers and the
// non-fatal ones (a failing de-duplication cache), reported with a nil
// request. The handler's deadline counts from the call (see
// [WithHandlerTimeout]); a deadline of ctx that comes first applies.
func (s *Server) HandleCallback(ctx context.Context, msgSignature, timestamp, nonce string, body []byte) ([]byte, error) {
	start := time.Now()
	q := callbackQuery{signature: msgSignature, timestamp: timestamp, nonce: nonce}
	if q.signature == "" || q.timestamp == "" || q.nonce == "" {
		return nil, fmt.Errorf("%w: missing msg_signature, timestamp or nonce", ErrBadRequest)
	}
	resp, _, err := s.handle(ctx, nil, q, body, start)
	return resp, err
}

// Shutdown stops the server from taking new callbacks, which get 503 from
// then on, and in asynchronous mode waits until the queued callbacks have
// been handled or ctx is done.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.p.Close(ctx)
}

// Response bodies and content types.
const (
	instructionAck   = "success"
	contentTypeText  = "text/plain; charset=utf-8"
	contentTypeReply = "text/xml; charset=utf-8"
)

var successBody = []byte(instructionAck)

// handle verifies, decrypts and parses one POST callback that arrived at
// start, hands it to the pipeline and returns the response body.
func (s *Server) handle(ctx context.Context, r *http.Request, q callbackQuery, body []byte, start time.Time) ([]byte, string, error) {
	if s.p.Closed() {
		return nil, "", ErrServerClosed
	}
	// The signature is checked before the envelope is parsed; plain does
	// not alias body: nothing below refers to body.
	plain, receiverID, err := s.crypt.DecryptEnvelope(q.signature, q.timestamp, q.nonce, body)
	if err != nil {
		return nil, "", err
	}
	if err := s.p.CheckTimestamp(q.timestamp); err != nil {
		return nil, "", err
	}
	m := new(Message)
	if err := parseInto(m, plain); err != nil {
		return nil, "", err
	}
	m.ReceiverID = receiverID
	return s.p.Dispatch(ctx, r, m, start)
}

// What WeCom waits for the answer to a callback, and the margins kept
// within it: the handler's deadline comes the margin before WeCom stops
// waiting, and the bookkeeping after the handler (recording the callback as
// handled) gets half that margin.
const (
	callbackWait      = 5 * time.Second
	callbackMargin    = 500 * time.Millisecond
	instructionWait   = time.Second
	instructionMargin = 200 * time.Millisecond
)

// wecomWait returns how long WeCom waits for the answer to m, and the
// margin to keep within it.
func wecomWait(m *Message) (wait, margin time.Duration) {
	if m.IsInstruction() {
		return instructionWait, instructionMargin
	}
	return callbackWait, callbackMargin
}

// ack returns the acknowledgement of a callback without passive reply.
func ack(m *Message) ([]byte, string) {
	if m.IsInstruction() {
		return successBody, contentTypeText
	}
	return nil, ""
}

// call runs the handler, turning a panic into an error.
func (s *Server) call(ctx context.Context, m *Message) (reply Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			reply, err = nil, fmt.Errorf("%w: %s: panic: %v", ErrHandler, m.Kind(), p)
		}
	}()
	reply, err = s.handler.ServeMessage(ctx, m)
	if err != nil && !errors.Is(err, ErrParse) {
		err = fmt.Errorf("%w: %s: %w", ErrHandler, m.Kind(), err)
	}
	return reply, err
}

// encryptReply marshals and encrypts a passive reply.
func (s *Server) encryptReply(m *Message, reply Reply) ([]byte, error) {
	now := s.now()
	plain, err := marshalReply(reply, m, now)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrReply, m.Kind(), err)
	}
	nonce, err := s.nonce()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReply, err)
	}
	out, err := s.replyCrypt(m).EncryptMsg(plain, strconv.FormatInt(now.Unix(), 10), nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReply, err)
	}
	return out, nil
}

// marshalReply runs reply.MarshalReply, turning a panic into an error.
func marshalReply(reply Reply, m *Message, now time.Time) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("panic: %v", p)
		}
	}()
	return reply.MarshalReply(m, now)
}

// replyCrypt returns the MsgCrypt that encrypts the passive reply to m: one
// that embeds the receive id m came with, so that a server accepting any
// corp (third-party data callbacks) answers each corp with its own id.
func (s *Server) replyCrypt(m *Message) *crypto.MsgCrypt {
	if m.ReceiverID == s.crypt.ReceiverID() {
		return s.crypt
	}
	return s.crypt.WithReceiverID(m.ReceiverID)
}

// randomNonce returns 16 random hex digits.
func randomNonce() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}
