package wecom_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
)

// hungCache answers nothing until release is closed, whatever its context
// says, like a go-redis client without ContextTimeoutEnabled on a frozen
// Redis.
type hungCache struct{ release chan struct{} }

func (c hungCache) Get(context.Context, string) (string, error) { <-c.release; return "", nil }
func (c hungCache) Set(context.Context, string, string, time.Duration) error {
	<-c.release
	return nil
}
func (c hungCache) Delete(context.Context, string) error { <-c.release; return nil }
func (c hungCache) TryLock(context.Context, string, time.Duration) (func(context.Context) error, error) {
	<-c.release
	return nil, nil
}

func TestNewOptionsBoundsEveryCacheCall(t *testing.T) {
	hung := hungCache{make(chan struct{})}
	t.Cleanup(func() { close(hung.release) })
	tests := []struct {
		name  string
		opts  []wecom.Option
		limit time.Duration
	}{
		{"default", []wecom.Option{wecom.WithCache(hung)}, token.DefaultCacheTimeout},
		{"WithCacheTimeout", []wecom.Option{wecom.WithCache(hung), wecom.WithCacheTimeout(60 * time.Millisecond)}, 60 * time.Millisecond},
		{"zero means default", []wecom.Option{wecom.WithCache(hung), wecom.WithCacheTimeout(0)}, token.DefaultCacheTimeout},
		{"whatever the other options", []wecom.Option{wecom.WithCache(hung), wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 2}),
			wecom.WithTimeout(time.Second)}, token.DefaultCacheTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := wecom.NewOptions(tt.opts...)
			assert.Equal(t, tt.limit, o.CacheTimeout)
			start := time.Now()
			_, err := o.Cache.Get(context.Background(), "k")
			took := time.Since(start)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			assert.GreaterOrEqual(t, took, tt.limit)
			assert.Less(t, took, tt.limit+250*time.Millisecond)

			locker, ok := o.Cache.(token.Locker)
			require.True(t, ok, "the cache's lock is kept")
			_, err = locker.TryLock(context.Background(), "l", time.Second)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			_, ok = o.Cache.(token.CompareAndDeleter)
			assert.False(t, ok, "and no interface the cache lacks is added")
		})
	}
}

func TestNewOptionsDoesNotWrapTwice(t *testing.T) {
	hung := hungCache{make(chan struct{})}
	t.Cleanup(func() { close(hung.release) })
	first := wecom.NewOptions(wecom.WithCache(hung), wecom.WithCacheTimeout(40*time.Millisecond))
	// Sub-clients build their options again from the client's cache.
	again := wecom.NewOptions(wecom.WithCache(first.Cache))
	assert.Equal(t, first.Cache, again.Cache)
	start := time.Now()
	_, err := again.Cache.Get(context.Background(), "k")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), token.DefaultCacheTimeout, "the first limit is kept")

	u, ok := again.Cache.(interface{ Unwrap() token.Cache })
	require.True(t, ok)
	assert.Equal(t, token.Cache(hung), u.Unwrap())

	mem := wecom.NewOptions().Cache
	assert.IsType(t, &token.MemoryCache{}, mem, "the default in-memory cache never blocks and is not wrapped")
}
