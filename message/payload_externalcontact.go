package message

// The change_external_contact, change_external_chat and change_external_tag
// events of a self-built or customized app, one payload per ChangeType.
// FromUserName is "sys". Third-party apps receive them as instruction
// callbacks, see [SuiteExternalContactChange] and its siblings.

// AddExternalContact: a member added a customer (add_external_contact).
// WelcomeCode, when present, allows sending a welcome message.
type AddExternalContact struct {
	UserID         string `xml:"UserID"`
	ExternalUserID string `xml:"ExternalUserID"`
	// State is the state of the 「联系我」 contact way used, if any.
	State       string `xml:"State"`
	WelcomeCode string `xml:"WelcomeCode"`
}

// Kind implements [Payload].
func (AddExternalContact) Kind() Kind {
	return changeKind(EventChangeExternalContact, ChangeAddExternalContact)
}

// EditExternalContact: a member edited a customer's remark or tags
// (edit_external_contact).
type EditExternalContact struct {
	UserID         string `xml:"UserID"`
	ExternalUserID string `xml:"ExternalUserID"`
}

// Kind implements [Payload].
func (EditExternalContact) Kind() Kind {
	return changeKind(EventChangeExternalContact, ChangeEditExternalContact)
}

// AddHalfExternalContact: a customer added a member without verification,
// before the member accepted (add_half_external_contact).
type AddHalfExternalContact struct {
	UserID         string `xml:"UserID"`
	ExternalUserID string `xml:"ExternalUserID"`
	State          string `xml:"State"`
	WelcomeCode    string `xml:"WelcomeCode"`
}

// Kind implements [Payload].
func (AddHalfExternalContact) Kind() Kind {
	return changeKind(EventChangeExternalContact, ChangeAddHalfExternalContact)
}

// DelExternalContact: a member deleted a customer (del_external_contact).
type DelExternalContact struct {
	UserID         string `xml:"UserID"`
	ExternalUserID string `xml:"ExternalUserID"`
	// Source is DELETE_BY_TRANSFER when the customer was removed from the
	// handing-over member by an on-job inheritance.
	Source string `xml:"Source"`
}

// Kind implements [Payload].
func (DelExternalContact) Kind() Kind {
	return changeKind(EventChangeExternalContact, ChangeDelExternalContact)
}

// DelFollowUser: a customer deleted a member (del_follow_user).
type DelFollowUser struct {
	UserID         string `xml:"UserID"`
	ExternalUserID string `xml:"ExternalUserID"`
}

// Kind implements [Payload].
func (DelFollowUser) Kind() Kind { return changeKind(EventChangeExternalContact, ChangeDelFollowUser) }

// TransferFail: a customer could not be handed over to a new member
// (transfer_fail).
type TransferFail struct {
	UserID         string `xml:"UserID"`
	ExternalUserID string `xml:"ExternalUserID"`
	// FailReason is customer_refused or customer_limit_exceed.
	FailReason string `xml:"FailReason"`
}

// Kind implements [Payload].
func (TransferFail) Kind() Kind { return changeKind(EventChangeExternalContact, ChangeTransferFail) }

// MsgAuditApproved: a customer agreed to chat archiving
// (msg_audit_approved).
type MsgAuditApproved struct {
	UserID         string `xml:"UserID"`
	ExternalUserID string `xml:"ExternalUserID"`
	WelcomeCode    string `xml:"WelcomeCode"`
}

// Kind implements [Payload].
func (MsgAuditApproved) Kind() Kind {
	return changeKind(EventChangeExternalContact, ChangeMsgAuditApproved)
}

// ExternalChatCreate: a customer group was created (change_external_chat /
// create).
type ExternalChatCreate struct {
	ChatID string `xml:"ChatId"`
}

// Kind implements [Payload].
func (ExternalChatCreate) Kind() Kind { return changeKind(EventChangeExternalChat, ChangeCreate) }

// ExternalChatUpdate: a customer group changed (change_external_chat /
// update). Group details are updated asynchronously: wait a moment before
// calling groupchat/get.
type ExternalChatUpdate struct {
	ChatID string `xml:"ChatId"`
	// UpdateDetail is add_member, del_member, change_owner, change_name or
	// change_notice.
	UpdateDetail string `xml:"UpdateDetail"`
	// JoinScene (add_member): 0 invited by a member, 3 scanned the group's
	// QR code.
	JoinScene int `xml:"JoinScene"`
	// QuitScene (del_member): 0 left, 1 removed by the owner or an admin.
	QuitScene    int `xml:"QuitScene"`
	MemChangeCnt int `xml:"MemChangeCnt"`
	// MemChangeList lists the ids of the members who joined or left.
	MemChangeList []string `xml:"MemChangeList>Item"`
	LastMemVer    string   `xml:"LastMemVer"`
	CurMemVer     string   `xml:"CurMemVer"`
}

// Kind implements [Payload].
func (ExternalChatUpdate) Kind() Kind { return changeKind(EventChangeExternalChat, ChangeUpdate) }

// ExternalChatDismiss: a customer group was dismissed
// (change_external_chat / dismiss).
type ExternalChatDismiss struct {
	ChatID string `xml:"ChatId"`
}

// Kind implements [Payload].
func (ExternalChatDismiss) Kind() Kind { return changeKind(EventChangeExternalChat, ChangeDismiss) }

// ExternalTag holds the fields of the change_external_tag events.
type ExternalTag struct {
	// ID is the id of the tag or tag group.
	ID string `xml:"Id"`
	// TagType is "tag" or "tag_group".
	TagType string `xml:"TagType"`
	// StrategyID is set for the tags of a rule group (策略标签).
	StrategyID int64 `xml:"StrategyId"`
}

// ExternalTagCreate: a customer tag or tag group was created.
type ExternalTagCreate struct{ ExternalTag }

// Kind implements [Payload].
func (ExternalTagCreate) Kind() Kind { return changeKind(EventChangeExternalTag, ChangeCreate) }

// ExternalTagUpdate: a customer tag or tag group was changed.
type ExternalTagUpdate struct{ ExternalTag }

// Kind implements [Payload].
func (ExternalTagUpdate) Kind() Kind { return changeKind(EventChangeExternalTag, ChangeUpdate) }

// ExternalTagDelete: a customer tag or tag group was deleted.
type ExternalTagDelete struct{ ExternalTag }

// Kind implements [Payload].
func (ExternalTagDelete) Kind() Kind { return changeKind(EventChangeExternalTag, ChangeDelete) }

// ExternalTagShuffle: the customer tags were reordered (ID is empty, or a
// tag group's id).
type ExternalTagShuffle struct{ ExternalTag }

// Kind implements [Payload].
func (ExternalTagShuffle) Kind() Kind { return changeKind(EventChangeExternalTag, ChangeShuffle) }
