package work

import (
	"context"
	"net/http"
	"testing"

	"github.com/wecomkit/wecom/internal/api"
)

var groupWelcomeCalls = []apiCase{
	{
		name: "AddGroupWelcomeTemplate", method: http.MethodPost, path: "/cgi-bin/externalcontact/group_welcome_template/add", safety: api.Never,
		reply: `{"errcode":0,"errmsg":"ok","template_id":"msgXXXXXXX"}`,
		body: `{"text":{"content":"亲爱的%NICKNAME%用户，你好"},"image":{"media_id":"MEDIA_ID","pic_url":"http://p.qpic.cn/pic_wework/3474110808/7a6344sdadfwehe42060/0"},
			"agentid":1000014,"notify":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.AddGroupWelcomeTemplate(ctx, &GroupWelcomeTemplate{
				TemplateID: "not sent",
				Text:       &CustomerText{Content: "亲爱的%NICKNAME%用户，你好"},
				Image:      &ImageAttachment{MediaID: "MEDIA_ID", PicURL: "http://p.qpic.cn/pic_wework/3474110808/7a6344sdadfwehe42060/0"},
				AgentID:    1000014, SkipNotify: true,
			})
		},
		want: "msgXXXXXXX",
	},
	{
		name: "AddGroupWelcomeTemplate notifies by default", method: http.MethodPost, path: "/cgi-bin/externalcontact/group_welcome_template/add", safety: api.Never,
		reply: `{"errcode":0,"errmsg":"ok","template_id":"msgY"}`,
		body:  `{"text":{"content":"hi"},"file":{"media_id":"F"}}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.AddGroupWelcomeTemplate(ctx, &GroupWelcomeTemplate{Text: &CustomerText{Content: "hi"}, File: &FileAttachment{MediaID: "F"}})
		},
		want: "msgY",
	},
	{
		name: "EditGroupWelcomeTemplate", method: http.MethodPost, path: "/cgi-bin/externalcontact/group_welcome_template/edit", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body: `{"template_id":"msgXXXXXXX","text":{"content":"亲爱的用户你好"},
			"link":{"title":"消息标题","picurl":"https://example.pic.com/path","desc":"消息描述","url":"https://example.link.com/path"}}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.EditGroupWelcomeTemplate(ctx, &GroupWelcomeTemplate{TemplateID: "msgXXXXXXX",
				Text:       &CustomerText{Content: "亲爱的用户你好"},
				Link:       &LinkAttachment{Title: "消息标题", PicURL: "https://example.pic.com/path", Desc: "消息描述", URL: "https://example.link.com/path"},
				SkipNotify: true, // add only: never sent on edit
			})
		},
	},
	{
		name: "GroupWelcomeTemplate", method: http.MethodPost, path: "/cgi-bin/externalcontact/group_welcome_template/get", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","text":{"content":"文本消息内容"},
			"miniprogram":{"title":"消息标题","pic_media_id":"MEDIA_ID","appid":"wx8bd80126147dfAAA","page":"/path/index"},
			"video":{"media_id":"V"}}`,
		body: `{"template_id":"msgXXXXXXX"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.GroupWelcomeTemplate(ctx, "msgXXXXXXX")
		},
		want: &GroupWelcomeTemplate{TemplateID: "msgXXXXXXX", Text: &CustomerText{Content: "文本消息内容"},
			MiniProgram: &MiniProgramAttachment{Title: "消息标题", PicMediaID: "MEDIA_ID", AppID: "wx8bd80126147dfAAA", Page: "/path/index"},
			Video:       &VideoAttachment{MediaID: "V"}},
	},
	{
		name: "DeleteGroupWelcomeTemplate", method: http.MethodPost, path: "/cgi-bin/externalcontact/group_welcome_template/del", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"template_id":"msgXXXXXXX","agentid":1000014}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.DeleteGroupWelcomeTemplate(ctx, DeleteGroupWelcomeTemplateRequest{TemplateID: "msgXXXXXXX", AgentID: 1000014})
		},
	},
}

func TestExternalContactGroupWelcomeTemplates(t *testing.T) { runAPICases(t, groupWelcomeCalls) }
