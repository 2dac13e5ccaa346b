package message

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redistest"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
)

// TestDedupPausedRedisAnswersInTime freezes the de-duplication Redis
// (SIGSTOP) under a go-redis client built without ContextTimeoutEnabled,
// which then waits out its ReadTimeout whatever the context says. The
// callback must still be handled and answered well within the 5 s WeCom
// waits before sending it again.
func TestDedupPausedRedisAnswersInTime(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	rc := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { _ = rc.Close() })
	require.NoError(t, rc.Ping(context.Background()).Err())

	var handled atomic.Int32
	h := HandlerFunc(func(ctx context.Context, m *Message) (Reply, error) {
		handled.Add(1)
		return nil, nil
	})
	var cacheErrors atomic.Int32
	s := NewServer(newCrypt(t, sampleCorpID), h, WithDedup(redistoken.New(rc), 0),
		WithErrorHandler(func(*http.Request, error) { cacheErrors.Add(1) }))

	// While Redis answers, a re-send is recognised.
	first := sealCallback(t, newCrypt(t, sampleCorpID), samplePostMsg)
	require.Equal(t, http.StatusOK, post(s, first).Code)
	require.Equal(t, http.StatusOK, post(s, first).Code)
	require.EqualValues(t, 1, handled.Load())

	srv.PauseFor(t)
	next := sealCallback(t, newCrypt(t, sampleCorpID),
		strings.Replace(samplePostMsg, "4561255354251345929", "4561255354251345930", 1))
	start := time.Now()
	w := post(s, next)
	took := time.Since(start)
	t.Logf("de-duplicated app callback, Redis paused: %v", took)
	assert.Equal(t, http.StatusOK, w.Code, "a cache failure never drops a message")
	assert.EqualValues(t, 2, handled.Load())
	assert.Positive(t, cacheErrors.Load(), "the cache failure is reported")
	// The claim and the mark of a handled callback are two bounded cache
	// calls; a loaded CI machine may add its share.
	assert.Less(t, took, 2*token.DefaultCacheTimeout+750*time.Millisecond)
	assert.Less(t, took, 5*time.Second, "WeCom's wait")
}
