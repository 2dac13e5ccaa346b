package redistoken_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
)

func TestRoundTrips(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	c := redistoken.New(client, redistoken.WithPrefix("app:"))
	log := &commandLog{}
	client.AddHook(log)
	// Load the script, so that the counts below are the steady state.
	_, err := c.CompareAndDelete(ctx, "warm-up", "x")
	require.NoError(t, err)
	require.NoError(t, c.Set(ctx, accessTokenKey, "1700000000000:tok", time.Hour))

	tests := []struct {
		name string
		call func() error
		want []string
	}{
		{"hit is one GET", func() error { _, err := c.Get(ctx, accessTokenKey); return err }, []string{"get"}},
		{"miss is one GET", func() error {
			_, err := c.Get(ctx, "absent")
			if err != nil && !assert.ErrorIs(t, err, token.ErrNotFound) {
				return err
			}
			return nil
		}, []string{"get"}},
		{"set is one SET", func() error { return c.Set(ctx, "k", "v", time.Minute) }, []string{"set"}},
		{"setnx is one SET", func() error { _, err := c.SetNX(ctx, "n", "v", time.Minute); return err }, []string{"set"}},
		{"delete is one DEL", func() error { return c.Delete(ctx, "k") }, []string{"del"}},
		{"compare-and-delete is one EVALSHA", func() error {
			_, err := c.CompareAndDelete(ctx, accessTokenKey, "other")
			return err
		}, []string{"evalsha"}},
		{"lock and release are one SET and one EVALSHA", func() error {
			release, err := c.TryLock(ctx, "l", time.Minute)
			if err != nil {
				return err
			}
			return release(ctx)
		}, []string{"set", "evalsha"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log.take()
			require.NoError(t, tt.call())
			cmds, pipelines := log.take()
			assert.Equal(t, tt.want, cmds)
			assert.Zero(t, pipelines)
		})
	}
}

// newSourceOverRedis returns a CachedSource over c whose fetch hands out
// "tok-1", "tok-2", ... valid for two hours.
func newSourceOverRedis(c *redistoken.Cache) (*token.CachedSource, *int) {
	fetches := 0
	fetch := func(context.Context) (string, time.Duration, error) {
		fetches++
		return "tok-" + strconv.Itoa(fetches), 2 * time.Hour, nil
	}
	return token.NewCachedSource(c, accessTokenKey, fetch), &fetches
}

func TestSourceHitOverRedisStaysInMemory(t *testing.T) {
	ctx := context.Background()
	client, _ := startRedis(t)
	log := &commandLog{}
	client.AddHook(log)
	src, fetches := newSourceOverRedis(redistoken.New(client))

	tok, err := src.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	assert.Equal(t, 1, *fetches)
	cmds, _ := log.take()
	assert.Equal(t, "get", cmds[0], "a cold source reads Redis first")
	assert.Contains(t, cmds, "set")

	allocs := testing.AllocsPerRun(100, func() {
		if tok, err := src.Token(ctx); err != nil || tok != "tok-1" {
			t.Errorf("Token = %q, %v", tok, err)
		}
	})
	assert.Zero(t, allocs, "a hit allocates nothing")
	cmds, pipelines := log.take()
	assert.Empty(t, cmds, "a hit sends nothing to Redis")
	assert.Zero(t, pipelines)

	// A second instance starts warm from Redis, with one GET.
	other, otherFetches := newSourceOverRedis(redistoken.New(client))
	tok, err = other.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	assert.Zero(t, *otherFetches)
	cmds, _ = log.take()
	assert.Equal(t, []string{"get"}, cmds)
}

// BenchmarkRedisHit measures Cache.Get of a stored key against a local
// redis-server: one GET round trip, with the default per-command timeout
// and without one.
func BenchmarkRedisHit(b *testing.B) {
	ctx := context.Background()
	client, _ := startRedis(b)
	for _, bb := range []struct {
		name string
		opts []redistoken.Option
	}{
		{"timeout=default", nil},
		{"timeout=none", []redistoken.Option{redistoken.WithTimeout(0)}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			c := redistoken.New(client, bb.opts...)
			require.NoError(b, c.Set(ctx, accessTokenKey, "1700000000000:tok", time.Hour))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Get(ctx, accessTokenKey); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRedisSourceHit measures CachedSource.Token over a Redis cache
// once the token is known: served from memory, no round trip.
func BenchmarkRedisSourceHit(b *testing.B) {
	ctx := context.Background()
	client, _ := startRedis(b)
	src, _ := newSourceOverRedis(redistoken.New(client))
	if _, err := src.Token(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := src.Token(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
