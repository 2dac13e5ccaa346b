package aibot

import (
	"context"
	"errors"
	"net/http"
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

// refreshOf is the stream-refresh callback WeCom sends for stream id.
func refreshOf(id, msgid string) string {
	return `{"msgid":"` + msgid + `","aibotid":"AIBOTID","chatid":"CHATID","chattype":"group","from":{"userid":"USERID"},"msgtype":"stream","stream":{"id":"` + id + `"}}`
}

// openingHandler opens a stream for each message, writes "Hello" and hands
// the stream to the test.
func openingHandler(t *testing.T, streams *Streams, opened chan<- *Stream) Handler {
	return HandlerFunc(func(ctx context.Context, m *Message) (Reply, error) {
		if m.MsgType == MsgTypeStream {
			t.Errorf("a refresh of a known stream reached the handler")
			return nil, nil
		}
		st, err := streams.Open(ctx, StreamOptions{FeedbackID: "FB1"})
		if err != nil {
			return nil, err
		}
		if err := st.Append(ctx, "Hello"); err != nil {
			return nil, err
		}
		opened <- st
		return st.Reply(), nil
	})
}

// TestStreamAcrossInstancesRedis serves one bot with two servers, as two
// instances behind a load balancer would, sharing one real redis-server:
// the user's message reaches instance A, which opens the stream; the
// refreshes reach instance B, which did not, and get the content A wrote.
func TestStreamAcrossInstancesRedis(t *testing.T) {
	addr, _ := redistest.Start(t)
	newCache := func() token.Cache {
		rc := redis.NewClient(&redis.Options{Addr: addr})
		t.Cleanup(func() { _ = rc.Close() })
		return redistoken.New(rc)
	}
	c := newCrypt(t)
	cacheA, cacheB := newCache(), newCache() // one client per "process"
	streamsA, streamsB := NewStreams(cacheA), NewStreams(cacheB)
	opened := make(chan *Stream, 1)
	a := NewServer(c, openingHandler(t, streamsA, opened), WithStreams(streamsA), WithDedup(cacheA, 0))
	b := NewServer(c, openingHandler(t, streamsB, opened), WithStreams(streamsB), WithDedup(cacheB, 0))

	w := sign(t, c, sampleText, testTime).post(a)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	st := <-opened
	assert.JSONEq(t, `{"msgtype":"stream","stream":{"id":"`+st.ID()+`","finish":false,"content":"Hello","feedback":{"id":"FB1"}}}`,
		openReply(t, c, w.Body.Bytes()))

	// The first refresh reaches B.
	w = sign(t, c, refreshOf(st.ID(), "R1"), testTime).post(b)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.JSONEq(t, `{"msgtype":"stream","stream":{"id":"`+st.ID()+`","finish":false,"content":"Hello"}}`,
		openReply(t, c, w.Body.Bytes()), "B answers with what A wrote")

	// A keeps writing from another goroutine, then finishes with an image.
	var wg sync.WaitGroup
	wg.Go(func() {
		assert.NoError(t, st.Append(context.Background(), ", world"))
		assert.NoError(t, st.Finish(context.Background(), ImageItem([]byte("png"))))
	})
	wg.Wait()
	w = sign(t, c, refreshOf(st.ID(), "R2"), testTime).post(b)
	require.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"msgtype":"stream","stream":{"id":"`+st.ID()+`","finish":true,"content":"Hello, world","msg_item":[{"msgtype":"image","image":{"base64":"cG5n","md5":"bff139fa05ac583f685a523ab3d110a0"}}]}}`,
		openReply(t, c, w.Body.Bytes()))
	// And A answers the same.
	w = sign(t, c, refreshOf(st.ID(), "R3"), testTime).post(a)
	assert.Contains(t, openReply(t, c, w.Body.Bytes()), `"content":"Hello, world"`)

	assert.ErrorIs(t, st.Append(context.Background(), "late"), ErrStreamFinished)

	// The user's message, re-sent to B, is not handled a second time: B
	// answers with the first frame A sent.
	first := sign(t, c, sampleText, testTime.Add(time.Second)).post(b)
	require.Equal(t, http.StatusOK, first.Code)
	assert.Contains(t, openReply(t, c, first.Body.Bytes()), `"content":"Hello"`)
	assert.Empty(t, opened, "no second stream")
}

func TestStreamLimit(t *testing.T) {
	c := newCrypt(t)
	now := testTime
	streams := NewStreams(nil)
	streams.now = func() time.Time { return now }
	var reported []error
	s := NewServer(c, nil, WithStreams(streams), WithErrorHandler(func(_ *http.Request, err error) { reported = append(reported, err) }))
	st, err := streams.Open(context.Background(), StreamOptions{})
	require.NoError(t, err)
	assert.Equal(t, testTime.Add(6*time.Minute), st.Deadline())
	require.NoError(t, st.Append(context.Background(), "partial"))

	now = testTime.Add(StreamLimit)
	assert.ErrorIs(t, st.Append(context.Background(), " more"), ErrStreamExpired)
	assert.Equal(t, "partial", st.Content())
	w := sign(t, c, refreshOf(st.ID(), "R1"), testTime).post(s)
	require.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"msgtype":"stream","stream":{"id":"`+st.ID()+`","finish":true,"content":"partial"}}`,
		openReply(t, c, w.Body.Bytes()), "past the limit a refresh closes the stream")
	require.Len(t, reported, 1)
	assert.ErrorIs(t, reported[0], ErrStreamExpired)
}

func TestStreamUnknownReachesHandler(t *testing.T) {
	c := newCrypt(t)
	h := &recorder{reply: &StreamReply{ID: "MINE", Content: "own", Finish: true}}
	s := NewServer(c, h)
	w := sign(t, c, refreshOf("MINE", "R1"), testTime).post(s)
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, 1, h.calls())
	assert.Equal(t, "MINE", h.got[0].Stream.ID)
	assert.Contains(t, openReply(t, c, w.Body.Bytes()), `"content":"own"`)
	// Refreshes are not de-duplicated: each gets the content of its moment.
	sign(t, c, refreshOf("MINE", "R1"), testTime).post(s)
	assert.Equal(t, 2, h.calls())
}

// failingCache fails its writes while fail is set.
type failingCache struct {
	token.Cache
	mu   sync.Mutex
	fail bool
}

func (f *failingCache) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	f.mu.Lock()
	fail := f.fail
	f.mu.Unlock()
	if fail {
		return errors.New("cache down")
	}
	return f.Cache.Set(ctx, key, value, ttl)
}

func TestStreamWriteFailureKeepsContent(t *testing.T) {
	cache := &failingCache{Cache: token.NewMemoryCache()}
	streams := NewStreams(cache)
	st, err := streams.Open(context.Background(), StreamOptions{})
	require.NoError(t, err)
	require.NoError(t, st.Append(context.Background(), "a"))
	cache.fail = true
	assert.Error(t, st.Append(context.Background(), "b"))
	assert.Error(t, st.Finish(context.Background()))
	cache.fail = false
	require.NoError(t, st.Append(context.Background(), "b"))
	assert.Equal(t, "ab", st.Content(), "a failed write is not applied twice")
	frame, err := streams.Frame(context.Background(), st.ID())
	require.NoError(t, err)
	assert.Equal(t, "ab", frame.Content)
	assert.False(t, frame.Finish, "the failed Finish did not finish it")

	require.NoError(t, st.SetContent(context.Background(), "replaced"))
	frame, err = streams.Frame(context.Background(), st.ID())
	require.NoError(t, err)
	assert.Equal(t, "replaced", frame.Content)
}
