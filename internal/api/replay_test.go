package api

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

// actThenDrop is a loopback server that answers /cgi-bin/warm normally
// and, the first time another path is requested, counts it (the server
// "acts"), then closes the connection without answering: what a server
// that deleted a member and then dropped its kept-alive connection does.
// Later requests to that path are answered normally.
type actThenDrop struct {
	mu      sync.Mutex
	counts  map[string]int
	dropped map[string]bool
	bodies  []string // non-empty request bodies or framing seen
}

func (s *actThenDrop) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.counts[r.URL.Path]++
	if r.ContentLength != 0 || len(r.TransferEncoding) > 0 || r.Header.Get("Content-Length") != "" {
		s.bodies = append(s.bodies, r.Method+" "+r.URL.Path)
	}
	drop := r.URL.Path != "/cgi-bin/warm" && !s.dropped[r.URL.Path]
	s.dropped[r.URL.Path] = true
	s.mu.Unlock()
	if drop {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
		return
	}
	_, _ = w.Write([]byte(`{"errcode":0,"errmsg":"ok"}`))
}

func (s *actThenDrop) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[path]
}

// newActThenDrop returns the server and a client with no back-off retries
// of its own, so that any repetition comes from net/http's Transport.
func newActThenDrop(t *testing.T) (*Client, *actThenDrop) {
	t.Helper()
	srv := &actThenDrop{counts: map[string]int{}, dropped: map[string]bool{}}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	t.Cleanup(hc.CloseIdleConnections)
	c := New(wecom.NewOptions(wecom.WithBaseURL(ts.URL), wecom.WithHTTPClient(hc), wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 1})))
	return c, srv
}

// warm opens the kept-alive connection the next request reuses.
func (srv *actThenDrop) warm(t *testing.T, c *Client) {
	t.Helper()
	require.NoError(t, c.Do(context.Background(), nil, Request{Method: http.MethodGet, Path: "/cgi-bin/warm", Safety: Idempotent}, nil))
}

// A GET that changes state reaches the server once when the server acts
// and then drops the reused connection: net/http's Transport does not
// replay it, and the caller gets an error instead of a second delete.
func TestStateChangingGETIsNotReplayedByTheTransport(t *testing.T) {
	for _, tc := range []struct {
		name string
		req  Request
	}{
		{"Unsafe GET", Request{Method: http.MethodGet, Path: "/cgi-bin/user/delete", Query: map[string][]string{"userid": {"zhangsan"}}, Safety: Unsafe}},
		{"Never GET", Request{Method: http.MethodGet, Path: "/cgi-bin/user/authsucc", Safety: Never}},
		{"GET on a delivery path marked Idempotent", Request{Method: http.MethodGet, Path: "/cgi-bin/message/send", Safety: Idempotent}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newActThenDrop(t)
			srv.warm(t, c)
			err := c.Do(context.Background(), nil, tc.req, nil)
			require.Error(t, err)
			assert.Equal(t, 1, srv.count(tc.req.Path), "the server saw the request once")
			// The next call works, and no GET carried body framing.
			require.NoError(t, c.Do(context.Background(), nil, tc.req, nil))
			assert.Empty(t, srv.bodies, "GET requests carried a body, Content-Length or Transfer-Encoding")
		})
	}
}

// An Idempotent GET is still replayed by the Transport on a fresh
// connection: the caller gets the answer.
func TestIdempotentGETMayBeReplayedByTheTransport(t *testing.T) {
	c, srv := newActThenDrop(t)
	srv.warm(t, c)
	err := c.Do(context.Background(), nil, Request{Method: http.MethodGet, Path: "/cgi-bin/user/get", Safety: Idempotent}, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, srv.count("/cgi-bin/user/get"), "replayed by net/http on a new connection")
}

// The request that goes on the wire for a non-replayable GET is a plain
// GET: no body, no Content-Length, no Transfer-Encoding.
func TestNonReplayableGETOnTheWire(t *testing.T) {
	var raw string
	ts := httptest.NewUnstartedServer(nil)
	ts.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		_ = r.Header.Write(&b)
		raw = r.Method + " " + r.URL.Path + " cl=" + strconv.FormatInt(r.ContentLength, 10) + " te=" + strings.Join(r.TransferEncoding, ",") + "\n" + b.String()
		_, _ = w.Write([]byte(`{"errcode":0}`))
	})
	ts.Start()
	t.Cleanup(ts.Close)
	c := New(wecom.NewOptions(wecom.WithBaseURL(ts.URL), wecom.WithHTTPClient(ts.Client())))
	require.NoError(t, c.Do(context.Background(), nil, Request{Method: http.MethodGet, Path: "/cgi-bin/user/delete", Query: map[string][]string{"userid": {"u"}}}, nil))
	assert.True(t, strings.HasPrefix(raw, "GET /cgi-bin/user/delete cl=0 te=\n"), raw)
	assert.NotContains(t, raw, "Content-Length")
	assert.NotContains(t, raw, "Transfer-Encoding")
}

// Over HTTP/2 (WeCom's API is served over TLS) a non-replayable GET still
// reaches the server as a GET without a body.
func TestNonReplayableGETOverHTTP2(t *testing.T) {
	var proto, got string
	var n int64 = -1
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		proto, got, n = r.Proto, r.Method+" "+r.URL.Path, int64(len(body))
		_, _ = w.Write([]byte(`{"errcode":0}`))
	}))
	ts.EnableHTTP2 = true
	ts.StartTLS()
	t.Cleanup(ts.Close)
	c := New(wecom.NewOptions(wecom.WithBaseURL(ts.URL), wecom.WithHTTPClient(ts.Client())))
	require.NoError(t, c.Do(context.Background(), nil, Request{Method: http.MethodGet, Path: "/cgi-bin/user/delete", Query: map[string][]string{"userid": {"u"}}}, nil))
	assert.Equal(t, "HTTP/2.0", proto)
	assert.Equal(t, "GET /cgi-bin/user/delete", got)
	assert.Zero(t, n, "no body bytes")
}
