package work

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/wecomkit/wecom/internal/api"
)

// ErrInvalidMsgAuditRequest is returned, before anything is sent, for a
// chat-archive call missing its room, robot or pairs.
var ErrInvalidMsgAuditRequest = errors.New("work: invalid chat-archive request")

// MsgAuditService wraps the HTTP API of the chat archive (会话内容存档).
// Its calls need a Client built with the archive's own secret (会话内容存档
// Secret). The archived messages themselves are read with package
// msgaudit, which loads Tencent's Finance SDK.
type MsgAuditService service

// Paths of the chat-archive endpoints.
const (
	pathMsgAuditPermitUsers  = "/cgi-bin/msgaudit/get_permit_user_list"
	pathMsgAuditSingleAgree  = "/cgi-bin/msgaudit/check_single_agree"
	pathMsgAuditRoomAgree    = "/cgi-bin/msgaudit/check_room_agree"
	pathMsgAuditGroupChatGet = "/cgi-bin/msgaudit/groupchat/get"
	pathMsgAuditRobotInfo    = "/cgi-bin/msgaudit/get_robot_info"
)

// MsgAuditPermitType selects the members of get_permit_user_list by the
// edition of the archive licence they hold.
type MsgAuditPermitType int

// Editions of the archive licence; MsgAuditPermitAny lists every member
// with the archive enabled.
const (
	MsgAuditPermitAny        MsgAuditPermitType = 0 // any edition (type left out)
	MsgAuditPermitOffice     MsgAuditPermitType = 1 // 办公版
	MsgAuditPermitService    MsgAuditPermitType = 2 // 服务版
	MsgAuditPermitEnterprise MsgAuditPermitType = 3 // 企业版
)

// PermitUsers lists the userids of the members whose chats are archived
// (msgaudit/get_permit_user_list).
func (s *MsgAuditService) PermitUsers(ctx context.Context, typ MsgAuditPermitType) ([]string, error) {
	body := map[string]any{}
	if typ != MsgAuditPermitAny {
		body["type"] = int(typ)
	}
	var out struct {
		IDs []string `json:"ids"`
	}
	if err := (*service)(s).post(ctx, pathMsgAuditPermitUsers, body, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.IDs, nil
}

// MsgAuditPair is a member and an external contact whose one-to-one chat
// is checked for consent.
type MsgAuditPair struct {
	// UserID is the member.
	UserID string `json:"userid"`
	// ExternalOpenID is the external contact (the doc spells the key
	// "exteranalopenid").
	ExternalOpenID string `json:"exteranalopenid"`
}

// MsgAuditAgreeStatus is an external contact's consent to archiving.
type MsgAuditAgreeStatus string

// Consent states as WeCom sends them.
const (
	MsgAuditAgree    MsgAuditAgreeStatus = "Agree"
	MsgAuditDisagree MsgAuditAgreeStatus = "Disagree"
	MsgAuditDefault  MsgAuditAgreeStatus = "Default_Agree" // the default for chats before consent was needed
)

// MsgAuditAgreement is one consent record.
type MsgAuditAgreement struct {
	// UserID is the member (one-to-one chats only).
	UserID string `json:"userid"`
	// ExternalOpenID is the external contact.
	ExternalOpenID string `json:"exteranalopenid"`
	// Status is the consent state.
	Status MsgAuditAgreeStatus `json:"agree_status"`
	// StatusChangeTime is when it last changed (Unix seconds).
	StatusChangeTime int64 `json:"status_change_time"`
}

// CheckSingleAgree reports the consent of the external contacts of
// one-to-one chats (msgaudit/check_single_agree).
func (s *MsgAuditService) CheckSingleAgree(ctx context.Context, pairs []MsgAuditPair) ([]MsgAuditAgreement, error) {
	if len(pairs) == 0 {
		return nil, fmt.Errorf("%w: check_single_agree needs at least one pair", ErrInvalidMsgAuditRequest)
	}
	for _, p := range pairs {
		if p.UserID == "" || p.ExternalOpenID == "" {
			return nil, fmt.Errorf("%w: a pair needs a userid and an external contact", ErrInvalidMsgAuditRequest)
		}
	}
	var out struct {
		AgreeInfo []MsgAuditAgreement `json:"agreeinfo"`
	}
	if err := (*service)(s).post(ctx, pathMsgAuditSingleAgree, map[string]any{"info": pairs}, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.AgreeInfo, nil
}

// CheckRoomAgree reports the consent of the external contacts of a group
// chat (msgaudit/check_room_agree).
func (s *MsgAuditService) CheckRoomAgree(ctx context.Context, roomID string) ([]MsgAuditAgreement, error) {
	if roomID == "" {
		return nil, fmt.Errorf("%w: a room id is required", ErrInvalidMsgAuditRequest)
	}
	var out struct {
		AgreeInfo []MsgAuditAgreement `json:"agreeinfo"`
	}
	if err := (*service)(s).post(ctx, pathMsgAuditRoomAgree, map[string]string{"roomid": roomID}, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.AgreeInfo, nil
}

// MsgAuditGroupChat is an internal group chat as the archive knows it.
type MsgAuditGroupChat struct {
	// Name is the group's name.
	Name string `json:"roomname"`
	// Creator is the userid of its creator.
	Creator string `json:"creator"`
	// CreateTime is when it was created (Unix seconds).
	CreateTime int64 `json:"room_create_time"`
	// Notice is its announcement.
	Notice string `json:"notice"`
	// Members are its members.
	Members []MsgAuditGroupMember `json:"members"`
}

// MsgAuditGroupMember is a member of an internal group chat.
type MsgAuditGroupMember struct {
	// MemberID is the member's userid.
	MemberID string `json:"memberid"`
	// JoinTime is when the member joined (Unix seconds).
	JoinTime int64 `json:"jointime"`
}

// GroupChat returns an internal group chat named by the roomid of an
// archived message (msgaudit/groupchat/get). Customer groups are read
// with ExternalContact's group-chat calls instead.
func (s *MsgAuditService) GroupChat(ctx context.Context, roomID string) (*MsgAuditGroupChat, error) {
	if roomID == "" {
		return nil, fmt.Errorf("%w: a room id is required", ErrInvalidMsgAuditRequest)
	}
	var out MsgAuditGroupChat
	if err := (*service)(s).post(ctx, pathMsgAuditGroupChatGet, map[string]string{"roomid": roomID}, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// MsgAuditRobot is a robot that took part in archived chats (its id
// starts with "wb").
type MsgAuditRobot struct {
	// RobotID is its id.
	RobotID string `json:"robot_id"`
	// Name is its name.
	Name string `json:"name"`
	// CreatorUserID is the member who created it.
	CreatorUserID string `json:"creator_userid"`
}

// RobotInfo returns a robot named in archived messages
// (msgaudit/get_robot_info).
func (s *MsgAuditService) RobotInfo(ctx context.Context, robotID string) (*MsgAuditRobot, error) {
	if robotID == "" {
		return nil, fmt.Errorf("%w: a robot id is required", ErrInvalidMsgAuditRequest)
	}
	var out struct {
		Data MsgAuditRobot `json:"data"`
	}
	if err := (*service)(s).get(ctx, pathMsgAuditRobotInfo, url.Values{"robot_id": {robotID}}, lenient(&out)); err != nil {
		return nil, err
	}
	return &out.Data, nil
}
