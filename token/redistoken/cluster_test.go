package redistoken_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redistest"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
)

func TestCacheOnRedisCluster(t *testing.T) {
	t.Parallel() // the cluster takes two seconds to declare itself ok
	ctx := context.Background()
	srv := redistest.StartCluster(t)
	client := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{srv.Addr()}, IsClusterMode: true})
	t.Cleanup(func() { _ = client.Close() })
	require.IsType(t, &redis.ClusterClient{}, client)
	c := redistoken.New(client, redistoken.WithPrefix("svc:"))

	require.NoError(t, c.Set(ctx, accessTokenKey, "v1", time.Minute))
	v, err := c.Get(ctx, accessTokenKey)
	require.NoError(t, err)
	assert.Equal(t, "v1", v)
	pttl, err := client.PTTL(ctx, "svc:"+accessTokenKey).Result()
	require.NoError(t, err)
	assert.InDelta(t, time.Minute, pttl, float64(time.Second))

	deleted, err := c.CompareAndDelete(ctx, accessTokenKey, "stale")
	require.NoError(t, err)
	assert.False(t, deleted)
	deleted, err = c.CompareAndDelete(ctx, accessTokenKey, "v1")
	require.NoError(t, err)
	assert.True(t, deleted)

	release, err := c.TryLock(ctx, lockKey, time.Minute)
	require.NoError(t, err)
	require.NotNil(t, release)
	held, err := c.TryLock(ctx, lockKey, time.Minute)
	require.NoError(t, err)
	assert.Nil(t, held)
	require.NoError(t, release(ctx))

	ok, err := c.SetNX(ctx, "dedup", "1", time.Minute)
	require.NoError(t, err)
	assert.True(t, ok)
	require.NoError(t, c.Delete(ctx, "dedup"))

	// A Source over the cluster: one fetch, then served by Redis to a
	// second instance.
	src, fetches := newSourceOverRedis(c)
	tok, err := src.Token(ctx)
	require.NoError(t, err)
	other, otherFetches := newSourceOverRedis(redistoken.New(client, redistoken.WithPrefix("svc:")))
	got, err := other.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, tok, got)
	assert.Equal(t, 1, *fetches)
	assert.Zero(t, *otherFetches)
	require.NoError(t, other.Invalidate(ctx, got))
	_, err = c.Get(ctx, accessTokenKey)
	require.ErrorIs(t, err, token.ErrNotFound)
}
