package wecomtest

import (
	"time"
)

// tokenKind is the type of a credential the fake issues.
type tokenKind int

const (
	kindAccess   tokenKind = iota // access_token of a corp app
	kindSuite                     // suite_access_token
	kindProvider                  // provider_access_token
)

// issuedToken is one token the fake handed out.
type issuedToken struct {
	kind     tokenKind
	value    string
	corpID   string // kindAccess, kindProvider
	agentID  int64  // kindAccess: the app; 0 for the contacts secret
	contacts bool   // kindAccess: issued for the contacts secret
	suiteID  string // kindSuite; kindAccess of a suite-authorized app
	expires  time.Time
	revoked  bool // ExpireTokens
}

// tokenRules are the errcodes of one kind of credential.
var tokenRules = map[tokenKind]struct {
	missing, invalid, expired int
}{
	kindAccess:   {codeMissingAccessToken, codeInvalidAccessToken, codeAccessTokenExpired},
	kindSuite:    {codeMissingSuiteToken, codeInvalidSuiteToken, codeSuiteTokenExpired},
	kindProvider: {codeMissingAccessToken, codeInvalidAccessToken, codeAccessTokenExpired},
}

// live reports whether t is neither revoked nor past its lifetime.
func (s *Server) live(t *issuedToken) bool {
	return !t.revoked && s.now().Before(t.expires)
}

// issueToken returns the live token of the credential key, or a new one
// built from t. WeCom returns the same token while it is valid.
func (s *Server) issueToken(key string, t issuedToken) *issuedToken {
	if cur := s.current[key]; cur != nil && s.live(cur) {
		return cur
	}
	t.value = randomToken(3)
	t.expires = s.now().Add(s.ttl)
	p := &t
	s.tokens[t.value] = p
	s.current[key] = p
	return p
}

// expiresIn is the remaining lifetime of t in whole seconds.
func (s *Server) expiresIn(t *issuedToken) int64 {
	return secondsUntil(s.now(), t.expires)
}

// checkToken finds a live token of the given kind.
func (s *Server) checkToken(kind tokenKind, param, value string) (*issuedToken, error) {
	rules := tokenRules[kind]
	if value == "" {
		return nil, errf(rules.missing, "%s missing", param)
	}
	t := s.tokens[value]
	if t == nil || t.kind != kind {
		return nil, errf(rules.invalid, "invalid %s", param)
	}
	if !s.live(t) {
		return nil, errf(rules.expired, "%s expired", param)
	}
	return t, nil
}

// authorize checks the credential a route requires and fills c.
func (s *Server) authorize(kind authKind, c *call) error {
	var err error
	switch kind {
	case authCorp:
		if c.token, err = s.checkToken(kindAccess, "access_token", c.query.Get("access_token")); err == nil {
			c.corp = s.corps[c.token.corpID]
		}
	case authSuite:
		if c.token, err = s.checkToken(kindSuite, "suite_access_token", c.query.Get("suite_access_token")); err == nil {
			c.suite = s.suites[c.token.suiteID]
		}
	case authProvider:
		if c.token, err = s.checkToken(kindProvider, "provider_access_token", c.query.Get("provider_access_token")); err == nil {
			c.provider = s.providers[c.token.corpID]
		}
	case authProviderAsAccess:
		if c.token, err = s.checkToken(kindProvider, "access_token", c.query.Get("access_token")); err == nil {
			c.provider = s.providers[c.token.corpID]
		}
	}
	return err
}

// getToken serves GET /cgi-bin/gettoken: a self-built app's secret, the
// contacts secret or a customized app's permanent code.
func (s *Server) getToken(c *call) (any, error) {
	corpID, secret := c.query.Get("corpid"), c.query.Get("corpsecret")
	if corpID == "" {
		return nil, errf(codeMissingCorpID, "corpid missing")
	}
	if secret == "" {
		return nil, errf(codeMissingSecret, "corpsecret missing")
	}
	corp := s.corps[corpID]
	if corp == nil {
		return nil, errf(codeInvalidCorpID, "invalid corpid")
	}
	cred, ok := corp.secrets[secret]
	if !ok {
		return nil, errf(codeInvalidCredential, "invalid credential")
	}
	t := s.issueToken("corp\x00"+corpID+"\x00"+secret, issuedToken{
		kind: kindAccess, corpID: corpID, agentID: cred.agentID, contacts: cred.contacts, suiteID: cred.suiteID,
	})
	return obj{"access_token": t.value, "expires_in": s.expiresIn(t)}, nil
}

// secondsUntil is the time from now to end in whole seconds, rounded up,
// at least 1.
func secondsUntil(now, end time.Time) int64 {
	return max(int64((end.Sub(now)+time.Second-1)/time.Second), 1)
}
