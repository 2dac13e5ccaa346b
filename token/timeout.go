package token

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
)

// DefaultCacheTimeout is the per-call limit of [TimeoutCache] when none is
// given, and the one wecom.NewOptions applies to the configured cache.
//
// A Redis on the same network answers in about a millisecond, so a call
// that takes this long means the cache is stuck; the callers then fall back
// as when it is down (a token is fetched directly, a callback is handled
// without de-duplication). It is small enough that the three cache calls of
// a de-duplicated instruction callback (claim, store the suite_ticket,
// record it as handled) fit within the 1 s WeCom waits for its answer.
const DefaultCacheTimeout = 250 * time.Millisecond

// setNXer is the optional SetNX method of a cache (message.SetNXer), kept
// by TimeoutCache.
type setNXer interface {
	SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error)
}

// TimeoutCache returns a Cache that bounds every call to c, including the
// optional methods c has (CompareAndDelete, TryLock and the lock's release,
// SetNX), to limit or to the caller's deadline, whichever comes first. A
// call that has not returned by then is left to finish on its own and its
// caller gets an error wrapping context.DeadlineExceeded (or the context's
// error when the caller's context ended first). This holds even when c
// ignores its context, as a go-redis client does for replies unless
// ContextTimeoutEnabled is set. A lock taken by a call given up on is
// released once it is obtained.
//
// The result implements exactly the optional interfaces (CompareAndDeleter,
// Locker, a SetNX method) that c implements, and has an Unwrap method that
// returns c. limit <= 0 means DefaultCacheTimeout. A cache that
// TimeoutCache already returned is returned unchanged, keeping its limit; so
// are a nil cache and a *MemoryCache, which never blocks.
func TimeoutCache(c Cache, limit time.Duration) Cache {
	switch c.(type) {
	case nil, *MemoryCache, interface{ bounded() *timeoutCache }:
		return c
	}
	if limit <= 0 {
		limit = DefaultCacheTimeout
	}
	t := &timeoutCache{c: c, limit: limit}
	_, cad := c.(CompareAndDeleter)
	_, lock := c.(Locker)
	_, nx := c.(setNXer)
	switch {
	case cad && lock && nx:
		return struct {
			*timeoutCache
			cadMethod
			lockMethod
			setNXMethod
		}{t, cadMethod{t}, lockMethod{t}, setNXMethod{t}}
	case cad && lock:
		return struct {
			*timeoutCache
			cadMethod
			lockMethod
		}{t, cadMethod{t}, lockMethod{t}}
	case cad && nx:
		return struct {
			*timeoutCache
			cadMethod
			setNXMethod
		}{t, cadMethod{t}, setNXMethod{t}}
	case lock && nx:
		return struct {
			*timeoutCache
			lockMethod
			setNXMethod
		}{t, lockMethod{t}, setNXMethod{t}}
	case cad:
		return struct {
			*timeoutCache
			cadMethod
		}{t, cadMethod{t}}
	case lock:
		return struct {
			*timeoutCache
			lockMethod
		}{t, lockMethod{t}}
	case nx:
		return struct {
			*timeoutCache
			setNXMethod
		}{t, setNXMethod{t}}
	}
	return t
}

// timeoutCache is the core of what TimeoutCache returns: the Cache methods.
// The optional ones are added by embedding the method types below.
type timeoutCache struct {
	c     Cache
	limit time.Duration
}

func (t *timeoutCache) bounded() *timeoutCache { return t }

// Unwrap returns the cache whose calls are bounded.
func (t *timeoutCache) Unwrap() Cache { return t.c }

// Get implements Cache.
func (t *timeoutCache) Get(ctx context.Context, key string) (string, error) {
	return bound(ctx, t.limit, "get", func(ctx context.Context) (string, error) {
		return t.c.Get(ctx, key)
	}, nil)
}

// Set implements Cache.
func (t *timeoutCache) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	_, err := bound(ctx, t.limit, "set", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, t.c.Set(ctx, key, value, ttl)
	}, nil)
	return err
}

// Delete implements Cache.
func (t *timeoutCache) Delete(ctx context.Context, key string) error {
	_, err := bound(ctx, t.limit, "delete", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, t.c.Delete(ctx, key)
	}, nil)
	return err
}

type cadMethod struct{ t *timeoutCache }

// CompareAndDelete implements CompareAndDeleter.
func (m cadMethod) CompareAndDelete(ctx context.Context, key, old string) (bool, error) {
	return bound(ctx, m.t.limit, "compare-and-delete", func(ctx context.Context) (bool, error) {
		return m.t.c.(CompareAndDeleter).CompareAndDelete(ctx, key, old)
	}, nil)
}

type setNXMethod struct{ t *timeoutCache }

// SetNX stores value under key for ttl unless key holds a value, and
// reports whether it stored it (see message.SetNXer).
func (m setNXMethod) SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error) {
	return bound(ctx, m.t.limit, "setnx", func(ctx context.Context) (bool, error) {
		return m.t.c.(setNXer).SetNX(ctx, key, value, ttl)
	}, nil)
}

type lockMethod struct{ t *timeoutCache }

// TryLock implements Locker. The release function it returns is bounded
// too, on a fresh context when the one it is given has ended, so that a
// lock is released even by a caller whose deadline passed.
func (m lockMethod) TryLock(ctx context.Context, key string, ttl time.Duration) (func(context.Context) error, error) {
	release, err := bound(ctx, m.t.limit, "lock", func(ctx context.Context) (func(context.Context) error, error) {
		return m.t.c.(Locker).TryLock(ctx, key, ttl)
	}, func(release func(context.Context) error) {
		// The lock was taken after its caller gave up: free it rather
		// than make everyone wait for its ttl.
		if release != nil {
			_ = m.release(release)(context.WithoutCancel(ctx))
		}
	})
	if err != nil || release == nil {
		return nil, err
	}
	return m.release(release), nil
}

// release bounds the release function of a lock.
func (m lockMethod) release(release func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		if ctx.Err() != nil {
			ctx = context.WithoutCancel(ctx)
		}
		_, err := bound(ctx, m.t.limit, "unlock", func(ctx context.Context) (struct{}, error) {
			return struct{}{}, release(ctx)
		}, nil)
		return err
	}
}

// Outcomes of a bounded call, see bound.
const (
	callRunning int32 = iota
	callReturned
	callAbandoned
)

// bound runs call on a context limited to limit and returns its result, or
// an error as soon as that context ends, whether or not call heeds it. A
// call given up on goes on in its goroutine until it returns; abandon, if
// not nil, then gets its result. A panic of call is raised again in the
// caller, as if call had run there (one in a call given up on is dropped).
// op names the call in errors, which never carry keys or values.
func bound[T any](ctx context.Context, limit time.Duration, op string, call func(context.Context) (T, error), abandon func(T)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, fmt.Errorf("token: cache %s: %w", op, err)
	}
	cctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	type result struct {
		v     T
		err   error
		panic any
	}
	done := make(chan result, 1)
	var state atomic.Int32
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.panic = p
			}
			if state.CompareAndSwap(callRunning, callReturned) {
				done <- r
				return
			}
			if abandon != nil && r.panic == nil && r.err == nil {
				abandon(r.v)
			}
		}()
		r.v, r.err = call(cctx)
	}()
	var r result
	select {
	case r = <-done:
	case <-cctx.Done():
		if !state.CompareAndSwap(callRunning, callAbandoned) {
			// The call returned at the very moment its time ran out.
			r = <-done
			break
		}
		if err := ctx.Err(); err != nil {
			return zero, fmt.Errorf("token: cache %s: %w", op, err)
		}
		return zero, fmt.Errorf("token: cache %s: no answer within %v: %w", op, limit, context.DeadlineExceeded)
	}
	if r.panic != nil {
		panic(r.panic)
	}
	return r.v, r.err
}
