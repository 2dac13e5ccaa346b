package work

import (
	"context"
	"iter"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the inheritance (在职/离职继承) endpoints.
const (
	pathTransferCustomer         = "/cgi-bin/externalcontact/transfer_customer"
	pathTransferResult           = "/cgi-bin/externalcontact/transfer_result"
	pathResignedTransferCustomer = "/cgi-bin/externalcontact/resigned/transfer_customer"
	pathResignedTransferResult   = "/cgi-bin/externalcontact/resigned/transfer_result"
	pathGetUnassignedList        = "/cgi-bin/externalcontact/get_unassigned_list"
)

// TransferCustomerRequest moves customers from one member to another.
type TransferCustomerRequest struct {
	HandoverUserID string `json:"handover_userid"`
	TakeoverUserID string `json:"takeover_userid"`
	// ExternalUserIDs are the customers (at most 100).
	ExternalUserIDs []string `json:"external_userid"`
	// TransferSuccessMsg is shown to customers of an on-job transfer;
	// empty: WeCom's default text. Not used by ResignedTransferCustomer.
	TransferSuccessMsg string `json:"transfer_success_msg,omitempty"`
}

// CustomerTransfer is WeCom's answer for one customer of a transfer:
// ErrCode 0 when the transfer was accepted.
type CustomerTransfer struct {
	ExternalUserID string `json:"external_userid"`
	ErrCode        int    `json:"errcode"`
}

// TransferCustomer moves customers of a member still on the job to another
// member (transfer_customer). Customers that could not be moved carry a
// non-zero ErrCode in the result; they are not reported as an error.
// WeCom sends each customer the TransferSuccessMsg (or its default text),
// so, like a message, the call is never repeated after a failure.
func (s *ExternalContactService) TransferCustomer(ctx context.Context, req TransferCustomerRequest) ([]CustomerTransfer, error) {
	return s.transferCustomer(ctx, pathTransferCustomer, req, api.Never)
}

// ResignedTransferCustomer moves customers of a resigned member to another
// member (resigned/transfer_customer); req.TransferSuccessMsg is not sent.
// Customers that could not be moved carry a non-zero ErrCode in the result.
func (s *ExternalContactService) ResignedTransferCustomer(ctx context.Context, req TransferCustomerRequest) ([]CustomerTransfer, error) {
	req.TransferSuccessMsg = ""
	return s.transferCustomer(ctx, pathResignedTransferCustomer, req, api.Unsafe)
}

func (s *ExternalContactService) transferCustomer(ctx context.Context, path string, req TransferCustomerRequest, safety api.Safety) ([]CustomerTransfer, error) {
	var out struct {
		Customers []CustomerTransfer `json:"customer"`
	}
	if err := (*service)(s).post(ctx, path, req, lenient(&out), safety); err != nil {
		return nil, err
	}
	return out.Customers, nil
}

// TransferStatus is the state of one customer's transfer.
type TransferStatus int

// States of a customer transfer.
const (
	TransferDone         TransferStatus = 1 // taken over
	TransferWaiting      TransferStatus = 2 // waiting; taken over automatically at TakeoverTime
	TransferRefused      TransferStatus = 3 // the customer refused
	TransferTakeoverFull TransferStatus = 4 // the takeover member has reached the customer limit
	TransferNoRecord     TransferStatus = 5 // no transfer on record
)

// CustomerTransferStatus is the state of one customer's transfer.
type CustomerTransferStatus struct {
	ExternalUserID string         `json:"external_userid"`
	Status         TransferStatus `json:"status"`
	TakeoverTime   int64          `json:"takeover_time"`
}

// TransferResultRequest names the members of a transfer.
type TransferResultRequest struct {
	HandoverUserID string `json:"handover_userid"`
	TakeoverUserID string `json:"takeover_userid"`
	// Cursor is "" for the first page, then the previous NextCursor.
	Cursor string `json:"cursor,omitempty"`
}

// TransferResultPage is one page of a transfer result.
type TransferResultPage struct {
	Customers  []CustomerTransferStatus `json:"customer"`
	NextCursor string                   `json:"next_cursor"`
}

func (p *TransferResultPage) page() ([]CustomerTransferStatus, string) {
	return p.Customers, p.NextCursor
}

// TransferResult returns one page of the state of an on-job transfer
// (transfer_result).
func (s *ExternalContactService) TransferResult(ctx context.Context, req TransferResultRequest) (*TransferResultPage, error) {
	return s.transferResult(ctx, pathTransferResult, req)
}

// AllTransferResults yields the state of every customer of an on-job
// transfer, following transfer_result's cursor.
func (s *ExternalContactService) AllTransferResults(ctx context.Context, handoverUserID, takeoverUserID string) iter.Seq2[CustomerTransferStatus, error] {
	return s.allTransferResults(ctx, pathTransferResult, handoverUserID, takeoverUserID)
}

// ResignedTransferResult returns one page of the state of a resigned
// member's transfer (resigned/transfer_result).
func (s *ExternalContactService) ResignedTransferResult(ctx context.Context, req TransferResultRequest) (*TransferResultPage, error) {
	return s.transferResult(ctx, pathResignedTransferResult, req)
}

// AllResignedTransferResults yields the state of every customer of a
// resigned member's transfer, following resigned/transfer_result's cursor.
func (s *ExternalContactService) AllResignedTransferResults(ctx context.Context, handoverUserID, takeoverUserID string) iter.Seq2[CustomerTransferStatus, error] {
	return s.allTransferResults(ctx, pathResignedTransferResult, handoverUserID, takeoverUserID)
}

func (s *ExternalContactService) transferResult(ctx context.Context, path string, req TransferResultRequest) (*TransferResultPage, error) {
	return postAs[TransferResultPage](ctx, (*service)(s), path, req, api.Idempotent)
}

func (s *ExternalContactService) allTransferResults(ctx context.Context, path, handover, takeover string) iter.Seq2[CustomerTransferStatus, error] {
	return walkPages[CustomerTransferStatus](ctx, func(ctx context.Context, cursor string) (*TransferResultPage, error) {
		return s.transferResult(ctx, path, TransferResultRequest{HandoverUserID: handover, TakeoverUserID: takeover, Cursor: cursor})
	})
}

// UnassignedCustomer is a customer of a resigned member not yet given to
// anyone.
type UnassignedCustomer struct {
	HandoverUserID string `json:"handover_userid"`
	ExternalUserID string `json:"external_userid"`
	DimissionTime  int64  `json:"dimission_time"`
}

// UnassignedPage is one page of get_unassigned_list.
type UnassignedPage struct {
	Customers  []UnassignedCustomer `json:"info"`
	IsLast     bool                 `json:"is_last"`
	NextCursor string               `json:"next_cursor"`
}

// page ends the list at is_last, whatever next_cursor says.
func (p *UnassignedPage) page() ([]UnassignedCustomer, string) {
	if p.IsLast {
		return p.Customers, ""
	}
	return p.Customers, p.NextCursor
}

// UnassignedListRequest selects a page of get_unassigned_list.
type UnassignedListRequest struct {
	// Cursor is "" for the first page, then the previous NextCursor.
	Cursor string `json:"cursor,omitempty"`
	// PageSize is at most 1000 (0: WeCom's default).
	PageSize int `json:"page_size,omitempty"`
}

// UnassignedList returns one page of the customers of resigned members
// waiting to be assigned (get_unassigned_list).
func (s *ExternalContactService) UnassignedList(ctx context.Context, req UnassignedListRequest) (*UnassignedPage, error) {
	return postAs[UnassignedPage](ctx, (*service)(s), pathGetUnassignedList, req, api.Idempotent)
}

// AllUnassigned yields every customer of resigned members waiting to be
// assigned, following get_unassigned_list's cursor from the first page
// (req.Cursor is ignored) until is_last.
func (s *ExternalContactService) AllUnassigned(ctx context.Context, req UnassignedListRequest) iter.Seq2[UnassignedCustomer, error] {
	return walkPages[UnassignedCustomer](ctx, func(ctx context.Context, cursor string) (*UnassignedPage, error) {
		r := req
		r.Cursor = cursor
		return s.UnassignedList(ctx, r)
	})
}
