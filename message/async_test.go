package message

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/token"
)

// blockingHandler blocks every call until released.
type blockingHandler struct {
	started chan string
	release chan struct{}
	mu      sync.Mutex
	done    []string
	err     error
}

func newBlockingHandler() *blockingHandler {
	return &blockingHandler{started: make(chan string, 10), release: make(chan struct{})}
}

func (h *blockingHandler) ServeMessage(ctx context.Context, m *Message) (Reply, error) {
	h.started <- m.FromUserName
	<-h.release
	h.mu.Lock()
	defer h.mu.Unlock()
	h.done = append(h.done, m.FromUserName)
	return &TextReply{Content: "discarded"}, h.err
}

func (h *blockingHandler) handled() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.done...)
}

func from(user string) string {
	return "<xml><ToUserName>" + testCorpID + "</ToUserName><FromUserName>" + user + "</FromUserName><CreateTime>1700000000</CreateTime>" +
		"<MsgType>event</MsgType><Event>enter_agent</Event><AgentID>1</AgentID></xml>"
}

func TestAsyncQueueFull(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	h := newBlockingHandler()
	var log errorLog
	s := NewServer(c, h, WithAsync(1, 1), WithDedup(token.NewMemoryCache(), time.Minute), WithErrorHandler(log.handler))

	// The first callback occupies the only worker, the second the only
	// queue slot: both are acknowledged at once.
	w := post(s, sealCallback(t, c, from("u1")))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Empty(t, w.Body.String(), "acknowledged without passive reply")
	assert.Equal(t, "u1", <-h.started)
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, from("u2"))).Code)

	// The third finds the queue full: 503, so that WeCom sends it again.
	assert.Equal(t, http.StatusServiceUnavailable, post(s, sealCallback(t, c, from("u3"))).Code)
	require.Len(t, log.all(), 1)
	assert.ErrorIs(t, log.all()[0], ErrQueueFull)

	close(h.release)
	// The re-send of the refused callback is not taken for a duplicate.
	require.Eventually(t, func() bool { return len(h.handled()) == 2 }, 5*time.Second, time.Millisecond)
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, from("u3"))).Code)

	require.NoError(t, s.Shutdown(ctx))
	assert.ElementsMatch(t, []string{"u1", "u2", "u3"}, h.handled())
	assert.Equal(t, http.StatusServiceUnavailable, post(s, sealCallback(t, c, from("u4"))).Code)
	assert.ErrorIs(t, log.all()[len(log.all())-1], ErrServerClosed)
}

func TestAsyncHandlerErrorsAreReported(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	h := newBlockingHandler()
	h.err = errors.New("failed later")
	close(h.release)
	var log errorLog
	s := NewServer(c, h, WithAsync(2, 4), WithErrorHandler(log.handler))
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, from("u1"))).Code)
	suite := infoXML("suite_ticket", "", cdata("SuiteTicket", "T"))
	assert.Equal(t, "success", post(s, sealCallback(t, c, suite)).Body.String())
	require.NoError(t, s.Shutdown(ctx))
	errs := log.all()
	require.Len(t, errs, 2)
	for _, err := range errs {
		assert.ErrorIs(t, err, ErrHandler)
		assert.ErrorIs(t, err, h.err)
	}
}

func TestAsyncShutdownTimeout(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	h := newBlockingHandler()
	s := NewServer(c, h, WithAsync(1, 1))
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, from("u1"))).Code)
	<-h.started
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, s.Shutdown(short), context.DeadlineExceeded)
	close(h.release)
	require.NoError(t, s.Shutdown(ctx))
	assert.Equal(t, []string{"u1"}, h.handled())
}

func TestAsyncContextOutlivesRequest(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	type key struct{}
	got := make(chan error, 1)
	var value any
	s := NewServer(c, HandlerFunc(func(ctx context.Context, _ *Message) (Reply, error) {
		time.Sleep(10 * time.Millisecond)
		value = ctx.Value(key{})
		got <- ctx.Err()
		return nil, nil
	}), WithAsync(1, 1))
	reqCtx, cancel := context.WithCancel(context.WithValue(ctx, key{}, "v"))
	req := sealCallback(t, c, from("u1")).request().WithContext(reqCtx)
	w := httpRecorder()
	s.ServeHTTP(w, req)
	cancel() // the request ends
	assert.Equal(t, http.StatusOK, w.Code)
	assert.NoError(t, <-got)
	require.NoError(t, s.Shutdown(ctx))
	assert.Equal(t, "v", value)
}

func TestAsyncHandlerPanicIsReported(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	var log errorLog
	s := NewServer(c, HandlerFunc(func(context.Context, *Message) (Reply, error) { panic(http.ErrAbortHandler) }),
		WithAsync(1, 1), WithErrorHandler(log.handler))
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, from("u1"))).Code)
	require.NoError(t, s.Shutdown(ctx))
	require.Len(t, log.all(), 1)
	assert.ErrorIs(t, log.all()[0], ErrHandler)
}

func TestAsyncQueueFullClaimsNoDedupKey(t *testing.T) {
	// A callback refused with 503 because the queue is full must be handled
	// when WeCom sends it again, even if the de-duplication cache could not
	// delete a key in between: the key must not be stored before a queue
	// slot is secured.
	c := newCrypt(t, sampleCorpID)
	h := newBlockingHandler()
	cache := noDeleteCache{&nxCache{MemoryCache: token.NewMemoryCache()}}
	s := NewServer(c, h, WithAsync(1, 1), WithDedup(cache, time.Minute))

	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, from("u1"))).Code)
	assert.Equal(t, "u1", <-h.started)
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, from("u2"))).Code)
	assert.Equal(t, http.StatusServiceUnavailable, post(s, sealCallback(t, c, from("u3"))).Code)

	close(h.release)
	require.Eventually(t, func() bool { return len(h.handled()) == 2 }, 5*time.Second, time.Millisecond)
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, from("u3"))).Code)
	require.NoError(t, s.Shutdown(ctx))
	assert.ElementsMatch(t, []string{"u1", "u2", "u3"}, h.handled())
}

func TestAsyncFailureReleasesDedupKey(t *testing.T) {
	// An asynchronous handler that fails releases the key, so that a copy
	// WeCom sends again (its acknowledgement lost on the way) is handled.
	c := newCrypt(t, sampleCorpID)
	h := newGateHandler()
	s := NewServer(c, h, WithAsync(1, 1), WithDedup(token.NewMemoryCache(), time.Minute))
	h.results <- errors.New("failed")
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
	<-h.started
	require.Eventually(t, func() bool {
		h.results <- nil
		code := post(s, sealCallback(t, c, samplePostMsg)).Code
		if code != http.StatusOK {
			<-h.results
		}
		return code == http.StatusOK
	}, 5*time.Second, 5*time.Millisecond)
	require.NoError(t, s.Shutdown(ctx))
	assert.Equal(t, 2, h.count())
}

func TestAsyncShutdownDuringHooks(t *testing.T) {
	// A callback whose hooks are still running when the server shuts down
	// is refused with 503 and leaves no de-duplication key behind: the
	// next instance, sharing the cache, handles WeCom's re-send.
	c := newCrypt(t, sampleCorpID)
	cache := token.NewMemoryCache()
	inHook, release := make(chan struct{}), make(chan struct{})
	hook := WithHook(func(context.Context, *Message) error {
		close(inHook)
		<-release
		return nil
	})
	h := &countingHandler{}
	s := NewServer(c, h, WithAsync(1, 1), WithDedup(cache, time.Minute), hook)
	code := make(chan int)
	go func() { code <- post(s, sealCallback(t, c, samplePostMsg)).Code }()
	<-inHook
	require.NoError(t, s.Shutdown(ctx))
	close(release)
	assert.Equal(t, http.StatusServiceUnavailable, <-code)
	assert.Zero(t, h.count())

	next := NewServer(c, h, WithAsync(1, 1), WithDedup(cache, time.Minute))
	assert.Equal(t, http.StatusOK, post(next, sealCallback(t, c, samplePostMsg)).Code)
	require.NoError(t, next.Shutdown(ctx))
	assert.Equal(t, 1, h.count())
}
