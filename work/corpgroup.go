package work

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/token"
)

// CorpGroupService wraps the API of upstream/downstream networks (上下游):
// chains, their member corps and rules, chain contacts import, and the
// access tokens of downstream corps for the apps shared with them.
type CorpGroupService service

// ErrInvalidCorpGroup is returned, without calling WeCom, for a corpgroup
// request missing a required field.
var ErrInvalidCorpGroup = errors.New("work: invalid corpgroup request")

// BusinessType tells whether a shared app is shared through a corp group
// (0, 企业互联) or an upstream/downstream chain (1, 上下游).
type BusinessType int

const (
	// BusinessCorpGroup is an app shared in a corp group (企业互联).
	BusinessCorpGroup BusinessType = 0
	// BusinessChain is an app shared in an upstream/downstream chain.
	BusinessChain BusinessType = 1
)

// CorpGroupCorpConfig names a downstream corp and the app shared with it.
type CorpGroupCorpConfig struct {
	// CorpID is the downstream corp's id.
	CorpID string
	// AgentID is the shared app's id in the downstream corp.
	AgentID int64
	// BusinessType is how the app is shared (BusinessChain by default is
	// not assumed: 0 is a corp group).
	BusinessType BusinessType
}

// CorpToken is a downstream corp's access token (corpgroup/corp/gettoken).
type CorpToken struct {
	AccessToken string        `json:"access_token"`
	ExpiresIn   time.Duration `json:"-"`
}

// String redacts the token.
func (t CorpToken) String() string { return "work.CorpToken{AccessToken:<redacted>}" }

func (s *CorpGroupService) corpToken(ctx context.Context, cfg CorpGroupCorpConfig) (*CorpToken, error) {
	if cfg.CorpID == "" || cfg.AgentID == 0 {
		return nil, fmt.Errorf("%w: corp id and agent id are required", ErrInvalidCorpGroup)
	}
	var out struct {
		AccessToken string   `json:"access_token"`
		ExpiresIn   looseInt `json:"expires_in"`
	}
	in := map[string]any{"corpid": cfg.CorpID, "business_type": int(cfg.BusinessType), "agentid": cfg.AgentID}
	if err := (*service)(s).post(ctx, "/cgi-bin/corpgroup/corp/gettoken", in, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &CorpToken{AccessToken: out.AccessToken, ExpiresIn: time.Duration(out.ExpiresIn) * time.Second}, nil
}

// CorpToken fetches the access token of a downstream corp's shared app
// (corpgroup/corp/gettoken) with this (upstream) app's token. Most callers
// want Corp, which caches it.
func (s *CorpGroupService) CorpToken(ctx context.Context, cfg CorpGroupCorpConfig) (*CorpToken, error) {
	return s.corpToken(ctx, cfg)
}

// CorpTokenKey is the cache key of a downstream corp's token fetched
// through the upstream corp upstreamCorpID's app upstreamAgentID.
func CorpTokenKey(upstreamCorpID string, upstreamAgentID int64, cfg CorpGroupCorpConfig) string {
	return "wecom:corpgroup_token:" + upstreamCorpID + ":" + strconv.FormatInt(upstreamAgentID, 10) + ":" +
		cfg.CorpID + ":" + strconv.FormatInt(cfg.AgentID, 10) + ":" + strconv.Itoa(int(cfg.BusinessType))
}

// CorpTokenSource returns a cached token.Source of the downstream corp's
// token, kept in the client's cache under CorpTokenKey.
func (s *CorpGroupService) CorpTokenSource(cfg CorpGroupCorpConfig) (token.Invalidator, error) {
	if cfg.CorpID == "" || cfg.AgentID == 0 {
		return nil, fmt.Errorf("%w: corp id and agent id are required", ErrInvalidCorpGroup)
	}
	c := s.c
	fetch := func(ctx context.Context) (string, time.Duration, error) {
		t, err := s.corpToken(ctx, cfg)
		if err != nil {
			return "", 0, err
		}
		return t.AccessToken, t.ExpiresIn, nil
	}
	return token.NewCachedSource(c.opts.Cache, CorpTokenKey(c.cfg.CorpID, c.cfg.AgentID, cfg), fetch,
		token.WithLogger(c.opts.Logger)), nil
}

// Corp returns a full Client of the downstream corp's shared app: its
// token comes from corpgroup/corp/gettoken through this client, cached
// under a key of its own (CorpTokenKey); it shares this client's options
// (HTTP client, base URL, cache, logger) unless opts override them.
func (s *CorpGroupService) Corp(cfg CorpGroupCorpConfig, opts ...wecom.Option) (*Client, error) {
	src, err := s.CorpTokenSource(cfg)
	if err != nil {
		return nil, err
	}
	base := s.c.opts
	all := append([]wecom.Option{func(p *wecom.Options) { *p = base }}, opts...)
	return NewWithTokenSource(Config{CorpID: cfg.CorpID, AgentID: cfg.AgentID}, src, all...)
}

// AppShareCorp is a corp an app is shared with.
type AppShareCorp struct {
	CorpID   string `json:"corpid"`
	CorpName string `json:"corp_name"`
	AgentID  int64  `json:"agentid"`
}

// AppShareInfoRequest is one corpgroup/corp/list_app_share_info call.
type AppShareInfoRequest struct {
	AgentID      int64        `json:"agentid"`
	BusinessType BusinessType `json:"business_type"`
	// CorpID, for a chain, lists the shares of one downstream corp.
	CorpID string `json:"corpid,omitempty"`
	Limit  int    `json:"limit,omitempty"`
	Cursor string `json:"cursor,omitempty"`
}

// AppShareInfo is one page of the corps an app is shared with.
type AppShareInfo struct {
	Ending     int            `json:"ending"`
	CorpList   []AppShareCorp `json:"corp_list"`
	NextCursor string         `json:"next_cursor"`
}

// ListAppShareInfo lists the corps an app is shared with
// (corpgroup/corp/list_app_share_info).
func (s *CorpGroupService) ListAppShareInfo(ctx context.Context, req AppShareInfoRequest) (*AppShareInfo, error) {
	if req.AgentID == 0 {
		return nil, fmt.Errorf("%w: agent id is required", ErrInvalidCorpGroup)
	}
	return postAs[AppShareInfo](ctx, (*service)(s), "/cgi-bin/corpgroup/corp/list_app_share_info", req, api.Idempotent)
}

// Chain is an upstream/downstream chain (上下游).
type Chain struct {
	ChainID   string `json:"chain_id"`
	ChainName string `json:"chain_name"`
}

// Chains lists the corp's chains (corpgroup/corp/get_chain_list).
func (s *CorpGroupService) Chains(ctx context.Context) ([]Chain, error) {
	out, err := getAs[struct {
		Chains []Chain `json:"chains"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/corp/get_chain_list", nil)
	if err != nil {
		return nil, err
	}
	return out.Chains, nil
}

// CorpChains lists the chains a downstream corp has joined, as the
// upstream corp's app sees them: the corp must be in the app's visible
// range (corpgroup/get_corp_shared_chain_list, page 97442).
func (s *CorpGroupService) CorpChains(ctx context.Context, corpID string) ([]Chain, error) {
	if corpID == "" {
		return nil, fmt.Errorf("%w: corp id is required", ErrInvalidCorpGroup)
	}
	out, err := postAs[struct {
		Chains []Chain `json:"chains"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/get_corp_shared_chain_list", map[string]string{"corpid": corpID}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.Chains, nil
}

// ChainGroup is a group of a chain's member corps.
type ChainGroup struct {
	GroupID   int64  `json:"groupid"`
	GroupName string `json:"group_name"`
	ParentID  int64  `json:"parentid"`
	Order     int64  `json:"order"`
}

// ChainGroupsRequest is one corpgroup/corp/get_chain_group call.
type ChainGroupsRequest struct {
	ChainID string `json:"chain_id"`
	// GroupID asks for one group; 0 lists every group.
	GroupID int64 `json:"groupid,omitempty"`
}

// ChainGroups lists the groups of a chain's contacts, or one of them
// (corpgroup/corp/get_chain_group, page 95820).
func (s *CorpGroupService) ChainGroups(ctx context.Context, req ChainGroupsRequest) ([]ChainGroup, error) {
	if req.ChainID == "" {
		return nil, fmt.Errorf("%w: chain id is required", ErrInvalidCorpGroup)
	}
	out, err := postAs[struct {
		Groups []ChainGroup `json:"groups"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/corp/get_chain_group", req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.Groups, nil
}

// ChainCorp is a member corp of a chain.
type ChainCorp struct {
	GroupID int64  `json:"groupid"`
	CorpID  string `json:"corpid"`
	// PendingCorpID identifies a corp invited but not joined yet.
	PendingCorpID string `json:"pending_corpid"`
	CorpName      string `json:"corp_name"`
	CustomID      string `json:"custom_id"`
	// InviteUserID is the member who invited the corp into the chain.
	InviteUserID string `json:"invite_userid"`
	IsJoined     bool   `json:"is_joined"`
}

// ChainCorpsRequest is one corpgroup/corp/get_chain_corpinfo_list call.
type ChainCorpsRequest struct {
	ChainID string `json:"chain_id"`
	// GroupID limits the list to a group; 0 lists every group.
	GroupID int64 `json:"groupid,omitempty"`
	// FetchChild also lists the corps of the group's subgroups (sent as
	// the page's 1).
	FetchChild bool `json:"fetch_child,omitempty"`
	// NeedPending also lists the corps invited but not joined yet.
	NeedPending bool   `json:"need_pending,omitempty"`
	Cursor      string `json:"cursor,omitempty"`
	Limit       int    `json:"limit,omitempty"`
}

// MarshalJSON sends FetchChild as 1, the page's type.
func (r ChainCorpsRequest) MarshalJSON() ([]byte, error) {
	type plain ChainCorpsRequest
	return json.Marshal(struct {
		plain
		FetchChild oneZero `json:"fetch_child,omitempty"`
	}{plain(r), oneZero(r.FetchChild)})
}

// UnmarshalJSON reads fetch_child as 1/0, "1" or true/false.
func (r *ChainCorpsRequest) UnmarshalJSON(data []byte) error {
	type plain ChainCorpsRequest
	w := struct {
		*plain
		FetchChild oneZero `json:"fetch_child"`
	}{plain: (*plain)(r)}
	if err := decodeLenient(data, &w); err != nil {
		return err
	}
	r.FetchChild = bool(w.FetchChild)
	return nil
}

// ChainCorps is one page of a chain's member corps.
type ChainCorps struct {
	GroupCorps []ChainCorp `json:"group_corps"`
	NextCursor string      `json:"next_cursor"`
	HasMore    bool        `json:"has_more"`
}

// ChainCorps lists a page of a chain's member corps
// (corpgroup/corp/get_chain_corpinfo_list).
func (s *CorpGroupService) ChainCorps(ctx context.Context, req ChainCorpsRequest) (*ChainCorps, error) {
	if req.ChainID == "" {
		return nil, fmt.Errorf("%w: chain id is required", ErrInvalidCorpGroup)
	}
	return postAs[ChainCorps](ctx, (*service)(s), "/cgi-bin/corpgroup/corp/get_chain_corpinfo_list", req, api.Idempotent)
}

// ChainCorpRef names a corp of a chain: a joined corp by CorpID or one
// not joined yet by PendingCorpID.
type ChainCorpRef struct {
	ChainID       string `json:"chain_id"`
	CorpID        string `json:"corpid,omitempty"`
	PendingCorpID string `json:"pending_corpid,omitempty"`
}

func (r ChainCorpRef) check() error {
	if r.ChainID == "" || (r.CorpID == "" && r.PendingCorpID == "") {
		return fmt.Errorf("%w: chain id and a corp id or pending corp id are required", ErrInvalidCorpGroup)
	}
	return nil
}

// ChainCorpInfo describes a member corp of a chain.
type ChainCorpInfo struct {
	CorpName string `json:"corp_name"`
	CustomID string `json:"custom_id"`
	GroupID  int64  `json:"groupid"`
	IsJoined bool   `json:"is_joined"`
	// QualificationStatus is the corp's verification and certification
	// state as WeCom numbers it.
	QualificationStatus int `json:"qualification_status"`
	// CorpVerified and CorpCertified are the older flags of that state,
	// as earlier versions of the page print them.
	CorpVerified  bool `json:"corp_verified"`
	CorpCertified bool `json:"corp_certified"`
}

// ChainCorp reads one member corp of a chain
// (corpgroup/corp/get_chain_corpinfo).
func (s *CorpGroupService) ChainCorp(ctx context.Context, ref ChainCorpRef) (*ChainCorpInfo, error) {
	if err := ref.check(); err != nil {
		return nil, err
	}
	return postAs[ChainCorpInfo](ctx, (*service)(s), "/cgi-bin/corpgroup/corp/get_chain_corpinfo", ref, api.Idempotent)
}

// RemoveCorp removes a corp from a chain (corpgroup/corp/remove_corp).
// It is not repeated after a failure.
func (s *CorpGroupService) RemoveCorp(ctx context.Context, ref ChainCorpRef) error {
	if err := ref.check(); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/corpgroup/corp/remove_corp", ref, nil, api.Unsafe)
}

// ChainUserRef names a member of a corp of a chain.
type ChainUserRef struct {
	ChainID string `json:"chain_id"`
	// CorpID is the member's corp, a joined corp of the chain; the page
	// marks it optional.
	CorpID string `json:"corpid,omitempty"`
	UserID string `json:"userid"`
}

// ChainUserCustomID returns the custom id a chain's member has
// (corpgroup/corp/get_chain_user_custom_id, page 97441).
func (s *CorpGroupService) ChainUserCustomID(ctx context.Context, ref ChainUserRef) (string, error) {
	if ref.ChainID == "" || ref.UserID == "" {
		return "", fmt.Errorf("%w: chain id and user id are required", ErrInvalidCorpGroup)
	}
	out, err := postAs[struct {
		UserCustomID string `json:"user_custom_id"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/corp/get_chain_user_custom_id", ref, api.Idempotent)
	if err != nil {
		return "", err
	}
	return out.UserCustomID, nil
}

// ChainContactUser is a contact of a corp imported into a chain.
type ChainContactUser struct {
	UserCustomID string `json:"user_custom_id,omitempty"`
	Name         string `json:"name,omitempty"`
	// IdentityType is the contact's identity in the corp, as the page
	// numbers it (1, 2).
	IdentityType int    `json:"identity_type,omitempty"`
	Mobile       string `json:"mobile,omitempty"`
}

// ChainContactCorp is a corp imported into a chain with its contacts.
type ChainContactCorp struct {
	CorpName  string             `json:"corp_name"`
	GroupPath string             `json:"group_path,omitempty"`
	CustomID  string             `json:"custom_id,omitempty"`
	Contacts  []ChainContactUser `json:"contact_info_list,omitempty"`
}

// ImportChainContactRequest is one corpgroup/import_chain_contact call.
type ImportChainContactRequest struct {
	ChainID     string             `json:"chain_id"`
	ContactList []ChainContactCorp `json:"contact_list"`
}

// ImportChainContact starts importing corps and their contacts into a
// chain (corpgroup/import_chain_contact) and returns the job id for
// ImportResult. It is not repeated after a failure.
func (s *CorpGroupService) ImportChainContact(ctx context.Context, req ImportChainContactRequest) (string, error) {
	if req.ChainID == "" || len(req.ContactList) == 0 {
		return "", fmt.Errorf("%w: chain id and contacts are required", ErrInvalidCorpGroup)
	}
	out, err := postAs[struct {
		JobID string `json:"jobid"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/import_chain_contact", req, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.JobID, nil
}

// ChainImportFailure is a corp an import could not add.
type ChainImportFailure struct {
	ErrCode  int    `json:"errcode"`
	ErrMsg   string `json:"errmsg"`
	CorpName string `json:"corp_name"`
	CustomID string `json:"custom_id"`
	// Contacts are the corp's contacts that failed, by mobile.
	Contacts []ChainImportContactFailure `json:"contact_info_list"`
}

// ChainImportContactFailure is a contact an import could not add.
type ChainImportContactFailure struct {
	Mobile  string `json:"mobile"`
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// ChainImportResult is the state of an import job (corpgroup/getresult).
type ChainImportResult struct {
	// Status is 1 started, 2 running, 3 done.
	Status int `json:"status"`
	Result struct {
		ChainID      string               `json:"chain_id"`
		ImportStatus int                  `json:"import_status"`
		FailList     []ChainImportFailure `json:"fail_list"`
	} `json:"result"`
}

// ImportResult reads the state of an import job (corpgroup/getresult).
func (s *CorpGroupService) ImportResult(ctx context.Context, jobID string) (*ChainImportResult, error) {
	if jobID == "" {
		return nil, fmt.Errorf("%w: job id is required", ErrInvalidCorpGroup)
	}
	return getAs[ChainImportResult](ctx, (*service)(s), "/cgi-bin/corpgroup/getresult", url.Values{"jobid": {jobID}})
}

// ChainRuleRange is the range of a chain's rule: members of the upstream
// corp (OwnerCorpRange) who may see which downstream corps (MemberCorpRange).
type ChainRuleRange struct {
	OwnerCorpRange struct {
		DepartmentIDs []int64  `json:"departmentids,omitempty"`
		UserIDs       []string `json:"userids,omitempty"`
	} `json:"owner_corp_range"`
	MemberCorpRange struct {
		GroupIDs []int64  `json:"groupids,omitempty"`
		CorpIDs  []string `json:"corpids,omitempty"`
	} `json:"member_corp_range"`
}

// ChainRuleIDs lists the ids of a chain's rules (corpgroup/rule/list_ids).
func (s *CorpGroupService) ChainRuleIDs(ctx context.Context, chainID string) ([]int64, error) {
	if chainID == "" {
		return nil, fmt.Errorf("%w: chain id is required", ErrInvalidCorpGroup)
	}
	out, err := postAs[struct {
		RuleIDs []int64 `json:"rule_ids"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/rule/list_ids", map[string]string{"chain_id": chainID}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.RuleIDs, nil
}

// ChainRule reads a chain's rule (corpgroup/rule/get_rule_info).
func (s *CorpGroupService) ChainRule(ctx context.Context, chainID string, ruleID int64) (*ChainRuleRange, error) {
	if chainID == "" || ruleID == 0 {
		return nil, fmt.Errorf("%w: chain id and rule id are required", ErrInvalidCorpGroup)
	}
	out, err := postAs[struct {
		RuleInfo ChainRuleRange `json:"rule_info"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/rule/get_rule_info", map[string]any{"chain_id": chainID, "rule_id": ruleID}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return &out.RuleInfo, nil
}

// AddChainRule adds a rule to a chain (corpgroup/rule/add_rule) and
// returns its id. It is not repeated after a failure.
func (s *CorpGroupService) AddChainRule(ctx context.Context, chainID string, rule ChainRuleRange) (int64, error) {
	if chainID == "" {
		return 0, fmt.Errorf("%w: chain id is required", ErrInvalidCorpGroup)
	}
	out, err := postAs[struct {
		RuleID int64 `json:"rule_id"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/rule/add_rule", map[string]any{"chain_id": chainID, "rule_info": rule}, api.Unsafe)
	if err != nil {
		return 0, err
	}
	return out.RuleID, nil
}

// ChainRuleModifyRequest is one ModifyChainRule call: the rule RuleID of
// chain ChainID becomes RuleInfo.
type ChainRuleModifyRequest struct {
	ChainID  string         `json:"chain_id"`
	RuleID   int64          `json:"rule_id"`
	RuleInfo ChainRuleRange `json:"rule_info"`
}

// ModifyChainRule replaces a chain's rule (corpgroup/rule/modify_rule).
func (s *CorpGroupService) ModifyChainRule(ctx context.Context, req ChainRuleModifyRequest) error {
	if req.ChainID == "" || req.RuleID == 0 {
		return fmt.Errorf("%w: chain id and rule id are required", ErrInvalidCorpGroup)
	}
	return (*service)(s).post(ctx, "/cgi-bin/corpgroup/rule/modify_rule", req, nil, api.Idempotent)
}

// DeleteChainRule deletes a chain's rule (corpgroup/rule/delete_rule). It
// is not repeated after a failure.
func (s *CorpGroupService) DeleteChainRule(ctx context.Context, chainID string, ruleID int64) error {
	if chainID == "" || ruleID == 0 {
		return fmt.Errorf("%w: chain id and rule id are required", ErrInvalidCorpGroup)
	}
	return (*service)(s).post(ctx, "/cgi-bin/corpgroup/rule/delete_rule",
		map[string]any{"chain_id": chainID, "rule_id": ruleID}, nil, api.Unsafe)
}

// ChainUnionIDRequest is one corpgroup/unionid_to_external_userid call.
type ChainUnionIDRequest struct {
	UnionID string `json:"unionid"`
	OpenID  string `json:"openid"`
	// CorpID limits the answer to one corp of the chain; empty asks
	// every corp.
	CorpID string `json:"corpid,omitempty"`
	// MassCallTicket, from ApplyMassCallTicket, lifts the call limit for
	// large batches.
	MassCallTicket string `json:"mass_call_ticket,omitempty"`
}

// ChainExternalUser is a customer's external user id in one corp.
type ChainExternalUser struct {
	CorpID         string `json:"corpid"`
	ExternalUserID string `json:"external_userid"`
}

// UnionIDToExternalUserID finds the external user ids a WeChat user has in
// the chain's corps (corpgroup/unionid_to_external_userid, page 95818).
func (s *CorpGroupService) UnionIDToExternalUserID(ctx context.Context, req ChainUnionIDRequest) ([]ChainExternalUser, error) {
	if req.UnionID == "" || req.OpenID == "" {
		return nil, fmt.Errorf("%w: unionid and openid are required", ErrInvalidCorpGroup)
	}
	out, err := postAs[struct {
		Info []ChainExternalUser `json:"external_userid_info"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/unionid_to_external_userid", req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.Info, nil
}

// UnionIDToPendingID returns the pending id of a WeChat user who is not a
// customer of the chain's corps yet (corpgroup/unionid_to_pending_id,
// page 97357): valid 90 days and unique within the shared app, it is
// later matched to the user's external user id by ExternalUserIDToPendingID.
func (s *CorpGroupService) UnionIDToPendingID(ctx context.Context, unionID, openID string) (string, error) {
	if unionID == "" || openID == "" {
		return "", fmt.Errorf("%w: unionid and openid are required", ErrInvalidCorpGroup)
	}
	out, err := postAs[struct {
		PendingID string `json:"pending_id"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/unionid_to_pending_id",
		map[string]string{"unionid": unionID, "openid": openID}, api.Idempotent)
	if err != nil {
		return "", err
	}
	return out.PendingID, nil
}

// maxChainPendingIDs is how many external user ids one
// corpgroup/batch/external_userid_to_pending_id call takes.
const maxChainPendingIDs = 100

// ChainPendingIDsRequest is one corpgroup/batch/external_userid_to_pending_id
// call.
type ChainPendingIDsRequest struct {
	// ExternalUserIDs are up to 100 external user ids of the upstream or
	// a downstream corp.
	ExternalUserIDs []string `json:"external_userid"`
	// ChatID, when set, limits the check to that customer group: only its
	// owner must be in the app's visible range, and ids outside the group
	// are ignored. Otherwise the customers' followers are checked.
	ChatID string `json:"chat_id,omitempty"`
}

// ExternalUserIDToPendingID returns the pending ids UnionIDToPendingID
// gave the WeChat users behind up to 100 external user ids of the chain's
// corps (corpgroup/batch/external_userid_to_pending_id, page 97357).
func (s *CorpGroupService) ExternalUserIDToPendingID(ctx context.Context, req ChainPendingIDsRequest) ([]PendingIDMapping, error) {
	if len(req.ExternalUserIDs) == 0 || len(req.ExternalUserIDs) > maxChainPendingIDs {
		return nil, fmt.Errorf("%w: 1 to %d external user ids are required, got %d",
			ErrInvalidCorpGroup, maxChainPendingIDs, len(req.ExternalUserIDs))
	}
	out, err := postAs[struct {
		Result []PendingIDMapping `json:"result"`
	}](ctx, (*service)(s), "/cgi-bin/corpgroup/batch/external_userid_to_pending_id", req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.Result, nil
}

// MiniProgramSession is a mini program's session in a downstream corp.
type MiniProgramSession struct {
	UserID     string `json:"userid"`
	SessionKey string `json:"session_key"`
}

// String redacts the session key.
func (m MiniProgramSession) String() string {
	return "work.MiniProgramSession{UserID:" + m.UserID + " SessionKey:<redacted>}"
}

// TransferSession turns the upstream mini program's session of a
// downstream member into the downstream corp's
// (miniprogram/transfer_session).
func (s *CorpGroupService) TransferSession(ctx context.Context, in MiniProgramSession) (*MiniProgramSession, error) {
	if in.UserID == "" || in.SessionKey == "" {
		return nil, fmt.Errorf("%w: user id and session key are required", ErrInvalidCorpGroup)
	}
	return postAs[MiniProgramSession](ctx, (*service)(s), "/cgi-bin/miniprogram/transfer_session", in, api.Idempotent)
}
