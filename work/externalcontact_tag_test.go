package work

import (
	"context"
	"net/http"
	"testing"

	"github.com/wecomkit/wecom/internal/api"
)

var corpTagCalls = []apiCase{
	{
		name: "CorpTags", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_corp_tag_list", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","tag_group":[{"group_id":"TAG_GROUPID1","group_name":"GOURP_NAME","create_time":1557838797,
			"order":1,"deleted":false,"tag":[{"id":"TAG_ID1","name":"NAME1","create_time":1557838797,"order":1,"deleted":false},
			{"id":"TAG_ID2","name":"NAME2","create_time":1557838797,"order":2,"deleted":true}]}]}`,
		body: `{"tag_id":["etXXXXXXXXXX"],"group_id":["etYYYYYYYYYY"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.CorpTags(ctx, CorpTagsRequest{TagIDs: []string{"etXXXXXXXXXX"}, GroupIDs: []string{"etYYYYYYYYYY"}})
		},
		want: []CorpTagGroup{{
			GroupID: "TAG_GROUPID1", GroupName: "GOURP_NAME", CreateTime: 1557838797, Order: 1,
			Tags: []CorpTag{
				{ID: "TAG_ID1", Name: "NAME1", CreateTime: 1557838797, Order: 1},
				{ID: "TAG_ID2", Name: "NAME2", CreateTime: 1557838797, Order: 2, Deleted: true},
			},
		}},
	},
	{
		name: "CorpTags without filters", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_corp_tag_list", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","tag_group":[]}`,
		body:  `{}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.CorpTags(ctx, CorpTagsRequest{})
		},
		want: []CorpTagGroup{},
	},
	{
		name: "AddCorpTag", method: http.MethodPost, path: "/cgi-bin/externalcontact/add_corp_tag", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok","tag_group":{"group_id":"TAG_GROUPID1","group_name":"GOURP_NAME","create_time":1557838797,
			"order":1,"tag":[{"id":"TAG_ID1","name":"NAME1","create_time":1557838797,"order":1}]}}`,
		body: `{"group_name":"GROUP_NAME","order":1,"tag":[{"name":"TAG_NAME_1","order":1},{"name":"TAG_NAME_2"}],"agentid":1000014}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.AddCorpTag(ctx, AddCorpTagRequest{GroupName: "GROUP_NAME", Order: 1,
				Tags: []NewCorpTag{{Name: "TAG_NAME_1", Order: 1}, {Name: "TAG_NAME_2"}}, AgentID: 1000014})
		},
		want: &CorpTagGroup{GroupID: "TAG_GROUPID1", GroupName: "GOURP_NAME", CreateTime: 1557838797, Order: 1,
			Tags: []CorpTag{{ID: "TAG_ID1", Name: "NAME1", CreateTime: 1557838797, Order: 1}}},
	},
	{
		name: "EditCorpTag", method: http.MethodPost, path: "/cgi-bin/externalcontact/edit_corp_tag", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"id":"TAG_ID","name":"NEW_TAG_NAME","order":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.EditCorpTag(ctx, EditCorpTagRequest{ID: "TAG_ID", Name: "NEW_TAG_NAME", Order: new(int64(0))})
		},
	},
	{
		name: "EditCorpTag leaves the order alone", method: http.MethodPost, path: "/cgi-bin/externalcontact/edit_corp_tag", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"id":"TAG_ID","name":"N"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.EditCorpTag(ctx, EditCorpTagRequest{ID: "TAG_ID", Name: "N"})
		},
	},
	{
		name: "DeleteCorpTags", method: http.MethodPost, path: "/cgi-bin/externalcontact/del_corp_tag", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"tag_id":["TAG_ID_1","TAG_ID_2"],"group_id":["GROUP_ID_1"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.DeleteCorpTags(ctx, DeleteCorpTagsRequest{TagIDs: []string{"TAG_ID_1", "TAG_ID_2"}, GroupIDs: []string{"GROUP_ID_1"}})
		},
	},
	{
		name: "MarkTag", method: http.MethodPost, path: "/cgi-bin/externalcontact/mark_tag", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"userid":"zhangsan","external_userid":"woAJ2GCAAAd1NPGHKSD4wKmE8Aabj9AAA","add_tag":["TAGID1","TAGID2"],"remove_tag":["TAGID3"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.MarkTag(ctx, MarkTagRequest{UserID: "zhangsan", ExternalUserID: "woAJ2GCAAAd1NPGHKSD4wKmE8Aabj9AAA",
				AddTags: []string{"TAGID1", "TAGID2"}, RemoveTags: []string{"TAGID3"}})
		},
	},
}

func TestExternalContactCorpTags(t *testing.T) { runAPICases(t, corpTagCalls) }
