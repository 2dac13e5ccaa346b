package oauth

import (
	"context"
	"fmt"
	"net/http"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/token"
)

const getLoginInfoPath = "/cgi-bin/service/get_login_info"

// ProviderClient logs users into a service provider's own web site
// (服务商网站登录) and exchanges their auth codes with the
// provider_access_token. It is safe for concurrent use.
type ProviderClient struct {
	exchanger
	cfg ProviderConfig
}

// ProviderConfig identifies a service provider for NewProvider.
type ProviderConfig struct {
	// CorpID is the provider's corp id, the appid of 3rd_qrConnect.
	CorpID string
	// LoginSuiteID is the suite id of the provider's login authorization
	// (登录授权), the appid of the ServiceApp web login (QRLoginURL).
	LoginSuiteID string
	// RedirectURL is where WeCom sends the browser back with the auth
	// code (redirect_uri), unencoded. A client from openwork's
	// Provider.Login has none: derive one with WithRedirectURL.
	RedirectURL string
	// Endpoints overrides the origins of the login pages.
	Endpoints Endpoints
}

// NewProvider returns a ProviderClient for the provider of cfg;
// cfg.CorpID is required. providerToken is its provider_access_token
// source (nil when only the URL builders are needed). openwork's
// Provider.Login returns one ready made.
func NewProvider(cfg ProviderConfig, providerToken token.Invalidator, opts ...wecom.Option) (*ProviderClient, error) {
	if cfg.CorpID == "" {
		return nil, fmt.Errorf("%w: oauth: provider CorpID is required", wecom.ErrConfig)
	}
	cfg.Endpoints = cfg.Endpoints.withDefaults()
	// get_login_info takes the provider token under the name access_token.
	auth := func(tok token.Invalidator) *api.Auth { return api.ProviderAccessToken(tok).WithParam("access_token") }
	return &ProviderClient{
		exchanger: newExchanger("ProviderClient", wecom.NewOptions(opts...), providerToken, auth),
		cfg:       cfg,
	}, nil
}

// Config returns the client's configuration, defaults filled in.
func (c *ProviderClient) Config() ProviderConfig { return c.cfg }

// WithEndpoints returns a copy of c whose URL builders point to e.
func (c *ProviderClient) WithEndpoints(e Endpoints) *ProviderClient {
	cp := *c
	cp.cfg.Endpoints = e.withDefaults()
	return &cp
}

// WithRedirectURL returns a copy of c whose URL builders send the browser
// back to redirectURL.
func (c *ProviderClient) WithRedirectURL(redirectURL string) *ProviderClient {
	cp := *c
	cp.cfg.RedirectURL = redirectURL
	return &cp
}

// WithLoginSuiteID returns a copy of c whose QRLoginURL uses the login
// authorization suite id (see ProviderConfig.LoginSuiteID).
func (c *ProviderClient) WithLoginSuiteID(id string) *ProviderClient {
	cp := *c
	cp.cfg.LoginSuiteID = id
	return &cp
}

// QRConnectURL returns the provider login page of the older style
// (3rd_qrConnect): appid is the provider's corp id; WeCom redirects to
// RedirectURL?auth_code=AUTH_CODE&state=STATE. Exchange the auth code with
// LoginInfo. Options honoured: WithUserType (default UserTypeAdmin).
func (c *ProviderClient) QRConnectURL(state string, opts ...URLOption) string {
	p := applyURLOptions(0, opts)
	var q query
	q.add("appid", c.cfg.CorpID)
	q.addIf("redirect_uri", c.cfg.RedirectURL)
	q.addIf("state", state)
	q.add("usertype", string(p.userType))
	return c.cfg.Endpoints.Open + providerSSOPath + "?" + q.b.String()
}

// QRLoginURL returns the current web-login page for a provider's site
// (login_type ServiceApp): appid is the suite id of the provider's login
// authorization (登录授权), ProviderConfig.LoginSuiteID. Exchange the code
// WeCom redirects back with through LoginInfo.
// Options honoured: WithLang.
func (c *ProviderClient) QRLoginURL(state string, opts ...URLOption) string {
	p := applyURLOptions(0, opts)
	p.agentID = 0 // no agentid with ServiceApp
	return ssoLoginURL(c.cfg.Endpoints.Login, LoginTypeServiceApp, c.cfg.LoginSuiteID, c.cfg.RedirectURL, state, p)
}

// LoginUserType is the role of the user who logged into a provider's site.
type LoginUserType int

// Roles reported by get_login_info.
const (
	LoginUserCreator       LoginUserType = 1 // creator of the corp
	LoginUserInternalAdmin LoginUserType = 2 // internal system administrator
	LoginUserExternalAdmin LoginUserType = 3 // external system administrator
	LoginUserSubAdmin      LoginUserType = 4 // sub-administrator (分级管理员)
	LoginUserMember        LoginUserType = 5 // member
)

// AgentAuthType is the right an administrator has on an app.
type AgentAuthType int

// Rights on an app reported by get_login_info.
const (
	AgentAuthUse    AgentAuthType = 0 // may use the app
	AgentAuthManage AgentAuthType = 1 // may manage the app
)

// LoginInfo is who logged into a provider's site (service/get_login_info).
type LoginInfo struct {
	UserType LoginUserType `json:"usertype"`
	UserInfo LoginUser     `json:"user_info"`
	CorpInfo LoginCorp     `json:"corp_info"`
	// Agents lists the apps an administrator may use or manage.
	Agents   []LoginAgent  `json:"agent,omitempty"`
	AuthInfo LoginAuthInfo `json:"auth_info"`
}

// LoginUser is the user of a LoginInfo.
type LoginUser struct {
	UserID     string `json:"userid"`
	OpenUserID string `json:"open_userid,omitempty"`
	Name       string `json:"name,omitempty"`
	Avatar     string `json:"avatar,omitempty"`
}

// LoginCorp is the corp of a LoginInfo.
type LoginCorp struct {
	CorpID string `json:"corpid"`
}

// LoginAgent is an app an administrator has rights on.
type LoginAgent struct {
	AgentID  int64         `json:"agentid"`
	AuthType AgentAuthType `json:"auth_type"`
}

// LoginAuthInfo lists the departments a sub-administrator manages.
type LoginAuthInfo struct {
	Departments []LoginDepartment `json:"department,omitempty"`
}

// LoginDepartment is a department a sub-administrator manages.
type LoginDepartment struct {
	ID       int64 `json:"id"`
	Writable bool  `json:"writable"`
}

type loginInfoRequest struct {
	AuthCode string `json:"auth_code"`
}

// LoginInfo exchanges the auth code of a provider login for the user
// (POST service/get_login_info, provider token in the access_token query
// parameter). The code is single use: the call is never repeated after a
// transient failure.
func (c *ProviderClient) LoginInfo(ctx context.Context, authCode string) (*LoginInfo, error) {
	if authCode == "" {
		return nil, ErrMissingCode
	}
	return call[LoginInfo](ctx, c.exchanger, api.Request{
		Method: http.MethodPost,
		Path:   getLoginInfoPath,
		Body:   loginInfoRequest{AuthCode: authCode},
		Safety: api.Never,
	})
}
