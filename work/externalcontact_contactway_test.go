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

var contactWayCalls = []apiCase{
	{
		name: "AddContactWay", method: http.MethodPost, path: "/cgi-bin/externalcontact/add_contact_way", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok","config_id":"42b34949e138eb6e027c123cba77fAAA","qr_code":"http://p.qpic.cn/wwhead/duc2TvpEgS"}`,
		body: `{"type":1,"scene":2,"style":1,"remark":"渠道客户","skip_verify":false,"state":"teststate",
			"user":["zhangsan"],"is_temp":true,"expires_in":86400,"chat_expires_in":86400,"unionid":"oxTWIuGaIt6gTKsQRLau2M0AAAA",
			"is_exclusive":true,
			"conclusions":{"text":{"content":"文本消息内容"},"image":{"media_id":"MEDIA_ID"},
				"link":{"title":"消息标题","picurl":"https://example.pic.com/path","desc":"消息描述","url":"https://example.link.com/path"},
				"miniprogram":{"title":"消息标题","pic_media_id":"MEDIA_ID","appid":"wx8bd80126147dfAAA","page":"/path/index"}}}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.AddContactWay(ctx, &ContactWay{
				Type: ContactWaySingle, Scene: ContactWaySceneQRCode, Style: 1, Remark: "渠道客户", SkipVerify: new(false),
				State: "teststate", Users: []string{"zhangsan"}, IsTemp: true, ExpiresIn: 86400, ChatExpiresIn: 86400,
				UnionID: "oxTWIuGaIt6gTKsQRLau2M0AAAA", IsExclusive: true,
				Conclusions: &Conclusions{
					Text:        &CustomerText{Content: "文本消息内容"},
					Image:       &ImageAttachment{MediaID: "MEDIA_ID"},
					Link:        &LinkAttachment{Title: "消息标题", PicURL: "https://example.pic.com/path", Desc: "消息描述", URL: "https://example.link.com/path"},
					MiniProgram: &MiniProgramAttachment{Title: "消息标题", PicMediaID: "MEDIA_ID", AppID: "wx8bd80126147dfAAA", Page: "/path/index"},
				},
			})
		},
		want: &AddContactWayResult{ConfigID: "42b34949e138eb6e027c123cba77fAAA", QRCode: "http://p.qpic.cn/wwhead/duc2TvpEgS"},
	},
	{
		name: "ContactWay", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_contact_way", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","contact_way":{"config_id":"42b34949e138eb6e027c123cba77fAAA","type":2,"scene":2,
			"style":2,"remark":"test remark","skip_verify":true,"state":"teststate","qr_code":"http://p.qpic.cn/wwhead/duc2TvpEgS",
			"user":["zhangsan","lisi"],"party":[2,3],"is_temp":true,"expires_in":86400,"chat_expires_in":86400,
			"unionid":"oxTWIuGaIt6gTKsQRLau2M0AAAA","conclusions":{"text":{"content":"结束"}}}}`,
		body: `{"config_id":"42b34949e138eb6e027c123cba77fAAA"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.ContactWay(ctx, "42b34949e138eb6e027c123cba77fAAA")
		},
		want: &ContactWay{
			ConfigID: "42b34949e138eb6e027c123cba77fAAA", Type: ContactWayMulti, Scene: ContactWaySceneQRCode, Style: 2,
			Remark: "test remark", SkipVerify: new(true), State: "teststate", QRCode: "http://p.qpic.cn/wwhead/duc2TvpEgS",
			Users: []string{"zhangsan", "lisi"}, Parties: []int64{2, 3}, IsTemp: true, ExpiresIn: 86400, ChatExpiresIn: 86400,
			UnionID: "oxTWIuGaIt6gTKsQRLau2M0AAAA", Conclusions: &Conclusions{Text: &CustomerText{Content: "结束"}},
		},
	},
	{
		name: "ListContactWays", method: http.MethodPost, path: "/cgi-bin/externalcontact/list_contact_way", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","contact_way":[{"config_id":"534b63270045c9ABiKEE814ef56d91c62f"},{"config_id":"87bBiKEE811c62f63270041c62f5c9A4"}],"next_cursor":"NEXT"}`,
		body:  `{"start_time":1622476800,"end_time":1625068800,"cursor":"CURSOR","limit":1000}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.ListContactWays(ctx, ListContactWaysRequest{StartTime: 1622476800, EndTime: 1625068800, Cursor: "CURSOR", Limit: 1000})
		},
		want: &ContactWayList{ConfigIDs: []string{"534b63270045c9ABiKEE814ef56d91c62f", "87bBiKEE811c62f63270041c62f5c9A4"}, NextCursor: "NEXT"},
	},
	{
		name: "UpdateContactWay sends only updatable fields", method: http.MethodPost, path: "/cgi-bin/externalcontact/update_contact_way", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"config_id":"42b34949e138eb6e027c123cba77fAAA","remark":"渠道客户","skip_verify":true,"style":1,"state":"teststate","user":["UserID1","UserID2"],"party":[2,3]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.UpdateContactWay(ctx, &ContactWay{
				ConfigID: "42b34949e138eb6e027c123cba77fAAA", Type: ContactWayMulti, Scene: ContactWaySceneQRCode,
				QRCode: "http://p.qpic.cn/old", Remark: "渠道客户", SkipVerify: new(true), Style: 1, State: "teststate",
				Users: []string{"UserID1", "UserID2"}, Parties: []int64{2, 3},
			})
		},
	},
	{
		// is_temp is not a field of update_contact_way (page 92577): the
		// session mode cannot change, so a fetched way is updated without it.
		name: "UpdateContactWay of a temporary way", method: http.MethodPost, path: "/cgi-bin/externalcontact/update_contact_way", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"config_id":"CFG","expires_in":86400,"chat_expires_in":86400,"unionid":"oxTWIuGaIt6gTKsQRLau2M0AAAA","conclusions":{"text":{"content":"bye"}}}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.UpdateContactWay(ctx, &ContactWay{
				ConfigID: "CFG", Type: ContactWaySingle, Scene: ContactWaySceneQRCode, IsTemp: true,
				ExpiresIn: 86400, ChatExpiresIn: 86400, UnionID: "oxTWIuGaIt6gTKsQRLau2M0AAAA",
				Conclusions: &Conclusions{Text: &CustomerText{Content: "bye"}},
			})
		},
	},
	{
		name: "DeleteContactWay", method: http.MethodPost, path: "/cgi-bin/externalcontact/del_contact_way", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"config_id":"42b34949e138eb6e027c123cba77fAAA"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.DeleteContactWay(ctx, "42b34949e138eb6e027c123cba77fAAA")
		},
	},
	{
		name: "CloseTempChat", method: http.MethodPost, path: "/cgi-bin/externalcontact/close_temp_chat", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"userid":"zhangyisheng","external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.CloseTempChat(ctx, "zhangyisheng", "woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA")
		},
	},
	{
		name: "AddJoinWay", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/add_join_way", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok","config_id":"9ad7fa5cdaa6511298498f979c472aaa"}`,
		body: `{"scene":2,"remark":"aa_remark","auto_create_room":0,"room_base_name":"销售客服群","room_base_id":10,
			"chat_id_list":["wrOgQhDgAAH2Yy-CTZ6POca8mlBEdaaa","wrOgQhDgAALPUthpRAKvl7mgiQRwAAA"],"state":"klsdup3kj3s1"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.AddJoinWay(ctx, &JoinWay{
				Scene: ContactWaySceneQRCode, Remark: "aa_remark", AutoCreateRoom: AutoCreateRoomOff, RoomBaseName: "销售客服群",
				RoomBaseID: 10, ChatIDs: []string{"wrOgQhDgAAH2Yy-CTZ6POca8mlBEdaaa", "wrOgQhDgAALPUthpRAKvl7mgiQRwAAA"}, State: "klsdup3kj3s1",
			})
		},
		want: "9ad7fa5cdaa6511298498f979c472aaa",
	},
	{
		name: "JoinWay", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/get_join_way", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","join_way":{"config_id":"9ad7fa5cdaa6511298498f979c472aaa","scene":2,"remark":"aa_remark",
			"auto_create_room":1,"room_base_name":"销售客服群","room_base_id":10,"chat_id_list":["wrOgQhDgAAH2Yy-CTZ6POca8mlBEdaaa"],
			"qr_code":"http://p.qpic.cn/wwhead/nMl9ssowtibVGyrmvBiaibzDtp/0","state":"klsdup3kj3s1"}}`,
		body: `{"config_id":"9ad7fa5cdaa6511298498f979c472aaa"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.JoinWay(ctx, "9ad7fa5cdaa6511298498f979c472aaa")
		},
		want: &JoinWay{
			ConfigID: "9ad7fa5cdaa6511298498f979c472aaa", Scene: ContactWaySceneQRCode, Remark: "aa_remark",
			AutoCreateRoom: AutoCreateRoomOn, RoomBaseName: "销售客服群", RoomBaseID: 10,
			ChatIDs: []string{"wrOgQhDgAAH2Yy-CTZ6POca8mlBEdaaa"}, QRCode: "http://p.qpic.cn/wwhead/nMl9ssowtibVGyrmvBiaibzDtp/0",
			State: "klsdup3kj3s1",
		},
	},
	{
		name: "UpdateJoinWay", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/update_join_way", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"config_id":"9ad7fa5cdaa6511298498f979c472aaa","scene":2,"remark":"bb","auto_create_room":1,"chat_id_list":["wrA"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.UpdateJoinWay(ctx, &JoinWay{ConfigID: "9ad7fa5cdaa6511298498f979c472aaa", Scene: ContactWaySceneQRCode,
				Remark: "bb", AutoCreateRoom: AutoCreateRoomOn, ChatIDs: []string{"wrA"}, QRCode: "http://p.qpic.cn/old"})
		},
	},
	{
		name: "DeleteJoinWay", method: http.MethodPost, path: "/cgi-bin/externalcontact/groupchat/del_join_way", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok"}`,
		body:  `{"config_id":"9ad7fa5cdaa6511298498f979c472aaa"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.ExternalContact.DeleteJoinWay(ctx, "9ad7fa5cdaa6511298498f979c472aaa")
		},
	},
}

func TestExternalContactContactWays(t *testing.T) { runAPICases(t, contactWayCalls) }

func TestExternalContactContactWayIterator(t *testing.T) {
	runIterCases(t, []iterCase{{
		name: "AllContactWays", method: http.MethodPost, path: "/cgi-bin/externalcontact/list_contact_way",
		page: jsonPage("contact_way", func(id string) map[string]any { return map[string]any{"config_id": id} }),
		body: `{"start_time":1622476800,"end_time":1625068800,"limit":500}`,
		seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
			return c.ExternalContact.AllContactWays(ctx, ListContactWaysRequest{StartTime: 1622476800, EndTime: 1625068800, Cursor: "ignored", Limit: 500})
		},
	}})
}

func TestExternalContactNilRequests(t *testing.T) {
	calls := map[string]func(ctx context.Context, c *Client) error{
		"AddContactWay": func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.AddContactWay(ctx, nil)
			return err
		},
		"UpdateContactWay": func(ctx context.Context, c *Client) error { return c.ExternalContact.UpdateContactWay(ctx, nil) },
		"AddJoinWay": func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.AddJoinWay(ctx, nil)
			return err
		},
		"UpdateJoinWay": func(ctx context.Context, c *Client) error { return c.ExternalContact.UpdateJoinWay(ctx, nil) },
		"AddMsgTemplate": func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.AddMsgTemplate(ctx, nil)
			return err
		},
		"SendWelcomeMsg": func(ctx context.Context, c *Client) error { return c.ExternalContact.SendWelcomeMsg(ctx, nil) },
		"AddGroupWelcomeTemplate": func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.AddGroupWelcomeTemplate(ctx, nil)
			return err
		},
		"EditGroupWelcomeTemplate": func(ctx context.Context, c *Client) error {
			return c.ExternalContact.EditGroupWelcomeTemplate(ctx, nil)
		},
		"AddMomentTask": func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.AddMomentTask(ctx, nil)
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			c, mt := newTestClient(t)
			err := call(context.Background(), c)
			require.ErrorIs(t, err, ErrNilRequest)
			assert.Zero(t, mt.GetTotalCallCount(), "nothing sent, not even gettoken")
		})
	}
}

func TestAutoCreateRoomJSON(t *testing.T) {
	t.Run("unset is omitted", func(t *testing.T) {
		b, err := json.Marshal(JoinWay{ConfigID: "c"})
		require.NoError(t, err)
		assert.JSONEq(t, `{"config_id":"c"}`, string(b))
	})
	t.Run("decodes 0 and 1", func(t *testing.T) {
		var w struct {
			A, B AutoCreateRoom
		}
		require.NoError(t, json.Unmarshal([]byte(`{"A":0,"B":1}`), &w))
		assert.Equal(t, AutoCreateRoomOff, w.A)
		assert.Equal(t, AutoCreateRoomOn, w.B)
	})
	t.Run("rejects a non-number", func(t *testing.T) {
		var a AutoCreateRoom
		assert.Error(t, json.Unmarshal([]byte(`"yes"`), &a))
	})
	t.Run("an invalid value fails the call before sending", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/externalcontact/groupchat/add_join_way", `{"errcode":0}`)
		_, err := c.ExternalContact.AddJoinWay(context.Background(), &JoinWay{AutoCreateRoom: AutoCreateRoom(9)})
		require.ErrorContains(t, err, "invalid AutoCreateRoom")
		assert.Zero(t, rec.count(), "nothing sent")
	})
}
