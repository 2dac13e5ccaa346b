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
	pool                     *workerPool
	closed                   atomic.Bool

	now   func() time.Time
	nonce func() (string, error)
	bufs  sync.Pool // *bytes.Buffer for request bodies up to smallBody
	large sync.Pool // *bytes.Buffer for larger bodies, up to the size limit
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
	if s.asyncWorkers > 0 {
		s.pool = newWorkerPool(s.asyncWorkers, s.asyncQueue)
	}
	return s
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

// serveCallback answers a POST callback that arrived at start.
func (s *Server) serveCallback(w http.ResponseWriter, r *http.Request, start time.Time) {
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
	resp, contentType, err := s.handle(r.Context(), r, q, body.Bytes(), start)
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

// handle verifies, decrypts, parses and dispatches one POST callback that
// arrived at start and returns the response body.
func (s *Server) handle(ctx context.Context, r *http.Request, q callbackQuery, body []byte, start time.Time) ([]byte, string, error) {
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
	return s.dispatch(ctx, r, m, start)
}

// What WeCom waits for the answer to a callback, and the margins kept
// within it: the handler's deadline comes answerMargin before WeCom stops
// waiting, and the bookkeeping after the handler (recording the callback as
// handled) gets half that margin.
const (
	callbackWait      = 5 * time.Second
	callbackMargin    = 500 * time.Millisecond
	instructionWait   = time.Second
	instructionMargin = 200 * time.Millisecond

	// asyncTimeout is the default deadline of an asynchronous handler, and
	// asyncBookkeeping that of the cache calls after it.
	asyncTimeout     = time.Minute
	asyncBookkeeping = time.Second
)

// wecomWait returns how long WeCom waits for the answer to m, and the
// margin to keep within it.
func wecomWait(m *Message) (wait, margin time.Duration) {
	if m.IsInstruction() {
		return instructionWait, instructionMargin
	}
	return callbackWait, callbackMargin
}

// withDeadline returns ctx with deadline d, or ctx itself when d is zero.
func withDeadline(ctx context.Context, d time.Time) (context.Context, context.CancelFunc) {
	if d.IsZero() {
		return ctx, func() {}
	}
	return context.WithDeadline(ctx, d)
}

// dispatch runs de-duplication, hooks and the handler for m, which
// arrived at start.
//
// In asynchronous mode it first reserves a place in the queue, so that a
// callback refused for a full queue leaves no de-duplication key behind
// (which would make WeCom's re-send look like a duplicate). A key is
// stored as "handling" before the hooks run and as handled, with the
// encrypted passive reply if any, once the callback has been handled; it
// is deleted when handling fails, so that the re-send is handled.
//
// Everything before the answer runs under WeCom's budget: the claim, the
// hooks and the synchronous handler share one deadline (see
// WithHandlerTimeout), and the bookkeeping after the handler gets a short
// one of its own, so that a hung cache cannot hold the answer back.
func (s *Server) dispatch(ctx context.Context, r *http.Request, m *Message, start time.Time) (resp []byte, contentType string, err error) {
	wait, margin := wecomWait(m)
	deadline := start.Add(wait - margin)
	if s.pool == nil && s.timeoutSet {
		deadline = time.Time{}
		if s.timeout > 0 {
			deadline = start.Add(s.timeout)
		}
	}
	hctx, cancel := withDeadline(ctx, deadline)
	defer cancel()
	bookkeeping := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.WithoutCancel(ctx), margin/2)
	}

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
		state, stored, err := s.dedup.claim(hctx, k)
		if err != nil {
			s.report(r, fmt.Errorf("wecom/message: de-duplication cache: %w", err))
		}
		switch state {
		case stateDone:
			s.log(ctx, slog.LevelDebug, "wecom callback copy answered as the first", slog.String("kind", m.Kind().String()))
			if stored != nil {
				return stored, contentTypeReply, nil
			}
			return s.ack(m)
		case stateHandling:
			return nil, "", fmt.Errorf("%w: %s", ErrInProgress, m.Kind())
		}
		key = k
	}
	for _, hook := range s.hooks {
		if err := s.runHook(hctx, hook, m); err != nil {
			if key != "" {
				bctx, cancel := bookkeeping()
				s.forget(bctx, r, key)
				cancel()
			}
			return nil, "", err
		}
	}
	if s.pool != nil {
		actx := context.WithoutCancel(ctx)
		reserved = false // submit takes the place or releases it
		if err := s.pool.submit(func() { s.runAsync(actx, r, m, key) }); err != nil {
			if key != "" {
				bctx, cancel := bookkeeping()
				s.forget(bctx, r, key)
				cancel()
			}
			return nil, "", err
		}
		return s.ack(m)
	}
	reply, err := s.call(hctx, m)
	s.checkOverrun(ctx, hctx, m, start, wait)
	if err == nil && reply != nil && !m.IsInstruction() {
		resp, err = s.encryptReply(m, reply)
		contentType = contentTypeReply
	}
	if key != "" {
		bctx, cancel := bookkeeping()
		if err != nil {
			s.forget(bctx, r, key)
		} else {
			s.done(bctx, r, key, resp)
		}
		cancel()
	}
	if err != nil {
		return nil, "", err
	}
	if resp != nil {
		return resp, contentType, nil
	}
	return s.ack(m)
}

// checkOverrun logs a synchronous handler that ran out of its time: past
// its context's deadline, or past what WeCom waits.
func (s *Server) checkOverrun(ctx, hctx context.Context, m *Message, start time.Time, wait time.Duration) {
	now := time.Now()
	elapsed := now.Sub(start)
	deadline, ok := hctx.Deadline()
	if elapsed <= wait && (!ok || now.Before(deadline)) {
		return
	}
	attrs := []slog.Attr{
		slog.String("kind", m.Kind().String()),
		slog.Duration("elapsed", elapsed.Round(time.Millisecond)),
		slog.Duration("wecom_wait", wait),
	}
	if ok {
		attrs = append(attrs, slog.Duration("budget", deadline.Sub(start).Round(time.Millisecond)))
	}
	s.log(ctx, slog.LevelWarn, "wecom callback handler overran its time budget: WeCom stops waiting after "+
		wait.String()+" and sends the callback again; make the handler faster or serve with message.WithAsync", attrs...)
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
	timeout := asyncTimeout
	if s.timeoutSet {
		timeout = s.timeout
	}
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	hctx, cancel := withDeadline(ctx, deadline)
	reply, err := s.call(hctx, m)
	cancel()
	if err != nil {
		s.report(r, err)
	} else if reply != nil && !m.IsInstruction() {
		s.log(ctx, slog.LevelDebug, "wecom callback reply discarded in asynchronous mode",
			slog.String("kind", m.Kind().String()))
	}
	if key == "" {
		return
	}
	bctx, bcancel := context.WithTimeout(ctx, asyncBookkeeping)
	defer bcancel()
	if err != nil {
		s.forget(bctx, r, key)
		return
	}
	s.done(bctx, r, key, nil)
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

// done marks a de-duplication key as handled, keeping the encrypted
// passive reply (nil: none) so that re-sends get the same answer.
func (s *Server) done(ctx context.Context, r *http.Request, key string, reply []byte) {
	if key == "" {
		return
	}
	if err := s.dedup.done(ctx, key, reply); err != nil {
		s.report(r, fmt.Errorf("wecom/message: de-duplication cache: %w", err))
	}
}

// checkTimestamp applies the replay window to the (signed) timestamp of a
// request.
func (s *Server) checkTimestamp(timestamp string) error {
	if s.window <= 0 {
		return nil
	}
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: not a Unix time", ErrTimestamp)
	}
	skew := s.now().Sub(time.Unix(sec, 0)) // saturates for absurd values
	if skew > s.window || skew < -s.window {
		return fmt.Errorf("%w: %v from the server's clock, replay window %v", ErrTimestamp, skew.Round(time.Second), s.window)
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
	pool := &s.bufs
	if r.ContentLength > smallBody {
		pool = &s.large
	}
	buf, _ := pool.Get().(*bytes.Buffer)
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

// smallBody is the size up to which a body buffer goes back to the pool
// of small buffers. Callbacks are a few KB; larger buffers, up to the body
// limit, have a pool of their own, so that a flood of large (forged) bodies
// reuses a few buffers instead of allocating one per request, and ordinary
// callbacks never hold a large one.
const smallBody = 64 << 10

// releaseBody returns a body buffer to the pool of its size. A large one
// holds at most the body limit plus the allocator's rounding; one past that
// (which the limit on reads prevents) is left to the garbage collector.
func (s *Server) releaseBody(buf *bytes.Buffer) {
	switch c := int64(buf.Cap()); {
	case c <= smallBody:
		s.bufs.Put(buf)
	case c <= s.maxBody+smallBody:
		s.large.Put(buf)
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
