package work

import (
	"context"
	"fmt"
	"iter"

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

// MemberAuthRequest asks for one page of user/list_member_auth.
type MemberAuthRequest struct {
	// Cursor is the previous page's NextCursor ("" for the first page).
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size (at most 1000); 0 lets WeCom choose.
	Limit int `json:"limit,omitempty"`
}

// MemberAuthPage is one page of the members who authorized the app.
type MemberAuthPage struct {
	// OpenUserIDs are the members, by open_userid.
	OpenUserIDs []string
	// NextCursor asks for the next page; "" after the last.
	NextCursor string
}

// UnmarshalJSON reads member_auth_list's open_userid entries.
func (p *MemberAuthPage) UnmarshalJSON(data []byte) error {
	var w struct {
		List []struct {
			OpenUserID string `json:"open_userid"`
		} `json:"member_auth_list"`
		NextCursor string `json:"next_cursor"`
	}
	if err := decodeLenient(data, &w); err != nil {
		return err
	}
	*p = MemberAuthPage{NextCursor: w.NextCursor}
	for _, m := range w.List {
		p.OpenUserIDs = append(p.OpenUserIDs, m.OpenUserID)
	}
	return nil
}

func (p *MemberAuthPage) page() ([]string, string) { return p.OpenUserIDs, p.NextCursor }

// MemberAuthsPage lists a page of the members who authorized the app
// (user/list_member_auth).
func (s *UserService) MemberAuthsPage(ctx context.Context, req MemberAuthRequest) (*MemberAuthPage, error) {
	return postAs[MemberAuthPage](ctx, (*service)(s), "/cgi-bin/user/list_member_auth", req, api.Idempotent)
}

// MemberAuths yields the open_userid of every member who authorized the
// app, page after page of limit members (0 lets WeCom choose).
func (s *UserService) MemberAuths(ctx context.Context, limit int) iter.Seq2[string, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*MemberAuthPage, error) {
		return s.MemberAuthsPage(ctx, MemberAuthRequest{Cursor: cursor, Limit: limit})
	})
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
