package jssdk

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
)

const (
	apiBase     = wecom.DefaultBaseURL
	testCorpID  = "wwcorp123"
	testAgentID = 1000002
	testToken   = "ACCESS-TOKEN-must-not-leak"
	corpTicket  = "CORP-TICKET-must-not-leak"
	agentTicket = "AGENT-TICKET-must-not-leak"
)

// fixedNow is the clock of the test clients: 2014-10-29 12:57:37 UTC.
var fixedNow = time.Unix(1414587457, 0)

// countingToken is an access-token source backed by a CachedSource whose
// fetch is counted, as a work.Client's would be.
type countingToken struct {
	*token.CachedSource
	fetches atomic.Int32
}

func newCountingToken(cache token.Cache, key, tok string) *countingToken {
	c := &countingToken{}
	c.CachedSource = token.NewCachedSource(cache, key, func(context.Context) (string, time.Duration, error) {
		c.fetches.Add(1)
		return tok, 2 * time.Hour, nil
	})
	return c
}

// ticketServer answers the two ticket endpoints, per access token, and
// counts the requests.
type ticketServer struct {
	mu      sync.Mutex
	tickets map[string]string // access token → agent ticket
	corp    map[string]int    // access token → corp-ticket requests
	agent   map[string]int    // access token → agent-ticket requests
	queries []map[string][]string
}

func newTicketServer(mt *httpmock.MockTransport, agentTickets map[string]string) *ticketServer {
	s := &ticketServer{tickets: agentTickets, corp: map[string]int{}, agent: map[string]int{}}
	mt.RegisterResponder(http.MethodGet, apiBase+"/cgi-bin/get_jsapi_ticket", func(r *http.Request) (*http.Response, error) {
		tok := r.URL.Query().Get("access_token")
		s.mu.Lock()
		s.corp[tok]++
		s.queries = append(s.queries, r.URL.Query())
		s.mu.Unlock()
		time.Sleep(5 * time.Millisecond) // let concurrent callers pile up
		return httpmock.NewStringResponse(200, `{"errcode":0,"errmsg":"ok","ticket":"`+corpTicket+`","expires_in":7200}`), nil
	})
	mt.RegisterResponder(http.MethodGet, apiBase+"/cgi-bin/ticket/get", func(r *http.Request) (*http.Response, error) {
		tok := r.URL.Query().Get("access_token")
		s.mu.Lock()
		s.agent[tok]++
		s.queries = append(s.queries, r.URL.Query())
		ticket, ok := s.tickets[tok]
		s.mu.Unlock()
		if !ok || r.URL.Query().Get("type") != "agent_config" {
			return httpmock.NewStringResponse(200, `{"errcode":40014,"errmsg":"invalid access_token"}`), nil
		}
		time.Sleep(5 * time.Millisecond)
		return httpmock.NewStringResponse(200, `{"errcode":0,"errmsg":"ok","ticket":"`+ticket+`","expires_in":7200}`), nil
	})
	return s
}

func (s *ticketServer) corpCalls(tok string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.corp[tok]
}

func (s *ticketServer) agentCalls(tok string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.agent[tok]
}

func testOptions(mt *httpmock.MockTransport, extra ...wecom.Option) []wecom.Option {
	return append([]wecom.Option{
		wecom.WithHTTPClient(&http.Client{Transport: mt}),
		wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}),
	}, extra...)
}

// newTestClient returns a client of testCorpID/testAgentID with a fixed
// clock, its access token testToken, on a ticket server.
func newTestClient(t *testing.T, extra ...wecom.Option) (*Client, *ticketServer, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	srv := newTicketServer(mt, map[string]string{testToken: agentTicket})
	o := wecom.NewOptions(testOptions(mt, extra...)...)
	tok := newCountingToken(o.Cache, "wecom:access_token:test", testToken)
	c := mustNew(t, Config{CorpID: testCorpID, AgentID: testAgentID}, tok, testOptions(mt, append(extra, wecom.WithCache(o.Cache))...)...)
	c.now = func() time.Time { return fixedNow }
	return c, srv, mt
}

// mustNew builds a Client, failing t on a configuration error.
func mustNew(t testing.TB, cfg Config, tok token.Invalidator, opts ...wecom.Option) *Client {
	t.Helper()
	c, err := New(cfg, tok, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func jsonResponder(body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}
}
