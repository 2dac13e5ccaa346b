package work

// ExternalContactType says where a customer's account lives.
type ExternalContactType int

// Kinds of customer accounts.
const (
	ExternalContactWechat ExternalContactType = 1 // a WeChat (微信) user
	ExternalContactWeCom  ExternalContactType = 2 // a WeCom (企业微信) user
)

// ExternalContactGender is a customer's gender as WeCom reports it.
type ExternalContactGender int

// Genders of customers.
const (
	ExternalContactGenderUnknown ExternalContactGender = 0
	ExternalContactGenderMale    ExternalContactGender = 1
	ExternalContactGenderFemale  ExternalContactGender = 2
)

// ExternalContact is a customer (外部联系人) as externalcontact/get and
// batch/get_by_user describe it.
type ExternalContact struct {
	ExternalUserID string                `json:"external_userid"`
	Name           string                `json:"name"`
	Position       string                `json:"position,omitempty"`
	Avatar         string                `json:"avatar,omitempty"`
	CorpName       string                `json:"corp_name,omitempty"`
	CorpFullName   string                `json:"corp_full_name,omitempty"`
	Type           ExternalContactType   `json:"type"`
	Gender         ExternalContactGender `json:"gender"`
	// UnionID is set for WeChat users when the corp is bound to an Open
	// Platform account.
	UnionID string `json:"unionid,omitempty"`
	// ForeignKey is the customer's id in the corp's own system, set for
	// customers who came through a linked source (外部联系人的外键).
	ForeignKey string `json:"foreign_key,omitempty"`
	// IsSubscribe reports whether the customer follows the corp's
	// notification channel (for example a school's 家校通知); 1 yes, 0 no.
	IsSubscribe int `json:"is_subscribe,omitempty"`
	// SubscriberInfo is what the corp noted about a subscribed customer.
	SubscriberInfo *SubscriberInfo `json:"subscriber_info,omitempty"`
	// ExternalProfile is the public profile of a WeCom user.
	ExternalProfile *ExternalContactProfile `json:"external_profile,omitempty"`
}

// SubscriberInfo is the corp's record of a subscribed customer: its corp
// tags, the phone numbers and the remark noted for it.
type SubscriberInfo struct {
	TagIDs        []string `json:"tag_id,omitempty"`
	RemarkMobiles []string `json:"remark_mobiles,omitempty"`
	Remark        string   `json:"remark,omitempty"`
}

// ExternalContactProfile is the public profile of a customer who is a WeCom
// user.
type ExternalContactProfile struct {
	ExternalAttrs []ExternalContactAttr `json:"external_attr"`
}

// ExternalContactAttrType says which field of an ExternalContactAttr is set.
type ExternalContactAttrType int

// Kinds of profile attributes.
const (
	ExternalContactAttrTypeText        ExternalContactAttrType = 0
	ExternalContactAttrTypeWeb         ExternalContactAttrType = 1
	ExternalContactAttrTypeMiniProgram ExternalContactAttrType = 2
)

// ExternalContactAttr is one attribute of a customer's public profile.
type ExternalContactAttr struct {
	Type        ExternalContactAttrType         `json:"type"`
	Name        string                          `json:"name"`
	Text        *ExternalContactAttrValue       `json:"text,omitempty"`
	Web         *ExternalContactAttrWeb         `json:"web,omitempty"`
	MiniProgram *ExternalContactAttrMiniProgram `json:"miniprogram,omitempty"`
}

// ExternalContactAttrValue is a text attribute.
type ExternalContactAttrValue struct {
	Value string `json:"value"`
}

// ExternalContactAttrWeb is a web-page attribute.
type ExternalContactAttrWeb struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

// ExternalContactAttrMiniProgram is a mini-program attribute.
type ExternalContactAttrMiniProgram struct {
	AppID    string `json:"appid"`
	PagePath string `json:"pagepath"`
	Title    string `json:"title"`
}

// AddWay says how a member added a customer.
type AddWay int

// Ways a customer can be added (add_way).
const (
	AddWayUnknown             AddWay = 0   // unknown source
	AddWayQRCode              AddWay = 1   // scanned a QR code
	AddWayMobileSearch        AddWay = 2   // searched a mobile number
	AddWayCardShare           AddWay = 3   // a shared business card
	AddWayGroupChat           AddWay = 4   // from a group chat
	AddWayPhoneBook           AddWay = 5   // from the phone's address book
	AddWayWechatContact       AddWay = 6   // from WeChat contacts
	AddWayWechatFriendRequest AddWay = 7   // a WeChat friend request
	AddWayThirdPartyService   AddWay = 8   // customer-service staff added by a third-party app
	AddWayEmailSearch         AddWay = 9   // searched an email address
	AddWayWechatChannels      AddWay = 10  // from a WeChat Channels (视频号) page
	AddWayInternalShare       AddWay = 201 // shared by an internal member
	AddWayAdminAssign         AddWay = 202 // assigned by an administrator or owner
)

// FollowUserTagType says whether a tag is the corp's or the member's own.
type FollowUserTagType int

// Kinds of tags on a follow-up record.
const (
	FollowUserTagCorp     FollowUserTagType = 1 // corp tag (企业标签)
	FollowUserTagPersonal FollowUserTagType = 2 // the member's personal tag
)

// FollowUserTag is a tag a member put on a customer.
type FollowUserTag struct {
	GroupName string            `json:"group_name,omitempty"`
	TagName   string            `json:"tag_name"`
	TagID     string            `json:"tag_id,omitempty"` // corp tags only
	Type      FollowUserTagType `json:"type"`
}

// FollowUserChannels is the WeChat Channels account a customer came from
// (add_way AddWayWechatChannels).
type FollowUserChannels struct {
	Nickname string `json:"nickname"`
	Source   int    `json:"source"`
}

// FollowUser is a member's follow-up record of a customer, as
// externalcontact/get gives it.
type FollowUser struct {
	UserID         string              `json:"userid"`
	Remark         string              `json:"remark,omitempty"`
	Description    string              `json:"description,omitempty"`
	CreateTime     int64               `json:"createtime"`
	Tags           []FollowUserTag     `json:"tags,omitempty"`
	RemarkCorpName string              `json:"remark_corp_name,omitempty"`
	RemarkMobiles  []string            `json:"remark_mobiles,omitempty"`
	OperUserID     string              `json:"oper_userid,omitempty"`
	AddWay         AddWay              `json:"add_way"`
	State          string              `json:"state,omitempty"`
	WechatChannels *FollowUserChannels `json:"wechat_channels,omitempty"`
}

// FollowInfo is a member's follow-up record of a customer, as
// batch/get_by_user gives it: like FollowUser, but with corp tag ids only.
type FollowInfo struct {
	UserID         string              `json:"userid"`
	Remark         string              `json:"remark,omitempty"`
	Description    string              `json:"description,omitempty"`
	CreateTime     int64               `json:"createtime"`
	TagIDs         []string            `json:"tag_id,omitempty"`
	RemarkCorpName string              `json:"remark_corp_name,omitempty"`
	RemarkMobiles  []string            `json:"remark_mobiles,omitempty"`
	OperUserID     string              `json:"oper_userid,omitempty"`
	AddWay         AddWay              `json:"add_way"`
	State          string              `json:"state,omitempty"`
	WechatChannels *FollowUserChannels `json:"wechat_channels,omitempty"`
}
