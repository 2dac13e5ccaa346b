package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

// A token source that fails with WeCom's own error (gettoken answering
// 40001: the secret is wrong) ends the call: the error is not taken for a
// rejected credential, nothing is invalidated and nothing is sent.
func TestDoTokenSourceAPIErrorIsNotARejection(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/user/get", jsonResponder(t, &calls, nil, `{"errcode":0}`))
	gettokenErr := fmt.Errorf("token: fetch k: %w", &wecom.APIError{Code: 40001, Message: "invalid credential", Path: "/cgi-bin/gettoken"})
	err := c.Do(context.Background(), AccessToken(errSourceWith{gettokenErr}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/user/get", Safety: Idempotent}, nil)
	var apiErr *wecom.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 40001, apiErr.Code)
	assert.Equal(t, "/cgi-bin/gettoken", apiErr.Path)
	assert.Zero(t, calls.Load(), "nothing sent")
}

// refetchFails hands out one token, then fails to fetch another.
type refetchFails struct {
	fixedSource
	calls atomic.Int64
	err   error
}

func (s *refetchFails) Token(ctx context.Context) (string, error) {
	if s.calls.Add(1) > 1 {
		return "", s.err
	}
	return s.tok, nil
}

func TestDoRefreshThatFailsEndsTheCall(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/user/get", jsonResponder(t, &calls, nil, `{"errcode":42001}`))
	src := &refetchFails{fixedSource: fixedSource{tok: secretToken},
		err: &wecom.APIError{Code: 40001, Path: "/cgi-bin/gettoken"}}
	err := c.Do(context.Background(), AccessToken(src), Request{Method: http.MethodGet, Path: "/cgi-bin/user/get", Safety: Idempotent}, nil)
	assert.Equal(t, 40001, wecom.ErrCode(err))
	assert.EqualValues(t, 1, calls.Load())
	assert.Equal(t, 1, src.invalidations())
	assert.EqualValues(t, 2, src.calls.Load())
}

// The retry after an invalid token does not eat the transient budget, and
// every HTTP attempt is logged with its own number.
func TestDoAttemptCounting(t *testing.T) {
	c, mt, logs := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x",
		jsonResponder(t, &calls, nil, `{"errcode":-1}`, `{"errcode":40014}`, `{"errcode":-1}`, `{"errcode":-1}`, `{"errcode":0}`))
	err := c.Do(context.Background(), AccessToken(&fakeSource{}), Request{Method: http.MethodGet, Path: "/cgi-bin/x", Safety: Idempotent}, nil)
	assert.Equal(t, -1, wecom.ErrCode(err))
	assert.EqualValues(t, 4, calls.Load(), "3 transient attempts (MaxAttempts) + 1 token refresh")
	for n := 1; n <= 4; n++ {
		assert.Contains(t, logs.String(), fmt.Sprintf("attempt=%d ", n))
	}
	assert.NotContains(t, logs.String(), "attempt=5 ")
}

func TestDoInvalidTokenThenCancelledContextStops(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x", jsonResponder(t, &calls, nil, `{"errcode":40014}`))
	ctx, cancel := context.WithCancel(context.Background())
	src := &cancelOnInvalidate{cancel: cancel}
	err := c.Do(ctx, AccessToken(src), Request{Method: http.MethodGet, Path: "/cgi-bin/x", Safety: Idempotent}, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.EqualValues(t, 1, calls.Load())
}

type cancelOnInvalidate struct {
	fakeSource
	cancel context.CancelFunc
}

func (s *cancelOnInvalidate) Invalidate(ctx context.Context, stale string) error {
	s.cancel()
	return s.fakeSource.Invalidate(ctx, stale)
}

func TestDoCancelledContextSendsNothing(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/message/send", jsonResponder(t, &calls, nil, `{"errcode":0}`))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := c.Do(ctx, AccessToken(&fakeSource{}), Request{Method: http.MethodPost, Path: "/cgi-bin/message/send", Body: struct{}{}, Safety: Never}, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, calls.Load())
}

func TestDoMalformedAuth(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x", jsonResponder(t, &calls, nil, `{"errcode":40014}`))
	err := c.Do(context.Background(), &Auth{Param: "access_token"}, Request{Method: http.MethodGet, Path: "/cgi-bin/x"}, nil)
	require.ErrorIs(t, err, wecom.ErrConfig)

	// No Invalid function: the error is returned, nothing panics.
	err = c.Do(context.Background(), &Auth{Param: "access_token", Source: &fakeSource{}}, Request{Method: http.MethodGet, Path: "/cgi-bin/x"}, nil)
	assert.Equal(t, 40014, wecom.ErrCode(err))
	assert.EqualValues(t, 1, calls.Load())
}

// WeCom's errmsg never carries the credential into an error string.
func TestDoScrubsCredentialFromErrmsg(t *testing.T) {
	c, mt, logs := newTestClient(t)
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x",
		httpmock.NewStringResponder(200, `{"errcode":60011,"errmsg":"no privilege for token `+secretToken+`"}`))
	err := c.Do(context.Background(), AccessToken(&fixedSource{tok: secretToken}), Request{Method: http.MethodGet, Path: "/cgi-bin/x"}, nil)
	assert.Equal(t, 60011, wecom.ErrCode(err))
	assert.Contains(t, err.Error(), "no privilege for token REDACTED")
	assertNoSecret(t, err, logs.String(), secretToken)
}

// A real server that drops the connection: the *url.Error net/http returns
// quotes the URL with the token; neither the error chain nor the logs may.
func TestDoConnectionClosedByServerRedacts(t *testing.T) {
	var calls atomic.Int64
	c, _, logs := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		assert.Equal(t, secretToken, r.URL.Query().Get("access_token"))
		conn, _, err := w.(http.Hijacker).Hijack()
		if assert.NoError(t, err) {
			_ = conn.Close()
		}
	}))
	err := c.Do(context.Background(), AccessToken(&fixedSource{tok: secretToken}), Request{
		Method: http.MethodGet, Path: "/cgi-bin/user/get",
		Query: url.Values{"userid": {"zhangsan"}, "code": {"OAUTH-CODE-123456"}}, Safety: Idempotent,
	}, nil)
	require.Error(t, err)
	assert.EqualValues(t, 3, calls.Load(), "a network failure of a read is retried")
	assertNoSecret(t, err, logs.String(), secretToken, "OAUTH-CODE-123456")
	var ue *url.Error
	require.ErrorAs(t, err, &ue, "the transport error is still there to inspect")
	assert.Contains(t, ue.URL, "access_token=REDACTED")
	assert.Contains(t, ue.URL, "userid=zhangsan")
	assert.Contains(t, logs.String(), "/cgi-bin/user/get")
}

func TestDoConnectionClosedOnMessageSendIsNotRepeated(t *testing.T) {
	var calls atomic.Int64
	c, _, logs := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		conn, _, _ := w.(http.Hijacker).Hijack()
		_ = conn.Close()
	}))
	err := c.Do(context.Background(), AccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodPost, Path: "/cgi-bin/message/send", Body: map[string]string{"msgtype": "text"}, Safety: Idempotent}, nil)
	require.Error(t, err)
	assert.EqualValues(t, 1, calls.Load())
	assertNoSecret(t, err, logs.String(), secretToken)
}

// A redirect loop ends in an error that quotes the last URL: redacted too.
func TestDoRedirectLoopRedacts(t *testing.T) {
	c, _, logs := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.String(), http.StatusFound)
	}), wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 1}))
	err := c.Do(context.Background(), SuiteAccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/service/get_pre_auth_code"}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "redirects")
	assertNoSecret(t, err, logs.String(), secretToken)
}

func TestDoTimeoutOnRealServer(t *testing.T) {
	var calls atomic.Int64
	c, _, logs := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}), wecom.WithTimeout(50*time.Millisecond))
	start := time.Now()
	err := c.Do(context.Background(), AccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/user/get", Safety: Idempotent}, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "timeout of 50ms")
	assert.EqualValues(t, 3, calls.Load(), "a timed-out read is retried")
	assert.Less(t, time.Since(start), 1500*time.Millisecond)
	assertNoSecret(t, err, logs.String(), secretToken)
}

// api.New never writes to the caller's *http.Client (resty would install a
// transport of its own in one without any).
func TestNewLeavesCallerHTTPClientAlone(t *testing.T) {
	hc := &http.Client{}
	c := New(wecom.NewOptions(wecom.WithHTTPClient(hc)))
	require.NotNil(t, c)
	assert.Nil(t, hc.Transport)
}

// An Options not built by NewOptions still gives a working client.
func TestNewWithZeroOptions(t *testing.T) {
	c, _, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"errcode":0,"v":1}`))
	}))
	zero := New(wecom.Options{BaseURL: c.baseURL})
	var out struct{ V int }
	require.NoError(t, zero.Do(context.Background(), nil, Request{Method: http.MethodGet, Path: "/x"}, &out))
	assert.Equal(t, 1, out.V)
	assert.Equal(t, wecom.DefaultTimeout, zero.timeout)
	assert.Equal(t, 3, zero.retry.MaxAttempts)
}

func TestTransient(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"system busy", &wecom.APIError{Code: -1}, true},
		{"rate limited", &wecom.APIError{Code: 45009}, true},
		{"concurrency limited", &wecom.APIError{Code: 45033}, true},
		{"permanent", &wecom.APIError{Code: 60111}, false},
		{"502", &statusError{code: 502}, true},
		{"429", &statusError{code: 429}, true},
		{"404", &statusError{code: 404}, false},
		{"network", &url.Error{Op: "Get", URL: "u", Err: errors.New("connection reset")}, true},
		{"bad URL", &url.Error{Op: "parse", URL: "u", Err: errors.New("invalid")}, false},
		{"caller cancelled", &url.Error{Op: "Get", URL: "u", Err: context.Canceled}, false},
		{"timeout", &timeoutError{limit: time.Second}, true},
		{"truncated answer", &readError{err: io.ErrUnexpectedEOF}, true},
		{"decode failure", fmt.Errorf("%w: decode", wecom.ErrUnexpectedResponse), false},
		{"local", errors.New("boom"), false},
	} {
		assert.Equal(t, tc.want, transient(tc.err), tc.name)
	}
}

func TestBackoffBounds(t *testing.T) {
	c := &Client{retry: wecom.RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}}
	for range 100 {
		d := c.backoff(1)
		assert.GreaterOrEqual(t, d, 50*time.Millisecond)
		assert.LessOrEqual(t, d, 100*time.Millisecond)
		d = c.backoff(3)
		assert.GreaterOrEqual(t, d, 200*time.Millisecond)
		assert.LessOrEqual(t, d, 400*time.Millisecond)
		for _, n := range []int{5, 40, 63, 64, 1000} {
			d = c.backoff(n)
			assert.GreaterOrEqual(t, d, 500*time.Millisecond, n)
			assert.LessOrEqual(t, d, time.Second, n)
		}
	}
}

func TestDoErrorsKeepMethodAndPath(t *testing.T) {
	c, mt, _ := newTestClient(t)
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x", httpmock.NewStringResponder(502, "<html>bad gateway</html>"))
	err := c.Do(context.Background(), nil, Request{Method: http.MethodGet, Path: "/cgi-bin/x"}, nil)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
	assert.True(t, strings.HasPrefix(err.Error(), "wecom: GET /cgi-bin/x: HTTP 502"), err.Error())
}

// A query written into Path is sent, but errors and logs show the path
// alone.
func TestDoQueryInPath(t *testing.T) {
	c, mt, logs := newTestClient(t)
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x", func(req *http.Request) (*http.Response, error) {
		q := req.URL.Query()
		assert.Equal(t, "u1", q.Get("userid"))
		assert.Equal(t, []string{"a", "b"}, q["tag"])
		assert.Equal(t, "TOKEN-1", q.Get("access_token"))
		return httpmock.NewStringResponse(200, `{"errcode":60111,"errmsg":"not found"}`), nil
	})
	req := Request{Method: http.MethodGet, Path: "/cgi-bin/x?userid=u1&tag=b&code=PRIVATE-CODE-1", Query: url.Values{"tag": {"a"}}}
	err := c.Do(context.Background(), AccessToken(&fakeSource{}), req, nil)
	var apiErr *wecom.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/cgi-bin/x", apiErr.Path)
	assertNoSecret(t, err, logs.String(), "PRIVATE-CODE-1", "userid=u1")
	assert.Equal(t, url.Values{"tag": {"a"}}, req.Query, "the caller's values are not modified")
}
