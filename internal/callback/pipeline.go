// Package callback is the envelope-agnostic part of the SDK's callback
// servers, shared by message.Server (XML callbacks of apps and suites) and
// aibot.Server (JSON callbacks of intelligent robots): the query parser,
// pooled body reading, the replay window, de-duplication with stored
// replies, the handler's deadline and overrun logging, the asynchronous
// worker pool, hooks, error reporting and shutdown. Each server decrypts
// and parses its own envelope and gives the pipeline a parsed message.
package callback

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Errors are the sentinel errors of the package that owns a Pipeline, which
// the pipeline wraps, so that each package keeps its own error texts.
type Errors struct {
	BadRequest, BodyTooLarge, Handler, QueueFull, InProgress, Timestamp, ServerClosed error
	// Parse, Method and Reply are not raised by the pipeline; they complete
	// the vocabulary that Status maps to HTTP status codes.
	Parse, Method, Reply error
	// Prefix starts the text of reported cache errors, e.g. "wecom/message".
	Prefix string
	// AsyncOption names the option a slow handler should use, for the
	// overrun warning, e.g. "message.WithAsync".
	AsyncOption string
}

// Pipeline runs parsed callbacks of type M through de-duplication, hooks
// and the handler, whose replies are of type R. The owning server fills
// the fields before use and never changes them after.
type Pipeline[M, R any] struct {
	Errors Errors

	// Kind names m in logs and errors.
	Kind func(m M) string
	// Key returns the de-duplication key of m; "" turns de-duplication off
	// for m.
	Key func(m M) string
	// Budget returns how long WeCom waits for the answer to m, and the
	// margin kept within it.
	Budget func(m M) (wait, margin time.Duration)
	// Ack returns the answer to m when there is no reply.
	Ack func(m M) ([]byte, string)
	// Hooks run before the handler; nil: none.
	Hooks []func(ctx context.Context, m M) error
	// WrapHook turns a hook's error or panic value into the error reported.
	WrapHook func(m M, err error, panicked any) error
	// Call runs the handler, turning a panic into an error.
	Call func(ctx context.Context, m M) (R, error)
	// Seal encrypts a reply; it returns nil when there is nothing to send.
	Seal func(m M, reply R) ([]byte, error)
	// HasReply tells whether reply is a reply that asynchronous mode drops.
	HasReply func(m M, reply R) bool
	// ReplyContentType is the content type of sealed replies.
	ReplyContentType string
	// Status maps an error to an HTTP status code.
	Status func(error) int

	Dedup      *Deduper // nil: off
	Window     time.Duration
	Timeout    time.Duration
	TimeoutSet bool
	Pool       *WorkerPool // nil: synchronous
	Logger     *slog.Logger
	OnError    func(*http.Request, error)
	Now        func() time.Time
	MaxBody    int64

	closed atomic.Bool
	bufs   sync.Pool // *bytes.Buffer for request bodies up to SmallBody
	large  sync.Pool // *bytes.Buffer for larger bodies, up to the size limit
}

// Defaults of the asynchronous mode: the deadline of a handler, and that
// of the cache calls after it.
const (
	AsyncTimeout     = time.Minute
	asyncBookkeeping = time.Second
)

// Close stops the pipeline from taking new callbacks and, in asynchronous
// mode, waits until the queued ones have been handled or ctx is done.
func (p *Pipeline[M, R]) Close(ctx context.Context) error {
	p.closed.Store(true)
	if p.Pool != nil {
		return p.Pool.shutdown(ctx)
	}
	return nil
}

// Closed reports whether Close was called.
func (p *Pipeline[M, R]) Closed() bool { return p.closed.Load() }

// withDeadline returns ctx with deadline d, or ctx itself when d is zero.
func withDeadline(ctx context.Context, d time.Time) (context.Context, context.CancelFunc) {
	if d.IsZero() {
		return ctx, func() {}
	}
	return context.WithDeadline(ctx, d)
}

// Dispatch runs de-duplication, hooks and the handler for m, which arrived
// at start, and returns the answer.
//
// In asynchronous mode it first reserves a place in the queue, so that a
// callback refused for a full queue leaves no de-duplication key behind
// (which would make WeCom's re-send look like a duplicate). A key is
// stored as "handling" before the hooks run and as handled, with the
// encrypted passive reply if any, once the callback has been handled; it
// is deleted when handling fails, so that the re-send is handled.
//
// Everything before the answer runs under WeCom's budget: the claim, the
// hooks and the synchronous handler share one deadline, and the
// bookkeeping after the handler gets a short one of its own, so that a hung
// cache cannot hold the answer back.
func (p *Pipeline[M, R]) Dispatch(ctx context.Context, r *http.Request, m M, start time.Time) (resp []byte, contentType string, err error) {
	wait, margin := p.Budget(m)
	deadline := start.Add(wait - margin)
	if p.Pool == nil && p.TimeoutSet {
		deadline = time.Time{}
		if p.Timeout > 0 {
			deadline = start.Add(p.Timeout)
		}
	}
	hctx, cancel := withDeadline(ctx, deadline)
	defer cancel()
	bookkeeping := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.WithoutCancel(ctx), margin/2)
	}

	reserved := false
	if p.Pool != nil {
		if err := p.Pool.reserve(p.Errors); err != nil {
			return nil, "", err
		}
		reserved = true
		defer func() {
			if reserved {
				p.Pool.release()
			}
		}()
	}
	var key string
	if p.Dedup != nil {
		if k := p.Key(m); k != "" {
			state, stored, err := p.Dedup.claim(hctx, k)
			if err != nil {
				p.Report(r, fmt.Errorf("%s: de-duplication cache: %w", p.Errors.Prefix, err))
			}
			switch state {
			case stateDone:
				p.Log(ctx, slog.LevelDebug, "wecom callback copy answered as the first", slog.String("kind", p.Kind(m)))
				if stored != nil {
					return stored, p.ReplyContentType, nil
				}
				resp, contentType = p.Ack(m)
				return resp, contentType, nil
			case stateHandling:
				return nil, "", fmt.Errorf("%w: %s", p.Errors.InProgress, p.Kind(m))
			}
			key = k
		}
	}
	for _, hook := range p.Hooks {
		if err := p.runHook(hctx, hook, m); err != nil {
			if key != "" {
				bctx, cancel := bookkeeping()
				p.forget(bctx, r, key)
				cancel()
			}
			return nil, "", err
		}
	}
	if p.Pool != nil {
		actx := context.WithoutCancel(ctx)
		reserved = false // submit takes the place or releases it
		if err := p.Pool.submit(p.Errors, func() { p.runAsync(actx, r, m, key) }); err != nil {
			if key != "" {
				bctx, cancel := bookkeeping()
				p.forget(bctx, r, key)
				cancel()
			}
			return nil, "", err
		}
		resp, contentType = p.Ack(m)
		return resp, contentType, nil
	}
	reply, err := p.Call(hctx, m)
	p.checkOverrun(ctx, hctx, m, start, wait)
	if err == nil {
		resp, err = p.Seal(m, reply)
		contentType = p.ReplyContentType
	}
	if key != "" {
		bctx, cancel := bookkeeping()
		if err != nil {
			p.forget(bctx, r, key)
		} else {
			p.done(bctx, r, key, resp)
		}
		cancel()
	}
	if err != nil {
		return nil, "", err
	}
	if resp != nil {
		return resp, contentType, nil
	}
	resp, contentType = p.Ack(m)
	return resp, contentType, nil
}

// checkOverrun logs a synchronous handler that ran out of its time: past
// its context's deadline, or past what WeCom waits.
func (p *Pipeline[M, R]) checkOverrun(ctx, hctx context.Context, m M, start time.Time, wait time.Duration) {
	now := time.Now()
	elapsed := now.Sub(start)
	deadline, ok := hctx.Deadline()
	if elapsed <= wait && (!ok || now.Before(deadline)) {
		return
	}
	attrs := []slog.Attr{
		slog.String("kind", p.Kind(m)),
		slog.Duration("elapsed", elapsed.Round(time.Millisecond)),
		slog.Duration("wecom_wait", wait),
	}
	if ok {
		attrs = append(attrs, slog.Duration("budget", deadline.Sub(start).Round(time.Millisecond)))
	}
	p.Log(ctx, slog.LevelWarn, "wecom callback handler overran its time budget: WeCom stops waiting after "+
		wait.String()+" and sends the callback again; make the handler faster or serve with "+p.Errors.AsyncOption, attrs...)
}

// runAsync handles m on a worker and records the outcome under key. A
// panic, which would end the process, is recovered and reported.
func (p *Pipeline[M, R]) runAsync(ctx context.Context, r *http.Request, m M, key string) {
	defer func() {
		if v := recover(); v != nil {
			p.Report(r, fmt.Errorf("%w: %s: panic: %v", p.Errors.Handler, p.Kind(m), v))
		}
	}()
	timeout := AsyncTimeout
	if p.TimeoutSet {
		timeout = p.Timeout
	}
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	hctx, cancel := withDeadline(ctx, deadline)
	reply, err := p.Call(hctx, m)
	cancel()
	if err != nil {
		p.Report(r, err)
	} else if p.HasReply(m, reply) {
		p.Log(ctx, slog.LevelDebug, "wecom callback reply discarded in asynchronous mode",
			slog.String("kind", p.Kind(m)))
	}
	if key == "" {
		return
	}
	bctx, bcancel := context.WithTimeout(ctx, asyncBookkeeping)
	defer bcancel()
	if err != nil {
		p.forget(bctx, r, key)
		return
	}
	p.done(bctx, r, key, nil)
}

// runHook runs one hook, turning a panic into an error.
func (p *Pipeline[M, R]) runHook(ctx context.Context, hook func(context.Context, M) error, m M) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = p.WrapHook(m, nil, v)
		}
	}()
	if err := hook(ctx, m); err != nil {
		return p.WrapHook(m, err, nil)
	}
	return nil
}

// forget deletes a de-duplication key after a failure, so that WeCom's
// re-send is handled. If the cache fails, the key stays "handling" until it
// expires: re-sends are refused as in progress, never dropped as
// duplicates.
func (p *Pipeline[M, R]) forget(ctx context.Context, r *http.Request, key string) {
	if err := p.Dedup.forget(ctx, key); err != nil {
		p.Report(r, fmt.Errorf("%s: de-duplication cache: %w", p.Errors.Prefix, err))
	}
}

// done marks a de-duplication key as handled, keeping the encrypted
// passive reply (nil: none) so that re-sends get the same answer.
func (p *Pipeline[M, R]) done(ctx context.Context, r *http.Request, key string, reply []byte) {
	if err := p.Dedup.done(ctx, key, reply); err != nil {
		p.Report(r, fmt.Errorf("%s: de-duplication cache: %w", p.Errors.Prefix, err))
	}
}

// CheckTimestamp applies the replay window to the (signed) timestamp of a
// request.
func (p *Pipeline[M, R]) CheckTimestamp(timestamp string) error {
	if p.Window <= 0 {
		return nil
	}
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: not a Unix time", p.Errors.Timestamp)
	}
	skew := p.Now().Sub(time.Unix(sec, 0)) // saturates for absurd values
	if skew > p.Window || skew < -p.Window {
		return fmt.Errorf("%w: %v from the server's clock, replay window %v", p.Errors.Timestamp, skew.Round(time.Second), p.Window)
	}
	return nil
}

// ReadBody reads the request body, up to the limit, into a pooled buffer
// that the caller gives back with ReleaseBody.
func (p *Pipeline[M, R]) ReadBody(r *http.Request) (*bytes.Buffer, error) {
	if r.Body == nil { // only in requests built by hand
		return new(bytes.Buffer), nil
	}
	if r.ContentLength > p.MaxBody {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", p.Errors.BodyTooLarge, r.ContentLength, p.MaxBody)
	}
	pool := &p.bufs
	if r.ContentLength > SmallBody {
		pool = &p.large
	}
	buf, _ := pool.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r.Body, p.MaxBody+1))
	switch {
	case err != nil:
		p.ReleaseBody(buf)
		return nil, fmt.Errorf("%w: reading body: %v", p.Errors.BadRequest, err)
	case int64(buf.Len()) > p.MaxBody:
		p.ReleaseBody(buf)
		return nil, fmt.Errorf("%w: limit %d bytes", p.Errors.BodyTooLarge, p.MaxBody)
	}
	return buf, nil
}

// SmallBody is the size up to which a body buffer goes back to the pool
// of small buffers. Callbacks are a few KB; larger buffers, up to the body
// limit, have a pool of their own, so that a flood of large (forged) bodies
// reuses a few buffers instead of allocating one per request, and ordinary
// callbacks never hold a large one.
const SmallBody = 64 << 10

// ReleaseBody returns a body buffer to the pool of its size. A large one
// holds at most the body limit plus the allocator's rounding; one past that
// (which the limit on reads prevents) is left to the garbage collector.
func (p *Pipeline[M, R]) ReleaseBody(buf *bytes.Buffer) {
	switch c := int64(buf.Cap()); {
	case c <= SmallBody:
		p.bufs.Put(buf)
	case c <= p.MaxBody+SmallBody:
		p.large.Put(buf)
	}
}

// Fail answers a rejected or failed request and reports err.
func (p *Pipeline[M, R]) Fail(w http.ResponseWriter, r *http.Request, err error) {
	code := p.Status(err)
	p.Report(r, err)
	http.Error(w, http.StatusText(code), code)
}

// Log writes a record to the logger, recovering a panic of its handler.
func (p *Pipeline[M, R]) Log(ctx context.Context, level slog.Level, msg string, attrs ...slog.Attr) {
	defer func() { _ = recover() }()
	p.Logger.LogAttrs(ctx, level, msg, attrs...)
}

// Report passes err to the logger and the error handler. A panic in
// either is recovered: reporting must neither fail a callback that was
// handled nor kill an asynchronous worker.
func (p *Pipeline[M, R]) Report(r *http.Request, err error) {
	code := p.Status(err)
	level := slog.LevelWarn
	if code >= 500 {
		level = slog.LevelError
	}
	ctx := context.Background()
	if r != nil {
		ctx = r.Context()
	}
	p.Log(ctx, level, "wecom callback failed", slog.Int("status", code), slog.String("error", err.Error()))
	if p.OnError != nil {
		func() {
			defer func() { _ = recover() }()
			p.OnError(r, err)
		}()
	}
}

// Write answers a handled callback with status 200 and resp.
func Write(w http.ResponseWriter, resp []byte, contentType string) {
	if len(resp) > 0 {
		w.Header().Set("Content-Type", contentType)
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(resp)
}
