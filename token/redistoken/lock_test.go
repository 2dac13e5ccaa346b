package redistoken_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/token/redistoken"
)

const lockKey = accessTokenKey + ":lock"

func TestTryLockExcludesOthersUntilReleased(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client)

	release, err := c.TryLock(ctx, lockKey, time.Minute)
	require.NoError(t, err)
	require.NotNil(t, release)

	owner, err := client.Get(ctx, lockKey).Result()
	require.NoError(t, err)
	assert.Len(t, owner, 26, "a random owner: 128 bits of base32")
	pttl, err := client.PTTL(ctx, lockKey).Result()
	require.NoError(t, err)
	assert.InDelta(t, time.Minute, pttl, float64(time.Second), "the lock expires")

	again, err := c.TryLock(ctx, lockKey, time.Minute)
	require.NoError(t, err)
	assert.Nil(t, again, "held: no release function and no error")
	other, err := redistoken.New(client).TryLock(ctx, lockKey, time.Minute)
	require.NoError(t, err)
	assert.Nil(t, other, "held, for another Cache on the same Redis too")

	require.NoError(t, release(ctx))
	n, err := client.Exists(ctx, lockKey).Result()
	require.NoError(t, err)
	assert.Zero(t, n, "released")

	next, err := c.TryLock(ctx, lockKey, time.Minute)
	require.NoError(t, err)
	require.NotNil(t, next, "free again after release")
	nextOwner, err := client.Get(ctx, lockKey).Result()
	require.NoError(t, err)
	assert.NotEqual(t, owner, nextOwner, "each lock has its own owner value")

	require.NoError(t, release(ctx), "a second release by the old holder is a no-op")
	n, err = client.Exists(ctx, lockKey).Result()
	require.NoError(t, err)
	assert.Equal(t, int64(1), n, "and it does not delete the new holder's lock")
	require.NoError(t, next(ctx))
}

func TestTryLockExpires(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client)

	crashed, err := c.TryLock(ctx, lockKey, 100*time.Millisecond)
	require.NoError(t, err)
	require.NotNil(t, crashed)
	// The holder crashes and never releases; the TTL frees the lock.
	time.Sleep(150 * time.Millisecond)

	taker, err := c.TryLock(ctx, lockKey, time.Minute)
	require.NoError(t, err)
	require.NotNil(t, taker, "taken over after the TTL")

	// The first holder comes back and releases: the taker's lock survives.
	require.NoError(t, crashed(ctx))
	held, err := c.TryLock(ctx, lockKey, time.Minute)
	require.NoError(t, err)
	assert.Nil(t, held, "a stale holder cannot release the new holder's lock")

	require.NoError(t, taker(ctx))
	n, err := client.Exists(ctx, lockKey).Result()
	require.NoError(t, err)
	assert.Zero(t, n)
}

func TestTryLockRejectsNonPositiveTTL(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client)
	for _, ttl := range []time.Duration{0, -time.Second} {
		release, err := c.TryLock(ctx, lockKey, ttl)
		require.Error(t, err, "ttl %v", ttl)
		assert.Nil(t, release)
		assert.Contains(t, err.Error(), lockKey)
	}
	n, err := client.Exists(ctx, lockKey).Result()
	require.NoError(t, err)
	assert.Zero(t, n, "no lock without expiry was taken")
}

func TestTryLockOneWinnerAmongMany(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	const contenders = 16
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		winners  int
		releases []func(context.Context) error
	)
	start := make(chan struct{})
	for range contenders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := redistoken.New(client) // as if each were its own process
			<-start
			release, err := c.TryLock(ctx, lockKey, time.Minute)
			assert.NoError(t, err)
			if release != nil {
				mu.Lock()
				winners++
				releases = append(releases, release)
				mu.Unlock()
			}
		}()
	}
	close(start)
	wg.Wait()
	assert.Equal(t, 1, winners)
	for _, r := range releases {
		require.NoError(t, r(ctx))
	}
}
