package work

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

// Request, errcode and repeat policy of the 上下游 calls added after the
// first CorpGroup wave (pages 97357, 97442).
func TestCorpGroupAPI(t *testing.T) {
	runAPICases(t, []apiCase{
		{
			name: "CorpChains", method: http.MethodPost, path: "/cgi-bin/corpgroup/get_corp_shared_chain_list", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","chains":[{"chain_id":"Ch1","chain_name":"能源供应链"},{"chain_id":"Ch2","chain_name":""}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CorpGroup.CorpChains(ctx, "wwdown")
			},
			body: `{"corpid":"wwdown"}`,
			want: []Chain{{ChainID: "Ch1", ChainName: "能源供应链"}, {ChainID: "Ch2"}},
		},
		{
			name: "UnionIDToPendingID", method: http.MethodPost, path: "/cgi-bin/corpgroup/unionid_to_pending_id", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","pending_id":"p1"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CorpGroup.UnionIDToPendingID(ctx, "u1", "o1")
			},
			body: `{"unionid":"u1","openid":"o1"}`,
			want: "p1",
		},
		{
			name: "ExternalUserIDToPendingID", method: http.MethodPost, path: "/cgi-bin/corpgroup/batch/external_userid_to_pending_id", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","result":[{"external_userid":"wm1","pending_id":"p1"},{"external_userid":"wm2"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CorpGroup.ExternalUserIDToPendingID(ctx, ChainPendingIDsRequest{ExternalUserIDs: []string{"wm1", "wm2"}})
			},
			body: `{"external_userid":["wm1","wm2"]}`,
			want: []PendingIDMapping{{ExternalUserID: "wm1", PendingID: "p1"}, {ExternalUserID: "wm2"}},
		},
		{
			name: "UnionIDToExternalUserID in one corp", method: http.MethodPost, path: "/cgi-bin/corpgroup/unionid_to_external_userid", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","external_userid_info":[{"corpid":"wwdown","external_userid":"wm1"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CorpGroup.UnionIDToExternalUserID(ctx, ChainUnionIDRequest{UnionID: "u1", OpenID: "o1", CorpID: "wwdown"})
			},
			body: `{"unionid":"u1","openid":"o1","corpid":"wwdown"}`,
			want: []ChainExternalUser{{CorpID: "wwdown", ExternalUserID: "wm1"}},
		},
		{
			name: "ChainUserCustomID without a corp", method: http.MethodPost, path: "/cgi-bin/corpgroup/corp/get_chain_user_custom_id", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","user_custom_id":"1234"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CorpGroup.ChainUserCustomID(ctx, ChainUserRef{ChainID: "Ch1", UserID: "zhangsan"})
			},
			body: `{"chain_id":"Ch1","userid":"zhangsan"}`,
			want: "1234",
		},
	})
}

// Bad input is refused before anything is sent.
func TestCorpGroupPendingBadInput(t *testing.T) {
	c, mt := newTestClient(t)
	ctx := t.Context()
	_, err := c.CorpGroup.CorpChains(ctx, "")
	assert.ErrorIs(t, err, ErrInvalidCorpGroup)
	_, err = c.CorpGroup.ChainUserCustomID(ctx, ChainUserRef{ChainID: "Ch1", CorpID: "wwdown"})
	assert.ErrorIs(t, err, ErrInvalidCorpGroup)
	_, err = c.CorpGroup.UnionIDToPendingID(ctx, "u", "")
	assert.ErrorIs(t, err, ErrInvalidCorpGroup)
	_, err = c.CorpGroup.ExternalUserIDToPendingID(ctx, ChainPendingIDsRequest{ChatID: "wr1"})
	assert.ErrorIs(t, err, ErrInvalidCorpGroup)
	ids := strings.Split(strings.Repeat("wm,", maxChainPendingIDs+1), ",")[:maxChainPendingIDs+1]
	_, err = c.CorpGroup.ExternalUserIDToPendingID(ctx, ChainPendingIDsRequest{ExternalUserIDs: ids})
	require.ErrorIs(t, err, ErrInvalidCorpGroup)
	assert.Contains(t, err.Error(), "101")
	assert.Zero(t, mt.GetTotalCallCount(), "nothing was sent")
}

func TestChainCorpsRequestFetchChild(t *testing.T) {
	b, err := json.Marshal(ChainCorpsRequest{ChainID: "c", FetchChild: true})
	require.NoError(t, err)
	assert.JSONEq(t, `{"chain_id":"c","fetch_child":1}`, string(b))
	b, err = json.Marshal(ChainCorpsRequest{ChainID: "c"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"chain_id":"c"}`, string(b))
	for _, in := range []string{`1`, `"1"`, `true`} {
		var r ChainCorpsRequest
		require.NoError(t, json.Unmarshal([]byte(`{"chain_id":"c","limit":5,"fetch_child":`+in+`}`), &r), in)
		assert.Equal(t, ChainCorpsRequest{ChainID: "c", Limit: 5, FetchChild: true}, r, in)
	}
}
