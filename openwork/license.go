package openwork

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

// LicenseService calls the 接口许可 (interface license) APIs of a service
// provider, with the provider_access_token: buying accounts for the corps
// that installed the provider's apps, and activating them for members.
// Since 2022 a third-party or customized app's calls for a member without
// an active account fail (errcode 701008 and relatives). Get it as
// Provider.License.
type LicenseService struct{ p *Provider }

// ErrInvalidLicenseRequest is returned, before anything is sent, for a
// license call missing what WeCom requires.
var ErrInvalidLicenseRequest = errors.New("openwork: invalid license request")

// ErrJobNotDone is returned by DownloadResult for a job still running.
var ErrJobNotDone = errors.New("openwork: job not done")

// License account types (type in the account lists).
const (
	// LicenseTypeBase is the 基础帐号 (base account).
	LicenseTypeBase = 1
	// LicenseTypeExternalContact is the 互通帐号 (external-contact
	// interop account).
	LicenseTypeExternalContact = 2
)

func (s *LicenseService) call(ctx context.Context, path string, in, out any, safety api.Safety) error {
	return s.p.core.Do(ctx, s.p.auth, api.Request{Method: http.MethodPost, Path: path, Body: in, Safety: safety}, loose(out))
}

// LicenseAccountCount is how many accounts of each type an order buys.
type LicenseAccountCount struct {
	BaseCount            int64 `json:"base_count,omitempty"`
	ExternalContactCount int64 `json:"external_contact_count,omitempty"`
}

// LicenseDuration is how long bought accounts last: Months and Days, or,
// for a renewal, up to NewExpireTime (unix seconds).
type LicenseDuration struct {
	Months        int64 `json:"months,omitempty"`
	Days          int64 `json:"days,omitempty"`
	NewExpireTime int64 `json:"new_expire_time,omitempty"`
}

// LicenseNewOrderRequest is the body of license/create_new_order.
type LicenseNewOrderRequest struct {
	CorpID          string              `json:"corpid"`
	BuyerUserID     string              `json:"buyer_userid"`
	AccountCount    LicenseAccountCount `json:"account_count"`
	AccountDuration LicenseDuration     `json:"account_duration"`
}

// CreateNewOrder places an order for new accounts of a corp and returns
// its order id (license/create_new_order); the buyer pays it in the
// provider console. Not repeated after a transient failure (a repeat
// would place a second order).
func (s *LicenseService) CreateNewOrder(ctx context.Context, req LicenseNewOrderRequest) (string, error) {
	var out struct {
		OrderID string `json:"order_id"`
	}
	err := s.call(ctx, "/cgi-bin/license/create_new_order", req, &out, api.Unsafe)
	return out.OrderID, err
}

// LicenseAccount is an account of a member: its type
// (LicenseTypeBase/LicenseTypeExternalContact).
type LicenseAccount struct {
	UserID string `json:"userid"`
	Type   int    `json:"type"`
}

// LicenseRenewJobRequest is the body of license/create_renew_order_job:
// the members whose accounts are renewed; JobID continues a job (a job
// takes at most 1000 members per call).
type LicenseRenewJobRequest struct {
	CorpID      string           `json:"corpid"`
	AccountList []LicenseAccount `json:"account_list"`
	JobID       string           `json:"jobid,omitempty"`
}

// LicenseAccountError is an account WeCom refused, with its reason.
type LicenseAccountError struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
	UserID  string `json:"userid"`
	Type    int    `json:"type"`
}

// Err returns the reason as a *wecom.APIError (errors.Is matches the
// named codes, such as wecom.ErrLicenseNotActivatedNoRenew), or nil.
func (e LicenseAccountError) Err() error {
	return itemErr("/cgi-bin/license/create_renew_order_job", e.ErrCode, e.ErrMsg)
}

// LicenseRenewJob is a renewal job: its id, and the accounts refused.
type LicenseRenewJob struct {
	JobID              string                `json:"jobid"`
	InvalidAccountList []LicenseAccountError `json:"invalid_account_list"`
}

// CreateRenewOrderJob adds members to a renewal job, creating it when
// req.JobID is empty (license/create_renew_order_job). Not repeated.
func (s *LicenseService) CreateRenewOrderJob(ctx context.Context, req LicenseRenewJobRequest) (*LicenseRenewJob, error) {
	var out LicenseRenewJob
	if err := s.call(ctx, "/cgi-bin/license/create_renew_order_job", req, &out, api.Unsafe); err != nil {
		return nil, err
	}
	return &out, nil
}

// LicenseSubmitOrderJobRequest is the body of license/submit_order_job.
type LicenseSubmitOrderJobRequest struct {
	JobID           string          `json:"jobid"`
	BuyerUserID     string          `json:"buyer_userid"`
	AccountDuration LicenseDuration `json:"account_duration"`
}

// SubmitOrderJob turns a renewal job into an order and returns its id
// (license/submit_order_job). Not repeated.
func (s *LicenseService) SubmitOrderJob(ctx context.Context, req LicenseSubmitOrderJobRequest) (string, error) {
	var out struct {
		OrderID string `json:"order_id"`
	}
	err := s.call(ctx, "/cgi-bin/license/submit_order_job", req, &out, api.Unsafe)
	return out.OrderID, err
}

// LicenseCorpPurchase is one corp's part of a multi-corp order.
type LicenseCorpPurchase struct {
	CorpID          string              `json:"corpid"`
	AccountCount    LicenseAccountCount `json:"account_count"`
	AccountDuration LicenseDuration     `json:"account_duration"`
	// AutoActiveStatus 1 turns on automatic activation for the corp.
	AutoActiveStatus int `json:"auto_active_status,omitempty"`
}

// LicenseNewOrderJobRequest is the body of license/create_new_order_job
// (多企业新购): the corps' purchases; JobID continues a job.
type LicenseNewOrderJobRequest struct {
	BuyList []LicenseCorpPurchase `json:"buy_list"`
	JobID   string                `json:"jobid,omitempty"`
}

// LicenseCorpError is a corp WeCom refused in a multi-corp job.
type LicenseCorpError struct {
	CorpID  string `json:"corpid"`
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// Err returns the reason as a *wecom.APIError, or nil.
func (e LicenseCorpError) Err() error {
	return itemErr("/cgi-bin/license/create_new_order_job", e.ErrCode, e.ErrMsg)
}

// LicenseNewOrderJob is a multi-corp purchase job: its id and the corps
// refused.
type LicenseNewOrderJob struct {
	JobID       string             `json:"jobid"`
	InvalidList []LicenseCorpError `json:"invalid_list,omitempty"`
}

// CreateNewOrderJob adds corps to a multi-corp purchase job, creating it
// when req.JobID is empty (license/create_new_order_job). Not repeated.
func (s *LicenseService) CreateNewOrderJob(ctx context.Context, req LicenseNewOrderJobRequest) (*LicenseNewOrderJob, error) {
	var out LicenseNewOrderJob
	if err := s.call(ctx, "/cgi-bin/license/create_new_order_job", req, &out, api.Unsafe); err != nil {
		return nil, err
	}
	return &out, nil
}

// SubmitNewOrderJob submits a multi-corp purchase job for the buyer and
// returns the id of the job creating the orders, to poll with
// NewOrderJobResult (license/submit_new_order_job). Not repeated.
func (s *LicenseService) SubmitNewOrderJob(ctx context.Context, jobID, buyerUserID string) (string, error) {
	var out struct {
		JobID string `json:"jobid"`
	}
	in := map[string]string{"jobid": jobID, "buyer_userid": buyerUserID}
	err := s.call(ctx, "/cgi-bin/license/submit_new_order_job", in, &out, api.Unsafe)
	return out.JobID, err
}

// License job states (status of new_order_job_result and pay_job_result).
const (
	// LicenseJobDone is a finished job: the orders were created, or paid.
	LicenseJobDone = 1
	// LicenseJobRunning is a job still running: ask again later.
	LicenseJobRunning = 2
	// LicenseJobFailed is a failed job: nothing was created, or paid.
	LicenseJobFailed = 3
)

// LicenseNewOrderJobResult is the state of a submitted multi-corp job
// (Status: LicenseJobDone, LicenseJobRunning or LicenseJobFailed): once
// done, OrderID is the union order, and FailList the corps whose order
// could not be made.
type LicenseNewOrderJobResult struct {
	Status   int                `json:"status"`
	OrderID  string             `json:"order_id"`
	FailList []LicenseCorpError `json:"fail_list,omitempty"`
}

// NewOrderJobResult returns the state of a submitted multi-corp job
// (license/new_order_job_result).
func (s *LicenseService) NewOrderJobResult(ctx context.Context, jobID string) (*LicenseNewOrderJobResult, error) {
	var out LicenseNewOrderJobResult
	if err := s.call(ctx, "/cgi-bin/license/new_order_job_result", map[string]string{"jobid": jobID}, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// SubmitPayJob asks WeCom to pay an order (of one corp, a renewal or a
// multi-corp union order) from the provider's prepaid balance on behalf of
// payerUserID (an admin of the provider allowed to buy licenses), and
// returns the job id to poll with PayJobResult (license/submit_pay_job,
// page 99420). Not repeated.
func (s *LicenseService) SubmitPayJob(ctx context.Context, payerUserID, orderID string) (string, error) {
	var out struct {
		JobID string `json:"jobid"`
	}
	in := map[string]string{"payer_userid": payerUserID, "order_id": orderID}
	err := s.call(ctx, "/cgi-bin/license/submit_pay_job", in, &out, api.Unsafe)
	return out.JobID, err
}

// LicensePayCorpError is a corp whose part of an order could not be paid.
type LicensePayCorpError struct {
	CorpID  string `json:"corpid"`
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// Err returns the reason as a *wecom.APIError, or nil.
func (e LicensePayCorpError) Err() error {
	return itemErr("/cgi-bin/license/pay_job_result", e.ErrCode, e.ErrMsg)
}

// LicensePayFailure says why a pay job failed: the reason (an account
// reason, such as an insufficient balance) and, for reasons of a corp,
// the corps concerned (one for an order of one corp).
type LicensePayFailure struct {
	ErrCode      int                   `json:"errcode"`
	ErrMsg       string                `json:"errmsg"`
	FailCorpList []LicensePayCorpError `json:"fail_corp_list,omitempty"`
}

// Err returns the reason as a *wecom.APIError, or nil.
func (f LicensePayFailure) Err() error {
	return itemErr("/cgi-bin/license/pay_job_result", f.ErrCode, f.ErrMsg)
}

// LicensePayJobResult is the state of a pay job: Status is LicenseJobDone
// (paid), LicenseJobRunning or LicenseJobFailed, when PayJobResult says
// why. The answer's errcode says whether the query worked, not the
// payment.
type LicensePayJobResult struct {
	Status       int                `json:"status"`
	PayJobResult *LicensePayFailure `json:"pay_job_result,omitempty"`
}

// PayJobResult returns the state of a pay job (license/pay_job_result,
// page 99420); it can be asked for 7 days after SubmitPayJob.
func (s *LicenseService) PayJobResult(ctx context.Context, jobID string) (*LicensePayJobResult, error) {
	var out LicensePayJobResult
	if err := s.call(ctx, "/cgi-bin/license/pay_job_result", map[string]string{"jobid": jobID}, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// License order types (order_type; pages 97185 and 98888).
const (
	LicenseOrderNew               = 1 // 购买帐号
	LicenseOrderRenew             = 2 // 续期帐号
	LicenseOrderAppMigration      = 5 // 应用版本付费迁移订单
	LicenseOrderContractMigration = 6 // 历史合同迁移订单
	LicenseOrderUnion             = 8 // 多企业新购订单 (get_union_order)
)

// License order states (order_status; page 97185).
const (
	LicenseOrderUnpaid        = 0
	LicenseOrderPaid          = 1
	LicenseOrderCancelled     = 2 // not paid, closed
	LicenseOrderExpired       = 3 // not paid in time
	LicenseOrderRefunding     = 4
	LicenseOrderRefunded      = 5
	LicenseOrderRefusedRefund = 6
	// LicenseOrderInvalidated is a test order voided when its corp left
	// the provider's test corps.
	LicenseOrderInvalidated = 7
)

// LicenseOrder is an order (license/get_order).
type LicenseOrder struct {
	OrderID     string `json:"order_id"`
	OrderType   int    `json:"order_type"`
	OrderStatus int    `json:"order_status"`
	CorpID      string `json:"corpid"`
	// Price is in fen (分).
	Price           int64               `json:"price"`
	AccountCount    LicenseAccountCount `json:"account_count"`
	AccountDuration LicenseDuration     `json:"account_duration"`
	CreateTime      int64               `json:"create_time"`
	PayTime         int64               `json:"pay_time"`
}

// Order returns an order (license/get_order).
func (s *LicenseService) Order(ctx context.Context, orderID string) (*LicenseOrder, error) {
	var out struct {
		Order LicenseOrder `json:"order"`
	}
	if err := s.call(ctx, "/cgi-bin/license/get_order", map[string]string{"order_id": orderID}, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out.Order, nil
}

// LicenseListRequest pages a license list: Limit (at most 1000, 0 for
// WeCom's default) and the Cursor of the previous page.
type LicenseListRequest struct {
	Cursor string `json:"cursor,omitempty"`
	Limit  int    `json:"limit,omitempty"`
}

// LicenseListOrdersRequest filters license/list_order: by corp (empty for
// all) and by creation time (unix seconds, both or neither, at most 31 days
// apart).
type LicenseListOrdersRequest struct {
	CorpID    string `json:"corpid,omitempty"`
	StartTime int64  `json:"start_time,omitempty"`
	EndTime   int64  `json:"end_time,omitempty"`
	LicenseListRequest
}

// LicenseOrderRef names an order in a list.
type LicenseOrderRef struct {
	OrderID   string `json:"order_id"`
	OrderType int    `json:"order_type"`
}

// LicenseOrderPage is a page of license/list_order.
type LicenseOrderPage struct {
	NextCursor string            `json:"next_cursor"`
	HasMore    int               `json:"has_more"`
	OrderList  []LicenseOrderRef `json:"order_list"`
}

// ListOrders returns one page of orders (license/list_order).
func (s *LicenseService) ListOrders(ctx context.Context, req LicenseListOrdersRequest) (*LicenseOrderPage, error) {
	var out LicenseOrderPage
	if err := s.call(ctx, "/cgi-bin/license/list_order", req, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// Orders yields every order, following the cursor of license/list_order
// from req.Cursor on.
func (s *LicenseService) Orders(ctx context.Context, req LicenseListOrdersRequest) iter.Seq2[LicenseOrderRef, error] {
	return pages(req.Cursor, func(cursor string) ([]LicenseOrderRef, string, bool, error) {
		r := req
		r.Cursor = cursor
		pg, err := s.ListOrders(ctx, r)
		if err != nil {
			return nil, "", false, err
		}
		return pg.OrderList, pg.NextCursor, pg.HasMore == 1, nil
	})
}

// LicenseCodeAccount is an account an order bought: its activation code,
// its type, and the member it is activated for ("" when not yet).
type LicenseCodeAccount struct {
	ActiveCode string `json:"active_code"`
	UserID     string `json:"userid"`
	Type       int    `json:"type"`
}

// LicenseOrderAccountPage is a page of license/list_order_account.
type LicenseOrderAccountPage struct {
	NextCursor  string               `json:"next_cursor"`
	HasMore     int                  `json:"has_more"`
	AccountList []LicenseCodeAccount `json:"account_list"`
}

// ListOrderAccounts returns one page of the accounts of a paid order
// (license/list_order_account).
func (s *LicenseService) ListOrderAccounts(ctx context.Context, orderID string, req LicenseListRequest) (*LicenseOrderAccountPage, error) {
	var out LicenseOrderAccountPage
	in := struct {
		OrderID string `json:"order_id"`
		LicenseListRequest
	}{orderID, req}
	if err := s.call(ctx, "/cgi-bin/license/list_order_account", in, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// OrderAccounts yields every account of a paid order, following the
// cursor of license/list_order_account from req.Cursor on.
func (s *LicenseService) OrderAccounts(ctx context.Context, orderID string, req LicenseListRequest) iter.Seq2[LicenseCodeAccount, error] {
	return pages(req.Cursor, func(cursor string) ([]LicenseCodeAccount, string, bool, error) {
		r := req
		r.Cursor = cursor
		pg, err := s.ListOrderAccounts(ctx, orderID, r)
		if err != nil {
			return nil, "", false, err
		}
		return pg.AccountList, pg.NextCursor, pg.HasMore == 1, nil
	})
}

// LicenseSubOrder is a corp's part of a union order.
type LicenseSubOrder struct {
	SubOrderID       string              `json:"sub_order_id"`
	CorpID           string              `json:"corpid"`
	AccountCount     LicenseAccountCount `json:"account_count"`
	AccountDuration  LicenseDuration     `json:"account_duration"`
	AutoActiveStatus int                 `json:"auto_active_status"`
}

// LicenseUnionOrder is a page of license/get_union_order: the union
// order and one page of its corps' sub-orders.
type LicenseUnionOrder struct {
	Order      LicenseOrder      `json:"order"`
	BuyList    []LicenseSubOrder `json:"buy_list"`
	HasMore    int               `json:"has_more"`
	NextCursor string            `json:"next_cursor"`
}

// UnionOrder returns a multi-corp order and one page of its sub-orders
// (license/get_union_order).
func (s *LicenseService) UnionOrder(ctx context.Context, orderID string, req LicenseListRequest) (*LicenseUnionOrder, error) {
	var out LicenseUnionOrder
	in := struct {
		OrderID string `json:"order_id"`
		LicenseListRequest
	}{orderID, req}
	if err := s.call(ctx, "/cgi-bin/license/get_union_order", in, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// CancelOrder cancels an unpaid order (license/cancel_order).
func (s *LicenseService) CancelOrder(ctx context.Context, corpID, orderID string) error {
	return s.call(ctx, "/cgi-bin/license/cancel_order", map[string]string{"corpid": corpID, "order_id": orderID}, nil, api.Idempotent)
}

// LicenseActivateRequest is an account to activate with ActivateAccount:
// an activation code and the member of CorpID it is bound to.
type LicenseActivateRequest struct {
	CorpID     string `json:"corpid"`
	ActiveCode string `json:"active_code"`
	UserID     string `json:"userid"`
}

// ActivateAccount activates an account (its activation code) for a member
// (license/active_account). Not repeated after a transient failure: a
// repeat of a call that went through fails with 701003.
func (s *LicenseService) ActivateAccount(ctx context.Context, req LicenseActivateRequest) error {
	return s.call(ctx, "/cgi-bin/license/active_account", req, nil, api.Unsafe)
}

// LicenseActivation pairs an activation code with the member it is for.
type LicenseActivation struct {
	ActiveCode string `json:"active_code"`
	UserID     string `json:"userid"`
}

// LicenseActivationResult is the outcome of one activation of a batch.
type LicenseActivationResult struct {
	ActiveCode string `json:"active_code"`
	UserID     string `json:"userid"`
	ErrCode    int    `json:"errcode"`
}

// Err returns the failure of this activation as a *wecom.APIError
// (errors.Is matches the named codes: wecom.ErrActiveCodeBound, ...), or
// nil when it succeeded.
func (r LicenseActivationResult) Err() error {
	return itemErr("/cgi-bin/license/batch_active_account", r.ErrCode, "")
}

// LicenseActivationResults are the outcomes of a batch activation, one per
// account, in WeCom's order.
type LicenseActivationResults []LicenseActivationResult

// Failed returns the activations that failed.
func (rs LicenseActivationResults) Failed() LicenseActivationResults {
	var out LicenseActivationResults
	for _, r := range rs {
		if r.ErrCode != 0 {
			out = append(out, r)
		}
	}
	return out
}

// BatchActivateAccounts activates up to 1000 accounts at once
// (license/batch_active_account). The call succeeds as a whole when WeCom
// answers errcode 0 even if some activations fail: the results say which
// and why (LicenseActivationResult.Err, Failed). Not repeated.
func (s *LicenseService) BatchActivateAccounts(ctx context.Context, corpID string, list []LicenseActivation) (LicenseActivationResults, error) {
	if len(list) == 0 {
		return nil, fmt.Errorf("%w: BatchActivateAccounts needs at least one activation", ErrInvalidLicenseRequest)
	}
	var out struct {
		ActiveResult LicenseActivationResults `json:"active_result"`
	}
	in := struct {
		CorpID     string              `json:"corpid"`
		ActiveList []LicenseActivation `json:"active_list"`
	}{corpID, list}
	if err := s.call(ctx, "/cgi-bin/license/batch_active_account", in, &out, api.Unsafe); err != nil {
		return nil, err
	}
	return out.ActiveResult, nil
}

// License activation-code states (status).
const (
	LicenseCodeUnbound      = 1 // 未绑定
	LicenseCodeBound        = 2 // 已绑定且有效
	LicenseCodeExpired      = 3 // 已过期
	LicenseCodeTransferring = 4 // 待转移
	LicenseCodeMerged       = 5 // 已合并
	LicenseCodeShared       = 6 // 已分配给下游
)

// LicenseActiveInfo describes an activation code.
type LicenseActiveInfo struct {
	ActiveCode string `json:"active_code"`
	Type       int    `json:"type"`
	Status     int    `json:"status"`
	UserID     string `json:"userid"`
	CreateTime int64  `json:"create_time"`
	ActiveTime int64  `json:"active_time"`
	ExpireTime int64  `json:"expire_time"`
	MergeInfo  *struct {
		ToActiveCode   string `json:"to_active_code"`
		FromActiveCode string `json:"from_active_code"`
	} `json:"merge_info,omitempty"`
	ShareInfo *struct {
		ToCorpID   string `json:"to_corpid"`
		FromCorpID string `json:"from_corpid"`
	} `json:"share_info,omitempty"`
}

// ActiveInfoByCode describes an activation code
// (license/get_active_info_by_code).
func (s *LicenseService) ActiveInfoByCode(ctx context.Context, corpID, activeCode string) (*LicenseActiveInfo, error) {
	var out struct {
		ActiveInfo LicenseActiveInfo `json:"active_info"`
	}
	if err := s.call(ctx, "/cgi-bin/license/get_active_info_by_code", map[string]string{"corpid": corpID, "active_code": activeCode}, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out.ActiveInfo, nil
}

// LicenseActiveInfoBatch is the answer of
// license/batch_get_active_info_by_code.
type LicenseActiveInfoBatch struct {
	ActiveInfoList        []LicenseActiveInfo `json:"active_info_list"`
	InvalidActiveCodeList []string            `json:"invalid_active_code_list"`
}

// BatchActiveInfoByCode describes up to 1000 activation codes
// (license/batch_get_active_info_by_code).
func (s *LicenseService) BatchActiveInfoByCode(ctx context.Context, corpID string, activeCodes ...string) (*LicenseActiveInfoBatch, error) {
	var out LicenseActiveInfoBatch
	in := struct {
		CorpID         string   `json:"corpid"`
		ActiveCodeList []string `json:"active_code_list"`
	}{corpID, activeCodes}
	if err := s.call(ctx, "/cgi-bin/license/batch_get_active_info_by_code", in, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// LicenseActivatedAccount is an account activated for a member.
type LicenseActivatedAccount struct {
	UserID     string `json:"userid"`
	Type       int    `json:"type"`
	ActiveTime int64  `json:"active_time"`
	ExpireTime int64  `json:"expire_time"`
}

// LicenseActivatedPage is a page of license/list_actived_account.
type LicenseActivatedPage struct {
	NextCursor  string                    `json:"next_cursor"`
	HasMore     int                       `json:"has_more"`
	AccountList []LicenseActivatedAccount `json:"account_list"`
}

// ListActivatedAccounts returns one page of a corp's activated accounts
// (license/list_actived_account).
func (s *LicenseService) ListActivatedAccounts(ctx context.Context, corpID string, req LicenseListRequest) (*LicenseActivatedPage, error) {
	var out LicenseActivatedPage
	in := struct {
		CorpID string `json:"corpid"`
		LicenseListRequest
	}{corpID, req}
	if err := s.call(ctx, "/cgi-bin/license/list_actived_account", in, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// ActivatedAccounts yields every activated account of a corp, following
// the cursor of license/list_actived_account from req.Cursor on.
func (s *LicenseService) ActivatedAccounts(ctx context.Context, corpID string, req LicenseListRequest) iter.Seq2[LicenseActivatedAccount, error] {
	return pages(req.Cursor, func(cursor string) ([]LicenseActivatedAccount, string, bool, error) {
		r := req
		r.Cursor = cursor
		pg, err := s.ListActivatedAccounts(ctx, corpID, r)
		if err != nil {
			return nil, "", false, err
		}
		return pg.AccountList, pg.NextCursor, pg.HasMore == 1, nil
	})
}

// LicenseUserActiveInfo is a member's accounts: ActiveStatus 1 when the
// member has an active account, 0 when not.
type LicenseUserActiveInfo struct {
	ActiveStatus   int                 `json:"active_status"`
	ActiveInfoList []LicenseActiveInfo `json:"active_info_list"`
}

// ActiveInfoByUser returns a member's accounts
// (license/get_active_info_by_user).
func (s *LicenseService) ActiveInfoByUser(ctx context.Context, corpID, userID string) (*LicenseUserActiveInfo, error) {
	var out LicenseUserActiveInfo
	if err := s.call(ctx, "/cgi-bin/license/get_active_info_by_user", map[string]string{"corpid": corpID, "userid": userID}, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// LicenseTransfer moves the accounts of a member who leaves
// (HandoverUserID) to another (TakeoverUserID).
type LicenseTransfer struct {
	HandoverUserID string `json:"handover_userid"`
	TakeoverUserID string `json:"takeover_userid"`
}

// LicenseTransferResult is the outcome of one transfer of a batch.
type LicenseTransferResult struct {
	HandoverUserID string `json:"handover_userid"`
	TakeoverUserID string `json:"takeover_userid"`
	ErrCode        int    `json:"errcode"`
}

// Err returns the failure of this transfer as a *wecom.APIError, or nil.
func (r LicenseTransferResult) Err() error {
	return itemErr("/cgi-bin/license/batch_transfer_license", r.ErrCode, "")
}

// BatchTransfer transfers the accounts of up to 1000 members
// (license/batch_transfer_license); each result says whether its transfer
// went through. Not repeated.
func (s *LicenseService) BatchTransfer(ctx context.Context, corpID string, list []LicenseTransfer) ([]LicenseTransferResult, error) {
	var out struct {
		TransferResult []LicenseTransferResult `json:"transfer_result"`
	}
	in := struct {
		CorpID       string            `json:"corpid"`
		TransferList []LicenseTransfer `json:"transfer_list"`
	}{corpID, list}
	if err := s.call(ctx, "/cgi-bin/license/batch_transfer_license", in, &out, api.Unsafe); err != nil {
		return nil, err
	}
	return out.TransferResult, nil
}

// LicenseShareResult is the outcome of sharing one activation code.
type LicenseShareResult struct {
	ActiveCode string `json:"active_code"`
	ErrCode    int    `json:"errcode"`
	ErrMsg     string `json:"errmsg"`
}

// Err returns the failure of this share as a *wecom.APIError, or nil.
func (r LicenseShareResult) Err() error {
	return itemErr("/cgi-bin/license/batch_share_active_code", r.ErrCode, r.ErrMsg)
}

// LicenseShareRequest is a batch of activation codes to share with
// BatchShareActiveCodes.
type LicenseShareRequest struct {
	// FromCorpID is the upstream corp owning the codes.
	FromCorpID string
	// ToCorpID is the corp of its chain (上下游) that receives them.
	ToCorpID string
	// ActiveCodes are the codes to share: 1 to 1000.
	ActiveCodes []string
}

// BatchShareActiveCodes shares up to 1000 activation codes of an upstream
// corp with a corp of its chain (上下游) (license/batch_share_active_code).
// Not repeated.
func (s *LicenseService) BatchShareActiveCodes(ctx context.Context, req LicenseShareRequest) ([]LicenseShareResult, error) {
	if len(req.ActiveCodes) == 0 {
		return nil, fmt.Errorf("%w: BatchShareActiveCodes needs at least one activation code", ErrInvalidLicenseRequest)
	}
	type code struct {
		ActiveCode string `json:"active_code"`
	}
	in := struct {
		FromCorpID string `json:"from_corpid"`
		ToCorpID   string `json:"to_corpid"`
		ShareList  []code `json:"share_list"`
	}{FromCorpID: req.FromCorpID, ToCorpID: req.ToCorpID}
	for _, c := range req.ActiveCodes {
		in.ShareList = append(in.ShareList, code{c})
	}
	var out struct {
		ShareResult []LicenseShareResult `json:"share_result"`
	}
	if err := s.call(ctx, "/cgi-bin/license/batch_share_active_code", in, &out, api.Unsafe); err != nil {
		return nil, err
	}
	return out.ShareResult, nil
}

// AutoActiveStatus reports whether a corp activates accounts
// automatically (license/get_auto_active_status).
func (s *LicenseService) AutoActiveStatus(ctx context.Context, corpID string) (bool, error) {
	var out struct {
		Status int `json:"auto_active_status"`
	}
	err := s.call(ctx, "/cgi-bin/license/get_auto_active_status", map[string]string{"corpid": corpID}, &out, api.Idempotent)
	return out.Status == 1, err
}

// LicenseAutoActiveRequest sets a corp's automatic activation with
// SetAutoActiveStatus.
type LicenseAutoActiveRequest struct {
	CorpID string
	// On turns automatic activation on (auto_active_status 1); false
	// turns it off (0).
	On bool
}

// SetAutoActiveStatus turns a corp's automatic activation on or off
// (license/set_auto_active_status).
func (s *LicenseService) SetAutoActiveStatus(ctx context.Context, req LicenseAutoActiveRequest) error {
	in := struct {
		CorpID string `json:"corpid"`
		Status int    `json:"auto_active_status"`
	}{CorpID: req.CorpID}
	if req.On {
		in.Status = 1
	}
	return s.call(ctx, "/cgi-bin/license/set_auto_active_status", in, nil, api.Idempotent)
}

// LicenseAppInfo is the license state of an app in a corp.
type LicenseAppInfo struct {
	// LicenseStatus: 0 not bought (trial), 1 bought, 2 trial expired, ...
	LicenseStatus int `json:"license_status"`
	TrailInfo     struct {
		StartTime int64 `json:"start_time"`
		EndTime   int64 `json:"end_time"`
	} `json:"trail_info"`
	// LicenseCheckTime is when WeCom starts enforcing licenses for the
	// corp (unix seconds).
	LicenseCheckTime int64 `json:"license_check_time"`
}

// AppLicenseInfo returns the license state of a suite's app in a corp
// (license/get_app_license_info).
func (s *LicenseService) AppLicenseInfo(ctx context.Context, corpID, suiteID string) (*LicenseAppInfo, error) {
	var out LicenseAppInfo
	if err := s.call(ctx, "/cgi-bin/license/get_app_license_info", map[string]string{"corpid": corpID, "suite_id": suiteID}, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// LicenseSupportPolicy says whether a corp qualifies for the license
// support policy: QueryResult 1 when it does; otherwise
// UnsatisfiedReason lists the codes of the unmet conditions.
type LicenseSupportPolicy struct {
	QueryResult       int   `json:"query_result"`
	UnsatisfiedReason []int `json:"unsatisfied_reason"`
}

// SupportPolicy queries the license support policy for a corp
// (license/support_policy_query).
func (s *LicenseService) SupportPolicy(ctx context.Context, corpID string) (*LicenseSupportPolicy, error) {
	var out LicenseSupportPolicy
	if err := s.call(ctx, "/cgi-bin/license/support_policy_query", map[string]string{"corpid": corpID}, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// itemErr is the error of one item of a batch answer: nil for errcode 0.
func itemErr(path string, code int, msg string) error {
	if code == 0 {
		return nil
	}
	return &wecom.APIError{Code: code, Message: msg, Path: path}
}

// pages walks a cursor list: fetch returns a page's items, the next
// cursor, and whether more follow. It stops at the first error (yielded
// once), when the consumer stops, or when a page repeats its cursor.
func pages[T any](start string, fetch func(cursor string) ([]T, string, bool, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cursor := start
		for {
			items, next, more, err := fetch(cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !more || next == "" || next == cursor {
				return
			}
			cursor = next
		}
	}
}

// AccountBalance returns the balance of the provider's prepaid account
// (充值账户), in fen (0.01 CNY) (GET service/get_account_balance, page
// 100137).
func (s *LicenseService) AccountBalance(ctx context.Context) (int64, error) {
	var out struct {
		Balance int64 `json:"balance"`
	}
	err := s.p.core.Do(ctx, s.p.auth, api.Request{Method: http.MethodGet, Path: "/cgi-bin/service/get_account_balance", Safety: api.Idempotent}, loose(&out))
	return out.Balance, err
}
