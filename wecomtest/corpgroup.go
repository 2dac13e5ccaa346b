package wecomtest

import (
	"encoding/json"
	"strconv"
)

// corpGroupGetToken serves POST corpgroup/corp/gettoken: the upstream
// app's token buys the token of an app shared with a downstream corp. The
// downstream corp must exist (AddCorp) and hold the app (AddApp); the
// token issued is an ordinary access token of that corp and app, so every
// route of the fake then serves the downstream corp's calls with it.
func (s *Server) corpGroupGetToken(c *call) (any, error) {
	var in struct {
		CorpID       string          `json:"corpid"`
		AgentID      json.Number     `json:"agentid"`
		BusinessType json.RawMessage `json:"business_type"`
	}
	if err := json.Unmarshal(c.body, &in); err != nil {
		return nil, errf(codeInvalidParameter, "invalid json")
	}
	if in.CorpID == "" {
		return nil, errf(codeMissingCorpID, "corpid missing")
	}
	down := s.corps[in.CorpID]
	if down == nil || down == c.corp {
		return nil, errf(codeInvalidCorpID, "invalid corpid")
	}
	agentID, err := strconv.ParseInt(in.AgentID.String(), 10, 64)
	if err != nil || down.agents[agentID] == nil {
		return nil, errf(codeInvalidAgentID, "invalid agentid")
	}
	t := s.issueToken("corpgroup\x00"+c.corp.id+"\x00"+in.CorpID+"\x00"+in.AgentID.String(), issuedToken{
		kind: kindAccess, corpID: in.CorpID, agentID: agentID,
	})
	return obj{"access_token": t.value, "expires_in": s.expiresIn(t)}, nil
}
