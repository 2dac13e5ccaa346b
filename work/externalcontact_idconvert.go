package work

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the customer id conversions.
const (
	pathUnionIDToExternalUserID = "/cgi-bin/externalcontact/unionid_to_external_userid"
	pathConvertToOpenID         = "/cgi-bin/externalcontact/convert_to_openid"
	pathGetNewExternalUserID    = "/cgi-bin/externalcontact/get_new_external_userid"
)

// UnionIDRequest names a WeChat user by the unionid and openid of one of
// the corp's mini programs or official accounts.
type UnionIDRequest struct {
	UnionID string `json:"unionid"`
	OpenID  string `json:"openid"`
	// SubjectType names the subject the mini program or official account
	// belongs to; 0 (not sent) lets WeCom use its default.
	SubjectType int `json:"subject_type,omitempty"`
}

// UnionIDResult is the answer of unionid_to_external_userid.
type UnionIDResult struct {
	// ExternalUserID is set when the WeChat user is already a customer.
	ExternalUserID string `json:"external_userid,omitempty"`
	// PendingID identifies a user who is not a customer yet; it becomes
	// an external user id when the user is added.
	PendingID string `json:"pending_id,omitempty"`
}

// UnionIDToExternalUserID converts a WeChat user's unionid and openid into
// an external user id (unionid_to_external_userid, self-built and
// customized apps).
func (s *ExternalContactService) UnionIDToExternalUserID(ctx context.Context, req UnionIDRequest) (*UnionIDResult, error) {
	return postAs[UnionIDResult](ctx, (*service)(s), pathUnionIDToExternalUserID, req, api.Idempotent)
}

// ConvertToOpenID returns the openid of a customer who is a WeChat user
// (convert_to_openid).
func (s *ExternalContactService) ConvertToOpenID(ctx context.Context, externalUserID string) (string, error) {
	in := struct {
		ExternalUserID string `json:"external_userid"`
	}{externalUserID}
	var out struct {
		OpenID string `json:"openid"`
	}
	if err := (*service)(s).post(ctx, pathConvertToOpenID, in, lenient(&out), api.Idempotent); err != nil {
		return "", err
	}
	return out.OpenID, nil
}

// ExternalUserIDMapping pairs an old external user id with its new form
// after WeCom's id security upgrade.
type ExternalUserIDMapping struct {
	ExternalUserID    string `json:"external_userid"`
	NewExternalUserID string `json:"new_external_userid"`
}

// GetNewExternalUserID converts up to 1000 external user ids to their new
// form (get_new_external_userid, third-party and customized apps).
func (s *ExternalContactService) GetNewExternalUserID(ctx context.Context, externalUserIDs []string) ([]ExternalUserIDMapping, error) {
	in := struct {
		ExternalUserIDs []string `json:"external_userid_list"`
	}{externalUserIDs}
	var out struct {
		Items []ExternalUserIDMapping `json:"items"`
	}
	if err := (*service)(s).post(ctx, pathGetNewExternalUserID, in, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.Items, nil
}
