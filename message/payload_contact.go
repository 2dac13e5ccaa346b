package message

// The change_contact event of a self-built or customized app, one payload
// per ChangeType. Third-party apps receive the same changes as the
// change_contact instruction callback, see [SuiteContactChange].

// ContactUser holds the member fields of create_user and update_user.
// Fields WeCom does not send (for lack of permission, or because they did
// not change) are left empty.
type ContactUser struct {
	UserID string `xml:"UserID"`
	Name   string `xml:"Name"`
	// Department lists the member's department ids.
	Department     IntList `xml:"Department"`
	MainDepartment int64   `xml:"MainDepartment"`
	// IsLeaderInDept holds, per department of Department, 1 if the member
	// leads it and 0 otherwise.
	IsLeaderInDept IntList `xml:"IsLeaderInDept"`
	DirectLeader   List    `xml:"DirectLeader"`
	Position       string  `xml:"Position"`
	Mobile         string  `xml:"Mobile"`
	// Gender is 1 for male, 2 for female, 0 unknown.
	Gender int    `xml:"Gender"`
	Email  string `xml:"Email"`
	// BizMail is the member's corporate mailbox.
	BizMail string `xml:"BizMail"`
	// Status is 1 active, 2 disabled, 4 not activated, 5 left.
	Status    int     `xml:"Status"`
	Avatar    string  `xml:"Avatar"`
	Alias     string  `xml:"Alias"`
	Telephone string  `xml:"Telephone"`
	Address   string  `xml:"Address"`
	ExtAttr   ExtAttr `xml:"ExtAttr"`
}

// ExtAttr holds a member's custom attributes.
type ExtAttr struct {
	Items []ExtAttrItem `xml:"Item"`
}

// ExtAttrItem is one custom attribute: Type 0 is text (Text), 1 a web link
// (Web).
type ExtAttrItem struct {
	Name string       `xml:"Name"`
	Type int          `xml:"Type"`
	Text *ExtAttrText `xml:"Text"`
	Web  *ExtAttrWeb  `xml:"Web"`
}

// ExtAttrText is the value of a text attribute.
type ExtAttrText struct {
	Value string `xml:"Value"`
}

// ExtAttrWeb is the value of a web-link attribute.
type ExtAttrWeb struct {
	Title string `xml:"Title"`
	URL   string `xml:"Url"`
}

// CreateUser: a member was created (change_contact / create_user).
type CreateUser struct {
	ContactUser
}

// Kind implements [Payload].
func (CreateUser) Kind() Kind { return changeKind(EventChangeContact, ChangeCreateUser) }

// UpdateUser: a member was updated (change_contact / update_user). Only the
// changed fields are sent; NewUserID is set when the UserID changed.
type UpdateUser struct {
	ContactUser
	NewUserID string `xml:"NewUserID"`
}

// Kind implements [Payload].
func (UpdateUser) Kind() Kind { return changeKind(EventChangeContact, ChangeUpdateUser) }

// DeleteUser: a member was deleted (change_contact / delete_user).
type DeleteUser struct {
	UserID string `xml:"UserID"`
}

// Kind implements [Payload].
func (DeleteUser) Kind() Kind { return changeKind(EventChangeContact, ChangeDeleteUser) }

// CreateParty: a department was created (change_contact / create_party).
type CreateParty struct {
	ID       int64  `xml:"Id"`
	Name     string `xml:"Name"`
	ParentID int64  `xml:"ParentId"`
	Order    int64  `xml:"Order"`
}

// Kind implements [Payload].
func (CreateParty) Kind() Kind { return changeKind(EventChangeContact, ChangeCreateParty) }

// UpdateParty: a department was renamed or moved (change_contact /
// update_party); only changed fields are sent.
type UpdateParty struct {
	ID       int64  `xml:"Id"`
	Name     string `xml:"Name"`
	ParentID int64  `xml:"ParentId"`
}

// Kind implements [Payload].
func (UpdateParty) Kind() Kind { return changeKind(EventChangeContact, ChangeUpdateParty) }

// DeleteParty: a department was deleted (change_contact / delete_party).
type DeleteParty struct {
	ID int64 `xml:"Id"`
}

// Kind implements [Payload].
func (DeleteParty) Kind() Kind { return changeKind(EventChangeContact, ChangeDeleteParty) }

// UpdateTag: members or departments were added to or removed from a tag
// (change_contact / update_tag).
type UpdateTag struct {
	TagID         int64   `xml:"TagId"`
	AddUserItems  List    `xml:"AddUserItems"`
	DelUserItems  List    `xml:"DelUserItems"`
	AddPartyItems IntList `xml:"AddPartyItems"`
	DelPartyItems IntList `xml:"DelPartyItems"`
}

// Kind implements [Payload].
func (UpdateTag) Kind() Kind { return changeKind(EventChangeContact, ChangeUpdateTag) }
