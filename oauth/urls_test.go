package oauth_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/oauth"
)

const redirect = "https://app.example.com/cb?from=menu&x=a b/é"

// escapedRedirect is redirect percent-encoded exactly once.
const escapedRedirect = "https%3A%2F%2Fapp.example.com%2Fcb%3Ffrom%3Dmenu%26x%3Da+b%2F%C3%A9"

func TestAuthCodeURL(t *testing.T) {
	c := mustNew(t, oauth.Config{CorpID: testCorpID, AgentID: testAgentID, RedirectURL: redirect}, nil)
	const prefix = "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wwcorp123&redirect_uri=" + escapedRedirect + "&response_type=code"
	tests := []struct {
		name  string
		state string
		opts  []oauth.URLOption
		want  string
	}{
		{"defaults", "s1", nil,
			prefix + "&scope=snsapi_base&state=s1&agentid=1000002#wechat_redirect"},
		{"private info", "s1", []oauth.URLOption{oauth.WithScope(oauth.ScopePrivateInfo)},
			prefix + "&scope=snsapi_privateinfo&state=s1&agentid=1000002#wechat_redirect"},
		{"other agent", "s1", []oauth.URLOption{oauth.WithAgentID(42)},
			prefix + "&scope=snsapi_base&state=s1&agentid=42#wechat_redirect"},
		{"no agent", "s1", []oauth.URLOption{oauth.WithAgentID(0)},
			prefix + "&scope=snsapi_base&state=s1#wechat_redirect"},
		{"no state", "", nil,
			prefix + "&scope=snsapi_base&agentid=1000002#wechat_redirect"},
		{"state escaped", "a&b", nil,
			prefix + "&scope=snsapi_base&state=a%26b&agentid=1000002#wechat_redirect"},
		{"login options ignored", "s1", []oauth.URLOption{oauth.WithLang(oauth.LangEnglish), oauth.WithUserType(oauth.UserTypeMember), nil},
			prefix + "&scope=snsapi_base&state=s1&agentid=1000002#wechat_redirect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AuthCodeURL(tt.state, tt.opts...)
			assert.Equal(t, tt.want, got)

			u, err := url.Parse(got)
			require.NoError(t, err)
			assert.Equal(t, "wechat_redirect", u.Fragment)
			assert.Equal(t, redirect, u.Query().Get("redirect_uri"), "decoding once must give the original URI back")
			assert.Equal(t, tt.state, u.Query().Get("state"))
		})
	}
}

func TestAuthCodeURLEndpoints(t *testing.T) {
	c := mustNew(t, oauth.Config{CorpID: testCorpID, RedirectURL: "https://a.example/", Endpoints: oauth.Endpoints{OAuth: "http://127.0.0.1:8080/"}}, nil)
	assert.Equal(t,
		"http://127.0.0.1:8080/connect/oauth2/authorize?appid=wwcorp123&redirect_uri=https%3A%2F%2Fa.example%2F&response_type=code&scope=snsapi_base&state=s#wechat_redirect",
		c.AuthCodeURL("s"))
	assert.Equal(t, "http://127.0.0.1:8080", c.Config().Endpoints.OAuth)
	assert.Equal(t, oauth.DefaultLoginOrigin, c.Config().Endpoints.Login)

	c2 := c.WithEndpoints(oauth.Endpoints{Login: "http://127.0.0.1:9"})
	assert.Equal(t,
		"http://127.0.0.1:9/wwlogin/sso/login?login_type=CorpApp&appid=wwcorp123&redirect_uri=https%3A%2F%2Fa.example%2F&state=s",
		c2.QRLoginURL("s"))
	assert.Contains(t, c2.AuthCodeURL("s"), oauth.DefaultOAuthOrigin+"/connect/oauth2/authorize?")
	assert.Contains(t, c.QRLoginURL("s"), oauth.DefaultLoginOrigin, "the original is unchanged")
}

// A client without a redirect URL (as work.New builds it) gets one with
// WithRedirectURL; the original keeps its own.
func TestWithRedirectURL(t *testing.T) {
	c := mustNew(t, oauth.Config{CorpID: testCorpID}, nil)
	assert.NotContains(t, c.AuthCodeURL("s"), "redirect_uri", "no redirect configured")
	d := c.WithRedirectURL(redirect)
	assert.Contains(t, d.AuthCodeURL("s"), "&redirect_uri="+escapedRedirect+"&")
	assert.Contains(t, d.QRLoginURL("s"), "&redirect_uri="+escapedRedirect+"&")
	assert.Equal(t, redirect, d.Config().RedirectURL)
	assert.Empty(t, c.Config().RedirectURL)

	s := mustSuite(t, oauth.SuiteConfig{SuiteID: "wwsuite1"}, nil).WithRedirectURL(redirect)
	assert.Contains(t, s.AuthCodeURL("s"), "&redirect_uri="+escapedRedirect+"&")
	p := mustProvider(t, oauth.ProviderConfig{CorpID: "wwprovider"}, nil).WithRedirectURL(redirect).WithLoginSuiteID("wwlogin")
	assert.Contains(t, p.QRConnectURL("s"), "&redirect_uri="+escapedRedirect+"&")
	assert.Contains(t, p.QRLoginURL("s"), "appid=wwlogin&redirect_uri="+escapedRedirect+"&")
}

// Constructors refuse a configuration they cannot work with.
func TestConstructorsValidate(t *testing.T) {
	_, err := oauth.New(oauth.Config{AgentID: 1}, nil)
	require.ErrorIs(t, err, wecom.ErrConfig)
	_, err = oauth.NewSuite(oauth.SuiteConfig{RedirectURL: redirect}, nil)
	require.ErrorIs(t, err, wecom.ErrConfig)
	_, err = oauth.NewProvider(oauth.ProviderConfig{LoginSuiteID: "x"}, nil)
	require.ErrorIs(t, err, wecom.ErrConfig)
}

func TestQRLoginURL(t *testing.T) {
	c := mustNew(t, oauth.Config{CorpID: testCorpID, AgentID: testAgentID, RedirectURL: redirect}, nil)
	const base = "https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=wwcorp123"
	tests := []struct {
		name string
		opts []oauth.URLOption
		want string
	}{
		{"defaults", nil, base + "&agentid=1000002&redirect_uri=" + escapedRedirect + "&state=st"},
		{"english", []oauth.URLOption{oauth.WithLang(oauth.LangEnglish)},
			base + "&agentid=1000002&redirect_uri=" + escapedRedirect + "&state=st&lang=en"},
		{"chinese, other agent", []oauth.URLOption{oauth.WithLang(oauth.LangChinese), oauth.WithAgentID(7)},
			base + "&agentid=7&redirect_uri=" + escapedRedirect + "&state=st&lang=zh"},
		{"scope ignored", []oauth.URLOption{oauth.WithScope(oauth.ScopePrivateInfo)},
			base + "&agentid=1000002&redirect_uri=" + escapedRedirect + "&state=st"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.QRLoginURL("st", tt.opts...)
			assert.Equal(t, tt.want, got)
			u, err := url.Parse(got)
			require.NoError(t, err)
			assert.Equal(t, redirect, u.Query().Get("redirect_uri"))
			assert.Empty(t, u.Fragment)
		})
	}
}

func TestSuiteAuthCodeURL(t *testing.T) {
	s := mustSuite(t, oauth.SuiteConfig{SuiteID: "wwsuite1", RedirectURL: redirect}, nil)
	assert.Equal(t, "wwsuite1", s.SuiteID())
	assert.Equal(t,
		"https://open.weixin.qq.com/connect/oauth2/authorize?appid=wwsuite1&redirect_uri="+escapedRedirect+"&response_type=code&scope=snsapi_base&state=s#wechat_redirect",
		s.AuthCodeURL("s"))
	assert.Equal(t,
		"https://open.weixin.qq.com/connect/oauth2/authorize?appid=wwsuite1&redirect_uri="+escapedRedirect+"&response_type=code&scope=snsapi_userinfo&state=s&agentid=9#wechat_redirect",
		s.AuthCodeURL("s", oauth.WithScope(oauth.ScopeUserInfo), oauth.WithAgentID(9)))
	assert.Equal(t,
		"http://127.0.0.1:1/connect/oauth2/authorize?appid=wwsuite1&redirect_uri="+escapedRedirect+"&response_type=code&scope=snsapi_privateinfo&state=s#wechat_redirect",
		s.WithEndpoints(oauth.Endpoints{OAuth: "http://127.0.0.1:1"}).AuthCodeURL("s", oauth.WithScope(oauth.ScopePrivateInfo)))
}

func TestProviderURLs(t *testing.T) {
	p := mustProvider(t, oauth.ProviderConfig{CorpID: "wwprovider", LoginSuiteID: "wwloginsuite", RedirectURL: redirect}, nil)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"3rd_qrConnect admin by default", p.QRConnectURL("st"),
			"https://open.work.weixin.qq.com/wwopen/sso/3rd_qrConnect?appid=wwprovider&redirect_uri=" + escapedRedirect + "&state=st&usertype=admin"},
		{"3rd_qrConnect member", p.QRConnectURL("st", oauth.WithUserType(oauth.UserTypeMember)),
			"https://open.work.weixin.qq.com/wwopen/sso/3rd_qrConnect?appid=wwprovider&redirect_uri=" + escapedRedirect + "&state=st&usertype=member"},
		{"3rd_qrConnect no state", p.QRConnectURL(""),
			"https://open.work.weixin.qq.com/wwopen/sso/3rd_qrConnect?appid=wwprovider&redirect_uri=" + escapedRedirect + "&usertype=admin"},
		{"service app login", p.QRLoginURL("st", oauth.WithLang(oauth.LangEnglish), oauth.WithAgentID(5)),
			"https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=ServiceApp&appid=wwloginsuite&redirect_uri=" + escapedRedirect + "&state=st&lang=en"},
		{"fake server", p.WithEndpoints(oauth.Endpoints{Open: "http://127.0.0.1:2"}).WithRedirectURL("x").QRConnectURL("st"),
			"http://127.0.0.1:2/wwopen/sso/3rd_qrConnect?appid=wwprovider&redirect_uri=x&state=st&usertype=admin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got)
			u, err := url.Parse(tt.got)
			require.NoError(t, err)
			assert.NotEmpty(t, u.Query().Get("redirect_uri"))
		})
	}
}
