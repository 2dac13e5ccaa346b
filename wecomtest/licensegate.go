package wecomtest

import (
	"context"
	"slices"
	"strconv"
	"time"
)

// Errcodes of the license gate (see NewLicense).
const (
	// codeAccountNotActive is 701016, 账号未激活或者已经过期: the member
	// has no active account. The pages do not say which errcode a
	// base-account call answers for such a member: 701016 is the fake's
	// guess.
	codeAccountNotActive = 701016
	// codeNoInteropLicense is 701008, 没有合法的有互通license的用户: the
	// member has no active interop (互通) account.
	codeNoInteropLicense = 701008
)

// licenseTypeInterop is the type of an interop (互通) account; it includes
// the base account's abilities.
const licenseTypeInterop = 2

// gatedMember says which member a modelled call concerns and whether it
// needs an interop account; ok is false for calls the gate leaves alone.
// s.mu is held.
func (s *Server) gatedMember(c *call) (corpID, userID string, interop, ok bool) {
	switch c.r.URL.Path {
	case "/cgi-bin/user/get":
		return c.corp.id, c.query.Get("userid"), false, true
	case "/cgi-bin/externalcontact/list":
		return c.corp.id, c.query.Get("userid"), true, true
	case "/cgi-bin/auth/getuserinfo":
		if lc := s.liveCode(c.query.Get("code")); lc != nil && lc.member && lc.suiteID == "" && lc.corpID == c.corp.id {
			return lc.corpID, lc.userID, false, true
		}
	case "/cgi-bin/service/auth/getuserinfo3rd":
		if lc := s.liveCode(c.query.Get("code")); lc != nil && lc.member && lc.suiteID == c.suite.id && lc.kind == codeOAuth {
			return lc.corpID, lc.userID, false, true
		}
	}
	return "", "", false, false
}

// liveCode finds an unused, unexpired login code without taking it.
func (s *Server) liveCode(code string) *loginCode {
	lc := s.codes[code]
	if code == "" || lc == nil || lc.used || !s.now().Before(lc.expires) {
		return nil
	}
	return lc
}

// checkLicense refuses a call that a corp's member could only make with an
// activated 接口许可 account, once a test attached the license model with
// NewLicense; s.mu is held. Only apps of a suite (third-party and
// customized apps) are gated; a refusal pushes unlicensed_notify.
func (s *Server) checkLicense(_ route, c *call) error {
	l, suiteID, agentID := s.licenseGate(c)
	if l == nil {
		return nil
	}
	corpID, userID, interop, ok := s.gatedMember(c)
	if !ok || userID == "" || s.corps[corpID] == nil || s.corps[corpID].user(userID) == nil {
		return nil // the handler answers a missing or unknown member
	}
	if c.suite != nil {
		a := c.suite.auths[corpID]
		if a == nil {
			return nil
		}
		agentID = a.agentID
	}
	l.mu.Lock()
	licensed := l.activeLocked(corpID, userID, interop)
	l.mu.Unlock()
	if licensed {
		return nil
	}
	l.notifyUnlicensed(s, suiteID, corpID, userID, agentID)
	if interop {
		return errf(codeNoInteropLicense, "no user with an active interop license: %s", userID)
	}
	return errf(codeAccountNotActive, "license account not active or expired: %s", userID)
}

// licenseGate returns the license model when it gates the call's app (a
// suite's app, with NewLicense attached), with the app's suite and agent;
// s.mu is held.
func (s *Server) licenseGate(c *call) (l *License, suiteID string, agentID int64) {
	if s.lic == nil || c.token == nil {
		return nil, "", 0
	}
	suiteID, agentID = c.token.suiteID, c.token.agentID
	if c.suite != nil {
		suiteID = c.suite.id
	}
	if suiteID == "" {
		return nil, "", 0 // a self-built app is never gated
	}
	return s.lic, suiteID, agentID
}

// unlicensedRecipients returns the members among users that a gated app's
// message does not reach for want of an activated account, each once, as
// message/send reports them in unlicenseduser; s.mu is held.
func (s *Server) unlicensedRecipients(c *call, users []string) []string {
	l, _, _ := s.licenseGate(c)
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, u := range users {
		if c.corp.user(u) != nil && !slices.Contains(out, u) && !l.activeLocked(c.corp.id, u, false) {
			out = append(out, u)
		}
	}
	return out
}

// activeLocked reports whether a member holds an activated account (of the
// interop type when interop); l.mu is held.
func (l *License) activeLocked(corpID, userID string, interop bool) bool {
	for _, c := range l.codes {
		if c.corpID == corpID && c.userID == userID && (!interop || c.typ == licenseTypeInterop) {
			return true
		}
	}
	return false
}

// unlicensedTarget is where unlicensed_notify goes for one suite.
type unlicensedTarget struct {
	url string
	cfg CallbackConfig
}

// NotifyUnlicensed makes the gate push unlicensed_notify for the suite's
// refused calls to callbackURL, the suite's data callback URL (数据回调URL),
// encrypted with cfg: cfg.ReceiverID and ToUserName default to the
// member's corp id, AgentID to the app's. Each refusal is pushed once, in
// the background; UnlicensedPushes waits for them. With a NewTestServer,
// the pushes still running when the test ends are cancelled and waited for. An empty callbackURL
// stops the pushes.
func (l *License) NotifyUnlicensed(suiteID, callbackURL string, cfg CallbackConfig) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if callbackURL == "" {
		delete(l.targets, suiteID)
		return
	}
	l.targets[suiteID] = unlicensedTarget{url: callbackURL, cfg: cfg}
}

// UnlicensedPush is one unlicensed_notify the gate pushed.
type UnlicensedPush struct {
	SuiteID, CorpID, UserID string
	AgentID                 int64
	// Err is the delivery's error: nil when the receiver answered HTTP 200.
	Err error
}

// UnlicensedPushes waits for the pushes in flight and returns those made
// so far, oldest first.
func (l *License) UnlicensedPushes() []UnlicensedPush {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.inflight > 0 {
		l.pushed.Wait()
	}
	return append([]UnlicensedPush(nil), l.pushes...)
}

// notifyUnlicensed pushes unlicensed_notify in the background (the caller
// holds s.mu, and the receiver may call the fake).
func (l *License) notifyUnlicensed(s *Server, suiteID, corpID, userID string, agentID int64) {
	l.mu.Lock()
	t, ok := l.targets[suiteID]
	if ok {
		l.inflight++
	}
	l.mu.Unlock()
	if !ok {
		return
	}
	if t.cfg.ReceiverID == "" {
		t.cfg.ReceiverID = corpID
	}
	if t.cfg.ToUserName == "" {
		t.cfg.ToUserName = corpID
	}
	agent := strconv.FormatInt(agentID, 10)
	if t.cfg.AgentID == "" {
		t.cfg.AgentID = agent
	}
	msg := "<xml><ToUserName>" + cdata(corpID) + "</ToUserName><FromUserName>" + cdata(userID) +
		"</FromUserName><CreateTime>" + strconv.FormatInt(s.now().Unix(), 10) +
		"</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[unlicensed_notify]]></Event><AgentID>" +
		agent + "</AgentID></xml>"
	go func() {
		ctx, cancel := context.WithTimeout(l.pushCtx, AppCallbackBudget+time.Second)
		defer cancel()
		reply, err := s.SendCallback(ctx, t.url, t.cfg, []byte(msg))
		if err == nil && reply.StatusCode != 200 {
			err = ErrCallbackRejected
		}
		l.mu.Lock()
		l.pushes = append(l.pushes, UnlicensedPush{SuiteID: suiteID, CorpID: corpID, UserID: userID, AgentID: agentID, Err: err})
		l.inflight--
		l.pushed.Broadcast()
		l.mu.Unlock()
	}()
}
