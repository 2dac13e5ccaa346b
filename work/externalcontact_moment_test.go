package work

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"testing"

	"github.com/wecomkit/wecom/internal/api"
)

var momentCalls = []apiCase{
	{
		name: "AddMomentTask", method: http.MethodPost, path: "/cgi-bin/externalcontact/add_moment_task", safety: api.Never,
		reply: `{"errcode":0,"errmsg":"ok","jobid":"xxxx"}`,
		body: `{"text":{"content":"文本消息内容"},
			"attachments":[{"msgtype":"image","image":{"media_id":"MEDIA_ID"}},{"msgtype":"video","video":{"media_id":"V"}},
				{"msgtype":"link","link":{"title":"消息标题","url":"https://example.link.com/path","media_id":"COVER"}}],
			"visible_range":{"sender_list":{"user_list":["zhangshan","lisi"],"department_list":[2,3]},
				"external_contact_list":{"tag_list":["etXXXXXXXXXX","etYYYYYYYYYY"]}}}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.AddMomentTask(ctx, &AddMomentTaskRequest{
				Text: &CustomerText{Content: "文本消息内容"},
				Attachments: []MomentAttachment{
					NewMomentImage("MEDIA_ID"), NewMomentVideo("V"),
					NewMomentLink("消息标题", "https://example.link.com/path", "COVER"),
				},
				VisibleRange: &MomentVisibleRange{
					Senders:   &MomentSenders{UserIDs: []string{"zhangshan", "lisi"}, DepartmentIDs: []int64{2, 3}},
					Customers: &MomentCustomers{TagIDs: []string{"etXXXXXXXXXX", "etYYYYYYYYYY"}},
				},
			})
		},
		want: "xxxx",
	},
	{
		name: "MomentTaskResult", method: http.MethodGet, path: "/cgi-bin/externalcontact/get_moment_task_result", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","status":3,"type":"add_moment_task","result":{"errcode":0,"errmsg":"ok",
			"moment_id":"xxxx","invalid_sender_list":{"user_list":["zhangshan","lisi"],"department_list":[2,3]},
			"invalid_external_contact_list":{"tag_list":["xxx"]}}}`,
		query: url.Values{"jobid": {"xxxxxx"}},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.MomentTaskResult(ctx, "xxxxxx")
		},
		want: &MomentJob{Status: MomentJobFinished, Type: "add_moment_task", Result: &MomentJobResult{
			ErrMsg: "ok", MomentID: "xxxx",
			InvalidSenders:   &MomentSenders{UserIDs: []string{"zhangshan", "lisi"}, DepartmentIDs: []int64{2, 3}},
			InvalidCustomers: &MomentCustomers{TagIDs: []string{"xxx"}},
		}},
	},
	{
		name: "CancelMomentTask", method: http.MethodPost, path: "/cgi-bin/externalcontact/cancel_moment_task", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"moment_id":"momxxx"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.CancelMomentTask(ctx, "momxxx")
		},
	},
	{
		name: "MomentList", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_moment_list", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","moment_list":[{"moment_id":"momxxx","creator":"xxxx",
			"create_time":1605171726,"create_type":1,"visible_type":1,"text":{"content":"test"},
			"image":[{"media_id":"WWCISP_xxxxx"}],"video":{"media_id":"WWCISP_xxxxx","thumb_media_id":"WWCISP_xxxxx"},
			"link":{"title":"腾讯网-QQ.COM","url":"https://www.qq.com"},
			"location":{"latitude":"23.10647","longitude":"113.32446","name":"广州市 · 广州塔"}}]}`,
		body: `{"start_time":1605171726,"end_time":1605172726,"creator":"zhangsan","filter_type":1,"cursor":"CURSOR","limit":10}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.MomentList(ctx, MomentListRequest{StartTime: 1605171726, EndTime: 1605172726, Creator: "zhangsan",
				FilterType: CreatorPersonal, Cursor: "CURSOR", Limit: 10})
		},
		want: &MomentList{
			Moments: []Moment{{
				MomentID: "momxxx", Creator: "xxxx", CreateTime: 1605171726, CreateType: CreatedByMember, VisibleType: MomentVisiblePublic,
				Text: &CustomerText{Content: "test"}, Images: []MomentMedia{{MediaID: "WWCISP_xxxxx"}},
				Video:    &MomentVideo{MediaID: "WWCISP_xxxxx", ThumbMediaID: "WWCISP_xxxxx"},
				Link:     &MomentLink{Title: "腾讯网-QQ.COM", URL: "https://www.qq.com"},
				Location: &MomentLocation{Latitude: "23.10647", Longitude: "113.32446", Name: "广州市 · 广州塔"},
			}},
			NextCursor: "CURSOR",
		},
	},
	{
		name: "MomentTask", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_moment_task", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","task_list":[{"userid":"zhangsan","publish_status":1},{"userid":"lisi","publish_status":0}]}`,
		body:  `{"moment_id":"momxxx","cursor":"CURSOR","limit":10}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.MomentTask(ctx, MomentPageRequest{MomentID: "momxxx", UserID: "ignored", Cursor: "CURSOR", Limit: 10})
		},
		want: &MomentTaskList{
			Tasks:      []MomentTask{{UserID: "zhangsan", PublishStatus: MomentPublished}, {UserID: "lisi", PublishStatus: MomentUnpublished}},
			NextCursor: "CURSOR",
		},
	},
	{
		name: "MomentCustomerList", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_moment_customer_list", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","customer_list":[{"userid":"xxx","external_userid":"woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA"}]}`,
		body:  `{"moment_id":"momxxx","userid":"xxx","cursor":"CURSOR","limit":10}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.MomentCustomerList(ctx, MomentPageRequest{MomentID: "momxxx", UserID: "xxx", Cursor: "CURSOR", Limit: 10})
		},
		want: &MomentCustomerList{Customers: []MomentCustomer{{UserID: "xxx", ExternalUserID: "woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA"}}, NextCursor: "CURSOR"},
	},
	{
		name: "MomentSendResult", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_moment_send_result", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","next_cursor":"","customer_list":[{"external_userid":"woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA"}]}`,
		body:  `{"moment_id":"momxxx","userid":"xxx","limit":100}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.MomentSendResult(ctx, MomentPageRequest{MomentID: "momxxx", UserID: "xxx", Limit: 100})
		},
		want: &MomentCustomerList{Customers: []MomentCustomer{{ExternalUserID: "woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA"}}},
	},
	{
		name: "MomentComments", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_moment_comments", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","comment_list":[{"external_userid":"woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA","create_time":1605172726},
			{"userid":"zhangshan","create_time":1605172729}],"like_list":[{"external_userid":"woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA","create_time":1605172726}]}`,
		body: `{"moment_id":"momxxx","userid":"xxx"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.MomentComments(ctx, "momxxx", "xxx")
		},
		want: &MomentInteractions{
			Comments: []MomentInteraction{
				{ExternalUserID: "woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA", CreateTime: 1605172726},
				{UserID: "zhangshan", CreateTime: 1605172729},
			},
			Likes: []MomentInteraction{{ExternalUserID: "woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA", CreateTime: 1605172726}},
		},
	},
}

func TestExternalContactMoments(t *testing.T) { runAPICases(t, momentCalls) }

var momentCustomerPage = jsonPage("customer_list", func(id string) map[string]any {
	return map[string]any{"userid": "xxx", "external_userid": id}
})

func TestExternalContactMomentIterators(t *testing.T) {
	runIterCases(t, []iterCase{
		{
			name: "AllMoments", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_moment_list",
			page: jsonPage("moment_list", func(id string) map[string]any {
				return map[string]any{"moment_id": id, "create_time": 1605171726, "create_type": 0, "visible_type": 0}
			}),
			body: `{"start_time":1605171726,"end_time":1605172726,"filter_type":0,"limit":20}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				req := MomentListRequest{StartTime: 1605171726, EndTime: 1605172726, FilterType: CreatorCorp, Limit: 20}
				return idsOf(c.ExternalContact.AllMoments(ctx, req), func(m Moment) string { return m.MomentID })
			},
		},
		{
			name: "AllMomentTasks", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_moment_task",
			page: jsonPage("task_list", func(id string) map[string]any { return map[string]any{"userid": id, "publish_status": 1} }),
			body: `{"moment_id":"momxxx","limit":500}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllMomentTasks(ctx, MomentPageRequest{MomentID: "momxxx", Limit: 500}), func(m MomentTask) string { return m.UserID })
			},
		},
		{
			name: "AllMomentCustomers", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_moment_customer_list",
			page: momentCustomerPage,
			body: `{"moment_id":"momxxx","userid":"xxx","limit":1000}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllMomentCustomers(ctx, MomentPageRequest{MomentID: "momxxx", UserID: "xxx", Limit: 1000}), func(m MomentCustomer) string { return m.ExternalUserID })
			},
		},
		{
			name: "AllMomentSendResults", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_moment_send_result",
			page: momentCustomerPage,
			body: `{"moment_id":"momxxx","userid":"xxx"}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllMomentSendResults(ctx, MomentPageRequest{MomentID: "momxxx", UserID: "xxx"}), func(m MomentCustomer) string { return m.ExternalUserID })
			},
		},
	})
}
