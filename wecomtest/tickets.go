package wecomtest

import (
	"strconv"
	"time"
)

const jsapiTicketTTL = 7200 * time.Second

// issuedTicket is a JS-SDK ticket handed out by the fake.
type issuedTicket struct {
	value   string
	expires time.Time
}

// jsapiTicket returns the live ticket under key or a new one; WeCom keeps
// a ticket for its whole lifetime.
func (s *Server) jsapiTicket(key string) obj {
	now := s.now()
	t := s.tickets[key]
	if t == nil || !now.Before(t.expires) {
		t = &issuedTicket{value: randomToken(3), expires: now.Add(jsapiTicketTTL)}
		s.tickets[key] = t
	}
	return obj{"ticket": t.value, "expires_in": secondsUntil(now, t.expires)}
}

// getJSAPITicket serves GET /cgi-bin/get_jsapi_ticket: the corp ticket of
// wx.config.
func (s *Server) getJSAPITicket(c *call) (any, error) {
	return s.jsapiTicket("corp\x00" + c.corp.id), nil
}

// getAgentTicket serves GET /cgi-bin/ticket/get?type=agent_config: the
// app ticket of wx.agentConfig.
func (s *Server) getAgentTicket(c *call) (any, error) {
	if c.query.Get("type") != "agent_config" {
		return nil, invalidParam("invalid type")
	}
	if c.token.contacts {
		return nil, errf(codeNotAllowed, "api forbidden for the contacts secret")
	}
	return s.jsapiTicket("agent\x00" + c.corp.id + "\x00" + strconv.FormatInt(c.token.agentID, 10)), nil
}
