package work

import (
	"context"
	"iter"
	"net/http"
	"testing"
)

// MemberAuths walks user/list_member_auth's cursor, sending the limit on
// every page.
func TestMemberAuthsIterator(t *testing.T) {
	runIterCases(t, []iterCase{{
		name: "MemberAuths", method: http.MethodPost, path: "/cgi-bin/user/list_member_auth",
		page: jsonPage("member_auth_list", func(id string) map[string]any { return map[string]any{"open_userid": id} }),
		body: `{"limit":100}`,
		seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
			return c.User.MemberAuths(ctx, 100)
		},
	}})
}
