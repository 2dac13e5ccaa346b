package work

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

func TestAgentAPI(t *testing.T) {
	runAPICases(t, []apiCase{
		{
			name: "Get", method: http.MethodGet, path: "/cgi-bin/agent/get", safety: api.Idempotent,
			reply: `{
				"errcode":0,"errmsg":"ok","agentid":1000005,"name":"HR助手",
				"square_logo_url":"https://p.qlogo.cn/bizmail/FxWtnM/0","description":"HR服务与员工自助平台",
				"allow_userinfos":{"user":[{"userid":"zhangshan"},{"userid":"lisi"}]},
				"allow_partys":{"partyid":[1]},"allow_tags":{"tagid":[1,2,3]},
				"close":0,"redirect_domain":"open.work.weixin.qq.com","report_location_flag":1,"isreportenter":"1",
				"home_url":"https://open.work.weixin.qq.com","customized_publish_status":1}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Agent.Get(ctx, 1000005)
			},
			query: url.Values{"agentid": {"1000005"}},
			want: &Agent{
				AgentID: 1000005, Name: "HR助手", SquareLogoURL: "https://p.qlogo.cn/bizmail/FxWtnM/0",
				Description: "HR服务与员工自助平台", AllowUsers: []string{"zhangshan", "lisi"},
				AllowParties: []int64{1}, AllowTags: []int64{1, 2, 3},
				RedirectDomain: "open.work.weixin.qq.com", ReportLocation: true, ReportEnter: true,
				HomeURL: "https://open.work.weixin.qq.com", CustomizedPublishStatus: 1,
			},
		},
		{
			name: "Get closed app with string numbers", method: http.MethodGet, path: "/cgi-bin/agent/get", safety: api.Idempotent,
			reply: `{"errcode":0,"agentid":"7","name":"x","close":1,"allow_partys":{"partyid":["5"]}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Agent.Get(ctx, 7)
			},
			query: url.Values{"agentid": {"7"}},
			want:  &Agent{AgentID: 7, Name: "x", Closed: true, AllowParties: []int64{5}},
		},
		{
			name: "List", method: http.MethodGet, path: "/cgi-bin/agent/list", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","agentlist":[{"agentid":1000005,"name":"HR助手","square_logo_url":"https://p.qlogo.cn/a"},{"agentid":1000006,"name":"b"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Agent.List(ctx)
			},
			want: []AgentSummary{{AgentID: 1000005, Name: "HR助手", SquareLogoURL: "https://p.qlogo.cn/a"}, {AgentID: 1000006, Name: "b"}},
		},
		{
			name: "Set everything", method: http.MethodPost, path: "/cgi-bin/agent/set", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Agent.Set(ctx, AgentSettings{
					AgentID: 1000005, Name: "财经助手", Description: "内部财经服务平台", RedirectDomain: "open.work.weixin.qq.com",
					HomeURL: "https://open.work.weixin.qq.com", LogoMediaID: "xxxxx",
					ReportLocation: new(false), ReportEnter: new(true),
				})
			},
			body: `{"agentid":1000005,"report_location_flag":0,"logo_mediaid":"xxxxx","name":"财经助手",
				"description":"内部财经服务平台","redirect_domain":"open.work.weixin.qq.com","isreportenter":1,
				"home_url":"https://open.work.weixin.qq.com"}`,
		},
		{
			name: "Set one field of the client's app", method: http.MethodPost, path: "/cgi-bin/agent/set", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Agent.Set(ctx, AgentSettings{Description: "d"})
			},
			body: `{"agentid":1000002,"description":"d"}`,
		},
		{
			name: "SetWorkbenchTemplate", method: http.MethodPost, path: "/cgi-bin/agent/set_workbench_template", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Agent.SetWorkbenchTemplate(ctx, WorkbenchTemplate{
					AgentID: 1000005,
					WorkbenchData: WorkbenchData{Type: WorkbenchTypeKeyData, KeyData: &WorkbenchKeyData{Items: []WorkbenchKeyDataItem{
						{Key: "待审批", Data: "2", JumpURL: "http://www.qq.com", PagePath: "pages/index"},
						{Key: "带批阅作业", Data: "4"},
					}}},
					ReplaceUserData: true,
				})
			},
			body: `{"agentid":1000005,"type":"keydata","keydata":{"items":[
				{"key":"待审批","data":"2","jump_url":"http://www.qq.com","pagepath":"pages/index"},
				{"key":"带批阅作业","data":"4"}]},"replace_user_data":true}`,
		},
		{
			name: "SetWorkbenchTemplate normal", method: http.MethodPost, path: "/cgi-bin/agent/set_workbench_template", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Agent.SetWorkbenchTemplate(ctx, WorkbenchTemplate{AgentID: 1000005, WorkbenchData: WorkbenchData{Type: WorkbenchTypeNormal}})
			},
			body: `{"agentid":1000005,"type":"normal"}`,
		},
		{
			name: "GetWorkbenchTemplate/client's agent", method: http.MethodPost, path: "/cgi-bin/agent/get_workbench_template", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","type":"normal"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Agent.GetWorkbenchTemplate(ctx, 0)
			},
			body: `{"agentid":1000002}`,
			want: &WorkbenchTemplate{WorkbenchData: WorkbenchData{Type: WorkbenchTypeNormal}},
		},
		{
			name: "GetWorkbenchTemplate", method: http.MethodPost, path: "/cgi-bin/agent/get_workbench_template", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","type":"image","agentid":1000005,
				"image":{"url":"xxxx","jump_url":"http://www.qq.com","pagepath":"pages/index"},"replace_user_data":true}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Agent.GetWorkbenchTemplate(ctx, 1000005)
			},
			body: `{"agentid":1000005}`,
			want: &WorkbenchTemplate{
				AgentID: 1000005,
				WorkbenchData: WorkbenchData{Type: WorkbenchTypeImage,
					Image: &WorkbenchImage{URL: "xxxx", JumpURL: "http://www.qq.com", PagePath: "pages/index"}},
				ReplaceUserData: true,
			},
		},
		{
			name: "SetWorkbenchData list", method: http.MethodPost, path: "/cgi-bin/agent/set_workbench_data", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Agent.SetWorkbenchData(ctx, WorkbenchUserData{AgentID: 1000005, UserID: "test", WorkbenchData: WorkbenchData{Type: WorkbenchTypeList, List: &WorkbenchList{
					Items: []WorkbenchListItem{{Title: "智慧校园新版设计的小程序要来啦", JumpURL: "http://www.qq.com"}, {Title: "x", PagePath: "pages/index"}},
				}}})
			},
			body: `{"agentid":1000005,"userid":"test","type":"list","list":{"items":[
				{"title":"智慧校园新版设计的小程序要来啦","jump_url":"http://www.qq.com"},{"title":"x","pagepath":"pages/index"}]}}`,
		},
		{
			name: "SetWorkbenchData webview", method: http.MethodPost, path: "/cgi-bin/agent/set_workbench_data", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Agent.SetWorkbenchData(ctx, WorkbenchUserData{AgentID: 1000005, UserID: "test", WorkbenchData: WorkbenchData{Type: WorkbenchTypeWebview, Webview: &WorkbenchWebview{
					URL: "http://www.qq.com", JumpURL: "http://www.qq.com", Height: WorkbenchDoubleRow, HideTitle: true,
				}}})
			},
			body: `{"agentid":1000005,"userid":"test","type":"webview","webview":{"url":"http://www.qq.com","jump_url":"http://www.qq.com","height":"double_row","hide_title":true}}`,
		},
	})
}

// A field WeCom sends in a shape that cannot be read is dropped; the rest
// of the answer reaches the caller.
func TestAgentGetDropsUnreadableFields(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodGet, "/cgi-bin/agent/get", `{"errcode":0,"agentid":"seven","name":"HR助手","close":"1"}`)
	a, err := c.Agent.Get(t.Context(), 7)
	require.NoError(t, err)
	assert.Zero(t, a.AgentID)
	assert.Equal(t, "HR助手", a.Name)
	assert.True(t, a.Closed)
}
