package api

import (
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// attempt is one HTTP exchange of a call. Its context is cancelled once the
// exchange has made no progress for the client's timeout: for a JSON call
// that bounds the whole exchange; a streamed upload or download reports
// progress as bytes move, so a large file is bounded by its pauses, not by
// its size (the caller's context still bounds the whole call).
type attempt struct {
	ctx   context.Context
	stop  func()
	timer *time.Timer // nil for a JSON call, whose timeout never restarts
	limit time.Duration
}

// errStalled is the cancellation cause of an attempt that timed out.
var errStalled = errors.New("wecom: attempt made no progress")

// newAttempt starts an attempt. A streamed one (stream true) may report
// progress; a JSON one gets a plain deadline, which costs less.
func newAttempt(ctx context.Context, limit time.Duration, stream bool) *attempt {
	if !stream {
		if d, ok := ctx.Deadline(); ok && time.Until(d) <= limit {
			// The caller's deadline comes first: it bounds the attempt.
			return &attempt{ctx: ctx, stop: func() {}, limit: limit}
		}
		actx, cancel := context.WithTimeoutCause(ctx, limit, errStalled)
		return &attempt{ctx: actx, stop: cancel, limit: limit}
	}
	actx, cancel := context.WithCancelCause(ctx)
	a := &attempt{ctx: actx, stop: func() { cancel(context.Canceled) }, limit: limit}
	a.timer = time.AfterFunc(limit, func() { cancel(errStalled) })
	return a
}

// progress restarts the timeout of a streamed attempt.
func (a *attempt) progress() {
	if a.timer != nil && a.ctx.Err() == nil {
		a.timer.Reset(a.limit)
	}
}

// end releases the attempt's timer and context.
func (a *attempt) end() {
	if a.timer != nil {
		a.timer.Stop()
	}
	a.stop()
}

// timedOut reports whether the attempt was cut short by its timeout.
func (a *attempt) timedOut() bool {
	return errors.Is(context.Cause(a.ctx), errStalled)
}

// timeoutError is the error of an attempt cut short by the timeout. It
// matches context.DeadlineExceeded.
type timeoutError struct{ limit time.Duration }

func (e *timeoutError) Error() string {
	return "no answer (or no progress) within the timeout of " + e.limit.String()
}

func (e *timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// Timeout reports true, as net.Error does for timeouts.
func (e *timeoutError) Timeout() bool { return true }

// progressReader reports each read that moves bytes to an attempt.
type progressReader struct {
	r   io.Reader
	a   *attempt
	err error // the last read error, to tell it from a write error
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.a.progress()
	}
	if err != nil && err != io.EOF {
		p.err = err
	}
	return n, err
}

// uploadBody is one attempt's view of an upload's content. net/http may
// still read a request body after the exchange has ended; detach waits for
// such a read and makes later ones fail, so that the content can be rewound
// for another attempt without two readers racing on it.
type uploadBody struct {
	mu       sync.Mutex
	r        io.Reader
	a        *attempt
	detached atomic.Bool
}

var errDetached = errors.New("wecom: upload attempt is over")

func (b *uploadBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.detached.Load() {
		return 0, errDetached
	}
	n, err := b.r.Read(p)
	if n > 0 {
		b.a.progress()
	}
	return n, err
}

// Close is called by net/http when it is done with the body. It does not
// wait for a read in progress, which may block on the caller's reader.
func (b *uploadBody) Close() error {
	b.detached.Store(true)
	return nil
}

// detach returns once no read is in progress and none can start.
func (b *uploadBody) detach() {
	b.mu.Lock()
	b.detached.Store(true)
	b.mu.Unlock()
}
