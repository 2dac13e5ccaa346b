package work

import (
	"context"
	"iter"
	"net/http"
	"testing"

	"github.com/wecomkit/wecom/internal/api"
)

var groupChatCalls = []apiCase{
	{
		name: "ListGroupChats", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/list", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","group_chat_list":[{"chat_id":"wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA","status":0},
			{"chat_id":"wrOgQhDgAAcwMTB7YmDkbeBsAAAA","status":1}],"next_cursor":"tJzlB9tdqfh-g7i_J-ehOz_TWcd7dSKa39_AqCIeMFw"}`,
		body: `{"status_filter":1,"owner_filter":{"userid_list":["abel"]},"cursor":"r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI","limit":10}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.ListGroupChats(ctx, ListGroupChatsRequest{
				StatusFilter: GroupChatFilterOwnerLeft, OwnerFilter: &GroupChatOwnerFilter{UserIDs: []string{"abel"}},
				Cursor: "r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI", Limit: 10,
			})
		},
		want: &GroupChatList{
			GroupChats: []GroupChatRef{
				{ChatID: "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", Status: GroupChatNormal},
				{ChatID: "wrOgQhDgAAcwMTB7YmDkbeBsAAAA", Status: GroupChatOwnerLeft},
			},
			NextCursor: "tJzlB9tdqfh-g7i_J-ehOz_TWcd7dSKa39_AqCIeMFw",
		},
	},
	{
		name: "ListGroupChats defaults the limit", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/list", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","group_chat_list":[]}`,
		body:  `{"limit":1000}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.ListGroupChats(ctx, ListGroupChatsRequest{})
		},
		want: &GroupChatList{GroupChats: []GroupChatRef{}},
	},
	{
		name: "GroupChat", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/get", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","group_chat":{"chat_id":"wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA","name":"销售客服群",
			"owner":"ZhuShengBen","create_time":1572505490,"notice":"文明沟通，拒绝脏话",
			"member_list":[
				{"userid":"abel","type":1,"join_time":1572505491,"join_scene":1,"invitor":{"userid":"jack"},"group_nickname":"客服小张","name":"张三丰"},
				{"userid":"wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA","type":2,"unionid":"ozynqsulJFCZ2z1aYeS8h-nuasdAAA","join_time":1572505491,
				 "join_scene":3,"group_nickname":"顾客老王","name":"王语嫣","state":"st"}],
			"admin_list":[{"userid":"sam"},{"userid":"pony"}],"member_version":"71217227bbd112ecfe3a49c482195cb4"}}`,
		body: `{"chat_id":"wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA","need_name":1}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.GroupChat(ctx, GroupChatRequest{ChatID: "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", NeedName: true})
		},
		want: &GroupChat{
			ChatID: "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", Name: "销售客服群", Owner: "ZhuShengBen", CreateTime: 1572505490,
			Notice: "文明沟通，拒绝脏话",
			Members: []GroupChatMember{
				{UserID: "abel", Type: GroupMemberInternal, JoinTime: 1572505491, JoinScene: GroupJoinByInvite,
					Invitor: &GroupChatInvitor{UserID: "jack"}, GroupNickname: "客服小张", Name: "张三丰"},
				{UserID: "wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA", Type: GroupMemberExternal, UnionID: "ozynqsulJFCZ2z1aYeS8h-nuasdAAA",
					JoinTime: 1572505491, JoinScene: GroupJoinByQRCode, GroupNickname: "顾客老王", Name: "王语嫣", State: "st"},
			},
			Admins:        []GroupChatAdmin{{UserID: "sam"}, {UserID: "pony"}},
			MemberVersion: "71217227bbd112ecfe3a49c482195cb4",
		},
	},
	{
		name: "GroupChat without names", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/get", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","group_chat":{"chat_id":"wrX","owner":"o","member_list":[]}}`,
		body:  `{"chat_id":"wrX","need_name":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.GroupChat(ctx, GroupChatRequest{ChatID: "wrX"})
		},
		want: &GroupChat{ChatID: "wrX", Owner: "o", Members: []GroupChatMember{}},
	},
	{
		name: "OpenGIDToChatID", method: http.MethodPost, path: "/cgi-bin/externalcontact/opengid_to_chatid", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","chat_id":"ooAAAAAAAAAAA"}`,
		body:  `{"opengid":"oAAAAAAA"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.OpenGIDToChatID(ctx, "oAAAAAAA")
		},
		want: "ooAAAAAAAAAAA",
	},
	{
		name: "TransferGroupChats returns the failed chats as data", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/transfer", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok","failed_chat_list":[{"chat_id":"wrOgQhDgAAcwMTB7YmDkbeBsgT_KAAAA","errcode":90500,"errmsg":"the owner of this chat is not resigned"}]}`,
		body:  `{"chat_id_list":["wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAA","wrOgQhDgAAMYQiS5ol9G7gK9JVQUAAAA"],"new_owner":"zhangsan"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.TransferGroupChats(ctx, []string{"wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAA", "wrOgQhDgAAMYQiS5ol9G7gK9JVQUAAAA"}, "zhangsan")
		},
		want: []FailedGroupChat{{ChatID: "wrOgQhDgAAcwMTB7YmDkbeBsgT_KAAAA", ErrCode: 90500, ErrMsg: "the owner of this chat is not resigned"}},
	},
	{
		name: "OnJobTransferGroupChats", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/onjob_transfer", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok","failed_chat_list":[]}`,
		body:  `{"chat_id_list":["wrA"],"new_owner":"lisi"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.OnJobTransferGroupChats(ctx, []string{"wrA"}, "lisi")
		},
		want: []FailedGroupChat{},
	},
}

func TestExternalContactGroupChats(t *testing.T) { runAPICases(t, groupChatCalls) }

func TestExternalContactGroupChatIterator(t *testing.T) {
	runIterCases(t, []iterCase{{
		name: "AllGroupChats", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/list",
		page: jsonPage("group_chat_list", func(id string) map[string]any { return map[string]any{"chat_id": id, "status": 0} }),
		body: `{"status_filter":3,"owner_filter":{"userid_list":["abel"]},"limit":1000}`,
		seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
			req := ListGroupChatsRequest{StatusFilter: GroupChatFilterTransferred, OwnerFilter: &GroupChatOwnerFilter{UserIDs: []string{"abel"}}}
			return idsOf(c.ExternalContact.AllGroupChats(ctx, req), func(g GroupChatRef) string { return g.ChatID })
		},
	}})
}
