package openwork

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/work"
)

// DefaultInstallBaseURL is the origin of the install page.
const DefaultInstallBaseURL = "https://open.work.weixin.qq.com"

// SuiteTicketTTL is how long a pushed suite_ticket is kept: WeCom pushes one
// every 10 minutes and each is valid for 30.
const SuiteTicketTTL = 30 * time.Minute

var (
	// ErrNoSuiteTicket is returned when no suite_ticket has been received
	// yet (or the last one is older than 30 minutes).
	ErrNoSuiteTicket = errors.New("openwork: no suite_ticket stored yet: WeCom pushes one to the suite's " +
		"instruction callback URL every 10 minutes; wait for the next push, or trigger one with " +
		"\"刷新Ticket\" in the provider console, and make sure Suite.CallbackHandler serves that URL")
	// ErrSuiteTicketInvalid wraps WeCom's 40085: the stored suite_ticket
	// was rejected; the next push replaces it.
	ErrSuiteTicketInvalid = errors.New("openwork: suite_ticket rejected by WeCom (40085): wait for the next " +
		"push to the instruction callback URL, or trigger one in the provider console")
)

// SuiteConfig identifies a third-party suite or a customized-app template.
type SuiteConfig struct {
	// SuiteID is the suite id (for a customized app, the template id).
	SuiteID string
	// SuiteSecret is the suite's secret.
	SuiteSecret string
	// Token and EncodingAESKey are the settings of the suite's callback
	// URLs (instruction and data callbacks share them).
	Token, EncodingAESKey string
	// Customized marks a customized-app template (代开发): authorized
	// corps are then called with gettoken and the permanent code as
	// secret instead of service/get_corp_token.
	Customized bool
	// InstallBaseURL overrides DefaultInstallBaseURL (for tests).
	InstallBaseURL string
}

// Suite is a third-party suite or a customized-app template of a
// Provider. It is safe for concurrent use.
type Suite struct {
	p      *Provider
	cfg    *SuiteConfig // a pointer, so that fmt never prints it through a *Suite (see redact.go)
	source *token.CachedSource
	auth   *api.Auth
	oauth  *oauth.SuiteClient

	mu         sync.Mutex
	corps      map[string]*work.Client
	ticketGate chan struct{} // serializes this process's ticket stores; see lockTicket

	// Order calls the paid-app (应用付费) order APIs, which take this
	// suite's suite_access_token.
	Order *OrderService
}

// Suite returns the suite described by cfg. SuiteID and SuiteSecret are
// required.
func (p *Provider) Suite(cfg SuiteConfig) (*Suite, error) {
	if cfg.SuiteID == "" || cfg.SuiteSecret == "" {
		return nil, fmt.Errorf("%w: openwork: SuiteID and SuiteSecret are required", wecom.ErrConfig)
	}
	if cfg.InstallBaseURL == "" {
		cfg.InstallBaseURL = DefaultInstallBaseURL
	}
	s := &Suite{p: p, cfg: &cfg, corps: make(map[string]*work.Client)}
	s.Order = &OrderService{s: s}
	s.source = token.NewCachedSource(p.o.Cache, "wecom:suite_access_token:"+cfg.SuiteID, s.fetchToken, token.WithLogger(p.o.Logger))
	s.auth = api.SuiteAccessToken(s.source)
	var err error
	if s.oauth, err = oauth.NewSuite(oauth.SuiteConfig{SuiteID: cfg.SuiteID}, s.source, func(o *wecom.Options) { *o = p.o }); err != nil {
		return nil, fmt.Errorf("openwork: %w", err)
	}
	return s, nil
}

// Config returns the suite's configuration.
func (s *Suite) Config() SuiteConfig { return *s.cfg }

// OAuth returns the suite's OAuth client: the in-app login URL with the
// suite id as appid, and the exchange of codes for the member's identity
// (service/auth/getuserinfo3rd, getuserdetail3rd). It shares the
// provider's options and has no redirect URL: derive one with
// s.OAuth().WithRedirectURL(u). Customized apps log members in with the
// Corp client's OAuth instead.
func (s *Suite) OAuth() *oauth.SuiteClient { return s.oauth }

// Provider returns the provider the suite belongs to.
func (s *Suite) Provider() *Provider { return s.p }

func (s *Suite) ticketKey() string { return "wecom:suite_ticket:" + s.cfg.SuiteID }

// ticketTimeKey holds the push time (Unix seconds, WeCom's TimeStamp) of
// the ticket stored under ticketKey. The ticket's own key holds the bare
// ticket, as it always has, so that every instance of a service reads it
// whatever its version.
func (s *Suite) ticketTimeKey() string { return "wecom:suite_ticket_time:" + s.cfg.SuiteID }

// ticketLockTTL bounds how long a crashed instance can hold the ticket lock.
const ticketLockTTL = 2 * time.Second

// SetTicket stores a suite_ticket in the shared cache, where every instance
// of the service finds it, as the current one: it replaces whatever is
// stored. The instruction callback handler does not use it: it stores each
// pushed ticket only if it is newer than the stored one (by the push's
// TimeStamp), so that a delayed or replayed push never replaces a newer
// ticket.
func (s *Suite) SetTicket(ctx context.Context, ticket string) error {
	_, err := s.storeTicket(ctx, ticket, time.Now(), false)
	return err
}

// storeTicket stores ticket, pushed at pushed, for the rest of its 30
// minutes. With ifNewer it leaves a ticket pushed later in place and
// reports false. Stores are serialized: within the process, and across
// instances with the cache's lock when it has one (token.Locker, as the
// Redis cache does); a cache without one is shared by nobody or offers only
// a best effort.
func (s *Suite) storeTicket(ctx context.Context, ticket string, pushed time.Time, ifNewer bool) (bool, error) {
	if ticket == "" {
		return false, fmt.Errorf("openwork: empty suite_ticket for suite %s", s.cfg.SuiteID)
	}
	ttl := min(SuiteTicketTTL, time.Until(pushed.Add(SuiteTicketTTL)))
	if ttl <= 0 {
		return false, nil // expired already: a replay
	}
	unlock, err := s.lockTicket(ctx)
	if err != nil {
		return false, fmt.Errorf("openwork: store suite_ticket of %s: %w", s.cfg.SuiteID, err)
	}
	defer unlock()
	cache := s.p.o.Cache
	if ifNewer {
		v, err := cache.Get(ctx, s.ticketTimeKey())
		switch {
		case errors.Is(err, token.ErrNotFound):
		case err != nil:
			return false, fmt.Errorf("openwork: store suite_ticket of %s: %w", s.cfg.SuiteID, err)
		default:
			if stored, err := strconv.ParseInt(v, 10, 64); err == nil && stored > pushed.Unix() {
				return false, nil
			}
		}
	}
	// The time first: if the ticket then fails to be stored, the time
	// guards a ticket that was not kept, which only makes a push older than
	// the failed one be ignored; the other way round an older push could
	// replace the newer ticket.
	if err := cache.Set(ctx, s.ticketTimeKey(), strconv.FormatInt(pushed.Unix(), 10), ttl); err != nil {
		return false, fmt.Errorf("openwork: store suite_ticket of %s: %w", s.cfg.SuiteID, err)
	}
	if err := cache.Set(ctx, s.ticketKey(), ticket, ttl); err != nil {
		return false, fmt.Errorf("openwork: store suite_ticket of %s: %w", s.cfg.SuiteID, err)
	}
	return true, nil
}

// lockTicket serializes ticket stores until ctx is done, and returns the
// function that ends the critical section.
func (s *Suite) lockTicket(ctx context.Context) (func(), error) {
	s.mu.Lock()
	if s.ticketGate == nil {
		s.ticketGate = make(chan struct{}, 1)
	}
	gate := s.ticketGate
	s.mu.Unlock()
	select {
	case gate <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	leave := func() { <-gate }
	locker, ok := s.p.o.Cache.(token.Locker)
	if !ok {
		return leave, nil
	}
	key := "wecom:suite_ticket_lock:" + s.cfg.SuiteID
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		release, err := locker.TryLock(ctx, key, ticketLockTTL)
		if err != nil {
			leave()
			return nil, err
		}
		if release != nil {
			return func() {
				// With ctx ended the release fails at once and the lock
				// expires on its own: the answer is not held back.
				_ = release(ctx)
				leave()
			}, nil
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			leave()
			return nil, ctx.Err()
		}
	}
}

// Ticket returns the last suite_ticket pushed, or ErrNoSuiteTicket.
func (s *Suite) Ticket(ctx context.Context) (string, error) {
	t, err := s.p.o.Cache.Get(ctx, s.ticketKey())
	if errors.Is(err, token.ErrNotFound) {
		return "", ErrNoSuiteTicket
	}
	if err != nil {
		return "", fmt.Errorf("openwork: read suite_ticket of %s: %w", s.cfg.SuiteID, err)
	}
	return t, nil
}

func (s *Suite) fetchToken(ctx context.Context) (string, time.Duration, error) {
	ticket, err := s.Ticket(ctx)
	if err != nil {
		return "", 0, err
	}
	var out struct {
		Token     string `json:"suite_access_token"`
		ExpiresIn int64  `json:"expires_in"`
	}
	err = s.p.core.Do(ctx, nil, api.Request{
		Method: http.MethodPost, Path: "/cgi-bin/service/get_suite_token",
		Body:   map[string]string{"suite_id": s.cfg.SuiteID, "suite_secret": s.cfg.SuiteSecret, "suite_ticket": ticket},
		Safety: api.Idempotent,
	}, &out)
	if wecom.ErrCode(err) == wecom.CodeInvalidSuiteTicket {
		return "", 0, fmt.Errorf("%w: %w", ErrSuiteTicketInvalid, err)
	}
	if err != nil {
		return "", 0, err
	}
	return out.Token, time.Duration(out.ExpiresIn) * time.Second, nil
}

// AccessToken returns the suite_access_token, obtained with the stored
// suite_ticket (service/get_suite_token) and cached. Without a ticket it
// fails with ErrNoSuiteTicket and makes no network call.
func (s *Suite) AccessToken(ctx context.Context) (string, error) { return s.source.Token(ctx) }

// Do calls any suite endpoint with the suite_access_token; see
// work.Client.Do for the conventions (sent once unless opts include
// wecom.Idempotent()).
func (s *Suite) Do(ctx context.Context, method, path string, in, out any, opts ...wecom.CallOption) error {
	return do(ctx, s.p.core, s.auth, method, path, in, out, opts)
}

func (s *Suite) post(ctx context.Context, path string, in, out any, safety api.Safety) error {
	return s.p.core.Do(ctx, s.auth, api.Request{Method: http.MethodPost, Path: path, Body: in, Safety: safety}, out)
}

// PreAuthCode is a pre-authorization code and its lifetime.
type PreAuthCode struct {
	Code      string `json:"pre_auth_code"`
	ExpiresIn int64  `json:"expires_in"`
}

// PreAuthCode returns a new pre-authorization code
// (GET service/get_pre_auth_code), valid for ExpiresIn seconds. It is a
// read: a transient failure is retried.
func (s *Suite) PreAuthCode(ctx context.Context) (*PreAuthCode, error) {
	var out PreAuthCode
	err := s.p.core.Do(ctx, s.auth, api.Request{Method: http.MethodGet, Path: "/cgi-bin/service/get_pre_auth_code", Safety: api.Idempotent}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AuthType selects a formal or a test installation in SetSessionInfo.
type AuthType int

// Authorization types of service/set_session_info.
const (
	AuthTypeFormal AuthType = 0
	AuthTypeTest   AuthType = 1 // install an unpublished app in a test corp
)

// SessionInfoRequest is the session service/set_session_info sets on a
// pre-authorization code.
type SessionInfoRequest struct {
	PreAuthCode string
	// AuthType is a formal (the zero value) or a test installation.
	AuthType AuthType
	// AppIDs are for legacy multi-app suites only.
	AppIDs []int64
}

// SetSessionInfo sets the installation session of a pre-authorization code
// (service/set_session_info).
func (s *Suite) SetSessionInfo(ctx context.Context, req SessionInfoRequest) error {
	type session struct {
		AppID    []int64  `json:"appid,omitempty"`
		AuthType AuthType `json:"auth_type"`
	}
	in := struct {
		PreAuthCode string  `json:"pre_auth_code"`
		SessionInfo session `json:"session_info"`
	}{req.PreAuthCode, session{req.AppIDs, req.AuthType}}
	return s.post(ctx, "/cgi-bin/service/set_session_info", in, nil, api.Idempotent)
}

// InstallOption configures InstallURL.
type InstallOption func(*installOptions)

type installOptions struct{ test bool }

// TestInstall makes InstallURL set up a test installation (auth_type 1),
// for apps not yet published.
func TestInstall() InstallOption { return func(o *installOptions) { o.test = true } }

// InstallURL returns the link that installs the suite from the provider's
// web site: a fresh pre-authorization code (service/get_pre_auth_code, plus
// service/set_session_info with TestInstall), and
// https://open.work.weixin.qq.com/3rdapp/install?suite_id=…&pre_auth_code=…&redirect_uri=…&state=…
// After installation the browser comes back to redirectURI with auth_code,
// expires_in and state; pass auth_code to PermanentCode.
func (s *Suite) InstallURL(ctx context.Context, redirectURI, state string, opts ...InstallOption) (string, error) {
	var o installOptions
	for _, opt := range opts {
		opt(&o)
	}
	pre, err := s.PreAuthCode(ctx)
	if err != nil {
		return "", err
	}
	if o.test {
		if err := s.SetSessionInfo(ctx, SessionInfoRequest{PreAuthCode: pre.Code, AuthType: AuthTypeTest}); err != nil {
			return "", err
		}
	}
	return s.cfg.InstallBaseURL + "/3rdapp/install?suite_id=" + url.QueryEscape(s.cfg.SuiteID) +
		"&pre_auth_code=" + url.QueryEscape(pre.Code) +
		"&redirect_uri=" + url.QueryEscape(redirectURI) +
		"&state=" + url.QueryEscape(state), nil
}

// PermanentCode exchanges a temporary auth code (from the install redirect
// or a create_auth callback; single use, 10 minutes) for the installation's
// permanent code and details (service/get_permanent_code).
func (s *Suite) PermanentCode(ctx context.Context, authCode string) (*Authorization, error) {
	return s.permanentCode(ctx, "/cgi-bin/service/get_permanent_code", authCode)
}

// PermanentCodeV2 is PermanentCode on the lighter v2 endpoint
// (service/v2/get_permanent_code): no access token and no auth_info in the
// answer; call AuthInfo for those.
func (s *Suite) PermanentCodeV2(ctx context.Context, authCode string) (*Authorization, error) {
	return s.permanentCode(ctx, "/cgi-bin/service/v2/get_permanent_code", authCode)
}

func (s *Suite) permanentCode(ctx context.Context, path, authCode string) (*Authorization, error) {
	var out Authorization
	// An auth code is single use: never repeated.
	if err := s.post(ctx, path, map[string]string{"auth_code": authCode}, &out, api.Never); err != nil {
		return nil, err
	}
	return &out, nil
}

// AuthInfo returns what a corp authorized (service/get_auth_info); call it
// again after a change_auth callback.
func (s *Suite) AuthInfo(ctx context.Context, corpID, permanentCode string) (*CorpAuthInfo, error) {
	var out CorpAuthInfo
	in := map[string]string{"auth_corpid": corpID, "permanent_code": permanentCode}
	if err := s.post(ctx, "/cgi-bin/service/get_auth_info", in, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// AdminList returns the administrators of an authorized app
// (service/get_admin_list).
func (s *Suite) AdminList(ctx context.Context, corpID string, agentID int64) ([]Admin, error) {
	var out struct {
		Admin []Admin `json:"admin"`
	}
	in := struct {
		AuthCorpID string `json:"auth_corpid"`
		AgentID    int64  `json:"agentid"`
	}{corpID, agentID}
	if err := s.post(ctx, "/cgi-bin/service/get_admin_list", in, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return out.Admin, nil
}

// QRCodeStyle is the look of an app QR code.
type QRCodeStyle int

// Styles of service/get_app_qrcode.
const (
	QRCodeFramedPrint  QRCodeStyle = 0
	QRCodeFramedScreen QRCodeStyle = 1
	QRCodeSmall        QRCodeStyle = 2
	QRCodeMedium       QRCodeStyle = 3
	QRCodeLarge        QRCodeStyle = 4
)

// AppQRCodeURL returns the URL of the suite's install QR code
// (service/get_app_qrcode with result_type 2). state comes back with the
// permanent code.
func (s *Suite) AppQRCodeURL(ctx context.Context, state string, style QRCodeStyle) (string, error) {
	in := struct {
		SuiteID    string      `json:"suite_id"`
		State      string      `json:"state,omitempty"`
		Style      QRCodeStyle `json:"style"`
		ResultType int         `json:"result_type"`
	}{s.cfg.SuiteID, state, style, 2}
	var out struct {
		QRCode string `json:"qrcode"`
	}
	if err := s.post(ctx, "/cgi-bin/service/get_app_qrcode", in, &out, api.Idempotent); err != nil {
		return "", err
	}
	return out.QRCode, nil
}

// CorpConfig names an authorized corp for Suite.Corp.
type CorpConfig struct {
	// CorpID is the authorized corp's id (auth_corpid). Required.
	CorpID string
	// PermanentCode is the installation's permanent code, from
	// PermanentCode or a create_auth callback. Required; it never reaches
	// a log line, an error or a cache key.
	PermanentCode string
	// AgentID is the app's id in that corp (Authorization.AuthInfo),
	// used by the calls that need one, such as Message.Send.
	AgentID int64
}

// String describes cfg without its permanent code.
func (cfg CorpConfig) String() string {
	return "openwork.CorpConfig{CorpID: " + cfg.CorpID + ", AgentID: " + strconv.FormatInt(cfg.AgentID, 10) + ", PermanentCode: [redacted]}"
}

// GoString is String, for %#v.
func (cfg CorpConfig) GoString() string { return cfg.String() }

// LogValue describes cfg to log/slog without its permanent code.
func (cfg CorpConfig) LogValue() slog.Value {
	return slog.GroupValue(slog.String("corp_id", cfg.CorpID), slog.Int64("agent_id", cfg.AgentID),
		slog.String("permanent_code", "[redacted]"))
}

// Corp returns a client that calls WeCom on behalf of an authorized corp,
// with every typed service of a self-built app. For a third-party suite its
// token comes from service/get_corp_token; for a customized app from
// gettoken with the permanent code as secret. Tokens are cached per suite
// and corp; clients are reused for the same corp, agent and permanent code.
// The client shares the provider's options (HTTP client, cache, logger).
// A missing CorpID or PermanentCode is a wecom.ErrConfig.
func (s *Suite) Corp(cfg CorpConfig) (*work.Client, error) {
	if cfg.CorpID == "" || cfg.PermanentCode == "" {
		return nil, fmt.Errorf("%w: openwork: Corp needs a CorpID and a PermanentCode", wecom.ErrConfig)
	}
	sum := sha256.Sum256([]byte(cfg.PermanentCode))
	id := cfg.CorpID + "\x00" + strconv.FormatInt(cfg.AgentID, 10) + "\x00" + hex.EncodeToString(sum[:8])
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.corps[id]; c != nil {
		return c, nil
	}
	wcfg := work.Config{CorpID: cfg.CorpID, AgentID: cfg.AgentID, Secret: cfg.PermanentCode, Token: s.cfg.Token, EncodingAESKey: s.cfg.EncodingAESKey}
	same := func(o *wecom.Options) { *o = s.p.o }
	var c *work.Client
	var err error
	if s.cfg.Customized {
		c, err = work.New(wcfg, same)
	} else {
		src := token.NewCachedSource(s.p.o.Cache, "wecom:corp_access_token:"+s.cfg.SuiteID+":"+cfg.CorpID,
			s.corpToken(cfg.CorpID, cfg.PermanentCode), token.WithLogger(s.p.o.Logger))
		c, err = work.NewWithTokenSource(wcfg, src, same)
	}
	if err != nil {
		return nil, fmt.Errorf("openwork: corp %s: %w", cfg.CorpID, err)
	}
	s.corps[id] = c
	return c, nil
}

func (s *Suite) corpToken(corpID, permanentCode string) token.FetchFunc {
	return func(ctx context.Context) (string, time.Duration, error) {
		if corpID == "" || permanentCode == "" {
			return "", 0, fmt.Errorf("%w: openwork: corp id and permanent code are required", wecom.ErrConfig)
		}
		var out struct {
			AccessToken string `json:"access_token"`
			ExpiresIn   int64  `json:"expires_in"`
		}
		in := map[string]string{"auth_corpid": corpID, "permanent_code": permanentCode}
		if err := s.post(ctx, "/cgi-bin/service/get_corp_token", in, &out, api.Idempotent); err != nil {
			return "", 0, err
		}
		return out.AccessToken, time.Duration(out.ExpiresIn) * time.Second, nil
	}
}
