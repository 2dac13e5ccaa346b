package message

// Third-party instruction callbacks (指令回调): documents with an InfoType,
// answered with "success". The header's SuiteID, AuthCorpID and CreateTime
// (from TimeStamp) carry the common fields; the payloads hold the rest.

// SuiteTicket: WeCom pushed a new suite_ticket (every 10 minutes; valid 30
// minutes).
type SuiteTicket struct {
	SuiteTicket string `xml:"SuiteTicket"`
}

// Kind implements [Payload].
func (SuiteTicket) Kind() Kind { return infoKind(InfoSuiteTicket) }

// AuthExtraInfo holds the extra authorization details of create_auth and
// change_auth, such as the WeChat customer-service accounts granted.
type AuthExtraInfo struct {
	AuthOpenKfIDs []string `xml:"AuthOpenKfIdList>OpenKfId"`
}

// CreateAuth: a corp installed the suite. Exchange AuthCode (valid 10
// minutes) with get_permanent_code, after answering: WeCom waits 1 s.
type CreateAuth struct {
	AuthCode  string        `xml:"AuthCode"`
	State     string        `xml:"State"`
	ExtraInfo AuthExtraInfo `xml:"ExtraInfo"`
}

// Kind implements [Payload].
func (CreateAuth) Kind() Kind { return infoKind(InfoCreateAuth) }

// ChangeAuth: a corp changed the suite's authorization (visible range,
// permissions, ...); re-read it with get_auth_info. The corp is the header's
// AuthCorpID.
type ChangeAuth struct {
	State     string        `xml:"State"`
	ExtraInfo AuthExtraInfo `xml:"ExtraInfo"`
}

// Kind implements [Payload].
func (ChangeAuth) Kind() Kind { return infoKind(InfoChangeAuth) }

// CancelAuth: a corp uninstalled the suite (AuthCorpID).
type CancelAuth struct{}

// Kind implements [Payload].
func (CancelAuth) Kind() Kind { return infoKind(InfoCancelAuth) }

// ResetPermanentCode: the permanent code was reset; exchange AuthCode with
// get_permanent_code again.
type ResetPermanentCode struct {
	AuthCode string `xml:"AuthCode"`
}

// Kind implements [Payload].
func (ResetPermanentCode) Kind() Kind { return infoKind(InfoResetPermanentCode) }

// SuiteContactChange: the contacts of an authorizing corp changed. The
// message's ChangeType tells which fields apply: create_user, update_user
// and delete_user fill the member fields, create_party, update_party and
// delete_party ID, Name, ParentID and Order, update_tag the tag fields.
type SuiteContactChange struct {
	ContactUser
	// OpenUserID is the member's id across the provider's apps.
	OpenUserID string `xml:"OpenUserID"`
	NewUserID  string `xml:"NewUserID"`

	ID       int64 `xml:"Id"`
	ParentID int64 `xml:"ParentId"`
	Order    int64 `xml:"Order"`

	TagID         int64   `xml:"TagId"`
	AddUserItems  List    `xml:"AddUserItems"`
	DelUserItems  List    `xml:"DelUserItems"`
	AddPartyItems IntList `xml:"AddPartyItems"`
	DelPartyItems IntList `xml:"DelPartyItems"`
}

// Kind implements [Payload].
func (SuiteContactChange) Kind() Kind { return infoKind(InfoChangeContact) }

// SuiteExternalContactChange: a member of an authorizing corp added,
// edited or lost a customer; ChangeType as for the change_external_contact
// event ([AddExternalContact] and its siblings).
type SuiteExternalContactChange struct {
	UserID         string `xml:"UserID"`
	ExternalUserID string `xml:"ExternalUserID"`
	State          string `xml:"State"`
	WelcomeCode    string `xml:"WelcomeCode"`
	Source         string `xml:"Source"`
	FailReason     string `xml:"FailReason"`
}

// Kind implements [Payload].
func (SuiteExternalContactChange) Kind() Kind { return infoKind(InfoChangeExternalContact) }

// SuiteExternalChatChange: a customer group of an authorizing corp changed;
// ChangeType create, update or dismiss (see [ExternalChatUpdate]).
type SuiteExternalChatChange struct {
	ChatID        string   `xml:"ChatId"`
	UpdateDetail  string   `xml:"UpdateDetail"`
	JoinScene     int      `xml:"JoinScene"`
	QuitScene     int      `xml:"QuitScene"`
	MemChangeCnt  int      `xml:"MemChangeCnt"`
	MemChangeList []string `xml:"MemChangeList>Item"`
	// LastMemVer and CurMemVer are the group's member_version before and
	// after the change: when LastMemVer matches the version a caller kept,
	// MemChangeList brings it up to date without groupchat/get.
	LastMemVer string `xml:"LastMemVer"`
	CurMemVer  string `xml:"CurMemVer"`
}

// Kind implements [Payload].
func (SuiteExternalChatChange) Kind() Kind { return infoKind(InfoChangeExternalChat) }

// SuiteExternalTagChange: a customer tag of an authorizing corp changed;
// ChangeType create, update, delete or shuffle.
type SuiteExternalTagChange struct {
	ExternalTag
}

// Kind implements [Payload].
func (SuiteExternalTagChange) Kind() Kind { return infoKind(InfoChangeExternalTag) }

// SuiteShareAgentChange: an app shared through 企业互联 changed.
type SuiteShareAgentChange struct {
	SharedApp
}

// Kind implements [Payload].
func (SuiteShareAgentChange) Kind() Kind { return infoKind(InfoShareAgentChange) }

// SuiteShareChainChange: an app shared through 上下游 changed.
type SuiteShareChainChange struct {
	SharedApp
}

// Kind implements [Payload].
func (SuiteShareChainChange) Kind() Kind { return infoKind(InfoShareChainChange) }

// SuiteBatchJobResult: an asynchronous batch job of an authorizing corp
// finished.
type SuiteBatchJobResult struct {
	BatchJob BatchJob `xml:"BatchJob"`
}

// Kind implements [Payload].
func (SuiteBatchJobResult) Kind() Kind { return infoKind(InfoBatchJobResult) }

// CorpArchAuth: a corp granted the suite access to its organization
// structure (组织架构).
type CorpArchAuth struct{}

// Kind implements [Payload].
func (CorpArchAuth) Kind() Kind { return infoKind(InfoCorpArchAuth) }

// ApproveSpecialAuth: a corp granted a special permission.
type ApproveSpecialAuth struct {
	AuthType string `xml:"AuthType"`
}

// Kind implements [Payload].
func (ApproveSpecialAuth) Kind() Kind { return infoKind(InfoApproveSpecialAuth) }

// CancelSpecialAuth: a corp withdrew a special permission.
type CancelSpecialAuth struct {
	AuthType string `xml:"AuthType"`
}

// Kind implements [Payload].
func (CancelSpecialAuth) Kind() Kind { return infoKind(InfoCancelSpecialAuth) }

// AgreeExternalUserIDMigration: a corp agreed to migrate its
// external_userids to the provider's.
type AgreeExternalUserIDMigration struct {
	ServiceCorpID string `xml:"ServiceCorpId"`
}

// Kind implements [Payload].
func (AgreeExternalUserIDMigration) Kind() Kind { return infoKind(InfoAgreeExternalUserIDMigration) }

// SuiteSchoolContactChange: the school contacts of an authorizing corp
// changed; ChangeType as for [ChangeSchoolContact].
type SuiteSchoolContactChange struct {
	ID    string `xml:"Id"`
	NewID string `xml:"NewId"`
}

// Kind implements [Payload].
func (SuiteSchoolContactChange) Kind() Kind { return infoKind(InfoChangeSchoolContact) }

// DeviceDataAuthChange: a corp changed the device data authorization (the
// agent is in the header's AgentID). Answer within 1 s.
type DeviceDataAuthChange struct{}

// Kind implements [Payload].
func (DeviceDataAuthChange) Kind() Kind { return infoKind(InfoDeviceDataAuthChange) }

// AuthUserInfo names the admin who authorized.
type AuthUserInfo struct {
	UserID string `xml:"UserId"`
}

// ContactSync is the contact-migration credential of register_corp.
type ContactSync struct {
	AccessToken string `xml:"AccessToken"`
	ExpiresIn   int64  `xml:"ExpiresIn"`
}

// RegisterCorp: a corp registered through the provider's registration
// link (the new corp is the header's AuthCorpID). Sent to the provider's
// system event URL.
type RegisterCorp struct {
	ServiceCorpID string       `xml:"ServiceCorpId"`
	RegisterCode  string       `xml:"RegisterCode"`
	ContactSync   ContactSync  `xml:"ContactSync"`
	AuthUserInfo  AuthUserInfo `xml:"AuthUserInfo"`
	State         string       `xml:"State"`
	TemplateID    string       `xml:"TemplateId"`
}

// Kind implements [Payload].
func (RegisterCorp) Kind() Kind { return infoKind(InfoRegisterCorp) }

// EnterRegisterPackage: a corp entered the provider's registration package.
type EnterRegisterPackage struct {
	ServiceCorpID string       `xml:"ServiceCorpId"`
	RegisterCode  string       `xml:"RegisterCode"`
	State         string       `xml:"State"`
	TemplateID    string       `xml:"TemplateId"`
	AuthUserInfo  AuthUserInfo `xml:"AuthUserInfo"`
}

// Kind implements [Payload].
func (EnterRegisterPackage) Kind() Kind { return infoKind(InfoEnterRegisterPackage) }

// AppOrder holds the fields of the app-store order callbacks (收银台).
type AppOrder struct {
	// PaidCorpID is the corp that placed the order.
	PaidCorpID string `xml:"PaidCorpId"`
	OrderID    string `xml:"OrderId"`
	OperatorID string `xml:"OperatorId"`
	// OldOrderID and NewOrderID are set by change_order.
	OldOrderID string `xml:"OldOrderId"`
	NewOrderID string `xml:"NewOrderId"`
}

// OpenOrder: a corp placed an order.
type OpenOrder struct{ AppOrder }

// Kind implements [Payload].
func (OpenOrder) Kind() Kind { return infoKind(InfoOpenOrder) }

// ChangeOrder: a corp changed an order (OldOrderID becomes NewOrderID).
type ChangeOrder struct{ AppOrder }

// Kind implements [Payload].
func (ChangeOrder) Kind() Kind { return infoKind(InfoChangeOrder) }

// PayForAppSuccess: an order was paid.
type PayForAppSuccess struct{ AppOrder }

// Kind implements [Payload].
func (PayForAppSuccess) Kind() Kind { return infoKind(InfoPayForAppSuccess) }

// Refund: an order was refunded.
type Refund struct{ AppOrder }

// Kind implements [Payload].
func (Refund) Kind() Kind { return infoKind(InfoRefund) }

// ChangeEdition: a corp's edition of the app changed (InfoType
// "change_editon", sic).
type ChangeEdition struct{ AppOrder }

// Kind implements [Payload].
func (ChangeEdition) Kind() Kind { return infoKind(InfoChangeEdition) }

// LicensePaySuccess: an interface-license (接口许可) order was paid.
type LicensePaySuccess struct {
	ServiceCorpID string `xml:"ServiceCorpId"`
	OrderID       string `xml:"OrderId"`
	BuyerUserID   string `xml:"BuyerUserId"`
}

// Kind implements [Payload].
func (LicensePaySuccess) Kind() Kind { return infoKind(InfoLicensePaySuccess) }

// LicenseRefund: an interface-license order was refunded.
type LicenseRefund struct {
	ServiceCorpID string `xml:"ServiceCorpId"`
	OrderID       string `xml:"OrderId"`
	OrderStatus   int    `xml:"OrderStatus"`
}

// Kind implements [Payload].
func (LicenseRefund) Kind() Kind { return infoKind(InfoLicenseRefund) }

// AutoActivate: interface licenses were activated automatically.
type AutoActivate struct {
	ServiceCorpID string             `xml:"ServiceCorpId"`
	Scene         int                `xml:"Scene"`
	AccountList   []ActivatedAccount `xml:"AccountList"`
}

// Kind implements [Payload].
func (AutoActivate) Kind() Kind { return infoKind(InfoAutoActivate) }

// ActivatedAccount is one license account of AutoActivate.
type ActivatedAccount struct {
	ActiveCode string `xml:"ActiveCode"`
	// Type is 1 for a basic account, 2 for an interworking account.
	Type       int    `xml:"Type"`
	ExpireTime int64  `xml:"ExpireTime"`
	UserID     string `xml:"UserId"`
	// PreviousStatus is 1 not activated, 2 active (≤ 7 days left),
	// 3 expired.
	PreviousStatus     int    `xml:"PreviousStatus"`
	PreviousActiveCode string `xml:"PreviousActiveCode"`
}

// SuiteUnlicensedNotify: a member without an interface license opened the
// app (instruction callback form; the agent is in the header's AgentID).
type SuiteUnlicensedNotify struct {
	ServiceCorpID string `xml:"ServiceCorpId"`
}

// Kind implements [Payload].
func (SuiteUnlicensedNotify) Kind() Kind { return infoKind(InfoUnlicensedNotify) }
