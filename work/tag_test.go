package work

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

func TestTagAPI(t *testing.T) {
	runAPICases(t, []apiCase{
		{
			name: "Create", method: http.MethodPost, path: "/cgi-bin/tag/create",
			reply: `{"errcode":0,"errmsg":"created","tagid":12}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tag.Create(ctx, Tag{ID: 12, Name: "UI"})
			},
			body: `{"tagname":"UI","tagid":12}`,
			want: int64(12),
		},
		{
			name: "Create/auto id", method: http.MethodPost, path: "/cgi-bin/tag/create",
			reply: `{"errcode":0,"errmsg":"created","tagid":13}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Tag.Create(ctx, Tag{Name: "UX"}) },
			body:  `{"tagname":"UX"}`,
			want:  int64(13),
		},
		{
			name: "Update", method: http.MethodPost, path: "/cgi-bin/tag/update", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"updated"}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return nil, c.Tag.Update(ctx, 12, "UI design") },
			body:  `{"tagid":12,"tagname":"UI design"}`,
		},
		{
			name: "Delete", method: http.MethodGet, path: "/cgi-bin/tag/delete",
			reply: `{"errcode":0,"errmsg":"deleted"}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return nil, c.Tag.Delete(ctx, 12) },
			query: url.Values{"tagid": {"12"}},
		},
		{
			name: "Get", method: http.MethodGet, path: "/cgi-bin/tag/get", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","tagname":"乒乓球协会",
				"userlist":[{"userid":"zhangsan","name":"李四"}],"partylist":[2]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Tag.Get(ctx, 12) },
			query: url.Values{"tagid": {"12"}},
			want: &TagMembers{Name: "乒乓球协会", UserList: []TagUser{{UserID: "zhangsan", Name: "李四"}},
				PartyList: []int64{2}},
		},
		{
			name: "AddMembers", method: http.MethodPost, path: "/cgi-bin/tag/addtagusers", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","invalidlist":"usr1|usr2","invalidparty":[4]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tag.AddMembers(ctx, TagMembersRequest{TagID: 12, UserIDs: []string{"usr1", "usr2", "zhangsan"}, PartyIDs: []int64{4, 5}})
			},
			body: `{"tagid":12,"userlist":["usr1","usr2","zhangsan"],"partylist":[4,5]}`,
			want: &TagMembersResult{InvalidList: []string{"usr1", "usr2"}, InvalidParty: []int64{4}},
		},
		{
			name: "AddMembers/all valid", method: http.MethodPost, path: "/cgi-bin/tag/addtagusers", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tag.AddMembers(ctx, TagMembersRequest{TagID: 12, UserIDs: []string{"zhangsan"}})
			},
			body: `{"tagid":12,"userlist":["zhangsan"]}`,
			want: &TagMembersResult{},
		},
		{
			name: "DeleteMembers", method: http.MethodPost, path: "/cgi-bin/tag/deltagusers", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"deleted","invalidlist":"usr1","invalidparty":["2",3]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tag.DeleteMembers(ctx, TagMembersRequest{TagID: 12, UserIDs: []string{"usr1"}, PartyIDs: []int64{2, 3}})
			},
			body: `{"tagid":12,"userlist":["usr1"],"partylist":[2,3]}`,
			want: &TagMembersResult{InvalidList: []string{"usr1"}, InvalidParty: []int64{2, 3}},
		},
		{
			name: "List", method: http.MethodGet, path: "/cgi-bin/tag/list", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","taglist":[{"tagid":1,"tagname":"a"},{"tagid":2,"tagname":"b"}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Tag.List(ctx) },
			want:  []Tag{{ID: 1, Name: "a"}, {ID: 2, Name: "b"}},
		},
	})
}

func TestTagMembersResultDecoding(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		want    TagMembersResult
		partial bool
	}{
		{"none", `{"errcode":0}`, TagMembersResult{}, false},
		{"empty string", `{"invalidlist":"","invalidparty":[]}`, TagMembersResult{}, false},
		{"joined", `{"invalidlist":"a|b|c"}`, TagMembersResult{InvalidList: []string{"a", "b", "c"}}, true},
		{"stray separators", `{"invalidlist":"|a||b|"}`, TagMembersResult{InvalidList: []string{"a", "b"}}, true},
		{"array form", `{"invalidlist":["a","b"]}`, TagMembersResult{InvalidList: []string{"a", "b"}}, true},
		{"null", `{"invalidlist":null,"invalidparty":null}`, TagMembersResult{}, false},
		{"parties only", `{"invalidparty":[1,"2"]}`, TagMembersResult{InvalidParty: []int64{1, 2}}, true},
		// A field of an unexpected shape is dropped, not fatal.
		{"object for a list", `{"invalidlist":"a","invalidparty":{}}`, TagMembersResult{InvalidList: []string{"a"}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got TagMembersResult
			require.NoError(t, json.Unmarshal([]byte(tc.json), &got))
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.partial, got.Partial())
		})
	}
	// Unreadable ids are dropped (an element of a list keeps its place as
	// a zero value), never fatal; only broken JSON is an error.
	var got TagMembersResult
	require.NoError(t, json.Unmarshal([]byte(`{"invalidlist":12,"invalidparty":[1,"x"]}`), &got))
	assert.Equal(t, TagMembersResult{InvalidParty: []int64{1, 0}}, got)
	for _, bad := range []string{`[`} {
		var got TagMembersResult
		assert.Error(t, json.Unmarshal([]byte(bad), &got), bad)
	}
}

// When every entry is invalid WeCom answers an errcode, which is an error.
func TestTagAddMembersAllInvalid(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/tag/addtagusers",
		`{"errcode":40070,"errmsg":"all list invalid","invalidlist":"usr1","invalidparty":[]}`)
	res, err := c.Tag.AddMembers(t.Context(), TagMembersRequest{TagID: 12, UserIDs: []string{"usr1"}})
	requireAPIError(t, err, 40070, "/cgi-bin/tag/addtagusers")
	assert.Nil(t, res)
	assert.Equal(t, 1, rec.count(), "a write is not repeated")
}

func TestTagAddMembersBadAnswer(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/tag/addtagusers", `{"errcode":0,"invalidparty":["x"]}`)
	res, err := c.Tag.AddMembers(t.Context(), TagMembersRequest{TagID: 12, UserIDs: []string{"usr1"}})
	require.NoError(t, err)
	assert.True(t, res.Partial(), "an unreadable entry still says the call was partial")
}
