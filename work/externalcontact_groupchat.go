package work

import (
	"context"
	"iter"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the customer-group (客户群) endpoints.
const (
	pathGroupChatList          = "/cgi-bin/externalcontact/groupchat/list"
	pathGroupChatGet           = "/cgi-bin/externalcontact/groupchat/get"
	pathOpenGIDToChatID        = "/cgi-bin/externalcontact/opengid_to_chatid"
	pathGroupChatTransfer      = "/cgi-bin/externalcontact/groupchat/transfer"
	pathGroupChatOnJobTransfer = "/cgi-bin/externalcontact/groupchat/onjob_transfer"
	defaultGroupChatListLimit  = 1000
)

// GroupChatStatusFilter selects customer groups by inheritance status.
type GroupChatStatusFilter int

// Filters of groupchat/list.
const (
	GroupChatFilterAll          GroupChatStatusFilter = 0 // every group
	GroupChatFilterOwnerLeft    GroupChatStatusFilter = 1 // owner resigned, awaiting inheritance
	GroupChatFilterTransferring GroupChatStatusFilter = 2 // inheritance in progress
	GroupChatFilterTransferred  GroupChatStatusFilter = 3 // inheritance done
)

// GroupChatStatus is the inheritance status of a customer group.
type GroupChatStatus int

// Statuses of customer groups.
const (
	GroupChatNormal       GroupChatStatus = 0 // normal
	GroupChatOwnerLeft    GroupChatStatus = 1 // owner resigned
	GroupChatTransferring GroupChatStatus = 2 // inheritance in progress
	GroupChatTransferred  GroupChatStatus = 3 // inheritance done
)

// ListGroupChatsRequest selects customer groups.
type ListGroupChatsRequest struct {
	StatusFilter GroupChatStatusFilter `json:"status_filter,omitempty"`
	// OwnerFilter keeps the groups of some owners only.
	OwnerFilter *GroupChatOwnerFilter `json:"owner_filter,omitempty"`
	// Cursor is "" for the first page, then the previous NextCursor.
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size, 1 to 1000; 0 means 1000.
	Limit int `json:"limit"`
}

// GroupChatOwnerFilter keeps the groups owned by some members.
type GroupChatOwnerFilter struct {
	UserIDs []string `json:"userid_list"`
}

// GroupChatRef is a customer group in groupchat/list.
type GroupChatRef struct {
	ChatID string          `json:"chat_id"`
	Status GroupChatStatus `json:"status"`
}

// GroupChatList is one page of groupchat/list.
type GroupChatList struct {
	GroupChats []GroupChatRef `json:"group_chat_list"`
	NextCursor string         `json:"next_cursor"`
}

func (p *GroupChatList) page() ([]GroupChatRef, string) { return p.GroupChats, p.NextCursor }

// ListGroupChats returns one page of the customer groups req selects
// (groupchat/list).
func (s *ExternalContactService) ListGroupChats(ctx context.Context, req ListGroupChatsRequest) (*GroupChatList, error) {
	if req.Limit <= 0 {
		req.Limit = defaultGroupChatListLimit
	}
	return postAs[GroupChatList](ctx, (*service)(s), pathGroupChatList, req, api.Idempotent)
}

// AllGroupChats yields every customer group req selects, following the
// cursor from the first page (req.Cursor is ignored).
func (s *ExternalContactService) AllGroupChats(ctx context.Context, req ListGroupChatsRequest) iter.Seq2[GroupChatRef, error] {
	return walkPages[GroupChatRef](ctx, func(ctx context.Context, cursor string) (*GroupChatList, error) {
		r := req
		r.Cursor = cursor
		return s.ListGroupChats(ctx, r)
	})
}

// GroupMemberType says whether a group member belongs to the corp.
type GroupMemberType int

// Kinds of group members.
const (
	GroupMemberInternal GroupMemberType = 1 // a member of the corp
	GroupMemberExternal GroupMemberType = 2 // a customer
)

// GroupJoinScene says how a member joined a group.
type GroupJoinScene int

// Ways to join a customer group.
const (
	GroupJoinByInvite GroupJoinScene = 1 // invited directly by a member
	GroupJoinByLink   GroupJoinScene = 2 // through an invitation link
	GroupJoinByQRCode GroupJoinScene = 3 // by scanning the group QR code
)

// GroupChat is a customer group as groupchat/get describes it.
type GroupChat struct {
	ChatID     string            `json:"chat_id"`
	Name       string            `json:"name"`
	Owner      string            `json:"owner"`
	CreateTime int64             `json:"create_time"`
	Notice     string            `json:"notice,omitempty"`
	Members    []GroupChatMember `json:"member_list"`
	Admins     []GroupChatAdmin  `json:"admin_list,omitempty"`
	// MemberVersion changes whenever the member list does.
	MemberVersion string `json:"member_version,omitempty"`
}

// GroupChatMember is a member of a customer group.
type GroupChatMember struct {
	UserID string          `json:"userid"`
	Type   GroupMemberType `json:"type"`
	// UnionID is set for customers who are WeChat users, when the corp is
	// bound to an Open Platform account.
	UnionID   string         `json:"unionid,omitempty"`
	JoinTime  int64          `json:"join_time"`
	JoinScene GroupJoinScene `json:"join_scene"`
	// Invitor is the member who invited this one, when known.
	Invitor *GroupChatInvitor `json:"invitor,omitempty"`
	// GroupNickname is the member's nickname in the group.
	GroupNickname string `json:"group_nickname,omitempty"`
	// Name is the member's name; sent only when asked with needName.
	Name string `json:"name,omitempty"`
	// State is the state of the join way the member came through.
	State string `json:"state,omitempty"`
}

// GroupChatInvitor is the member who invited someone into a group.
type GroupChatInvitor struct {
	UserID string `json:"userid"`
}

// GroupChatAdmin is an administrator of a customer group.
type GroupChatAdmin struct {
	UserID string `json:"userid"`
}

// GroupChatRequest asks groupchat/get for a customer group.
type GroupChatRequest struct {
	ChatID string
	// NeedName fills in each member's Name.
	NeedName bool
}

// GroupChat returns a customer group (groupchat/get).
func (s *ExternalContactService) GroupChat(ctx context.Context, req GroupChatRequest) (*GroupChat, error) {
	in := struct {
		ChatID   string  `json:"chat_id"`
		NeedName oneZero `json:"need_name"`
	}{req.ChatID, oneZero(req.NeedName)}
	var out struct {
		GroupChat GroupChat `json:"group_chat"`
	}
	if err := (*service)(s).post(ctx, pathGroupChatGet, in, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out.GroupChat, nil
}

// OpenGIDToChatID converts the opengid a mini program sees into the
// customer group's chat id (opengid_to_chatid).
func (s *ExternalContactService) OpenGIDToChatID(ctx context.Context, openGID string) (string, error) {
	in := struct {
		OpenGID string `json:"opengid"`
	}{openGID}
	var out struct {
		ChatID string `json:"chat_id"`
	}
	if err := (*service)(s).post(ctx, pathOpenGIDToChatID, in, lenient(&out), api.Idempotent); err != nil {
		return "", err
	}
	return out.ChatID, nil
}

// FailedGroupChat is a group a transfer could not move, with WeCom's
// reason.
type FailedGroupChat struct {
	ChatID  string `json:"chat_id"`
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// TransferGroupChats gives the customer groups of a resigned owner (1 to
// 100 chat ids) to newOwner (groupchat/transfer). The groups that could
// not be moved are returned, not reported as an error.
func (s *ExternalContactService) TransferGroupChats(ctx context.Context, chatIDs []string, newOwner string) ([]FailedGroupChat, error) {
	return s.transferGroupChats(ctx, pathGroupChatTransfer, chatIDs, newOwner)
}

// OnJobTransferGroupChats gives the customer groups of a member still on
// the job (1 to 100 chat ids) to newOwner (groupchat/onjob_transfer). The
// groups that could not be moved are returned, not reported as an error.
func (s *ExternalContactService) OnJobTransferGroupChats(ctx context.Context, chatIDs []string, newOwner string) ([]FailedGroupChat, error) {
	return s.transferGroupChats(ctx, pathGroupChatOnJobTransfer, chatIDs, newOwner)
}

func (s *ExternalContactService) transferGroupChats(ctx context.Context, path string, chatIDs []string, newOwner string) ([]FailedGroupChat, error) {
	in := struct {
		ChatIDs  []string `json:"chat_id_list"`
		NewOwner string   `json:"new_owner"`
	}{chatIDs, newOwner}
	var out struct {
		Failed []FailedGroupChat `json:"failed_chat_list"`
	}
	if err := (*service)(s).post(ctx, path, in, lenient(&out), api.Unsafe); err != nil {
		return nil, err
	}
	return out.Failed, nil
}
