package work

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

const ecAttachmentsJSON = `[
	{"msgtype":"image","image":{"media_id":"MEDIA_ID"}},
	{"msgtype":"image","image":{"pic_url":"http://p.qpic.cn/pic_wework/3474110808/7a6344sdadfwehe42060/0"}},
	{"msgtype":"link","link":{"title":"消息标题","picurl":"https://example.pic.com/path","desc":"消息描述","url":"https://example.link.com/path"}},
	{"msgtype":"miniprogram","miniprogram":{"title":"消息标题","pic_media_id":"MEDIA_ID","appid":"wx8bd80126147dfAAA","page":"/path/index.html"}},
	{"msgtype":"video","video":{"media_id":"MEDIA_ID"}},
	{"msgtype":"file","file":{"media_id":"MEDIA_ID"}}
]`

var ecAttachments = []Attachment{
	NewImageAttachment("MEDIA_ID"),
	NewImageURLAttachment("http://p.qpic.cn/pic_wework/3474110808/7a6344sdadfwehe42060/0"),
	NewLinkAttachment(LinkAttachment{Title: "消息标题", PicURL: "https://example.pic.com/path", Desc: "消息描述", URL: "https://example.link.com/path"}),
	NewMiniProgramAttachment(MiniProgramAttachment{Title: "消息标题", PicMediaID: "MEDIA_ID", AppID: "wx8bd80126147dfAAA", Page: "/path/index.html"}),
	NewVideoAttachment("MEDIA_ID"),
	NewFileAttachment("MEDIA_ID"),
}

var msgCalls = []apiCase{
	{
		name: "AddMsgTemplate returns the fail list as data", method: http.MethodPost, path: "/cgi-bin/externalcontact/add_msg_template", safety: api.Never,
		reply: `{"errcode":0,"errmsg":"ok","fail_list":["wmqfasd1e1927831291723123109rAAA"],"msgid":"msgGCAAAXtWyujaWJHDDGi0mAAAA"}`,
		body: `{"chat_type":"single","external_userid":["woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA","wmqfasd1e1927831123109rBAAAA"],
			"tag_filter":{"group_list":[{"tag_list":["etXXXXXXXXXX","etYYYYYYYYYY"]},{"tag_list":["etZZZZZZZZZZZ"]}]},
			"sender":"zhangsan","allow_select":true,"text":{"content":"文本消息内容"},"attachments":` + ecAttachmentsJSON + `}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.AddMsgTemplate(ctx, &MsgTemplate{
				ChatType:        ChatTypeSingle,
				ExternalUserIDs: []string{"woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", "wmqfasd1e1927831123109rBAAAA"},
				TagFilter: &TagFilter{Groups: []TagFilterGroup{
					{TagIDs: []string{"etXXXXXXXXXX", "etYYYYYYYYYY"}}, {TagIDs: []string{"etZZZZZZZZZZZ"}},
				}},
				Sender: "zhangsan", AllowSelect: true, Text: &CustomerText{Content: "文本消息内容"}, Attachments: ecAttachments,
			})
		},
		want: &AddMsgTemplateResult{MsgID: "msgGCAAAXtWyujaWJHDDGi0mAAAA", FailList: []string{"wmqfasd1e1927831291723123109rAAA"}},
	},
	{
		name: "AddMsgTemplate to groups", method: http.MethodPost, path: "/cgi-bin/externalcontact/add_msg_template", safety: api.Never,
		reply: `{"errcode":0,"errmsg":"ok","msgid":"msgB"}`,
		body:  `{"chat_type":"group","chat_id_list":["wrA","wrB"],"sender":"zhangsan","text":{"content":"hi"}}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.AddMsgTemplate(ctx, &MsgTemplate{ChatType: ChatTypeGroup, ChatIDs: []string{"wrA", "wrB"},
				Sender: "zhangsan", Text: &CustomerText{Content: "hi"}})
		},
		want: &AddMsgTemplateResult{MsgID: "msgB"},
	},
	{
		name: "SendWelcomeMsg", method: http.MethodPost, path: "/cgi-bin/externalcontact/send_welcome_msg", safety: api.Never,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"welcome_code":"CALLBACK_CODE","text":{"content":"文本消息内容"},"attachments":` + ecAttachmentsJSON + `}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.SendWelcomeMsg(ctx, &WelcomeMsg{WelcomeCode: "CALLBACK_CODE", Text: &CustomerText{Content: "文本消息内容"}, Attachments: ecAttachments})
		},
	},
	{
		name: "GroupMsgList", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_groupmsg_list_v2", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","group_msg_list":[{"msgid":"msgGCAAAXtWyujaWJHDDGi0mAAAA",
			"creator":"xxxx","create_time":1605172726,"create_type":1,"text":{"content":"文本消息内容"},"attachments":` + ecAttachmentsJSON + `}]}`,
		body: `{"chat_type":"single","start_time":1605171726,"end_time":1605172726,"creator":"zhangshan","filter_type":1,"limit":50,"cursor":"CURSOR"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.GroupMsgList(ctx, GroupMsgListRequest{StartTime: 1605171726, EndTime: 1605172726, Creator: "zhangshan",
				FilterType: CreatorPersonal, Limit: 50, Cursor: "CURSOR"})
		},
		want: &GroupMsgList{
			GroupMsgs: []GroupMsg{{MsgID: "msgGCAAAXtWyujaWJHDDGi0mAAAA", Creator: "xxxx", CreateTime: 1605172726,
				CreateType: CreatedByMember, Text: &CustomerText{Content: "文本消息内容"}, Attachments: ecAttachments}},
			NextCursor: "CURSOR",
		},
	},
	{
		// Page 93338 documents create_time as a string ("create_time":"xxxx").
		name: "GroupMsgList with create_time as a string", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_groupmsg_list_v2", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","next_cursor":"","group_msg_list":[{"msgid":"msgA","create_time":"1605172726","create_type":0,
			"text":{"content":"hi"}},{"msgid":"msgB","create_time":"","create_type":1}]}`,
		body: `{"chat_type":"single","start_time":1,"end_time":2}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.GroupMsgList(ctx, GroupMsgListRequest{StartTime: 1, EndTime: 2})
		},
		want: &GroupMsgList{GroupMsgs: []GroupMsg{
			{MsgID: "msgA", CreateTime: 1605172726, CreateType: CreatedByCorp, Text: &CustomerText{Content: "hi"}},
			{MsgID: "msgB", CreateType: CreatedByMember},
		}},
	},
	{
		name: "GroupMsgList corp-created to groups", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_groupmsg_list_v2", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","group_msg_list":[]}`,
		body:  `{"chat_type":"group","start_time":1,"end_time":2,"filter_type":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.GroupMsgList(ctx, GroupMsgListRequest{ChatType: ChatTypeGroup, StartTime: 1, EndTime: 2, FilterType: CreatorCorp})
		},
		want: &GroupMsgList{GroupMsgs: []GroupMsg{}},
	},
	{
		name: "GroupMsgTask", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_groupmsg_task", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","task_list":[{"userid":"zhangsan","status":2,"send_time":1552536375},{"userid":"lisi","status":0}]}`,
		body:  `{"msgid":"msgGCAAAXtWyujaWJHDDGi0mACAAAA","limit":50,"cursor":"CURSOR"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.GroupMsgTask(ctx, GroupMsgPageRequest{MsgID: "msgGCAAAXtWyujaWJHDDGi0mACAAAA", UserID: "ignored", Limit: 50, Cursor: "CURSOR"})
		},
		want: &GroupMsgTaskList{
			Tasks:      []GroupMsgTask{{UserID: "zhangsan", Status: GroupMsgTaskSent, SendTime: 1552536375}, {UserID: "lisi", Status: GroupMsgTaskUnsent}},
			NextCursor: "CURSOR",
		},
	},
	{
		name: "GroupMsgSendResult", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_groupmsg_send_result", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","send_list":[{"external_userid":"wmqfasd1e19278asdasAAAA",
			"chat_id":"wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA","userid":"zhangsan","status":1,"send_time":1552536375},
			{"external_userid":"wmB","userid":"zhangsan","status":3}]}`,
		body: `{"msgid":"msgGCAAAXtWyujaWJHDDGi0mACAAAA","userid":"zhangsan","limit":50,"cursor":"CURSOR"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.GroupMsgSendResult(ctx, GroupMsgPageRequest{MsgID: "msgGCAAAXtWyujaWJHDDGi0mACAAAA", UserID: "zhangsan", Limit: 50, Cursor: "CURSOR"})
		},
		want: &GroupMsgSendList{
			Sends: []GroupMsgSend{
				{ExternalUserID: "wmqfasd1e19278asdasAAAA", ChatID: "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", UserID: "zhangsan", Status: GroupMsgSent, SendTime: 1552536375},
				{ExternalUserID: "wmB", UserID: "zhangsan", Status: GroupMsgOverReceiving},
			},
			NextCursor: "CURSOR",
		},
	},
	{
		name: "RemindGroupMsgSend", method: http.MethodPost, path: "/cgi-bin/externalcontact/remind_groupmsg_send", safety: api.Never,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"msgid":"msgGCAAAXtWyujaWJHDDGi0mACAAAA"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.RemindGroupMsgSend(ctx, "msgGCAAAXtWyujaWJHDDGi0mACAAAA")
		},
	},
	{
		name: "CancelGroupMsgSend", method: http.MethodPost, path: "/cgi-bin/externalcontact/cancel_groupmsg_send", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"msgid":"msgGCAAAXtWyujaWJHDDGi0mACAAAA"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.CancelGroupMsgSend(ctx, "msgGCAAAXtWyujaWJHDDGi0mACAAAA")
		},
	},
}

func TestExternalContactMessages(t *testing.T) { runAPICases(t, msgCalls) }

func TestSendWelcomeMsgErrors(t *testing.T) {
	for _, code := range []int{41050, 41051, 41096} {
		c, mt := newTestClient(t)
		rec := stubError(t, mt, http.MethodPost, "/cgi-bin/externalcontact/send_welcome_msg", code)
		err := c.ExternalContact.SendWelcomeMsg(context.Background(), &WelcomeMsg{WelcomeCode: "CODE"})
		requireAPIError(t, err, code, "/cgi-bin/externalcontact/send_welcome_msg")
		assert.Equal(t, 1, rec.count(), "errcode %d: a welcome message is never repeated", code)
	}
}

func TestExternalContactMessageIterators(t *testing.T) {
	runIterCases(t, []iterCase{
		{
			name: "AllGroupMsgs", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_groupmsg_list_v2",
			page: jsonPage("group_msg_list", func(id string) map[string]any {
				return map[string]any{"msgid": id, "create_time": 1605172726, "create_type": 0}
			}),
			body: `{"chat_type":"group","start_time":1605171726,"end_time":1605172726,"limit":100}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				req := GroupMsgListRequest{ChatType: ChatTypeGroup, StartTime: 1605171726, EndTime: 1605172726, Limit: 100}
				return idsOf(c.ExternalContact.AllGroupMsgs(ctx, req), func(m GroupMsg) string { return m.MsgID })
			},
		},
		{
			name: "AllGroupMsgTasks", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_groupmsg_task",
			page: jsonPage("task_list", func(id string) map[string]any { return map[string]any{"userid": id, "status": 2} }),
			body: `{"msgid":"msgA","limit":1000}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllGroupMsgTasks(ctx, GroupMsgPageRequest{MsgID: "msgA", Limit: 1000}), func(m GroupMsgTask) string { return m.UserID })
			},
		},
		{
			name: "AllGroupMsgSendResults", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_groupmsg_send_result",
			page: jsonPage("send_list", func(id string) map[string]any {
				return map[string]any{"external_userid": id, "userid": "zhangsan", "status": 1}
			}),
			body: `{"msgid":"msgA","userid":"zhangsan"}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllGroupMsgSendResults(ctx, GroupMsgPageRequest{MsgID: "msgA", UserID: "zhangsan"}), func(m GroupMsgSend) string { return m.ExternalUserID })
			},
		},
	})
}

func TestCreatorFilterJSON(t *testing.T) {
	tests := []struct {
		f    CreatorFilter
		want string
	}{{CreatorCorp, "0"}, {CreatorPersonal, "1"}, {CreatorAny, "2"}}
	for _, tt := range tests {
		b, err := json.Marshal(tt.f)
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(b))
	}
	_, err := json.Marshal(CreatorFilter(7))
	assert.ErrorContains(t, err, "invalid CreatorFilter")

	t.Run("an invalid filter fails the call before sending", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/externalcontact/get_groupmsg_list_v2", `{"errcode":0}`)
		_, err := c.ExternalContact.GroupMsgList(context.Background(), GroupMsgListRequest{FilterType: CreatorFilter(-1)})
		require.ErrorContains(t, err, "invalid CreatorFilter")
		assert.Zero(t, rec.count())
	})
}

func TestAttachmentConstructors(t *testing.T) {
	b, err := json.Marshal(ecAttachments)
	require.NoError(t, err)
	assert.JSONEq(t, ecAttachmentsJSON, string(b))

	var back []Attachment
	require.NoError(t, json.Unmarshal([]byte(ecAttachmentsJSON), &back))
	assert.Equal(t, ecAttachments, back)
}
