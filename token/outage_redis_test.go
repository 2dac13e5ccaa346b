package token_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redistest"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
)

// slack is what a loaded test machine may add to a deadline.
const slack = 250 * time.Millisecond

func TestRedisStoppedWhileServing(t *testing.T) {
	t.Parallel() // mostly waiting on timeouts
	srv := redistest.StartServer(t)
	client := newRedisClient(t, srv.Addr())
	fake := newGettokenFake(t, nil)
	logs := &syncBuffer{}
	src := token.NewCachedSource(redistoken.New(client), redisTestKey(), gettokenFetch(fake.URL),
		token.WithLogger(slog.New(slog.NewJSONHandler(logs, nil))))
	ctx := context.Background()

	first, err := src.Token(ctx)
	require.NoError(t, err)

	srv.Stop()

	// Hits are served from memory: Redis is not asked.
	tok, err := src.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, first, tok)

	// WeCom rejects the token: the source forgets it, and says that it
	// could not drop it from Redis.
	err = src.Invalidate(ctx, first)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), first)

	// The next call misses; it must end within the caller's deadline.
	const deadline = 2 * time.Second
	dctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	start := time.Now()
	tok, err = src.Token(dctx)
	took := time.Since(start)
	assert.LessOrEqual(t, took, deadline+slack)
	t.Logf("Token with Redis stopped took %v", took)
	require.NoError(t, err, "a token fetched directly")
	require.EqualValues(t, 2, fake.calls.Load())
	assert.Equal(t, []string{first, tok}, fake.Issued(), "the second token came from gettoken")

	assertLogsHide(t, logs.String(), first, tok)
	assert.Contains(t, logs.String(), "token cache read failed")
}

func TestRedisDownColdSourceFetchesDirectly(t *testing.T) {
	t.Parallel() // mostly waiting on timeouts
	srv := redistest.StartServer(t)
	client := newRedisClient(t, srv.Addr())
	srv.Stop()
	fake := newGettokenFake(t, nil)
	logs := &syncBuffer{}
	src := token.NewCachedSource(redistoken.New(client), redisTestKey(), gettokenFetch(fake.URL),
		token.WithLogger(slog.New(slog.NewJSONHandler(logs, nil))))

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	tok, err := src.Token(ctx)
	t.Logf("cold Token with Redis down took %v", time.Since(start))
	require.NoError(t, err)
	assert.Equal(t, fake.Issued(), []string{tok})

	out := logs.String()
	assert.Contains(t, out, `"level":"ERROR"`)
	assert.Contains(t, out, "token cache read failed")
	assert.Contains(t, out, "token not written to the failing cache")
	// Either go-redis gives up at the deadline the bound gave it, or the
	// bound itself does, whichever is first.
	assert.Regexp(t, `(redistoken: get|token: cache get).*context deadline exceeded`, out, "the cause is logged")
	assert.Contains(t, out, redisTestKey(), "the key is logged")
	assertLogsHide(t, out, tok)
}

func TestRedisFrozenTokenReturnsWithinDeadline(t *testing.T) {
	t.Parallel() // mostly waiting on timeouts
	tests := []struct {
		name string
		// contextTimeouts is go-redis's ContextTimeoutEnabled: without
		// it, a command on a frozen Redis waits for the client's
		// ReadTimeout (seconds) whatever its context says; the source's
		// own bound on each cache call must not depend on it.
		contextTimeouts bool
	}{
		{"client defaults", false},
		{"ContextTimeoutEnabled", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := redistest.StartServer(t)
			client := redis.NewClient(&redis.Options{Addr: srv.Addr(), ContextTimeoutEnabled: tt.contextTimeouts})
			t.Cleanup(func() { _ = client.Close() })
			require.NoError(t, client.Ping(context.Background()).Err())
			fake := newGettokenFake(t, nil)
			src := token.NewCachedSource(redistoken.New(client), redisTestKey(), gettokenFetch(fake.URL))
			// Redis accepts connections but answers nothing.
			srv.PauseFor(t)

			const deadline = 2 * time.Second
			ctx, cancel := context.WithTimeout(context.Background(), deadline)
			defer cancel()
			start := time.Now()
			tok, err := src.Token(ctx)
			took := time.Since(start)
			t.Logf("cold Token with Redis frozen took %v", took)
			require.NoError(t, err, "fetched directly")
			assert.Equal(t, fake.Issued(), []string{tok})
			assert.LessOrEqual(t, took, token.DefaultCacheTimeout+slack,
				"one bounded cache read, then one gettoken")
		})
	}
}

// assertLogsHide fails t if the logs contain a secret or one of tokens.
func assertLogsHide(t *testing.T, logs string, tokens ...string) {
	t.Helper()
	assert.NotContains(t, logs, redisTestSecret)
	for _, tok := range tokens {
		assert.NotContains(t, logs, tok)
	}
}

// syncBuffer is a bytes.Buffer for a logger used from several goroutines.
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
