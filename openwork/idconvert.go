package openwork

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/internal/redact"
)

// UpgradeChatIDsForNewCorps makes every corp that authorizes this
// customized-app template from now on see customer-group ids in the
// provider's form (idconvert/upgrade_chatid_for_new_corp, page 99601;
// GET with the suite_access_token). Corps already authorized are upgraded
// one by one with work's ExternalContact.ApplyToUpgradeChatIDs.
func (s *Suite) UpgradeChatIDsForNewCorps(ctx context.Context) error {
	return s.p.core.Do(ctx, s.auth, api.Request{Method: http.MethodGet, Path: "/cgi-bin/idconvert/upgrade_chatid_for_new_corp",
		Safety: api.Idempotent}, nil)
}

// ExternalUserIDInCorp is a customer's external user id in one corp.
type ExternalUserIDInCorp struct {
	CorpID         string `json:"corpid"`
	ExternalUserID string `json:"external_userid"`
}

// UnionIDRequest3rd is the body of
// service/externalcontact/unionid_to_external_userid_3rd: a WeChat user
// by unionid and openid, and optionally the one corp to look in.
type UnionIDRequest3rd struct {
	UnionID string `json:"unionid"`
	OpenID  string `json:"openid"`
	CorpID  string `json:"corpid,omitempty"`
}

// UnionIDToExternalUserID converts a WeChat user's unionid into the
// external user ids this suite sees, in every corp that authorized it where
// the user is a customer (service/externalcontact/unionid_to_external_userid_3rd,
// suite_access_token).
func (s *Suite) UnionIDToExternalUserID(ctx context.Context, req UnionIDRequest3rd) ([]ExternalUserIDInCorp, error) {
	var out struct {
		Info []ExternalUserIDInCorp `json:"external_userid_info"`
	}
	if err := s.post(ctx, "/cgi-bin/service/externalcontact/unionid_to_external_userid_3rd", req, loose(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.Info, nil
}

// FinishExternalUserIDMigration tells WeCom the provider has migrated a
// corp's external user ids to the new form, so that the corp's answers
// carry only new ids (service/externalcontact/finish_external_userid_migration,
// provider_access_token).
func (p *Provider) FinishExternalUserIDMigration(ctx context.Context, corpID string) error {
	return p.post(ctx, "/cgi-bin/service/externalcontact/finish_external_userid_migration", map[string]string{"corpid": corpID}, nil, api.Idempotent)
}

// MiniProgramSession is the answer of service/miniprogram/jscode2session.
// SessionKey is a credential: never log it.
type MiniProgramSession struct {
	CorpID     string `json:"corpid"`
	UserID     string `json:"userid"`
	SessionKey string `json:"session_key"`
	OpenUserID string `json:"open_userid,omitempty"`
}

// JSCode2Session exchanges the code of wx.qy.login in the suite's mini
// program for the member and a session key
// (service/miniprogram/jscode2session, GET with the suite_access_token).
func (s *Suite) JSCode2Session(ctx context.Context, jsCode string) (*MiniProgramSession, error) {
	var out MiniProgramSession
	err := s.p.core.Do(ctx, s.auth, api.Request{Method: http.MethodGet, Path: "/cgi-bin/service/miniprogram/jscode2session",
		Query: url.Values{"js_code": {jsCode}, "grant_type": {"authorization_code"}}, Safety: api.Idempotent}, loose(&out))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func (m MiniProgramSession) fields() *redact.Fields {
	return redact.Begin("openwork.MiniProgramSession").Str("CorpID", "corpid", m.CorpID).Str("UserID", "userid", m.UserID).
		Secret("SessionKey", "session_key", m.SessionKey).Str("OpenUserID", "open_userid", m.OpenUserID)
}

// String describes m without its session key.
func (m MiniProgramSession) String() string { return m.fields().String() }

// GoString is String, for %#v.
func (m MiniProgramSession) GoString() string { return m.String() }

// Format prints String for every verb, so that no verb prints the key.
func (m MiniProgramSession) Format(s fmt.State, _ rune) { redact.Format(s, m.String()) }

// LogValue describes m to log/slog without its session key.
func (m MiniProgramSession) LogValue() slog.Value { return m.fields().LogValue() }
