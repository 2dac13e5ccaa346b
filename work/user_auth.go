package work

import (
	"context"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// TFAInfo is who a two-factor authentication code belongs to
// (auth/get_tfa_info).
type TFAInfo struct {
	UserID string `json:"userid"`
	// TFACode is the code to pass to TFASucc once the member is verified.
	TFACode string `json:"tfa_code"`
}

// TFAInfo reads the member and tfa_code of the code WeCom gave the app's
// two-factor authentication page (auth/get_tfa_info).
func (s *UserService) TFAInfo(ctx context.Context, code string) (*TFAInfo, error) {
	if code == "" {
		return nil, fmt.Errorf("%w: empty code", ErrNilRequest)
	}
	return postAs[TFAInfo](ctx, (*service)(s), "/cgi-bin/auth/get_tfa_info", map[string]string{"code": code}, api.Idempotent)
}

// TFASucc tells WeCom the member passed the app's two-factor
// authentication (user/tfa_succ).
func (s *UserService) TFASucc(ctx context.Context, info TFAInfo) error {
	if info.UserID == "" || info.TFACode == "" {
		return fmt.Errorf("%w: user id and tfa code are required", ErrNilRequest)
	}
	return (*service)(s).post(ctx, "/cgi-bin/user/tfa_succ", info, nil, api.Idempotent)
}

// CheckMemberAuth reports whether a member (by open_userid) has
// authorized the app to read their contact details
// (user/check_member_auth, a POST with the open_userid in the body, page
// 94514).
func (s *UserService) CheckMemberAuth(ctx context.Context, openUserID string) (bool, error) {
	if openUserID == "" {
		return false, fmt.Errorf("%w: empty open_userid", ErrNilRequest)
	}
	out, err := postAs[struct {
		IsMemberAuth bool `json:"is_member_auth"`
	}](ctx, (*service)(s), "/cgi-bin/user/check_member_auth", map[string]string{"open_userid": openUserID}, api.Idempotent)
	if err != nil {
		return false, err
	}
	return out.IsMemberAuth, nil
}

// MemberAuthPage is one page of the members who authorized the app.
type MemberAuthPage struct {
	MemberAuthList []struct {
		OpenUserID string `json:"open_userid"`
	} `json:"member_auth_list"`
	NextCursor string `json:"next_cursor"`
}

// ListMemberAuth lists a page of the members who authorized the app
// (user/list_member_auth); limit 0 lets WeCom choose.
func (s *UserService) ListMemberAuth(ctx context.Context, cursor string, limit int) (*MemberAuthPage, error) {
	body := map[string]any{}
	if cursor != "" {
		body["cursor"] = cursor
	}
	if limit > 0 {
		body["limit"] = limit
	}
	return postAs[MemberAuthPage](ctx, (*service)(s), "/cgi-bin/user/list_member_auth", body, api.Idempotent)
}

// SelectedTicketUsers are the members a member picked in a selection
// page (user/list_selected_ticket_user).
type SelectedTicketUsers struct {
	OperatorOpenUserID   string   `json:"operator_open_userid"`
	OpenUserIDList       []string `json:"open_userid_list"`
	UnauthOpenUserIDList []string `json:"unauth_open_userid_list"`
	Total                int      `json:"total"`
}

// ListSelectedTicketUser reads who a selected_ticket names
// (user/list_selected_ticket_user).
func (s *UserService) ListSelectedTicketUser(ctx context.Context, selectedTicket string) (*SelectedTicketUsers, error) {
	if selectedTicket == "" {
		return nil, fmt.Errorf("%w: empty selected ticket", ErrNilRequest)
	}
	return postAs[SelectedTicketUsers](ctx, (*service)(s), "/cgi-bin/user/list_selected_ticket_user",
		map[string]string{"selected_ticket": selectedTicket}, api.Idempotent)
}
