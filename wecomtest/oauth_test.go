package wecomtest

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func authorizeQuery(appID, scope string, agentID string) url.Values {
	q := url.Values{
		"appid": {appID}, "redirect_uri": {"https://app.example.com/oauth/cb?next=%2Fhome"},
		"response_type": {"code"}, "scope": {scope}, "state": {"Xa9fB2"},
	}
	if agentID != "" {
		q.Set("agentid", agentID)
	}
	return q
}

func TestAuthorizeRedirectsWithCodeForTheChosenUser(t *testing.T) {
	s := newTestServer(t)
	s.SetLoginUser("lisi")
	loc := follow(t, s, "/connect/oauth2/authorize", authorizeQuery(DefaultCorpID, "snsapi_base", "1000002"))
	assert.Equal(t, "https", loc.Scheme)
	assert.Equal(t, "app.example.com", loc.Host)
	assert.Equal(t, "/oauth/cb", loc.Path)
	assert.Equal(t, "/home", loc.Query().Get("next"), "the redirect's own query is kept")
	assert.Equal(t, "Xa9fB2", loc.Query().Get("state"))
	code := loc.Query().Get("code")
	require.NotEmpty(t, code)

	q := appToken(t, s)
	a := get(t, s, "/cgi-bin/auth/getuserinfo", with(q, "code", code))
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, "lisi", a.str("userid"))
	assert.NotContains(t, a, "user_ticket", "snsapi_base has no user_ticket")

	assert.Equal(t, 40029, get(t, s, "/cgi-bin/auth/getuserinfo", with(q, "code", code)).code(t), "a code is single use")
	assert.Equal(t, 40029, get(t, s, "/cgi-bin/auth/getuserinfo", with(q, "code", "made-up")).code(t))
	assert.Equal(t, 41008, get(t, s, "/cgi-bin/auth/getuserinfo", q).code(t))
}

func TestAuthorizeDefaultsToTheFirstUser(t *testing.T) {
	s := newTestServer(t)
	loc := follow(t, s, "/connect/oauth2/authorize", authorizeQuery(DefaultCorpID, "snsapi_base", ""))
	a := get(t, s, "/cgi-bin/auth/getuserinfo", with(appToken(t, s), "code", loc.Query().Get("code")))
	assert.Equal(t, DefaultUserID, a.str("userid"))
}

func TestAuthorizePrivateInfo(t *testing.T) {
	s := newTestServer(t)
	s.SetLoginUser("wangwu")
	q := appToken(t, s)
	loc := follow(t, s, "/connect/oauth2/authorize", authorizeQuery(DefaultCorpID, "snsapi_privateinfo", "1000002"))
	a := get(t, s, "/cgi-bin/auth/getuserinfo", with(q, "code", loc.Query().Get("code")))
	require.Equal(t, 0, a.code(t))
	ticket := a.str("user_ticket")
	require.NotEmpty(t, ticket)

	a = post(t, s, "/cgi-bin/auth/getuserdetail", q, map[string]any{"user_ticket": ticket})
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, "wangwu", a.str("userid"))
	assert.Equal(t, "13800000003", a.str("mobile"))
	assert.Equal(t, "2", a.str("gender"))
	assert.Equal(t, "wangwu@fakecorp.example.com", a.str("biz_mail"))
	assert.Equal(t, 84015, post(t, s, "/cgi-bin/auth/getuserdetail", q, map[string]any{"user_ticket": "nope"}).code(t))

	// Without agentid WeCom treats privateinfo as base.
	loc = follow(t, s, "/connect/oauth2/authorize", authorizeQuery(DefaultCorpID, "snsapi_privateinfo", ""))
	a = get(t, s, "/cgi-bin/auth/getuserinfo", with(q, "code", loc.Query().Get("code")))
	assert.NotContains(t, a, "user_ticket")
}

func TestAuthorizeNonMember(t *testing.T) {
	s := newTestServer(t)
	s.SetLoginUser("visitor")
	loc := follow(t, s, "/connect/oauth2/authorize", authorizeQuery(DefaultCorpID, "snsapi_base", ""))
	a := get(t, s, "/cgi-bin/auth/getuserinfo", with(appToken(t, s), "code", loc.Query().Get("code")))
	require.Equal(t, 0, a.code(t))
	assert.NotContains(t, a, "userid")
	assert.NotEmpty(t, a.str("openid"))
}

func TestAuthorizeCodeBelongsToItsCorp(t *testing.T) {
	s := newTestServer(t)
	require.NoError(t, s.AddCorp("wwother", "Other"))
	require.NoError(t, s.AddApp("wwother", 1000002, "other"))
	loc := follow(t, s, "/connect/oauth2/authorize", authorizeQuery(DefaultCorpID, "snsapi_base", ""))
	other := url.Values{"access_token": {accessToken(t, s, "wwother", "other")}}
	assert.Equal(t, 40029, get(t, s, "/cgi-bin/auth/getuserinfo", with(other, "code", loc.Query().Get("code"))).code(t))
}

func TestAuthorizePageErrors(t *testing.T) {
	s := newTestServer(t)
	base := authorizeQuery(DefaultCorpID, "snsapi_base", "")
	tests := map[string]url.Values{
		"unknown appid":         with(base, "appid", "wwnobody"),
		"missing appid":         with(base, "appid", ""),
		"relative redirect_uri": with(base, "redirect_uri", "/cb"),
		"ftp redirect_uri":      with(base, "redirect_uri", "ftp://x.example.com/"),
		"wrong response_type":   with(base, "response_type", "token"),
		"unknown scope":         with(base, "scope", "snsapi_all"),
		"unknown agentid":       with(base, "agentid", "42"),
		"garbage agentid":       with(base, "agentid", "x"),
		"uninstalled suite":     with(base, "appid", DefaultSuiteID),
	}
	for name, q := range tests {
		assert.Equal(t, http.StatusBadRequest, pageStatus(t, s, "/connect/oauth2/authorize", q), name)
	}
	resp, err := s.Client().Post(s.URL()+"/connect/oauth2/authorize", "text/plain", nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

func TestWebLogin(t *testing.T) {
	s := newTestServer(t)
	s.SetLoginUser("zhaoliu")
	q := appToken(t, s)
	login := url.Values{
		"login_type": {"CorpApp"}, "appid": {DefaultCorpID}, "agentid": {"1000002"},
		"redirect_uri": {"https://app.example.com/login"}, "state": {"s1"}, "lang": {"en"},
	}
	loc := follow(t, s, "/wwlogin/sso/login", login)
	assert.Equal(t, "s1", loc.Query().Get("state"))
	a := get(t, s, "/cgi-bin/auth/getuserinfo", with(q, "code", loc.Query().Get("code")))
	require.Equal(t, 0, a.code(t))
	assert.Equal(t, "zhaoliu", a.str("userid"))

	loc = follow(t, s, "/wwopen/sso/qrConnect", url.Values{
		"appid": {DefaultCorpID}, "agentid": {"1000002"}, "redirect_uri": {"https://app.example.com/login"},
	})
	a = get(t, s, "/cgi-bin/auth/getuserinfo", with(q, "code", loc.Query().Get("code")))
	assert.Equal(t, "zhaoliu", a.str("userid"), "the older qrConnect page")

	assert.Equal(t, http.StatusBadRequest, pageStatus(t, s, "/wwlogin/sso/login", with(login, "agentid", "")), "CorpApp needs agentid")
	assert.Equal(t, http.StatusBadRequest, pageStatus(t, s, "/wwlogin/sso/login", with(login, "login_type", "Other")))
}

func TestProviderLogin(t *testing.T) {
	s := newTestServer(t)
	pq := url.Values{"access_token": {providerToken(t, s)}}

	loc := follow(t, s, "/wwopen/sso/3rd_qrConnect", url.Values{
		"appid": {DefaultProviderCorpID}, "redirect_uri": {"https://provider.example.com/sso"}, "usertype": {"admin"}, "state": {"p"},
	})
	authCode := loc.Query().Get("auth_code")
	require.NotEmpty(t, authCode)
	a := post(t, s, "/cgi-bin/service/get_login_info", pq, map[string]any{"auth_code": authCode})
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.EqualValues(t, 1, a["usertype"], "the default user is the creator")
	var info struct {
		UserInfo struct {
			UserID string `json:"userid"`
			Name   string `json:"name"`
		} `json:"user_info"`
		CorpInfo struct {
			CorpID string `json:"corpid"`
		} `json:"corp_info"`
	}
	remarshal(t, a, &info)
	assert.Equal(t, DefaultUserID, info.UserInfo.UserID)
	assert.Equal(t, "张三", info.UserInfo.Name)
	assert.Equal(t, DefaultCorpID, info.CorpInfo.CorpID)
	assert.Equal(t, 40029, post(t, s, "/cgi-bin/service/get_login_info", pq, map[string]any{"auth_code": authCode}).code(t))

	s.SetLoginUser("lisi")
	loc = follow(t, s, "/wwlogin/sso/login", url.Values{
		"login_type": {"ServiceApp"}, "appid": {DefaultSuiteID}, "redirect_uri": {"https://provider.example.com/sso"},
	})
	a = post(t, s, "/cgi-bin/service/get_login_info", pq, map[string]any{"auth_code": loc.Query().Get("code")})
	require.Equal(t, 0, a.code(t))
	assert.EqualValues(t, 5, a["usertype"])

	appQ := appToken(t, s)
	assert.Equal(t, 40014, post(t, s, "/cgi-bin/service/get_login_info", appQ, map[string]any{"auth_code": "x"}).code(t),
		"an access token is not a provider token")
}

func TestThirdPartyOAuth(t *testing.T) {
	s := newTestServer(t)
	s.IssueSuiteTicket(DefaultSuiteID)
	sq := url.Values{"suite_access_token": {suiteToken(t, s, DefaultSuiteID, DefaultSuiteSecret)}}
	code := s.IssueAuthCode(DefaultSuiteID, DefaultCorpID)
	require.Equal(t, 0, post(t, s, "/cgi-bin/service/get_permanent_code", sq, map[string]any{"auth_code": code}).code(t))

	s.SetLoginUser("wangwu")
	loc := follow(t, s, "/connect/oauth2/authorize", authorizeQuery(DefaultSuiteID, "snsapi_privateinfo", ""))
	c := loc.Query().Get("code")
	assert.Equal(t, 40029, get(t, s, "/cgi-bin/auth/getuserinfo", with(appToken(t, s), "code", c)).code(t),
		"a suite's code is not exchanged with a corp token")
	a := get(t, s, "/cgi-bin/service/auth/getuserinfo3rd", with(sq, "code", c))
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, DefaultCorpID, a.str("corpid"))
	assert.Equal(t, "wangwu", a.str("userid"))
	assert.NotEmpty(t, a.str("open_userid"))
	ticket := a.str("user_ticket")
	require.NotEmpty(t, ticket)

	a = post(t, s, "/cgi-bin/service/auth/getuserdetail3rd", sq, map[string]any{"user_ticket": ticket})
	require.Equal(t, 0, a.code(t))
	assert.Equal(t, "王五", a.str("name"))
	assert.Equal(t, 84015, post(t, s, "/cgi-bin/auth/getuserdetail", appToken(t, s), map[string]any{"user_ticket": ticket}).code(t),
		"a suite's ticket is not read with a corp token")
}
