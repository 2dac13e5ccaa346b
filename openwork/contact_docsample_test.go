package openwork

import (
	"context"
	"net/http"
)

// tailDocCases are the provider long tail (contact tools, paid-app
// orders, id conversions) against their pages' samples, built from the
// pages' field tables (see testdata/docs/README.md).
func tailDocCases() []docCase {
	return []docCase{
		{
			name: "Provider.Contact.Search", page: "91844", method: http.MethodPost, path: "/cgi-bin/service/contact/search",
			request: "service/contact_search.request.json", response: "service/contact_search.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.Contact.Search(ctx, ContactSearchRequest{AuthCorpID: "wwxxxxxx", QueryWord: "zhangsan", QueryType: 1, QueryRange: 1,
					AgentID: 1000046, Limit: 50, FullMatchField: 1, Cursor: "CURSOR"})
			},
		},
		{
			name: "Provider.Contact.BatchSearch", page: "91844", method: http.MethodPost, path: "/cgi-bin/service/contact/batchsearch",
			wantBody: `{"auth_corpid":"wwxxxxxx","agentid":1000046,"query_request_list":[{"query_word":"zhangsan","query_type":1,"limit":50,"cursor":"CURSOR"}]}`,
			response: "service/contact_batchsearch.response.json", under: "query_result_list",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.Contact.BatchSearch(ctx, ContactBatchSearchRequest{AuthCorpID: "wwxxxxxx", AgentID: 1000046,
					Queries: []ContactQuery{{QueryWord: "zhangsan", QueryType: 1, Limit: 50, Cursor: "CURSOR"}}})
			},
		},
		{
			name: "Provider.Contact.TranslateIDs", page: "91883", method: http.MethodPost, path: "/cgi-bin/service/contact/id_translate",
			request: "service/contact_id_translate.request.json",
			reply:   `{"errcode":0,"errmsg":"ok","jobid":"xxxxx"}`, under: "jobid",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.Contact.TranslateIDs(ctx, IDTranslateRequest{AuthCorpID: "wwxxxx",
					MediaIDList: []string{"1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0"}, OutputName: "学习手册", OutputFormat: "pdf"})
			},
		},
		{
			name: "Provider.Contact.Sort", page: "92093", method: http.MethodPost, path: "/cgi-bin/service/contact/sort",
			request:  "service/contact_sort.request.json",
			response: "service/contact_sort.response.json", under: "useridlist",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.Contact.Sort(ctx, ContactSortRequest{AuthCorpID: "wwxxxxxx", SortType: 1, UserIDList: []string{"zhangshan", "lisi"}})
			},
		},
		{
			name: "Provider.Contact.BatchResult", page: "91883", method: http.MethodGet, path: "/cgi-bin/service/batch/getresult",
			response: "service/batch_getresult.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.Contact.BatchResult(ctx, "xxxxx")
			},
		},
		{
			name: "Provider.FinishExternalUserIDMigration", page: "95327", method: http.MethodPost,
			path: "/cgi-bin/service/externalcontact/finish_external_userid_migration", request: "service/finish_external_userid_migration.request.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return nil, p.FinishExternalUserIDMigration(ctx, "xxxxx")
			},
		},
		{
			name: "Suite.Order.Get", page: "90590", method: http.MethodPost, path: "/cgi-bin/service/get_order",
			wantBody: `{"orderid":"2018091822ks1sd3s"}`, response: "service/get_order.response.json",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.Order.Get(ctx, "2018091822ks1sd3s")
			},
		},
		{
			name: "Suite.Order.List", page: "90590", method: http.MethodPost, path: "/cgi-bin/service/get_order_list",
			wantBody: `{"start_time":1526659200,"end_time":1526659299,"test_mode":1}`,
			response: "service/get_order_list.response.json", under: "order_list",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.Order.List(ctx, AppOrderListRequest{StartTime: 1526659200, EndTime: 1526659299, TestMode: 1})
			},
		},
		{
			name: "Suite.Order.ProlongTry", page: "91909", method: http.MethodPost, path: "/cgi-bin/service/prolong_try",
			request: "service/prolong_try.request.json",
			reply:   `{"errcode":0,"errmsg":"ok","try_end_time":1569999999}`, under: "try_end_time",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.Order.ProlongTry(ctx, ProlongTryRequest{BuyerCorpID: "wx7da9abf8ac62baaa", ProlongDays: 7, AppID: 1})
			},
		},
		{
			name: "Suite.UnionIDToExternalUserID", page: "95327", method: http.MethodPost,
			path:    "/cgi-bin/service/externalcontact/unionid_to_external_userid_3rd",
			request: "service/unionid_to_external_userid_3rd.request.json",
			reply:   `{"errcode":0,"errmsg":"ok","external_userid_info":[{"corpid":"xxxxx","external_userid":"wmAAAA"}]}`,
			under:   "external_userid_info",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.UnionIDToExternalUserID(ctx, UnionIDRequest3rd{UnionID: "xxxxx", OpenID: "xxxxx", CorpID: "xxxxx"})
			},
		},
		{
			name: "Suite.UpgradeChatIDsForNewCorps", page: "99601", method: http.MethodGet, path: "/cgi-bin/idconvert/upgrade_chatid_for_new_corp",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return nil, s.UpgradeChatIDsForNewCorps(ctx)
			},
		},
		{
			name: "Suite.JSCode2Session", page: "92423", method: http.MethodGet, path: "/cgi-bin/service/miniprogram/jscode2session",
			response: "service/jscode2session.response.json",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				m, err := s.JSCode2Session(ctx, "CODE")
				if m == nil {
					return nil, err
				}
				// The session's String hides the key; compare its fields.
				return map[string]any{"corpid": m.CorpID, "userid": m.UserID, "session_key": m.SessionKey, "open_userid": m.OpenUserID}, err
			},
		},
		{
			name: "Provider.Device.Delete", page: "92770", method: http.MethodPost, path: "/cgi-bin/service/del_device",
			wantBody: `{"device_sn":"xxxxx"}`,
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return nil, p.Device.Delete(ctx, "xxxxx")
			},
		},
		{
			name: "Provider.Device.FetchLog", page: "91475", method: http.MethodPost, path: "/cgi-bin/service/fetch_device_log",
			wantBody: `{"device_sn":"xxxxx","hint":"xxxxx"}`,
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return nil, p.Device.FetchLog(ctx, "xxxxx", "xxxxx")
			},
		},
		{
			name: "Provider.Device.SetPrinterSupport", page: "95327", method: http.MethodPost, path: "/cgi-bin/service/set_printer_support_state",
			wantBody: `{"device_sn":"xxxxx","not_supported_printer":1}`,
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return nil, p.Device.SetPrinterSupport(ctx, PrinterSupportRequest{DeviceSN: "xxxxx", NotSupported: true})
			},
		},
		{
			name: "Provider.Device.Add", page: "90626", method: http.MethodPost, path: "/cgi-bin/service/add_device",
			request: "service/add_device.request.json", response: "service/add_device.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				d, err := p.Device.Add(ctx, "hwme7a11fc60a668689", "WXWK001")
				if d == nil {
					return nil, err
				}
				// The instance's String hides the secret; compare its fields.
				return map[string]any{"device_info": map[string]any{"model_id": d.ModelID, "device_sn": d.DeviceSN, "create_time": d.CreateTime,
					"secret_no": d.SecretNo, "device_id": d.DeviceID, "qr_code": d.QRCode}}, err
			},
		},
		{
			name: "Provider.Device.AuthInfo", page: "90753", method: http.MethodPost, path: "/cgi-bin/service/get_device_auth_info",
			wantBody: `{"device_sn":"xxxx"}`, response: "service/get_device_auth_info.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.Device.AuthInfo(ctx, "xxxx")
			},
		},
		{
			name: "Provider.Device.List", page: "91346", method: http.MethodPost, path: "/cgi-bin/service/list_device",
			request: "service/list_device.request.json", response: "service/list_device.response.json", under: "device_list",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.Device.List(ctx, DeviceListRequest{Offset: 1, Limit: 10})
			},
		},
		{
			// The answer carries no field: the device fetches a new secret.
			name: "Provider.Device.ResetSecret", page: "90631", method: http.MethodPost, path: "/cgi-bin/service/reset_secret_no",
			request: "service/reset_secret_no.request.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return nil, p.Device.ResetSecret(ctx, "WXWK001")
			},
		},
		{
			name: "Provider.License.AccountBalance", page: "100137", method: http.MethodGet, path: "/cgi-bin/service/get_account_balance",
			response: "service/get_account_balance.response.json", under: "balance",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.AccountBalance(ctx)
			},
		},
	}
}
