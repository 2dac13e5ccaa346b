package work

// The doc-sample table of 上下游 (corpgroup) and
// miniprogram/transfer_session. Samples and their provenance:
// testdata/docs/corpgroup (README.md). Page numbers are
// developer.work.weixin.qq.com/document/path/<page>.

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCorpGroupDocSamples(t *testing.T) {
	runDocSamples(t, []docCase{
		{
			page: 95816, method: http.MethodPost, path: "/cgi-bin/corpgroup/corp/gettoken", sample: "corpgroup/corp/gettoken",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					CorpID       string       `json:"corpid"`
					BusinessType BusinessType `json:"business_type"`
					AgentID      int64        `json:"agentid"`
				}](t, req)
				return c.CorpGroup.CorpToken(t.Context(), CorpGroupCorpConfig{CorpID: in.CorpID, AgentID: in.AgentID, BusinessType: in.BusinessType})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, 7200*time.Second, got.(*CorpToken).ExpiresIn)
				assert.NotContains(t, got.(*CorpToken).String(), "accesstoken000001")
			},
		},
		{
			page: 95813, method: http.MethodPost, path: "/cgi-bin/corpgroup/corp/list_app_share_info", sample: "corpgroup/corp/list_app_share_info",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.ListAppShareInfo(t.Context(), decodeSample[AppShareInfoRequest](t, req))
			},
		},
		{
			page: 95820, method: http.MethodGet, path: "/cgi-bin/corpgroup/corp/get_chain_list", sample: "corpgroup/corp/get_chain_list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.CorpGroup.Chains(t.Context()) },
		},
		{
			page: 95820, method: http.MethodPost, path: "/cgi-bin/corpgroup/corp/get_chain_group", sample: "corpgroup/corp/get_chain_group",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.ChainGroups(t.Context(), decodeSample[ChainGroupsRequest](t, req))
			},
		},
		{
			page: 95820, method: http.MethodPost, path: "/cgi-bin/corpgroup/corp/get_chain_corpinfo_list", sample: "corpgroup/corp/get_chain_corpinfo_list",
			// fetch_child 0 is left out: WeCom reads a missing key as 0.
			omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.ChainCorps(t.Context(), decodeSample[ChainCorpsRequest](t, req))
			},
		},
		{
			name: "corpgroup/corp/get_chain_corpinfo_list as the 2023 page prints it", page: 95820, method: http.MethodPost,
			path: "/cgi-bin/corpgroup/corp/get_chain_corpinfo_list", sample: "corpgroup/corp/get_chain_corpinfo_list_page",
			// need_pending false, an empty cursor and limit 0 are WeCom's defaults.
			omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.ChainCorps(t.Context(), decodeSample[ChainCorpsRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				corps := got.(*ChainCorps)
				require.Len(t, corps.GroupCorps, 1)
				assert.True(t, corps.GroupCorps[0].IsJoined, "is_joined 1")
				assert.Equal(t, "zhangsan", corps.GroupCorps[0].InviteUserID)
				assert.Equal(t, "xxx", corps.NextCursor)
			},
		},
		{
			page: 95820, method: http.MethodPost, path: "/cgi-bin/corpgroup/corp/get_chain_corpinfo", sample: "corpgroup/corp/get_chain_corpinfo",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.ChainCorp(t.Context(), decodeSample[ChainCorpRef](t, req))
			},
		},
		{
			name: "corpgroup/corp/get_chain_corpinfo as the 2023 page prints it", page: 95820, method: http.MethodPost,
			path: "/cgi-bin/corpgroup/corp/get_chain_corpinfo", sample: "corpgroup/corp/get_chain_corpinfo_page",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.ChainCorp(t.Context(), decodeSample[ChainCorpRef](t, req))
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, 1, got.(*ChainCorpInfo).QualificationStatus)
			},
		},
		{
			page: 95822, method: http.MethodPost, path: "/cgi-bin/corpgroup/corp/remove_corp", sample: "corpgroup/corp/remove_corp",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.CorpGroup.RemoveCorp(t.Context(), decodeSample[ChainCorpRef](t, req))
			},
		},
		{
			page: 97441, method: http.MethodPost, path: "/cgi-bin/corpgroup/corp/get_chain_user_custom_id", sample: "corpgroup/corp/get_chain_user_custom_id",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.ChainUserCustomID(t.Context(), decodeSample[ChainUserRef](t, req))
			},
		},
		{
			page: 95821, method: http.MethodPost, path: "/cgi-bin/corpgroup/import_chain_contact", sample: "corpgroup/import_chain_contact",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.ImportChainContact(t.Context(), decodeSample[ImportChainContactRequest](t, req))
			},
		},
		{
			page: 95823, method: http.MethodGet, path: "/cgi-bin/corpgroup/getresult", sample: "corpgroup/getresult",
			query: url.Values{"jobid": {"xxxxxx"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.CorpGroup.ImportResult(t.Context(), "xxxxxx")
			},
		},
		{
			page: 95631, method: http.MethodPost, path: "/cgi-bin/corpgroup/rule/list_ids", sample: "corpgroup/rule/list_ids",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.CorpGroup.ChainRuleIDs(t.Context(), "Chxxxxxx")
			},
		},
		{
			page: 95633, method: http.MethodPost, path: "/cgi-bin/corpgroup/rule/get_rule_info", sample: "corpgroup/rule/get_rule_info",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.CorpGroup.ChainRule(t.Context(), "Chxxxxxx", 1)
			},
		},
		{
			page: 95634, method: http.MethodPost, path: "/cgi-bin/corpgroup/rule/add_rule", sample: "corpgroup/rule/add_rule",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					ChainID  string         `json:"chain_id"`
					RuleInfo ChainRuleRange `json:"rule_info"`
				}](t, req)
				return c.CorpGroup.AddChainRule(t.Context(), in.ChainID, in.RuleInfo)
			},
		},
		{
			page: 95635, method: http.MethodPost, path: "/cgi-bin/corpgroup/rule/modify_rule", sample: "corpgroup/rule/modify_rule",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.CorpGroup.ModifyChainRule(t.Context(), decodeSample[ChainRuleModifyRequest](t, req))
			},
		},
		{
			page: 95632, method: http.MethodPost, path: "/cgi-bin/corpgroup/rule/delete_rule", sample: "corpgroup/rule/delete_rule",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.CorpGroup.DeleteChainRule(t.Context(), "Chxxxxxx", 1)
			},
		},
		{
			page: 95818, method: http.MethodPost, path: "/cgi-bin/corpgroup/unionid_to_external_userid", sample: "corpgroup/unionid_to_external_userid",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.UnionIDToExternalUserID(t.Context(), decodeSample[ChainUnionIDRequest](t, req))
			},
		},
		{
			page: 97357, method: http.MethodPost, path: "/cgi-bin/corpgroup/unionid_to_pending_id", sample: "corpgroup/unionid_to_pending_id",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					UnionID string `json:"unionid"`
					OpenID  string `json:"openid"`
				}](t, req)
				return c.CorpGroup.UnionIDToPendingID(t.Context(), in.UnionID, in.OpenID)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "PENDINGID", got) },
		},
		{
			page: 97357, method: http.MethodPost, path: "/cgi-bin/corpgroup/batch/external_userid_to_pending_id", sample: "corpgroup/batch/external_userid_to_pending_id",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.ExternalUserIDToPendingID(t.Context(), decodeSample[ChainPendingIDsRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, []PendingIDMapping{
					{ExternalUserID: "oAAAAAAA", PendingID: "pAAAAA"},
					{ExternalUserID: "oBBBBB", PendingID: "pBBBBB"},
				}, got)
			},
		},
		{
			page: 97442, method: http.MethodPost, path: "/cgi-bin/corpgroup/get_corp_shared_chain_list", sample: "corpgroup/get_corp_shared_chain_list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					CorpID string `json:"corpid"`
				}](t, req)
				return c.CorpGroup.CorpChains(t.Context(), in.CorpID)
			},
			// The page prints "xxx" for both fields; TestCorpGroupAPI tells
			// them apart.
			check: func(t *testing.T, got any) {
				assert.Equal(t, []Chain{{ChainID: "xxx", ChainName: "xxx"}}, got)
			},
		},
		{
			page: 95817, method: http.MethodPost, path: "/cgi-bin/miniprogram/transfer_session",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CorpGroup.TransferSession(t.Context(), decodeSample[MiniProgramSession](t, req))
			},
			check: func(t *testing.T, got any) {
				assert.NotContains(t, got.(*MiniProgramSession).String(), "DGAuy2KVaGcnsUrXk8ERgw==")
			},
		},
	})
}
