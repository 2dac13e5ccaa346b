package work

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/jssdk"
)

func TestOAuthAndJSSDKShareTheAppToken(t *testing.T) {
	c, mt := newTestClient(t)
	tickets := stubJSON(t, mt, http.MethodGet, "/cgi-bin/ticket/get", `{"errcode":0,"ticket":"AGENT-TICKET","expires_in":7200}`)
	users := stubJSON(t, mt, http.MethodGet, "/cgi-bin/auth/getuserinfo", `{"errcode":0,"userid":"zhangsan"}`)
	ctx := context.Background()

	cfg, err := c.JSSDK.AgentConfig(ctx, "https://app.example.com/sidebar?x=1#frag")
	require.NoError(t, err)
	assert.Equal(t, testCorpID, cfg.CorpID)
	assert.EqualValues(t, "1000002", cfg.AgentID)
	assert.Equal(t, jssdk.Sign("AGENT-TICKET", cfg.NonceStr, cfg.Timestamp, "https://app.example.com/sidebar?x=1"), cfg.Signature)
	r := tickets.last(t)
	assertCall(t, r, http.MethodGet, "/cgi-bin/ticket/get")
	assert.Equal(t, "agent_config", r.Query.Get("type"))

	id, err := c.OAuth.UserFromCode(ctx, "CODE")
	require.NoError(t, err)
	assert.Equal(t, "zhangsan", id.UserID)
	assertCall(t, users.last(t), http.MethodGet, "/cgi-bin/auth/getuserinfo")

	assert.Equal(t, 1, tokenCalls(mt), "the app's token is fetched once for all services")
	_, err = c.Cache().Get(ctx, AccessTokenKey(testCorpID, testAgentID, testSecret))
	require.NoError(t, err, "Cache is the cache the token was stored in")

	u := c.OAuth.AuthCodeURL("https://app.example.com/cb", "st")
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	assert.Equal(t, testCorpID, parsed.Query().Get("appid"))
}
