package jssdk

import (
	"context"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
)

var nonceForm = regexp.MustCompile(`^[a-zA-Z0-9]{16}$`)

const page = "https://app.example.com/h5/index.html?id=42&from=menu"

// jsonKeys returns the decoded JSON object of v.
func jsonObject(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

func TestConfig(t *testing.T) {
	c, srv, _ := newTestClient(t)
	cfg, err := c.Config(context.Background(), page+"#/orders")
	require.NoError(t, err)

	assert.Regexp(t, nonceForm, cfg.NonceStr)
	assert.Equal(t, Sign(corpTicket, cfg.NonceStr, fixedNow.Unix(), page), cfg.Signature, "signed with the corp ticket, fragment dropped")
	assert.Equal(t, map[string]any{
		"beta":      true,
		"appId":     testCorpID,
		"timestamp": float64(fixedNow.Unix()),
		"nonceStr":  cfg.NonceStr,
		"signature": cfg.Signature,
	}, jsonObject(t, cfg), "exactly the names wx.config takes")

	assert.Equal(t, 1, srv.corpCalls(testToken))
	assert.Equal(t, []string{testToken}, srv.queries[0]["access_token"])
	assert.Zero(t, srv.agentCalls(testToken), "wx.config needs no agent ticket")
}

func TestConfigOptions(t *testing.T) {
	c, _, _ := newTestClient(t)
	cfg, err := c.Config(context.Background(), page, WithDebug(), WithJSAPIList("scanQRCode", "openUserProfile"), nil)
	require.NoError(t, err)
	m := jsonObject(t, cfg)
	assert.Equal(t, true, m["debug"])
	assert.Equal(t, []any{"scanQRCode", "openUserProfile"}, m["jsApiList"])

	ac, err := c.AgentConfig(context.Background(), page, WithJSAPIList("selectExternalContact"))
	require.NoError(t, err)
	m = jsonObject(t, ac)
	assert.Equal(t, []any{"selectExternalContact"}, m["jsApiList"])
	assert.NotContains(t, m, "debug")
}

func TestNoncesDiffer(t *testing.T) {
	c, _, _ := newTestClient(t)
	a, err := c.Config(context.Background(), page)
	require.NoError(t, err)
	b, err := c.Config(context.Background(), page)
	require.NoError(t, err)
	assert.NotEqual(t, a.NonceStr, b.NonceStr)
	assert.NotEqual(t, a.Signature, b.Signature)
}

func TestAgentConfig(t *testing.T) {
	c, srv, _ := newTestClient(t)
	ac, err := c.AgentConfig(context.Background(), page+"#top")
	require.NoError(t, err)

	assert.Regexp(t, nonceForm, ac.NonceStr)
	assert.Equal(t, Sign(agentTicket, ac.NonceStr, fixedNow.Unix(), page), ac.Signature, "signed with the agent ticket")
	assert.Equal(t, map[string]any{
		"corpid":    testCorpID,
		"agentid":   "1000002",
		"timestamp": float64(fixedNow.Unix()),
		"nonceStr":  ac.NonceStr,
		"signature": ac.Signature,
	}, jsonObject(t, ac), "exactly the names wx.agentConfig takes")

	assert.Equal(t, 1, srv.agentCalls(testToken))
	assert.Equal(t, []string{"agent_config"}, srv.queries[0]["type"])
	assert.Zero(t, srv.corpCalls(testToken))
}

func TestTicketsAreCachedUnderTheirKeys(t *testing.T) {
	cache := wecom.NewOptions().Cache
	c, srv, _ := newTestClient(t, wecom.WithCache(cache))
	ctx := context.Background()
	for range 3 {
		_, err := c.Config(ctx, page)
		require.NoError(t, err)
		_, err = c.AgentConfig(ctx, page)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, srv.corpCalls(testToken))
	assert.Equal(t, 1, srv.agentCalls(testToken))

	assert.Equal(t, "wecom:jsapi_ticket:wwcorp123", TicketKey(testCorpID))
	assert.Equal(t, "wecom:agent_config_ticket:wwcorp123:1000002", AgentTicketKey(testCorpID, testAgentID))
	v, err := cache.Get(ctx, TicketKey(testCorpID))
	require.NoError(t, err)
	assert.Contains(t, v, corpTicket)
	v, err = cache.Get(ctx, AgentTicketKey(testCorpID, testAgentID))
	require.NoError(t, err)
	assert.Contains(t, v, agentTicket)
	assert.Equal(t, TicketKey(testCorpID), c.TicketSource().Key())
	assert.Equal(t, AgentTicketKey(testCorpID, testAgentID), c.AgentTicketSource().Key())

	got, err := c.Ticket(ctx)
	require.NoError(t, err)
	assert.Equal(t, corpTicket, got)
	got, err = c.AgentTicket(ctx)
	require.NoError(t, err)
	assert.Equal(t, agentTicket, got)
}

func TestConfigErrors(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newTestClient(t)
	for _, bad := range []string{"", "/relative/page", "app.example.com/page", "ftp://app.example.com/", "http://", "https://%zz", "javascript:alert(1)"} {
		_, err := c.Config(ctx, bad)
		require.ErrorIs(t, err, ErrInvalidURL, bad)
		_, err = c.AgentConfig(ctx, bad)
		require.ErrorIs(t, err, ErrInvalidURL, bad)
	}
	assert.Zero(t, srv.corpCalls(testToken)+srv.agentCalls(testToken), "nothing fetched for a bad URL")

	tok := newCountingToken(wecom.NewOptions().Cache, "k", testToken)
	_, err := mustNew(t, Config{CorpID: testCorpID}, tok).AgentConfig(ctx, page)
	require.ErrorIs(t, err, wecom.ErrConfig, "wx.agentConfig needs an agent id")
}

// New refuses a configuration that could never sign a page.
func TestNewValidates(t *testing.T) {
	tok := newCountingToken(wecom.NewOptions().Cache, "k", testToken)
	for name, tc := range map[string]struct {
		cfg Config
		tok token.Invalidator
	}{
		"no corp id":      {Config{AgentID: 1}, tok},
		"no token source": {Config{CorpID: testCorpID, AgentID: 1}, nil},
	} {
		c, err := New(tc.cfg, tc.tok)
		require.ErrorIs(t, err, wecom.ErrConfig, name)
		require.Nil(t, c, name)
	}
	c, err := New(Config{CorpID: testCorpID}, tok)
	require.NoError(t, err, "wx.config needs no agent id")
	require.NotNil(t, c)
}

func TestTicketFetchErrors(t *testing.T) {
	ctx := context.Background()
	c, _, mt := newTestClient(t, wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 1}))

	mt.RegisterResponder("GET", apiBase+"/cgi-bin/get_jsapi_ticket", jsonResponder(`{"errcode":45009,"errmsg":"api freq out of limit"}`))
	_, err := c.Config(ctx, page)
	var apiErr *wecom.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, wecom.CodeRateLimited, apiErr.Code)
	assert.Equal(t, "/cgi-bin/get_jsapi_ticket", apiErr.Path)
	assert.True(t, wecom.IsRateLimited(err))

	mt.RegisterResponder("GET", apiBase+"/cgi-bin/ticket/get", jsonResponder(`{"errcode":0,"errmsg":"ok","expires_in":7200}`))
	_, err = c.AgentConfig(ctx, page)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse, "an answer without a ticket")
}
