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
// For a table of typed methods, runAPICases runs each apiCase twice: once
// against reply (checking method, path, token, exact query, JSON body and
// the value returned) and once against errcode 60011 (checking the
// *wecom.APIError and that the value returned is empty).
//
// newTestClient's retry policy uses millisecond back-offs, so tests of
// transient failures (-1, 45009, 5xx) stay fast; pass options to override.
// Nothing here reaches the network: unregistered URLs fail the call.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
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

func (r *recorder) add(req *http.Request) error {
	rr := recordedRequest{Method: req.Method, Path: req.URL.Path, Query: req.URL.Query()}
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return err
		}
		if len(b) > 0 {
			rr.Body = b
		}
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, rr)
	r.mu.Unlock()
	return nil
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

// stubJSON registers, for method and path (e.g. "/cgi-bin/user/get", any
// query), a responder that records each request and answers reply as JSON
// with HTTP 200.
func stubJSON(t testing.TB, mt *httpmock.MockTransport, method, path, reply string) *recorder {
	t.Helper()
	rec := &recorder{}
	mt.RegisterResponder(method, testBaseURL+path, func(req *http.Request) (*http.Response, error) {
		if err := rec.add(req); err != nil {
			return nil, err
		}
		resp := httpmock.NewStringResponse(http.StatusOK, reply)
		resp.Header.Set("Content-Type", "application/json; charset=UTF-8")
		return resp, nil
	})
	return rec
}

// stubError registers, for method and path, a responder that records each
// request and answers errcode code.
func stubError(t testing.TB, mt *httpmock.MockTransport, method, path string, code int) *recorder {
	t.Helper()
	b, err := json.Marshal(map[string]any{"errcode": code, "errmsg": "test error"})
	require.NoError(t, err)
	return stubJSON(t, mt, method, path, string(b))
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

// apiCase is one typed method call for runAPICases.
type apiCase struct {
	name   string
	method string // http.MethodGet or http.MethodPost
	path   string // e.g. "/cgi-bin/user/get"
	reply  string // JSON answered on success
	// call invokes the method and returns its result (nil for methods
	// that return only an error).
	call func(ctx context.Context, c *Client) (any, error)
	// query is the exact query expected besides access_token (nil: none).
	query url.Values
	// body is the JSON body expected ("": no body).
	body string
	// want is the expected result of call.
	want any
}

// runAPICases runs every case as a subtest on success and on an errcode.
func runAPICases(t *testing.T, cases []apiCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubJSON(t, mt, tc.method, tc.path, tc.reply)
			got, err := tc.call(t.Context(), c)
			require.NoError(t, err)
			r := rec.last(t)
			assertCall(t, r, tc.method, tc.path)
			q := url.Values{}
			for k, v := range r.Query {
				if k != "access_token" {
					q[k] = v
				}
			}
			want := tc.query
			if want == nil {
				want = url.Values{}
			}
			assert.Equal(t, want, q, "query")
			if tc.body == "" {
				assert.Empty(t, r.Body, "request body")
			} else {
				assertJSONBody(t, r, tc.body)
			}
			assert.Equal(t, tc.want, got, "result")
		})
		t.Run(tc.name+"/errcode", func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubError(t, mt, tc.method, tc.path, 60011)
			got, err := tc.call(t.Context(), c)
			requireAPIError(t, err, 60011, tc.path)
			assert.Empty(t, got, "result on error")
			assert.Equal(t, 1, rec.count(), "an errcode 60011 is not retried")
		})
	}
}
