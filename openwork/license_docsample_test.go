package openwork

import (
	"context"
	"net/http"
)

// licenseDocCases are the 接口许可 endpoints against their doc samples.
// Files under testdata/docs/license are the pages' samples; the reply
// strings are built from the pages' field tables where no copy of the
// sample was found (see testdata/docs/README.md).
func licenseDocCases() []docCase {
	const lp = "/cgi-bin/license/"
	return []docCase{
		{
			name: "License.CreateNewOrder", page: "95644", method: http.MethodPost, path: lp + "create_new_order",
			request: "license/create_new_order.request.json", response: "license/create_new_order.response.json", under: "order_id",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.CreateNewOrder(ctx, LicenseNewOrderRequest{CorpID: "wwxxx", BuyerUserID: "xxxx",
					AccountCount:    LicenseAccountCount{BaseCount: 100, ExternalContactCount: 100},
					AccountDuration: LicenseDuration{Months: 2, Days: 20}})
			},
		},
		{
			name: "License.CreateRenewOrderJob", page: "95646", method: http.MethodPost, path: lp + "create_renew_order_job",
			request: "license/create_renew_order_job.request.json", response: "license/create_renew_order_job.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.CreateRenewOrderJob(ctx, LicenseRenewJobRequest{CorpID: "wwxxx",
					AccountList: []LicenseAccount{{UserID: "userid1", Type: LicenseTypeBase}}, JobID: "JOBID"})
			},
		},
		{
			// The page's request sample carries a commented-out
			// new_expire_time line (not JSON); the rest is compared.
			name: "License.SubmitOrderJob", page: "97183", method: http.MethodPost, path: lp + "submit_order_job",
			wantBody: `{"jobid":"wwxxx","buyer_userid":"xxxx","account_duration":{"months":2}}`,
			response: "license/submit_order_job.response.json", under: "order_id",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.SubmitOrderJob(ctx, LicenseSubmitOrderJobRequest{JobID: "wwxxx", BuyerUserID: "xxxx",
					AccountDuration: LicenseDuration{Months: 2}})
			},
		},
		{
			name: "License.CreateNewOrderJob", page: "99462", method: http.MethodPost, path: lp + "create_new_order_job",
			request: "license/create_new_order_job.request.json", response: "license/create_new_order_job.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.CreateNewOrderJob(ctx, LicenseNewOrderJobRequest{JobID: "JOBID", BuyList: []LicenseCorpPurchase{{
					CorpID: "CORPID", AccountCount: LicenseAccountCount{BaseCount: 100, ExternalContactCount: 100},
					AccountDuration: LicenseDuration{Months: 2, Days: 20}, AutoActiveStatus: 1}}})
			},
		},
		{
			name: "License.SubmitNewOrderJob", page: "99462", method: http.MethodPost, path: lp + "submit_new_order_job",
			request: "license/submit_new_order_job.request.json", response: "license/submit_new_order_job.response.json", under: "jobid",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.SubmitNewOrderJob(ctx, "BUYJOBID", "xxxx")
			},
		},
		{
			name: "License.NewOrderJobResult", page: "98887", method: http.MethodPost, path: lp + "new_order_job_result",
			request: "license/new_order_job_result.request.json", response: "license/new_order_job_result.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.NewOrderJobResult(ctx, "BUYJOBID")
			},
		},
		{
			name: "License.SubmitPayJob", page: "99420", method: http.MethodPost, path: lp + "submit_pay_job",
			request: "license/submit_pay_job.request.json", response: "license/submit_pay_job.response.json", under: "jobid",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.SubmitPayJob(ctx, "USERID", "ORDERID")
			},
		},
		{
			name: "License.PayJobResult", page: "99420", method: http.MethodPost, path: lp + "pay_job_result",
			request: "license/pay_job_result.request.json", response: "license/pay_job_result.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.PayJobResult(ctx, "JOBID")
			},
		},
		{
			name: "License.UnionOrder", page: "98888", method: http.MethodPost, path: lp + "get_union_order",
			request: "license/get_union_order.request.json", response: "license/get_union_order.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.UnionOrder(ctx, "ORDERID", LicenseListRequest{Cursor: "CURSOR", Limit: 1000})
			},
		},
		{
			name: "License.ListOrders", page: "95647", method: http.MethodPost, path: lp + "list_order",
			wantBody: `{"corpid":"CORPID","start_time":1640966400,"end_time":1641052800,"cursor":"CURSOR","limit":10}`,
			response: "license/list_order.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.ListOrders(ctx, LicenseListOrdersRequest{CorpID: "CORPID", StartTime: 1640966400, EndTime: 1641052800,
					LicenseListRequest: LicenseListRequest{Cursor: "CURSOR", Limit: 10}})
			},
		},
		{
			name: "License.Order", page: "97185", method: http.MethodPost, path: lp + "get_order",
			request: "license/get_order.request.json", response: "license/get_order.response.json", under: "order",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.Order(ctx, "xxxxx")
			},
		},
		{
			name: "License.ListOrderAccounts", page: "95649", method: http.MethodPost, path: lp + "list_order_account",
			wantBody: `{"order_id":"XXX","limit":1000,"cursor":"xxxx"}`, response: "license/list_order_account.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.ListOrderAccounts(ctx, "XXX", LicenseListRequest{Limit: 1000, Cursor: "xxxx"})
			},
		},
		{
			name: "License.CancelOrder", page: "96106", method: http.MethodPost, path: lp + "cancel_order",
			request: "license/cancel_order.request.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return nil, p.License.CancelOrder(ctx, "CORPID", "xxxxx")
			},
		},
		{
			name: "License.ActivateAccount", page: "97188", method: http.MethodPost, path: lp + "active_account",
			request: "license/active_account.request.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return nil, p.License.ActivateAccount(ctx, LicenseActivateRequest{CorpID: "CORPID", ActiveCode: "XXXXXXXX", UserID: "USERID"})
			},
		},
		{
			name: "License.BatchActivateAccounts", page: "95553", method: http.MethodPost, path: lp + "batch_active_account",
			request: "license/batch_active_account.request.json", response: "license/batch_active_account.response.json",
			under: "active_result",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.BatchActivateAccounts(ctx, "CORPID", []LicenseActivation{{"XXXXXXXX", "USERID"}, {"XXXXXXXX", "USERID"}})
			},
		},
		{
			name: "License.ActiveInfoByCode", page: "95552", method: http.MethodPost, path: lp + "get_active_info_by_code",
			wantBody: `{"corpid":"xxx","active_code":"XXXXXXXX"}`, response: "license/get_active_info_by_code.response.json", under: "active_info",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.ActiveInfoByCode(ctx, "xxx", "XXXXXXXX")
			},
		},
		{
			name: "License.BatchActiveInfoByCode", page: "97189", method: http.MethodPost, path: lp + "batch_get_active_info_by_code",
			request: "license/batch_get_active_info_by_code.request.json", response: "license/batch_get_active_info_by_code.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.BatchActiveInfoByCode(ctx, "xxx", "XXXXXXXX", "YYYYYYYY", "ZZZZZZZZ")
			},
		},
		{
			name: "License.ListActivatedAccounts", page: "95544", method: http.MethodPost, path: lp + "list_actived_account",
			wantBody: `{"corpid":"xxx","limit":500,"cursor":"xxx"}`, response: "license/list_actived_account.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.ListActivatedAccounts(ctx, "xxx", LicenseListRequest{Limit: 500, Cursor: "xxx"})
			},
		},
		{
			name: "License.ActiveInfoByUser", page: "95555", method: http.MethodPost, path: lp + "get_active_info_by_user",
			wantBody: `{"corpid":"xxx","userid":"USERID"}`, response: "license/get_active_info_by_user.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.ActiveInfoByUser(ctx, "xxx", "USERID")
			},
		},
		{
			name: "License.BatchTransfer", page: "97192", method: http.MethodPost, path: lp + "batch_transfer_license",
			request: "license/batch_transfer_license.request.json", response: "license/batch_transfer_license.response.json",
			under: "transfer_result",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.BatchTransfer(ctx, "CORPID", []LicenseTransfer{{"USERID", "USERID"}, {"USERID", "USERID"}})
			},
		},
		{
			name: "License.BatchShareActiveCodes", page: "96059", method: http.MethodPost, path: lp + "batch_share_active_code",
			request: "license/batch_share_active_code.request.json", response: "license/batch_share_active_code.response.json", under: "share_result",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.BatchShareActiveCodes(ctx, LicenseShareRequest{FromCorpID: "FROMCORPID", ToCorpID: "ToCORPID",
					ActiveCodes: []string{"ACTIVE_CODE", "ACTIVE_CODE"}})
			},
		},
		{
			name: "License.AutoActiveStatus", page: "95874", method: http.MethodPost, path: lp + "get_auto_active_status",
			request: "license/get_auto_active_status.request.json", reply: `{"errcode":0,"errmsg":"ok","auto_active_status":1}`,
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				on, err := p.License.AutoActiveStatus(ctx, "CORPID1")
				return map[string]any{"auto_active_status": boolInt(on)}, err
			},
		},
		{
			name: "License.SetAutoActiveStatus", page: "95873", method: http.MethodPost, path: lp + "set_auto_active_status",
			request: "license/set_auto_active_status.request.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return nil, p.License.SetAutoActiveStatus(ctx, LicenseAutoActiveRequest{CorpID: "CORPID1", On: true})
			},
		},
		{
			// The page's request also shows appid, which only old
			// multi-app suites send ("新开发者请忽略"); the SDK omits it.
			name: "License.AppLicenseInfo", page: "97194", method: http.MethodPost, path: lp + "get_app_license_info",
			wantBody: `{"corpid":"xxxx","suite_id":"xxxx"}`, response: "license/get_app_license_info.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.AppLicenseInfo(ctx, "xxxx", "xxxx")
			},
		},
		{
			name: "License.SupportPolicy", page: "100589", method: http.MethodPost, path: lp + "support_policy_query",
			request: "license/support_policy_query.request.json", response: "license/support_policy_query.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.License.SupportPolicy(ctx, "wwxxx")
			},
		},
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
