package work

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

// ExternalContactService wraps the API of customer contact (客户联系):
// customers and their follow-up members, 「联系我」 contact ways, customer
// groups, corp customer tags, inheritance of customers, messages to
// customers, moments (客户朋友圈) and id conversion.
//
// The app's token must come from the customer-contact secret or from an app
// listed as callable by customer contact; otherwise WeCom answers 48002.
type ExternalContactService service

// Paths of the customer endpoints.
const (
	pathExternalContactList      = "/cgi-bin/externalcontact/list"
	pathExternalContactGet       = "/cgi-bin/externalcontact/get"
	pathExternalContactByUser    = "/cgi-bin/externalcontact/batch/get_by_user"
	pathExternalContactRemark    = "/cgi-bin/externalcontact/remark"
	pathExternalContactFollowers = "/cgi-bin/externalcontact/get_follow_user_list"
)

// List returns the external user ids of the customers of member userID
// (externalcontact/list).
func (s *ExternalContactService) List(ctx context.Context, userID string) ([]string, error) {
	var out struct {
		ExternalUserIDs []string `json:"external_userid"`
	}
	if err := (*service)(s).get(ctx, pathExternalContactList, url.Values{"userid": {userID}}, lenient(&out)); err != nil {
		return nil, err
	}
	return out.ExternalUserIDs, nil
}

// CustomerDetail is one page of externalcontact/get: the customer and the
// members (inside the app's visibility) who follow it.
type CustomerDetail struct {
	ExternalContact ExternalContact `json:"external_contact"`
	FollowUsers     []FollowUser    `json:"follow_user"`
	// NextCursor fetches the next page of FollowUsers; WeCom pages them
	// only past 500 followers. Empty on the last page.
	NextCursor string `json:"next_cursor"`
}

func (p *CustomerDetail) page() ([]FollowUser, string) { return p.FollowUsers, p.NextCursor }

// CustomerGetRequest asks externalcontact/get for a customer.
type CustomerGetRequest struct {
	// ExternalUserID is the customer.
	ExternalUserID string
	// Cursor is "" for the first page of follow-up members, then the
	// previous page's NextCursor (WeCom pages them past 500).
	Cursor string
}

// Get returns a customer and one page of its follow-up members
// (externalcontact/get).
func (s *ExternalContactService) Get(ctx context.Context, req CustomerGetRequest) (*CustomerDetail, error) {
	q := url.Values{"external_userid": {req.ExternalUserID}}
	if req.Cursor != "" {
		q.Set("cursor", req.Cursor)
	}
	return getAs[CustomerDetail](ctx, (*service)(s), pathExternalContactGet, q)
}

// AllFollowUsers yields every follow-up member of a customer, following
// externalcontact/get's cursor.
func (s *ExternalContactService) AllFollowUsers(ctx context.Context, externalUserID string) iter.Seq2[FollowUser, error] {
	return walkPages[FollowUser](ctx, func(ctx context.Context, cursor string) (*CustomerDetail, error) {
		return s.Get(ctx, CustomerGetRequest{ExternalUserID: externalUserID, Cursor: cursor})
	})
}

// GetAllFollowUsers returns a customer with all its follow-up members,
// fetching every page of externalcontact/get. NextCursor of the result is
// empty.
func (s *ExternalContactService) GetAllFollowUsers(ctx context.Context, externalUserID string) (*CustomerDetail, error) {
	var detail *CustomerDetail
	pages := walk(ctx, func(ctx context.Context, cursor string) ([]*CustomerDetail, string, error) {
		d, err := s.Get(ctx, CustomerGetRequest{ExternalUserID: externalUserID, Cursor: cursor})
		if err != nil {
			return nil, "", err
		}
		return []*CustomerDetail{d}, d.NextCursor, nil
	})
	for d, err := range pages {
		if err != nil {
			return nil, err
		}
		if detail == nil {
			detail = d
			continue
		}
		detail.FollowUsers = append(detail.FollowUsers, d.FollowUsers...)
	}
	if detail == nil { // walk yields the first page or an error
		return nil, fmt.Errorf("%w: %s: no page", wecom.ErrUnexpectedResponse, pathExternalContactGet)
	}
	detail.NextCursor = ""
	return detail, nil
}

// BatchGetByUserRequest asks for the customers of up to 100 members.
type BatchGetByUserRequest struct {
	// UserIDs are the members (at most 100).
	UserIDs []string `json:"userid_list"`
	// Cursor is "" for the first page, then the previous NextCursor.
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size (at most 100; WeCom's default when 0).
	Limit int `json:"limit,omitempty"`
}

// BatchGetByUserResult is one page of batch/get_by_user.
type BatchGetByUserResult struct {
	Customers  []CustomerFollow `json:"external_contact_list"`
	NextCursor string           `json:"next_cursor"`
	// FailInfo lists the members WeCom could not answer for, such as
	// members without an interface license.
	FailInfo *BatchGetByUserFailInfo `json:"fail_info,omitempty"`
}

func (p *BatchGetByUserResult) page() ([]CustomerFollow, string) { return p.Customers, p.NextCursor }

// BatchGetByUserFailInfo lists members skipped by batch/get_by_user.
type BatchGetByUserFailInfo struct {
	UnlicensedUserIDs []string `json:"unlicensed_userid_list"`
}

// CustomerFollow is a customer and one member's follow-up record of it.
type CustomerFollow struct {
	ExternalContact ExternalContact `json:"external_contact"`
	FollowInfo      FollowInfo      `json:"follow_info"`
}

// BatchGetByUser returns one page of the customers of several members, each
// with the follow-up record of the member who added it
// (batch/get_by_user).
func (s *ExternalContactService) BatchGetByUser(ctx context.Context, req BatchGetByUserRequest) (*BatchGetByUserResult, error) {
	return postAs[BatchGetByUserResult](ctx, (*service)(s), pathExternalContactByUser, req, api.Idempotent)
}

// AllByUser yields every customer of the members req.UserIDs, following
// batch/get_by_user's cursor from the first page (req.Cursor is ignored;
// req.Limit is the page size, 0: WeCom's default).
func (s *ExternalContactService) AllByUser(ctx context.Context, req BatchGetByUserRequest) iter.Seq2[CustomerFollow, error] {
	return walkPages[CustomerFollow](ctx, func(ctx context.Context, cursor string) (*BatchGetByUserResult, error) {
		r := req
		r.Cursor = cursor
		return s.BatchGetByUser(ctx, r)
	})
}

// RemarkRequest changes what a member noted about a customer. Empty
// strings are not sent, so they leave the current value alone.
type RemarkRequest struct {
	UserID         string `json:"userid"`
	ExternalUserID string `json:"external_userid"`
	// Remark is at most 20 characters.
	Remark string `json:"remark,omitempty"`
	// Description is at most 150 characters.
	Description string `json:"description,omitempty"`
	// RemarkCompany (at most 20 characters) applies only to WeChat users.
	RemarkCompany string `json:"remark_company,omitempty"`
	// RemarkMobiles replaces the noted phone numbers: nil leaves them
	// alone, an empty non-nil slice clears them.
	RemarkMobiles []string `json:"-"`
	// RemarkPicMediaID is the media id of a picture for the remark.
	RemarkPicMediaID string `json:"remark_pic_mediaid,omitempty"`
}

// MarshalJSON sends remark_mobiles only when RemarkMobiles is non-nil, so
// that an empty slice clears the numbers and nil leaves them alone.
func (r RemarkRequest) MarshalJSON() ([]byte, error) {
	type plain RemarkRequest
	var mobiles *[]string
	if r.RemarkMobiles != nil {
		mobiles = &r.RemarkMobiles
	}
	return json.Marshal(struct {
		plain
		RemarkMobiles *[]string `json:"remark_mobiles,omitempty"`
	}{plain(r), mobiles})
}

// UnmarshalJSON reads remark_mobiles too, so that a RemarkRequest
// survives a round trip through JSON: absent stays nil, [] is empty.
func (r *RemarkRequest) UnmarshalJSON(b []byte) error {
	type plain RemarkRequest
	w := struct {
		*plain
		RemarkMobiles *[]string `json:"remark_mobiles"`
	}{plain: (*plain)(r)}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	r.RemarkMobiles = nil
	if w.RemarkMobiles != nil {
		r.RemarkMobiles = append([]string{}, *w.RemarkMobiles...)
	}
	return nil
}

// Remark changes a member's remark on a customer (externalcontact/remark).
func (s *ExternalContactService) Remark(ctx context.Context, req RemarkRequest) error {
	return (*service)(s).post(ctx, pathExternalContactRemark, req, nil, api.Idempotent)
}

// FollowUsers returns the userids of the members who have the
// customer-contact feature (get_follow_user_list).
func (s *ExternalContactService) FollowUsers(ctx context.Context) ([]string, error) {
	var out struct {
		FollowUsers []string `json:"follow_user"`
	}
	if err := (*service)(s).get(ctx, pathExternalContactFollowers, nil, lenient(&out)); err != nil {
		return nil, err
	}
	return out.FollowUsers, nil
}
