package token

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// counter is a FetchFunc that hands out "tok-1", "tok-2", ... and counts.
type counter struct {
	n         atomic.Int64
	expiresIn time.Duration
	delay     time.Duration
	mu        sync.Mutex
	err       error
}

func (c *counter) setErr(err error) {
	c.mu.Lock()
	c.err = err
	c.mu.Unlock()
}

func (c *counter) fetch(ctx context.Context) (string, time.Duration, error) {
	n := c.n.Add(1)
	if c.delay > 0 {
		select {
		case <-time.After(c.delay):
		case <-ctx.Done():
			return "", 0, ctx.Err()
		}
	}
	c.mu.Lock()
	err := c.err
	c.mu.Unlock()
	if err != nil {
		return "", 0, err
	}
	return "tok-" + strconv.FormatInt(n, 10), c.expiresIn, nil
}

// syncBuffer is a bytes.Buffer safe for a logger in another goroutine.
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

func newTestSource(cache Cache, f *counter, clock *fakeClock, opts ...SourceOption) *CachedSource {
	s := NewCachedSource(cache, "wecom:access_token:corp:1", f.fetch, opts...)
	if clock != nil {
		s.useClock(clock)
	}
	return s
}

// useClock makes s read its wall and elapsed clocks from clock.
func (s *CachedSource) useClock(clock *fakeClock) {
	s.now = clock.Now
	base := clock.Now()
	s.elapsed = func() time.Duration { return clock.Now().Sub(base) }
}

func TestSourceCachesAndStoresWithMargin(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	cache := &recordingCache{Cache: NewMemoryCache()}
	f := &counter{expiresIn: 7200 * time.Second}
	s := newTestSource(cache, f, clock)

	for range 3 {
		tok, err := s.Token(ctx)
		require.NoError(t, err)
		assert.Equal(t, "tok-1", tok)
	}
	assert.EqualValues(t, 1, f.n.Load(), "hits are served without fetching")

	require.Len(t, cache.sets, 1)
	set := cache.sets[0]
	assert.Equal(t, "wecom:access_token:corp:1", set.key)
	assert.Equal(t, 7200*time.Second-DefaultMargin, set.ttl, "TTL is expires_in minus the margin")
	wantExpiry := clock.Now().Add(7200*time.Second - DefaultMargin).UnixMilli()
	assert.Equal(t, strconv.FormatInt(wantExpiry, 10)+":tok-1", set.value)
}

func TestSourceMarginIsAtMostATenthOfTheLifetime(t *testing.T) {
	cache := &recordingCache{Cache: NewMemoryCache()}
	f := &counter{expiresIn: 600 * time.Second}
	s := newTestSource(cache, f, newFakeClock())
	_, err := s.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 540*time.Second, cache.sets[0].ttl)
}

func TestSourceMissingExpiresInUsesDefaultLifetime(t *testing.T) {
	cache := &recordingCache{Cache: NewMemoryCache()}
	s := newTestSource(cache, &counter{}, newFakeClock())
	_, err := s.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, DefaultLifetime-DefaultMargin, cache.sets[0].ttl)
}

func TestSourceColdStartOneFetchFor1000Goroutines(t *testing.T) {
	f := &counter{expiresIn: time.Hour, delay: 20 * time.Millisecond}
	s := newTestSource(NewMemoryCache(), f, nil)
	start := make(chan struct{})
	var wg sync.WaitGroup
	var bad atomic.Int64
	for range 1000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			tok, err := s.Token(context.Background())
			if err != nil || tok != "tok-1" {
				bad.Add(1)
			}
		}()
	}
	close(start)
	wg.Wait()
	assert.EqualValues(t, 1, f.n.Load(), "exactly one upstream fetch")
	assert.Zero(t, bad.Load(), "every goroutine got the one token")
}

func TestSourceRefreshesAheadInTheBackground(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	f := &counter{expiresIn: 7200 * time.Second}
	s := newTestSource(NewMemoryCache(), f, clock)

	tok, err := s.Token(ctx)
	require.NoError(t, err)
	require.Equal(t, "tok-1", tok)

	// Inside the refresh-ahead window: the valid token is returned at
	// once and one refresh runs in the background.
	clock.Advance(7200*time.Second - DefaultMargin - DefaultRefreshAhead + time.Second)
	for range 50 {
		tok, err = s.Token(ctx)
		require.NoError(t, err)
		if tok == "tok-2" {
			break
		}
		assert.Equal(t, "tok-1", tok)
		time.Sleep(2 * time.Millisecond)
	}
	require.Eventually(t, func() bool {
		tok, _ := s.Token(ctx)
		return tok == "tok-2"
	}, 2*time.Second, 5*time.Millisecond)
	assert.EqualValues(t, 2, f.n.Load(), "one background refresh, not one per caller")
}

func TestSourceBackgroundRefreshFailureKeepsValidToken(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	f := &counter{expiresIn: 7200 * time.Second}
	logs := &syncBuffer{}
	s := newTestSource(NewMemoryCache(), f, clock,
		WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
	_, err := s.Token(ctx)
	require.NoError(t, err)

	f.setErr(errors.New("upstream down"))
	clock.Advance(7200*time.Second - DefaultMargin - DefaultRefreshAhead + time.Second)
	tok, err := s.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	require.Eventually(t, func() bool { return !s.refreshing.Load() && f.n.Load() == 2 }, 2*time.Second, time.Millisecond)

	// Still valid, still served; and the failing upstream is not asked
	// again on every call, only once the retry delay has passed.
	for range 20 {
		tok, err = s.Token(ctx)
		require.NoError(t, err)
		assert.Equal(t, "tok-1", tok, "still valid, still served")
	}
	time.Sleep(20 * time.Millisecond)
	assert.EqualValues(t, 2, f.n.Load(), "no refresh storm after a failure")
	assert.False(t, s.refreshing.Load())

	f.setErr(nil)
	clock.Advance(defaultRetryEvery)
	tok, err = s.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok, "the retry runs in the background too")
	require.Eventually(t, func() bool { tok, _ := s.Token(ctx); return tok == "tok-3" }, 2*time.Second, time.Millisecond)
	assert.Contains(t, logs.String(), "background token refresh failed")
	assert.NotContains(t, logs.String(), "tok-1")
}

func TestSourceExpiredEntryIsFetchedAgain(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	f := &counter{expiresIn: 7200 * time.Second}
	s := newTestSource(NewMemoryCache(), f, clock)
	_, err := s.Token(ctx)
	require.NoError(t, err)
	clock.Advance(3 * time.Hour)
	tok, err := s.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-2", tok)
}

func TestSourceFetchErrorIsReturnedAndNotCached(t *testing.T) {
	ctx := context.Background()
	f := &counter{expiresIn: time.Hour, err: errors.New("errcode 40001")}
	s := newTestSource(NewMemoryCache(), f, nil)
	_, err := s.Token(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "wecom:access_token:corp:1")
	assert.Contains(t, err.Error(), "errcode 40001")

	f.setErr(nil)
	tok, err := s.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-2", tok)
}

func TestSourceRejectsEmptyCredential(t *testing.T) {
	s := NewCachedSource(NewMemoryCache(), "k", func(context.Context) (string, time.Duration, error) {
		return "", time.Hour, nil
	})
	_, err := s.Token(context.Background())
	require.ErrorContains(t, err, "empty credential")
}

func TestSourceCallerContextEndsWait(t *testing.T) {
	f := &counter{expiresIn: time.Hour, delay: 2 * time.Second}
	s := newTestSource(NewMemoryCache(), f, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := s.Token(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second, "the caller does not wait for the slow fetch")
}

func TestSourceReadsValueStoredByAnotherInstance(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	cache := NewMemoryCache()
	cache.now = clock.Now
	a := newTestSource(cache, &counter{expiresIn: time.Hour}, clock)
	fb := &counter{expiresIn: time.Hour}
	b := newTestSource(cache, fb, clock)

	ta, err := a.Token(ctx)
	require.NoError(t, err)
	tb, err := b.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, ta, tb)
	assert.Zero(t, fb.n.Load(), "b found a's token in the shared cache")
}

func TestSourceInvalidateIsCompareAndDelete(t *testing.T) {
	ctx := context.Background()
	cache := NewMemoryCache()
	f := &counter{expiresIn: time.Hour}
	a := newTestSource(cache, f, nil)
	b := newTestSource(cache, f, nil)

	stale, err := a.Token(ctx) // tok-1, seen by a and b
	require.NoError(t, err)
	_, err = b.Token(ctx)
	require.NoError(t, err)

	// a is told tok-1 is invalid and gets tok-2.
	require.NoError(t, a.Invalidate(ctx, stale))
	fresh, err := a.Token(ctx)
	require.NoError(t, err)
	require.Equal(t, "tok-2", fresh)

	// b, late, reports the same stale token: the fresh one survives.
	require.NoError(t, b.Invalidate(ctx, stale))
	tok, err := b.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-2", tok, "b picks up a's fresh token from the cache")
	assert.EqualValues(t, 2, f.n.Load())

	// Invalidating a token the source no longer holds changes nothing.
	require.NoError(t, a.Invalidate(ctx, "tok-0"))
	tok, _ = a.Token(ctx)
	assert.Equal(t, "tok-2", tok)
}

func TestSourceInvalidateWithoutCompareAndDeleter(t *testing.T) {
	ctx := context.Background()
	cache := plainCache{NewMemoryCache()}
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(cache, f, nil)
	stale, _ := s.Token(ctx)
	require.NoError(t, s.Invalidate(ctx, stale))
	_, err := cache.Get(ctx, s.Key())
	require.ErrorIs(t, err, ErrNotFound)
	tok, _ := s.Token(ctx)
	assert.Equal(t, "tok-2", tok)
}

func TestSourceUnreadableCachedValueCountsAsMiss(t *testing.T) {
	ctx := context.Background()
	cache := NewMemoryCache()
	for _, junk := range []string{"no-colon", "abc:tok", "123:", ""} {
		require.NoError(t, cache.Set(ctx, "wecom:access_token:corp:1", junk, time.Hour))
		f := &counter{expiresIn: time.Hour}
		s := newTestSource(cache, f, nil)
		tok, err := s.Token(ctx)
		require.NoError(t, err, junk)
		assert.Equal(t, "tok-1", tok, junk)
	}
}

func TestSourceCacheFailureStillYieldsToken(t *testing.T) {
	logs := &syncBuffer{}
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(failingCache{}, f, nil, WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
	tok, err := s.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	assert.Contains(t, logs.String(), "token cache read failed")
	// The cache just failed: writing to it would only make the caller
	// wait once more.
	assert.Contains(t, logs.String(), "token not written to the failing cache")
	assert.NotContains(t, logs.String(), "token cache write failed")
	assert.NotContains(t, logs.String(), "tok-1")
}

func TestSourceCacheWriteFailureStillYieldsToken(t *testing.T) {
	logs := &syncBuffer{}
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(writeFailingCache{NewMemoryCache()}, f, nil, WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
	tok, err := s.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	assert.Contains(t, logs.String(), "token cache write failed")
	assert.NotContains(t, logs.String(), "tok-1")
}

// writeFailingCache reads fine but fails every write.
type writeFailingCache struct{ *MemoryCache }

func (writeFailingCache) Set(context.Context, string, string, time.Duration) error {
	return errCacheDown
}

func TestSourceWaitsForLockHolderInAnotherProcess(t *testing.T) {
	ctx := context.Background()
	cache := &lockingCache{MemoryCache: NewMemoryCache()}
	// Another process holds the lock and stores its token a little later.
	cache.held.Store(true)
	other := newTestSource(cache.MemoryCache, &counter{expiresIn: time.Hour}, nil)
	go func() {
		time.Sleep(100 * time.Millisecond)
		_, _ = other.Token(ctx)
	}()
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(cache, f, nil, WithLockTTL(5*time.Second))
	tok, err := s.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	assert.Zero(t, f.n.Load(), "the waiting process did not fetch")
}

func TestSourceTakesOverAfterLockTTL(t *testing.T) {
	cache := &lockingCache{MemoryCache: NewMemoryCache()}
	cache.held.Store(true) // a holder that died and never stores anything
	cache.expireHeldAfter = 150 * time.Millisecond
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(cache, f, nil, WithLockTTL(150*time.Millisecond))
	start := time.Now()
	tok, err := s.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	assert.EqualValues(t, 1, f.n.Load())
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.EqualValues(t, 1, cache.released.Load(), "the lock is released after the fetch")
}

func TestSourceLockFailureFetchesDirectly(t *testing.T) {
	cache := &lockingCache{MemoryCache: NewMemoryCache(), lockErr: errors.New("redis: connection refused")}
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(cache, f, nil)
	tok, err := s.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
}

func BenchmarkSourceHit(b *testing.B) {
	s := NewCachedSource(NewMemoryCache(), "k", (&counter{expiresIn: time.Hour}).fetch)
	ctx := context.Background()
	if _, err := s.Token(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Token(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSourceHitParallel(b *testing.B) {
	s := NewCachedSource(NewMemoryCache(), "k", (&counter{expiresIn: time.Hour}).fetch)
	ctx := context.Background()
	if _, err := s.Token(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Token(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestSourceHitDoesNotAllocate(t *testing.T) {
	s := NewCachedSource(NewMemoryCache(), "k", (&counter{expiresIn: time.Hour}).fetch)
	ctx := context.Background()
	_, err := s.Token(ctx)
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(1000, func() { _, _ = s.Token(ctx) })
	assert.Zero(t, allocs)
}

// recordingCache records Sets.
type recordingCache struct {
	Cache
	mu   sync.Mutex
	sets []setCall
}

type setCall struct {
	key, value string
	ttl        time.Duration
}

func (c *recordingCache) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	c.mu.Lock()
	c.sets = append(c.sets, setCall{key, value, ttl})
	c.mu.Unlock()
	return c.Cache.Set(ctx, key, value, ttl)
}

// plainCache hides MemoryCache's CompareAndDelete.
type plainCache struct{ c *MemoryCache }

func (p plainCache) Get(ctx context.Context, k string) (string, error) { return p.c.Get(ctx, k) }
func (p plainCache) Set(ctx context.Context, k, v string, ttl time.Duration) error {
	return p.c.Set(ctx, k, v, ttl)
}
func (p plainCache) Delete(ctx context.Context, k string) error { return p.c.Delete(ctx, k) }

type failingCache struct{}

var errCacheDown = errors.New("cache down")

func (failingCache) Get(context.Context, string) (string, error)              { return "", errCacheDown }
func (failingCache) Set(context.Context, string, string, time.Duration) error { return errCacheDown }
func (failingCache) Delete(context.Context, string) error                     { return errCacheDown }

// lockingCache is a MemoryCache with a Locker whose lock may be held by
// "another process".
type lockingCache struct {
	*MemoryCache
	held            atomic.Bool
	heldSince       time.Time
	expireHeldAfter time.Duration
	lockErr         error
	released        atomic.Int64
	mu              sync.Mutex
}

func (c *lockingCache) TryLock(_ context.Context, key string, ttl time.Duration) (func(context.Context) error, error) {
	if c.lockErr != nil {
		return nil, c.lockErr
	}
	if !strings.HasSuffix(key, ":lock") {
		return nil, fmt.Errorf("unexpected lock key %q", key)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.heldSince.IsZero() {
		c.heldSince = time.Now()
	}
	if c.held.Load() && (c.expireHeldAfter == 0 || time.Since(c.heldSince) < c.expireHeldAfter) {
		return nil, nil
	}
	c.held.Store(true)
	c.heldSince = time.Now()
	c.expireHeldAfter = ttl
	return func(context.Context) error {
		c.released.Add(1)
		c.held.Store(false)
		return nil
	}, nil
}
