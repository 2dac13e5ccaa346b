package work

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/jssdk"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/token"
)

// Config identifies a self-built or customized app.
type Config struct {
	// CorpID is the corp's id (企业ID).
	CorpID string
	// AgentID is the app's id; 0 for the contacts or customer-contact
	// secrets, which belong to no app.
	AgentID int64
	// Secret is the app's secret; for a customized app (代开发) it is the
	// permanent code.
	Secret string
	// Token and EncodingAESKey are the app's callback settings; needed
	// only by CallbackHandler.
	Token, EncodingAESKey string
}

// Client calls WeCom on behalf of one app of one corp. Its services group
// the API by area. It is safe for concurrent use.
type Client struct {
	cfg    *Config // a pointer, so that fmt never prints it through a *Client (see redact.go)
	opts   wecom.Options
	core   *api.Client
	auth   *api.Auth
	source token.Invalidator

	User            *UserService
	Department      *DepartmentService
	Tag             *TagService
	Batch           *BatchService
	Message         *MessageService
	AppChat         *AppChatService
	LinkedCorp      *LinkedCorpService
	Media           *MediaService
	Agent           *AgentService
	Menu            *MenuService
	ExternalContact *ExternalContactService
	Checkin         *CheckinService
	Approval        *ApprovalService
	KF              *KFService
	// Calendar, Schedule, MeetingRoom, Journal and Vacation wrap oa/calendar,
	// oa/schedule, oa/meetingroom, oa/journal and oa/vacation.
	Calendar    *CalendarService
	Schedule    *ScheduleService
	MeetingRoom *MeetingRoomService
	Journal     *JournalService
	Vacation    *VacationService
	// MsgAudit calls the chat archive's HTTP API (会话内容存档).
	MsgAudit *MsgAuditService
	// Living, Export, Dial and PSTNCC wrap living/* (直播), export/*
	// (异步导出), dial/* (公费电话) and pstncc/* (紧急通知).
	Living *LivingService
	Export *ExportService
	Dial   *DialService
	PSTNCC *PSTNCCService
	// Meeting wraps meeting/* (会议).
	Meeting *MeetingService
	// HR reads the staff roster (人事助手 花名册).
	HR *HRService
	// CorpGroup calls the upstream/downstream (上下游) API and makes
	// clients of downstream corps.
	CorpGroup *CorpGroupService
	// Intercept, ProductAlbum and CustomerAcquisition manage customer
	// contact's sensitive-word rules (敏感词拦截), product album (商品图册)
	// and acquisition links (获客助手).
	Intercept           *InterceptService
	ProductAlbum        *ProductAlbumService
	CustomerAcquisition *CustomerAcquisitionService

	// OAuth logs members in from H5 pages opened inside WeCom or on the web.
	OAuth *oauth.Client
	// JSSDK signs wx.config and wx.agentConfig for the app's pages.
	JSSDK *jssdk.Client
}

// service is embedded by every service of a Client.
type service struct{ c *Client }

// New returns a Client whose access token comes from gettoken with the
// corp id and secret of cfg. Tokens are cached in the configured cache
// (default: in memory) under a key naming the corp, the agent and a
// fingerprint of the secret, so clients of one corp with different secrets
// never share a token, and no key contains a secret.
func New(cfg Config, opts ...wecom.Option) (*Client, error) {
	if cfg.CorpID == "" || cfg.Secret == "" {
		return nil, fmt.Errorf("%w: work: CorpID and Secret are required", wecom.ErrConfig)
	}
	o := wecom.NewOptions(opts...)
	core := api.New(o)
	src := token.NewCachedSource(o.Cache, AccessTokenKey(cfg.CorpID, cfg.AgentID, cfg.Secret),
		gettoken(core, cfg.CorpID, cfg.Secret), token.WithLogger(o.Logger))
	return newClient(cfg, o, core, src)
}

// NewWithTokenSource returns a Client whose access token comes from src,
// such as an authorized corp's token obtained by a third-party suite.
// cfg.CorpID is required; cfg.Secret is not used.
func NewWithTokenSource(cfg Config, src token.Invalidator, opts ...wecom.Option) (*Client, error) {
	if cfg.CorpID == "" {
		return nil, fmt.Errorf("%w: work: CorpID is required", wecom.ErrConfig)
	}
	if src == nil {
		return nil, fmt.Errorf("%w: work: a token source is required", wecom.ErrConfig)
	}
	o := wecom.NewOptions(opts...)
	return newClient(cfg, o, api.New(o), src)
}

func newClient(cfg Config, o wecom.Options, core *api.Client, src token.Invalidator) (*Client, error) {
	c := &Client{cfg: &cfg, opts: o, core: core, auth: api.AccessToken(src), source: src}
	// The sub-clients get every resolved option of this one (HTTP client,
	// base URL, cache, logger, timeout, retry and whatever is added
	// later), so that one WithLogger or WithHTTPClient reaches them all.
	same := func(p *wecom.Options) { *p = o }
	var err error
	if c.OAuth, err = oauth.New(oauth.Config{CorpID: cfg.CorpID, AgentID: cfg.AgentID}, src, same); err != nil {
		return nil, fmt.Errorf("work: %w", err)
	}
	if c.JSSDK, err = jssdk.New(jssdk.Config{CorpID: cfg.CorpID, AgentID: cfg.AgentID}, src, same); err != nil {
		return nil, fmt.Errorf("work: %w", err)
	}
	s := service{c}
	c.User = (*UserService)(&s)
	c.Department = (*DepartmentService)(&s)
	c.Tag = (*TagService)(&s)
	c.Batch = (*BatchService)(&s)
	c.Message = (*MessageService)(&s)
	c.AppChat = (*AppChatService)(&s)
	c.LinkedCorp = (*LinkedCorpService)(&s)
	c.Media = (*MediaService)(&s)
	c.Agent = (*AgentService)(&s)
	c.Menu = (*MenuService)(&s)
	c.ExternalContact = (*ExternalContactService)(&s)
	c.Checkin = (*CheckinService)(&s)
	c.Approval = (*ApprovalService)(&s)
	c.KF = (*KFService)(&s)
	c.Calendar = (*CalendarService)(&s)
	c.Schedule = (*ScheduleService)(&s)
	c.MeetingRoom = (*MeetingRoomService)(&s)
	c.Journal = (*JournalService)(&s)
	c.Vacation = (*VacationService)(&s)
	c.MsgAudit = (*MsgAuditService)(&s)
	c.Living = (*LivingService)(&s)
	c.Export = (*ExportService)(&s)
	c.Dial = (*DialService)(&s)
	c.PSTNCC = (*PSTNCCService)(&s)
	c.Meeting = (*MeetingService)(&s)
	c.HR = (*HRService)(&s)
	c.CorpGroup = (*CorpGroupService)(&s)
	c.Intercept = (*InterceptService)(&s)
	c.ProductAlbum = (*ProductAlbumService)(&s)
	c.CustomerAcquisition = (*CustomerAcquisitionService)(&s)
	return c, nil
}

// AccessTokenKey is the cache key of the access token of an app: it names
// the corp and agent, plus a short SHA-256 fingerprint of the secret (never
// the secret itself).
func AccessTokenKey(corpID string, agentID int64, secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return "wecom:access_token:" + corpID + ":" + strconv.FormatInt(agentID, 10) + ":" + hex.EncodeToString(sum[:6])
}

// gettoken fetches an access token with a corp id and secret.
func gettoken(core *api.Client, corpID, secret string) token.FetchFunc {
	return func(ctx context.Context) (string, time.Duration, error) {
		var out struct {
			AccessToken string `json:"access_token"`
			ExpiresIn   int64  `json:"expires_in"`
		}
		err := core.Do(ctx, nil, api.Request{
			Method: http.MethodGet,
			Path:   "/cgi-bin/gettoken",
			Query:  url.Values{"corpid": {corpID}, "corpsecret": {secret}},
			Safety: api.Idempotent,
		}, &out)
		if err != nil {
			return "", 0, err
		}
		return out.AccessToken, time.Duration(out.ExpiresIn) * time.Second, nil
	}
}

// Config returns the client's configuration.
func (c *Client) Config() Config { return *c.cfg }

// Cache returns the cache the client keeps its tokens in (the one given
// with wecom.WithCache, or its own in-memory cache). Callback handlers can
// share it, e.g. message.WithDedup(c.Cache(), 0).
func (c *Client) Cache() token.Cache { return c.opts.Cache }

// AccessToken returns the app's current access token (cached; fetched with
// gettoken when missing or about to expire).
func (c *Client) AccessToken(ctx context.Context) (string, error) {
	return c.source.Token(ctx)
}

// Do calls any endpoint with the app's access token, for the ones this
// package does not wrap. method is http.MethodGet or http.MethodPost; path
// starts with "/cgi-bin/" and may carry a query; in (POST only) is encoded
// as JSON and the answer is decoded into out. An invalid token is refreshed
// and the call repeated once. Other failures are not repeated, and a GET is
// not replayed by net/http, unless opts include wecom.Idempotent(); a
// request that delivers something (message/send, appchat/send, ...) is
// never repeated:
//
//	err := c.Do(ctx, http.MethodPost, "/cgi-bin/tag/addtagusers", in, &out, wecom.Idempotent())
func (c *Client) Do(ctx context.Context, method, path string, in, out any, opts ...wecom.CallOption) error {
	return c.core.Do(ctx, c.auth, api.Request{Method: method, Path: path, Body: in, Safety: api.CallSafety(opts)}, out)
}

// get calls a read-only GET endpoint.
func (s *service) get(ctx context.Context, path string, q url.Values, out any) error {
	return s.c.core.Do(ctx, s.c.auth, api.Request{Method: http.MethodGet, Path: path, Query: q, Safety: api.Idempotent}, out)
}

// getUnsafe calls a GET endpoint that changes state (user/delete,
// department/delete, ...): unlike get, it is not repeated after a transient
// failure unless ctx allows it.
func (s *service) getUnsafe(ctx context.Context, path string, q url.Values, out any) error {
	return s.c.core.Do(ctx, s.c.auth, api.Request{Method: http.MethodGet, Path: path, Query: q, Safety: api.Unsafe}, out)
}

// post calls a POST endpoint with the given repeat safety.
func (s *service) post(ctx context.Context, path string, in, out any, safety api.Safety) error {
	return s.c.core.Do(ctx, s.c.auth, api.Request{Method: http.MethodPost, Path: path, Body: in, Safety: safety}, out)
}
