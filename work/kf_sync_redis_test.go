package work

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redistest"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
)

// redisCache returns a cache on its own connection to srv, as another
// process would have.
func redisCache(t *testing.T, srv *redistest.Server) (*redistoken.Cache, func()) {
	t.Helper()
	client := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{srv.Addr()}})
	require.NoError(t, client.Ping(context.Background()).Err())
	closed := false
	closeFn := func() {
		if !closed {
			closed = true
			_ = client.Close()
		}
	}
	t.Cleanup(closeFn)
	return redistoken.New(client), closeFn
}

// Two instances, each with its own Redis connection, receive the same
// callback at once: the lock lets one read at a time, and every message
// is consumed exactly once.
func TestKFSyncRedisTwoInstances(t *testing.T) {
	srv := redistest.StartServer(t)
	conv := &kfConversation{}
	conv.add(600)
	ca, _ := redisCache(t, srv)
	cb, _ := redisCache(t, srv)
	var _ token.Locker = ca // the lock is Redis's
	a, b := kfInstance(t, conv, ca), kfInstance(t, conv, cb)
	req := KFSyncRequest{OpenKFID: "wk1", Token: "T", Limit: 100}
	assert.Equal(t, ids(0, 600), runConcurrently(t, req, a, b))

	// More arrive; both instances are called again: still once each.
	conv.add(200)
	assert.Equal(t, ids(600, 800), runConcurrently(t, req, a, b))
}

// The position outlives the instance: a new process (new client, new
// connection) resumes in the middle of the page the old one left.
func TestKFSyncRedisPositionSurvivesRestart(t *testing.T) {
	srv := redistest.StartServer(t)
	conv := &kfConversation{}
	conv.add(300)
	req := KFSyncRequest{OpenKFID: "wk1", Limit: 100}

	cache, closeConn := redisCache(t, srv)
	got, err := consume(t.Context(), kfInstance(t, conv, cache), req, 150)
	require.NoError(t, err)
	assert.Equal(t, ids(0, 150), got)
	closeConn()

	cache2, _ := redisCache(t, srv)
	rest, err := consume(t.Context(), kfInstance(t, conv, cache2), req, 0)
	require.NoError(t, err)
	assert.Equal(t, ids(150, 300), rest)
}

// A process killed in the middle of a page (no deferred function runs,
// its lock stays until it expires): with CheckpointEvery 1 the next
// instance starts with the message that was in hand, and the dead one's
// lock does not let two read at once.
func TestKFSyncRedisKilledMidPage(t *testing.T) {
	srv := redistest.StartServer(t)
	conv := &kfConversation{}
	conv.add(250)
	req := KFSyncRequest{OpenKFID: "wk1", Limit: 100, LockTTL: 2 * time.Second, CheckpointEvery: 1}

	deadCache, closeDead := redisCache(t, srv)
	next, stop := iter.Pull2(kfInstance(t, conv, deadCache).KF.SyncMessages(t.Context(), req))
	defer stop()
	var got []string
	for range 130 {
		m, err, ok := next()
		require.True(t, ok)
		require.NoError(t, err)
		got = append(got, m.MsgID)
	}
	closeDead() // the process is gone; m00129 was in hand

	cache, _ := redisCache(t, srv)
	start := time.Now()
	rest, err := consume(t.Context(), kfInstance(t, conv, cache), req, 0)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "waited for the dead instance's lock")
	assert.Equal(t, ids(0, 130), got)
	assert.Equal(t, ids(129, 250), rest, "only the message in hand comes again")
}

// A hung Redis does not hold the loop: the lock's call is bounded by the
// client's cache timeout, the loop yields the error, and once Redis is
// back the conversation resumes where it was.
func TestKFSyncRedisHungIsBounded(t *testing.T) {
	srv := redistest.StartServer(t)
	conv := &kfConversation{}
	conv.add(100)
	cache, _ := redisCache(t, srv)
	c := kfInstance(t, conv, cache)
	req := KFSyncRequest{OpenKFID: "wk1"}
	got, err := consume(t.Context(), c, req, 50)
	require.NoError(t, err)
	require.Equal(t, ids(0, 50), got)

	srv.PauseFor(t)
	start := time.Now()
	_, err = consume(t.Context(), c, req, 0)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 3*time.Second, "bounded by the cache timeout, not by Redis")
	require.NoError(t, srv.Resume())

	rest, err := consume(t.Context(), c, req, 0)
	require.NoError(t, err)
	assert.Equal(t, ids(50, 100), rest)
}
