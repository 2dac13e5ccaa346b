package work

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// UserService wraps the API of members (成员).
type UserService service

// User is a member of the corp, as sent to user/create and returned by
// user/get and user/list. Empty fields are not sent; to change some fields of
// an existing member without touching the others use [UserUpdate].
//
// Since 2022 WeCom no longer returns sensitive fields (mobile, email, avatar,
// gender, address...) to apps created after that date; they come back empty.
type User struct {
	// UserID is the member's account: 1–64 bytes of letters, digits and
	// _-@. ; unique in the corp, case-insensitively.
	UserID string `json:"userid"`
	// Name is the display name, 1–64 characters.
	Name  string `json:"name,omitempty"`
	Alias string `json:"alias,omitempty"`
	// Mobile is required on create unless Email or BizMail is set.
	Mobile string `json:"mobile,omitempty"`
	// Department lists the member's departments (at most 100).
	Department []int64 `json:"department,omitempty"`
	// Order is the member's rank in each of Department, aligned with it;
	// bigger comes first.
	Order    []int64    `json:"order,omitempty"`
	Position string     `json:"position,omitempty"`
	Gender   UserGender `json:"gender,omitempty"`
	Email    string     `json:"email,omitempty"`
	// BizMail is the corp mailbox (企业邮箱) address.
	BizMail string `json:"biz_mail,omitempty"`
	// BizMailAlias lists aliases of the corp mailbox (at most 5).
	BizMailAlias *UserBizMailAlias `json:"biz_mail_alias,omitempty"`
	// IsLeaderInDept says, for each of Department, whether the member
	// leads it (1) or not (0).
	IsLeaderInDept []int `json:"is_leader_in_dept,omitempty"`
	// DirectLeader lists the userids of the member's direct leaders (at
	// most 5).
	DirectLeader []string `json:"direct_leader,omitempty"`
	// Enable says whether the account is enabled (sent as 1/0). nil on
	// create means enabled.
	Enable *bool `json:"enable,omitempty"`
	// AvatarMediaID sets the avatar from an uploaded image (create and
	// update only).
	AvatarMediaID  string `json:"avatar_mediaid,omitempty"`
	Telephone      string `json:"telephone,omitempty"`
	Address        string `json:"address,omitempty"`
	MainDepartment int64  `json:"main_department,omitempty"`
	// ExtAttr holds the custom fields configured in the admin console.
	ExtAttr *UserExtAttr `json:"extattr,omitempty"`
	// ToInvite says whether WeCom invites the new member (create only;
	// nil means WeCom's default, true).
	ToInvite         *bool                `json:"to_invite,omitempty"`
	ExternalPosition string               `json:"external_position,omitempty"`
	ExternalProfile  *UserExternalProfile `json:"external_profile,omitempty"`

	// The fields below are only returned by WeCom; they are ignored on
	// create.

	Avatar      string `json:"avatar,omitempty"`
	ThumbAvatar string `json:"thumb_avatar,omitempty"`
	// QRCode is the URL of the member's personal QR code.
	QRCode string `json:"qr_code,omitempty"`
	// OpenUserID is returned to third-party apps.
	OpenUserID string     `json:"open_userid,omitempty"`
	Status     UserStatus `json:"status,omitempty"`
	HideMobile int        `json:"hide_mobile,omitempty"`
	// EnglishName is a legacy field.
	EnglishName string `json:"english_name,omitempty"`
}

// userJSON is User without its JSON methods.
type userJSON User

// MarshalJSON encodes Enable as WeCom's 1/0.
func (u User) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		userJSON
		Enable *oneZero `json:"enable,omitempty"`
	}{userJSON(u), (*oneZero)(u.Enable)})
}

// UnmarshalJSON decodes Enable from 1/0 (number or string), and the rest
// leniently (decodeLenient). A well-formed member is decoded in one pass.
func (u *User) UnmarshalJSON(b []byte) error {
	w := userWirePool.Get().(*userWire)
	err := u.decode(b, w)
	*w = userWire{} // keep nothing of the member alive
	userWirePool.Put(w)
	return err
}

// userWirePool holds userWire values for User.UnmarshalJSON, which only
// needs one while it decodes.
var userWirePool = sync.Pool{New: func() any { return new(userWire) }}

// userWire is a member as WeCom sends it: User's fields under the same
// keys, with Enable as WeCom's 1/0. It is flat, without User's methods and
// without an embedded struct, through which encoding/json would decode
// each field at a cost (TestUserWireMatchesUser keeps it in step with
// User).
type userWire struct {
	UserID           string               `json:"userid"`
	Name             string               `json:"name"`
	Alias            string               `json:"alias"`
	Mobile           string               `json:"mobile"`
	Department       []int64              `json:"department"`
	Order            []int64              `json:"order"`
	Position         string               `json:"position"`
	Gender           UserGender           `json:"gender"`
	Email            string               `json:"email"`
	BizMail          string               `json:"biz_mail"`
	BizMailAlias     *UserBizMailAlias    `json:"biz_mail_alias"`
	IsLeaderInDept   []int                `json:"is_leader_in_dept"`
	DirectLeader     []string             `json:"direct_leader"`
	Enable           *oneZero             `json:"enable"`
	AvatarMediaID    string               `json:"avatar_mediaid"`
	Telephone        string               `json:"telephone"`
	Address          string               `json:"address"`
	MainDepartment   int64                `json:"main_department"`
	ExtAttr          *UserExtAttr         `json:"extattr"`
	ToInvite         *bool                `json:"to_invite"`
	ExternalPosition string               `json:"external_position"`
	ExternalProfile  *UserExternalProfile `json:"external_profile"`
	Avatar           string               `json:"avatar"`
	ThumbAvatar      string               `json:"thumb_avatar"`
	QRCode           string               `json:"qr_code"`
	OpenUserID       string               `json:"open_userid"`
	Status           UserStatus           `json:"status"`
	HideMobile       int                  `json:"hide_mobile"`
	EnglishName      string               `json:"english_name"`
}

// user returns the member w holds.
func (w *userWire) user() User {
	return User{
		UserID:           w.UserID,
		Name:             w.Name,
		Alias:            w.Alias,
		Mobile:           w.Mobile,
		Department:       w.Department,
		Order:            w.Order,
		Position:         w.Position,
		Gender:           w.Gender,
		Email:            w.Email,
		BizMail:          w.BizMail,
		BizMailAlias:     w.BizMailAlias,
		IsLeaderInDept:   w.IsLeaderInDept,
		DirectLeader:     w.DirectLeader,
		Enable:           (*bool)(w.Enable),
		AvatarMediaID:    w.AvatarMediaID,
		Telephone:        w.Telephone,
		Address:          w.Address,
		MainDepartment:   w.MainDepartment,
		ExtAttr:          w.ExtAttr,
		ToInvite:         w.ToInvite,
		ExternalPosition: w.ExternalPosition,
		ExternalProfile:  w.ExternalProfile,
		Avatar:           w.Avatar,
		ThumbAvatar:      w.ThumbAvatar,
		QRCode:           w.QRCode,
		OpenUserID:       w.OpenUserID,
		Status:           w.Status,
		HideMobile:       w.HideMobile,
		EnglishName:      w.EnglishName,
	}
}

// decode decodes the member b into u, with w as the scratch space: in one
// pass when b is well formed, else again leniently (decodeLenient).
func (u *User) decode(b []byte, w *userWire) error {
	*w = userWire{}
	err := json.Unmarshal(b, w)
	if err != nil {
		if err = decodeLenientAfter(b, w, err); err != nil {
			*u = User{}
			return err
		}
	}
	*u = w.user()
	return nil
}

func (*User) decodesLeniently() {}

// userAnswer is the destination of user/get's answer. User.UnmarshalJSON
// rejects invalid JSON itself, so the core can hand the answer over
// without a validity scan of its own (api.AnswerDecoder).
type userAnswer struct{ u *User }

// DecodeAnswer implements api.AnswerDecoder.
func (a userAnswer) DecodeAnswer(b []byte) error { return a.u.UnmarshalJSON(b) }

// UserUpdate changes some fields of a member (user/update). Only the fields
// that are set are sent, so the others stay unchanged:
//   - a nil pointer is not sent; a pointer to "" clears the field
//     (Go 1.26: Position: new("Engineer"));
//   - a nil slice is not sent; an empty non-nil slice clears the list
//     (DirectLeader: []string{}).
type UserUpdate struct {
	// UserID names the member to change.
	UserID string `json:"userid"`
	// NewUserID renames a member whose userid WeCom generated; allowed once.
	NewUserID        string               `json:"new_userid,omitempty"`
	Name             *string              `json:"name,omitempty"`
	Alias            *string              `json:"alias,omitempty"`
	Mobile           *string              `json:"mobile,omitempty"`
	Department       []int64              `json:"department,omitzero"`
	Order            []int64              `json:"order,omitzero"`
	Position         *string              `json:"position,omitempty"`
	Gender           *UserGender          `json:"gender,omitempty"`
	Email            *string              `json:"email,omitempty"`
	BizMail          *string              `json:"biz_mail,omitempty"`
	BizMailAlias     *UserBizMailAlias    `json:"biz_mail_alias,omitempty"`
	IsLeaderInDept   []int                `json:"is_leader_in_dept,omitzero"`
	DirectLeader     []string             `json:"direct_leader,omitzero"`
	Enable           *bool                `json:"enable,omitempty"` // sent as 1/0
	AvatarMediaID    *string              `json:"avatar_mediaid,omitempty"`
	Telephone        *string              `json:"telephone,omitempty"`
	Address          *string              `json:"address,omitempty"`
	MainDepartment   *int64               `json:"main_department,omitempty"`
	ExtAttr          *UserExtAttr         `json:"extattr,omitempty"`
	ExternalPosition *string              `json:"external_position,omitempty"`
	ExternalProfile  *UserExternalProfile `json:"external_profile,omitempty"`
}

// MarshalJSON encodes Enable as WeCom's 1/0.
func (u UserUpdate) MarshalJSON() ([]byte, error) {
	type plain UserUpdate
	return json.Marshal(struct {
		plain
		Enable *oneZero `json:"enable,omitempty"`
	}{plain(u), (*oneZero)(u.Enable)})
}

// UserBizMailAlias lists the aliases of a member's corp mailbox
// (biz_mail_alias); an empty non-nil Item clears them on update.
type UserBizMailAlias struct {
	Item []string `json:"item"`
}

// UserGender is a member's gender; a string on the wire.
type UserGender string

// Values of UserGender.
const (
	UserGenderUnknown UserGender = "0" // only in answers
	UserGenderMale    UserGender = "1"
	UserGenderFemale  UserGender = "2"
)

// UnmarshalJSON accepts the gender as a string or as a number.
func (g *UserGender) UnmarshalJSON(b []byte) error {
	if err := (*looseString)(g).UnmarshalJSON(b); err != nil {
		return fmt.Errorf("gender: %w", err)
	}
	return nil
}

// UserStatus is the state of a member's account.
type UserStatus int

// Values of UserStatus.
const (
	UserStatusActive    UserStatus = 1 // activated (已激活)
	UserStatusDisabled  UserStatus = 2 // disabled (已禁用)
	UserStatusNotActive UserStatus = 4 // not activated yet (未激活)
	UserStatusResigned  UserStatus = 5 // left the corp (退出企业)
)

// UnmarshalJSON accepts the status as a number or as a string.
func (s *UserStatus) UnmarshalJSON(b []byte) error {
	var n looseInt
	if err := n.UnmarshalJSON(b); err != nil {
		return fmt.Errorf("status: %w", err)
	}
	*s = UserStatus(n)
	return nil
}

// UserExtAttr holds a member's custom fields (extattr).
type UserExtAttr struct {
	Attrs []UserAttr `json:"attrs,omitzero"`
}

// UserExternalProfile is what external contacts see of a member
// (external_profile).
type UserExternalProfile struct {
	ExternalCorpName string              `json:"external_corp_name,omitempty"`
	WechatChannels   *UserWechatChannels `json:"wechat_channels,omitempty"`
	ExternalAttr     []UserAttr          `json:"external_attr,omitzero"`
}

// UserWechatChannels is the WeChat Channels (视频号) account shown on a
// member's external profile.
type UserWechatChannels struct {
	Nickname string `json:"nickname,omitempty"`
	// Status is returned only: 1 verified (已认证), 0 not.
	Status int `json:"status,omitempty"`
}

// UserAttrType says which of a UserAttr's values is set.
type UserAttrType int

// Values of UserAttrType.
const (
	UserAttrTypeText        UserAttrType = 0
	UserAttrTypeWeb         UserAttrType = 1
	UserAttrTypeMiniProgram UserAttrType = 2 // external_attr only
)

// UserAttr is one custom field: a text, a web link or a mini program.
type UserAttr struct {
	Type        UserAttrType         `json:"type"`
	Name        string               `json:"name"`
	Text        *UserAttrText        `json:"text,omitempty"`
	Web         *UserAttrWeb         `json:"web,omitempty"`
	MiniProgram *UserAttrMiniProgram `json:"miniprogram,omitempty"`
}

// UserAttrText is the value of a text field.
type UserAttrText struct {
	Value string `json:"value"`
}

// UserAttrWeb is the value of a web-link field.
type UserAttrWeb struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

// UserAttrMiniProgram is the value of a mini-program field.
type UserAttrMiniProgram struct {
	AppID    string `json:"appid"`
	PagePath string `json:"pagepath"`
	Title    string `json:"title"`
}

// SimpleUser is a member as user/simplelist returns it.
type SimpleUser struct {
	UserID     string  `json:"userid"`
	Name       string  `json:"name"`
	Department []int64 `json:"department"`
	// OpenUserID is returned to third-party apps.
	OpenUserID string `json:"open_userid,omitempty"`
}

// DeptUser is one (member, department) pair of user/list_id. A member of
// several departments appears once per department.
type DeptUser struct {
	UserID string `json:"userid"`
	// OpenUserID replaces UserID for third-party apps.
	OpenUserID string `json:"open_userid,omitempty"`
	Department int64  `json:"department"`
}

// UserIDPage is one page of user/list_id.
type UserIDPage struct {
	// NextCursor fetches the next page; "" when this is the last.
	NextCursor string     `json:"next_cursor"`
	DeptUser   []DeptUser `json:"dept_user"`
}

func (p *UserIDPage) page() ([]DeptUser, string) { return p.DeptUser, p.NextCursor }

// EmailType says which address GetUserIDByEmail looks up.
type EmailType int

// Values of EmailType.
const (
	EmailTypeCorp     EmailType = 1 // the corp mailbox (default)
	EmailTypePersonal EmailType = 2 // the personal email
)

// JoinQRCodeSize is the size of the join-the-corp QR code.
type JoinQRCodeSize int

// Values of JoinQRCodeSize.
const (
	JoinQRCode171px  JoinQRCodeSize = 1
	JoinQRCode399px  JoinQRCodeSize = 2
	JoinQRCode741px  JoinQRCodeSize = 3 // WeCom's default
	JoinQRCode2052px JoinQRCodeSize = 4
)

// UserIDMapping pairs a userid with its open_userid (the id third-party and
// customized apps see).
type UserIDMapping struct {
	UserID     string `json:"userid"`
	OpenUserID string `json:"open_userid"`
}

// OpenUserIDResult is the answer of UserIDToOpenUserID.
type OpenUserIDResult struct {
	OpenUserIDList []UserIDMapping `json:"open_userid_list"`
	// InvalidUserIDList lists the userids that could not be converted.
	InvalidUserIDList []string `json:"invalid_userid_list"`
}

// UserIDResult is the answer of OpenUserIDToUserID.
type UserIDResult struct {
	UserIDList []UserIDMapping `json:"userid_list"`
	// InvalidOpenUserIDList lists the open_userids that could not be
	// converted.
	InvalidOpenUserIDList []string `json:"invalid_open_userid_list"`
}

// Create adds a member (user/create).
func (s *UserService) Create(ctx context.Context, u *User) error {
	if u == nil {
		return fmt.Errorf("%w: user/create: nil user", ErrNilRequest)
	}
	return (*service)(s).post(ctx, "/cgi-bin/user/create", u, nil, api.Unsafe)
}

// Get returns a member (user/get).
func (s *UserService) Get(ctx context.Context, userID string) (*User, error) {
	u := new(User)
	if err := (*service)(s).get(ctx, "/cgi-bin/user/get", url.Values{"userid": {userID}}, userAnswer{u}); err != nil {
		return nil, err
	}
	return u, nil
}

// Update changes the fields of a member that u sets (user/update).
func (s *UserService) Update(ctx context.Context, u *UserUpdate) error {
	if u == nil {
		return fmt.Errorf("%w: user/update: nil update", ErrNilRequest)
	}
	return (*service)(s).post(ctx, "/cgi-bin/user/update", u, nil, api.Idempotent)
}

// Delete removes a member (user/delete).
func (s *UserService) Delete(ctx context.Context, userID string) error {
	return (*service)(s).getUnsafe(ctx, "/cgi-bin/user/delete", url.Values{"userid": {userID}}, nil)
}

// BatchDelete removes up to 200 members at once (user/batchdelete). If one
// userid is invalid, WeCom deletes none.
func (s *UserService) BatchDelete(ctx context.Context, userIDs []string) error {
	in := struct {
		UserIDList []string `json:"useridlist"`
	}{userIDs}
	return (*service)(s).post(ctx, "/cgi-bin/user/batchdelete", in, nil, api.Unsafe)
}

// UserListRequest names the department whose members SimpleList and
// List return.
type UserListRequest struct {
	// DepartmentID is the department.
	DepartmentID int64
	// FetchChild adds the members of its sub-departments, at any depth.
	FetchChild bool
}

func (r UserListRequest) query() url.Values {
	child := "0"
	if r.FetchChild {
		child = "1"
	}
	return url.Values{"department_id": {strconv.FormatInt(r.DepartmentID, 10)}, "fetch_child": {child}}
}

// SimpleList returns the members of a department, with their ids, names
// and departments (user/simplelist).
func (s *UserService) SimpleList(ctx context.Context, req UserListRequest) ([]SimpleUser, error) {
	var out struct {
		UserList []SimpleUser `json:"userlist"`
	}
	if err := (*service)(s).get(ctx, "/cgi-bin/user/simplelist", req.query(), lenient(&out)); err != nil {
		return nil, err
	}
	return out.UserList, nil
}

// List returns the members of a department in detail (user/list). Large
// corps should prefer ListIDs.
func (s *UserService) List(ctx context.Context, req UserListRequest) ([]User, error) {
	var out struct {
		UserList []userWire `json:"userlist"`
	}
	if err := (*service)(s).get(ctx, "/cgi-bin/user/list", req.query(), lenient(&out)); err != nil {
		return nil, err
	}
	if out.UserList == nil {
		return nil, nil
	}
	users := make([]User, len(out.UserList))
	for i := range out.UserList {
		users[i] = out.UserList[i].user()
	}
	return users, nil
}

// UserIDListRequest asks for pages of user/list_id.
type UserIDListRequest struct {
	// Cursor is the page to fetch: "" for the first, then the previous
	// page's NextCursor. For AllIDs, where to start.
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size, 1–10000; 0 lets WeCom choose.
	Limit int `json:"limit,omitempty"`
}

// ListIDs returns one page of the userids of the corp with their
// departments (user/list_id).
func (s *UserService) ListIDs(ctx context.Context, req UserIDListRequest) (*UserIDPage, error) {
	return postAs[UserIDPage](ctx, (*service)(s), "/cgi-bin/user/list_id", req, api.Idempotent)
}

// AllIDs iterates over every (member, department) pair of the corp from
// req.Cursor on, fetching pages of req.Limit entries with ListIDs as the
// loop goes. A member of several departments is yielded once per
// department. The loop ends after the first error, which is yielded.
func (s *UserService) AllIDs(ctx context.Context, req UserIDListRequest) iter.Seq2[DeptUser, error] {
	first := req.Cursor
	return walkPages[DeptUser](ctx, func(ctx context.Context, cursor string) (*UserIDPage, error) {
		r := req
		r.Cursor = cursor
		if cursor == "" {
			r.Cursor = first
		}
		return s.ListIDs(ctx, r)
	})
}

// ConvertToOpenID returns the WeChat Pay openid of a member
// (user/convert_to_openid).
func (s *UserService) ConvertToOpenID(ctx context.Context, userID string) (string, error) {
	in := struct {
		UserID string `json:"userid"`
	}{userID}
	var out struct {
		OpenID string `json:"openid"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/user/convert_to_openid", in, lenient(&out), api.Idempotent); err != nil {
		return "", err
	}
	return out.OpenID, nil
}

// ConvertToUserID returns the member behind a WeChat Pay openid
// (user/convert_to_userid).
func (s *UserService) ConvertToUserID(ctx context.Context, openID string) (string, error) {
	in := struct {
		OpenID string `json:"openid"`
	}{openID}
	var out struct {
		UserID string `json:"userid"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/user/convert_to_userid", in, lenient(&out), api.Idempotent); err != nil {
		return "", err
	}
	return out.UserID, nil
}

// GetUserIDByMobile returns the userid of the member with a mobile number
// (user/getuserid). An unknown or invisible number is errcode 46004. Too
// many wrong numbers get the corp blocked for a day.
func (s *UserService) GetUserIDByMobile(ctx context.Context, mobile string) (string, error) {
	in := struct {
		Mobile string `json:"mobile"`
	}{mobile}
	var out struct {
		UserID string `json:"userid"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/user/getuserid", in, lenient(&out), api.Idempotent); err != nil {
		return "", err
	}
	return out.UserID, nil
}

// UserIDByEmailRequest asks for the member with an email address.
type UserIDByEmailRequest struct {
	Email string `json:"email"`
	// Type says which address Email is; 0 lets WeCom use its default,
	// EmailTypeCorp.
	Type EmailType `json:"email_type,omitempty"`
}

// GetUserIDByEmail returns the userid of the member with an email address
// (user/get_userid_by_email).
func (s *UserService) GetUserIDByEmail(ctx context.Context, req UserIDByEmailRequest) (string, error) {
	in := req
	var out struct {
		UserID string `json:"userid"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/user/get_userid_by_email", in, lenient(&out), api.Idempotent); err != nil {
		return "", err
	}
	return out.UserID, nil
}

// ActiveStat returns how many members used WeCom on a day
// (user/get_active_stat). The day is date's calendar date in date's own
// location; WeCom counts days in China time (Asia/Shanghai).
func (s *UserService) ActiveStat(ctx context.Context, date time.Time) (int, error) {
	if date.IsZero() {
		return 0, errors.New("wecom: user/get_active_stat: zero date")
	}
	in := struct {
		Date string `json:"date"`
	}{date.Format(time.DateOnly)}
	var out struct {
		ActiveCnt int `json:"active_cnt"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/user/get_active_stat", in, lenient(&out), api.Idempotent); err != nil {
		return 0, err
	}
	return out.ActiveCnt, nil
}

// JoinQRCode returns the URL of the QR code that invites people to join the
// corp, valid for 7 days (corp/get_join_qrcode). size 0 lets WeCom choose
// (741 px).
func (s *UserService) JoinQRCode(ctx context.Context, size JoinQRCodeSize) (string, error) {
	var q url.Values
	if size != 0 {
		q = url.Values{"size_type": {strconv.Itoa(int(size))}}
	}
	var out struct {
		JoinQRCode string `json:"join_qrcode"`
	}
	if err := (*service)(s).get(ctx, "/cgi-bin/corp/get_join_qrcode", q, lenient(&out)); err != nil {
		return "", err
	}
	return out.JoinQRCode, nil
}

// AuthSucc tells WeCom that a member passed the corp's own second-factor
// check, which completes their joining (user/authsucc).
func (s *UserService) AuthSucc(ctx context.Context, userID string) error {
	return (*service)(s).getUnsafe(ctx, "/cgi-bin/user/authsucc", url.Values{"userid": {userID}}, nil)
}

// UserIDToOpenUserID converts up to 1000 userids to the open_userids a
// third-party or customized app sees (batch/userid_to_openuserid; called
// with an authorized corp's token).
func (s *UserService) UserIDToOpenUserID(ctx context.Context, userIDs []string) (*OpenUserIDResult, error) {
	in := struct {
		UserIDList []string `json:"userid_list"`
	}{userIDs}
	return postAs[OpenUserIDResult](ctx, (*service)(s), "/cgi-bin/batch/userid_to_openuserid", in, api.Idempotent)
}

// OpenUserIDToUserID converts up to 1000 open_userids, produced by the
// third-party or customized app sourceAgentID, to userids
// (batch/openuserid_to_userid; called by a self-built app).
func (s *UserService) OpenUserIDToUserID(ctx context.Context, openUserIDs []string, sourceAgentID int64) (*UserIDResult, error) {
	in := struct {
		OpenUserIDList []string `json:"open_userid_list"`
		SourceAgentID  int64    `json:"source_agentid"`
	}{openUserIDs, sourceAgentID}
	return postAs[UserIDResult](ctx, (*service)(s), "/cgi-bin/batch/openuserid_to_userid", in, api.Idempotent)
}
