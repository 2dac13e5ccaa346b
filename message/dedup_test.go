package message

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/token"
)

// countingHandler counts the messages it handles, by FromUserName and
// ExternalUserID, and fails while fail is set.
type countingHandler struct {
	mu    sync.Mutex
	calls []string
	fail  error
}

func (h *countingHandler) ServeMessage(_ context.Context, m *Message) (Reply, error) {
	var p struct {
		ExternalUserID string `xml:"ExternalUserID"`
	}
	_ = m.Decode(&p)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls = append(h.calls, m.Kind().String()+":"+p.ExternalUserID)
	return nil, h.fail
}

func (h *countingHandler) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.calls)
}

func TestDedupResend(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	h := &countingHandler{}
	s := NewServer(c, h, WithDedup(token.NewMemoryCache(), time.Minute))

	event := eventXML("change_external_contact", "del_follow_user", cdata("UserID", "zhangsan")+cdata("ExternalUserID", "wmA"))
	for range 3 {
		// Each re-send is encrypted afresh, as WeCom does.
		w := post(s, sealCallback(t, c, event))
		assert.Equal(t, http.StatusOK, w.Code)
		assert.Empty(t, w.Body.String())
	}
	assert.Equal(t, 1, h.count())

	// Messages are known by MsgId.
	for range 2 {
		assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
	}
	assert.Equal(t, 2, h.count())

	// Instruction callbacks are acknowledged with "success" when dropped.
	info := infoXML("create_auth", "", cdata("AuthCode", "CODE"))
	for range 2 {
		assert.Equal(t, "success", post(s, sealCallback(t, c, info)).Body.String())
	}
	assert.Equal(t, 3, h.count())
}

func TestDedupKeepsDistinctEventsOfTheSameSecond(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	h := &countingHandler{}
	s := NewServer(c, h, WithDedup(token.NewMemoryCache(), time.Minute))

	// Same FromUserName, CreateTime, Event and ChangeType; different
	// customers.
	for _, ext := range []string{"wmA", "wmB", "wmC"} {
		event := eventXML("change_external_contact", "del_follow_user", cdata("UserID", "zhangsan")+cdata("ExternalUserID", ext))
		assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, event)).Code)
	}
	// Two approvals changing in the same second differ only inside
	// ApprovalInfo.
	approval := readTestdata(t, "sys_approval_change.xml")
	for _, spNo := range []string{"201910220001", "201910220002"} {
		doc := strings.Replace(approval, "201910220001", spNo, 1)
		assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, doc)).Code)
	}
	assert.Equal(t, []string{
		"event/change_external_contact/del_follow_user:wmA",
		"event/change_external_contact/del_follow_user:wmB",
		"event/change_external_contact/del_follow_user:wmC",
		"event/sys_approval_change:",
		"event/sys_approval_change:",
	}, h.calls)
}

func TestDedupForgetsFailedCallbacks(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	h := &countingHandler{fail: errors.New("try again")}
	s := NewServer(c, h, WithDedup(token.NewMemoryCache(), time.Minute))
	assert.Equal(t, http.StatusInternalServerError, post(s, sealCallback(t, c, samplePostMsg)).Code)
	h.fail = nil
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
	assert.Equal(t, 2, h.count(), "the failed attempt and the re-send that succeeded")
}

// failingCache fails every call.
type failingCache struct{}

var errCacheDown = errors.New("cache down")

func (failingCache) Get(context.Context, string) (string, error)              { return "", errCacheDown }
func (failingCache) Set(context.Context, string, string, time.Duration) error { return errCacheDown }
func (failingCache) Delete(context.Context, string) error                     { return errCacheDown }
func (failingCache) SetNX(context.Context, string, string, time.Duration) (bool, error) {
	return false, errCacheDown
}

// plainFailingCache fails every call and has no SetNX.
type plainFailingCache struct{ token.Cache }

func TestDedupCacheErrorsDeliver(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	for _, cache := range []token.Cache{failingCache{}, plainFailingCache{failingCache{}}} {
		var log errorLog
		h := &countingHandler{}
		s := NewServer(c, h, WithDedup(cache, time.Minute), WithErrorHandler(log.handler))
		assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
		assert.Equal(t, 1, h.count(), "a cache error must not drop the message")
		require.Len(t, log.all(), 2, "claiming and marking as done both failed")
		for _, err := range log.all() {
			assert.ErrorIs(t, err, errCacheDown)
			assert.Equal(t, http.StatusInternalServerError, StatusCode(err))
		}
	}
}

// nxCache records the keys stored through SetNX and counts the calls of
// Get.
type nxCache struct {
	*token.MemoryCache
	mu   sync.Mutex
	keys []string
	gets int
}

func (c *nxCache) Get(ctx context.Context, key string) (string, error) {
	c.mu.Lock()
	c.gets++
	c.mu.Unlock()
	return c.MemoryCache.Get(ctx, key)
}

func (c *nxCache) SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range c.keys {
		if k == key {
			return false, nil
		}
	}
	c.keys = append(c.keys, key)
	return true, c.MemoryCache.Set(ctx, key, value, ttl)
}

func TestDedupUsesSetNXAndSafeKeys(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	cache := &nxCache{MemoryCache: token.NewMemoryCache()}
	h := &countingHandler{}
	s := NewServer(c, h, WithDedup(cache, 0))
	ticket := infoXML("suite_ticket", "", cdata("SuiteTicket", "SECRET-TICKET"))
	auth := infoXML("create_auth", "", cdata("AuthCode", "SECRET-AUTHCODE"))
	for _, doc := range []string{samplePostMsg, samplePostMsg, ticket, ticket, auth} {
		assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, doc)).Code)
	}
	assert.Equal(t, 3, h.count())
	assert.Equal(t, 2, cache.gets, "Get only tells a duplicate from a copy being handled")
	require.Len(t, cache.keys, 3)
	assert.Equal(t, "wecom:callback:msg:wx5823bf96d3bd56c7:218:4561255354251345929", cache.keys[0])
	for _, key := range cache.keys {
		assert.True(t, strings.HasPrefix(key, "wecom:callback:"), key)
		assert.NotContains(t, key, "SECRET")
	}
	assert.True(t, strings.HasPrefix(cache.keys[1], "wecom:callback:info:ww4asffe99e54c0f4c:wxf8b4f85f3a794e77:1403610513:suite_ticket::"), cache.keys[1])
}

// gateHandler blocks each call until told how it ends, and counts calls.
type gateHandler struct {
	started chan struct{}
	results chan error
	mu      sync.Mutex
	calls   int
}

func newGateHandler() *gateHandler {
	return &gateHandler{started: make(chan struct{}, 10), results: make(chan error, 10)}
}

func (h *gateHandler) ServeMessage(context.Context, *Message) (Reply, error) {
	h.mu.Lock()
	h.calls++
	h.mu.Unlock()
	h.started <- struct{}{}
	return nil, <-h.results
}

func (h *gateHandler) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.calls
}

func TestDedupResendWhileFirstAttemptRuns(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	h := newGateHandler()
	var log errorLog
	s := NewServer(c, h, WithDedup(token.NewMemoryCache(), time.Minute), WithErrorHandler(log.handler))

	first := make(chan int)
	go func() { first <- post(s, sealCallback(t, c, samplePostMsg)).Code }()
	<-h.started

	// WeCom stopped waiting after 5 s and sends the message again while the
	// first attempt still runs. Acknowledging it as a duplicate would lose
	// the message if the first attempt then fails: WeCom must retry.
	w := post(s, sealCallback(t, c, samplePostMsg))
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	require.Len(t, log.all(), 1)
	assert.ErrorIs(t, log.all()[0], ErrInProgress)
	assert.Equal(t, 1, h.count(), "the re-send must not reach the handler")

	h.results <- errors.New("first attempt failed")
	assert.Equal(t, http.StatusInternalServerError, <-first)

	// The next re-send is handled, and once it succeeded later copies are
	// acknowledged as duplicates.
	h.results <- nil
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
	assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
	assert.Equal(t, 2, h.count())
}

// noDeleteCache is a working cache with SetNX whose Delete fails.
type noDeleteCache struct{ *nxCache }

func (noDeleteCache) Delete(context.Context, string) error { return errCacheDown }

func TestDedupFailedDeleteIsNotADuplicate(t *testing.T) {
	// When the key of a failed callback cannot be deleted, the re-send must
	// not be acknowledged as a duplicate.
	c := newCrypt(t, sampleCorpID)
	h := newGateHandler()
	var log errorLog
	cache := noDeleteCache{&nxCache{MemoryCache: token.NewMemoryCache()}}
	s := NewServer(c, h, WithDedup(cache, time.Minute), WithErrorHandler(log.handler))
	h.results <- errors.New("failed")
	assert.Equal(t, http.StatusInternalServerError, post(s, sealCallback(t, c, samplePostMsg)).Code)
	assert.NotEqual(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
	assert.Equal(t, 1, h.count())
}

func TestDedupEventsCarryingMsgID(t *testing.T) {
	// Some events (template_card_event, as captured by other SDKs) carry a
	// MsgId, which may name the card rather than the click: two members
	// clicking the same card must both be delivered.
	c := newCrypt(t, sampleCorpID)
	h := &countingHandler{}
	s := NewServer(c, h, WithDedup(token.NewMemoryCache(), time.Minute))
	click := func(user string) string {
		return "<xml><ToUserName><![CDATA[" + testCorpID + "]]></ToUserName><FromUserName><![CDATA[" + user + "]]></FromUserName>" +
			"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>" +
			"<EventKey><![CDATA[approve]]></EventKey><TaskId><![CDATA[task1]]></TaskId><MsgId>7269101829738643456</MsgId>" +
			"<AgentID>1000002</AgentID></xml>"
	}
	for _, user := range []string{"zhangsan", "lisi", "lisi"} {
		assert.Equal(t, http.StatusOK, post(s, sealCallback(t, c, click(user))).Code)
	}
	assert.Equal(t, 2, h.count(), "two members, and one re-send")
}

func TestDedupResendGetsTheSamePassiveReply(t *testing.T) {
	// WeCom re-sends a callback whose answer it did not get (the first
	// copy was handled, the answer lost on the way): the re-send must get
	// the reply the first copy got, and the handler must not run again.
	c := newCrypt(t, sampleCorpID)
	var calls atomic.Int32
	r := NewRouter()
	On(r, func(_ context.Context, _ *Message, txt *Text) (Reply, error) {
		n := calls.Add(1)
		return &TextReply{Content: "reply " + strconvI(int64(n)) + " to " + txt.Content}, nil
	})
	for _, cache := range []token.Cache{token.NewMemoryCache(), plainCache{token.NewMemoryCache()}} {
		calls.Store(0)
		s := NewServer(c, r, WithDedup(cache, 0))
		first := post(s, sealCallback(t, c, samplePostMsg))
		require.Equal(t, http.StatusOK, first.Code)
		require.NotEmpty(t, first.Body.Bytes())
		for range 3 {
			resend := post(s, sealCallback(t, c, samplePostMsg)) // encrypted afresh, as WeCom does
			assert.Equal(t, http.StatusOK, resend.Code)
			assert.Equal(t, first.Body.String(), resend.Body.String(), "the re-send lost the passive reply")
			assert.Equal(t, "text/xml; charset=utf-8", resend.Header().Get("Content-Type"))
		}
		assert.Equal(t, int32(1), calls.Load(), "the handler ran twice")
		env, err := crypto.ParseEnvelope(first.Body.Bytes())
		require.NoError(t, err)
		plain, _, err := c.Decrypt(env.Encrypt)
		require.NoError(t, err)
		assert.Contains(t, string(plain), "reply 1 to hello")

		// HandleCallback answers the same.
		resp, err := s.HandleCallback(ctx, samplePostSignature, samplePostTimestamp, samplePostNonce, []byte(samplePostBody))
		require.NoError(t, err)
		assert.Equal(t, first.Body.Bytes(), resp)
	}
}

// plainCache is a cache without SetNX.
type plainCache struct{ inner *token.MemoryCache }

func (c plainCache) Get(ctx context.Context, key string) (string, error) {
	return c.inner.Get(ctx, key)
}
func (c plainCache) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	return c.inner.Set(ctx, key, value, ttl)
}
func (c plainCache) Delete(ctx context.Context, key string) error { return c.inner.Delete(ctx, key) }

func TestDedupStoredReplyIsBounded(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	cache := token.NewMemoryCache()
	var calls atomic.Int32
	r := NewRouter()
	On(r, func(context.Context, *Message, *Text) (Reply, error) {
		calls.Add(1)
		return &TextReply{Content: strings.Repeat("x", maxStoredReply)}, nil
	})
	s := NewServer(c, r, WithDedup(cache, 0))
	first := post(s, sealCallback(t, c, samplePostMsg))
	require.Equal(t, http.StatusOK, first.Code)
	require.Greater(t, first.Body.Len(), maxStoredReply)
	v, err := cache.Get(ctx, "wecom:callback:msg:wx5823bf96d3bd56c7:218:4561255354251345929")
	require.NoError(t, err)
	assert.Equal(t, keyDone, v, "a reply over the bound is not kept")
	resend := post(s, sealCallback(t, c, samplePostMsg))
	assert.Equal(t, http.StatusOK, resend.Code)
	assert.Empty(t, resend.Body.String())
	assert.Equal(t, int32(1), calls.Load())
}

func TestDedupAsyncStoresNoReply(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	cache := token.NewMemoryCache()
	var calls atomic.Int32
	r := NewRouter()
	On(r, func(context.Context, *Message, *Text) (Reply, error) {
		calls.Add(1)
		return &TextReply{Content: "discarded"}, nil
	})
	s := NewServer(c, r, WithDedup(cache, 0), WithAsync(1, 1))
	require.Equal(t, http.StatusOK, post(s, sealCallback(t, c, samplePostMsg)).Code)
	require.NoError(t, s.Shutdown(ctx))
	v, err := cache.Get(ctx, "wecom:callback:msg:wx5823bf96d3bd56c7:218:4561255354251345929")
	require.NoError(t, err)
	assert.Equal(t, keyDone, v)
	assert.Equal(t, int32(1), calls.Load())
}

func TestDedupIsOnByDefault(t *testing.T) {
	// With no WithDedup, a server remembers what it handled in memory: a
	// re-send or a replay within the window reaching the same process is
	// answered, not handled again. WithDedup(nil, 0) turns it off.
	c := newCrypt(t, sampleCorpID)
	for _, tt := range []struct {
		name string
		opts []ServerOption
		want int
	}{
		{"default", nil, 1},
		{"off", []ServerOption{WithDedup(nil, 0)}, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := &countingHandler{}
			s := NewServer(c, h, tt.opts...)
			cb := sealCallback(t, c, samplePostMsg)
			for range 3 {
				assert.Equal(t, http.StatusOK, post(s, cb).Code) // the same request, replayed
			}
			assert.Equal(t, tt.want, h.count())
		})
	}
}
