package work

// Shared test helpers of package work. Every test file of the package may use
// them; their names and signatures are stable.
//
//	c, mt := newTestClient(t)            // Client on an httpmock transport; gettoken answers "TOKEN"
//	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/user/create", `{"errcode":0}`)
//	err := c.User.Create(ctx, u)
//	r := rec.last(t)                     // the request as the server saw it
//	assertCall(t, r, http.MethodPost, "/cgi-bin/user/create") // method, path, access_token=TOKEN
//	assertJSONBody(t, r, `{"userid":"zhangsan"}`)             // compares decoded JSON
//	decodeBody(t, r, &v)                 // or decode the body yourself
//	stubError(t, mt, http.MethodGet, "/cgi-bin/user/get", 60111)
//	requireAPIError(t, err, 60111, "/cgi-bin/user/get")       // *wecom.APIError with Code and Path
//	tokenCalls(mt)                       // how many times gettoken was called
//
// Stubs with more than one answer: stubFunc (an answer computed per
// request), stubSequence (answers in turn), stubPages (an answer per
// cursor), stubResponder (any *http.Response).
//
// Tables of typed methods go through runAPICases and, for their iterators,
// runIterCases (apicase_test.go).
//
// newTestClient's retry policy uses millisecond back-offs, so tests of
// transient failures (-1, 45009, 5xx) stay fast; pass options to override.
// Nothing here reaches the network: unregistered URLs fail the call.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

// Fixed values of the test client.
const (
	testBaseURL = wecom.DefaultBaseURL // responders are registered under it
	testCorpID  = "wwtestcorp"
	testAgentID = 1000002
	testSecret  = "TEST-SECRET-do-not-log"
	testToken   = "TOKEN" // the access token gettoken answers
)

// newTestClient returns a Client (corp testCorpID, agent testAgentID, secret
// testSecret) whose HTTP goes to a fresh httpmock transport on which a
// gettoken responder answers testToken. opts are applied after the test
// defaults (HTTP client, fast retry policy), so they can override them.
func newTestClient(t testing.TB, opts ...wecom.Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/cgi-bin/gettoken",
		httpmock.NewStringResponder(http.StatusOK,
			`{"errcode":0,"errmsg":"ok","access_token":"`+testToken+`","expires_in":7200}`))
	all := append([]wecom.Option{
		wecom.WithHTTPClient(&http.Client{Transport: mt}),
		wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}),
	}, opts...)
	c, err := New(Config{CorpID: testCorpID, AgentID: testAgentID, Secret: testSecret}, all...)
	require.NoError(t, err)
	return c, mt
}

// fixedToken is a token source that always hands out the same token, for
// clients built with NewWithTokenSource.
type fixedToken string

func (s fixedToken) Token(context.Context) (string, error)    { return string(s), nil }
func (s fixedToken) Invalidate(context.Context, string) error { return nil }

// tokenCalls returns how many times mt's gettoken responder was called.
func tokenCalls(mt *httpmock.MockTransport) int {
	return mt.GetCallCountInfo()[http.MethodGet+" "+testBaseURL+"/cgi-bin/gettoken"]
}

// recordedRequest is one request as a stub saw it.
type recordedRequest struct {
	Method string
	Path   string
	Query  url.Values
	Body   []byte // nil when the request had none
}

// recorder keeps the requests a stub received; safe for concurrent use.
type recorder struct {
	mu   sync.Mutex
	reqs []recordedRequest
}

// add records req and returns it as recorded, with its number (from 1).
func (r *recorder) add(req *http.Request) (recordedRequest, int, error) {
	rr := recordedRequest{Method: req.Method, Path: req.URL.Path, Query: req.URL.Query()}
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return rr, 0, err
		}
		if len(b) > 0 {
			rr.Body = b
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, rr)
	return rr, len(r.reqs), nil
}

// count returns how many requests were recorded.
func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// all returns a copy of the recorded requests, oldest first.
func (r *recorder) all() []recordedRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recordedRequest(nil), r.reqs...)
}

// last returns the latest recorded request; the test fails if there is none.
func (r *recorder) last(t testing.TB) recordedRequest {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	require.NotEmpty(t, r.reqs, "no request reached the stub")
	return r.reqs[len(r.reqs)-1]
}

// stubResponder registers, for method and path (e.g. "/cgi-bin/user/get",
// any query), a responder that records each request and answers what
// respond returns for it; n numbers the requests from 1.
func stubResponder(t testing.TB, mt *httpmock.MockTransport, method, path string, respond func(n int, r recordedRequest) *http.Response) *recorder {
	t.Helper()
	rec := &recorder{}
	mt.RegisterResponder(method, testBaseURL+path, func(req *http.Request) (*http.Response, error) {
		r, n, err := rec.add(req)
		if err != nil {
			return nil, err
		}
		return respond(n, r), nil
	})
	return rec
}

// stubFunc is stubResponder for JSON answers with HTTP 200: reply returns
// the answer to the n-th request r.
func stubFunc(t testing.TB, mt *httpmock.MockTransport, method, path string, reply func(n int, r recordedRequest) string) *recorder {
	t.Helper()
	return stubResponder(t, mt, method, path, func(n int, r recordedRequest) *http.Response {
		resp := httpmock.NewStringResponse(http.StatusOK, reply(n, r))
		resp.Header.Set("Content-Type", "application/json; charset=UTF-8")
		return resp
	})
}

// stubJSON registers, for method and path, a responder that records each
// request and answers reply as JSON with HTTP 200.
func stubJSON(t testing.TB, mt *httpmock.MockTransport, method, path, reply string) *recorder {
	t.Helper()
	return stubFunc(t, mt, method, path, func(int, recordedRequest) string { return reply })
}

// stubError registers, for method and path, a responder that records each
// request and answers errcode code.
func stubError(t testing.TB, mt *httpmock.MockTransport, method, path string, code int) *recorder {
	t.Helper()
	return stubJSON(t, mt, method, path, errcodeJSON(code))
}

// errcodeJSON is an answer of WeCom with errcode code.
func errcodeJSON(code int) string {
	return fmt.Sprintf(`{"errcode":%d,"errmsg":"test error"}`, code)
}

// stubSequence answers the requests to method and path with replies in
// order, repeating the last one.
func stubSequence(t testing.TB, mt *httpmock.MockTransport, method, path string, replies ...string) *recorder {
	t.Helper()
	require.NotEmpty(t, replies)
	return stubFunc(t, mt, method, path, func(n int, _ recordedRequest) string {
		return replies[min(n, len(replies))-1]
	})
}

// stubPages answers the requests to method and path with pages[cursor],
// the cursor being the request's cursorKey (see cursorOf). An unknown
// cursor gets errcode 40058, so that the test sees it.
func stubPages(t testing.TB, mt *httpmock.MockTransport, method, path, cursorKey string, pages map[string]string) *recorder {
	t.Helper()
	return stubFunc(t, mt, method, path, func(_ int, r recordedRequest) string {
		if reply, ok := pages[cursorOf(r, cursorKey)]; ok {
			return reply
		}
		return `{"errcode":40058,"errmsg":"unexpected cursor"}`
	})
}

// cursorOf returns the cursor a page request carries: the query parameter
// key of a GET, the string field key of a POST's JSON body.
func cursorOf(r recordedRequest, key string) string {
	if r.Method == http.MethodGet {
		return r.Query.Get(key)
	}
	var body map[string]any
	_ = json.Unmarshal(r.Body, &body)
	cursor, _ := body[key].(string)
	return cursor
}

// assertCall checks a request's method, path and access_token (testToken).
func assertCall(t testing.TB, r recordedRequest, method, path string) {
	t.Helper()
	assert.Equal(t, method, r.Method, "method")
	assert.Equal(t, path, r.Path, "path")
	assert.Equal(t, testToken, r.Query.Get("access_token"), "access_token in the query")
}

// assertJSONBody checks that the request's body is the JSON want, compared
// as decoded values (key order and spacing do not matter).
func assertJSONBody(t testing.TB, r recordedRequest, want string) {
	t.Helper()
	require.NotNil(t, r.Body, "request has no body")
	assert.JSONEq(t, want, string(r.Body), "request body")
}

// decodeBody decodes the request's JSON body into v.
func decodeBody(t testing.TB, r recordedRequest, v any) {
	t.Helper()
	require.NotNil(t, r.Body, "request has no body")
	require.NoError(t, json.Unmarshal(r.Body, v), "request body is not JSON: %s", r.Body)
}

// assertQuery checks the request's query besides access_token and the
// keys skipped; nil want means none.
func assertQuery(t testing.TB, r recordedRequest, want url.Values, skip ...string) {
	t.Helper()
	got := url.Values{}
	for k, v := range r.Query {
		if k != "access_token" && !slices.Contains(skip, k) {
			got[k] = v
		}
	}
	if want == nil {
		want = url.Values{}
	}
	assert.Equal(t, want, got, "query")
}

// requireAPIError checks that err is (or wraps) a *wecom.APIError with the
// given code and path.
func requireAPIError(t testing.TB, err error, code int, path string) *wecom.APIError {
	t.Helper()
	require.Error(t, err)
	var apiErr *wecom.APIError
	require.True(t, errors.As(err, &apiErr), "want *wecom.APIError, got %T: %v", err, err)
	assert.Equal(t, code, apiErr.Code, "errcode")
	assert.Equal(t, path, apiErr.Path, "error path")
	return apiErr
}

// assertNoResult checks that a failed call returned nothing: nil for a
// pointer, a slice or a map, the zero value otherwise.
func assertNoResult(t testing.TB, got any) {
	t.Helper()
	switch reflect.ValueOf(got).Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		assert.Nil(t, got, "result on error")
	default:
		assert.Empty(t, got, "result on error")
	}
}
