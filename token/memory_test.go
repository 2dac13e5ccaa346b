package token

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestMemoryCacheGetSetDelete(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	c := NewMemoryCache()
	c.now = clock.Now

	_, err := c.Get(ctx, "k")
	require.ErrorIs(t, err, ErrNotFound)

	require.NoError(t, c.Set(ctx, "k", "v", time.Minute))
	v, err := c.Get(ctx, "k")
	require.NoError(t, err)
	assert.Equal(t, "v", v)

	clock.Advance(59 * time.Second)
	_, err = c.Get(ctx, "k")
	require.NoError(t, err, "still live one second before expiry")
	clock.Advance(time.Second)
	_, err = c.Get(ctx, "k")
	require.ErrorIs(t, err, ErrNotFound, "expired at its TTL")

	require.NoError(t, c.Set(ctx, "forever", "v", 0))
	clock.Advance(1000 * time.Hour)
	_, err = c.Get(ctx, "forever")
	require.NoError(t, err, "ttl 0 never expires")

	require.NoError(t, c.Delete(ctx, "forever"))
	_, err = c.Get(ctx, "forever")
	require.ErrorIs(t, err, ErrNotFound)
	require.NoError(t, c.Delete(ctx, "missing"), "deleting a missing key is fine")
}

func TestMemoryCacheCompareAndDelete(t *testing.T) {
	ctx := context.Background()
	c := NewMemoryCache()
	require.NoError(t, c.Set(ctx, "k", "fresh", time.Hour))

	ok, err := c.CompareAndDelete(ctx, "k", "stale")
	require.NoError(t, err)
	assert.False(t, ok, "a different value is kept")
	v, _ := c.Get(ctx, "k")
	assert.Equal(t, "fresh", v)

	ok, err = c.CompareAndDelete(ctx, "k", "fresh")
	require.NoError(t, err)
	assert.True(t, ok)
	_, err = c.Get(ctx, "k")
	assert.True(t, errors.Is(err, ErrNotFound))
}

func TestMemoryCacheSweepsExpiredEntries(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	c := NewMemoryCache()
	c.now = clock.Now
	for i := range 1000 {
		require.NoError(t, c.Set(ctx, string(rune('a'+i%26))+time.Duration(i).String(), "v", time.Second))
	}
	clock.Advance(time.Minute)
	for range 100 {
		require.NoError(t, c.Set(ctx, "live", "v", time.Hour))
	}
	c.mu.RLock()
	n := len(c.entries)
	c.mu.RUnlock()
	assert.Equal(t, 1, n, "expired entries are swept, not kept forever")
}

func TestMemoryCacheConcurrentUse(t *testing.T) {
	ctx := context.Background()
	c := NewMemoryCache()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 500 {
				key := string(rune('a' + (i+j)%4))
				_ = c.Set(ctx, key, "v", time.Minute)
				_, _ = c.Get(ctx, key)
				_, _ = c.CompareAndDelete(ctx, key, "v")
				_ = c.Delete(ctx, key)
			}
		}()
	}
	wg.Wait()
}

func TestMemoryCacheSetNX(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	c := NewMemoryCache()
	c.now = clock.Now

	ok, err := c.SetNX(ctx, "k", "first", time.Minute)
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = c.SetNX(ctx, "k", "second", time.Minute)
	require.NoError(t, err)
	assert.False(t, ok, "a live value is kept")
	v, _ := c.Get(ctx, "k")
	assert.Equal(t, "first", v)

	clock.Advance(time.Minute)
	ok, err = c.SetNX(ctx, "k", "third", time.Minute)
	require.NoError(t, err)
	assert.True(t, ok, "an expired value does not count")
	v, _ = c.Get(ctx, "k")
	assert.Equal(t, "third", v)
}

func TestMemoryCacheSetNXIsAtomic(t *testing.T) {
	ctx := context.Background()
	c := NewMemoryCache()
	var wins atomic.Int64
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, _ := c.SetNX(ctx, "k", "v", time.Minute); ok {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.EqualValues(t, 1, wins.Load())
}
