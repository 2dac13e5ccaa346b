package wecomtest

import "slices"

// CustomizedClaim is a self-built app that a customized-app template
// claimed (agent/claim_customized_app or its older name
// agent/migrate_to_customized_app, page 99617).
type CustomizedClaim struct {
	// TemplateID is the customized-app template whose suite_access_token
	// the body carried.
	TemplateID string
	// CorpID and AgentID are the self-built app whose access_token made
	// the call.
	CorpID  string
	AgentID int64
}

// CustomizedClaims returns the claims the fake accepted, oldest first; a
// repeated claim of the same app by the same template is listed once.
func (s *Server) CustomizedClaims() []CustomizedClaim {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CustomizedClaim(nil), s.claims...)
}

// claimCustomizedApp serves POST /cgi-bin/agent/claim_customized_app and
// migrate_to_customized_app: the query's access_token is a self-built
// app's, the body's suite_access_token a customized-app template's.
// WeCom answers errcode 0 alone.
func (s *Server) claimCustomizedApp(c *call) (any, error) {
	if c.token.agentID == 0 || c.token.suiteID != "" {
		return nil, errf(codeNotAllowed, "api forbidden: needs a self-built app's access_token")
	}
	var in struct {
		SuiteAccessToken string `json:"suite_access_token"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	t, err := s.checkToken(kindSuite, "suite_access_token", in.SuiteAccessToken)
	if err != nil {
		return nil, err
	}
	if su := s.suites[t.suiteID]; su == nil || !su.customized {
		return nil, errf(codeInvalidSuiteToken, "invalid suite_access_token: not a customized-app template")
	}
	claim := CustomizedClaim{TemplateID: t.suiteID, CorpID: c.corp.id, AgentID: c.token.agentID}
	if !slices.Contains(s.claims, claim) {
		s.claims = append(s.claims, claim)
	}
	return obj{}, nil
}
