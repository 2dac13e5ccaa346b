package work

import (
	"context"
	"errors"
	"iter"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// CustomerAcquisitionService calls the customer acquisition assistant
// (获客助手): links that open a chat with a member from outside WeChat,
// the customers they brought, and the corp's quota. Its callbacks
// (customer_acquisition: balance_low, balance_exhausted,
// link_unavailable, ...) are typed in package message.
type CustomerAcquisitionService service

// ErrInvalidCustomerContactRequest is returned, without calling WeCom, for
// a customer-contact request that cannot be valid (a missing or reversed
// period, say).
var ErrInvalidCustomerContactRequest = errors.New("work: invalid customer-contact request")

// Paths of the customer acquisition assistant.
const (
	pathAcqListLink    = "/cgi-bin/externalcontact/customer_acquisition/list_link"
	pathAcqGet         = "/cgi-bin/externalcontact/customer_acquisition/get"
	pathAcqCreateLink  = "/cgi-bin/externalcontact/customer_acquisition/create_link"
	pathAcqUpdateLink  = "/cgi-bin/externalcontact/customer_acquisition/update_link"
	pathAcqDeleteLink  = "/cgi-bin/externalcontact/customer_acquisition/delete_link"
	pathAcqCustomer    = "/cgi-bin/externalcontact/customer_acquisition/customer"
	pathAcqQuota       = "/cgi-bin/externalcontact/customer_acquisition_quota"
	pathAcqStatistic   = "/cgi-bin/externalcontact/customer_acquisition/statistic"
	pathAcqGetChatInfo = "/cgi-bin/externalcontact/customer_acquisition/get_chat_info"
)

// AcquisitionLinkPage is a page of link ids (list_link).
type AcquisitionLinkPage struct {
	LinkIDs    []string `json:"link_id_list"`
	NextCursor string   `json:"next_cursor"`
}

func (p *AcquisitionLinkPage) page() ([]string, string) { return p.LinkIDs, p.NextCursor }

// ListLinks returns a page of the corp's acquisition link ids
// (customer_acquisition/list_link).
func (s *CustomerAcquisitionService) ListLinks(ctx context.Context, req CursorPageRequest) (*AcquisitionLinkPage, error) {
	return postAs[AcquisitionLinkPage](ctx, (*service)(s), pathAcqListLink, req, api.Idempotent)
}

// AllLinks yields every acquisition link id, following the cursor.
func (s *CustomerAcquisitionService) AllLinks(ctx context.Context, limit int) iter.Seq2[string, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*AcquisitionLinkPage, error) {
		return s.ListLinks(ctx, CursorPageRequest{Limit: limit, Cursor: cursor})
	})
}

// AcquisitionLink is an acquisition link.
type AcquisitionLink struct {
	LinkID     string `json:"link_id,omitempty"`
	LinkName   string `json:"link_name"`
	URL        string `json:"url"`
	CreateTime int64  `json:"create_time"`
	// SkipVerify adds the customer without the member's confirmation.
	SkipVerify bool `json:"skip_verify"`
}

// AcquisitionPriority makes some members of a link's range receive its
// customers first.
type AcquisitionPriority struct {
	// PriorityType is 1 for none, 2 for the members the customer already
	// added, 3 for PriorityUserIDs.
	PriorityType    int      `json:"priority_type"`
	PriorityUserIDs []string `json:"priority_userid_list,omitempty"`
}

// AcquisitionLinkDetail is the answer of customer_acquisition/get.
type AcquisitionLinkDetail struct {
	Link           AcquisitionLink      `json:"link"`
	Range          ContactRange         `json:"range"`
	PriorityOption *AcquisitionPriority `json:"priority_option,omitempty"`
	// NextCursor continues Range.UserIDs when the range has many members.
	NextCursor string `json:"next_cursor"`
}

// LinkRequest asks for a link's details; Cursor pages its range.
type LinkRequest struct {
	LinkID string `json:"link_id"`
	Cursor string `json:"cursor,omitempty"`
}

// Link returns an acquisition link with its range
// (customer_acquisition/get).
func (s *CustomerAcquisitionService) Link(ctx context.Context, req LinkRequest) (*AcquisitionLinkDetail, error) {
	return postAs[AcquisitionLinkDetail](ctx, (*service)(s), pathAcqGet, req, api.Idempotent)
}

// CreateLinkRequest creates an acquisition link.
type CreateLinkRequest struct {
	LinkName       string               `json:"link_name"`
	Range          ContactRange         `json:"range"`
	SkipVerify     bool                 `json:"skip_verify"`
	PriorityOption *AcquisitionPriority `json:"priority_option,omitempty"`
}

// CreateLink creates an acquisition link (customer_acquisition/create_link).
func (s *CustomerAcquisitionService) CreateLink(ctx context.Context, req CreateLinkRequest) (*AcquisitionLink, error) {
	var out struct {
		Link AcquisitionLink `json:"link"`
	}
	if err := (*service)(s).post(ctx, pathAcqCreateLink, req, lenient(&out), api.Unsafe); err != nil {
		return nil, err
	}
	return &out.Link, nil
}

// UpdateLinkRequest changes an acquisition link; unset fields are left as
// they are, a set Range replaces the link's.
type UpdateLinkRequest struct {
	LinkID         string               `json:"link_id"`
	LinkName       string               `json:"link_name,omitempty"`
	Range          *ContactRange        `json:"range,omitempty"`
	SkipVerify     *bool                `json:"skip_verify,omitempty"`
	PriorityOption *AcquisitionPriority `json:"priority_option,omitempty"`
}

// UpdateLink changes an acquisition link (customer_acquisition/update_link).
func (s *CustomerAcquisitionService) UpdateLink(ctx context.Context, req UpdateLinkRequest) error {
	return (*service)(s).post(ctx, pathAcqUpdateLink, req, nil, api.Idempotent)
}

// DeleteLink deletes an acquisition link (customer_acquisition/delete_link).
func (s *CustomerAcquisitionService) DeleteLink(ctx context.Context, linkID string) error {
	in := struct {
		LinkID string `json:"link_id"`
	}{linkID}
	return (*service)(s).post(ctx, pathAcqDeleteLink, in, nil, api.Idempotent)
}

// AcquiredCustomer is a customer who added a member through a link.
type AcquiredCustomer struct {
	ExternalUserID string `json:"external_userid"`
	UserID         string `json:"userid"`
	// ChatStatus is 0 when the customer has not spoken yet, 1 when they
	// have, 2 when they have not but the member's message was read
	// (see the doc for the current values).
	ChatStatus int    `json:"chat_status"`
	State      string `json:"state"`
}

// AcquiredCustomerPage is a page of customer_acquisition/customer.
type AcquiredCustomerPage struct {
	Customers  []AcquiredCustomer `json:"customer_list"`
	NextCursor string             `json:"next_cursor"`
}

func (p *AcquiredCustomerPage) page() ([]AcquiredCustomer, string) { return p.Customers, p.NextCursor }

// LinkCustomersRequest asks for a page of a link's customers.
type LinkCustomersRequest struct {
	LinkID string `json:"link_id"`
	Limit  int    `json:"limit,omitempty"`
	Cursor string `json:"cursor,omitempty"`
}

// Customers returns a page of the customers a link brought
// (customer_acquisition/customer).
func (s *CustomerAcquisitionService) Customers(ctx context.Context, req LinkCustomersRequest) (*AcquiredCustomerPage, error) {
	return postAs[AcquiredCustomerPage](ctx, (*service)(s), pathAcqCustomer, req, api.Idempotent)
}

// AllCustomers yields every customer a link brought, following the cursor
// from req.Cursor on.
func (s *CustomerAcquisitionService) AllCustomers(ctx context.Context, req LinkCustomersRequest) iter.Seq2[AcquiredCustomer, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*AcquiredCustomerPage, error) {
		r := req
		if cursor != "" {
			r.Cursor = cursor
		}
		return s.Customers(ctx, r)
	})
}

// AcquisitionQuota is the corp's acquisition quota
// (customer_acquisition_quota).
type AcquisitionQuota struct {
	Total   int64 `json:"total"`
	Balance int64 `json:"balance"`
	// Quotas are the parts of the balance by expiry date.
	Quotas []AcquisitionQuotaPart `json:"quota_list"`
}

// AcquisitionQuotaPart is a part of the balance that expires at
// ExpireDate (Unix seconds).
type AcquisitionQuotaPart struct {
	ExpireDate int64 `json:"expire_date"`
	Balance    int64 `json:"balance"`
}

// Quota returns the corp's remaining acquisition quota
// (customer_acquisition_quota).
func (s *CustomerAcquisitionService) Quota(ctx context.Context) (*AcquisitionQuota, error) {
	return getAs[AcquisitionQuota](ctx, (*service)(s), pathAcqQuota, nil)
}

// LinkStatisticRequest asks for a link's figures over a period (at most
// 30 days, within the last 180).
type LinkStatisticRequest struct {
	LinkID    string
	StartTime time.Time
	EndTime   time.Time
}

// LinkStatistic is the answer of customer_acquisition/statistic.
type LinkStatistic struct {
	ClickLinkCustomerCnt int64 `json:"click_link_customer_cnt"`
	NewCustomerCnt       int64 `json:"new_customer_cnt"`
}

// Statistic returns how many customers clicked a link and how many were
// added through it in a period (customer_acquisition/statistic).
func (s *CustomerAcquisitionService) Statistic(ctx context.Context, req LinkStatisticRequest) (*LinkStatistic, error) {
	if err := checkPeriod(req.StartTime, req.EndTime, ErrInvalidCustomerContactRequest); err != nil {
		return nil, err
	}
	in := struct {
		LinkID    string `json:"link_id"`
		StartTime int64  `json:"start_time"`
		EndTime   int64  `json:"end_time"`
	}{req.LinkID, req.StartTime.Unix(), req.EndTime.Unix()}
	return postAs[LinkStatistic](ctx, (*service)(s), pathAcqStatistic, in, api.Idempotent)
}

// AcquisitionChatInfo is the answer of customer_acquisition/get_chat_info.
type AcquisitionChatInfo struct {
	UserID         string `json:"userid"`
	ExternalUserID string `json:"external_userid"`
	ChatInfo       struct {
		RecvMsgCnt int64  `json:"recv_msg_cnt"`
		LinkID     string `json:"link_id"`
		State      string `json:"state"`
	} `json:"chat_info"`
}

// ChatInfo returns who talks in the chat a customer opened through a
// link, by the chat_key a member's sidebar receives
// (customer_acquisition/get_chat_info).
func (s *CustomerAcquisitionService) ChatInfo(ctx context.Context, chatKey string) (*AcquisitionChatInfo, error) {
	in := struct {
		ChatKey string `json:"chat_key"`
	}{chatKey}
	return postAs[AcquisitionChatInfo](ctx, (*service)(s), pathAcqGetChatInfo, in, api.Idempotent)
}

const pathAcqAppGetPermit = "/cgi-bin/externalcontact/customer_acquisition_app/get_permit"

// AcquisitionPermit is the range of members customers may reach through
// a marketing (营销获客) app, as the admin set it.
type AcquisitionPermit struct {
	UserIDs       []string `json:"user_list"`
	DepartmentIDs []int64  `json:"department_list"`
	TagIDs        []int64  `json:"tag_list"`
}

// Permit returns the members customers may reach through the calling
// marketing app (customer_acquisition_app/get_permit; marketing apps
// only).
func (s *CustomerAcquisitionService) Permit(ctx context.Context) (*AcquisitionPermit, error) {
	return getAs[AcquisitionPermit](ctx, (*service)(s), pathAcqAppGetPermit, nil)
}
