package token

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testKey = "wecom:access_token:corp:1"

// A source that never handed the stale token out itself (a fresh instance,
// or one whose memory was already cleared) still drops it from the shared
// cache, so that the next call does not pick the rejected token up again.
func TestSourceInvalidateDropsCachedCopyNotHeldInMemory(t *testing.T) {
	ctx := context.Background()
	cache := NewMemoryCache()
	a := newTestSource(cache, &counter{expiresIn: time.Hour}, nil)
	stale, err := a.Token(ctx)
	require.NoError(t, err)

	fb := &counter{expiresIn: time.Hour}
	b := newTestSource(cache, fb, nil) // nothing in b's memory
	require.NoError(t, b.Invalidate(ctx, stale))
	_, err = cache.Get(ctx, testKey)
	require.ErrorIs(t, err, ErrNotFound, "the rejected token is gone from the cache")

	tok, err := b.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok, "b fetched a fresh one (its own counter starts at 1)")
	assert.EqualValues(t, 1, fb.n.Load())
}

// WeCom hands out the same token again while it is valid, so two processes
// can store one token with different expiries: invalidation compares the
// token, not the stored form.
func TestSourceInvalidateComparesTokenNotStoredForm(t *testing.T) {
	ctx := context.Background()
	cache := NewMemoryCache()
	s := newTestSource(cache, &counter{expiresIn: time.Hour}, nil)
	stale, err := s.Token(ctx)
	require.NoError(t, err)
	// Another process stored the same token with another expiry.
	other := strconv.FormatInt(time.Now().Add(50*time.Minute).UnixMilli(), 10) + ":" + stale
	require.NoError(t, cache.Set(ctx, testKey, other, time.Hour))

	require.NoError(t, s.Invalidate(ctx, stale))
	_, err = cache.Get(ctx, testKey)
	require.ErrorIs(t, err, ErrNotFound)
	tok, err := s.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-2", tok)
}

func TestSourceInvalidateKeepsOtherValues(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct{ name, cached string }{
		{"fresher token", strconv.FormatInt(time.Now().Add(time.Hour).UnixMilli(), 10) + ":fresh"},
		{"unreadable value", "junk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cache := NewMemoryCache()
			require.NoError(t, cache.Set(ctx, testKey, tc.cached, time.Hour))
			s := newTestSource(cache, &counter{expiresIn: time.Hour}, nil)
			require.NoError(t, s.Invalidate(ctx, "stale"))
			v, err := cache.Get(ctx, testKey)
			require.NoError(t, err)
			assert.Equal(t, tc.cached, v)
		})
	}
	s := newTestSource(failingCache{}, &counter{}, nil)
	err := s.Invalidate(ctx, "stale")
	require.ErrorIs(t, err, errCacheDown)
	assert.NotContains(t, err.Error(), "stale", "the credential is not in the error")
	require.NoError(t, s.Invalidate(ctx, ""), "nothing to drop")
}

// gatedCache holds the first Get that finds a value until released, so a
// test can invalidate while a load is between reading and using a value.
type gatedCache struct {
	Cache
	gated   atomic.Bool
	reached chan struct{}
	release chan struct{}
}

func (g *gatedCache) Get(ctx context.Context, key string) (string, error) {
	v, err := g.Cache.Get(ctx, key)
	if err == nil && g.gated.CompareAndSwap(false, true) {
		close(g.reached)
		<-g.release
	}
	return v, err
}

// A load that read the stale token from the cache just before the
// invalidation must not put it back into service.
func TestSourceInvalidateDuringLoadDoesNotResurrectStaleToken(t *testing.T) {
	ctx := context.Background()
	cache := NewMemoryCache()
	f := &counter{expiresIn: time.Hour}
	a := newTestSource(cache, f, nil)
	stale, err := a.Token(ctx)
	require.NoError(t, err)

	gate := &gatedCache{Cache: cache, reached: make(chan struct{}), release: make(chan struct{})}
	b := newTestSource(gate, f, nil)
	got := make(chan string, 1)
	go func() {
		tok, err := b.Token(ctx)
		assert.NoError(t, err)
		got <- tok
	}()
	<-gate.reached // b's load holds the stale value, not yet stored
	require.NoError(t, b.Invalidate(ctx, stale))
	close(gate.release)

	assert.Equal(t, "tok-2", <-got, "the load fetched instead of using the rejected token")
	tok, err := b.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-2", tok)
	assert.EqualValues(t, 2, f.n.Load())
}

// WeCom may answer a refetch with the very token that was rejected (it was
// valid after all): it is then used, not refused forever.
func TestSourceRejectedTokenReissuedByWeComIsUsed(t *testing.T) {
	ctx := context.Background()
	cache := NewMemoryCache()
	same := func(context.Context) (string, time.Duration, error) { return "same", time.Hour, nil }
	s := NewCachedSource(cache, testKey, same)
	tok, err := s.Token(ctx)
	require.NoError(t, err)
	require.NoError(t, s.Invalidate(ctx, tok))
	tok, err = s.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "same", tok)

	// And another instance reading it from the cache uses it too.
	other := NewCachedSource(cache, testKey, func(context.Context) (string, time.Duration, error) {
		return "", 0, errors.New("must not fetch")
	})
	tok, err = other.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "same", tok)
}

// Token, refresh and Invalidate from many goroutines: run with -race.
func TestSourceConcurrentTokenAndInvalidate(t *testing.T) {
	ctx := context.Background()
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(NewMemoryCache(), f, nil)
	var wg sync.WaitGroup
	var failures atomic.Int64
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				tok, err := s.Token(ctx)
				if err != nil || tok == "" {
					failures.Add(1)
					continue
				}
				if (i+j)%50 == 0 {
					if err := s.Invalidate(ctx, tok); err != nil {
						failures.Add(1)
					}
				}
			}
		}()
	}
	wg.Wait()
	assert.Zero(t, failures.Load())
	assert.LessOrEqual(t, f.n.Load(), int64(1+16*200/50), "at most one fetch per invalidation")
}

// While one slow refresh runs, callers near expiry keep getting the valid
// token at once.
func TestSourceCallersDoNotWaitForBackgroundRefresh(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	release := make(chan struct{})
	var fetches atomic.Int64
	fetch := func(ctx context.Context) (string, time.Duration, error) {
		n := fetches.Add(1)
		if n > 1 {
			<-release
		}
		return "tok-" + strconv.FormatInt(n, 10), 2 * time.Hour, nil
	}
	s := NewCachedSource(NewMemoryCache(), testKey, fetch)
	s.useClock(clock)
	_, err := s.Token(ctx)
	require.NoError(t, err)

	clock.Advance(2*time.Hour - DefaultMargin - DefaultRefreshAhead + time.Second)
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, err := s.Token(ctx)
			assert.NoError(t, err)
			assert.Equal(t, "tok-1", tok)
		}()
	}
	wg.Wait() // returns while the refresh is blocked
	require.Eventually(t, func() bool { return fetches.Load() == 2 }, 2*time.Second, time.Millisecond)
	time.Sleep(10 * time.Millisecond)
	assert.EqualValues(t, 2, fetches.Load(), "one refresh for all callers")
	close(release)
	require.Eventually(t, func() bool { tok, _ := s.Token(ctx); return tok == "tok-2" }, 2*time.Second, time.Millisecond)
}

// countingCache counts Gets.
type countingCache struct {
	Cache
	gets atomic.Int64
}

func (c *countingCache) Get(ctx context.Context, key string) (string, error) {
	c.gets.Add(1)
	return c.Cache.Get(ctx, key)
}

func TestSourceHitDoesNotTouchTheCache(t *testing.T) {
	cache := &countingCache{Cache: NewMemoryCache()}
	s := newTestSource(cache, &counter{expiresIn: time.Hour}, nil)
	_, err := s.Token(context.Background())
	require.NoError(t, err)
	before := cache.gets.Load()
	for range 100 {
		_, err := s.Token(context.Background())
		require.NoError(t, err)
	}
	assert.Equal(t, before, cache.gets.Load())
}

func TestSourceDecodesCachedExpiries(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	for _, tc := range []struct {
		name      string
		expiry    int64 // Unix ms
		wantFetch bool
	}{
		{"past", clock.Now().Add(-time.Second).UnixMilli(), true},
		{"negative", -5, true},
		{"smallest", -1 << 63, true},
		{"valid", clock.Now().Add(time.Hour).UnixMilli(), false},
		{"far future", clock.Now().Add(100 * 365 * 24 * time.Hour).UnixMilli(), false},
		{"largest", 1<<63 - 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cache := NewMemoryCache()
			require.NoError(t, cache.Set(ctx, testKey, strconv.FormatInt(tc.expiry, 10)+":cached", 0))
			f := &counter{expiresIn: time.Hour}
			s := newTestSource(cache, f, clock)
			tok, err := s.Token(ctx)
			require.NoError(t, err)
			if tc.wantFetch {
				assert.Equal(t, "tok-1", tok)
				return
			}
			assert.Equal(t, "cached", tok)
			assert.Zero(t, f.n.Load())
			e := s.cur.Load()
			assert.False(t, e.expireAt.After(clock.Now().Add(maxLifetime)), "an expiry is never trusted beyond %v", maxLifetime)
		})
	}
}

func TestSourceClampsLifetimeAndOptions(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		expiresIn time.Duration
		opts      []SourceOption
		wantTTL   time.Duration
	}{
		{"absurd expires_in", 1 << 62, nil, maxLifetime - DefaultMargin},
		{"negative expires_in", -time.Second, nil, DefaultLifetime - DefaultMargin},
		{"negative margin", time.Hour, []SourceOption{WithMargin(-time.Hour)}, time.Hour},
		{"margin over a tenth", 100 * time.Second, []SourceOption{WithMargin(time.Hour)}, 90 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cache := &recordingCache{Cache: NewMemoryCache()}
			s := newTestSource(cache, &counter{expiresIn: tc.expiresIn}, newFakeClock(), tc.opts...)
			_, err := s.Token(ctx)
			require.NoError(t, err)
			require.Len(t, cache.sets, 1)
			assert.Equal(t, tc.wantTTL, cache.sets[0].ttl)
		})
	}

	s := NewCachedSource(nil, testKey, (&counter{expiresIn: time.Hour}).fetch,
		WithLockTTL(0), WithRefreshAhead(-time.Second), nil)
	assert.Equal(t, DefaultLockTTL, s.lockTTL)
	assert.Zero(t, s.refreshAhead)
	tok, err := s.Token(ctx)
	require.NoError(t, err, "a nil cache is replaced by a memory cache")
	assert.Equal(t, "tok-1", tok)

	_, err = NewCachedSource(NewMemoryCache(), testKey, nil).Token(ctx)
	require.ErrorContains(t, err, "no fetch function")
}

// With a frozen s.now the wait for a dead lock holder still ends: it is
// measured on the wall clock.
func TestSourceWaitEndsWithFrozenClock(t *testing.T) {
	cache := &lockingCache{MemoryCache: NewMemoryCache()}
	cache.held.Store(true)
	cache.expireHeldAfter = 100 * time.Millisecond
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(cache, f, newFakeClock(), WithLockTTL(100*time.Millisecond))
	s.pollEvery = 10 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	tok, err := s.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
}

func TestSourceWaitEndsWithCallerContext(t *testing.T) {
	cache := &lockingCache{MemoryCache: NewMemoryCache()}
	cache.held.Store(true) // held for ever
	f := &counter{expiresIn: time.Hour}
	s := newTestSource(cache, f, nil, WithLockTTL(time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := s.Token(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Zero(t, f.n.Load())
}

func TestMemoryCacheZeroValue(t *testing.T) {
	ctx := context.Background()
	var c MemoryCache
	_, err := c.Get(ctx, "k")
	require.ErrorIs(t, err, ErrNotFound)
	require.NoError(t, c.Delete(ctx, "k"))
	ok, err := c.CompareAndDelete(ctx, "k", "v")
	require.NoError(t, err)
	assert.False(t, ok)
	require.NoError(t, c.Set(ctx, "k", "v", time.Minute))
	v, err := c.Get(ctx, "k")
	require.NoError(t, err)
	assert.Equal(t, "v", v)
}

// An entry's life is counted on the monotonic clock once it is made: a
// wall clock set back does not keep an expired token in service, and one
// set forward does not throw a valid token away.
func TestSourceEntryLifeIgnoresWallClockJumps(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		jump      time.Duration // of the wall clock
		elapse    time.Duration // on the monotonic clock
		wantFetch int64
	}{
		{"wall set back, entry expired", -3 * time.Hour, time.Hour, 2},
		{"wall set forward, entry valid", 3 * time.Hour, time.Minute, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wall, mono := newFakeClock(), newFakeClock()
			f := &counter{expiresIn: time.Hour}
			cache := NewMemoryCache()
			cache.now = mono.Now // time.Now's monotonic reading, as MemoryCache really uses
			s := NewCachedSource(cache, testKey, f.fetch)
			s.now = wall.Now
			base := mono.Now()
			s.elapsed = func() time.Duration { return mono.Now().Sub(base) }
			_, err := s.Token(ctx)
			require.NoError(t, err)
			wall.Advance(tc.jump)
			mono.Advance(tc.elapse)
			_, err = s.Token(ctx)
			require.NoError(t, err)
			assert.Equal(t, tc.wantFetch, f.n.Load())
		})
	}
}
