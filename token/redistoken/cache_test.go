package redistoken_test

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
)

func TestCacheGetSetDelete(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client)

	_, err := c.Get(ctx, accessTokenKey)
	require.ErrorIs(t, err, token.ErrNotFound)

	require.NoError(t, c.Set(ctx, accessTokenKey, "value-1", 90*time.Second))
	got, err := c.Get(ctx, accessTokenKey)
	require.NoError(t, err)
	assert.Equal(t, "value-1", got)
	pttl, err := client.PTTL(ctx, accessTokenKey).Result()
	require.NoError(t, err)
	assert.InDelta(t, 90*time.Second, pttl, float64(time.Second))

	require.NoError(t, c.Delete(ctx, accessTokenKey))
	_, err = c.Get(ctx, accessTokenKey)
	require.ErrorIs(t, err, token.ErrNotFound)
	require.NoError(t, c.Delete(ctx, accessTokenKey), "deleting a missing key is not an error")
}

func TestCacheSetTTL(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client)

	tests := []struct {
		name string
		ttl  time.Duration
		want time.Duration // PTTL in Redis; -1 means no expiry
	}{
		{"whole seconds", 6900 * time.Second, 6900 * time.Second},
		{"milliseconds", 1500 * time.Millisecond, 1500 * time.Millisecond},
		{"under a millisecond rounds up", time.Microsecond, time.Millisecond},
		{"zero: no expiry", 0, -1},
		{"negative: no expiry, not KEEPTTL", -1, -1},
		{"very negative: no expiry", -time.Hour, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// An earlier TTL on the key must not survive the Set.
			require.NoError(t, client.Set(ctx, accessTokenKey, "old", time.Hour).Err())
			require.NoError(t, c.Set(ctx, accessTokenKey, "new", tt.ttl))
			if tt.want == time.Millisecond {
				// Expired already, or about to.
				time.Sleep(5 * time.Millisecond)
				_, err := c.Get(ctx, accessTokenKey)
				require.ErrorIs(t, err, token.ErrNotFound)
				return
			}
			pttl, err := client.PTTL(ctx, accessTokenKey).Result()
			require.NoError(t, err)
			if tt.want < 0 {
				assert.Equal(t, time.Duration(-1), pttl, "PTTL -1: key without expiry")
			} else {
				assert.InDelta(t, tt.want, pttl, float64(500*time.Millisecond))
			}
			v, err := client.Get(ctx, accessTokenKey).Result()
			require.NoError(t, err)
			assert.Equal(t, "new", v)
		})
	}
}

func TestCachePrefix(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	a := redistoken.New(client, redistoken.WithPrefix("deploy-a:"))
	b := redistoken.New(client, redistoken.WithPrefix("deploy-b:"))

	require.NoError(t, a.Set(ctx, accessTokenKey, "from-a", time.Minute))
	v, err := client.Get(ctx, "deploy-a:"+accessTokenKey).Result()
	require.NoError(t, err)
	assert.Equal(t, "from-a", v, "stored under the prefixed key")

	_, err = b.Get(ctx, accessTokenKey)
	require.ErrorIs(t, err, token.ErrNotFound, "another prefix does not see it")

	ok, err := b.CompareAndDelete(ctx, accessTokenKey, "from-a")
	require.NoError(t, err)
	assert.False(t, ok)
	ok, err = a.CompareAndDelete(ctx, accessTokenKey, "from-a")
	require.NoError(t, err)
	assert.True(t, ok)

	release, err := a.TryLock(ctx, accessTokenKey+":lock", time.Minute)
	require.NoError(t, err)
	require.NotNil(t, release)
	n, err := client.Exists(ctx, "deploy-a:"+accessTokenKey+":lock").Result()
	require.NoError(t, err)
	assert.Equal(t, int64(1), n, "the lock is under the prefix too")
	require.NoError(t, release(ctx))

	keys, err := client.Keys(ctx, "*").Result()
	require.NoError(t, err)
	assert.Empty(t, keys)
}

func TestCacheCompareAndDelete(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client)

	tests := []struct {
		name        string
		stored      string // "" means the key is missing
		old         string
		wantDeleted bool
	}{
		{"still the stale value", "stale", "stale", true},
		{"replaced by a fresh value", "fresh", "stale", false},
		{"missing", "", "stale", false},
		{"prefix of the value", "stale-and-more", "stale", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, client.Del(ctx, accessTokenKey).Err())
			if tt.stored != "" {
				require.NoError(t, client.Set(ctx, accessTokenKey, tt.stored, time.Minute).Err())
			}
			deleted, err := c.CompareAndDelete(ctx, accessTokenKey, tt.old)
			require.NoError(t, err)
			assert.Equal(t, tt.wantDeleted, deleted)
			v, err := c.Get(ctx, accessTokenKey)
			if tt.wantDeleted || tt.stored == "" {
				require.ErrorIs(t, err, token.ErrNotFound)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.stored, v, "a value other than old is kept")
		})
	}
}

func TestCacheCompareAndDeleteAfterScriptFlush(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client)
	log := &commandLog{}
	client.AddHook(log)

	require.NoError(t, c.Set(ctx, accessTokenKey, "v1", time.Minute))
	ok, err := c.CompareAndDelete(ctx, accessTokenKey, "v1")
	require.NoError(t, err)
	require.True(t, ok)

	// A restarted or failed-over server has no scripts cached: EVALSHA
	// fails with NOSCRIPT and the script is sent in full.
	require.NoError(t, client.ScriptFlush(ctx).Err())
	require.NoError(t, c.Set(ctx, accessTokenKey, "v2", time.Minute))
	log.take()
	ok, err = c.CompareAndDelete(ctx, accessTokenKey, "v2")
	require.NoError(t, err)
	assert.True(t, ok)
	cmds, _ := log.take()
	assert.Equal(t, []string{"evalsha", "eval"}, cmds)

	// Now cached again: one EVALSHA.
	require.NoError(t, c.Set(ctx, accessTokenKey, "v3", time.Minute))
	log.take()
	ok, err = c.CompareAndDelete(ctx, accessTokenKey, "v3")
	require.NoError(t, err)
	assert.True(t, ok)
	cmds, _ = log.take()
	assert.Equal(t, []string{"evalsha"}, cmds)
}

func TestCacheSetNX(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client, redistoken.WithPrefix("p:"))
	const key = "wecom:callback:ww1234567890abcdef:msgid:7321"

	ok, err := c.SetNX(ctx, key, "1", time.Minute)
	require.NoError(t, err)
	assert.True(t, ok, "first writer wins")
	ok, err = c.SetNX(ctx, key, "2", time.Minute)
	require.NoError(t, err)
	assert.False(t, ok, "second writer loses")
	v, err := c.Get(ctx, key)
	require.NoError(t, err)
	assert.Equal(t, "1", v, "the first value is kept")
	pttl, err := client.PTTL(ctx, "p:"+key).Result()
	require.NoError(t, err)
	assert.InDelta(t, time.Minute, pttl, float64(time.Second))

	ok, err = c.SetNX(ctx, "forever", "1", 0)
	require.NoError(t, err)
	assert.True(t, ok)
	pttl, err = client.PTTL(ctx, "p:forever").Result()
	require.NoError(t, err)
	assert.Equal(t, time.Duration(-1), pttl, "ttl 0: no expiry")
}

func TestCacheErrorsNameKeyNotValue(t *testing.T) {
	ctx := context.Background()
	// A loopback port nobody listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	client := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialerRetries: 1, DialTimeout: time.Second})
	t.Cleanup(func() { _ = client.Close() })
	c := redistoken.New(client)
	const secretValue = "1700000000000:SECRET-ACCESS-TOKEN"

	calls := map[string]func() error{
		"get": func() error { _, err := c.Get(ctx, accessTokenKey); return err },
		"set": func() error { return c.Set(ctx, accessTokenKey, secretValue, time.Minute) },
		"setnx": func() error {
			_, err := c.SetNX(ctx, accessTokenKey, secretValue, time.Minute)
			return err
		},
		"del": func() error { return c.Delete(ctx, accessTokenKey) },
		"compare-and-delete": func() error {
			_, err := c.CompareAndDelete(ctx, accessTokenKey, secretValue)
			return err
		},
		"lock": func() error { _, err := c.TryLock(ctx, accessTokenKey, time.Second); return err },
	}
	for op, call := range calls {
		t.Run(op, func(t *testing.T) {
			err := call()
			require.Error(t, err)
			assert.NotErrorIs(t, err, token.ErrNotFound, "an outage is not a miss")
			var netErr net.Error
			assert.True(t, errors.As(err, &netErr), "the cause is kept: %v", err)
			assert.Contains(t, err.Error(), "redistoken: "+op+" "+accessTokenKey)
			assert.NotContains(t, err.Error(), "SECRET")
		})
	}
}

func TestCacheGetWrongType(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client)
	require.NoError(t, client.RPush(ctx, accessTokenKey, "SECRET-IN-A-LIST").Err())

	_, err := c.Get(ctx, accessTokenKey)
	require.Error(t, err)
	assert.NotErrorIs(t, err, token.ErrNotFound)
	assert.Contains(t, err.Error(), "WRONGTYPE")
	assert.NotContains(t, err.Error(), "SECRET")
}
