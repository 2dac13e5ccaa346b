package work

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

// fullUserJSON is a user/get answer with every documented field.
const fullUserJSON = `{
	"errcode": 0, "errmsg": "ok",
	"userid": "zhangsan", "name": "张三", "alias": "jackzhang", "mobile": "13800000000",
	"department": [1, 2], "order": [1, 2], "position": "后台工程师", "gender": "1",
	"email": "zhangsan@gzdev.com", "biz_mail": "zhangsan@qyycs2.wecom.work",
	"is_leader_in_dept": [1, 0], "direct_leader": ["lisi"],
	"avatar": "http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0",
	"thumb_avatar": "http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/100",
	"telephone": "020-123456", "address": "广州市海珠区新港中路", "open_userid": "xxxxxx",
	"main_department": 1, "status": 1, "enable": 1, "hide_mobile": 0,
	"qr_code": "https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx",
	"external_position": "高级产品经理",
	"extattr": {"attrs": [
		{"type": 0, "name": "文本名称", "text": {"value": "文本"}},
		{"type": 1, "name": "网页名称", "web": {"url": "http://www.test.com", "title": "标题"}}
	]},
	"external_profile": {
		"external_corp_name": "企业简称",
		"wechat_channels": {"nickname": "视频号名称", "status": 1},
		"external_attr": [
			{"type": 0, "name": "文本名称", "text": {"value": "文本"}},
			{"type": 1, "name": "网页名称", "web": {"url": "http://www.test.com", "title": "标题"}},
			{"type": 2, "name": "测试app", "miniprogram": {"appid": "wx8bd80126147dFAKE", "pagepath": "/index", "title": "my miniprogram"}}
		]
	}
}`

func fullUser() *User {
	return &User{
		UserID: "zhangsan", Name: "张三", Alias: "jackzhang", Mobile: "13800000000",
		Department: []int64{1, 2}, Order: []int64{1, 2}, Position: "后台工程师", Gender: UserGenderMale,
		Email: "zhangsan@gzdev.com", BizMail: "zhangsan@qyycs2.wecom.work",
		IsLeaderInDept: []int{1, 0}, DirectLeader: []string{"lisi"},
		Avatar:      "http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0",
		ThumbAvatar: "http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/100",
		Telephone:   "020-123456", Address: "广州市海珠区新港中路", OpenUserID: "xxxxxx",
		MainDepartment: 1, Status: UserStatusActive, Enable: new(true),
		QRCode:           "https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx",
		ExternalPosition: "高级产品经理",
		ExtAttr: &UserExtAttr{Attrs: []UserAttr{
			{Type: UserAttrTypeText, Name: "文本名称", Text: &UserAttrText{Value: "文本"}},
			{Type: UserAttrTypeWeb, Name: "网页名称", Web: &UserAttrWeb{URL: "http://www.test.com", Title: "标题"}},
		}},
		ExternalProfile: &UserExternalProfile{
			ExternalCorpName: "企业简称",
			WechatChannels:   &UserWechatChannels{Nickname: "视频号名称", Status: 1},
			ExternalAttr: []UserAttr{
				{Type: UserAttrTypeText, Name: "文本名称", Text: &UserAttrText{Value: "文本"}},
				{Type: UserAttrTypeWeb, Name: "网页名称", Web: &UserAttrWeb{URL: "http://www.test.com", Title: "标题"}},
				{Type: UserAttrTypeMiniProgram, Name: "测试app", MiniProgram: &UserAttrMiniProgram{AppID: "wx8bd80126147dFAKE", PagePath: "/index", Title: "my miniprogram"}},
			},
		},
	}
}

func TestUserAPI(t *testing.T) {
	runAPICases(t, []apiCase{
		{
			name: "Create", method: http.MethodPost, path: "/cgi-bin/user/create",
			reply: `{"errcode":0,"errmsg":"created"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.User.Create(ctx, &User{
					UserID: "zhangsan", Name: "张三", Mobile: "+86 13800000000",
					Department: []int64{1, 2}, Order: []int64{10, 40}, Gender: UserGenderFemale,
					IsLeaderInDept: []int{1, 0}, DirectLeader: []string{"lisi"},
					Enable: new(false), ToInvite: new(false), MainDepartment: 1, AvatarMediaID: "2-G6nrLmr5EC3MNb_-zL1dDdzkd0p7cNliYu9V5w7o8K0",
					ExtAttr: &UserExtAttr{Attrs: []UserAttr{{Type: UserAttrTypeText, Name: "爱好", Text: &UserAttrText{Value: "旅游"}}}},
					ExternalProfile: &UserExternalProfile{ExternalCorpName: "简称",
						WechatChannels: &UserWechatChannels{Nickname: "号"},
						ExternalAttr:   []UserAttr{{Type: UserAttrTypeWeb, Name: "官网", Web: &UserAttrWeb{URL: "https://example.com", Title: "主页"}}}},
				})
			},
			body: `{"userid":"zhangsan","name":"张三","mobile":"+86 13800000000","department":[1,2],"order":[10,40],
				"gender":"2","is_leader_in_dept":[1,0],"direct_leader":["lisi"],"enable":0,"to_invite":false,"main_department":1,
				"avatar_mediaid":"2-G6nrLmr5EC3MNb_-zL1dDdzkd0p7cNliYu9V5w7o8K0",
				"extattr":{"attrs":[{"type":0,"name":"爱好","text":{"value":"旅游"}}]},
				"external_profile":{"external_corp_name":"简称","wechat_channels":{"nickname":"号"},
					"external_attr":[{"type":1,"name":"官网","web":{"url":"https://example.com","title":"主页"}}]}}`,
		},
		{
			name: "Get", method: http.MethodGet, path: "/cgi-bin/user/get", safety: api.Idempotent,
			reply: fullUserJSON,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.User.Get(ctx, "zhangsan") },
			query: url.Values{"userid": {"zhangsan"}},
			want:  fullUser(),
		},
		{
			name: "Update", method: http.MethodPost, path: "/cgi-bin/user/update", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"updated"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.User.Update(ctx, &UserUpdate{UserID: "zhangsan", Position: new("经理"), Alias: new("")})
			},
			body: `{"userid":"zhangsan","position":"经理","alias":""}`,
		},
		{
			name: "Delete", method: http.MethodGet, path: "/cgi-bin/user/delete",
			reply: `{"errcode":0,"errmsg":"deleted"}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return nil, c.User.Delete(ctx, "zhangsan") },
			query: url.Values{"userid": {"zhangsan"}},
		},
		{
			name: "BatchDelete", method: http.MethodPost, path: "/cgi-bin/user/batchdelete",
			reply: `{"errcode":0,"errmsg":"deleted"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.User.BatchDelete(ctx, []string{"zhangsan", "lisi"})
			},
			body: `{"useridlist":["zhangsan","lisi"]}`,
		},
		{
			name: "SimpleList", method: http.MethodGet, path: "/cgi-bin/user/simplelist", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","userlist":[
				{"userid":"zhangsan","name":"张三","department":[1,2],"open_userid":"xxxxxx"},
				{"userid":"lisi","name":"李四","department":[2]}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.User.SimpleList(ctx, UserListRequest{DepartmentID: 2, FetchChild: true})
			},
			query: url.Values{"department_id": {"2"}, "fetch_child": {"1"}},
			want: []SimpleUser{
				{UserID: "zhangsan", Name: "张三", Department: []int64{1, 2}, OpenUserID: "xxxxxx"},
				{UserID: "lisi", Name: "李四", Department: []int64{2}},
			},
		},
		{
			name: "List", method: http.MethodGet, path: "/cgi-bin/user/list", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","userlist":[` + fullUserJSON + `]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.User.List(ctx, UserListRequest{DepartmentID: 1})
			},
			query: url.Values{"department_id": {"1"}, "fetch_child": {"0"}},
			want:  []User{*fullUser()},
		},
		{
			name: "ListIDs", method: http.MethodPost, path: "/cgi-bin/user/list_id", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","next_cursor":"xxxxxxx",
				"dept_user":[{"userid":"zhangsan","department":1},{"open_userid":"woAJ2GCAAA","department":2}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.User.ListIDs(ctx, UserIDListRequest{Cursor: "abc", Limit: 10000})
			},
			body: `{"cursor":"abc","limit":10000}`,
			want: &UserIDPage{NextCursor: "xxxxxxx", DeptUser: []DeptUser{
				{UserID: "zhangsan", Department: 1}, {OpenUserID: "woAJ2GCAAA", Department: 2},
			}},
		},
		{
			name: "ConvertToOpenID", method: http.MethodPost, path: "/cgi-bin/user/convert_to_openid", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","openid":"oDjGHs-1yCnGrRovBj2yHij5JAAA"}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.User.ConvertToOpenID(ctx, "zhangsan") },
			body:  `{"userid":"zhangsan"}`,
			want:  "oDjGHs-1yCnGrRovBj2yHij5JAAA",
		},
		{
			name: "ConvertToUserID", method: http.MethodPost, path: "/cgi-bin/user/convert_to_userid", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","userid":"zhangsan"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.User.ConvertToUserID(ctx, "oDjGHs-1yCnGrRovBj2yHij5JAAA")
			},
			body: `{"openid":"oDjGHs-1yCnGrRovBj2yHij5JAAA"}`,
			want: "zhangsan",
		},
		{
			name: "GetUserIDByMobile", method: http.MethodPost, path: "/cgi-bin/user/getuserid", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","userid":"zhangsan"}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.User.GetUserIDByMobile(ctx, "13430388888") },
			body:  `{"mobile":"13430388888"}`,
			want:  "zhangsan",
		},
		{
			name: "GetUserIDByEmail", method: http.MethodPost, path: "/cgi-bin/user/get_userid_by_email", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","userid":"zhangsan"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.User.GetUserIDByEmail(ctx, UserIDByEmailRequest{Email: "zhangsan@gmail.com", Type: EmailTypePersonal})
			},
			body: `{"email":"zhangsan@gmail.com","email_type":2}`,
			want: "zhangsan",
		},
		{
			name: "GetUserIDByEmail/default type", method: http.MethodPost, path: "/cgi-bin/user/get_userid_by_email", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","userid":"zhangsan"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.User.GetUserIDByEmail(ctx, UserIDByEmailRequest{Email: "zhangsan@corp.example"})
			},
			body: `{"email":"zhangsan@corp.example"}`,
			want: "zhangsan",
		},
		{
			name: "ActiveStat", method: http.MethodPost, path: "/cgi-bin/user/get_active_stat", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","active_cnt":100}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				shanghai := time.FixedZone("CST", 8*3600)
				// 2020-03-26 17:00 UTC is already the 27th in Shanghai.
				return c.User.ActiveStat(ctx, time.Date(2020, 3, 26, 17, 0, 0, 0, time.UTC).In(shanghai))
			},
			body: `{"date":"2020-03-27"}`,
			want: 100,
		},
		{
			name: "JoinQRCode", method: http.MethodGet, path: "/cgi-bin/corp/get_join_qrcode", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","join_qrcode":"https://work.weixin.qq.com/wework_admin/genqrcode?action=join&vcode=3db1fab03118ae2aa1544cb9abe84&r=hb_share_api_mjoin&qr_size=3"}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.User.JoinQRCode(ctx, JoinQRCode399px) },
			query: url.Values{"size_type": {"2"}},
			want:  "https://work.weixin.qq.com/wework_admin/genqrcode?action=join&vcode=3db1fab03118ae2aa1544cb9abe84&r=hb_share_api_mjoin&qr_size=3",
		},
		{
			name: "JoinQRCode/default size", method: http.MethodGet, path: "/cgi-bin/corp/get_join_qrcode", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","join_qrcode":"https://example.com/qr"}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.User.JoinQRCode(ctx, 0) },
			want:  "https://example.com/qr",
		},
		{
			name: "AuthSucc", method: http.MethodGet, path: "/cgi-bin/user/authsucc",
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return nil, c.User.AuthSucc(ctx, "zhangsan") },
			query: url.Values{"userid": {"zhangsan"}},
		},
		{
			name: "UserIDToOpenUserID", method: http.MethodPost, path: "/cgi-bin/batch/userid_to_openuserid", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","open_userid_list":[{"userid":"zhangsan","open_userid":"woAJ2GCAAA"}],
				"invalid_userid_list":["lisi"]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.User.UserIDToOpenUserID(ctx, []string{"zhangsan", "lisi"})
			},
			body: `{"userid_list":["zhangsan","lisi"]}`,
			want: &OpenUserIDResult{
				OpenUserIDList:    []UserIDMapping{{UserID: "zhangsan", OpenUserID: "woAJ2GCAAA"}},
				InvalidUserIDList: []string{"lisi"},
			},
		},
		{
			name: "OpenUserIDToUserID", method: http.MethodPost, path: "/cgi-bin/batch/openuserid_to_userid", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","userid_list":[{"open_userid":"woAJ2GCAAA","userid":"zhangsan"}],
				"invalid_open_userid_list":["woBAD"]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.User.OpenUserIDToUserID(ctx, []string{"woAJ2GCAAA", "woBAD"}, 1000003)
			},
			body: `{"open_userid_list":["woAJ2GCAAA","woBAD"],"source_agentid":1000003}`,
			want: &UserIDResult{
				UserIDList:            []UserIDMapping{{UserID: "zhangsan", OpenUserID: "woAJ2GCAAA"}},
				InvalidOpenUserIDList: []string{"woBAD"},
			},
		},
	})
}

func TestUserUpdateSendsOnlyTheFieldsSet(t *testing.T) {
	tests := []struct {
		name   string
		update UserUpdate
		want   string
	}{
		{"only userid", UserUpdate{UserID: "zhangsan"}, `{"userid":"zhangsan"}`},
		{"disable", UserUpdate{UserID: "zhangsan", Enable: new(false)}, `{"userid":"zhangsan","enable":0}`},
		{"enable", UserUpdate{UserID: "zhangsan", Enable: new(true)}, `{"userid":"zhangsan","enable":1}`},
		{"clear leaders", UserUpdate{UserID: "zhangsan", DirectLeader: []string{}}, `{"userid":"zhangsan","direct_leader":[]}`},
		{"nil leaders untouched", UserUpdate{UserID: "zhangsan", DirectLeader: nil}, `{"userid":"zhangsan"}`},
		{"gender and departments", UserUpdate{
			UserID: "zhangsan", Gender: new(UserGenderMale), Department: []int64{3}, Order: []int64{0},
			IsLeaderInDept: []int{0}, MainDepartment: new(int64(3)),
		}, `{"userid":"zhangsan","gender":"1","department":[3],"order":[0],"is_leader_in_dept":[0],"main_department":3}`},
		{"rename and clear email", UserUpdate{UserID: "wo123", NewUserID: "zhangsan", Email: new("")},
			`{"userid":"wo123","new_userid":"zhangsan","email":""}`},
		{"every pointer", UserUpdate{
			UserID: "u", Name: new("n"), Alias: new("a"), Mobile: new("m"), Position: new("p"), BizMail: new("b"),
			AvatarMediaID: new("media"), Telephone: new("t"), Address: new("ad"), ExternalPosition: new("ep"),
			ExtAttr:         &UserExtAttr{Attrs: []UserAttr{}},
			ExternalProfile: &UserExternalProfile{ExternalCorpName: "c"},
		}, `{"userid":"u","name":"n","alias":"a","mobile":"m","position":"p","biz_mail":"b","avatar_mediaid":"media",
			"telephone":"t","address":"ad","external_position":"ep","extattr":{"attrs":[]},
			"external_profile":{"external_corp_name":"c"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/user/update", `{"errcode":0,"errmsg":"updated"}`)
			require.NoError(t, c.User.Update(t.Context(), &tc.update))
			assertJSONBody(t, rec.last(t), tc.want)
			var sent map[string]any
			decodeBody(t, rec.last(t), &sent)
			if e, ok := sent["enable"]; ok {
				assert.IsType(t, float64(0), e, "enable is a number on the wire")
			}
		})
	}
}

func TestUserDecodesLenientFields(t *testing.T) {
	tests := []struct {
		name string
		json string
		want User
	}{
		{"numbers as strings", `{"userid":"u","gender":"2","status":"4","enable":"0"}`,
			User{UserID: "u", Gender: UserGenderFemale, Status: UserStatusNotActive, Enable: new(false)}},
		{"numbers", `{"userid":"u","gender":1,"status":5,"enable":1}`,
			User{UserID: "u", Gender: UserGenderMale, Status: UserStatusResigned, Enable: new(true)}},
		{"gender unknown, enable as bool", `{"userid":"u","gender":"0","enable":true}`,
			User{UserID: "u", Gender: UserGenderUnknown, Enable: new(true)}},
		{"nulls and empties", `{"userid":"u","gender":null,"status":"","enable":null}`,
			User{UserID: "u"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got User
			require.NoError(t, json.Unmarshal([]byte(tc.json), &got))
			assert.Equal(t, tc.want, got)
		})
	}
}

// A field that cannot be read is dropped; the rest of the member reaches
// the caller.
func TestUserGetDropsUnreadableFields(t *testing.T) {
	for _, reply := range []string{
		`{"errcode":0,"userid":"u","name":"张三","status":"active"}`,
		`{"errcode":0,"userid":"u","name":"张三","enable":"yes"}`,
		`{"errcode":0,"userid":"u","name":"张三","gender":[1]}`,
	} {
		c, mt := newTestClient(t)
		stubJSON(t, mt, http.MethodGet, "/cgi-bin/user/get", reply)
		u, err := c.User.Get(t.Context(), "u")
		require.NoError(t, err, reply)
		assert.Equal(t, &User{UserID: "u", Name: "张三"}, u, reply)
	}
}

func TestUserMarshalRoundTrip(t *testing.T) {
	b, err := json.Marshal(fullUser())
	require.NoError(t, err)
	var got User
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, *fullUser(), got)
}

func TestUserLocalErrorsSendNothing(t *testing.T) {
	c, mt := newTestClient(t)
	_, err := c.User.ActiveStat(t.Context(), time.Time{})
	assert.ErrorContains(t, err, "zero date")
	assert.ErrorContains(t, c.User.Create(t.Context(), nil), "nil user")
	assert.ErrorIs(t, c.User.Create(t.Context(), nil), ErrNilRequest)
	assert.ErrorContains(t, c.User.Update(t.Context(), nil), "nil update")
	assert.ErrorIs(t, c.User.Update(t.Context(), nil), ErrNilRequest)
	assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
}

// Reads are repeated after "system busy"; writes made with GET are not.
func TestUserRetrySafety(t *testing.T) {
	t.Run("Get is retried", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubError(t, mt, http.MethodGet, "/cgi-bin/user/get", wecom.CodeSystemBusy)
		_, err := c.User.Get(t.Context(), "u")
		requireAPIError(t, err, wecom.CodeSystemBusy, "/cgi-bin/user/get")
		assert.Equal(t, 3, rec.count(), "MaxAttempts of the test client")
		for _, r := range rec.all() {
			assertCall(t, r, http.MethodGet, "/cgi-bin/user/get")
			assert.Equal(t, "u", r.Query.Get("userid"))
		}
	})
	for name, call := range map[string]func(ctx context.Context, c *Client) error{
		"/cgi-bin/user/delete":   func(ctx context.Context, c *Client) error { return c.User.Delete(ctx, "u") },
		"/cgi-bin/user/authsucc": func(ctx context.Context, c *Client) error { return c.User.AuthSucc(ctx, "u") },
	} {
		t.Run(name+" is not retried", func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubError(t, mt, http.MethodGet, name, wecom.CodeSystemBusy)
			requireAPIError(t, call(t.Context(), c), wecom.CodeSystemBusy, name)
			assert.Equal(t, 1, rec.count())
		})
	}
	t.Run("Create is not retried", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubError(t, mt, http.MethodPost, "/cgi-bin/user/create", wecom.CodeRateLimited)
		err := c.User.Create(t.Context(), &User{UserID: "u", Name: "n", Department: []int64{1}})
		requireAPIError(t, err, wecom.CodeRateLimited, "/cgi-bin/user/create")
		assert.Equal(t, 1, rec.count())
	})
}

func TestUserAllIDs(t *testing.T) {
	pages := map[string]string{
		"":   `{"errcode":0,"next_cursor":"c1","dept_user":[{"userid":"a","department":1},{"userid":"b","department":1}]}`,
		"c1": `{"errcode":0,"next_cursor":"c2","dept_user":[{"userid":"a","department":2}]}`,
		"c2": `{"errcode":0,"next_cursor":"","dept_user":[{"userid":"c","department":3}]}`,
	}
	newPagedClient := func(t *testing.T) (*Client, *recorder) {
		c, mt := newTestClient(t)
		return c, stubPages(t, mt, http.MethodPost, "/cgi-bin/user/list_id", "cursor", pages)
	}

	t.Run("all pages", func(t *testing.T) {
		c, rec := newPagedClient(t)
		var got []DeptUser
		for du, err := range c.User.AllIDs(t.Context(), UserIDListRequest{Limit: 2}) {
			require.NoError(t, err)
			got = append(got, du)
		}
		assert.Equal(t, []DeptUser{{"a", "", 1}, {"b", "", 1}, {"a", "", 2}, {"c", "", 3}}, got)
		var seen []listIDRequest
		for _, r := range rec.all() {
			var in listIDRequest
			decodeBody(t, r, &in)
			seen = append(seen, in)
		}
		assert.Equal(t, []listIDRequest{{"", 2}, {"c1", 2}, {"c2", 2}}, seen)
	})
	t.Run("break stops fetching", func(t *testing.T) {
		c, rec := newPagedClient(t)
		for du, err := range c.User.AllIDs(t.Context(), UserIDListRequest{Limit: 2}) {
			require.NoError(t, err)
			if du.UserID == "b" {
				break
			}
		}
		assert.Equal(t, 1, rec.count())
	})
	t.Run("error ends the loop", func(t *testing.T) {
		c, mt := newTestClient(t)
		stubError(t, mt, http.MethodPost, "/cgi-bin/user/list_id", 60011)
		n := 0
		for _, err := range c.User.AllIDs(t.Context(), UserIDListRequest{}) {
			n++
			requireAPIError(t, err, 60011, "/cgi-bin/user/list_id")
		}
		assert.Equal(t, 1, n)
	})
}

// listIDRequest is the body of user/list_id as a test server reads it.
type listIDRequest struct {
	Cursor string `json:"cursor"`
	Limit  int    `json:"limit"`
}

// User decodes straight into its destination: nothing of what the
// destination held before survives, on the plain path and on the lenient
// one; and user/get's answer, handed over without the core's own validity
// scan, is still refused when it is not JSON.
func TestUserDecodeReplacesAndValidates(t *testing.T) {
	for _, in := range []string{`{"userid":"u"}`, `{"userid":"u","status":"active"}`, `{"userid":"u","enable":"yes"}`} {
		u := User{Name: "old", Alias: "a", Department: []int64{9}, Enable: new(true), Status: UserStatusDisabled}
		require.NoError(t, json.Unmarshal([]byte(in), &u), in)
		assert.Equal(t, User{UserID: "u"}, u, in)
	}
	for _, reply := range []string{`{"errcode":0,"userid":"u","name":tru}`, `{"errcode":0,"userid":"u","department":[1,]}`} {
		c, mt := newTestClient(t)
		stubJSON(t, mt, http.MethodGet, "/cgi-bin/user/get", reply)
		u, err := c.User.Get(t.Context(), "u")
		assert.ErrorIs(t, err, wecom.ErrUnexpectedResponse, reply)
		assert.Nil(t, u, reply)
	}
}

// user/list is decoded in one pass, as leniently as each member on its
// own: an odd field or member drops only itself, Enable comes as 1/0, an
// absent list is nil and an empty one empty.
func TestUserListLenient(t *testing.T) {
	for _, tc := range []struct {
		reply string
		want  []User
	}{
		{`{"errcode":0,"userlist":[{"userid":"a","status":"active","enable":"1","department":["1",2]},"odd",{"userid":"b","enable":0,"gender":2}]}`,
			[]User{{UserID: "a", Enable: new(true), Department: []int64{1, 2}}, {}, {UserID: "b", Enable: new(false), Gender: UserGenderFemale}}},
		{`{"errcode":0,"userlist":[]}`, []User{}},
		{`{"errcode":0}`, nil},
	} {
		c, mt := newTestClient(t)
		stubJSON(t, mt, http.MethodGet, "/cgi-bin/user/list", tc.reply)
		got, err := c.User.List(t.Context(), UserListRequest{DepartmentID: 1})
		require.NoError(t, err, tc.reply)
		assert.Equal(t, tc.want, got, tc.reply)
	}
}

// userWire has User's fields, in User's order, under the same keys and of
// the same types but Enable's; user() copies every one of them.
func TestUserWireMatchesUser(t *testing.T) {
	ut, wt := reflect.TypeFor[User](), reflect.TypeFor[userWire]()
	require.Equal(t, ut.NumField(), wt.NumField())
	key := func(f reflect.StructField) string { k, _, _ := strings.Cut(f.Tag.Get("json"), ","); return k }
	var w userWire
	wv := reflect.ValueOf(&w).Elem()
	for i := range ut.NumField() {
		uf, wf := ut.Field(i), wt.Field(i)
		assert.Equal(t, uf.Name, wf.Name)
		assert.Equal(t, key(uf), key(wf), uf.Name)
		if uf.Name == "Enable" {
			assert.Equal(t, reflect.TypeFor[*oneZero](), wf.Type)
		} else {
			assert.Equal(t, uf.Type, wf.Type, uf.Name)
		}
		// A non-zero value in every field of w.
		fv := wv.Field(i)
		switch fv.Kind() {
		case reflect.String:
			fv.SetString("x")
		case reflect.Int, reflect.Int64:
			fv.SetInt(1)
		case reflect.Slice:
			fv.Set(reflect.MakeSlice(fv.Type(), 1, 1))
		case reflect.Pointer:
			fv.Set(reflect.New(fv.Type().Elem()))
		default:
			t.Fatalf("field %s of kind %s", uf.Name, fv.Kind())
		}
	}
	uv := reflect.ValueOf(w.user())
	for i := range ut.NumField() {
		assert.False(t, uv.Field(i).IsZero(), "user() leaves %s out", ut.Field(i).Name)
	}
}
