package token_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/redistest"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
	"github.com/wecomkit/wecom/work"
)

// These tests freeze a real redis-server (SIGSTOP) under a work.Client
// whose go-redis client is built the plain way, without
// ContextTimeoutEnabled: go-redis then waits out its ReadTimeout (3 s, more
// with retries) whatever the context says, and only the SDK's own bound
// on each cache call keeps the caller from waiting with it.

// pausedSlack is what a loaded 2-core CI machine may add to a bound.
const pausedSlack = time.Second

// wecomFake is a loopback WeCom answering gettoken and user/get; user/get
// rejects the tokens marked expired with 42001.
type wecomFake struct {
	*httptest.Server
	expiresIn int64
	gettoken  atomic.Int64

	mu      sync.Mutex
	issued  []string
	expired map[string]bool
}

func newWecomFake(t *testing.T, expiresIn int64) *wecomFake {
	f := &wecomFake{expiresIn: expiresIn, expired: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /cgi-bin/gettoken", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("corpsecret") != redisTestSecret {
			writeJSON(w, map[string]any{"errcode": 40001, "errmsg": "invalid credential"})
			return
		}
		tok := fmt.Sprintf("ACCESS-TOKEN-%d", f.gettoken.Add(1))
		f.mu.Lock()
		f.issued = append(f.issued, tok)
		f.mu.Unlock()
		writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok", "access_token": tok, "expires_in": f.expiresIn})
	})
	mux.HandleFunc("GET /cgi-bin/user/get", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		expired := f.expired[r.URL.Query().Get("access_token")]
		f.mu.Unlock()
		if expired {
			writeJSON(w, map[string]any{"errcode": 42001, "errmsg": "access_token expired"})
			return
		}
		writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok", "userid": r.URL.Query().Get("userid"), "name": "张三"})
	})
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (f *wecomFake) expire(tok string) {
	f.mu.Lock()
	f.expired[tok] = true
	f.mu.Unlock()
}

func (f *wecomFake) Issued() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.issued...)
}

// newPausableClient returns a work.Client on a fresh redis-server, with a
// go-redis client built as a README reader might: Addr only.
func newPausableClient(t *testing.T, f *wecomFake) (*work.Client, *redistest.Server) {
	t.Helper()
	srv := redistest.StartServer(t)
	rc := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { _ = rc.Close() })
	require.NoError(t, rc.Ping(context.Background()).Err())
	c, err := work.New(work.Config{CorpID: redisTestCorpID, AgentID: redisTestAgentID, Secret: redisTestSecret},
		wecom.WithBaseURL(f.URL), wecom.WithCache(redistoken.New(rc)))
	require.NoError(t, err)
	return c, srv
}

func TestPausedRedisColdTokenFetch(t *testing.T) {
	t.Parallel()
	f := newWecomFake(t, 7200)
	c, srv := newPausableClient(t, f)
	srv.PauseFor(t)

	// The caller's own deadline, shorter than the cache's limit, ends the
	// call at that deadline.
	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.AccessToken(short)
	took := time.Since(start)
	t.Logf("cold token, Redis paused, 100ms deadline: %v", took)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, took, 100*time.Millisecond+pausedSlack)

	// Without a deadline: one bounded cache read, then gettoken. A second
	// client sharing nothing in memory with the first makes the call cold.
	c2, err := work.New(work.Config{CorpID: redisTestCorpID, AgentID: redisTestAgentID, Secret: redisTestSecret},
		wecom.WithBaseURL(f.URL), wecom.WithCache(c.Cache()))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start = time.Now()
	tok, err := c2.AccessToken(ctx)
	took = time.Since(start)
	t.Logf("cold token, Redis paused: %v", took)
	require.NoError(t, err)
	assert.Contains(t, f.Issued(), tok, "fetched from gettoken")
	assert.Less(t, took, token.DefaultCacheTimeout+pausedSlack)

	// The token is then served from memory.
	start = time.Now()
	u, err := c2.User.Get(ctx, "zhangsan")
	require.NoError(t, err)
	assert.Equal(t, "zhangsan", u.UserID)
	assert.Less(t, time.Since(start), pausedSlack)
}

func TestPausedRedisTokenRefresh(t *testing.T) {
	t.Parallel()
	// A token living 2 s is cached for 1.8 s (a tenth is cut off).
	f := newWecomFake(t, 2)
	c, srv := newPausableClient(t, f)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	first, err := c.AccessToken(ctx)
	require.NoError(t, err, "stored in Redis while it answers")
	srv.PauseFor(t)

	// The token expires: the next call reads Redis (bounded), then fetches.
	time.Sleep(2 * time.Second)
	start := time.Now()
	second, err := c.AccessToken(ctx)
	took := time.Since(start)
	t.Logf("refresh of an expired token, Redis paused: %v", took)
	require.NoError(t, err)
	assert.NotEqual(t, first, second)
	assert.Less(t, took, token.DefaultCacheTimeout+pausedSlack)

	// WeCom rejects the token (42001): the client drops it, which tries
	// Redis (bounded), fetches a new one (one more bounded read) and
	// repeats the call.
	f.expire(second)
	start = time.Now()
	u, err := c.User.Get(ctx, "zhangsan")
	took = time.Since(start)
	t.Logf("call refreshing a rejected token, Redis paused: %v", took)
	require.NoError(t, err)
	assert.Equal(t, "zhangsan", u.UserID)
	assert.Less(t, took, 2*token.DefaultCacheTimeout+pausedSlack)
	assert.EqualValues(t, 3, f.gettoken.Load(), "one gettoken per refresh, nothing fetched twice")
}
