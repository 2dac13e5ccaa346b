package work

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
)

// kfConversation plays sync_msg for tests: its messages m00000, m00001, ...
// are read from a cursor that is the index of the first message of the
// page; a page's next_cursor is the index after it.
type kfConversation struct {
	mu      sync.Mutex
	n       int
	tokens  []string
	cursors []string
	failAt  map[string]bool // cursors whose page fails with errcode 95007
}

func (k *kfConversation) add(n int) {
	k.mu.Lock()
	k.n += n
	k.mu.Unlock()
}

// serve registers the conversation as sync_msg of mt.
func (k *kfConversation) serve(t testing.TB, mt *httpmock.MockTransport) {
	stubFunc(t, mt, http.MethodPost, "/cgi-bin/kf/sync_msg", func(_ int, r recordedRequest) string { return k.reply(r.Body) })
}

func (k *kfConversation) reply(body []byte) string {
	var in KFSyncPageRequest
	if err := json.Unmarshal(body, &in); err != nil {
		return `{"errcode":40058,"errmsg":"bad body"}`
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.tokens = append(k.tokens, in.Token)
	k.cursors = append(k.cursors, in.Cursor)
	if k.failAt[in.Cursor] {
		delete(k.failAt, in.Cursor)
		return `{"errcode":95007,"errmsg":"invalid msgtoken"}`
	}
	start, _ := strconv.Atoi(in.Cursor)
	limit := in.Limit
	if limit == 0 {
		limit = 1000
	}
	end := min(start+limit, k.n)
	var b strings.Builder
	fmt.Fprintf(&b, `{"errcode":0,"errmsg":"ok","next_cursor":"%d","has_more":%d,"msg_list":[`, end, btoi(end < k.n))
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"msgid":"m%05d","open_kfid":"wk1","external_userid":"wm1","send_time":1700000000,"origin":3,"msgtype":"text","text":{"content":"hello %d"}}`, i, i)
	}
	b.WriteString("]}")
	return b.String()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (k *kfConversation) requests() (cursors, tokens []string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.cursors...), append([]string(nil), k.tokens...)
}

// ids returns the msgids m<from> to m<to-1>.
func ids(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("m%05d", i))
	}
	return out
}

// countingCache is a MemoryCache that counts its writes of kf positions.
type countingCache struct {
	*token.MemoryCache
	sets atomic.Int64
}

func (c *countingCache) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	if strings.HasPrefix(key, "wecom:kf:") {
		c.sets.Add(1)
	}
	return c.MemoryCache.Set(ctx, key, value, ttl)
}

// kfInstance is one app instance: a client on its own transport, reading
// conv, with the given cache.
func kfInstance(t testing.TB, conv *kfConversation, cache token.Cache) *Client {
	c, mt := newTestClient(t, wecom.WithCache(cache))
	conv.serve(t, mt)
	return c
}

// consume reads SyncMessages until the end, an error, or (stopAfter > 0)
// stopAfter messages, and returns the msgids read and the error.
func consume(ctx context.Context, c *Client, req KFSyncRequest, stopAfter int) ([]string, error) {
	var got []string
	for m, err := range c.KF.SyncMessages(ctx, req) {
		if err != nil {
			return got, err
		}
		got = append(got, m.MsgID)
		if stopAfter > 0 && len(got) == stopAfter {
			break
		}
	}
	return got, nil
}

func TestKFSyncFollowsPagesAndKeepsItsPosition(t *testing.T) {
	conv := &kfConversation{}
	conv.add(25)
	cache := &countingCache{MemoryCache: token.NewMemoryCache()}
	c := kfInstance(t, conv, cache)
	req := KFSyncRequest{OpenKFID: "wk1", Token: "CALLBACK_TOKEN", Limit: 10}

	got, err := consume(t.Context(), c, req, 0)
	require.NoError(t, err)
	assert.Equal(t, ids(0, 25), got)
	cursors, tokens := conv.requests()
	assert.Equal(t, []string{"", "10", "20"}, cursors, "one request per page, following next_cursor")
	assert.Equal(t, []string{"CALLBACK_TOKEN", "CALLBACK_TOKEN", "CALLBACK_TOKEN"}, tokens)
	assert.EqualValues(t, 3, cache.sets.Load(), "one write per page")
	stored, err := cache.Get(t.Context(), KFCursorKey(testCorpID, "wk1"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"c":"25"}`, stored)

	// Nothing new: nothing yielded. Then only what arrived since.
	got, err = consume(t.Context(), c, req, 0)
	require.NoError(t, err)
	assert.Empty(t, got)
	conv.add(5)
	got, err = consume(t.Context(), c, req, 0)
	require.NoError(t, err)
	assert.Equal(t, ids(25, 30), got)
}

func TestKFSyncBreakMidPageResumesAfterTheLastConsumed(t *testing.T) {
	conv := &kfConversation{}
	conv.add(25)
	c := kfInstance(t, conv, token.NewMemoryCache())
	req := KFSyncRequest{OpenKFID: "wk1", Limit: 10}

	got, err := consume(t.Context(), c, req, 14) // 4 into the second page
	require.NoError(t, err)
	assert.Equal(t, ids(0, 14), got)
	got, err = consume(t.Context(), c, req, 0)
	require.NoError(t, err)
	assert.Equal(t, ids(14, 25), got, "neither skipped nor repeated")
	cursors, _ := conv.requests()
	assert.Equal(t, []string{"", "10", "10", "20"}, cursors, "the page left in the middle is read again from its cursor")
}

// A panic in the loop body (a crash while handling a message) leaves that
// message unconsumed: it comes again, and only it.
func TestKFSyncPanicInTheBodyRedeliversOnlyTheMessageInHand(t *testing.T) {
	conv := &kfConversation{}
	conv.add(10)
	c := kfInstance(t, conv, token.NewMemoryCache())
	req := KFSyncRequest{OpenKFID: "wk1"}
	var got []string
	func() {
		defer func() { assert.Equal(t, "crash", recover()) }()
		for m, err := range c.KF.SyncMessages(t.Context(), req) {
			require.NoError(t, err)
			if m.MsgID == "m00006" {
				panic("crash")
			}
			got = append(got, m.MsgID)
		}
	}()
	rest, err := consume(t.Context(), c, req, 0)
	require.NoError(t, err)
	assert.Equal(t, ids(0, 10), append(got, rest...))
}

// A process killed outright runs no deferred function: with
// CheckpointEvery 1 the next instance, once the dead one's lock expired,
// starts with the message that was in hand.
func TestKFSyncKilledMidPage(t *testing.T) {
	conv := &kfConversation{}
	conv.add(10)
	cache := token.NewMemoryCache()
	req := KFSyncRequest{OpenKFID: "wk1", LockTTL: 300 * time.Millisecond, CheckpointEvery: 1}

	dead := kfInstance(t, conv, cache)
	next, stop := iter.Pull2(dead.KF.SyncMessages(t.Context(), req))
	var got []string
	for range 5 {
		m, err, ok := next()
		require.True(t, ok)
		require.NoError(t, err)
		got = append(got, m.MsgID)
	}
	// m00004 is in hand when the process dies: no more calls to next or
	// stop (stop is called at the very end, to free the goroutine).
	defer stop()

	start := time.Now()
	rest, err := consume(t.Context(), kfInstance(t, conv, cache), req, 0)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 200*time.Millisecond, "waited for the dead instance's lock")
	assert.Equal(t, ids(4, 10), rest)
	assert.Equal(t, ids(0, 5), got)

	// The dead instance waking up later must not move the position back.
	stop()
	more, err := consume(t.Context(), kfInstance(t, conv, cache), req, 0)
	require.NoError(t, err)
	assert.Empty(t, more)
}

func TestKFSyncErrorStopsAndKeepsWhatWasConsumed(t *testing.T) {
	conv := &kfConversation{failAt: map[string]bool{"10": true}}
	conv.add(15)
	c := kfInstance(t, conv, token.NewMemoryCache())
	req := KFSyncRequest{OpenKFID: "wk1", Limit: 10}
	var got []string
	var errs []error
	for m, err := range c.KF.SyncMessages(t.Context(), req) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		require.Empty(t, errs, "nothing after the error")
		got = append(got, m.MsgID)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], wecom.ErrInvalidMsgToken)
	assert.Equal(t, ids(0, 10), got)
	rest, err := consume(t.Context(), c, req, 0)
	require.NoError(t, err)
	assert.Equal(t, ids(10, 15), rest)
}

// Two instances sharing a cache that syncs at once: one waits for the
// other, and every message is consumed once.
func TestKFSyncTwoInstancesShareTheLock(t *testing.T) {
	conv := &kfConversation{}
	conv.add(300)
	cache := token.NewMemoryCache()
	req := KFSyncRequest{OpenKFID: "wk1", Limit: 50}
	a, b := kfInstance(t, conv, cache), kfInstance(t, conv, cache)
	seen := runConcurrently(t, req, a, b)
	assert.Equal(t, ids(0, 300), seen)
}

// runConcurrently runs SyncMessages on every client at once, each handling
// a message in about 100 µs, and returns every msgid consumed, sorted.
func runConcurrently(t *testing.T, req KFSyncRequest, clients ...*Client) []string {
	t.Helper()
	var mu sync.Mutex
	var all []string
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Go(func() {
			for m, err := range c.KF.SyncMessages(t.Context(), req) {
				if !assert.NoError(t, err) {
					return
				}
				time.Sleep(100 * time.Microsecond)
				mu.Lock()
				all = append(all, m.MsgID)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(all)
	return all
}

// A holder whose LockTTL nearly passed hands the lock over (saves, releases,
// takes it again) and carries on without repeating anything.
func TestKFSyncRenewsItsLock(t *testing.T) {
	conv := &kfConversation{}
	conv.add(40)
	c := kfInstance(t, conv, token.NewMemoryCache())
	req := KFSyncRequest{OpenKFID: "wk1", LockTTL: 100 * time.Millisecond}
	var got []string
	for m, err := range c.KF.SyncMessages(t.Context(), req) {
		require.NoError(t, err)
		got = append(got, m.MsgID)
		time.Sleep(5 * time.Millisecond)
	}
	assert.Equal(t, ids(0, 40), got)
	cursors, _ := conv.requests()
	assert.Greater(t, len(cursors), 1, "the page was read again after each hand-over")
}

// A loop body that keeps a message past the lock's end gets ErrKFLockLost
// and the position is not written by it.
func TestKFSyncLockLost(t *testing.T) {
	conv := &kfConversation{}
	conv.add(3)
	cache := token.NewMemoryCache()
	c := kfInstance(t, conv, cache)
	req := KFSyncRequest{OpenKFID: "wk1", LockTTL: 50 * time.Millisecond}
	var errs []error
	for m, err := range c.KF.SyncMessages(t.Context(), req) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if m.MsgID == "m00000" {
			time.Sleep(80 * time.Millisecond)
		}
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrKFLockLost)
	_, err := cache.Get(t.Context(), KFCursorKey(testCorpID, "wk1"))
	assert.ErrorIs(t, err, token.ErrNotFound, "no position written after the lock expired")
}

func TestKFSyncBusyUntilTheContextEnds(t *testing.T) {
	conv := &kfConversation{}
	conv.add(3)
	cache := token.NewMemoryCache()
	release, err := tryLock(t.Context(), cache, KFCursorKey(testCorpID, "wk1")+":lock", time.Minute)
	require.NoError(t, err)
	require.NotNil(t, release)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err = consume(ctx, kfInstance(t, conv, cache), KFSyncRequest{OpenKFID: "wk1"}, 0)
	assert.ErrorIs(t, err, ErrKFSyncBusy)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	cursors, _ := conv.requests()
	assert.Empty(t, cursors, "no page read without the lock")
}

func TestKFSyncCorruptPositionIsAnError(t *testing.T) {
	conv := &kfConversation{}
	conv.add(3)
	cache := token.NewMemoryCache()
	require.NoError(t, cache.Set(t.Context(), KFCursorKey(testCorpID, "wk1"), "{not json", 0))
	_, err := consume(t.Context(), kfInstance(t, conv, cache), KFSyncRequest{OpenKFID: "wk1"}, 0)
	assert.ErrorContains(t, err, "not valid")
	cursors, _ := conv.requests()
	assert.Empty(t, cursors, "nothing read from the start: that would repeat 3 days of messages")
}

// BenchmarkKFSync10000 syncs 10,000 messages in pages of 1,000: memory per
// message and cache writes per sync stay flat as the conversation grows.
func BenchmarkKFSync10000(b *testing.B) {
	for _, n := range []int{10000, 20000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			conv := &kfConversation{}
			conv.add(n)
			cache := &countingCache{MemoryCache: token.NewMemoryCache()}
			c := kfInstance(b, conv, cache)
			key := KFCursorKey(testCorpID, "wk1")
			b.ReportAllocs()
			for b.Loop() {
				_ = cache.Delete(context.Background(), key)
				count := 0
				for _, err := range c.KF.SyncMessages(context.Background(), KFSyncRequest{OpenKFID: "wk1", Limit: 1000}) {
					if err != nil {
						b.Fatal(err)
					}
					count++
				}
				if count != n {
					b.Fatalf("%d messages", count)
				}
			}
			b.ReportMetric(float64(cache.sets.Load())/float64(b.N), "cache-writes/op")
			b.ReportMetric(float64(kfPeakLive(b, c, cache, key)), "peak-live-B")
		})
	}
}

// kfPeakLive syncs the whole conversation once more and returns the
// largest live heap seen (after a GC) every 500 messages, less the live
// heap before.
func kfPeakLive(b *testing.B, c *Client, cache token.Cache, key string) uint64 {
	b.StopTimer()
	defer b.StartTimer()
	_ = cache.Delete(context.Background(), key)
	live := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	base, peak := live(), uint64(0)
	i := 0
	for _, err := range c.KF.SyncMessages(context.Background(), KFSyncRequest{OpenKFID: "wk1", Limit: 1000}) {
		if err != nil {
			b.Fatal(err)
		}
		if i++; i%500 == 0 {
			if l := live(); l > base {
				peak = max(peak, l-base)
			}
		}
	}
	return peak
}

// The position is per corp: an authorized corp's client (third-party or
// customized app) sharing the cache with another corp's keeps its own.
func TestKFSyncPositionIsPerCorp(t *testing.T) {
	conv := &kfConversation{}
	conv.add(5)
	cache := token.NewMemoryCache()
	a := kfInstance(t, conv, cache)
	_, mt := newTestClient(t)
	conv.serve(t, mt)
	b, err := NewWithTokenSource(Config{CorpID: "wwauthorizedcorp"}, fixedToken("CORP_TOKEN"),
		wecom.WithCache(cache), wecom.WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	req := KFSyncRequest{OpenKFID: "wk1"}
	got, err := consume(t.Context(), a, req, 0)
	require.NoError(t, err)
	assert.Equal(t, ids(0, 5), got)
	got, err = consume(t.Context(), b, req, 0)
	require.NoError(t, err)
	assert.Equal(t, ids(0, 5), got, "another corp's conversation starts at its own position")
	_, err = cache.Get(t.Context(), KFCursorKey("wwauthorizedcorp", "wk1"))
	assert.NoError(t, err)
}
