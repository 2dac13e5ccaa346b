package oauth

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Errors for input rejected before any request is sent.
var (
	// ErrMissingCode is returned when the code (or auth_code) to exchange
	// is empty, as it is when the user declined to authorize.
	ErrMissingCode = errors.New("oauth: code is empty")
	// ErrMissingUserTicket is returned by UserDetail given no user_ticket.
	ErrMissingUserTicket = errors.New("oauth: user_ticket is empty")
)

// Identity is who a code belongs to (auth/getuserinfo). A member of the
// corp has a UserID; anyone else has an OpenID, and an ExternalUserID when
// they are a customer (客户) of a member the app can see.
type Identity struct {
	// UserID is the member's id. A member of a linked corp (互联企业) shows
	// as "CorpId/userid"; see LinkedCorpUser.
	UserID string `json:"userid,omitempty"`
	// UserTicket, present only with ScopePrivateInfo for a member in the
	// app's visibility, reads the member's sensitive fields through
	// UserDetail for 1800 seconds.
	UserTicket string `json:"user_ticket,omitempty"`
	// OpenID identifies a non-member.
	OpenID string `json:"openid,omitempty"`
	// ExternalUserID is the non-member's id as a customer, if they are one.
	ExternalUserID string `json:"external_userid,omitempty"`
}

// IsMember reports whether the identity is a member of the corp (or of a
// linked corp) rather than an outsider.
func (id *Identity) IsMember() bool { return id.UserID != "" }

// LinkedCorpUser splits the "CorpId/userid" form WeCom uses for a member of
// a linked corp. ok is false for a member of the app's own corp.
func (id *Identity) LinkedCorpUser() (corpID, userID string, ok bool) {
	return splitLinked(id.UserID)
}

func splitLinked(s string) (corpID, userID string, ok bool) {
	corpID, userID, ok = strings.Cut(s, "/")
	if !ok || corpID == "" || userID == "" {
		return "", "", false
	}
	return corpID, userID, true
}

// Gender is a member's gender as WeCom reports it. Outside a
// snsapi_privateinfo consent it is GenderUnknown.
type Gender int

// Genders.
const (
	GenderUnknown Gender = 0
	GenderMale    Gender = 1
	GenderFemale  Gender = 2
)

// UnmarshalJSON accepts a number or a string holding one: WeCom sends
// "gender":"1" here and "gender":1 elsewhere.
func (g *Gender) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	if s == "" || s == "null" {
		*g = GenderUnknown
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("oauth: gender %q is not a number", s)
	}
	*g = Gender(n)
	return nil
}

// UserDetail is what a member consented to share (auth/getuserdetail).
// Fields the member did not share are empty.
type UserDetail struct {
	// UserID is the member's id.
	UserID string `json:"userid"`
	// Gender is GenderUnknown unless the member shared it.
	Gender Gender `json:"gender"`
	// Avatar is the URL of the member's picture.
	Avatar string `json:"avatar,omitempty"`
	// QRCode is the URL of the member's personal QR code.
	QRCode string `json:"qr_code,omitempty"`
	// Mobile is the member's mobile number.
	Mobile string `json:"mobile,omitempty"`
	// Email is the member's e-mail address.
	Email string `json:"email,omitempty"`
	// BizMail is the member's corporate mailbox (企业邮箱).
	BizMail string `json:"biz_mail,omitempty"`
	// Address is the member's address.
	Address string `json:"address,omitempty"`
}
