package oauth

import (
	"net/url"
	"strconv"
	"strings"
)

// Paths of the pages the URL builders point to.
const (
	authorizePath    = "/connect/oauth2/authorize"
	ssoLoginPath     = "/wwlogin/sso/login"
	providerSSOPath  = "/wwopen/sso/3rd_qrConnect"
	wechatRedirect   = "#wechat_redirect"
	responseTypeCode = "code"
)

// query writes parameters in the order they are added, each value
// percent-encoded exactly once, so that URLs are deterministic.
type query struct{ b strings.Builder }

func (q *query) add(name, value string) {
	if q.b.Len() > 0 {
		q.b.WriteByte('&')
	}
	q.b.WriteString(name)
	q.b.WriteByte('=')
	q.b.WriteString(url.QueryEscape(value))
}

// addIf adds the parameter when value is not empty.
func (q *query) addIf(name, value string) {
	if value != "" {
		q.add(name, value)
	}
}

func (q *query) addAgent(id int64) {
	if id != 0 {
		q.add("agentid", strconv.FormatInt(id, 10))
	}
}

// authorizeURL builds the in-app authorize URL: appid, redirect_uri,
// response_type, scope, state, agentid, then #wechat_redirect.
func authorizeURL(origin, appID, redirectURI, state string, p urlParams) string {
	var q query
	q.add("appid", appID)
	q.addIf("redirect_uri", redirectURI)
	q.add("response_type", responseTypeCode)
	q.add("scope", string(p.scope))
	q.addIf("state", state)
	q.addAgent(p.agentID)
	return origin + authorizePath + "?" + q.b.String() + wechatRedirect
}

// ssoLoginURL builds the web-login URL: login_type, appid, agentid,
// redirect_uri, state, lang.
func ssoLoginURL(origin string, t LoginType, appID, redirectURI, state string, p urlParams) string {
	var q query
	q.add("login_type", string(t))
	q.add("appid", appID)
	q.addAgent(p.agentID)
	q.addIf("redirect_uri", redirectURI)
	q.addIf("state", state)
	q.addIf("lang", string(p.lang))
	return origin + ssoLoginPath + "?" + q.b.String()
}

// AuthCodeURL returns the in-app authorize URL (网页授权登录) to send a
// browser inside WeCom to, as x/oauth2's Config.AuthCodeURL does: state
// first, the redirect URL from the client's Config. WeCom then redirects
// the browser to RedirectURL?code=CODE&state=STATE; exchange the code with
// UserFromCode.
//
// The appid is the corp id, the agentid the client's unless WithAgentID
// says otherwise; the redirect URL is percent-encoded once here (left out
// when the client has none). state must be a-zA-Z0-9 and at most 128
// bytes: use a [StateStore].
// Options honoured: WithScope (default ScopeBase), WithAgentID.
// ScopePrivateInfo is treated as ScopeBase by WeCom without an agentid.
func (c *Client) AuthCodeURL(state string, opts ...URLOption) string {
	p := applyURLOptions(c.cfg.AgentID, opts)
	return authorizeURL(c.cfg.Endpoints.OAuth, c.cfg.CorpID, c.cfg.RedirectURL, state, p)
}

// QRLoginURL returns the web-login URL (企业微信登录, login_type CorpApp)
// for a page opened in a PC browser: the user scans a QR code or confirms
// in the desktop client, and WeCom redirects to
// RedirectURL?code=CODE&state=STATE; exchange the code with UserFromCode.
//
// The appid is the corp id and the agentid, which this login type
// requires, the client's unless WithAgentID says otherwise.
// Options honoured: WithAgentID, WithLang.
func (c *Client) QRLoginURL(state string, opts ...URLOption) string {
	p := applyURLOptions(c.cfg.AgentID, opts)
	return ssoLoginURL(c.cfg.Endpoints.Login, LoginTypeCorpApp, c.cfg.CorpID, c.cfg.RedirectURL, state, p)
}
