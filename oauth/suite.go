package oauth

import (
	"context"
	"fmt"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/token"
)

const (
	getUserInfo3rdPath   = "/cgi-bin/service/auth/getuserinfo3rd"
	getUserDetail3rdPath = "/cgi-bin/service/auth/getuserdetail3rd"
)

// SuiteClient builds the authorize URL of a third-party app (第三方应用)
// and exchanges its codes with the suite_access_token. Customized apps
// (代开发) use a Client instead. It is safe for concurrent use.
type SuiteClient struct {
	exchanger
	cfg SuiteConfig
}

// SuiteConfig identifies a third-party app for NewSuite.
type SuiteConfig struct {
	// SuiteID is the suite's id, the appid of its authorize URL.
	SuiteID string
	// RedirectURL is where WeCom sends the browser back with the code
	// (redirect_uri), unencoded. A client from openwork's Suite.OAuth has
	// none: derive one with WithRedirectURL.
	RedirectURL string
	// Endpoints overrides the origin of the authorize page.
	Endpoints Endpoints
}

// NewSuite returns a SuiteClient for the suite of cfg; cfg.SuiteID is
// required. suiteToken is its suite_access_token source (nil when only
// AuthCodeURL is needed). openwork's Suite.OAuth returns one ready made.
func NewSuite(cfg SuiteConfig, suiteToken token.Invalidator, opts ...wecom.Option) (*SuiteClient, error) {
	if cfg.SuiteID == "" {
		return nil, fmt.Errorf("%w: oauth: SuiteID is required", wecom.ErrConfig)
	}
	cfg.Endpoints = cfg.Endpoints.withDefaults()
	return &SuiteClient{
		exchanger: newExchanger("SuiteClient", wecom.NewOptions(opts...), suiteToken, api.SuiteAccessToken),
		cfg:       cfg,
	}, nil
}

// SuiteID returns the suite's id.
func (c *SuiteClient) SuiteID() string { return c.cfg.SuiteID }

// Config returns the client's configuration, defaults filled in.
func (c *SuiteClient) Config() SuiteConfig { return c.cfg }

// WithEndpoints returns a copy of c whose URL builder points to e.
func (c *SuiteClient) WithEndpoints(e Endpoints) *SuiteClient {
	cp := *c
	cp.cfg.Endpoints = e.withDefaults()
	return &cp
}

// WithRedirectURL returns a copy of c whose URL builder sends the browser
// back to redirectURL.
func (c *SuiteClient) WithRedirectURL(redirectURL string) *SuiteClient {
	cp := *c
	cp.cfg.RedirectURL = redirectURL
	return &cp
}

// AuthCodeURL returns the in-app authorize URL of the third-party app: as
// Client.AuthCodeURL, with the suite id as appid and an agentid only when
// WithAgentID gives one (it also activates a license automatically).
// Options honoured: WithScope (default ScopeBase), WithAgentID.
func (c *SuiteClient) AuthCodeURL(state string, opts ...URLOption) string {
	p := applyURLOptions(0, opts)
	return authorizeURL(c.cfg.Endpoints.OAuth, c.cfg.SuiteID, c.cfg.RedirectURL, state, p)
}

// SuiteIdentity is who a third-party app's code belongs to
// (service/auth/getuserinfo3rd). A member of an installing corp has a
// CorpID and a UserID; anyone else only an OpenID.
type SuiteIdentity struct {
	// CorpID is the member's corp.
	CorpID string `json:"corpid,omitempty"`
	// UserID is the member's id, encrypted or plain as the corp's ID
	// policy says.
	UserID string `json:"userid,omitempty"`
	// UserTicket, with ScopePrivateInfo (or ScopeUserInfo), reads the
	// member's details through UserDetail for ExpiresIn seconds.
	UserTicket string `json:"user_ticket,omitempty"`
	// ExpiresIn is the user ticket's lifetime in seconds.
	ExpiresIn int64 `json:"expires_in,omitempty"`
	// OpenUserID is the member's id across the provider's apps.
	OpenUserID string `json:"open_userid,omitempty"`
	// OpenID identifies a non-member.
	OpenID string `json:"openid,omitempty"`
	// DeviceID is the id of the user's device, in answers of the earlier
	// form (keys CorpId, UserId, OpenId, DeviceId), which decode as well.
	DeviceID string `json:"deviceid,omitempty"`
}

// IsMember reports whether the identity is a member of an installing corp.
func (id *SuiteIdentity) IsMember() bool { return id.UserID != "" }

// UserTicketTTL returns the user ticket's lifetime.
func (id *SuiteIdentity) UserTicketTTL() time.Duration {
	return time.Duration(id.ExpiresIn) * time.Second
}

// SuiteUserDetail is what a member shared with a third-party app
// (service/auth/getuserdetail3rd). Real values need a ScopePrivateInfo
// consent.
type SuiteUserDetail struct {
	// CorpID is the member's corp.
	CorpID string `json:"corpid"`
	// Name is the member's name; apps created since 2020 get the userid.
	Name string `json:"name,omitempty"`
	UserDetail
}

// UserFromCode exchanges the code of a third-party app's OAuth redirect
// for the user's identity (GET service/auth/getuserinfo3rd). The code is
// single use: the call is never repeated after a transient failure.
func (c *SuiteClient) UserFromCode(ctx context.Context, code string) (*SuiteIdentity, error) {
	return exchangeCode(ctx, c.exchanger, getUserInfo3rdPath, code, func(id *SuiteIdentity) bool {
		return id.UserID != "" || id.OpenID != ""
	})
}

// UserDetail reads what a member shared, with the user ticket of
// UserFromCode (POST service/auth/getuserdetail3rd).
func (c *SuiteClient) UserDetail(ctx context.Context, userTicket string) (*SuiteUserDetail, error) {
	return readWithTicket[SuiteUserDetail](ctx, c.exchanger, getUserDetail3rdPath, userTicket)
}
