package oauth_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/oauth"
)

const suiteToken = "SUITE-TOKEN-must-not-leak"

func newSuite(t *testing.T) (*oauth.SuiteClient, *httpmock.MockTransport, *staticToken) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	tok := &staticToken{tok: suiteToken}
	return mustSuite(t, oauth.SuiteConfig{SuiteID: "wwsuite1"}, tok, testOptions(mt)...), mt, tok
}

func TestSuiteUserFromCode(t *testing.T) {
	tests := []struct {
		name   string
		answer string
		want   oauth.SuiteIdentity
		member bool
	}{
		{
			name: "member",
			answer: `{"errcode":0,"errmsg":"ok","corpid":"wwinstalled","userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA",
				"user_ticket":"USER_TICKET","expires_in":7200,"open_userid":"wwOPEN"}`,
			want: oauth.SuiteIdentity{CorpID: "wwinstalled", UserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA",
				UserTicket: "USER_TICKET", ExpiresIn: 7200, OpenUserID: "wwOPEN"},
			member: true,
		},
		{
			name:   "non-member",
			answer: `{"errcode":0,"errmsg":"ok","openid":"OPENID"}`,
			want:   oauth.SuiteIdentity{OpenID: "OPENID"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, mt, _ := newSuite(t)
			rec := stub(mt, http.MethodGet, "/cgi-bin/service/auth/getuserinfo3rd", 200, tt.answer)
			id, err := s.UserFromCode(context.Background(), "CODE")
			require.NoError(t, err)
			assert.Equal(t, tt.want, *id)
			assert.Equal(t, tt.member, id.IsMember())
			assert.Equal(t, time.Duration(tt.want.ExpiresIn)*time.Second, id.UserTicketTTL())

			r, _ := rec.last(t)
			assert.Equal(t, http.MethodGet, r.Method)
			assert.Equal(t, suiteToken, r.URL.Query().Get("suite_access_token"))
			assert.False(t, r.URL.Query().Has("access_token"))
			assert.Equal(t, "CODE", r.URL.Query().Get("code"))
		})
	}
}

func TestSuiteUserFromCodeErrors(t *testing.T) {
	s, mt, tok := newSuite(t)
	rec := stub(mt, http.MethodGet, "/cgi-bin/service/auth/getuserinfo3rd", 200, `{"errcode":42003,"errmsg":"code expired"}`)
	_, err := s.UserFromCode(context.Background(), "CODE")
	requireAPIError(t, err, wecom.CodeOAuthCodeExpired, "/cgi-bin/service/auth/getuserinfo3rd")
	assert.Equal(t, 1, rec.count())

	stub(mt, http.MethodGet, "/cgi-bin/service/auth/getuserinfo3rd", 503, `busy`)
	_, err = s.UserFromCode(context.Background(), "CODE")
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)

	stub(mt, http.MethodGet, "/cgi-bin/service/auth/getuserinfo3rd", 200, `{"errcode":42009,"errmsg":"suite token expired"}`)
	_, err = s.UserFromCode(context.Background(), "CODE")
	requireAPIError(t, err, wecom.CodeSuiteTokenExpired, "/cgi-bin/service/auth/getuserinfo3rd")
	assert.Equal(t, int32(1), tok.invalidated.Load(), "a suite-token code invalidates the suite token")

	stub(mt, http.MethodGet, "/cgi-bin/service/auth/getuserinfo3rd", 200, `{"errcode":0}`)
	_, err = s.UserFromCode(context.Background(), "CODE")
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)

	_, err = s.UserFromCode(context.Background(), "")
	require.ErrorIs(t, err, oauth.ErrMissingCode)
	_, err = mustSuite(t, oauth.SuiteConfig{SuiteID: "wwsuite1"}, nil).UserFromCode(context.Background(), "CODE")
	require.ErrorIs(t, err, wecom.ErrConfig)
}

func TestSuiteUserDetail(t *testing.T) {
	s, mt, _ := newSuite(t)
	rec := stub(mt, http.MethodPost, "/cgi-bin/service/auth/getuserdetail3rd", 200, `{
		"errcode":0,"errmsg":"ok","corpid":"wwinstalled","userid":"lisi","name":"lisi","gender":"1",
		"avatar":"http://x/0","qr_code":"https://q","mobile":"1380","email":"a@b","biz_mail":"c@d","address":"Shenzhen"}`)
	d, err := s.UserDetail(context.Background(), "USER_TICKET")
	require.NoError(t, err)
	assert.Equal(t, oauth.SuiteUserDetail{
		CorpID: "wwinstalled", Name: "lisi",
		UserDetail: oauth.UserDetail{UserID: "lisi", Gender: oauth.GenderMale, Avatar: "http://x/0", QRCode: "https://q",
			Mobile: "1380", Email: "a@b", BizMail: "c@d", Address: "Shenzhen"},
	}, *d)
	r, body := rec.last(t)
	assert.Equal(t, suiteToken, r.URL.Query().Get("suite_access_token"))
	requireJSONBody(t, `{"user_ticket":"USER_TICKET"}`, body)

	stub(mt, http.MethodPost, "/cgi-bin/service/auth/getuserdetail3rd", 200, `{"errcode":84015,"errmsg":"invalid user ticket"}`)
	_, err = s.UserDetail(context.Background(), "USER_TICKET")
	requireAPIError(t, err, 84015, "/cgi-bin/service/auth/getuserdetail3rd")
	_, err = s.UserDetail(context.Background(), "")
	require.ErrorIs(t, err, oauth.ErrMissingUserTicket)
	_, err = mustSuite(t, oauth.SuiteConfig{SuiteID: "wwsuite1"}, nil).UserDetail(context.Background(), "T")
	require.ErrorIs(t, err, wecom.ErrConfig)
}

const providerToken = "PROVIDER-TOKEN-must-not-leak"

func TestProviderLoginInfo(t *testing.T) {
	mt := httpmock.NewMockTransport()
	tok := &staticToken{tok: providerToken}
	p := mustProvider(t, oauth.ProviderConfig{CorpID: "wwprovider"}, tok, testOptions(mt)...)
	rec := stub(mt, http.MethodPost, "/cgi-bin/service/get_login_info", 200, `{
		"errcode":0,"errmsg":"ok","usertype":4,
		"user_info":{"userid":"zhangsan","open_userid":"wwOPEN","name":"Zhang San","avatar":"http://a/0"},
		"corp_info":{"corpid":"wwinstalled"},
		"agent":[{"agentid":1,"auth_type":1},{"agentid":2,"auth_type":0}],
		"auth_info":{"department":[{"id":2,"writable":true},{"id":3,"writable":false}]}}`)

	info, err := p.LoginInfo(context.Background(), "AUTH_CODE")
	require.NoError(t, err)
	assert.Equal(t, oauth.LoginInfo{
		UserType: oauth.LoginUserSubAdmin,
		UserInfo: oauth.LoginUser{UserID: "zhangsan", OpenUserID: "wwOPEN", Name: "Zhang San", Avatar: "http://a/0"},
		CorpInfo: oauth.LoginCorp{CorpID: "wwinstalled"},
		Agents:   []oauth.LoginAgent{{AgentID: 1, AuthType: oauth.AgentAuthManage}, {AgentID: 2, AuthType: oauth.AgentAuthUse}},
		AuthInfo: oauth.LoginAuthInfo{Departments: []oauth.LoginDepartment{{ID: 2, Writable: true}, {ID: 3}}},
	}, *info)

	r, body := rec.last(t)
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, providerToken, r.URL.Query().Get("access_token"), "get_login_info names the provider token access_token")
	assert.False(t, r.URL.Query().Has("provider_access_token"))
	requireJSONBody(t, `{"auth_code":"AUTH_CODE"}`, body)
}

func TestProviderLoginInfoErrors(t *testing.T) {
	mt := httpmock.NewMockTransport()
	tok := &staticToken{tok: providerToken}
	p := mustProvider(t, oauth.ProviderConfig{CorpID: "wwprovider"}, tok, testOptions(mt)...)

	rec := stub(mt, http.MethodPost, "/cgi-bin/service/get_login_info", 200, `{"errcode":40078,"errmsg":"invalid auth code"}`)
	_, err := p.LoginInfo(context.Background(), "AUTH_CODE")
	requireAPIError(t, err, 40078, "/cgi-bin/service/get_login_info")
	assert.Equal(t, 1, rec.count())

	rec = stub(mt, http.MethodPost, "/cgi-bin/service/get_login_info", 502, `bad gateway`)
	_, err = p.LoginInfo(context.Background(), "AUTH_CODE")
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
	assert.Equal(t, 1, rec.count(), "a single-use auth code is not sent twice")

	stub(mt, http.MethodPost, "/cgi-bin/service/get_login_info", 200, `{"errcode":40014,"errmsg":"invalid token"}`)
	_, err = p.LoginInfo(context.Background(), "AUTH_CODE")
	requireAPIError(t, err, 40014, "/cgi-bin/service/get_login_info")
	assert.Equal(t, int32(1), tok.invalidated.Load())

	_, err = p.LoginInfo(context.Background(), "")
	require.ErrorIs(t, err, oauth.ErrMissingCode)
	_, err = mustProvider(t, oauth.ProviderConfig{CorpID: "wwprovider"}, nil).LoginInfo(context.Background(), "AUTH_CODE")
	require.ErrorIs(t, err, wecom.ErrConfig)
}
