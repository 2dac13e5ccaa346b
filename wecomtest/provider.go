package wecomtest

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"
)

const (
	codeAuthInvalid    = 48004
	suiteTicketTTL     = 30 * time.Minute
	preAuthCodeTTL     = 1200 * time.Second
	authCodeTTL        = 600 * time.Second
	maxStateLen        = 128
	customizedAppLabel = "Customized App"
	thirdPartyAppLabel = "Third-party App"
)

// providerState is a service provider: its corp id and provider secret.
type providerState struct {
	corpID, secret string
}

// suiteState is a third-party app or a customized-app template.
type suiteState struct {
	id, secret   string
	customized   bool
	ticket       string
	ticketIssued time.Time
	auths        map[string]*authorization // by authorizing corp id
}

// authorization is one installation of a suite in a corp.
type authorization struct {
	corpID        string
	permanentCode string
	agentID       int64
	state         string
	authUserID    string
}

type preAuthCode struct {
	suiteID string
	expires time.Time
}

type authCode struct {
	suiteID, corpID, state string
	expires                time.Time
	used                   bool
}

// AddProvider adds a service provider: get_provider_token accepts corpID
// with secret.
func (s *Server) AddProvider(corpID, secret string) error {
	if corpID == "" || secret == "" {
		return fmt.Errorf("%w: provider corp id and secret are required", ErrSetup)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.providers[corpID] != nil {
		return fmt.Errorf("%w: provider %q exists", ErrSetup, corpID)
	}
	s.providers[corpID] = &providerState{corpID: corpID, secret: secret}
	return nil
}

// SuiteConfig is a suite [Server.AddSuite] adds, with the names of
// openwork.SuiteConfig.
type SuiteConfig struct {
	SuiteID     string
	SuiteSecret string
	// Customized makes the suite a customized-app template (代开发应用模版)
	// instead of a third-party app.
	Customized bool
}

// AddSuite adds a third-party app or, with cfg.Customized, a
// customized-app template. Its suite token needs the secret and the
// latest ticket of [Server.IssueSuiteTicket]. A customized app's permanent
// code is the app's secret for gettoken; a third-party app gets corp
// tokens from service/get_corp_token.
func (s *Server) AddSuite(cfg SuiteConfig) error {
	suiteID := cfg.SuiteID
	if suiteID == "" || cfg.SuiteSecret == "" {
		return fmt.Errorf("%w: suite id and secret are required", ErrSetup)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.suites[suiteID] != nil {
		return fmt.Errorf("%w: suite %q exists", ErrSetup, suiteID)
	}
	s.suites[suiteID] = &suiteState{id: suiteID, secret: cfg.SuiteSecret, customized: cfg.Customized, auths: map[string]*authorization{}}
	return nil
}

// IssueSuiteTicket makes a new suite_ticket the only one get_suite_token
// accepts for the suite (for 30 minutes) and returns it, as a push to the
// instruction callback URL would carry it. It returns "" for an unknown
// suite.
func (s *Server) IssueSuiteTicket(suiteID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issueSuiteTicket(suiteID)
}

func (s *Server) issueSuiteTicket(suiteID string) string {
	su := s.suites[suiteID]
	if su == nil {
		return ""
	}
	su.ticket = randomToken(2)
	su.ticketIssued = s.now()
	return su.ticket
}

// SuiteTicket returns the suite's current ticket, "" if none was issued.
func (s *Server) SuiteTicket(suiteID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if su := s.suites[suiteID]; su != nil {
		return su.ticket
	}
	return ""
}

// IssueAuthCode returns a temporary auth code (valid 10 minutes, single
// use) that installs the suite in corpID when exchanged with
// get_permanent_code, as the install page's redirect or a create_auth push
// would carry it. An unknown corpID is added as an empty corp. It returns
// "" for an unknown suite or an empty corp id.
func (s *Server) IssueAuthCode(suiteID, corpID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issueAuthCode(suiteID, corpID, "")
}

func (s *Server) issueAuthCode(suiteID, corpID, state string) string {
	if s.suites[suiteID] == nil || corpID == "" {
		return ""
	}
	if s.corps[corpID] == nil {
		s.corps[corpID] = newCorp(corpID, corpID)
	}
	code := randomToken(3)
	s.authCodes[code] = &authCode{suiteID: suiteID, corpID: corpID, state: state, expires: s.now().Add(authCodeTTL)}
	return code
}

// Authorization returns the permanent code and agent id of the suite's
// installation in corpID, once get_permanent_code has run.
func (s *Server) Authorization(suiteID, corpID string) (permanentCode string, agentID int64, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	su := s.suites[suiteID]
	if su == nil || su.auths[corpID] == nil {
		return "", 0, false
	}
	a := su.auths[corpID]
	return a.permanentCode, a.agentID, true
}

// getProviderToken serves POST /cgi-bin/service/get_provider_token.
func (s *Server) getProviderToken(c *call) (any, error) {
	var in struct {
		CorpID string `json:"corpid"`
		Secret string `json:"provider_secret"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.CorpID == "" {
		return nil, errf(codeMissingCorpID, "corpid missing")
	}
	if in.Secret == "" {
		return nil, errf(codeMissingSecret, "provider_secret missing")
	}
	p := s.providers[in.CorpID]
	if p == nil {
		return nil, errf(codeInvalidCorpID, "invalid corpid")
	}
	if p.secret != in.Secret {
		return nil, errf(codeInvalidCredential, "invalid credential")
	}
	t := s.issueToken("provider\x00"+p.corpID, issuedToken{kind: kindProvider, corpID: p.corpID})
	return obj{"provider_access_token": t.value, "expires_in": s.expiresIn(t)}, nil
}

// getSuiteToken serves POST /cgi-bin/service/get_suite_token: the ticket
// must be the latest one issued, at most 30 minutes old.
func (s *Server) getSuiteToken(c *call) (any, error) {
	var in struct {
		SuiteID string `json:"suite_id"`
		Secret  string `json:"suite_secret"`
		Ticket  string `json:"suite_ticket"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.SuiteID == "" || in.Secret == "" {
		return nil, invalidParam("suite_id and suite_secret are required")
	}
	su := s.suites[in.SuiteID]
	if su == nil {
		return nil, errf(codeInvalidSuiteID, "invalid suite_id")
	}
	if su.secret != in.Secret {
		return nil, errf(codeInvalidCredential, "invalid credential")
	}
	if in.Ticket == "" {
		return nil, errf(codeMissingSuiteTicket, "suite_ticket missing")
	}
	if in.Ticket != su.ticket || s.now().Sub(su.ticketIssued) > suiteTicketTTL {
		return nil, errf(codeInvalidSuiteTicket, "invalid suite_ticket")
	}
	t := s.issueToken("suite\x00"+su.id, issuedToken{kind: kindSuite, suiteID: su.id})
	return obj{"suite_access_token": t.value, "expires_in": s.expiresIn(t)}, nil
}

// getPreAuthCode serves GET /cgi-bin/service/get_pre_auth_code.
func (s *Server) getPreAuthCode(c *call) (any, error) {
	code := randomToken(2)
	s.preAuthCodes[code] = &preAuthCode{suiteID: c.suite.id, expires: s.now().Add(preAuthCodeTTL)}
	return obj{"pre_auth_code": code, "expires_in": int64(preAuthCodeTTL / time.Second)}, nil
}

// checkPreAuthCode finds a live pre-auth code of the suite.
func (s *Server) checkPreAuthCode(suiteID, code string) error {
	p := s.preAuthCodes[code]
	if p == nil || p.suiteID != suiteID {
		return errf(codeInvalidPreAuthCode, "invalid pre_auth_code")
	}
	if !s.now().Before(p.expires) {
		return errf(codePreAuthCodeExpired, "pre_auth_code expired")
	}
	return nil
}

// setSessionInfo serves POST /cgi-bin/service/set_session_info.
func (s *Server) setSessionInfo(c *call) (any, error) {
	var in struct {
		PreAuthCode string `json:"pre_auth_code"`
		SessionInfo *struct {
			AppID    []flexInt `json:"appid"`
			AuthType flexInt   `json:"auth_type"`
		} `json:"session_info"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.PreAuthCode == "" || in.SessionInfo == nil {
		return nil, invalidParam("pre_auth_code and session_info are required")
	}
	if t := in.SessionInfo.AuthType; t != 0 && t != 1 {
		return nil, invalidParam("invalid auth_type")
	}
	if err := s.checkPreAuthCode(c.suite.id, in.PreAuthCode); err != nil {
		return nil, err
	}
	return obj{}, nil
}

// installPage serves GET /3rdapp/install: the install-corp authorizes the
// suite and the browser goes back with an auth code.
func (s *Server) installPage(c *call) (any, error) {
	q := c.query
	su := s.suites[q.Get("suite_id")]
	if su == nil {
		return &pageError{"unknown suite_id"}, nil
	}
	if err := s.checkPreAuthCode(su.id, q.Get("pre_auth_code")); err != nil {
		return &pageError{"invalid or expired pre_auth_code"}, nil
	}
	redirect, ok := redirectTarget(q.Get("redirect_uri"))
	if !ok {
		return &pageError{"invalid redirect_uri"}, nil
	}
	state := q.Get("state")
	if len(state) > maxStateLen {
		return &pageError{"state too long"}, nil
	}
	if s.corps[s.installCorp] == nil {
		return &pageError{"no corp to install into: call SetInstallCorp"}, nil
	}
	code := s.issueAuthCode(su.id, s.installCorp, state)
	return &redirectResult{withQuery(redirect, "auth_code", code, "expires_in", strconv.Itoa(int(authCodeTTL/time.Second)), "state", state)}, nil
}

// redirectTarget parses an absolute http(s) redirect URI.
func redirectTarget(raw string) (*url.URL, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	return u, true
}

// withQuery appends name/value pairs to the query of u, keeping what is
// there, and returns the URL.
func withQuery(u *url.URL, pairs ...string) string {
	cp := *u
	q := cp.RawQuery
	for i := 0; i+1 < len(pairs); i += 2 {
		if q != "" {
			q += "&"
		}
		q += url.QueryEscape(pairs[i]) + "=" + url.QueryEscape(pairs[i+1])
	}
	cp.RawQuery = q
	return cp.String()
}

// openUserID derives the stable open_userid of a member for a suite.
func openUserID(suiteID, corpID, userID string) string {
	sum := sha1.Sum([]byte(suiteID + "/" + corpID + "/" + userID))
	return "woFake" + hex.EncodeToString(sum[:])[:26]
}

// install records (or renews) the installation of su in corpID.
func (s *Server) install(su *suiteState, corpID, state string) *authorization {
	corp := s.corps[corpID]
	a := su.auths[corpID]
	if a == nil {
		a = &authorization{corpID: corpID, agentID: corp.nextAgentID()}
		label := thirdPartyAppLabel
		if su.customized {
			label = customizedAppLabel
		}
		corp.agents[a.agentID] = &agentState{id: a.agentID, name: label + " " + su.id, suiteID: su.id}
		su.auths[corpID] = a
	} else if su.customized {
		delete(corp.secrets, a.permanentCode)
	}
	a.permanentCode = randomToken(3)
	a.state = state
	_, a.authUserID = s.loginMember(corp)
	if su.customized {
		corp.secrets[a.permanentCode] = credential{agentID: a.agentID, suiteID: su.id}
	}
	return a
}

// authCorpInfo is the auth_corp_info of a corp.
func authCorpInfo(corp *corpState, full bool) obj {
	o := obj{"corpid": corp.id, "corp_name": corp.name}
	if full {
		o["corp_type"] = "verified"
		o["corp_square_logo_url"] = "https://p.qpic.cn/pic_wework/wecomtest/" + corp.id + "/0"
		o["corp_round_logo_url"] = "https://p.qpic.cn/pic_wework/wecomtest/" + corp.id + "/round/0"
		o["corp_user_max"] = 200
		o["corp_full_name"] = corp.name
		o["subject_type"] = 1
		o["verified_end_time"] = 1893456000
		o["corp_wxqrcode"] = "https://wework.qpic.cn/wwpic/wecomtest/" + corp.id + "/0"
		o["corp_scale"] = "1-50人"
		o["corp_industry"] = "IT服务"
		o["corp_sub_industry"] = "计算机软件/硬件/信息服务"
		o["location"] = ""
	}
	return o
}

// authInfo is the auth_info of an installation.
func authInfo(su *suiteState, a *authorization, corp *corpState) obj {
	name := su.id
	if ag := corp.agents[a.agentID]; ag != nil {
		name = ag.name
	}
	return obj{"agent": []obj{{
		"agentid":           a.agentID,
		"name":              name,
		"square_logo_url":   "https://p.qpic.cn/pic_wework/wecomtest/" + su.id + "/0",
		"round_logo_url":    "https://p.qpic.cn/pic_wework/wecomtest/" + su.id + "/round/0",
		"auth_mode":         0,
		"is_customized_app": su.customized,
		"privilege": obj{
			"level": 1, "allow_party": []int64{1}, "allow_user": []string{}, "allow_tag": []int64{},
			"extra_party": []int64{}, "extra_user": []string{}, "extra_tag": []int64{},
		},
	}}}
}

// authUserInfo is the auth_user_info of an installation.
func authUserInfo(su *suiteState, a *authorization, corp *corpState) obj {
	o := obj{"userid": a.authUserID, "open_userid": openUserID(su.id, corp.id, a.authUserID)}
	if u := corp.user(a.authUserID); u != nil {
		o["name"], o["avatar"] = u.Name, u.Avatar
	}
	return o
}

// getPermanentCode serves POST /cgi-bin/service/get_permanent_code.
func (s *Server) getPermanentCode(c *call) (any, error) { return s.permanentCode(c, false) }

// getPermanentCodeV2 serves POST /cgi-bin/service/v2/get_permanent_code.
func (s *Server) getPermanentCodeV2(c *call) (any, error) { return s.permanentCode(c, true) }

func (s *Server) permanentCode(c *call, v2 bool) (any, error) {
	var in struct {
		AuthCode string `json:"auth_code"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.AuthCode == "" {
		return nil, invalidParam("missing auth_code")
	}
	ac := s.authCodes[in.AuthCode]
	if ac == nil || ac.suiteID != c.suite.id || ac.used || !s.now().Before(ac.expires) {
		return nil, errf(codeInvalidAuthCode, "invalid auth_code")
	}
	ac.used = true
	a := s.install(c.suite, ac.corpID, ac.state)
	corp := s.corps[ac.corpID]
	out := obj{
		"permanent_code": a.permanentCode,
		"auth_corp_info": authCorpInfo(corp, !v2),
		"auth_user_info": authUserInfo(c.suite, a, corp),
	}
	if a.state != "" {
		out["state"] = a.state
	}
	if !v2 {
		t := s.suiteCorpToken(c.suite, a)
		out["access_token"], out["expires_in"] = t.value, s.expiresIn(t)
		out["auth_info"] = authInfo(c.suite, a, corp)
	}
	return out, nil
}

// suiteCorpToken is the access token of an installation.
func (s *Server) suiteCorpToken(su *suiteState, a *authorization) *issuedToken {
	return s.issueToken("suitecorp\x00"+su.id+"\x00"+a.corpID+"\x00"+a.permanentCode, issuedToken{
		kind: kindAccess, corpID: a.corpID, agentID: a.agentID, suiteID: su.id,
	})
}

// authRequest is the body of get_auth_info and get_corp_token.
type authRequest struct {
	AuthCorpID    string `json:"auth_corpid"`
	PermanentCode string `json:"permanent_code"`
}

// checkAuthorization finds the installation a body names.
func (c *call) checkAuthorization() (*authorization, error) {
	var in authRequest
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.AuthCorpID == "" || in.PermanentCode == "" {
		return nil, invalidParam("auth_corpid and permanent_code are required")
	}
	a := c.suite.auths[in.AuthCorpID]
	if a == nil || a.permanentCode != in.PermanentCode {
		return nil, errf(codeInvalidPermanentCode, "invalid permanent_code")
	}
	return a, nil
}

// getAuthInfo serves POST /cgi-bin/service/get_auth_info and its v2.
func (s *Server) getAuthInfo(c *call) (any, error) {
	a, err := c.checkAuthorization()
	if err != nil {
		return nil, err
	}
	corp := s.corps[a.corpID]
	return obj{"auth_corp_info": authCorpInfo(corp, true), "auth_info": authInfo(c.suite, a, corp)}, nil
}

// getCorpToken serves POST /cgi-bin/service/get_corp_token. Like WeCom it
// answers success without errcode; customized apps must use gettoken
// (48002).
func (s *Server) getCorpToken(c *call) (any, error) {
	a, err := c.checkAuthorization()
	if err != nil {
		return nil, err
	}
	if c.suite.customized {
		return nil, errf(codeNotAllowed, "api forbidden for customized apps: use gettoken")
	}
	t := s.suiteCorpToken(c.suite, a)
	return bareObj{"access_token": t.value, "expires_in": s.expiresIn(t)}, nil
}

// getAdminList serves POST /cgi-bin/service/get_admin_list.
func (s *Server) getAdminList(c *call) (any, error) {
	var in struct {
		AuthCorpID string  `json:"auth_corpid"`
		AgentID    flexInt `json:"agentid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	a := c.suite.auths[in.AuthCorpID]
	if a == nil {
		return nil, errf(codeAuthInvalid, "authorization relationship invalid")
	}
	if int64(in.AgentID) != a.agentID {
		return nil, errf(codeInvalidAgentID, "invalid agentid")
	}
	corp := s.corps[a.corpID]
	admins := []obj{}
	if corp.user(a.authUserID) != nil {
		admins = append(admins, obj{"userid": a.authUserID, "open_userid": openUserID(c.suite.id, corp.id, a.authUserID), "auth_type": 1})
	}
	return obj{"admin": admins}, nil
}

// installedCorp picks the corp where a suite logs users in: the install
// corp when the suite is installed there, else the first other one.
func (s *Server) installedCorp(su *suiteState) *corpState {
	if su.auths[s.installCorp] != nil {
		return s.corps[s.installCorp]
	}
	ids := make([]string, 0, len(su.auths))
	for id := range su.auths {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if len(ids) == 0 {
		return nil
	}
	return s.corps[ids[0]]
}
