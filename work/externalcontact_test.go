package work

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

const ecCustomerJSON = `{
	"external_userid": "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA",
	"name": "李四",
	"position": "Manager",
	"avatar": "http://p.qlogo.cn/bizmail/IcsdgagqefergqerhewSdage/0",
	"corp_name": "腾讯",
	"corp_full_name": "腾讯科技有限公司",
	"type": 2,
	"gender": 1,
	"unionid": "ozynqsulJFCZ2z1aYeS8h-nuasdAAA",
	"external_profile": {"external_attr": [
		{"type": 0, "name": "文本名称", "text": {"value": "文本"}},
		{"type": 1, "name": "网页名称", "web": {"url": "http://www.test.com", "title": "标题"}},
		{"type": 2, "name": "测试app", "miniprogram": {"appid": "wx8bd80126147dFAAA", "pagepath": "/index", "title": "my miniprogram"}}
	]}
}`

var ecCustomer = ExternalContact{
	ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA",
	Name:           "李四",
	Position:       "Manager",
	Avatar:         "http://p.qlogo.cn/bizmail/IcsdgagqefergqerhewSdage/0",
	CorpName:       "腾讯",
	CorpFullName:   "腾讯科技有限公司",
	Type:           ExternalContactWeCom,
	Gender:         ExternalContactGenderMale,
	UnionID:        "ozynqsulJFCZ2z1aYeS8h-nuasdAAA",
	ExternalProfile: &ExternalContactProfile{ExternalAttrs: []ExternalContactAttr{
		{Type: ExternalContactAttrTypeText, Name: "文本名称", Text: &ExternalContactAttrValue{Value: "文本"}},
		{Type: ExternalContactAttrTypeWeb, Name: "网页名称", Web: &ExternalContactAttrWeb{URL: "http://www.test.com", Title: "标题"}},
		{Type: ExternalContactAttrTypeMiniProgram, Name: "测试app", MiniProgram: &ExternalContactAttrMiniProgram{
			AppID: "wx8bd80126147dFAAA", PagePath: "/index", Title: "my miniprogram"}},
	}},
}

var customerCalls = []apiCase{
	{
		name: "List", method: http.MethodGet, path: "/cgi-bin/externalcontact/list", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","external_userid":["woAAA","wmBBB"]}`,
		query: url.Values{"userid": {"zhangsan"}},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.List(ctx, "zhangsan")
		},
		want: []string{"woAAA", "wmBBB"},
	},
	{
		name: "Get", method: http.MethodGet, path: "/cgi-bin/externalcontact/get", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","external_contact":` + ecCustomerJSON + `,
			"follow_user":[{
				"userid":"rocky","remark":"李部长","description":"对接采购","createtime":1525779812,
				"tags":[{"group_name":"标签分组名称","tag_name":"标签名称","tag_id":"etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA","type":1},
				        {"group_name":"","tag_name":"个人标签","type":2}],
				"remark_corp_name":"腾讯科技","remark_mobiles":["13800000001","13000000002"],
				"oper_userid":"rocky","add_way":10,"state":"来自视频号","wechat_channels":{"nickname":"视频号名称","source":1}
			}],
			"next_cursor":"NEXT"}`,
		query: url.Values{"external_userid": {"woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA"}, "cursor": {"CUR"}},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.Get(ctx, CustomerGetRequest{ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", Cursor: "CUR"})
		},
		want: &CustomerDetail{
			ExternalContact: ecCustomer,
			FollowUsers: []FollowUser{{
				UserID: "rocky", Remark: "李部长", Description: "对接采购", CreateTime: 1525779812,
				Tags: []FollowUserTag{
					{GroupName: "标签分组名称", TagName: "标签名称", TagID: "etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", Type: FollowUserTagCorp},
					{TagName: "个人标签", Type: FollowUserTagPersonal},
				},
				RemarkCorpName: "腾讯科技", RemarkMobiles: []string{"13800000001", "13000000002"},
				OperUserID: "rocky", AddWay: AddWayWechatChannels, State: "来自视频号",
				WechatChannels: &FollowUserChannels{Nickname: "视频号名称", Source: 1},
			}},
			NextCursor: "NEXT",
		},
	},
	{
		name: "Get first page sends no cursor", method: http.MethodGet, path: "/cgi-bin/externalcontact/get", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","external_contact":{"external_userid":"wmX","name":"N","type":1,"gender":0},"follow_user":[]}`,
		query: url.Values{"external_userid": {"wmX"}},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.Get(ctx, CustomerGetRequest{ExternalUserID: "wmX"})
		},
		want: &CustomerDetail{ExternalContact: ExternalContact{ExternalUserID: "wmX", Name: "N", Type: ExternalContactWechat}, FollowUsers: []FollowUser{}},
	},
	{
		name: "BatchGetByUser", method: http.MethodPost, path: "/cgi-bin/externalcontact/batch/get_by_user", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","external_contact_list":[{
				"external_contact":` + ecCustomerJSON + `,
				"follow_info":{"userid":"rocky","remark":"李部长","description":"d","createtime":1525779812,
					"tag_id":["etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA"],"remark_corp_name":"腾讯科技",
					"remark_mobiles":["13800000001"],"oper_userid":"rocky","add_way":1,"state":"s1"}
			}],
			"next_cursor":"r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI",
			"fail_info":{"unlicensed_userid_list":["zhangsan"]}}`,
		body: `{"userid_list":["rocky","zhangsan"],"cursor":"CUR","limit":100}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.BatchGetByUser(ctx, BatchGetByUserRequest{UserIDs: []string{"rocky", "zhangsan"}, Cursor: "CUR", Limit: 100})
		},
		want: &BatchGetByUserResult{
			Customers: []CustomerFollow{{
				ExternalContact: ecCustomer,
				FollowInfo: FollowInfo{
					UserID: "rocky", Remark: "李部长", Description: "d", CreateTime: 1525779812,
					TagIDs: []string{"etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA"}, RemarkCorpName: "腾讯科技",
					RemarkMobiles: []string{"13800000001"}, OperUserID: "rocky", AddWay: AddWayQRCode, State: "s1",
				},
			}},
			NextCursor: "r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI",
			FailInfo:   &BatchGetByUserFailInfo{UnlicensedUserIDs: []string{"zhangsan"}},
		},
	},
	{
		name: "Remark", method: http.MethodPost, path: "/cgi-bin/externalcontact/remark", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body: `{"userid":"zhangsan","external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA","remark":"备注信息",
			"description":"描述信息","remark_company":"腾讯科技","remark_mobiles":["13800000001","13800000002"],
			"remark_pic_mediaid":"MEDIAID"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.Remark(ctx, RemarkRequest{
				UserID: "zhangsan", ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", Remark: "备注信息",
				Description: "描述信息", RemarkCompany: "腾讯科技", RemarkMobiles: []string{"13800000001", "13800000002"},
				RemarkPicMediaID: "MEDIAID",
			})
		},
	},
	{
		name: "Remark clears mobiles", method: http.MethodPost, path: "/cgi-bin/externalcontact/remark", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"userid":"zhangsan","external_userid":"wmX","remark_mobiles":[]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.Remark(ctx, RemarkRequest{UserID: "zhangsan", ExternalUserID: "wmX", RemarkMobiles: []string{}})
		},
	},
	{
		name: "FollowUsers", method: http.MethodGet, path: "/cgi-bin/externalcontact/get_follow_user_list", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","follow_user":["zhangsan","lisi"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.FollowUsers(ctx)
		},
		want: []string{"zhangsan", "lisi"},
	},
}

func TestExternalContactCustomers(t *testing.T) { runAPICases(t, customerCalls) }

var customerIters = []iterCase{
	{
		name: "AllFollowUsers", method: http.MethodGet, path: "/cgi-bin/externalcontact/get",
		page: func(ids []string, next string) string {
			fus := make([]map[string]any, 0, len(ids))
			for _, id := range ids {
				fus = append(fus, map[string]any{"userid": id, "add_way": 1})
			}
			return mustJSON(map[string]any{"errcode": 0, "external_contact": map[string]any{"external_userid": "wmX"},
				"follow_user": fus, "next_cursor": next})
		},
		query: url.Values{"external_userid": {"wmX"}},
		seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
			return idsOf(c.ExternalContact.AllFollowUsers(ctx, "wmX"), func(f FollowUser) string { return f.UserID })
		},
	},
	{
		name: "AllByUser", method: http.MethodPost, path: "/cgi-bin/externalcontact/batch/get_by_user",
		page: jsonPage("external_contact_list", func(id string) map[string]any {
			return map[string]any{"external_contact": map[string]any{"external_userid": id}, "follow_info": map[string]any{"userid": "rocky"}}
		}),
		body: `{"userid_list":["rocky","lisi"],"limit":50}`,
		seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
			return idsOf(c.ExternalContact.AllByUser(ctx, BatchGetByUserRequest{UserIDs: []string{"rocky", "lisi"}, Limit: 50}), func(c CustomerFollow) string { return c.ExternalContact.ExternalUserID })
		},
	},
}

func TestExternalContactCustomerIterators(t *testing.T) { runIterCases(t, customerIters) }

func TestGetAllFollowUsers(t *testing.T) {
	pages := map[string]string{
		"":   `{"errcode":0,"external_contact":{"external_userid":"wmX","name":"客户"},"follow_user":[{"userid":"u1"},{"userid":"u2"}],"next_cursor":"c1"}`,
		"c1": `{"errcode":0,"external_contact":{"external_userid":"wmX","name":"客户"},"follow_user":[{"userid":"u3"}],"next_cursor":""}`,
	}
	t.Run("merges every page", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubPages(t, mt, http.MethodGet, "/cgi-bin/externalcontact/get", "cursor", pages)
		d, err := c.ExternalContact.GetAllFollowUsers(context.Background(), "wmX")
		require.NoError(t, err)
		assert.Equal(t, &CustomerDetail{
			ExternalContact: ExternalContact{ExternalUserID: "wmX", Name: "客户"},
			FollowUsers:     []FollowUser{{UserID: "u1"}, {UserID: "u2"}, {UserID: "u3"}},
		}, d)
		assert.Equal(t, 2, rec.count())
	})
	t.Run("fails with the failing page", func(t *testing.T) {
		c, mt := newTestClient(t)
		stubPages(t, mt, http.MethodGet, "/cgi-bin/externalcontact/get", "cursor",
			map[string]string{"": pages[""], "c1": `{"errcode":84061,"errmsg":"not external contact"}`})
		d, err := c.ExternalContact.GetAllFollowUsers(context.Background(), "wmX")
		requireAPIError(t, err, 84061, "/cgi-bin/externalcontact/get")
		assert.Nil(t, d)
	})
}

func TestRemarkRequestMobiles(t *testing.T) {
	tests := []struct {
		name    string
		mobiles []string
		want    string
	}{
		{"nil leaves them alone", nil, `{"userid":"u","external_userid":"e"}`},
		{"empty clears them", []string{}, `{"userid":"u","external_userid":"e","remark_mobiles":[]}`},
		{"set replaces them", []string{"1"}, `{"userid":"u","external_userid":"e","remark_mobiles":["1"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(RemarkRequest{UserID: "u", ExternalUserID: "e", RemarkMobiles: tt.mobiles})
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(b))
		})
	}
}
