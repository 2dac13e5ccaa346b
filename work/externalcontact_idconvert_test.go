package work

import (
	"context"
	"net/http"
	"testing"

	"github.com/wecomkit/wecom/internal/api"
)

var idConvertCalls = []apiCase{
	{
		name: "UnionIDToExternalUserID", method: http.MethodPost, path: "/cgi-bin/externalcontact/unionid_to_external_userid", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","external_userid":"ooAAAAAAAAAAA","pending_id":"pAAAA"}`,
		body:  `{"unionid":"oAAAAAAA","openid":"oBBBB","subject_type":1}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.UnionIDToExternalUserID(ctx, UnionIDRequest{UnionID: "oAAAAAAA", OpenID: "oBBBB", SubjectType: 1})
		},
		want: &UnionIDResult{ExternalUserID: "ooAAAAAAAAAAA", PendingID: "pAAAA"},
	},
	{
		name: "ConvertToOpenID", method: http.MethodPost, path: "/cgi-bin/externalcontact/convert_to_openid", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","openid":"ooAAAAAAAAAAA"}`,
		body:  `{"external_userid":"wmAAAAAAA"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.ConvertToOpenID(ctx, "wmAAAAAAA")
		},
		want: "ooAAAAAAAAAAA",
	},
	{
		name: "GetNewExternalUserID", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_new_external_userid", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","items":[{"external_userid":"wmAAA","new_external_userid":"wmNEW"}]}`,
		body:  `{"external_userid_list":["wmAAA","wmBBB"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.GetNewExternalUserID(ctx, []string{"wmAAA", "wmBBB"})
		},
		want: []ExternalUserIDMapping{{ExternalUserID: "wmAAA", NewExternalUserID: "wmNEW"}},
	},
}

func TestExternalContactIDConversion(t *testing.T) { runAPICases(t, idConvertCalls) }
