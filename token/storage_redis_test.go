package token_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redistest"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
)

func TestRedisStoredTTLIsExpiresInMinusMargin(t *testing.T) {
	addr, _ := redistest.Start(t)
	client := newRedisClient(t, addr)
	ctx := context.Background()

	tests := []struct {
		name      string
		expiresIn int64 // seconds, as WeCom answers; 0: missing
		prefix    string
		opts      []token.SourceOption
		wantTTL   time.Duration
	}{
		{"access token, default margin", 7200, "", nil, 7200*time.Second - token.DefaultMargin},
		{"custom margin", 7200, "", []token.SourceOption{token.WithMargin(10 * time.Minute)}, 6600 * time.Second},
		{"short lifetime: margin capped at a tenth", 600, "", nil, 540 * time.Second},
		{"no expires_in: default lifetime", 0, "", nil, token.DefaultLifetime - token.DefaultMargin},
		{"with a key prefix", 7200, "tenant-a:", nil, 7200*time.Second - token.DefaultMargin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, client.FlushAll(ctx).Err())
			fake := newGettokenFake(t, func(f *gettokenFake) { f.expiresIn = tt.expiresIn })
			cache := redistoken.New(client, redistoken.WithPrefix(tt.prefix))
			src := token.NewCachedSource(cache, redisTestKey(), gettokenFetch(fake.URL), tt.opts...)

			tok, err := src.Token(ctx)
			require.NoError(t, err)
			storedAt := time.Now()

			keys, err := client.Keys(ctx, "*").Result()
			require.NoError(t, err)
			require.Equal(t, []string{tt.prefix + redisTestKey()}, keys, "one key: the token's; the lock is gone")
			for _, k := range keys {
				assert.NotContains(t, k, redisTestSecret, "no secret in a key")
				assert.NotContains(t, k, tok, "no token in a key")
			}

			pttl, err := client.PTTL(ctx, keys[0]).Result()
			require.NoError(t, err)
			assert.LessOrEqual(t, pttl, tt.wantTTL)
			assert.Greater(t, pttl, tt.wantTTL-2*time.Second)

			raw, err := client.Get(ctx, keys[0]).Result()
			require.NoError(t, err)
			ms, stored, ok := strings.Cut(raw, ":")
			require.True(t, ok, "stored as <expiry ms>:<token>")
			assert.Equal(t, tok, stored)
			expiry, err := strconv.ParseInt(ms, 10, 64)
			require.NoError(t, err)
			assert.InDelta(t, storedAt.Add(tt.wantTTL).UnixMilli(), expiry, 2000, "the stored expiry matches the TTL")
		})
	}
}

func TestRedisInvalidationKeepsAnotherInstancesFreshToken(t *testing.T) {
	addr, _ := redistest.Start(t)
	client := newRedisClient(t, addr)
	fake := newGettokenFake(t, nil)
	ctx := context.Background()
	// Two instances of a service, each with its own client, cache and source.
	newInstance := func() *token.CachedSource {
		return token.NewCachedSource(redistoken.New(newRedisClient(t, addr)), redisTestKey(), gettokenFetch(fake.URL))
	}
	a, b := newInstance(), newInstance()

	stale, err := a.Token(ctx)
	require.NoError(t, err)
	got, err := b.Token(ctx)
	require.NoError(t, err)
	require.Equal(t, stale, got, "b reads a's token from Redis")
	require.EqualValues(t, 1, fake.calls.Load())

	// WeCom rejects the token on a: a drops it and fetches a fresh one.
	require.NoError(t, a.Invalidate(ctx, stale))
	n, err := client.Exists(ctx, redisTestKey()).Result()
	require.NoError(t, err)
	require.Zero(t, n, "the stale token is gone from Redis")
	fresh, err := a.Token(ctx)
	require.NoError(t, err)
	require.NotEqual(t, stale, fresh)

	// b, a moment late, gets the same rejection for the stale token: its
	// invalidation must not evict a's fresh one.
	require.NoError(t, b.Invalidate(ctx, stale))
	raw, err := client.Get(ctx, redisTestKey()).Result()
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(raw, ":"+fresh), "Redis still holds the fresh token")

	got, err = b.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, fresh, got, "b picks up the fresh token from Redis")
	assert.EqualValues(t, 2, fake.calls.Load(), "without another fetch")
}
