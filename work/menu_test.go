package work

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/wecomkit/wecom/internal/api"
)

func TestMenuAPI(t *testing.T) {
	buttons := []MenuButton{
		{Type: MenuClick, Name: "今日歌曲", Key: "V1001_TODAY_MUSIC"},
		{Name: "菜单", SubButtons: []MenuButton{
			{Type: MenuView, Name: "搜索", URL: "http://www.soso.com/"},
			{Type: MenuClick, Name: "赞一下我们", Key: "V1001_GOOD"},
			{Type: MenuScanCodePush, Name: "扫码推事件", Key: "rselfmenu_0_1"},
			{Type: MenuPicSysPhoto, Name: "系统拍照发图", Key: "rselfmenu_1_0"},
		}},
		{Type: MenuViewMiniProgram, Name: "小程序", AppID: "wx8bd80126147dfAAA", PagePath: "pages/lunar/index"},
	}
	const buttonsJSON = `[
		{"type":"click","name":"今日歌曲","key":"V1001_TODAY_MUSIC"},
		{"name":"菜单","sub_button":[
			{"type":"view","name":"搜索","url":"http://www.soso.com/"},
			{"type":"click","name":"赞一下我们","key":"V1001_GOOD"},
			{"type":"scancode_push","name":"扫码推事件","key":"rselfmenu_0_1"},
			{"type":"pic_sysphoto","name":"系统拍照发图","key":"rselfmenu_1_0"}]},
		{"type":"view_miniprogram","name":"小程序","appid":"wx8bd80126147dfAAA","pagepath":"pages/lunar/index"}]`
	agent := url.Values{"agentid": {"1000005"}}
	runAPICases(t, []apiCase{
		{
			name: "Create", method: http.MethodPost, path: "/cgi-bin/menu/create", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Menu.Create(ctx, 1000005, buttons)
			},
			query: agent,
			body:  `{"button":` + buttonsJSON + `}`,
		},
		{
			name: "Get", method: http.MethodGet, path: "/cgi-bin/menu/get", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","button":` + buttonsJSON + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Menu.Get(ctx, 1000005)
			},
			query: agent,
			want:  buttons,
		},
		{
			name: "Get/client's agent", method: http.MethodGet, path: "/cgi-bin/menu/get", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","button":[]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Menu.Get(ctx, 0)
			},
			query: url.Values{"agentid": {"1000002"}},
			want:  []MenuButton{},
		},
		{
			name: "Delete", method: http.MethodGet, path: "/cgi-bin/menu/delete",
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Menu.Delete(ctx, 1000005)
			},
			query: agent,
		},
	})
}
