package work

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the endpoints that message customers (群发 and welcome
// messages).
const (
	pathAddMsgTemplate     = "/cgi-bin/externalcontact/add_msg_template"
	pathSendWelcomeMsg     = "/cgi-bin/externalcontact/send_welcome_msg"
	pathGroupMsgListV2     = "/cgi-bin/externalcontact/get_groupmsg_list_v2"
	pathGroupMsgTask       = "/cgi-bin/externalcontact/get_groupmsg_task"
	pathGroupMsgSendResult = "/cgi-bin/externalcontact/get_groupmsg_send_result"
	pathRemindGroupMsgSend = "/cgi-bin/externalcontact/remind_groupmsg_send"
	pathCancelGroupMsgSend = "/cgi-bin/externalcontact/cancel_groupmsg_send"
)

// ChatType says whether a mass message goes to customers or customer
// groups.
type ChatType string

// Targets of a mass message.
const (
	ChatTypeSingle ChatType = "single" // customers (the default)
	ChatTypeGroup  ChatType = "group"  // customer groups
)

// MsgTemplate is a mass message (企业群发) for members to confirm and send
// to customers or customer groups. Text and Attachments cannot both be
// empty.
type MsgTemplate struct {
	// ChatType: "" means ChatTypeSingle.
	ChatType ChatType `json:"chat_type,omitempty"`
	// ExternalUserIDs are the customers (at most 10,000; single only).
	ExternalUserIDs []string `json:"external_userid,omitempty"`
	// ChatIDs are the customer groups (group only).
	ChatIDs []string `json:"chat_id_list,omitempty"`
	// TagFilter selects customers by corp tags (single only).
	TagFilter *TagFilter `json:"tag_filter,omitempty"`
	// Sender is the member who sends; required for ChatTypeGroup. With
	// only a sender, the message goes to all of that member's customers.
	Sender string `json:"sender,omitempty"`
	// AllowSelect lets the member change the recipients before sending.
	AllowSelect bool          `json:"allow_select,omitempty"`
	Text        *CustomerText `json:"text,omitempty"`
	// Attachments are at most 9.
	Attachments []Attachment `json:"attachments,omitempty"`
}

// TagFilter selects customers by corp tags: a customer matches when it has
// at least one tag of every group.
type TagFilter struct {
	Groups []TagFilterGroup `json:"group_list"`
}

// TagFilterGroup is a set of corp tag ids of which a customer needs one.
type TagFilterGroup struct {
	TagIDs []string `json:"tag_list"`
}

// AddMsgTemplateResult is the answer of add_msg_template.
type AddMsgTemplateResult struct {
	// MsgID identifies the mass message in the group-message APIs.
	MsgID string `json:"msgid"`
	// FailList are the customers that will not receive it (not friends,
	// or over the monthly limit); this is not an error.
	FailList []string `json:"fail_list,omitempty"`
}

// AddMsgTemplate creates a mass message (add_msg_template). The request
// delivers messages, so it is never repeated after a failure.
func (s *ExternalContactService) AddMsgTemplate(ctx context.Context, msg *MsgTemplate) (*AddMsgTemplateResult, error) {
	if msg == nil {
		return nil, ErrNilRequest
	}
	return postAs[AddMsgTemplateResult](ctx, (*service)(s), pathAddMsgTemplate, msg, api.Never)
}

// WelcomeMsg is the welcome message to a new customer.
type WelcomeMsg struct {
	// WelcomeCode comes from the add_external_contact event; it is valid
	// for 20 seconds and can be used once.
	WelcomeCode string        `json:"welcome_code"`
	Text        *CustomerText `json:"text,omitempty"`
	// Attachments are at most 9.
	Attachments []Attachment `json:"attachments,omitempty"`
}

// SendWelcomeMsg sends the welcome message to a new customer
// (send_welcome_msg). It is never repeated after a failure. WeCom answers
// 41050 for an invalid or expired code and 41051 when the customer is
// already chatting with the member.
func (s *ExternalContactService) SendWelcomeMsg(ctx context.Context, msg *WelcomeMsg) error {
	if msg == nil {
		return ErrNilRequest
	}
	return (*service)(s).post(ctx, pathSendWelcomeMsg, msg, nil, api.Never)
}

// CreatorFilter selects records by who created them. Its zero value sends
// nothing, which WeCom reads as "any creator".
type CreatorFilter int

// Creator filters of the group-message and moment lists.
const (
	CreatorAny      CreatorFilter = iota // corp and members (not sent; WeCom's default)
	CreatorCorp                          // filter_type 0: created by the corp
	CreatorPersonal                      // filter_type 1: created by members
)

// MarshalJSON encodes the wire filter_type: 0 corp, 1 personal, 2 any.
func (f CreatorFilter) MarshalJSON() ([]byte, error) {
	switch f {
	case CreatorCorp:
		return []byte("0"), nil
	case CreatorPersonal:
		return []byte("1"), nil
	case CreatorAny:
		return []byte("2"), nil
	}
	return nil, fmt.Errorf("work: invalid CreatorFilter %d", int(f))
}

// CreateType says who created a mass message or a moment.
type CreateType int

// Creators of mass messages and moments.
const (
	CreatedByCorp   CreateType = 0 // the corp (an administrator or the API)
	CreatedByMember CreateType = 1 // a member
)

// GroupMsgListRequest selects mass messages by creation time (at most one
// month apart).
type GroupMsgListRequest struct {
	ChatType  ChatType `json:"chat_type"`
	StartTime int64    `json:"start_time"`
	EndTime   int64    `json:"end_time"`
	// Creator keeps the messages of one member.
	Creator    string        `json:"creator,omitempty"`
	FilterType CreatorFilter `json:"filter_type,omitempty"`
	// Limit is the page size (default 50, at most 100).
	Limit int `json:"limit,omitempty"`
	// Cursor is "" for the first page, then the previous NextCursor.
	Cursor string `json:"cursor,omitempty"`
}

// GroupMsg is a mass message record.
type GroupMsg struct {
	MsgID string `json:"msgid"`
	// Creator is empty for messages created through the API.
	Creator string `json:"creator,omitempty"`
	// CreateTime is in Unix seconds; WeCom documents it as a string and
	// may send a number, both are read.
	CreateTime  int64         `json:"create_time"`
	CreateType  CreateType    `json:"create_type"`
	Text        *CustomerText `json:"text,omitempty"`
	Attachments []Attachment  `json:"attachments,omitempty"`
}

// UnmarshalJSON reads create_time as a number or as a string holding one.
func (m *GroupMsg) UnmarshalJSON(b []byte) error {
	type plain GroupMsg
	w := struct {
		*plain
		CreateTime looseInt `json:"create_time"`
	}{plain: (*plain)(m)}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	m.CreateTime = int64(w.CreateTime)
	return nil
}

// GroupMsgList is one page of get_groupmsg_list_v2.
type GroupMsgList struct {
	GroupMsgs  []GroupMsg `json:"group_msg_list"`
	NextCursor string     `json:"next_cursor"`
}

func (p *GroupMsgList) page() ([]GroupMsg, string) { return p.GroupMsgs, p.NextCursor }

// GroupMsgList returns one page of mass message records
// (get_groupmsg_list_v2).
func (s *ExternalContactService) GroupMsgList(ctx context.Context, req GroupMsgListRequest) (*GroupMsgList, error) {
	if req.ChatType == "" {
		req.ChatType = ChatTypeSingle
	}
	return postAs[GroupMsgList](ctx, (*service)(s), pathGroupMsgListV2, req, api.Idempotent)
}

// AllGroupMsgs yields every mass message record req selects, following the
// cursor from the first page (req.Cursor is ignored).
func (s *ExternalContactService) AllGroupMsgs(ctx context.Context, req GroupMsgListRequest) iter.Seq2[GroupMsg, error] {
	return walkPages[GroupMsg](ctx, func(ctx context.Context, cursor string) (*GroupMsgList, error) {
		r := req
		r.Cursor = cursor
		return s.GroupMsgList(ctx, r)
	})
}

// GroupMsgPageRequest selects a page of a mass message's records.
type GroupMsgPageRequest struct {
	MsgID string `json:"msgid"`
	// UserID is the sending member; GroupMsgSendResult only.
	UserID string `json:"userid,omitempty"`
	// Limit is the page size (default 500, at most 1000).
	Limit int `json:"limit,omitempty"`
	// Cursor is "" for the first page, then the previous NextCursor.
	Cursor string `json:"cursor,omitempty"`
}

// GroupMsgTaskStatus is whether a member sent a mass message.
type GroupMsgTaskStatus int

// States of a member's task.
const (
	GroupMsgTaskUnsent    GroupMsgTaskStatus = 0 // not sent
	GroupMsgTaskConfirmed GroupMsgTaskStatus = 1 // confirmed
	GroupMsgTaskSent      GroupMsgTaskStatus = 2 // sent
)

// GroupMsgTask is a member's task of sending a mass message.
type GroupMsgTask struct {
	UserID string             `json:"userid"`
	Status GroupMsgTaskStatus `json:"status"`
	// SendTime is 0 until sent.
	SendTime int64 `json:"send_time,omitempty"`
}

// GroupMsgTaskList is one page of get_groupmsg_task.
type GroupMsgTaskList struct {
	Tasks      []GroupMsgTask `json:"task_list"`
	NextCursor string         `json:"next_cursor"`
}

func (p *GroupMsgTaskList) page() ([]GroupMsgTask, string) { return p.Tasks, p.NextCursor }

// GroupMsgTask returns one page of the members' tasks of a mass message
// (get_groupmsg_task); req.UserID is not used.
func (s *ExternalContactService) GroupMsgTask(ctx context.Context, req GroupMsgPageRequest) (*GroupMsgTaskList, error) {
	req.UserID = ""
	return postAs[GroupMsgTaskList](ctx, (*service)(s), pathGroupMsgTask, req, api.Idempotent)
}

// AllGroupMsgTasks yields every member's task of the mass message
// req.MsgID, following get_groupmsg_task's cursor from the first page
// (req.Cursor is ignored).
func (s *ExternalContactService) AllGroupMsgTasks(ctx context.Context, req GroupMsgPageRequest) iter.Seq2[GroupMsgTask, error] {
	return walkPages[GroupMsgTask](ctx, func(ctx context.Context, cursor string) (*GroupMsgTaskList, error) {
		r := req
		r.Cursor = cursor
		return s.GroupMsgTask(ctx, r)
	})
}

// GroupMsgSendStatus is the outcome of a mass message for one recipient.
type GroupMsgSendStatus int

// Outcomes of a mass message.
const (
	GroupMsgNotSent       GroupMsgSendStatus = 0 // not sent yet
	GroupMsgSent          GroupMsgSendStatus = 1 // sent
	GroupMsgNotFriend     GroupMsgSendStatus = 2 // failed: the customer is not a friend
	GroupMsgOverReceiving GroupMsgSendStatus = 3 // failed: the customer already got a mass message
)

// GroupMsgSend is the outcome of a mass message for one customer or group.
type GroupMsgSend struct {
	// ExternalUserID is set for messages to customers.
	ExternalUserID string `json:"external_userid,omitempty"`
	// ChatID is set for messages to customer groups.
	ChatID   string             `json:"chat_id,omitempty"`
	UserID   string             `json:"userid"`
	Status   GroupMsgSendStatus `json:"status"`
	SendTime int64              `json:"send_time,omitempty"`
}

// GroupMsgSendList is one page of get_groupmsg_send_result.
type GroupMsgSendList struct {
	Sends      []GroupMsgSend `json:"send_list"`
	NextCursor string         `json:"next_cursor"`
}

func (p *GroupMsgSendList) page() ([]GroupMsgSend, string) { return p.Sends, p.NextCursor }

// GroupMsgSendResult returns one page of the outcomes of a mass message
// sent by member req.UserID (get_groupmsg_send_result).
func (s *ExternalContactService) GroupMsgSendResult(ctx context.Context, req GroupMsgPageRequest) (*GroupMsgSendList, error) {
	return postAs[GroupMsgSendList](ctx, (*service)(s), pathGroupMsgSendResult, req, api.Idempotent)
}

// AllGroupMsgSendResults yields every outcome of the mass message
// req.MsgID sent by member req.UserID, following
// get_groupmsg_send_result's cursor from the first page (req.Cursor is
// ignored).
func (s *ExternalContactService) AllGroupMsgSendResults(ctx context.Context, req GroupMsgPageRequest) iter.Seq2[GroupMsgSend, error] {
	return walkPages[GroupMsgSend](ctx, func(ctx context.Context, cursor string) (*GroupMsgSendList, error) {
		r := req
		r.Cursor = cursor
		return s.GroupMsgSendResult(ctx, r)
	})
}

// RemindGroupMsgSend reminds the members who have not sent a mass message
// yet (remind_groupmsg_send; at most 3 times a day per message). The
// reminder is a message to members, so it is never repeated after a
// failure.
func (s *ExternalContactService) RemindGroupMsgSend(ctx context.Context, msgID string) error {
	return (*service)(s).post(ctx, pathRemindGroupMsgSend, msgIDBody{msgID}, nil, api.Never)
}

// CancelGroupMsgSend stops a mass message for the members who have not
// sent it yet (cancel_groupmsg_send).
func (s *ExternalContactService) CancelGroupMsgSend(ctx context.Context, msgID string) error {
	return (*service)(s).post(ctx, pathCancelGroupMsgSend, msgIDBody{msgID}, nil, api.Unsafe)
}

// msgIDBody is the {"msgid": ...} body.
type msgIDBody struct {
	MsgID string `json:"msgid"`
}
