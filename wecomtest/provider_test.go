package wecomtest

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// suiteToken gets a suite token with the suite's current ticket.
func suiteToken(t *testing.T, s *Server, suiteID, secret string) string {
	t.Helper()
	a := post(t, s, "/cgi-bin/service/get_suite_token", nil, map[string]any{
		"suite_id": suiteID, "suite_secret": secret, "suite_ticket": s.SuiteTicket(suiteID),
	})
	require.Equal(t, 0, a.code(t), "get_suite_token: %v", a)
	return a.str("suite_access_token")
}

// providerToken gets the default provider's token.
func providerToken(t *testing.T, s *Server) string {
	t.Helper()
	a := post(t, s, "/cgi-bin/service/get_provider_token", nil, map[string]any{
		"corpid": DefaultProviderCorpID, "provider_secret": DefaultProviderSecret,
	})
	require.Equal(t, 0, a.code(t), "get_provider_token: %v", a)
	return a.str("provider_access_token")
}

// follow requests a browser page and returns the Location of its 302.
func follow(t *testing.T, s *Server, path string, q url.Values) *url.URL {
	t.Helper()
	resp, err := noRedirect(s).Get(s.URL() + path + "?" + q.Encode())
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	return loc
}

// pageStatus requests a browser page and returns its status.
func pageStatus(t *testing.T, s *Server, path string, q url.Values) int {
	t.Helper()
	resp, err := noRedirect(s).Get(s.URL() + path + "?" + q.Encode())
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func TestProviderToken(t *testing.T) {
	s := newTestServer(t)
	tok := providerToken(t, s)
	assert.NotEmpty(t, tok)
	tests := []struct {
		name string
		body map[string]any
		code int
	}{
		{"wrong secret", map[string]any{"corpid": DefaultProviderCorpID, "provider_secret": "nope"}, 40001},
		{"unknown provider", map[string]any{"corpid": "wwnobody", "provider_secret": "x"}, 40013},
		{"missing corpid", map[string]any{"provider_secret": "x"}, 41002},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.code, post(t, s, "/cgi-bin/service/get_provider_token", nil, tt.body).code(t), tt.name)
	}
}

func TestSuiteTokenNeedsTheLatestTicket(t *testing.T) {
	s := newTestServer(t)
	body := func(ticket string) map[string]any {
		return map[string]any{"suite_id": DefaultSuiteID, "suite_secret": DefaultSuiteSecret, "suite_ticket": ticket}
	}
	old := s.IssueSuiteTicket(DefaultSuiteID)
	require.NotEmpty(t, old)
	latest := s.IssueSuiteTicket(DefaultSuiteID)
	assert.Equal(t, latest, s.SuiteTicket(DefaultSuiteID))

	assert.Equal(t, 40085, post(t, s, "/cgi-bin/service/get_suite_token", nil, body("made-up")).code(t))
	assert.Equal(t, 40085, post(t, s, "/cgi-bin/service/get_suite_token", nil, body(old)).code(t), "a replaced ticket")
	assert.Equal(t, 41023, post(t, s, "/cgi-bin/service/get_suite_token", nil, body("")).code(t))
	assert.Equal(t, 40083, post(t, s, "/cgi-bin/service/get_suite_token", nil,
		map[string]any{"suite_id": "wwnosuite", "suite_secret": "x", "suite_ticket": latest}).code(t))
	assert.Equal(t, 40001, post(t, s, "/cgi-bin/service/get_suite_token", nil,
		map[string]any{"suite_id": DefaultSuiteID, "suite_secret": "x", "suite_ticket": latest}).code(t))

	a := post(t, s, "/cgi-bin/service/get_suite_token", nil, body(latest))
	require.Equal(t, 0, a.code(t))
	assert.EqualValues(t, 7200, a["expires_in"])
	assert.Empty(t, s.IssueSuiteTicket("wwnosuite"))
}

func TestSuiteTokenChecks(t *testing.T) {
	s := newTestServer(t)
	assert.Equal(t, 41022, get(t, s, "/cgi-bin/service/get_pre_auth_code", nil).code(t))
	assert.Equal(t, 40082, get(t, s, "/cgi-bin/service/get_pre_auth_code", url.Values{"suite_access_token": {"x"}}).code(t))
	app := appToken(t, s)
	assert.Equal(t, 40082, get(t, s, "/cgi-bin/service/get_pre_auth_code",
		url.Values{"suite_access_token": app["access_token"]}).code(t), "an access token is not a suite token")

	s.IssueSuiteTicket(DefaultSuiteID)
	tok := suiteToken(t, s, DefaultSuiteID, DefaultSuiteSecret)
	s.ExpireTokens()
	assert.Equal(t, 42009, get(t, s, "/cgi-bin/service/get_pre_auth_code", url.Values{"suite_access_token": {tok}}).code(t))
}

func TestThirdPartyInstallFlow(t *testing.T) {
	s := newTestServer(t)

	// The ticket is pushed, the suite token fetched with it.
	s.IssueSuiteTicket(DefaultSuiteID)
	sq := url.Values{"suite_access_token": {suiteToken(t, s, DefaultSuiteID, DefaultSuiteSecret)}}

	a := get(t, s, "/cgi-bin/service/get_pre_auth_code", sq)
	require.Equal(t, 0, a.code(t))
	pre := a.str("pre_auth_code")
	assert.EqualValues(t, 1200, a["expires_in"])

	a = post(t, s, "/cgi-bin/service/set_session_info", sq, map[string]any{"pre_auth_code": pre, "session_info": map[string]any{"auth_type": 1}})
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, 40077, post(t, s, "/cgi-bin/service/set_session_info", sq,
		map[string]any{"pre_auth_code": "nope", "session_info": map[string]any{}}).code(t))

	// The admin installs the app from the provider's site.
	loc := follow(t, s, "/3rdapp/install", url.Values{
		"suite_id": {DefaultSuiteID}, "pre_auth_code": {pre},
		"redirect_uri": {"https://provider.example.com/installed?from=site"}, "state": {"st8"},
	})
	assert.Equal(t, "provider.example.com", loc.Host)
	assert.Equal(t, "/installed", loc.Path)
	assert.Equal(t, "site", loc.Query().Get("from"))
	assert.Equal(t, "600", loc.Query().Get("expires_in"))
	assert.Equal(t, "st8", loc.Query().Get("state"))
	authCode := loc.Query().Get("auth_code")
	require.NotEmpty(t, authCode)

	a = post(t, s, "/cgi-bin/service/get_permanent_code", sq, map[string]any{"auth_code": authCode})
	require.Equal(t, 0, a.code(t), "%v", a)
	permanent := a.str("permanent_code")
	require.NotEmpty(t, permanent)
	assert.Equal(t, "st8", a.str("state"))
	var corpInfo struct {
		CorpID   string `json:"corpid"`
		CorpName string `json:"corp_name"`
	}
	remarshal(t, a["auth_corp_info"], &corpInfo)
	assert.Equal(t, DefaultCorpID, corpInfo.CorpID)
	assert.Equal(t, DefaultCorpName, corpInfo.CorpName)
	var info struct {
		Agent []struct {
			AgentID    int64 `json:"agentid"`
			Customized bool  `json:"is_customized_app"`
		} `json:"agent"`
	}
	remarshal(t, a["auth_info"], &info)
	require.Len(t, info.Agent, 1)
	agentID := info.Agent[0].AgentID
	assert.False(t, info.Agent[0].Customized)
	var user map[string]string
	remarshal(t, a["auth_user_info"], &user)
	assert.Equal(t, DefaultUserID, user["userid"])

	// The corp token of get_permanent_code calls the corp APIs.
	corpQ := url.Values{"access_token": {a.str("access_token")}}
	assert.Equal(t, 0, get(t, s, "/cgi-bin/user/get", with(corpQ, "userid", "lisi")).code(t))
	assert.Equal(t, 0, post(t, s, "/cgi-bin/message/send", corpQ, map[string]any{
		"touser": "lisi", "msgtype": "text", "agentid": agentID, "text": map[string]any{"content": "installed"},
	}).code(t))

	assert.Equal(t, 40078, post(t, s, "/cgi-bin/service/get_permanent_code", sq, map[string]any{"auth_code": authCode}).code(t),
		"an auth code is single use")

	gotCode, gotAgent, ok := s.Authorization(DefaultSuiteID, DefaultCorpID)
	require.True(t, ok)
	assert.Equal(t, permanent, gotCode)
	assert.Equal(t, agentID, gotAgent)

	// Later: corp tokens from the permanent code.
	a = post(t, s, "/cgi-bin/service/get_corp_token", sq, map[string]any{"auth_corpid": DefaultCorpID, "permanent_code": permanent})
	assert.NotContains(t, a, "errcode", "get_corp_token answers success without errcode")
	assert.NotEmpty(t, a.str("access_token"))
	assert.Equal(t, 0, get(t, s, "/cgi-bin/tag/list", url.Values{"access_token": {a.str("access_token")}}).code(t))
	assert.Equal(t, 40084, post(t, s, "/cgi-bin/service/get_corp_token", sq,
		map[string]any{"auth_corpid": DefaultCorpID, "permanent_code": "wrong"}).code(t))

	a = post(t, s, "/cgi-bin/service/get_auth_info", sq, map[string]any{"auth_corpid": DefaultCorpID, "permanent_code": permanent})
	require.Equal(t, 0, a.code(t))
	remarshal(t, a["auth_info"], &info)
	assert.Equal(t, agentID, info.Agent[0].AgentID)

	a = post(t, s, "/cgi-bin/service/get_admin_list", sq, map[string]any{"auth_corpid": DefaultCorpID, "agentid": agentID})
	require.Equal(t, 0, a.code(t))
	assert.Len(t, a["admin"], 1)
}

func TestInstallPageErrors(t *testing.T) {
	s := newTestServer(t)
	s.IssueSuiteTicket(DefaultSuiteID)
	sq := url.Values{"suite_access_token": {suiteToken(t, s, DefaultSuiteID, DefaultSuiteSecret)}}
	pre := get(t, s, "/cgi-bin/service/get_pre_auth_code", sq).str("pre_auth_code")
	base := url.Values{"suite_id": {DefaultSuiteID}, "pre_auth_code": {pre}, "redirect_uri": {"https://p.example.com/cb"}}

	assert.Equal(t, http.StatusBadRequest, pageStatus(t, s, "/3rdapp/install", with(base, "suite_id", "wwnosuite")))
	assert.Equal(t, http.StatusBadRequest, pageStatus(t, s, "/3rdapp/install", with(base, "pre_auth_code", "nope")))
	assert.Equal(t, http.StatusBadRequest, pageStatus(t, s, "/3rdapp/install", with(base, "redirect_uri", "javascript:alert(1)")))
	assert.Equal(t, http.StatusFound, pageStatus(t, s, "/3rdapp/install", base))
}

func TestCustomizedAppFlow(t *testing.T) {
	s := newTestServer(t)
	s.IssueSuiteTicket(DefaultTemplateID)
	sq := url.Values{"suite_access_token": {suiteToken(t, s, DefaultTemplateID, DefaultTemplateSecret)}}

	code := s.IssueAuthCode(DefaultTemplateID, DefaultCorpID)
	require.NotEmpty(t, code)
	a := post(t, s, "/cgi-bin/service/v2/get_permanent_code", sq, map[string]any{"auth_code": code})
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.NotContains(t, a, "access_token", "v2 answers without a token")
	assert.NotContains(t, a, "auth_info")
	permanent := a.str("permanent_code")
	_, agentID, ok := s.Authorization(DefaultTemplateID, DefaultCorpID)
	require.True(t, ok)

	// The permanent code is the customized app's secret.
	corpQ := url.Values{"access_token": {accessToken(t, s, DefaultCorpID, permanent)}}
	assert.Equal(t, 0, post(t, s, "/cgi-bin/message/send", corpQ, map[string]any{
		"touser": "lisi", "msgtype": "text", "agentid": agentID, "text": map[string]any{"content": "hi"},
	}).code(t))
	assert.Equal(t, 48002, post(t, s, "/cgi-bin/service/get_corp_token", sq,
		map[string]any{"auth_corpid": DefaultCorpID, "permanent_code": permanent}).code(t))

	// Re-authorization replaces the permanent code.
	a = post(t, s, "/cgi-bin/service/get_permanent_code", sq, map[string]any{"auth_code": s.IssueAuthCode(DefaultTemplateID, DefaultCorpID)})
	require.Equal(t, 0, a.code(t))
	assert.NotEqual(t, permanent, a.str("permanent_code"))
	assert.Equal(t, 40001, get(t, s, "/cgi-bin/gettoken", url.Values{"corpid": {DefaultCorpID}, "corpsecret": {permanent}}).code(t))

	// Codes of another suite or corp are rejected.
	other := s.IssueAuthCode(DefaultSuiteID, "wwclient")
	assert.Equal(t, 40078, post(t, s, "/cgi-bin/service/get_permanent_code", sq, map[string]any{"auth_code": other}).code(t))
	assert.Empty(t, s.IssueAuthCode("wwnosuite", DefaultCorpID))
}

func TestSetupOfProviders(t *testing.T) {
	s := newTestServer(t, WithoutDefaults())
	require.NoError(t, s.AddProvider("wwprov", "ps"))
	require.ErrorIs(t, s.AddProvider("wwprov", "ps"), ErrSetup)
	require.NoError(t, s.AddSuite(SuiteConfig{SuiteID: "wwsuite", SuiteSecret: "ss"}))
	require.ErrorIs(t, s.AddSuite(SuiteConfig{SuiteID: "wwsuite", SuiteSecret: "ss"}), ErrSetup)
	require.ErrorIs(t, s.AddSuite(SuiteConfig{SuiteSecret: "ss"}), ErrSetup)
	require.ErrorIs(t, s.AddSuite(SuiteConfig{SuiteID: "wwother"}), ErrSetup)
	require.NoError(t, s.AddSuite(SuiteConfig{SuiteID: "wwtpl", SuiteSecret: "ts", Customized: true}))
	s.mu.Lock()
	assert.False(t, s.suites["wwsuite"].customized, "a third-party app")
	assert.True(t, s.suites["wwtpl"].customized, "a customized-app template")
	s.mu.Unlock()
	a := post(t, s, "/cgi-bin/service/get_provider_token", nil, map[string]any{"corpid": "wwprov", "provider_secret": "ps"})
	assert.Equal(t, 0, a.code(t))

	// With no corp at all the install page has nowhere to install.
	s.IssueSuiteTicket("wwsuite")
	sq := url.Values{"suite_access_token": {suiteToken(t, s, "wwsuite", "ss")}}
	pre := get(t, s, "/cgi-bin/service/get_pre_auth_code", sq).str("pre_auth_code")
	assert.Equal(t, http.StatusBadRequest, pageStatus(t, s, "/3rdapp/install", url.Values{
		"suite_id": {"wwsuite"}, "pre_auth_code": {pre}, "redirect_uri": {"https://p.example.com/cb"},
	}))
	require.ErrorIs(t, s.SetInstallCorp("wwnone"), ErrSetup)
	require.NoError(t, s.AddCorp("wwclient", "Client"))
	require.NoError(t, s.SetInstallCorp("wwclient"))
	assert.Equal(t, http.StatusFound, pageStatus(t, s, "/3rdapp/install", url.Values{
		"suite_id": {"wwsuite"}, "pre_auth_code": {pre}, "redirect_uri": {"https://p.example.com/cb"},
	}))
}
