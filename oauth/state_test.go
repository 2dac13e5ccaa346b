package oauth_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/token"
)

var stateForm = regexp.MustCompile(`^[a-zA-Z0-9]{32}$`)

func TestStateIssueVerify(t *testing.T) {
	ctx := context.Background()
	cache := token.NewMemoryCache()
	s := oauth.NewStateStore(cache, time.Minute)

	state, err := s.Issue(ctx, "/orders/42?tab=1")
	require.NoError(t, err)
	assert.Regexp(t, stateForm, state)
	_, err = cache.Get(ctx, "wecom:oauth_state:"+state)
	require.NoError(t, err, "stored under its documented key")
	assert.Equal(t, "wecom:oauth_state:"+state, oauth.StateKey(state))

	data, err := s.Verify(ctx, state)
	require.NoError(t, err)
	assert.Equal(t, "/orders/42?tab=1", data)

	_, err = s.Verify(ctx, state)
	require.ErrorIs(t, err, oauth.ErrStateInvalid, "a replay is rejected")
	_, err = cache.Get(ctx, oauth.StateKey(state))
	require.ErrorIs(t, err, token.ErrNotFound, "consumed")
}

func TestStateEmptyData(t *testing.T) {
	ctx := context.Background()
	s := oauth.NewStateStore(nil, 0)
	state, err := s.Issue(ctx, "")
	require.NoError(t, err)
	data, err := s.Verify(ctx, state)
	require.NoError(t, err)
	assert.Empty(t, data)
}

func TestStatesAreUnique(t *testing.T) {
	s := oauth.NewStateStore(nil, time.Minute)
	seen := map[string]bool{}
	for range 200 {
		st, err := s.Issue(context.Background(), "x")
		require.NoError(t, err)
		require.False(t, seen[st])
		seen[st] = true
	}
}

func TestStateRejected(t *testing.T) {
	ctx := context.Background()
	cache := token.NewMemoryCache()
	s := oauth.NewStateStore(cache, time.Minute)
	require.NoError(t, cache.Set(ctx, oauth.StateKey("foreign"), "not written by a StateStore", 0))

	tests := map[string]string{
		"empty":           "",
		"never issued":    "abcdef123456",
		"not alnum":       "abc-def",
		"url-ish":         "a%26b",
		"too long":        strings.Repeat("a", oauth.MaxStateLength+1),
		"foreign value":   "foreign",
		"key injection":   "x:y",
		"space":           "ab cd",
		"non-ascii alnum": "Ａ１",
	}
	for name, state := range tests {
		t.Run(name, func(t *testing.T) {
			data, err := s.Verify(ctx, state)
			require.ErrorIs(t, err, oauth.ErrStateInvalid)
			assert.Empty(t, data)
		})
	}
}

func TestStateExpires(t *testing.T) {
	ctx := context.Background()
	s := oauth.NewStateStore(token.NewMemoryCache(), 20*time.Millisecond)
	state, err := s.Issue(ctx, "d")
	require.NoError(t, err)
	time.Sleep(40 * time.Millisecond)
	_, err = s.Verify(ctx, state)
	require.ErrorIs(t, err, oauth.ErrStateInvalid)
}

// plainCache hides MemoryCache's CompareAndDelete; delay widens the
// window between a Get and the Delete that follows.
type plainCache struct {
	c     *token.MemoryCache
	delay time.Duration
}

func (p plainCache) Get(ctx context.Context, k string) (string, error) {
	v, err := p.c.Get(ctx, k)
	time.Sleep(p.delay)
	return v, err
}
func (p plainCache) Set(ctx context.Context, k, v string, ttl time.Duration) error {
	return p.c.Set(ctx, k, v, ttl)
}
func (p plainCache) Delete(ctx context.Context, k string) error { return p.c.Delete(ctx, k) }

// slowCAD widens the window between Get and CompareAndDelete, so that a
// store that trusted the Get alone would let several verifications pass.
type slowCAD struct {
	*token.MemoryCache
}

func (s slowCAD) Get(ctx context.Context, k string) (string, error) {
	v, err := s.MemoryCache.Get(ctx, k)
	time.Sleep(2 * time.Millisecond)
	return v, err
}

func TestStateConcurrentVerifyOneWinner(t *testing.T) {
	caches := map[string]token.Cache{
		"compare-and-delete":    slowCAD{token.NewMemoryCache()},
		"no compare-and-delete": plainCache{token.NewMemoryCache(), time.Millisecond},
	}
	for name, cache := range caches {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := oauth.NewStateStore(cache, time.Minute)
			state, err := s.Issue(ctx, "payload")
			require.NoError(t, err)

			var wins, invalid atomic.Int32
			var wg sync.WaitGroup
			start := make(chan struct{})
			for range 50 {
				wg.Go(func() {
					<-start
					data, err := s.Verify(ctx, state)
					switch {
					case err == nil && data == "payload":
						wins.Add(1)
					case errors.Is(err, oauth.ErrStateInvalid):
						invalid.Add(1)
					}
				})
			}
			close(start)
			wg.Wait()
			assert.Equal(t, int32(1), wins.Load())
			assert.Equal(t, int32(49), invalid.Load())
		})
	}
}

// failingCache fails every call.
type failingCache struct{ err error }

func (f failingCache) Get(context.Context, string) (string, error)              { return "", f.err }
func (f failingCache) Set(context.Context, string, string, time.Duration) error { return f.err }
func (f failingCache) Delete(context.Context, string) error                     { return f.err }

func TestStateCacheFailures(t *testing.T) {
	ctx := context.Background()
	down := errors.New("redis: connection refused")
	s := oauth.NewStateStore(failingCache{down}, time.Minute)

	_, err := s.Issue(ctx, "d")
	require.ErrorIs(t, err, down)
	_, err = s.Verify(ctx, "abc")
	require.ErrorIs(t, err, down)
	require.NotErrorIs(t, err, oauth.ErrStateInvalid, "an outage is not a forged state")

	// Get works, Delete fails: the state is not accepted.
	mem := token.NewMemoryCache()
	s = oauth.NewStateStore(deleteFails{plainCache{c: mem}, down}, time.Minute)
	state, err := s.Issue(ctx, "d")
	require.NoError(t, err)
	_, err = s.Verify(ctx, state)
	require.ErrorIs(t, err, down)
}

type deleteFails struct {
	plainCache
	err error
}

func (d deleteFails) Delete(context.Context, string) error { return d.err }

func TestClientStateStoreUsesClientCache(t *testing.T) {
	ctx := context.Background()
	cache := token.NewMemoryCache()
	c := mustNew(t, oauth.Config{CorpID: testCorpID}, nil, wecomCache(cache))
	state, err := c.StateStore(time.Minute).Issue(ctx, "d")
	require.NoError(t, err)
	_, err = cache.Get(ctx, oauth.StateKey(state))
	require.NoError(t, err)
	data, err := oauth.NewStateStore(cache, time.Minute).Verify(ctx, state)
	require.NoError(t, err, "another instance on the same cache verifies it")
	assert.Equal(t, "d", data)
}
