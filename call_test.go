package wecom_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/work"
)

func TestNewCallOptions(t *testing.T) {
	assert.Equal(t, wecom.CallOptions{}, wecom.NewCallOptions())
	assert.Equal(t, wecom.CallOptions{}, wecom.NewCallOptions(nil))
	assert.Equal(t, wecom.CallOptions{Idempotent: true}, wecom.NewCallOptions(nil, wecom.Idempotent()))
}

// failing is a transport that fails every call but gettoken in one way and
// counts the calls per path.
type failing struct {
	mode  string // "500", "reset", "-1", "45009"
	mu    sync.Mutex
	calls map[string]int
}

func (f *failing) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	answer := func(status int, body string) *http.Response {
		return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), Request: r}
	}
	if strings.HasSuffix(r.URL.Path, "/gettoken") {
		return answer(200, `{"errcode":0,"access_token":"TOKEN-1","expires_in":7200}`), nil
	}
	if r.URL.Path == "/cgi-bin/service/get_provider_token" {
		return answer(200, `{"errcode":0,"provider_access_token":"PTOKEN-1","expires_in":7200}`), nil
	}
	if r.URL.Path == "/cgi-bin/service/get_suite_token" {
		return answer(200, `{"errcode":0,"suite_access_token":"STOKEN-1","expires_in":7200}`), nil
	}
	f.mu.Lock()
	f.calls[r.URL.Path]++
	f.mu.Unlock()
	switch f.mode {
	case "500":
		return answer(500, "<html>internal error</html>"), nil
	case "reset":
		return nil, errors.New("read tcp: connection reset by peer")
	case "-1":
		return answer(200, `{"errcode":-1,"errmsg":"system busy"}`), nil
	}
	return answer(200, `{"errcode":45009,"errmsg":"api freq out of limit"}`), nil
}

func (f *failing) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[path]
}

var fastRetry = wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond})

// No delivery is repeated through a raw Do, even one marked Idempotent,
// after a 500, a reset connection, -1 or 45009.
func TestRawDoNeverRepeatsADelivery(t *testing.T) {
	paths := []string{
		"/cgi-bin/message/send", "/cgi-bin/appchat/send", "/cgi-bin/linkedcorp/message/send",
		"/cgi-bin/externalcontact/send_welcome_msg", "/cgi-bin/externalcontact/add_msg_template",
		"/cgi-bin/externalcontact/group_welcome_template/add", "/cgi-bin/externalcontact/message/send",
		"/cgi-bin/kf/send_msg", "/cgi-bin/kf/send_msg_on_event", "/cgi-bin/webhook/send", "/cgi-bin/aibot/response",
	}
	for _, mode := range []string{"500", "reset", "-1", "45009"} {
		f := &failing{mode: mode, calls: map[string]int{}}
		c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1, Secret: "SECRET-1"},
			wecom.WithHTTPClient(&http.Client{Transport: f}), fastRetry)
		require.NoError(t, err)
		p, err := openwork.New(openwork.Config{CorpID: "wwprovider", ProviderSecret: "PSECRET-1"},
			wecom.WithHTTPClient(&http.Client{Transport: f}), fastRetry)
		require.NoError(t, err)
		for _, path := range paths {
			assert.True(t, api.IsDelivery(path), path)
			in := map[string]any{"touser": "zhangsan", "msgtype": "text", "text": map[string]string{"content": "once"}}
			require.Error(t, c.Do(t.Context(), http.MethodPost, path, in, nil), "%s %s", mode, path)
			require.Error(t, c.Do(t.Context(), http.MethodPost, path, in, nil, wecom.Idempotent()), "%s %s", mode, path)
			require.Error(t, p.Do(t.Context(), http.MethodPost, path+"?debug=1", in, nil, wecom.Idempotent()), "%s %s", mode, path)
			assert.Equal(t, 3, f.count(path), "%s: %s sent once per call", mode, path)
		}
	}
}

// A raw call is sent once by default, and repeated when marked Idempotent.
func TestRawDoRetriesOnlyWhenMarkedIdempotent(t *testing.T) {
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		f := &failing{mode: "-1", calls: map[string]int{}}
		c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1, Secret: "SECRET-1"},
			wecom.WithHTTPClient(&http.Client{Transport: f}), fastRetry)
		require.NoError(t, err)
		require.Error(t, c.Do(t.Context(), method, "/cgi-bin/tag/addtagusers", nil, nil))
		assert.Equal(t, 1, f.count("/cgi-bin/tag/addtagusers"), "%s: sent once by default", method)
		require.Error(t, c.Do(t.Context(), method, "/cgi-bin/tag/deltagusers", nil, nil, wecom.Idempotent()))
		assert.Equal(t, 5, f.count("/cgi-bin/tag/deltagusers"), "%s: retried when marked idempotent", method)
	}
}

// A GET that changes state is not replayed by net/http when the server
// acts and then drops the reused connection; an idempotent one may be.
func TestStateChangingGETsAreNotReplayed(t *testing.T) {
	var mu sync.Mutex
	counts, dropped := map[string]int{}, map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		counts[r.URL.Path]++
		drop := r.URL.Path != "/cgi-bin/gettoken" && r.URL.Path != "/cgi-bin/warm" && !dropped[r.URL.Path]
		dropped[r.URL.Path] = true
		mu.Unlock()
		if drop {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
			return
		}
		_, _ = w.Write([]byte(`{"errcode":0,"access_token":"TOKEN-1","expires_in":7200}`))
	}))
	t.Cleanup(srv.Close)
	count := func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		return counts[path]
	}
	c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1, Secret: "SECRET-1"},
		wecom.WithBaseURL(srv.URL), wecom.WithHTTPClient(&http.Client{Transport: &http.Transport{}}),
		wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 1}))
	require.NoError(t, err)
	ctx := context.Background()
	// Each call below reuses the connection gettoken (or the call before)
	// left open.
	_, err = c.AccessToken(ctx)
	require.NoError(t, err)
	require.Error(t, c.User.Delete(ctx, "zhangsan"))
	assert.Equal(t, 1, count("/cgi-bin/user/delete"), "User.Delete reached the server once")
	require.NoError(t, c.Do(ctx, http.MethodGet, "/cgi-bin/warm", nil, nil, wecom.Idempotent()))
	require.Error(t, c.Do(ctx, http.MethodGet, "/cgi-bin/department/delete?id=2", nil, nil))
	assert.Equal(t, 1, count("/cgi-bin/department/delete"), "a raw GET reached the server once")
	require.NoError(t, c.Do(ctx, http.MethodGet, "/cgi-bin/warm", nil, nil, wecom.Idempotent()))
	require.NoError(t, c.Do(ctx, http.MethodGet, "/cgi-bin/user/get?userid=u", nil, nil, wecom.Idempotent()))
	assert.Equal(t, 2, count("/cgi-bin/user/get"), "an idempotent GET was replayed on a new connection")
}

// A typed set-style write is retried without any opt-in.
func TestTypedSetStyleWriteIsRetried(t *testing.T) {
	f := &failing{mode: "-1", calls: map[string]int{}}
	p, err := openwork.New(openwork.Config{CorpID: "wwprovider", ProviderSecret: "PSECRET-1"},
		wecom.WithHTTPClient(&http.Client{Transport: f}), fastRetry)
	require.NoError(t, err)
	s, err := p.Suite(openwork.SuiteConfig{SuiteID: "wwsuite", SuiteSecret: "SSECRET-1"})
	require.NoError(t, err)
	require.NoError(t, s.SetTicket(t.Context(), "TICKET-1"))
	require.Error(t, s.SetSessionInfo(t.Context(), openwork.SessionInfoRequest{PreAuthCode: "PRE-AUTH-CODE", AuthType: openwork.AuthTypeTest}))
	assert.Equal(t, 5, f.count("/cgi-bin/service/set_session_info"), "set_session_info is idempotent")
}
