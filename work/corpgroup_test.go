package work_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// The upstream app's client makes a client of a downstream corp whose
// calls carry the downstream token, fetched once and cached under a key
// of its own.
func TestCorpGroupCorpEndToEnd(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	require.NoError(t, srv.AddCorp("wwdown", "Downstream Ltd"))
	require.NoError(t, srv.AddApp("wwdown", 5001, "unused-secret"))
	require.NoError(t, srv.AddUser("wwdown", wecomtest.User{UserID: "dealer1", Name: "Dealer", Department: []int64{1}}))

	cache := token.NewMemoryCache()
	up, err := work.New(work.Config{CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret},
		wecom.WithBaseURL(srv.URL()), wecom.WithCache(cache))
	require.NoError(t, err)

	down, err := up.CorpGroup.Corp(work.CorpGroupCorpConfig{CorpID: "wwdown", AgentID: 5001, BusinessType: work.BusinessChain})
	require.NoError(t, err)
	assert.Equal(t, "wwdown", down.Config().CorpID)

	u, err := down.User.Get(t.Context(), "dealer1")
	require.NoError(t, err)
	assert.Equal(t, "Dealer", u.Name)
	_, err = down.User.Get(t.Context(), "dealer1")
	require.NoError(t, err)
	assert.Equal(t, 1, srv.Calls("/cgi-bin/corpgroup/corp/gettoken"), "the downstream token is fetched once")

	upTok, err := up.AccessToken(t.Context())
	require.NoError(t, err)
	downTok, err := down.AccessToken(t.Context())
	require.NoError(t, err)
	assert.NotEqual(t, upTok, downTok)
	key := work.CorpTokenKey(wecomtest.DefaultCorpID, wecomtest.DefaultAgentID, work.CorpGroupCorpConfig{CorpID: "wwdown", AgentID: 5001, BusinessType: work.BusinessChain})
	cached, err := cache.Get(t.Context(), key)
	require.NoError(t, err)
	assert.Contains(t, cached, downTok)
	assert.NotEqual(t, key, work.AccessTokenKey(wecomtest.DefaultCorpID, wecomtest.DefaultAgentID, wecomtest.DefaultSecret))

	// The upstream corp's member is not the downstream's.
	_, err = down.User.Get(t.Context(), wecomtest.DefaultUserID)
	assert.Error(t, err)

	// A corp the fake does not know is refused by WeCom, not by the SDK.
	bad, err := up.CorpGroup.Corp(work.CorpGroupCorpConfig{CorpID: "wwnobody", AgentID: 1})
	require.NoError(t, err)
	_, err = bad.AccessToken(t.Context())
	assert.Equal(t, 40013, wecom.ErrCode(err))

	_, err = up.CorpGroup.Corp(work.CorpGroupCorpConfig{CorpID: "wwdown"})
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)

}

func TestCorpGroupBadInput(t *testing.T) {
	srv := wecomtest.NewTestServer(t)
	c, err := work.New(work.Config{CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret}, wecom.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	ctx := t.Context()
	_, err = c.CorpGroup.ChainGroups(ctx, work.ChainGroupsRequest{GroupID: 2})
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)
	_, err = c.CorpGroup.ChainCorps(ctx, work.ChainCorpsRequest{})
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)
	_, err = c.CorpGroup.ChainCorp(ctx, work.ChainCorpRef{ChainID: "c"})
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)
	assert.ErrorIs(t, c.CorpGroup.RemoveCorp(ctx, work.ChainCorpRef{}), work.ErrInvalidCorpGroup)
	_, err = c.CorpGroup.ImportChainContact(ctx, work.ImportChainContactRequest{ChainID: "c"})
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)
	_, err = c.CorpGroup.ImportResult(ctx, "")
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)
	_, err = c.CorpGroup.ChainRule(ctx, "c", 0)
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)
	assert.ErrorIs(t, c.CorpGroup.DeleteChainRule(ctx, "", 1), work.ErrInvalidCorpGroup)
	assert.ErrorIs(t, c.CorpGroup.ModifyChainRule(ctx, work.ChainRuleModifyRequest{ChainID: "c"}), work.ErrInvalidCorpGroup)
	_, err = c.CorpGroup.UnionIDToExternalUserID(ctx, work.ChainUnionIDRequest{UnionID: "u"})
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)
	_, err = c.CorpGroup.TransferSession(ctx, work.MiniProgramSession{UserID: "u"})
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)
	_, err = c.CorpGroup.ListAppShareInfo(ctx, work.AppShareInfoRequest{})
	assert.ErrorIs(t, err, work.ErrInvalidCorpGroup)
	assert.Zero(t, srv.Calls("/cgi-bin/gettoken"), "nothing was sent")
}
