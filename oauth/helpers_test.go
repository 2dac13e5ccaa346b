package oauth_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/token"
)

const (
	apiBase     = wecom.DefaultBaseURL
	testCorpID  = "wwcorp123"
	testAgentID = 1000002
	testToken   = "ACCESS-TOKEN-must-not-leak"
)

// staticToken is a token.Invalidator that always hands out one token.
type staticToken struct {
	tok         string
	invalidated atomic.Int32
}

func (s *staticToken) Token(context.Context) (string, error) { return s.tok, nil }

func (s *staticToken) Invalidate(context.Context, string) error {
	s.invalidated.Add(1)
	return nil
}

// seen records the requests a responder received.
type seen struct {
	mu   sync.Mutex
	reqs []*http.Request
	body [][]byte
}

func (s *seen) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

func (s *seen) last(t *testing.T) (*http.Request, []byte) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	require.NotEmpty(t, s.reqs, "no request reached the server")
	return s.reqs[len(s.reqs)-1], s.body[len(s.body)-1]
}

// stub registers a responder answering status and body, recording requests.
func stub(mt *httpmock.MockTransport, method, path string, status int, body string) *seen {
	s := &seen{}
	mt.RegisterResponder(method, apiBase+path, func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		s.mu.Lock()
		s.reqs = append(s.reqs, r)
		s.body = append(s.body, b)
		s.mu.Unlock()
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	return s
}

// testOptions sends HTTP to mt with millisecond back-offs, so that a test
// of a transient failure would see a retry quickly if one happened.
func testOptions(mt *httpmock.MockTransport, extra ...wecom.Option) []wecom.Option {
	return append([]wecom.Option{
		wecom.WithHTTPClient(&http.Client{Transport: mt}),
		wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}),
	}, extra...)
}

func requireJSONBody(t *testing.T, want string, got []byte) {
	t.Helper()
	var w, g any
	require.NoError(t, json.Unmarshal([]byte(want), &w))
	require.NoError(t, json.Unmarshal(got, &g), "body %q", got)
	require.Equal(t, w, g)
}

func requireAPIError(t *testing.T, err error, code int, path string) {
	t.Helper()
	var apiErr *wecom.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, code, apiErr.Code)
	require.Equal(t, path, apiErr.Path)
}

var errBoom = errorString("connection reset")

type errorString string

func (e errorString) Error() string { return string(e) }

func wecomCache(c token.Cache) wecom.Option { return wecom.WithCache(c) }

// mustNew builds a Client, failing t on a configuration error.
func mustNew(t testing.TB, cfg oauth.Config, tok token.Invalidator, opts ...wecom.Option) *oauth.Client {
	t.Helper()
	c, err := oauth.New(cfg, tok, opts...)
	require.NoError(t, err)
	return c
}

// mustSuite builds a SuiteClient, failing t on a configuration error.
func mustSuite(t testing.TB, cfg oauth.SuiteConfig, tok token.Invalidator, opts ...wecom.Option) *oauth.SuiteClient {
	t.Helper()
	c, err := oauth.NewSuite(cfg, tok, opts...)
	require.NoError(t, err)
	return c
}

// mustProvider builds a ProviderClient, failing t on a configuration error.
func mustProvider(t testing.TB, cfg oauth.ProviderConfig, tok token.Invalidator, opts ...wecom.Option) *oauth.ProviderClient {
	t.Helper()
	c, err := oauth.NewProvider(cfg, tok, opts...)
	require.NoError(t, err)
	return c
}
