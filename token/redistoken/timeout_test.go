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

// slack is what a loaded test machine may add to a timeout.
const slack = 250 * time.Millisecond

func TestCacheTimeoutBoundsEveryCommand(t *testing.T) {
	const timeout = 150 * time.Millisecond
	tests := []struct {
		name   string
		outage func(*redistest.Server) error
	}{
		{"redis stopped", func(s *redistest.Server) error { s.Stop(); return nil }},
		{"redis frozen", func(s *redistest.Server) error { return s.Pause() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := redistest.StartServer(t)
			// Without ContextTimeoutEnabled, go-redis waits out its
			// ReadTimeout on a frozen server whatever the context says.
			client := redis.NewClient(&redis.Options{Addr: srv.Addr(), ContextTimeoutEnabled: true})
			t.Cleanup(func() { _ = client.Close() })
			require.NoError(t, client.Ping(context.Background()).Err())
			if err := tt.outage(srv); err != nil {
				t.Skip(err)
			}
			t.Cleanup(func() { _ = srv.Resume() })
			c := redistoken.New(client, redistoken.WithTimeout(timeout))
			ctx := context.Background()

			ops := map[string]func() error{
				"get": func() error { _, err := c.Get(ctx, accessTokenKey); return err },
				"set": func() error { return c.Set(ctx, accessTokenKey, "v", time.Minute) },
				"lock": func() error {
					_, err := c.TryLock(ctx, accessTokenKey+":lock", time.Second)
					return err
				},
				"compare-and-delete": func() error {
					_, err := c.CompareAndDelete(ctx, accessTokenKey, "v")
					return err
				},
			}
			for op, call := range ops {
				start := time.Now()
				err := call()
				took := time.Since(start)
				require.Error(t, err, op)
				assert.NotErrorIs(t, err, token.ErrNotFound, op)
				assert.LessOrEqual(t, took, timeout+slack, "%s took %v", op, took)
				assert.Contains(t, err.Error(), "redistoken: "+op+" ", op)
			}
		})
	}
}

func TestCacheTimeoutErrorSaysWhoGaveUp(t *testing.T) {
	srv := redistest.StartServer(t)
	client := redis.NewClient(&redis.Options{Addr: srv.Addr(), ContextTimeoutEnabled: true})
	t.Cleanup(func() { _ = client.Close() })
	require.NoError(t, client.Ping(context.Background()).Err())
	srv.PauseFor(t)
	c := redistoken.New(client, redistoken.WithTimeout(100*time.Millisecond))

	_, err := c.Get(context.Background(), accessTokenKey)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "no answer within 100ms", "the cache's own timeout")

	// The caller's own, shorter deadline is reported as such.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Get(ctx, accessTokenKey)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotContains(t, err.Error(), "no answer within")
	assert.Less(t, time.Since(start), 100*time.Millisecond+slack)
}
