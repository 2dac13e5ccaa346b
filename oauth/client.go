package oauth

import (
	"fmt"
	"strings"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/token"
)

// Default origins of the pages a browser is sent to.
const (
	// DefaultOAuthOrigin serves the in-app authorize page.
	DefaultOAuthOrigin = "https://open.weixin.qq.com"
	// DefaultLoginOrigin serves the current web-login page (wwlogin/sso).
	DefaultLoginOrigin = "https://login.work.weixin.qq.com"
	// DefaultOpenOrigin serves the provider web-login page (3rd_qrConnect).
	DefaultOpenOrigin = "https://open.work.weixin.qq.com"
)

// Endpoints are the origins of the pages the URL builders point to. Empty
// fields take the defaults; tests point them at a fake server.
type Endpoints struct {
	// OAuth is the origin of /connect/oauth2/authorize. Default DefaultOAuthOrigin.
	OAuth string
	// Login is the origin of /wwlogin/sso/login. Default DefaultLoginOrigin.
	Login string
	// Open is the origin of /wwopen/sso/3rd_qrConnect. Default DefaultOpenOrigin.
	Open string
}

func (e Endpoints) withDefaults() Endpoints {
	e.OAuth = origin(e.OAuth, DefaultOAuthOrigin)
	e.Login = origin(e.Login, DefaultLoginOrigin)
	e.Open = origin(e.Open, DefaultOpenOrigin)
	return e
}

func origin(v, def string) string {
	if v == "" {
		return def
	}
	return strings.TrimRight(v, "/")
}

// Config identifies a self-built or customized app.
type Config struct {
	// CorpID is the corp's id; it is the appid of the OAuth URLs.
	CorpID string
	// AgentID is the app's id, sent as agentid unless an option overrides
	// it. It is required by ScopePrivateInfo and by the CorpApp web login.
	AgentID int64
	// RedirectURL is where WeCom sends the browser back with the code
	// (redirect_uri), unencoded; its domain must be a trusted domain
	// (可信域名) of the app. A Client built by work.New has none: derive
	// one with WithRedirectURL.
	RedirectURL string
	// Endpoints overrides the origins of the authorize and login pages.
	Endpoints Endpoints
}

// Client builds the login URLs of a self-built or customized app and
// exchanges codes with the app's access token. It is safe for concurrent
// use.
type Client struct {
	exchanger
	cfg  Config
	opts wecom.Options
}

// New returns a Client for the app of cfg; cfg.CorpID is required.
// accessToken is the app's access-token source (the one a work.Client
// uses); it may be nil when only the URL builders are needed. opts
// configure the HTTP core, cache and logger as for the work package.
// A work.Client has one already, in its OAuth field.
func New(cfg Config, accessToken token.Invalidator, opts ...wecom.Option) (*Client, error) {
	if cfg.CorpID == "" {
		return nil, fmt.Errorf("%w: oauth: CorpID is required", wecom.ErrConfig)
	}
	o := wecom.NewOptions(opts...)
	cfg.Endpoints = cfg.Endpoints.withDefaults()
	return &Client{exchanger: newExchanger("Client", o, accessToken, api.AccessToken), cfg: cfg, opts: o}, nil
}

// Config returns the client's configuration, defaults filled in.
func (c *Client) Config() Config { return c.cfg }

// WithEndpoints returns a copy of c whose URL builders point to e.
func (c *Client) WithEndpoints(e Endpoints) *Client {
	cp := *c
	cp.cfg.Endpoints = e.withDefaults()
	return &cp
}

// WithRedirectURL returns a copy of c whose URL builders send the browser
// back to redirectURL (see Config.RedirectURL).
func (c *Client) WithRedirectURL(redirectURL string) *Client {
	cp := *c
	cp.cfg.RedirectURL = redirectURL
	return &cp
}
