package work

import (
	"context"
	"net/http"
	"testing"

	"github.com/wecomkit/wecom/internal/api"
)

var idConvertCalls = []ecCall{
	{
		name: "UnionIDToExternalUserID", method: http.MethodPost, path: "/cgi-bin/externalcontact/unionid_to_external_userid", safety: api.Idempotent,
		reply:    `{"errcode":0,"errmsg":"ok","external_userid":"ooAAAAAAAAAAA","pending_id":"pAAAA"}`,
		wantBody: `{"unionid":"oAAAAAAA","openid":"oBBBB","subject_type":1}`,
		call: func(ctx context.Context, ec *ExternalContactService) (any, error) {
			r, err := ec.UnionIDToExternalUserID(ctx, UnionIDRequest{UnionID: "oAAAAAAA", OpenID: "oBBBB", SubjectType: 1})
			return ecResult(r, err)
		},
		want: &UnionIDResult{ExternalUserID: "ooAAAAAAAAAAA", PendingID: "pAAAA"},
	},
	{
		name: "ConvertToOpenID", method: http.MethodPost, path: "/cgi-bin/externalcontact/convert_to_openid", safety: api.Idempotent,
		reply:    `{"errcode":0,"errmsg":"ok","openid":"ooAAAAAAAAAAA"}`,
		wantBody: `{"external_userid":"wmAAAAAAA"}`,
		call: func(ctx context.Context, ec *ExternalContactService) (any, error) {
			id, err := ec.ConvertToOpenID(ctx, "wmAAAAAAA")
			return ecResult(id, err)
		},
		want: "ooAAAAAAAAAAA",
	},
	{
		name: "GetNewExternalUserID", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_new_external_userid", safety: api.Idempotent,
		reply:    `{"errcode":0,"errmsg":"ok","items":[{"external_userid":"wmAAA","new_external_userid":"wmNEW"}]}`,
		wantBody: `{"external_userid_list":["wmAAA","wmBBB"]}`,
		call: func(ctx context.Context, ec *ExternalContactService) (any, error) {
			m, err := ec.GetNewExternalUserID(ctx, []string{"wmAAA", "wmBBB"})
			return ecResult(m, err)
		},
		want: []ExternalUserIDMapping{{ExternalUserID: "wmAAA", NewExternalUserID: "wmNEW"}},
	},
}

func TestExternalContactIDConversion(t *testing.T) { runECCalls(t, idConvertCalls) }
