package work

import (
	"context"
	"iter"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the id migrations and the contact list.
const (
	pathToServiceExternalUserID    = "/cgi-bin/externalcontact/to_service_external_userid"
	pathBatchToExternalUserID      = "/cgi-bin/externalcontact/batch_to_external_userid"
	pathGroupChatNewExternalUserID = "/cgi-bin/externalcontact/groupchat/get_new_external_userid"
	pathContactList                = "/cgi-bin/externalcontact/contact_list"
)

// ToServiceExternalUserID converts a customer's external user id as a
// self-built app sees it into the id the corp's customized or
// third-party app sees (to_service_external_userid, called with the
// customized or third-party app's token).
func (s *ExternalContactService) ToServiceExternalUserID(ctx context.Context, externalUserID string) (string, error) {
	in := struct {
		ExternalUserID string `json:"external_userid"`
	}{externalUserID}
	var out struct {
		ExternalUserID string `json:"external_userid"`
	}
	if err := (*service)(s).post(ctx, pathToServiceExternalUserID, in, lenient(&out), api.Idempotent); err != nil {
		return "", err
	}
	return out.ExternalUserID, nil
}

// MobileExternalUserID is a parent's mobile with their external user id.
type MobileExternalUserID struct {
	Mobile string `json:"mobile"`
	// ExternalUserID is returned only once the parent follows 「学校通知」.
	ExternalUserID string `json:"external_userid"`
}

// MobileFailure is a mobile batch_to_external_userid could not convert.
type MobileFailure struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
	Mobile  string `json:"mobile"`
}

// MobilesToExternalUserIDsResult is the answer of batch_to_external_userid.
type MobilesToExternalUserIDsResult struct {
	Succeeded []MobileExternalUserID `json:"success_list"`
	Failed    []MobileFailure        `json:"fail_list"`
}

// MobilesToExternalUserIDs converts up to 100 parents' mobiles into their
// external user ids (家校沟通 batch_to_external_userid).
func (s *ExternalContactService) MobilesToExternalUserIDs(ctx context.Context, mobiles []string) (*MobilesToExternalUserIDsResult, error) {
	in := struct {
		Mobiles []string `json:"mobiles"`
	}{mobiles}
	return postAs[MobilesToExternalUserIDsResult](ctx, (*service)(s), pathBatchToExternalUserID, in, api.Idempotent)
}

// GroupChatNewExternalUserIDs converts the external user ids of members
// of a customer group chat into their new form (groupchat/
// get_new_external_userid, third-party and customized apps).
func (s *ExternalContactService) GroupChatNewExternalUserIDs(ctx context.Context, chatID string, externalUserIDs []string) ([]ExternalUserIDMapping, error) {
	in := struct {
		ChatID          string   `json:"chat_id"`
		ExternalUserIDs []string `json:"external_userid_list"`
	}{chatID, externalUserIDs}
	var out struct {
		Items []ExternalUserIDMapping `json:"items"`
	}
	if err := (*service)(s).post(ctx, pathGroupChatNewExternalUserID, in, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.Items, nil
}

// ContactListEntry is a person the corp's members are in contact with
// (contact_list): a customer, or someone not yet a customer, seen either
// through a member (FollowUserID) or a group chat (ChatID).
type ContactListEntry struct {
	IsCustomer bool `json:"is_customer"`
	// TmpOpenID identifies the person in this list only.
	TmpOpenID      string `json:"tmp_openid"`
	ExternalUserID string `json:"external_userid,omitempty"`
	// Name is masked for a person who is not a customer.
	Name         string `json:"name,omitempty"`
	FollowUserID string `json:"follow_userid,omitempty"`
	ChatID       string `json:"chat_id,omitempty"`
	ChatName     string `json:"chat_name,omitempty"`
	AddTime      int64  `json:"add_time"`
}

// ContactListPage is a page of contact_list.
type ContactListPage struct {
	Entries    []ContactListEntry `json:"info_list"`
	NextCursor string             `json:"next_cursor"`
}

func (p *ContactListPage) page() ([]ContactListEntry, string) { return p.Entries, p.NextCursor }

// ContactList returns a page of the corp's contacts (contact_list).
func (s *ExternalContactService) ContactList(ctx context.Context, req CursorPageRequest) (*ContactListPage, error) {
	return postAs[ContactListPage](ctx, (*service)(s), pathContactList, req, api.Idempotent)
}

// AllContacts yields every contact of the corp (contact_list), following
// the cursor; limit is the page size (0: WeCom's default).
func (s *ExternalContactService) AllContacts(ctx context.Context, limit int) iter.Seq2[ContactListEntry, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*ContactListPage, error) {
		return s.ContactList(ctx, CursorPageRequest{Limit: limit, Cursor: cursor})
	})
}
