package token

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stuckCache is a cache whose every call, the optional ones included,
// waits until unstuck is closed whatever its context says, as a go-redis
// client without ContextTimeoutEnabled does on a frozen Redis.
type stuckCache struct {
	unstuck  chan struct{}
	calls    atomic.Int32 // started
	finished atomic.Int32
	released atomic.Int32
}

func newStuckCache() *stuckCache { return &stuckCache{unstuck: make(chan struct{})} }

func (c *stuckCache) wait() {
	defer c.finished.Add(1)
	c.calls.Add(1)
	<-c.unstuck
}

func (c *stuckCache) Get(context.Context, string) (string, error) { c.wait(); return "v", nil }
func (c *stuckCache) Set(context.Context, string, string, time.Duration) error {
	c.wait()
	return nil
}
func (c *stuckCache) Delete(context.Context, string) error { c.wait(); return nil }
func (c *stuckCache) CompareAndDelete(context.Context, string, string) (bool, error) {
	c.wait()
	return true, nil
}
func (c *stuckCache) SetNX(context.Context, string, string, time.Duration) (bool, error) {
	c.wait()
	return true, nil
}
func (c *stuckCache) TryLock(context.Context, string, time.Duration) (func(context.Context) error, error) {
	c.wait()
	return func(context.Context) error { c.released.Add(1); return nil }, nil
}

func TestTimeoutCacheReleasesCallerWhenCacheIgnoresContext(t *testing.T) {
	const limit = 50 * time.Millisecond
	stuck := newStuckCache()
	c := TimeoutCache(stuck, limit)
	ctx := context.Background()
	goroutines := runtime.NumGoroutine()
	calls := map[string]func() error{
		"get":                func() error { _, err := c.Get(ctx, "k"); return err },
		"set":                func() error { return c.Set(ctx, "k", "v", time.Minute) },
		"delete":             func() error { return c.Delete(ctx, "k") },
		"compare-and-delete": func() error { _, err := c.(CompareAndDeleter).CompareAndDelete(ctx, "k", "v"); return err },
		"setnx":              func() error { _, err := c.(setNXer).SetNX(ctx, "k", "v", time.Minute); return err },
		"lock":               func() error { _, err := c.(Locker).TryLock(ctx, "k", time.Minute); return err },
	}
	for op, call := range calls {
		start := time.Now()
		err := call()
		took := time.Since(start)
		require.ErrorIs(t, err, context.DeadlineExceeded, op)
		assert.EqualError(t, err, "token: cache "+op+": no answer within 50ms: context deadline exceeded")
		assert.Less(t, took, limit+250*time.Millisecond, "%s took %v", op, took)
		assert.GreaterOrEqual(t, took, limit, op)
	}
	// The calls given up on finish once the cache answers; the lock one
	// of them obtained is released, since nobody else will.
	close(stuck.unstuck)
	assert.EqualValues(t, len(calls), stuck.calls.Load())
	assert.Eventually(t, func() bool {
		return stuck.finished.Load() == int32(len(calls)) && stuck.released.Load() == 1
	}, 5*time.Second, time.Millisecond)
	// And nothing of them is left running. (Polled here: Eventually runs
	// its condition on a goroutine of its own.)
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > goroutines; {
		require.True(t, time.Now().Before(deadline), "%d goroutines left, %d before", runtime.NumGoroutine(), goroutines)
		time.Sleep(time.Millisecond)
	}
}

func TestTimeoutCacheCallerDeadlineComesFirst(t *testing.T) {
	stuck := newStuckCache()
	t.Cleanup(func() { close(stuck.unstuck) })
	c := TimeoutCache(stuck, time.Hour)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Get(ctx, "k")
	assert.Less(t, time.Since(start), time.Second)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.EqualError(t, err, "token: cache get: context deadline exceeded", "the caller's deadline, not the cache's")

	// A call on an ended context does not even start.
	before := stuck.calls.Load()
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	err = c.Set(ctx, "k", "v", 0)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, before, stuck.calls.Load())
}

func TestTimeoutCachePassesResultsThrough(t *testing.T) {
	ctx := context.Background()
	mem := NewMemoryCache()
	c := TimeoutCache(plainCache{mem}, time.Second)
	_, err := c.Get(ctx, "k")
	require.ErrorIs(t, err, ErrNotFound)
	require.NoError(t, c.Set(ctx, "k", "v", time.Minute))
	v, err := c.Get(ctx, "k")
	require.NoError(t, err)
	assert.Equal(t, "v", v)
	require.NoError(t, c.Delete(ctx, "k"))
	_, err = mem.Get(ctx, "k")
	require.ErrorIs(t, err, ErrNotFound)

	failing := TimeoutCache(failingCache{}, time.Second)
	_, err = failing.Get(ctx, "k")
	require.ErrorIs(t, err, errCacheDown)
	assert.Equal(t, errCacheDown, err, "the cache's own error is returned as is")

	lc := TimeoutCache(struct {
		plainCache
		lockOnly
	}{plainCache{mem}, lockOnly{mem}}, time.Second).(Locker)
	release, err := lc.TryLock(ctx, "l", time.Minute)
	require.NoError(t, err)
	require.NotNil(t, release)
	again, err := lc.TryLock(ctx, "l", time.Minute)
	require.NoError(t, err)
	assert.Nil(t, again, "held elsewhere: nil, nil as the Locker says")
	done, cancel := context.WithCancel(ctx)
	cancel()
	require.NoError(t, release(done), "released on a fresh context when the caller's has ended")
	again, err = lc.TryLock(ctx, "l", time.Minute)
	require.NoError(t, err)
	assert.NotNil(t, again, "free after the release")
}

func TestTimeoutCacheReleaseIsBounded(t *testing.T) {
	ctx := context.Background()
	stuck := newStuckCache()
	t.Cleanup(func() { close(stuck.unstuck) })
	hanging := func(context.Context) error { stuck.wait(); return nil }
	c := TimeoutCache(lockWith{plainCache{NewMemoryCache()}, hanging}, 40*time.Millisecond).(Locker)
	release, err := c.TryLock(ctx, "l", time.Minute)
	require.NoError(t, err)
	start := time.Now()
	err = release(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "token: cache unlock: no answer within 40ms")
	assert.Less(t, time.Since(start), time.Second)
}

// lockWith is a Locker whose locks are always free and released by release.
type lockWith struct {
	plainCache
	release func(context.Context) error
}

func (l lockWith) TryLock(context.Context, string, time.Duration) (func(context.Context) error, error) {
	return l.release, nil
}

func TestTimeoutCacheKeepsExactlyTheOptionalInterfaces(t *testing.T) {
	base := plainCache{NewMemoryCache()}
	cad := cadOnly(base)
	lock := lockOnly(base)
	nx := nxOnly(base)
	caches := map[string]Cache{
		"plain": base,
		"cad": struct {
			plainCache
			cadOnly
		}{base, cad},
		"lock": struct {
			plainCache
			lockOnly
		}{base, lock},
		"setnx": struct {
			plainCache
			nxOnly
		}{base, nx},
		"cad+lock": struct {
			plainCache
			cadOnly
			lockOnly
		}{base, cad, lock},
		"cad+setnx": struct {
			plainCache
			cadOnly
			nxOnly
		}{base, cad, nx},
		"lock+setnx": struct {
			plainCache
			lockOnly
			nxOnly
		}{base, lock, nx},
		"cad+lock+setnx": struct {
			plainCache
			cadOnly
			lockOnly
			nxOnly
		}{base, cad, lock, nx},
		"redis-like (all)": newStuckCache(),
	}
	for name, c := range caches {
		w := TimeoutCache(c, time.Second)
		_, cadIn := c.(CompareAndDeleter)
		_, cadOut := w.(CompareAndDeleter)
		_, lockIn := c.(Locker)
		_, lockOut := w.(Locker)
		_, nxIn := c.(setNXer)
		_, nxOut := w.(setNXer)
		assert.Equal(t, cadIn, cadOut, "%s: CompareAndDeleter", name)
		assert.Equal(t, lockIn, lockOut, "%s: Locker", name)
		assert.Equal(t, nxIn, nxOut, "%s: SetNX", name)
		u, ok := w.(interface{ Unwrap() Cache })
		require.True(t, ok, name)
		assert.Equal(t, c, u.Unwrap(), name)
		assert.Equal(t, w, TimeoutCache(w, time.Minute), "%s: not wrapped twice", name)
	}
	mem := NewMemoryCache()
	assert.Same(t, mem, TimeoutCache(mem, time.Second), "a MemoryCache never blocks")
	assert.Nil(t, TimeoutCache(nil, time.Second))
}

func TestTimeoutCacheOptionalMethodsReachTheCache(t *testing.T) {
	ctx := context.Background()
	mem := NewMemoryCache()
	c := TimeoutCache(struct {
		plainCache
		cadOnly
		nxOnly
	}{plainCache{mem}, cadOnly{mem}, nxOnly{mem}}, time.Second)
	stored, err := c.(setNXer).SetNX(ctx, "k", "a", time.Minute)
	require.NoError(t, err)
	assert.True(t, stored)
	stored, err = c.(setNXer).SetNX(ctx, "k", "b", time.Minute)
	require.NoError(t, err)
	assert.False(t, stored)
	deleted, err := c.(CompareAndDeleter).CompareAndDelete(ctx, "k", "b")
	require.NoError(t, err)
	assert.False(t, deleted)
	deleted, err = c.(CompareAndDeleter).CompareAndDelete(ctx, "k", "a")
	require.NoError(t, err)
	assert.True(t, deleted)
}

type cadOnly struct{ c *MemoryCache }

func (o cadOnly) CompareAndDelete(ctx context.Context, key, old string) (bool, error) {
	return o.c.CompareAndDelete(ctx, key, old)
}

type nxOnly struct{ c *MemoryCache }

func (o nxOnly) SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error) {
	return o.c.SetNX(ctx, key, value, ttl)
}

type lockOnly struct{ c *MemoryCache }

func (o lockOnly) TryLock(ctx context.Context, key string, ttl time.Duration) (func(context.Context) error, error) {
	ok, err := o.c.SetNX(ctx, key, "held", ttl)
	if err != nil || !ok {
		return nil, err
	}
	return func(ctx context.Context) error { return o.c.Delete(ctx, key) }, nil
}

func TestSourceWithStuckCacheFetchesWithinTheLimit(t *testing.T) {
	stuck := newStuckCache()
	t.Cleanup(func() { close(stuck.unstuck) })
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(stuck, f, nil)
	start := time.Now()
	tok, err := s.Token(context.Background())
	took := time.Since(start)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	// One bounded read, then the fetch; nothing is written to the cache
	// that just failed, and no lock is taken on it.
	assert.Less(t, took, DefaultCacheTimeout+250*time.Millisecond, "took %v", took)
	assert.EqualValues(t, 1, stuck.calls.Load())
	assert.False(t, errors.Is(err, context.DeadlineExceeded))
}

// stuckLock is a cache that answers reads and writes at once but whose
// lock hangs until unstuck is closed, then is taken.
type stuckLock struct {
	*MemoryCache
	stuck *stuckCache
}

func (l stuckLock) TryLock(ctx context.Context, key string, ttl time.Duration) (func(context.Context) error, error) {
	return l.stuck.TryLock(ctx, key, ttl)
}

func TestSourceWithStuckLockFetchesWithinTheLimit(t *testing.T) {
	stuck := newStuckCache()
	cache := stuckLock{NewMemoryCache(), stuck}
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(cache, f, nil)
	start := time.Now()
	tok, err := s.Token(context.Background())
	took := time.Since(start)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	assert.Less(t, took, DefaultCacheTimeout+250*time.Millisecond, "took %v", took)
	assert.EqualValues(t, 1, f.n.Load(), "fetched once, without the lock")

	// The lock the abandoned call takes in the end is released at once
	// rather than left to block other instances for its ttl.
	close(stuck.unstuck)
	assert.Eventually(t, func() bool { return stuck.released.Load() == 1 }, 5*time.Second, time.Millisecond)
}

func BenchmarkTimeoutCacheGet(b *testing.B) {
	ctx := context.Background()
	direct := plainCache{NewMemoryCache()}
	require.NoError(b, direct.Set(ctx, "k", "v", 0))
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = direct.Get(ctx, "k")
		}
	})
	bounded := TimeoutCache(direct, time.Second)
	b.Run("bounded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = bounded.Get(ctx, "k")
		}
	})
}

// panickyCache panics in Get.
type panickyCache struct{ plainCache }

func (panickyCache) Get(context.Context, string) (string, error) { panic("cache bug") }

func TestTimeoutCachePanicReachesTheCaller(t *testing.T) {
	c := TimeoutCache(panickyCache{plainCache{NewMemoryCache()}}, time.Second)
	assert.PanicsWithValue(t, "cache bug", func() { _, _ = c.Get(context.Background(), "k") },
		"raised where the caller (and net/http's recovery) can see it, not in a goroutine of its own")
}

// hangingCache is a MemoryCache until hang is set, then a stuckCache.
type hangingCache struct {
	*MemoryCache
	stuck *stuckCache
	hang  atomic.Bool
}

func (c *hangingCache) Get(ctx context.Context, key string) (string, error) {
	if c.hang.Load() {
		return c.stuck.Get(ctx, key)
	}
	return c.MemoryCache.Get(ctx, key)
}

func (c *hangingCache) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	if c.hang.Load() {
		return c.stuck.Set(ctx, key, value, ttl)
	}
	return c.MemoryCache.Set(ctx, key, value, ttl)
}

func TestSourceBackgroundRefreshWithStuckCache(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	stuck := newStuckCache()
	t.Cleanup(func() { close(stuck.unstuck) })
	cache := &hangingCache{MemoryCache: NewMemoryCache(), stuck: stuck}
	f := &counter{expiresIn: 7200 * time.Second}
	s := newTestSource(cache, f, clock)
	tok, err := s.Token(ctx)
	require.NoError(t, err)
	require.Equal(t, "tok-1", tok)

	cache.hang.Store(true)
	clock.Advance(7200*time.Second - DefaultMargin - DefaultRefreshAhead + time.Second)
	start := time.Now()
	tok, err = s.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok, "the valid token, at once")
	assert.Less(t, time.Since(start), 100*time.Millisecond)
	// The refresh reads the stuck cache for the bounded time, then fetches.
	for f.n.Load() < 2 {
		require.Less(t, time.Since(start), DefaultCacheTimeout+time.Second, "no refresh")
		time.Sleep(time.Millisecond)
	}
	require.Eventually(t, func() bool {
		tok, _ := s.Token(ctx)
		return tok == "tok-2"
	}, time.Second, time.Millisecond)
	assert.EqualValues(t, 1, stuck.calls.Load(), "one read; no write to the failing cache")
}
