package openwork

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/token"
)

// Config identifies a service provider.
type Config struct {
	// CorpID is the provider's own corp id.
	CorpID string
	// ProviderSecret is the provider secret (provider_access_token).
	ProviderSecret string
	// Token and EncodingAESKey are the settings of the provider's system
	// event URL (系统事件接收URL); needed only by CallbackHandler.
	Token, EncodingAESKey string
}

// Provider is a service provider. It is safe for concurrent use.
type Provider struct {
	cfg    *Config // a pointer, so that fmt never prints it through a *Provider (see redact.go)
	opts   []wecom.Option
	o      wecom.Options
	core   *api.Client
	source *token.CachedSource
	auth   *api.Auth
	login  *oauth.ProviderClient

	// License calls the 接口许可 (interface license) APIs.
	License *LicenseService
	// Contact calls the contact tools (search, id_translate, sort) for
	// authorized corps.
	Contact *ContactService
	// Device calls the hardware (智慧硬件) APIs.
	Device *DeviceService
}

// New returns a Provider. Only CorpID is required; the provider secret is
// needed for the provider-token APIs.
func New(cfg Config, opts ...wecom.Option) (*Provider, error) {
	if cfg.CorpID == "" {
		return nil, fmt.Errorf("%w: openwork: CorpID is required", wecom.ErrConfig)
	}
	o := wecom.NewOptions(opts...)
	// Later clients (suites, authorized corps) share the resolved options,
	// in particular the one cache.
	shared := append(append([]wecom.Option(nil), opts...), wecom.WithCache(o.Cache), wecom.WithLogger(o.Logger), wecom.WithHTTPClient(o.HTTPClient))
	p := &Provider{cfg: &cfg, opts: shared, o: o, core: api.New(o)}
	p.source = token.NewCachedSource(o.Cache, "wecom:provider_access_token:"+cfg.CorpID, p.fetchToken, token.WithLogger(o.Logger))
	p.auth = api.ProviderAccessToken(p.source)
	p.License = &LicenseService{p: p}
	p.Contact = &ContactService{p: p}
	p.Device = &DeviceService{p: p}
	login, err := oauth.NewProvider(oauth.ProviderConfig{CorpID: cfg.CorpID}, p.source, func(x *wecom.Options) { *x = o })
	if err != nil {
		return nil, fmt.Errorf("openwork: %w", err)
	}
	p.login = login
	return p, nil
}

func (p *Provider) fetchToken(ctx context.Context) (string, time.Duration, error) {
	if p.cfg.ProviderSecret == "" {
		return "", 0, fmt.Errorf("%w: openwork: ProviderSecret is required for provider_access_token", wecom.ErrConfig)
	}
	var out struct {
		Token     string `json:"provider_access_token"`
		ExpiresIn int64  `json:"expires_in"`
	}
	err := p.core.Do(ctx, nil, api.Request{
		Method: http.MethodPost, Path: "/cgi-bin/service/get_provider_token",
		Body:   map[string]string{"corpid": p.cfg.CorpID, "provider_secret": p.cfg.ProviderSecret},
		Safety: api.Idempotent,
	}, &out)
	if err != nil {
		return "", 0, err
	}
	return out.Token, time.Duration(out.ExpiresIn) * time.Second, nil
}

// Config returns the provider's configuration.
func (p *Provider) Config() Config { return *p.cfg }

// AccessToken returns the provider_access_token (service/get_provider_token),
// cached.
func (p *Provider) AccessToken(ctx context.Context) (string, error) { return p.source.Token(ctx) }

// Do calls any provider endpoint with the provider_access_token, for the
// ones this package does not wrap; see work.Client.Do for the conventions
// (sent once unless opts include wecom.Idempotent()).
func (p *Provider) Do(ctx context.Context, method, path string, in, out any, opts ...wecom.CallOption) error {
	return do(ctx, p.core, p.auth, method, path, in, out, opts)
}

func do(ctx context.Context, core *api.Client, auth *api.Auth, method, path string, in, out any, opts []wecom.CallOption) error {
	return core.Do(ctx, auth, api.Request{Method: method, Path: path, Body: in, Safety: api.CallSafety(opts)}, out)
}

func (p *Provider) post(ctx context.Context, path string, in, out any, safety api.Safety) error {
	return p.core.Do(ctx, p.auth, api.Request{Method: http.MethodPost, Path: path, Body: in, Safety: safety}, out)
}

// Login returns the client of the provider's web login (服务商网页登录):
// the login URLs and the exchange of their auth codes. It shares the
// provider's options; give it the redirect URL and, for QRLoginURL, the
// login suite id: p.Login().WithRedirectURL(u).WithLoginSuiteID(id).
func (p *Provider) Login() *oauth.ProviderClient { return p.login }

// LoginInfo exchanges the auth code of a provider web login for the admin
// or member who logged in (service/get_login_info).
func (p *Provider) LoginInfo(ctx context.Context, authCode string) (*oauth.LoginInfo, error) {
	return p.login.LoginInfo(ctx, authCode)
}

// OpenCorpID converts a corp id to the open_corpid this provider sees
// (service/corpid_to_opencorpid).
func (p *Provider) OpenCorpID(ctx context.Context, corpID string) (string, error) {
	var out struct {
		OpenCorpID string `json:"open_corpid"`
	}
	err := p.post(ctx, "/cgi-bin/service/corpid_to_opencorpid", map[string]string{"corpid": corpID}, &out, api.Idempotent)
	return out.OpenCorpID, err
}

// CustomizedAuthURL is the authorization link of customized-app templates.
type CustomizedAuthURL struct {
	QRCodeURL string `json:"qrcode_url"`
	ExpiresIn int64  `json:"expires_in"`
}

// CustomizedAuthURL returns the link (and QR code) a corp admin opens to
// authorize the given customized-app templates (at most 9)
// (service/get_customized_auth_url). state (a-zA-Z0-9, at most 32 bytes)
// comes back with the permanent code; WeCom requires the field, so it is
// sent even when empty.
func (p *Provider) CustomizedAuthURL(ctx context.Context, state string, templateIDs ...string) (*CustomizedAuthURL, error) {
	var out CustomizedAuthURL
	in := struct {
		State       string   `json:"state"` // required by WeCom, even empty
		TemplateIDs []string `json:"templateid_list"`
	}{state, templateIDs}
	if err := p.post(ctx, "/cgi-bin/service/get_customized_auth_url", in, &out, api.Unsafe); err != nil {
		return nil, err
	}
	return &out, nil
}

// RegisterCodeRequest asks for a registration code (推广二维码注册).
type RegisterCodeRequest struct {
	TemplateID  string `json:"template_id"`
	CorpName    string `json:"corp_name,omitempty"`
	AdminName   string `json:"admin_name,omitempty"`
	AdminMobile string `json:"admin_mobile,omitempty"`
	State       string `json:"state,omitempty"`
	FollowUser  string `json:"follow_user,omitempty"`
}

// RegisterCode is a registration code and its lifetime in seconds.
type RegisterCode struct {
	RegisterCode string `json:"register_code"`
	ExpiresIn    int64  `json:"expires_in"`
}

// RegisterCode returns a registration code for a new corp
// (service/get_register_code).
func (p *Provider) RegisterCode(ctx context.Context, req RegisterCodeRequest) (*RegisterCode, error) {
	var out RegisterCode
	if err := p.post(ctx, "/cgi-bin/service/get_register_code", req, &out, api.Unsafe); err != nil {
		return nil, err
	}
	return &out, nil
}

// RegisterInfo is what service/get_register_info reports on a code's use
// (page 90582). ContactSync.AccessToken is a credential: never log it.
type RegisterInfo struct {
	// CorpID is the id of the corp that registered.
	CorpID       string `json:"corpid"`
	AuthUserInfo struct {
		UserID string `json:"userid"`
	} `json:"auth_user_info"`
	ContactSync struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	} `json:"contact_sync"`
	State string `json:"state"`
	// TemplateID is the registration template (推广包) used.
	TemplateID string `json:"template_id"`
}

// RegisterInfo returns the corp registered with a registration code
// (service/get_register_info).
func (p *Provider) RegisterInfo(ctx context.Context, registerCode string) (*RegisterInfo, error) {
	var out RegisterInfo
	if err := p.post(ctx, "/cgi-bin/service/get_register_info", map[string]string{"register_code": registerCode}, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}
