package wecomtest

import (
	"crypto/sha1"
	"encoding/hex"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	oauthCodeTTL  = 5 * time.Minute
	userTicketTTL = 1800 * time.Second
)

// codeKind says which exchange endpoint accepts a login code.
type codeKind int

const (
	codeOAuth         codeKind = iota // auth/getuserinfo or service/auth/getuserinfo3rd
	codeWebLogin                      // CorpApp web login: auth/getuserinfo
	codeProviderLogin                 // provider web login: service/get_login_info
)

// loginCode is a code an authorize or login page redirected with.
type loginCode struct {
	kind     codeKind
	corpID   string
	userID   string
	member   bool
	suiteID  string // appid was a suite: exchanged with getuserinfo3rd
	scope    string
	agentID  int64
	expires  time.Time
	used     bool
	provider string // codeProviderLogin: the provider or login suite id
}

// userTicket is the user_ticket of a snsapi_privateinfo login.
type userTicket struct {
	corpID, userID, suiteID string
	expires                 time.Time
}

var oauthScopes = []string{"snsapi_base", "snsapi_privateinfo", "snsapi_userinfo"}

// pageParams are the parameters every login page checks.
type pageParams struct {
	appID    string
	redirect *url.URL
	state    string
	agentID  int64
}

// commonPageParams reads appid, redirect_uri, state and agentid.
func commonPageParams(q url.Values) (pageParams, *pageError) {
	p := pageParams{appID: q.Get("appid"), state: q.Get("state")}
	if p.appID == "" {
		return p, &pageError{"missing appid"}
	}
	var ok bool
	if p.redirect, ok = redirectTarget(q.Get("redirect_uri")); !ok {
		return p, &pageError{"invalid redirect_uri"}
	}
	if len(p.state) > maxStateLen {
		return p, &pageError{"state too long"}
	}
	if raw := q.Get("agentid"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			return p, &pageError{"invalid agentid"}
		}
		p.agentID = id
	}
	return p, nil
}

// issueLoginCode records a code for the member who logs in to corp.
func (s *Server) issueLoginCode(kind codeKind, corp *corpState, lc loginCode) string {
	u, userID := s.loginMember(corp)
	lc.kind, lc.corpID, lc.userID, lc.member = kind, corp.id, userID, u != nil
	if u != nil {
		lc.userID = u.UserID
	}
	lc.expires = s.now().Add(oauthCodeTTL)
	code := randomToken(2)
	s.codes[code] = &lc
	return code
}

// corpApp finds the corp of a CorpApp appid and checks the agent id.
func (s *Server) corpApp(p pageParams, requireAgent bool) (*corpState, *pageError) {
	corp := s.corps[p.appID]
	if corp == nil {
		return nil, &pageError{"unknown appid"}
	}
	if p.agentID == 0 && requireAgent {
		return nil, &pageError{"missing agentid"}
	}
	if p.agentID != 0 && corp.agents[p.agentID] == nil {
		return nil, &pageError{"unknown agentid"}
	}
	return corp, nil
}

// authorizePage serves GET /connect/oauth2/authorize: the chosen member
// logs in and the browser goes back with code and state.
func (s *Server) authorizePage(c *call) (any, error) {
	q := c.query
	p, perr := commonPageParams(q)
	if perr != nil {
		return perr, nil
	}
	if q.Get("response_type") != "code" {
		return &pageError{"response_type must be code"}, nil
	}
	scope := q.Get("scope")
	if !slices.Contains(oauthScopes, scope) {
		return &pageError{"invalid scope"}, nil
	}
	if scope == "snsapi_privateinfo" && p.agentID == 0 && s.suites[p.appID] == nil {
		scope = "snsapi_base" // WeCom ignores privateinfo without agentid
	}
	lc := loginCode{scope: scope, agentID: p.agentID}
	var corp *corpState
	if su := s.suites[p.appID]; su != nil {
		if corp = s.installedCorp(su); corp == nil {
			return &pageError{"the suite is not installed in any corp"}, nil
		}
		lc.suiteID = su.id
	} else {
		var perr *pageError
		if corp, perr = s.corpApp(p, false); perr != nil {
			return perr, nil
		}
	}
	code := s.issueLoginCode(codeOAuth, corp, lc)
	return &redirectResult{withQuery(p.redirect, "code", code, "state", p.state)}, nil
}

// ssoLoginPage serves GET /wwlogin/sso/login: login_type CorpApp logs a
// member into an app (exchange with auth/getuserinfo); ServiceApp logs
// into a provider's site (exchange with service/get_login_info).
func (s *Server) ssoLoginPage(c *call) (any, error) {
	q := c.query
	p, perr := commonPageParams(q)
	if perr != nil {
		return perr, nil
	}
	switch q.Get("login_type") {
	case "CorpApp":
		return s.corpLogin(p)
	case "ServiceApp":
		if s.suites[p.appID] == nil && s.providers[p.appID] == nil {
			return &pageError{"unknown appid"}, nil
		}
		return s.providerLogin(p, "code")
	default:
		return &pageError{"invalid login_type"}, nil
	}
}

// qrConnectPage serves GET /wwopen/sso/qrConnect, the older CorpApp web
// login.
func (s *Server) qrConnectPage(c *call) (any, error) {
	p, perr := commonPageParams(c.query)
	if perr != nil {
		return perr, nil
	}
	return s.corpLogin(p)
}

// providerQRConnectPage serves GET /wwopen/sso/3rd_qrConnect, the older
// provider web login: appid is the provider's corp id and the browser goes
// back with auth_code.
func (s *Server) providerQRConnectPage(c *call) (any, error) {
	p, perr := commonPageParams(c.query)
	if perr != nil {
		return perr, nil
	}
	if s.providers[p.appID] == nil {
		return &pageError{"unknown appid"}, nil
	}
	switch c.query.Get("usertype") {
	case "", "admin", "member":
	default:
		return &pageError{"invalid usertype"}, nil
	}
	return s.providerLogin(p, "auth_code")
}

func (s *Server) corpLogin(p pageParams) (any, error) {
	corp, perr := s.corpApp(p, true)
	if perr != nil {
		return perr, nil
	}
	code := s.issueLoginCode(codeWebLogin, corp, loginCode{agentID: p.agentID, scope: "snsapi_base"})
	return &redirectResult{withQuery(p.redirect, "code", code, "state", p.state)}, nil
}

func (s *Server) providerLogin(p pageParams, param string) (any, error) {
	corp := s.corps[s.installCorp]
	if corp == nil {
		return &pageError{"no corp to log in from: call SetInstallCorp"}, nil
	}
	code := s.issueLoginCode(codeProviderLogin, corp, loginCode{provider: p.appID})
	return &redirectResult{withQuery(p.redirect, param, code, "state", p.state)}, nil
}

// takeCode consumes a login code accepted by check, or answers 40029 /
// 42003 like WeCom.
func (s *Server) takeCode(code string, check func(*loginCode) bool) (*loginCode, error) {
	if code == "" {
		return nil, errf(codeMissingOAuthCode, "missing code")
	}
	lc := s.codes[code]
	if lc == nil || lc.used || !check(lc) {
		return nil, errf(codeInvalidOAuthCode, "invalid code")
	}
	if !s.now().Before(lc.expires) {
		return nil, errf(codeOAuthCodeExpired, "code expired")
	}
	lc.used = true
	return lc, nil
}

// issueUserTicket returns a user_ticket for a privateinfo login.
func (s *Server) issueUserTicket(lc *loginCode) string {
	t := randomToken(3)
	s.userTickets[t] = &userTicket{corpID: lc.corpID, userID: lc.userID, suiteID: lc.suiteID, expires: s.now().Add(userTicketTTL)}
	return t
}

// authGetUserInfo serves GET /cgi-bin/auth/getuserinfo?code=: codes of an
// in-app authorize (appid = the corp) or a CorpApp web login.
func (s *Server) authGetUserInfo(c *call) (any, error) {
	lc, err := s.takeCode(c.query.Get("code"), func(lc *loginCode) bool {
		return (lc.kind == codeOAuth || lc.kind == codeWebLogin) && lc.suiteID == "" && lc.corpID == c.corp.id
	})
	if err != nil {
		return nil, err
	}
	if !lc.member {
		return obj{"openid": openIDFor(lc.corpID, lc.userID)}, nil
	}
	out := obj{"userid": lc.userID}
	if lc.kind == codeOAuth && lc.scope == "snsapi_privateinfo" {
		out["user_ticket"] = s.issueUserTicket(lc)
	}
	return out, nil
}

// takeUserTicket checks a user_ticket of the corp (or suite).
func (s *Server) takeUserTicket(body []byte, check func(*userTicket) bool) (*userTicket, *User, error) {
	var in struct {
		UserTicket string `json:"user_ticket"`
	}
	if err := decodeBody(body, &in); err != nil {
		return nil, nil, err
	}
	t := s.userTickets[in.UserTicket]
	if in.UserTicket == "" || t == nil || !check(t) {
		return nil, nil, errf(codeInvalidUserTicket, "invalid user_ticket")
	}
	if !s.now().Before(t.expires) {
		return nil, nil, errf(codeUserTicketExpired, "user_ticket expired")
	}
	u := s.corps[t.corpID].user(t.userID)
	if u == nil {
		return nil, nil, errf(codeInvalidUserTicket, "invalid user_ticket")
	}
	return t, u, nil
}

// authGetUserDetail serves POST /cgi-bin/auth/getuserdetail.
func (s *Server) authGetUserDetail(c *call) (any, error) {
	_, u, err := s.takeUserTicket(c.body, func(t *userTicket) bool {
		return t.corpID == c.corp.id && t.suiteID == ""
	})
	if err != nil {
		return nil, err
	}
	return obj{
		"userid": u.UserID, "gender": u.Gender, "avatar": u.Avatar, "qr_code": u.QRCode,
		"mobile": u.Mobile, "email": u.Email, "biz_mail": u.BizMail, "address": u.Address,
	}, nil
}

// getUserInfo3rd serves GET /cgi-bin/service/auth/getuserinfo3rd: codes of
// an authorize page whose appid was this suite.
func (s *Server) getUserInfo3rd(c *call) (any, error) {
	lc, err := s.takeCode(c.query.Get("code"), func(lc *loginCode) bool {
		return lc.kind == codeOAuth && lc.suiteID == c.suite.id
	})
	if err != nil {
		return nil, err
	}
	if !lc.member {
		return obj{"corpid": lc.corpID, "openid": openIDFor(lc.corpID, lc.userID)}, nil
	}
	out := obj{
		"corpid": lc.corpID, "userid": lc.userID,
		"open_userid": openUserID(c.suite.id, lc.corpID, lc.userID),
	}
	if lc.scope == "snsapi_privateinfo" || lc.scope == "snsapi_userinfo" {
		out["user_ticket"] = s.issueUserTicket(lc)
		out["expires_in"] = int64(userTicketTTL / time.Second)
	}
	return out, nil
}

// getUserDetail3rd serves POST /cgi-bin/service/auth/getuserdetail3rd.
func (s *Server) getUserDetail3rd(c *call) (any, error) {
	t, u, err := s.takeUserTicket(c.body, func(t *userTicket) bool { return t.suiteID == c.suite.id })
	if err != nil {
		return nil, err
	}
	return obj{
		"corpid": t.corpID, "userid": u.UserID, "name": u.Name, "gender": u.Gender,
		"avatar": u.Avatar, "qr_code": u.QRCode,
	}, nil
}

// getLoginInfo serves POST /cgi-bin/service/get_login_info, which takes
// the provider token in the access_token parameter.
func (s *Server) getLoginInfo(c *call) (any, error) {
	var in struct {
		AuthCode string `json:"auth_code"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	lc, err := s.takeCode(in.AuthCode, func(lc *loginCode) bool { return lc.kind == codeProviderLogin })
	if err != nil {
		return nil, err
	}
	corp := s.corps[lc.corpID]
	userType := 5 // member
	info := obj{"userid": lc.userID, "open_userid": providerOpenUserID(c.provider.corpID, lc.corpID, lc.userID)}
	if u := corp.user(lc.userID); u != nil {
		info["name"], info["avatar"] = u.Name, u.Avatar
		if first := corp.firstUser(); first != nil && first.UserID == u.UserID {
			userType = 1 // creator
		}
	}
	agents := []obj{}
	for _, id := range sortedSuiteIDs(s.suites) {
		if a := s.suites[id].auths[corp.id]; a != nil {
			agents = append(agents, obj{"agentid": a.agentID, "auth_type": 1})
		}
	}
	return obj{
		"usertype":  userType,
		"user_info": info,
		"corp_info": obj{"corpid": corp.id},
		"agent":     agents,
		"auth_info": obj{"department": []obj{{"id": 1, "writable": true}}},
	}, nil
}

// providerOpenUserID derives a member's open_userid for a provider.
func providerOpenUserID(providerID, corpID, userID string) string {
	sum := sha1.Sum([]byte(providerID + "/" + corpID + "/" + strings.ToLower(userID)))
	return "woFake" + hex.EncodeToString(sum[:])[:26]
}

func sortedSuiteIDs(m map[string]*suiteState) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
