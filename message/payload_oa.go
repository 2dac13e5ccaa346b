package message

import "encoding/xml"

// OpenApprovalChange: the status of an approval made with a third-party
// approval flow (审批流程引擎) changed.
type OpenApprovalChange struct {
	ApprovalInfo OpenApprovalInfo `xml:"ApprovalInfo"`
}

// Kind implements [Payload].
func (OpenApprovalChange) Kind() Kind { return eventKind(EventOpenApprovalChange) }

// OpenApprovalInfo describes an approval of a third-party approval flow.
type OpenApprovalInfo struct {
	ThirdNo        string `xml:"ThirdNo"`
	OpenSpName     string `xml:"OpenSpName"`
	OpenTemplateID string `xml:"OpenTemplateId"`
	// OpenSpStatus is 1 in progress, 2 approved, 3 rejected, 4 withdrawn.
	OpenSpStatus   int                `xml:"OpenSpStatus"`
	ApplyTime      int64              `xml:"ApplyTime"`
	ApplyUserName  string             `xml:"ApplyUserName"`
	ApplyUserID    string             `xml:"ApplyUserId"`
	ApplyUserParty string             `xml:"ApplyUserParty"`
	ApplyUserImage string             `xml:"ApplyUserImage"`
	ApprovalNodes  []OpenApprovalNode `xml:"ApprovalNodes>ApprovalNode"`
	NotifyNodes    []OpenNotifyNode   `xml:"NotifyNodes>NotifyNode"`
	// ApproverStep is the index of the current approval node (sent as
	// ApproverStep, or approverstep).
	ApproverStep int `xml:"ApproverStep"`
}

// UnmarshalXML implements xml.Unmarshaler, accepting both spellings of
// ApproverStep.
func (a *OpenApprovalInfo) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	type plain OpenApprovalInfo
	var w struct {
		plain
		StepLower *int `xml:"approverstep"`
	}
	if err := d.DecodeElement(&w, &start); err != nil {
		return err
	}
	*a = OpenApprovalInfo(w.plain)
	if w.StepLower != nil {
		a.ApproverStep = *w.StepLower
	}
	return nil
}

// OpenApprovalNode is one node of a third-party approval flow.
type OpenApprovalNode struct {
	NodeStatus int                `xml:"NodeStatus"`
	NodeAttr   int                `xml:"NodeAttr"`
	NodeType   int                `xml:"NodeType"`
	Items      []OpenApprovalItem `xml:"Items>Item"`
}

// OpenApprovalItem is one approver of an OpenApprovalNode.
type OpenApprovalItem struct {
	ItemName string `xml:"ItemName"`
	// ItemUserID is sent as ItemUserid (the doc's spelling) or ItemUserId.
	ItemUserID string `xml:"ItemUserid"`
	ItemParty  string `xml:"ItemParty"` // the approver's department
	ItemImage  string `xml:"ItemImage"`
	ItemStatus int    `xml:"ItemStatus"`
	ItemSpeech string `xml:"ItemSpeech"`
	ItemOpTime int64  `xml:"ItemOpTime"`
}

// UnmarshalXML implements xml.Unmarshaler, accepting both spellings of
// ItemUserid.
func (it *OpenApprovalItem) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	type plain OpenApprovalItem
	var w struct {
		plain
		UserIDAlt *string `xml:"ItemUserId"`
	}
	if err := d.DecodeElement(&w, &start); err != nil {
		return err
	}
	*it = OpenApprovalItem(w.plain)
	if w.UserIDAlt != nil && it.ItemUserID == "" {
		it.ItemUserID = *w.UserIDAlt
	}
	return nil
}

// OpenNotifyNode is one person notified of a third-party approval.
type OpenNotifyNode struct {
	ItemName string `xml:"ItemName"`
	// ItemUserID is sent as ItemUserid (the doc's spelling) or ItemUserId.
	ItemUserID string `xml:"ItemUserid"`
	ItemParty  string `xml:"ItemParty"` // the member's department
	ItemImage  string `xml:"ItemImage"`
}

// UnmarshalXML implements xml.Unmarshaler, accepting both spellings of
// ItemUserid.
func (n *OpenNotifyNode) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	type plain OpenNotifyNode
	var w struct {
		plain
		UserIDAlt *string `xml:"ItemUserId"`
	}
	if err := d.DecodeElement(&w, &start); err != nil {
		return err
	}
	*n = OpenNotifyNode(w.plain)
	if w.UserIDAlt != nil && n.ItemUserID == "" {
		n.ItemUserID = *w.UserIDAlt
	}
	return nil
}

// SysApprovalChange: the status of an approval of the WeCom approval app
// changed.
type SysApprovalChange struct {
	ApprovalInfo SysApprovalInfo `xml:"ApprovalInfo"`
}

// Kind implements [Payload].
func (SysApprovalChange) Kind() Kind { return eventKind(EventSysApprovalChange) }

// SysApprovalInfo describes an approval of the WeCom approval app.
type SysApprovalInfo struct {
	SpNo   string `xml:"SpNo"`
	SpName string `xml:"SpName"`
	// SpStatus is 1 in progress, 2 approved, 3 rejected, 4 withdrawn,
	// 6 withdrawn after approval, 7 deleted, 10 paid.
	SpStatus   int            `xml:"SpStatus"`
	TemplateID string         `xml:"TemplateId"`
	ApplyTime  int64          `xml:"ApplyTime"`
	Applyer    Applyer        `xml:"Applyer"`
	SpRecord   []SpRecord     `xml:"SpRecord"`
	Notifyer   []ApprovalUser `xml:"Notifyer"`
	Comments   []SpComment    `xml:"Comments"`
	// ProcessList is the flow in its newer form: every node, approvers,
	// members copied and handlers alike, in order.
	ProcessList ProcessList `xml:"ProcessList"`
	// StatuChangeEvent (sic) tells what happened: 1 submitted, 2 approved,
	// 3 rejected, 4 forwarded, 5 reminded, 6 withdrawn, 8 withdrawn after
	// approval, 10 comment added, 11 returned, 12 approver added,
	// 13 countersigned, 14 handled, 15 transferred.
	StatuChangeEvent int `xml:"StatuChangeEvent"`
}

// Applyer is the member who submitted an approval.
type Applyer struct {
	UserID string `xml:"UserId"`
	// Party is the applicant's department id.
	Party string `xml:"Party"`
}

// ApprovalUser names a member in an approval.
type ApprovalUser struct {
	UserID string `xml:"UserId"`
}

// SpRecord is one approval node of a SysApprovalInfo.
type SpRecord struct {
	SpStatus int `xml:"SpStatus"`
	// ApproverAttr is 1 for or-sign (或签), 2 for countersign (会签).
	ApproverAttr int              `xml:"ApproverAttr"`
	Details      []SpRecordDetail `xml:"Details"`
}

// SpRecordDetail is one approver's decision in a SpRecord.
type SpRecordDetail struct {
	Approver ApprovalUser `xml:"Approver"`
	Speech   string       `xml:"Speech"`
	SpStatus int          `xml:"SpStatus"`
	SpTime   int64        `xml:"SpTime"`
	MediaIDs []string     `xml:"Media>MediaId"`
}

// ProcessList is the flow of an approval in its newer form.
type ProcessList struct {
	NodeList []ProcessNode `xml:"NodeList"`
}

// ProcessNode is one node of a ProcessList.
type ProcessNode struct {
	// NodeType is 1 for approvers, 2 for members copied, 3 for handlers.
	NodeType int `xml:"NodeType"`
	// SpStatus is the node's state (approver and handler nodes): 1 in
	// progress, 2 agreed, 3 rejected, 4 forwarded, 11 returned, 12
	// approver added, 13 agreed and added, 14 handled, 15 transferred.
	SpStatus int `xml:"SpStatus"`
	// ApvRel is how several members decide: 1 all (会签), 2 any (或签),
	// 3 in turns (依次审批).
	ApvRel      int           `xml:"ApvRel"`
	SubNodeList []ProcessItem `xml:"SubNodeList"`
}

// ProcessItem is one member of a ProcessNode.
type ProcessItem struct {
	UserInfo ApprovalUser `xml:"UserInfo"`
	Speech   string       `xml:"Speech"`
	// SpYj is the member's decision, valued as ProcessNode.SpStatus.
	SpYj     int      `xml:"SpYj"`
	SpTime   int64    `xml:"Sptime"` // Unix seconds; 0 not yet acted
	MediaIDs []string `xml:"MediaIds"`
}

// SpComment is a comment on an approval.
type SpComment struct {
	CommentUserInfo ApprovalUser `xml:"CommentUserInfo"`
	CommentTime     int64        `xml:"CommentTime"`
	CommentContent  string       `xml:"CommentContent"`
	CommentID       string       `xml:"CommentId"`
	MediaIDs        []string     `xml:"Media>MediaId"`
}

// TaskcardClick: a member clicked a button of a task card message
// (taskcard_click).
type TaskcardClick struct {
	EventKey string `xml:"EventKey"`
	TaskID   string `xml:"TaskId"`
	// AgentID comes from the AgentId element as WeCom spells it in this
	// event, or from AgentID.
	AgentID int64 `xml:"AgentID"`
}

// Kind implements [Payload].
func (TaskcardClick) Kind() Kind { return eventKind(EventTaskcardClick) }

// UnmarshalXML implements xml.Unmarshaler, accepting both spellings of the
// agent id.
func (t *TaskcardClick) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var w struct {
		EventKey   string `xml:"EventKey"`
		TaskID     string `xml:"TaskId"`
		AgentID    *int64 `xml:"AgentID"`
		AgentIDAlt *int64 `xml:"AgentId"`
	}
	if err := d.DecodeElement(&w, &start); err != nil {
		return err
	}
	*t = TaskcardClick{EventKey: w.EventKey, TaskID: w.TaskID, AgentID: pick(w.AgentID, w.AgentIDAlt)}
	return nil
}

// TemplateCardEvent: a member clicked a button of, or submitted, a
// template card message (template_card_event). ResponseCode allows
// updating the card, once.
type TemplateCardEvent struct {
	// EventKey is the key of the button clicked.
	EventKey     string `xml:"EventKey"`
	TaskID       string `xml:"TaskId"`
	CardType     string `xml:"CardType"`
	ResponseCode string `xml:"ResponseCode"`
	// SelectedItems holds the choices of vote, multiple and button
	// interaction cards.
	SelectedItems []SelectedItem `xml:"SelectedItems>SelectedItem"`
}

// Kind implements [Payload].
func (TemplateCardEvent) Kind() Kind { return eventKind(EventTemplateCard) }

// SelectedItem is the answer to one question of a template card.
type SelectedItem struct {
	QuestionKey string `xml:"QuestionKey"`
	// OptionIDs are the options chosen, sent as OptionIds>OptionId or as
	// the doc's sample spells them, OpitonIds>OpitonId.
	OptionIDs []string `xml:"OptionIds>OptionId"`
}

// UnmarshalXML implements xml.Unmarshaler, accepting both spellings of
// the option ids.
func (it *SelectedItem) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var w struct {
		QuestionKey string   `xml:"QuestionKey"`
		OptionIDs   []string `xml:"OptionIds>OptionId"`
		Misspelled  []string `xml:"OpitonIds>OpitonId"`
	}
	if err := d.DecodeElement(&w, &start); err != nil {
		return err
	}
	*it = SelectedItem{QuestionKey: w.QuestionKey, OptionIDs: append(w.OptionIDs, w.Misspelled...)}
	return nil
}

// TemplateCardMenuEvent: a member chose an item of a template card's
// top-right menu (template_card_menu_event).
type TemplateCardMenuEvent struct {
	EventKey     string `xml:"EventKey"`
	TaskID       string `xml:"TaskId"`
	CardType     string `xml:"CardType"`
	ResponseCode string `xml:"ResponseCode"`
}

// Kind implements [Payload].
func (TemplateCardMenuEvent) Kind() Kind { return eventKind(EventTemplateCardMenu) }

// Calendar identifies a calendar.
type Calendar struct {
	CalID string `xml:"CalId"`
}

// Schedule identifies a schedule of a calendar.
type Schedule struct {
	CalID      string `xml:"CalId"`
	ScheduleID string `xml:"ScheduleId"`
}

// ModifyCalendar: a calendar was changed.
type ModifyCalendar struct{ Calendar }

// Kind implements [Payload].
func (ModifyCalendar) Kind() Kind { return eventKind(EventModifyCalendar) }

// DeleteCalendar: a calendar was deleted.
type DeleteCalendar struct{ Calendar }

// Kind implements [Payload].
func (DeleteCalendar) Kind() Kind { return eventKind(EventDeleteCalendar) }

// AddSchedule: a schedule was added.
type AddSchedule struct{ Schedule }

// Kind implements [Payload].
func (AddSchedule) Kind() Kind { return eventKind(EventAddSchedule) }

// ModifySchedule: a schedule was changed.
type ModifySchedule struct{ Schedule }

// Kind implements [Payload].
func (ModifySchedule) Kind() Kind { return eventKind(EventModifySchedule) }

// DeleteSchedule: a schedule was deleted.
type DeleteSchedule struct{ Schedule }

// Kind implements [Payload].
func (DeleteSchedule) Kind() Kind { return eventKind(EventDeleteSchedule) }

// RespondSchedule: an attendee answered a schedule invitation.
type RespondSchedule struct{ Schedule }

// Kind implements [Payload].
func (RespondSchedule) Kind() Kind { return eventKind(EventRespondSchedule) }

// MeetingRoomBooking identifies a booking of a meeting room.
type MeetingRoomBooking struct {
	MeetingRoomID int64 `xml:"MeetingRoomId"`
	// MeetingID is the meeting the room was booked for, when it was
	// booked with one.
	MeetingID string `xml:"MeetingId"`
	BookingID string `xml:"BookingId"`
}

// BookMeetingRoom: a meeting room was booked.
type BookMeetingRoom struct{ MeetingRoomBooking }

// Kind implements [Payload].
func (BookMeetingRoom) Kind() Kind { return eventKind(EventBookMeetingRoom) }

// CancelMeetingRoom: a meeting room booking was cancelled.
type CancelMeetingRoom struct{ MeetingRoomBooking }

// Kind implements [Payload].
func (CancelMeetingRoom) Kind() Kind { return eventKind(EventCancelMeetingRoom) }

// ModifyMeeting: a meeting was changed (meeting_change / modify_meeting).
type ModifyMeeting struct {
	MeetingID string `xml:"MeetingId"`
}

// Kind implements [Payload].
func (ModifyMeeting) Kind() Kind { return changeKind(EventMeetingChange, ChangeModifyMeeting) }

// CancelMeeting: a meeting was cancelled (meeting_change / cancel_meeting).
type CancelMeeting struct {
	MeetingID string `xml:"MeetingId"`
}

// Kind implements [Payload].
func (CancelMeeting) Kind() Kind { return changeKind(EventMeetingChange, ChangeCancelMeeting) }

// LivingStatusChange: a live stream started, ended or changed.
type LivingStatusChange struct {
	LivingID string `xml:"LivingId"`
	// Status is 0 scheduled, 1 live, 2 ended, 3 expired, 4 cancelled.
	Status int `xml:"Status"`
}

// Kind implements [Payload].
func (LivingStatusChange) Kind() Kind { return eventKind(EventLivingStatusChange) }
