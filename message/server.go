package message

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wecomkit/wecom/crypto"
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
// 403 for a stale timestamp (with [WithMaxClockSkew]); 405 for other
// methods; 413 for a body over the limit — and a handler error gets 500 so
// that WeCom retries, as does 503 for a full queue, a copy of a callback
// still being handled and a server shut down (see [StatusCode]). Every
// error is passed to the function set with [WithErrorHandler]. Panics in
// handlers, hooks, middleware, replies, the logger and the error handler
// are recovered.
//
// The Server sets no timeouts: see "Deployment" in the package
// documentation.
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
	maxSkew time.Duration

	asyncWorkers, asyncQueue int
	pool                     *workerPool
	closed                   atomic.Bool

	now   func() time.Time
	nonce func() (string, error)
	bufs  sync.Pool // *bytes.Buffer for request bodies
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
		now:     time.Now,
		nonce:   randomNonce,
	}
	for _, opt := range opts {
		opt(s)
	}
	if s.asyncWorkers > 0 {
		s.pool = newWorkerPool(s.asyncWorkers, s.asyncQueue)
	}
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		s.serveVerify(w, r)
	case http.MethodPost:
		s.serveCallback(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		s.fail(w, r, fmt.Errorf("%w: %s", ErrMethod, r.Method))
	}
}

// serveVerify answers WeCom's URL verification.
func (s *Server) serveVerify(w http.ResponseWriter, r *http.Request) {
	q, err := parseCallbackQuery(r.URL.RawQuery, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	echo, err := s.crypt.VerifyURL(q.signature, q.timestamp, q.nonce, q.echostr)
	if err == nil {
		err = s.checkTimestamp(q.timestamp)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write(echo)
}

// serveCallback answers a POST callback.
func (s *Server) serveCallback(w http.ResponseWriter, r *http.Request) {
	q, err := parseCallbackQuery(r.URL.RawQuery, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body, err := s.readBody(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	resp, contentType, err := s.handle(r.Context(), r, q, body.Bytes())
	s.releaseBody(body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(resp) > 0 {
		w.Header().Set("Content-Type", contentType)
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(resp)
}

// HandleCallback processes a POST callback received outside net/http: the
// msg_signature, timestamp and nonce query parameters (URL-decoded) and the
// request body. It returns the body to answer with status 200, or an error
// whose status code [StatusCode] gives. Errors are returned, not passed to
// the error handler, except those of asynchronous handlers and the
// non-fatal ones (a failing de-duplication cache), reported with a nil
// request.
func (s *Server) HandleCallback(ctx context.Context, msgSignature, timestamp, nonce string, body []byte) ([]byte, error) {
	q := callbackQuery{signature: msgSignature, timestamp: timestamp, nonce: nonce}
	if q.signature == "" || q.timestamp == "" || q.nonce == "" {
		return nil, fmt.Errorf("%w: missing msg_signature, timestamp or nonce", ErrBadRequest)
	}
	resp, _, err := s.handle(ctx, nil, q, body)
	return resp, err
}

// Shutdown stops the server from taking new callbacks, which get 503 from
// then on, and in asynchronous mode waits until the queued callbacks have
// been handled or ctx is done.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closed.Store(true)
	if s.pool != nil {
		return s.pool.shutdown(ctx)
	}
	return nil
}

// Response bodies and content types.
const (
	instructionAck   = "success"
	contentTypeText  = "text/plain; charset=utf-8"
	contentTypeReply = "text/xml; charset=utf-8"
)

var successBody = []byte(instructionAck)

// handle verifies, decrypts, parses and dispatches one POST callback and
// returns the response body.
func (s *Server) handle(ctx context.Context, r *http.Request, q callbackQuery, body []byte) ([]byte, string, error) {
	if s.closed.Load() {
		return nil, "", ErrServerClosed
	}
	// The signature is checked before the envelope is parsed; plain does
	// not alias body: nothing below refers to body.
	plain, receiverID, err := s.crypt.DecryptEnvelope(q.signature, q.timestamp, q.nonce, body)
	if err != nil {
		return nil, "", err
	}
	if err := s.checkTimestamp(q.timestamp); err != nil {
		return nil, "", err
	}
	m := new(Message)
	if err := parseInto(m, plain); err != nil {
		return nil, "", err
	}
	m.ReceiverID = receiverID
	return s.dispatch(ctx, r, m)
}

// dispatch runs de-duplication, hooks and the handler for m.
//
// In asynchronous mode it first reserves a place in the queue, so that a
// callback refused for a full queue leaves no de-duplication key behind
// (which would make WeCom's re-send look like a duplicate). A key is
// stored as "handling" before the hooks run and as "done" once the
// callback has been handled; it is deleted when handling fails, so that
// the re-send is handled.
func (s *Server) dispatch(ctx context.Context, r *http.Request, m *Message) (resp []byte, contentType string, err error) {
	reserved := false
	if s.pool != nil {
		if err := s.pool.reserve(); err != nil {
			return nil, "", err
		}
		reserved = true
		defer func() {
			if reserved {
				s.pool.release()
			}
		}()
	}
	var key string
	if s.dedup != nil {
		k := dedupKey(m)
		state, err := s.dedup.claim(ctx, k)
		if err != nil {
			s.report(r, fmt.Errorf("wecom/message: de-duplication cache: %w", err))
		}
		switch state {
		case stateDone:
			s.log(ctx, slog.LevelDebug, "wecom callback re-send dropped", slog.String("kind", m.Kind().String()))
			return s.ack(m)
		case stateHandling:
			return nil, "", fmt.Errorf("%w: %s", ErrInProgress, m.Kind())
		}
		key = k
	}
	for _, hook := range s.hooks {
		if err := s.runHook(ctx, hook, m); err != nil {
			s.forget(ctx, r, key)
			return nil, "", err
		}
	}
	if s.pool != nil {
		actx := context.WithoutCancel(ctx)
		reserved = false // submit takes the place or releases it
		if err := s.pool.submit(func() { s.runAsync(actx, r, m, key) }); err != nil {
			s.forget(ctx, r, key)
			return nil, "", err
		}
		return s.ack(m)
	}
	reply, err := s.call(ctx, m)
	if err == nil && reply != nil && !m.IsInstruction() {
		resp, err = s.encryptReply(m, reply)
		contentType = contentTypeReply
	}
	if err != nil {
		s.forget(ctx, r, key)
		return nil, "", err
	}
	s.done(ctx, r, key)
	if resp != nil {
		return resp, contentType, nil
	}
	return s.ack(m)
}

// ack returns the acknowledgement of a callback without passive reply.
func (s *Server) ack(m *Message) ([]byte, string, error) {
	if m.IsInstruction() {
		return successBody, contentTypeText, nil
	}
	return nil, "", nil
}

// runAsync handles m on a worker and records the outcome under key. A
// panic, which would end the process, is recovered and reported.
func (s *Server) runAsync(ctx context.Context, r *http.Request, m *Message, key string) {
	defer func() {
		if p := recover(); p != nil {
			s.report(r, fmt.Errorf("%w: %s: panic: %v", ErrHandler, m.Kind(), p))
		}
	}()
	reply, err := s.call(ctx, m)
	if err != nil {
		s.report(r, err)
		s.forget(ctx, r, key)
		return
	}
	s.done(ctx, r, key)
	if reply != nil && !m.IsInstruction() {
		s.log(ctx, slog.LevelDebug, "wecom callback reply discarded in asynchronous mode",
			slog.String("kind", m.Kind().String()))
	}
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

// runHook runs one hook, turning a panic into an error.
func (s *Server) runHook(ctx context.Context, hook func(context.Context, *Message) error, m *Message) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: hook: %s: panic: %v", ErrHandler, m.Kind(), p)
		}
	}()
	if err := hook(ctx, m); err != nil {
		return fmt.Errorf("%w: hook: %s: %w", ErrHandler, m.Kind(), err)
	}
	return nil
}

// forget deletes a de-duplication key after a failure, so that WeCom's
// re-send is handled. If the cache fails, the key stays "handling" until it
// expires: re-sends are refused with ErrInProgress, never dropped as
// duplicates.
func (s *Server) forget(ctx context.Context, r *http.Request, key string) {
	if key == "" {
		return
	}
	if err := s.dedup.forget(ctx, key); err != nil {
		s.report(r, fmt.Errorf("wecom/message: de-duplication cache: %w", err))
	}
}

// done marks a de-duplication key as handled, so that re-sends are
// acknowledged.
func (s *Server) done(ctx context.Context, r *http.Request, key string) {
	if key == "" {
		return
	}
	if err := s.dedup.done(ctx, key); err != nil {
		s.report(r, fmt.Errorf("wecom/message: de-duplication cache: %w", err))
	}
}

// checkTimestamp applies WithMaxClockSkew to the (signed) timestamp of a
// request.
func (s *Server) checkTimestamp(timestamp string) error {
	if s.maxSkew <= 0 {
		return nil
	}
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: not a Unix time", ErrTimestamp)
	}
	skew := s.now().Sub(time.Unix(sec, 0)) // saturates for absurd values
	if skew > s.maxSkew || skew < -s.maxSkew {
		return fmt.Errorf("%w: %v from the server's clock, limit %v", ErrTimestamp, skew.Round(time.Second), s.maxSkew)
	}
	return nil
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

// readBody reads the request body, up to the limit.
func (s *Server) readBody(r *http.Request) (*bytes.Buffer, error) {
	if r.Body == nil { // only in requests built by hand
		return new(bytes.Buffer), nil
	}
	if r.ContentLength > s.maxBody {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrBodyTooLarge, r.ContentLength, s.maxBody)
	}
	buf, _ := s.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r.Body, s.maxBody+1))
	switch {
	case err != nil:
		s.releaseBody(buf)
		return nil, fmt.Errorf("%w: reading body: %v", ErrBadRequest, err)
	case int64(buf.Len()) > s.maxBody:
		s.releaseBody(buf)
		return nil, fmt.Errorf("%w: limit %d bytes", ErrBodyTooLarge, s.maxBody)
	}
	return buf, nil
}

// releaseBody returns a body buffer to the pool unless it grew large.
func (s *Server) releaseBody(buf *bytes.Buffer) {
	if buf.Cap() <= 64<<10 {
		s.bufs.Put(buf)
	}
}

// fail answers a rejected or failed request and reports err.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := StatusCode(err)
	s.report(r, err)
	http.Error(w, http.StatusText(code), code)
}

// log writes a record to the logger, recovering a panic of its handler.
func (s *Server) log(ctx context.Context, level slog.Level, msg string, attrs ...slog.Attr) {
	defer func() { _ = recover() }()
	s.logger.LogAttrs(ctx, level, msg, attrs...)
}

// report passes err to the logger and the error handler. A panic in
// either is recovered: reporting must neither fail a callback that was
// handled nor kill an asynchronous worker.
func (s *Server) report(r *http.Request, err error) {
	code := StatusCode(err)
	level := slog.LevelWarn
	if code >= 500 {
		level = slog.LevelError
	}
	ctx := context.Background()
	if r != nil {
		ctx = r.Context()
	}
	s.log(ctx, level, "wecom callback failed", slog.Int("status", code), slog.String("error", err.Error()))
	if s.onError != nil {
		func() {
			defer func() { _ = recover() }()
			s.onError(r, err)
		}()
	}
}
