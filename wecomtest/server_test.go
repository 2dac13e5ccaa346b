package wecomtest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewServerListensOnLoopback(t *testing.T) {
	s := newTestServer(t)
	u, err := url.Parse(s.URL())
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1", u.Hostname())
}

func TestGetToken(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		name  string
		query url.Values
		code  int
	}{
		{"app secret", url.Values{"corpid": {DefaultCorpID}, "corpsecret": {DefaultSecret}}, 0},
		{"contacts secret", url.Values{"corpid": {DefaultCorpID}, "corpsecret": {DefaultContactsSecret}}, 0},
		{"missing corpid", url.Values{"corpsecret": {DefaultSecret}}, 41002},
		{"missing secret", url.Values{"corpid": {DefaultCorpID}}, 41004},
		{"unknown corp", url.Values{"corpid": {"wwnobody"}, "corpsecret": {DefaultSecret}}, 40013},
		{"wrong secret", url.Values{"corpid": {DefaultCorpID}, "corpsecret": {"nope"}}, 40001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := get(t, s, "/cgi-bin/gettoken", tt.query)
			require.Equal(t, tt.code, a.code(t))
			if tt.code == 0 {
				assert.Equal(t, "ok", a.str("errmsg"))
				assert.NotEmpty(t, a.str("access_token"))
				assert.InDelta(t, 7200, a["expires_in"], 1)
			} else {
				assert.NotContains(t, a, "access_token")
				assert.Contains(t, a.str("errmsg"), "more info at")
			}
		})
	}
}

func TestGetTokenReturnsTheLiveToken(t *testing.T) {
	s := newTestServer(t)
	first := accessToken(t, s, DefaultCorpID, DefaultSecret)
	assert.Equal(t, first, accessToken(t, s, DefaultCorpID, DefaultSecret))
	assert.NotEqual(t, first, accessToken(t, s, DefaultCorpID, DefaultContactsSecret))
}

func TestAccessTokenChecks(t *testing.T) {
	s := newTestServer(t)
	q := url.Values{"userid": {"zhangsan"}}

	assert.Equal(t, 41001, get(t, s, "/cgi-bin/user/get", q).code(t), "missing token")
	assert.Equal(t, 40014, get(t, s, "/cgi-bin/user/get", with(q, "access_token", "garbage")).code(t), "unknown token")

	old := accessToken(t, s, DefaultCorpID, DefaultSecret)
	assert.Equal(t, 0, get(t, s, "/cgi-bin/user/get", with(q, "access_token", old)).code(t))

	s.ExpireTokens()
	assert.Equal(t, 42001, get(t, s, "/cgi-bin/user/get", with(q, "access_token", old)).code(t), "expired token")

	fresh := accessToken(t, s, DefaultCorpID, DefaultSecret)
	assert.NotEqual(t, old, fresh)
	assert.Equal(t, 0, get(t, s, "/cgi-bin/user/get", with(q, "access_token", fresh)).code(t))
}

func TestTokenTTLWithClock(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	s := newTestServer(t, WithClock(clock), WithTokenTTL(time.Minute))

	a := get(t, s, "/cgi-bin/gettoken", url.Values{"corpid": {DefaultCorpID}, "corpsecret": {DefaultSecret}})
	require.Equal(t, 0, a.code(t))
	assert.InDelta(t, 60, a["expires_in"], 0)
	q := url.Values{"access_token": {a.str("access_token")}}

	advance(30 * time.Second)
	b := get(t, s, "/cgi-bin/gettoken", url.Values{"corpid": {DefaultCorpID}, "corpsecret": {DefaultSecret}})
	assert.Equal(t, a.str("access_token"), b.str("access_token"))
	assert.InDelta(t, 30, b["expires_in"], 0, "the remaining lifetime")

	advance(31 * time.Second)
	assert.Equal(t, 42001, get(t, s, "/cgi-bin/tag/list", q).code(t))
}

func TestUnknownPathAndWrongMethod(t *testing.T) {
	s := newTestServer(t)
	resp, err := s.Client().Get(s.URL() + "/cgi-bin/no/such/api")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Contains(t, string(body), `"errcode":404`)

	a := post(t, s, "/cgi-bin/user/get", appToken(t, s), `{}`)
	assert.Equal(t, 40058, a.code(t), "POST to a GET endpoint")
	a = get(t, s, "/cgi-bin/user/create", appToken(t, s))
	assert.Equal(t, 40058, a.code(t), "GET to a POST endpoint")
}

func TestFailNext(t *testing.T) {
	s := newTestServer(t)
	q := with(appToken(t, s), "userid", "zhangsan")
	s.FailNext("/cgi-bin/user/get", 45009, "api freq out of limit")
	s.FailNext("cgi-bin/user/get", 40014, "")

	a := get(t, s, "/cgi-bin/user/get", q)
	assert.Equal(t, 45009, a.code(t))
	assert.Equal(t, "api freq out of limit", a.str("errmsg"))
	a = get(t, s, "/cgi-bin/user/get", q)
	assert.Equal(t, 40014, a.code(t), "queued in order")
	a = get(t, s, "/cgi-bin/user/get", q)
	assert.Equal(t, 0, a.code(t), "back to normal")
	assert.Equal(t, "zhangsan", a.str("userid"))

	assert.Equal(t, 3, s.Calls("/cgi-bin/user/get"))
	assert.Equal(t, 1, s.Calls("/cgi-bin/gettoken"))
	assert.Equal(t, 0, s.Calls("/cgi-bin/user/list"))
}

func TestFailNextAppliesBeforeCredentials(t *testing.T) {
	s := newTestServer(t)
	s.FailNext("/cgi-bin/gettoken", -1, "system busy")
	a := get(t, s, "/cgi-bin/gettoken", url.Values{"corpid": {DefaultCorpID}, "corpsecret": {DefaultSecret}})
	assert.Equal(t, -1, a.code(t))
	accessToken(t, s, DefaultCorpID, DefaultSecret)
}

func TestFailNextStatus(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	s.FailNextStatus("/cgi-bin/tag/list", http.StatusBadGateway)
	resp, err := s.Client().Get(s.URL() + "/cgi-bin/tag/list?" + q.Encode())
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode)
	assert.False(t, json.Valid(body), "a proxy error page, not JSON")
	assert.Equal(t, 0, get(t, s, "/cgi-bin/tag/list", q).code(t))
}

func TestSetLatency(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)

	s.SetLatency(150 * time.Millisecond)
	start := time.Now()
	assert.Equal(t, 0, get(t, s, "/cgi-bin/tag/list", q).code(t))
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)

	s.SetLatency(time.Hour)
	s.mu.Lock()
	assert.Equal(t, MaxLatency, s.latency, "bounded")
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"/cgi-bin/tag/list?"+q.Encode(), nil)
	require.NoError(t, err)
	_, err = s.Client().Do(req)
	require.ErrorIs(t, err, context.DeadlineExceeded)

	s.SetLatency(0)
	start = time.Now()
	assert.Equal(t, 0, get(t, s, "/cgi-bin/tag/list", q).code(t))
	assert.Less(t, time.Since(start), 100*time.Millisecond)
}

// TestMalformedInputNeverBreaksTheServer sends garbage to every JSON
// endpoint with a valid credential: each must answer a JSON errcode.
func TestMalformedInputNeverBreaksTheServer(t *testing.T) {
	s := newTestServer(t)
	creds := map[authKind]url.Values{
		authNone: {},
		authCorp: appToken(t, s),
	}
	s.IssueSuiteTicket(DefaultSuiteID)
	creds[authSuite] = url.Values{"suite_access_token": {suiteToken(t, s, DefaultSuiteID, DefaultSuiteSecret)}}
	creds[authProviderAsAccess] = url.Values{"access_token": {providerToken(t, s)}}

	bodies := []string{"", "{", "[]", "null", "123", `"x"`, `{"a":1}`, `{"userid":5,"tagid":"x","msgtype":7}`,
		`{"department":"1","limit":-1,"agentid":"abc"}`, `{"cursor":"%%%","userlist":[1,2]}`, strings.Repeat("[", 10000)}
	queries := []url.Values{{}, {"userid": {"\x00"}, "id": {"-1"}, "department_id": {"x"}, "tagid": {"1e9"},
		"media_id": {"../../etc"}, "chatid": {"?"}, "code": {"x"}, "type": {"bogus"}, "external_userid": {"x"}}}
	for path, rt := range routes {
		if rt.page {
			continue
		}
		for _, q := range queries {
			query := with(creds[rt.auth])
			for k, v := range q {
				query[k] = v
			}
			if rt.method == http.MethodGet {
				a := get(t, s, path, query)
				a.code(t)
				continue
			}
			for _, b := range bodies {
				a := post(t, s, path, query, b)
				code := a.code(t)
				if b == "" || b == "{" || b == "[]" {
					assert.NotEqual(t, 0, code, "%s with %q", path, b)
				}
			}
		}
	}
	// Still serving.
	assert.Equal(t, 0, get(t, s, "/cgi-bin/user/get", with(creds[authCorp], "userid", "lisi")).code(t))
}

func TestOversizedBody(t *testing.T) {
	s := newTestServer(t)
	big := `{"useridlist":["` + strings.Repeat("a", maxJSONBody) + `"]}`
	a := post(t, s, "/cgi-bin/user/batchdelete", appToken(t, s), big)
	assert.Equal(t, 40058, a.code(t))
}

func TestPagesRejectGarbage(t *testing.T) {
	s := newTestServer(t)
	queries := []url.Values{
		{},
		{"appid": {"\x00"}, "redirect_uri": {"%%%"}, "state": {strings.Repeat("s", 200)}},
		{"appid": {DefaultCorpID}, "redirect_uri": {"https://ok.example.com/"}, "agentid": {"-5"}, "login_type": {"CorpApp"}},
		{"suite_id": {DefaultSuiteID}, "pre_auth_code": {""}, "redirect_uri": {"https://ok.example.com/"}},
	}
	for path, rt := range routes {
		if !rt.page {
			continue
		}
		for _, q := range queries {
			assert.Equal(t, http.StatusBadRequest, pageStatus(t, s, path, q), "%s?%s", path, q.Encode())
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	s := newTestServer(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 10 {
				q := url.Values{"corpid": {DefaultCorpID}, "corpsecret": {DefaultSecret}}
				resp, err := s.Client().Get(s.URL() + "/cgi-bin/gettoken?" + q.Encode())
				if !assert.NoError(t, err) {
					return
				}
				var tok struct {
					AccessToken string `json:"access_token"`
				}
				assert.NoError(t, json.NewDecoder(resp.Body).Decode(&tok))
				resp.Body.Close()
				body := strings.NewReader(`{"touser":"lisi","msgtype":"text","agentid":1000002,"text":{"content":"hi"}}`)
				resp, err = s.Client().Post(s.URL()+"/cgi-bin/message/send?access_token="+tok.AccessToken, "application/json", body)
				if assert.NoError(t, err) {
					resp.Body.Close()
				}
				if i == 0 {
					s.ExpireTokens()
				}
				_ = s.Sent()
				_ = s.Calls("/cgi-bin/message/send")
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 80, s.Calls("/cgi-bin/message/send"))
	assert.LessOrEqual(t, len(s.Sent()), 80)
	assert.NotEmpty(t, s.Sent())
}
