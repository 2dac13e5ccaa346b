package message

// KfMsgOrEvent: a WeChat customer-service (微信客服) account has new
// messages or events; fetch them with kf/sync_msg and Token.
type KfMsgOrEvent struct {
	Token    string `xml:"Token"`
	OpenKfID string `xml:"OpenKfId"`
}

// Kind implements [Payload].
func (KfMsgOrEvent) Kind() Kind { return eventKind(EventKfMsgOrEvent) }

// KfAccountAuthChange: customer-service accounts were granted to or
// withdrawn from the app.
type KfAccountAuthChange struct {
	AuthAddOpenKfIDs []string `xml:"AuthAddOpenKfId"`
	AuthDelOpenKfIDs []string `xml:"AuthDelOpenKfId"`
}

// Kind implements [Payload].
func (KfAccountAuthChange) Kind() Kind { return eventKind(EventKfAccountAuthChange) }

// MsgAuditNotify: new archived chat messages are available (会话内容存档).
type MsgAuditNotify struct{}

// Kind implements [Payload].
func (MsgAuditNotify) Kind() Kind { return eventKind(EventMsgAuditNotify) }

// CustomerAcquisitionBalanceLow: the customer-acquisition (获客助手) quota
// is running low.
type CustomerAcquisitionBalanceLow struct{}

// Kind implements [Payload].
func (CustomerAcquisitionBalanceLow) Kind() Kind {
	return changeKind(EventCustomerAcquisition, ChangeBalanceLow)
}

// CustomerAcquisitionBalanceExhausted: the customer-acquisition quota is
// used up.
type CustomerAcquisitionBalanceExhausted struct{}

// Kind implements [Payload].
func (CustomerAcquisitionBalanceExhausted) Kind() Kind {
	return changeKind(EventCustomerAcquisition, ChangeBalanceExhausted)
}

// CustomerAcquisitionLinkUnavailable: a customer-acquisition link became
// unusable.
type CustomerAcquisitionLinkUnavailable struct {
	LinkID string `xml:"LinkId"`
}

// Kind implements [Payload].
func (CustomerAcquisitionLinkUnavailable) Kind() Kind {
	return changeKind(EventCustomerAcquisition, ChangeLinkUnavailable)
}

// CustomerAcquisitionDeleteLink: a customer-acquisition link was deleted.
type CustomerAcquisitionDeleteLink struct {
	LinkID string `xml:"LinkId"`
}

// Kind implements [Payload].
func (CustomerAcquisitionDeleteLink) Kind() Kind {
	return changeKind(EventCustomerAcquisition, ChangeDeleteLink)
}

// CustomerAcquisitionStartChat: a customer who came through a
// customer-acquisition link started a chat.
type CustomerAcquisitionStartChat struct {
	UserID         string `xml:"UserID"`
	ExternalUserID string `xml:"ExternalUserID"`
	// LinkID is the customer-acquisition link the customer came through.
	LinkID string `xml:"LinkId"`
}

// Kind implements [Payload].
func (CustomerAcquisitionStartChat) Kind() Kind {
	return changeKind(EventCustomerAcquisition, ChangeCustomerStartChat)
}

// CustomerAcquisitionFriendRequest: a customer sent a friend request
// through a customer-acquisition link.
type CustomerAcquisitionFriendRequest struct {
	LinkID string `xml:"LinkId"`
	State  string `xml:"State"`
}

// Kind implements [Payload].
func (CustomerAcquisitionFriendRequest) Kind() Kind {
	return changeKind(EventCustomerAcquisition, ChangeFriendRequest)
}

// UploadMediaJobFinish: an asynchronous media upload finished.
type UploadMediaJobFinish struct {
	JobID string `xml:"JobId"`
}

// Kind implements [Payload].
func (UploadMediaJobFinish) Kind() Kind { return eventKind(EventUploadMediaJobFinish) }

// WedriveInsufficientCapacity: the corp's WeDrive (微盘) space is running
// out.
type WedriveInsufficientCapacity struct{}

// Kind implements [Payload].
func (WedriveInsufficientCapacity) Kind() Kind { return eventKind(EventWedriveInsufficientCapacity) }

// SwitchWorkbenchMode: a member switched the app's workbench between the
// default and the custom display.
type SwitchWorkbenchMode struct {
	// Mode is 1 for custom display, 0 for default.
	Mode int `xml:"Mode"`
}

// Kind implements [Payload].
func (SwitchWorkbenchMode) Kind() Kind { return eventKind(EventSwitchWorkbenchMode) }

// AppEmailChange: the app's mailbox received mail (ChangeType
// receive_email).
type AppEmailChange struct {
	// Amount is the number of mails received.
	Amount int `xml:"Amount"`
}

// Kind implements [Payload].
func (AppEmailChange) Kind() Kind { return eventKind(EventAppEmailChange) }

// UnlicensedNotify: a member without an interface license opened the app
// (third-party and customized apps).
type UnlicensedNotify struct{}

// Kind implements [Payload].
func (UnlicensedNotify) Kind() Kind { return eventKind(EventUnlicensedNotify) }

// ChangeAppAdmin: the app's administrators changed (third-party data
// callback; FromUserName is "sys", the agent is in the header's AgentID).
type ChangeAppAdmin struct{}

// Kind implements [Payload].
func (ChangeAppAdmin) Kind() Kind { return eventKind(EventChangeAppAdmin) }

// ChangeSchoolContact: the school contacts (家校通讯录) changed. The
// message's ChangeType tells what: create_department, update_department,
// delete_department, create_student, update_student, delete_student,
// create_parent, update_parent, delete_parent, subscribe, unsubscribe.
type ChangeSchoolContact struct {
	// ID is the student's, parent's or department's id.
	ID string `xml:"Id"`
}

// Kind implements [Payload].
func (ChangeSchoolContact) Kind() Kind { return eventKind(EventChangeSchoolContact) }
