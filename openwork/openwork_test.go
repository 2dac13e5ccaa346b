package openwork

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
)

const base = "https://qyapi.weixin.qq.com"

// fake is a scripted WeCom for the provider endpoints.
type fake struct {
	t     *testing.T
	mt    *httpmock.MockTransport
	mu    sync.Mutex
	calls map[string]int
}

func newFake(t *testing.T) *fake {
	f := &fake{t: t, mt: httpmock.NewMockTransport(), calls: map[string]int{}}
	return f
}

func (f *fake) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[path]
}

// on registers a responder for path that records the call and lets check
// inspect the query and the decoded JSON body.
func (f *fake) on(method, path string, respond func(q url.Values, body map[string]any) any) {
	f.mt.RegisterResponder(method, base+path, func(req *http.Request) (*http.Response, error) {
		f.mu.Lock()
		f.calls[path]++
		f.mu.Unlock()
		var body map[string]any
		if req.Body != nil {
			raw, _ := io.ReadAll(req.Body)
			if len(raw) > 0 {
				require.NoError(f.t, json.Unmarshal(raw, &body), path)
			}
		}
		out := respond(req.URL.Query(), body)
		return httpmock.NewJsonResponse(200, out)
	})
}

func (f *fake) options(cache token.Cache) []wecom.Option {
	return []wecom.Option{
		wecom.WithHTTPClient(&http.Client{Transport: f.mt}),
		wecom.WithCache(cache),
	}
}

func newSuite(t *testing.T, f *fake, cache token.Cache, customized bool) *Suite {
	t.Helper()
	p, err := New(Config{CorpID: "wwprovider", ProviderSecret: "PROVIDER-SECRET"}, f.options(cache)...)
	require.NoError(t, err)
	s, err := p.Suite(SuiteConfig{SuiteID: "wwsuite1", SuiteSecret: "SUITE-SECRET", Customized: customized})
	require.NoError(t, err)
	return s
}

func suiteTokenResponder(f *fake, tokens ...string) {
	n := atomic.Int64{}
	f.on(http.MethodPost, "/cgi-bin/service/get_suite_token", func(_ url.Values, body map[string]any) any {
		assert.Equal(f.t, "wwsuite1", body["suite_id"])
		assert.Equal(f.t, "SUITE-SECRET", body["suite_secret"])
		assert.Equal(f.t, "TICKET-1", body["suite_ticket"], "the stored ticket is used")
		i := min(int(n.Add(1)), len(tokens)) - 1
		return map[string]any{"suite_access_token": tokens[i], "expires_in": 7200}
	})
}

func TestSuiteTokenWithoutTicketFailsWithoutNetwork(t *testing.T) {
	f := newFake(t)
	// A registered get_suite_token, so that a call would be counted
	// rather than fail on a missing responder.
	suiteTokenResponder(f, "SUITE-TOKEN-1")
	s := newSuite(t, f, token.NewMemoryCache(), false)
	_, err := s.AccessToken(context.Background())
	require.ErrorIs(t, err, ErrNoSuiteTicket)
	assert.Contains(t, err.Error(), "wait for the next push")
	assert.Zero(t, f.mt.GetTotalCallCount(), "no network call")
	_, err = s.Ticket(context.Background())
	require.ErrorIs(t, err, ErrNoSuiteTicket)
}

func TestSuiteTokenUsesStoredTicket(t *testing.T) {
	f := newFake(t)
	cache := token.NewMemoryCache()
	s := newSuite(t, f, cache, false)
	suiteTokenResponder(f, "SUITE-TOKEN-1")
	ctx := context.Background()

	require.NoError(t, s.SetTicket(ctx, "TICKET-1"))
	stored, err := cache.Get(ctx, "wecom:suite_ticket:wwsuite1")
	require.NoError(t, err)
	assert.Equal(t, "TICKET-1", stored)

	tok, err := s.AccessToken(ctx)
	require.NoError(t, err)
	assert.Equal(t, "SUITE-TOKEN-1", tok)
	tok, err = s.AccessToken(ctx)
	require.NoError(t, err)
	assert.Equal(t, "SUITE-TOKEN-1", tok)
	assert.Equal(t, 1, f.count("/cgi-bin/service/get_suite_token"))

	require.Error(t, s.SetTicket(ctx, ""), "an empty ticket is refused")
}

func TestSuiteTicketRejected(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, token.NewMemoryCache(), false)
	f.on(http.MethodPost, "/cgi-bin/service/get_suite_token", func(url.Values, map[string]any) any {
		return map[string]any{"errcode": 40085, "errmsg": "invalid suite_ticket"}
	})
	require.NoError(t, s.SetTicket(context.Background(), "TICKET-1"))
	_, err := s.AccessToken(context.Background())
	require.ErrorIs(t, err, ErrSuiteTicketInvalid)
	assert.Equal(t, 40085, wecom.ErrCode(err))
	assert.NotContains(t, err.Error(), "TICKET-1")
	assert.NotContains(t, err.Error(), "SUITE-SECRET")
}

func TestSuiteTokenExpiredRefreshesOnceWithCurrentTicket(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, token.NewMemoryCache(), false)
	suiteTokenResponder(f, "SUITE-TOKEN-1", "SUITE-TOKEN-2")
	var seen []string
	f.on(http.MethodGet, "/cgi-bin/service/get_pre_auth_code", func(q url.Values, _ map[string]any) any {
		seen = append(seen, q.Get("suite_access_token"))
		if len(seen) == 1 {
			return map[string]any{"errcode": 42009, "errmsg": "suite_access_token expired"}
		}
		return map[string]any{"pre_auth_code": "PRE", "expires_in": 1200}
	})
	require.NoError(t, s.SetTicket(context.Background(), "TICKET-1"))
	pre, err := s.PreAuthCode(context.Background())
	require.NoError(t, err)
	assert.Equal(t, &PreAuthCode{Code: "PRE", ExpiresIn: 1200}, pre)
	assert.Equal(t, []string{"SUITE-TOKEN-1", "SUITE-TOKEN-2"}, seen, "one refresh, one retry")
	assert.Equal(t, 2, f.count("/cgi-bin/service/get_suite_token"))
}

func TestInstallURL(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, token.NewMemoryCache(), false)
	suiteTokenResponder(f, "SUITE-TOKEN-1")
	f.on(http.MethodGet, "/cgi-bin/service/get_pre_auth_code", func(url.Values, map[string]any) any {
		return map[string]any{"pre_auth_code": "PRE/1+", "expires_in": 1200}
	})
	var session map[string]any
	f.on(http.MethodPost, "/cgi-bin/service/set_session_info", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "SUITE-TOKEN-1", q.Get("suite_access_token"))
		session = body
		return map[string]any{"errcode": 0}
	})
	ctx := context.Background()
	require.NoError(t, s.SetTicket(ctx, "TICKET-1"))

	u, err := s.InstallURL(ctx, "https://app.example.com/installed?from=web", "st4te")
	require.NoError(t, err)
	assert.Equal(t, "https://open.work.weixin.qq.com/3rdapp/install?suite_id=wwsuite1&pre_auth_code=PRE%2F1%2B"+
		"&redirect_uri=https%3A%2F%2Fapp.example.com%2Finstalled%3Ffrom%3Dweb&state=st4te", u)
	assert.Nil(t, session, "no session info for a formal install")

	_, err = s.InstallURL(ctx, "https://app.example.com/i", "s", TestInstall())
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"pre_auth_code": "PRE/1+", "session_info": map[string]any{"auth_type": float64(1)}}, session)
}

func TestPermanentCodeAndAuthInfo(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, token.NewMemoryCache(), false)
	suiteTokenResponder(f, "SUITE-TOKEN-1")
	f.on(http.MethodPost, "/cgi-bin/service/get_permanent_code", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "SUITE-TOKEN-1", q.Get("suite_access_token"))
		assert.Equal(t, map[string]any{"auth_code": "AUTHCODE"}, body)
		return json.RawMessage(`{"access_token":"CORP-TOKEN","expires_in":7200,"permanent_code":"PERM-1",
			"auth_corp_info":{"corpid":"wwcorpA","corp_name":"A Corp","corp_type":"verified","subject_type":1,"corp_user_max":50},
			"auth_info":{"agent":[{"agentid":1000012,"name":"CRM","auth_mode":0,"is_customized_app":false,
				"privilege":{"level":1,"allow_party":[1,2],"allow_user":["zhangsan"],"allow_tag":[3],"extra_party":[],"extra_user":[],"extra_tag":[]}}]},
			"auth_user_info":{"userid":"admin","open_userid":"woAdmin","name":"Admin","avatar":"http://a"},
			"register_code_info":{"register_code":"RC","template_id":"TPL","state":"rs"},
			"state":"st4te"}`)
	})
	f.on(http.MethodPost, "/cgi-bin/service/v2/get_permanent_code", func(_ url.Values, body map[string]any) any {
		return json.RawMessage(`{"permanent_code":"PERM-2","auth_corp_info":{"corpid":"wwcorpB","corp_name":"B"},"state":"s2"}`)
	})
	f.on(http.MethodPost, "/cgi-bin/service/get_auth_info", func(_ url.Values, body map[string]any) any {
		assert.Equal(t, map[string]any{"auth_corpid": "wwcorpA", "permanent_code": "PERM-1"}, body)
		return json.RawMessage(`{"auth_corp_info":{"corpid":"wwcorpA","corp_name":"A Corp"},"auth_info":{"agent":[{"agentid":1000012,"name":"CRM"}]}}`)
	})
	f.on(http.MethodPost, "/cgi-bin/service/get_admin_list", func(_ url.Values, body map[string]any) any {
		assert.Equal(t, map[string]any{"auth_corpid": "wwcorpA", "agentid": float64(1000012)}, body)
		return json.RawMessage(`{"admin":[{"userid":"admin","open_userid":"woAdmin","auth_type":1}]}`)
	})
	ctx := context.Background()
	require.NoError(t, s.SetTicket(ctx, "TICKET-1"))

	a, err := s.PermanentCode(ctx, "AUTHCODE")
	require.NoError(t, err)
	assert.Equal(t, "PERM-1", a.PermanentCode)
	assert.Equal(t, "CORP-TOKEN", a.AccessToken)
	assert.Equal(t, "wwcorpA", a.AuthCorpInfo.CorpID)
	assert.Equal(t, 1, a.AuthCorpInfo.SubjectType)
	require.Len(t, a.AuthInfo.Agents, 1)
	assert.EqualValues(t, 1000012, a.AuthInfo.Agents[0].AgentID)
	assert.EqualValues(t, 1000012, a.AgentID())
	assert.Equal(t, []string{"zhangsan"}, a.AuthInfo.Agents[0].Privilege.AllowUser)
	assert.Equal(t, "woAdmin", a.AuthUserInfo.OpenUserID)
	assert.Equal(t, "TPL", a.RegisterCode.TemplateID)
	assert.Equal(t, "st4te", a.State)

	a2, err := s.PermanentCodeV2(ctx, "AUTHCODE2")
	require.NoError(t, err)
	assert.Equal(t, "PERM-2", a2.PermanentCode)
	assert.Equal(t, "wwcorpB", a2.AuthCorpInfo.CorpID)
	assert.Nil(t, a2.AuthInfo)
	assert.Zero(t, a2.AgentID(), "v2 answers carry no agent")

	info, err := s.AuthInfo(ctx, "wwcorpA", "PERM-1")
	require.NoError(t, err)
	assert.Equal(t, "CRM", info.AuthInfo.Agents[0].Name)

	admins, err := s.AdminList(ctx, "wwcorpA", 1000012)
	require.NoError(t, err)
	assert.Equal(t, []Admin{{UserID: "admin", OpenUserID: "woAdmin", AuthType: 1}}, admins)
}

func TestPermanentCodeIsNeverRepeated(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, token.NewMemoryCache(), false)
	suiteTokenResponder(f, "SUITE-TOKEN-1")
	f.on(http.MethodPost, "/cgi-bin/service/get_permanent_code", func(url.Values, map[string]any) any {
		return map[string]any{"errcode": -1, "errmsg": "system busy"}
	})
	ctx := context.Background()
	require.NoError(t, s.SetTicket(ctx, "TICKET-1"))
	_, err := s.PermanentCode(ctx, "AUTHCODE")
	assert.Equal(t, -1, wecom.ErrCode(err))
	assert.Equal(t, 1, f.count("/cgi-bin/service/get_permanent_code"), "an auth code is single use")
}

func TestProviderAPIs(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider", ProviderSecret: "PROVIDER-SECRET"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	f.on(http.MethodPost, "/cgi-bin/service/get_provider_token", func(_ url.Values, body map[string]any) any {
		assert.Equal(t, map[string]any{"corpid": "wwprovider", "provider_secret": "PROVIDER-SECRET"}, body)
		return map[string]any{"provider_access_token": "PTOKEN", "expires_in": 7200}
	})
	f.on(http.MethodPost, "/cgi-bin/service/corpid_to_opencorpid", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "PTOKEN", q.Get("provider_access_token"))
		assert.Equal(t, map[string]any{"corpid": "wwcorpA"}, body)
		return map[string]any{"open_corpid": "wpOPEN"}
	})
	f.on(http.MethodPost, "/cgi-bin/service/get_customized_auth_url", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "PTOKEN", q.Get("provider_access_token"))
		assert.Equal(t, map[string]any{"state": "s1", "templateid_list": []any{"tpl1", "tpl2"}}, body)
		return map[string]any{"qrcode_url": "https://open.work.weixin.qq.com/qr", "expires_in": 600}
	})
	f.on(http.MethodPost, "/cgi-bin/service/get_register_code", func(_ url.Values, body map[string]any) any {
		assert.Equal(t, map[string]any{"template_id": "tpl", "state": "s"}, body)
		return map[string]any{"register_code": "RCODE", "expires_in": 600}
	})
	ctx := context.Background()
	open, err := p.OpenCorpID(ctx, "wwcorpA")
	require.NoError(t, err)
	assert.Equal(t, "wpOPEN", open)
	u, err := p.CustomizedAuthURL(ctx, "s1", "tpl1", "tpl2")
	require.NoError(t, err)
	assert.Equal(t, &CustomizedAuthURL{QRCodeURL: "https://open.work.weixin.qq.com/qr", ExpiresIn: 600}, u)
	rc, err := p.RegisterCode(ctx, RegisterCodeRequest{TemplateID: "tpl", State: "s"})
	require.NoError(t, err)
	assert.Equal(t, "RCODE", rc.RegisterCode)
	assert.Equal(t, 1, f.count("/cgi-bin/service/get_provider_token"), "the provider token is cached")

	var out struct {
		OpenCorpID string `json:"open_corpid"`
	}
	require.NoError(t, p.Do(ctx, http.MethodPost, "/cgi-bin/service/corpid_to_opencorpid", map[string]string{"corpid": "wwcorpA"}, &out))
	assert.Equal(t, "wpOPEN", out.OpenCorpID)
}

func TestConfigErrors(t *testing.T) {
	_, err := New(Config{})
	require.ErrorIs(t, err, wecom.ErrConfig)
	p, err := New(Config{CorpID: "wwprovider"})
	require.NoError(t, err)
	_, err = p.Suite(SuiteConfig{SuiteID: "s"})
	require.ErrorIs(t, err, wecom.ErrConfig)
	_, err = p.AccessToken(context.Background())
	require.ErrorIs(t, err, wecom.ErrConfig, "no provider secret")
}

func TestLoginAndSuiteOAuth(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, token.NewMemoryCache(), false)
	suiteTokenResponder(f, "SUITE-TOKEN-1")
	f.on(http.MethodPost, "/cgi-bin/service/get_provider_token", func(url.Values, map[string]any) any {
		return map[string]any{"provider_access_token": "PTOKEN", "expires_in": 7200}
	})
	f.on(http.MethodPost, "/cgi-bin/service/get_login_info", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "PTOKEN", q.Get("access_token"), "the provider token goes as access_token")
		assert.Equal(t, map[string]any{"auth_code": "LOGIN-CODE"}, body)
		return json.RawMessage(`{"usertype":1,"user_info":{"userid":"boss","open_userid":"wo1","name":"Boss"},"corp_info":{"corpid":"wwA"}}`)
	})
	f.on(http.MethodGet, "/cgi-bin/service/auth/getuserinfo3rd", func(q url.Values, _ map[string]any) any {
		assert.Equal(t, "SUITE-TOKEN-1", q.Get("suite_access_token"))
		assert.Equal(t, "OAUTH-CODE", q.Get("code"))
		return map[string]any{"corpid": "wwA", "userid": "zhangsan", "open_userid": "wo2"}
	})
	ctx := context.Background()
	require.NoError(t, s.SetTicket(ctx, "TICKET-1"))

	info, err := s.Provider().LoginInfo(ctx, "LOGIN-CODE")
	require.NoError(t, err)
	assert.Equal(t, "boss", info.UserInfo.UserID)
	assert.Equal(t, "wwA", info.CorpInfo.CorpID)

	id, err := s.OAuth().UserFromCode(ctx, "OAUTH-CODE")
	require.NoError(t, err)
	assert.Equal(t, "wwA", id.CorpID)
	assert.Equal(t, "zhangsan", id.UserID)

	u, err := url.Parse(s.OAuth().WithRedirectURL("https://app.example.com/cb").AuthCodeURL("st"))
	require.NoError(t, err)
	assert.Equal(t, "wwsuite1", u.Query().Get("appid"))
	assert.Equal(t, "https://app.example.com/cb", u.Query().Get("redirect_uri"))
}
