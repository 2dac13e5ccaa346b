package oauth_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/oauth"
)

func newClient(t *testing.T, extra ...wecom.Option) (*oauth.Client, *httpmock.MockTransport, *staticToken) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	tok := &staticToken{tok: testToken}
	return mustNew(t, oauth.Config{CorpID: testCorpID, AgentID: testAgentID}, tok, testOptions(mt, extra...)...), mt, tok
}

func TestUserFromCode(t *testing.T) {
	tests := []struct {
		name       string
		answer     string
		want       oauth.Identity
		member     bool
		linkedCorp string
		linkedUser string
	}{
		{
			name:   "member",
			answer: `{"errcode":0,"errmsg":"ok","userid":"zhangsan"}`,
			want:   oauth.Identity{UserID: "zhangsan"},
			member: true,
		},
		{
			name:   "member with user ticket",
			answer: `{"errcode":0,"errmsg":"ok","userid":"zhangsan","user_ticket":"USERTICKET"}`,
			want:   oauth.Identity{UserID: "zhangsan", UserTicket: "USERTICKET"},
			member: true,
		},
		{
			name:       "linked corp member",
			answer:     `{"errcode":0,"errmsg":"ok","userid":"wwlinked/lisi"}`,
			want:       oauth.Identity{UserID: "wwlinked/lisi"},
			member:     true,
			linkedCorp: "wwlinked",
			linkedUser: "lisi",
		},
		{
			name:   "non-member",
			answer: `{"errcode":0,"errmsg":"ok","openid":"OPENID"}`,
			want:   oauth.Identity{OpenID: "OPENID"},
		},
		{
			name:   "customer",
			answer: `{"errcode":0,"errmsg":"ok","openid":"OPENID","external_userid":"wmEXT"}`,
			want:   oauth.Identity{OpenID: "OPENID", ExternalUserID: "wmEXT"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt, _ := newClient(t)
			rec := stub(mt, http.MethodGet, "/cgi-bin/auth/getuserinfo", 200, tt.answer)

			id, err := c.UserFromCode(context.Background(), "CODE")
			require.NoError(t, err)
			assert.Equal(t, tt.want, *id)
			assert.Equal(t, tt.member, id.IsMember())
			corp, user, ok := id.LinkedCorpUser()
			assert.Equal(t, tt.linkedCorp != "", ok)
			assert.Equal(t, tt.linkedCorp, corp)
			assert.Equal(t, tt.linkedUser, user)

			r, body := rec.last(t)
			assert.Equal(t, http.MethodGet, r.Method)
			assert.Equal(t, "/cgi-bin/auth/getuserinfo", r.URL.Path)
			assert.Equal(t, testToken, r.URL.Query().Get("access_token"))
			assert.Equal(t, "CODE", r.URL.Query().Get("code"))
			assert.Empty(t, body)
		})
	}
}

func TestUserFromCodeErrors(t *testing.T) {
	for _, code := range []int{wecom.CodeOAuthCodeExpired, 40029, 42022, 50001} {
		c, mt, tok := newClient(t)
		rec := stub(mt, http.MethodGet, "/cgi-bin/auth/getuserinfo", 200, `{"errcode":`+strconv.Itoa(code)+`,"errmsg":"invalid code"}`)
		id, err := c.UserFromCode(context.Background(), "CODE")
		assert.Nil(t, id)
		requireAPIError(t, err, code, "/cgi-bin/auth/getuserinfo")
		assert.Equal(t, 1, rec.count(), "errcode %d: a code is single use, no repeat", code)
		assert.Zero(t, tok.invalidated.Load(), "a code error is not a token error")
	}
}

func TestUserFromCodeIsNeverRepeated(t *testing.T) {
	tests := []struct {
		name   string
		status int
		answer string
	}{
		{"server error", 500, `<html>oops</html>`},
		{"rate limited", 200, `{"errcode":45009,"errmsg":"api freq out of limit"}`},
		{"system busy", 200, `{"errcode":-1,"errmsg":"system busy"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt, _ := newClient(t)
			info := stub(mt, http.MethodGet, "/cgi-bin/auth/getuserinfo", tt.status, tt.answer)
			_, err := c.UserFromCode(context.Background(), "CODE")
			require.Error(t, err)
			assert.Equal(t, 1, info.count(), "the single-use code must not be sent twice")

			// The same failure on UserDetail (a read) is retried: the
			// harness would have seen a repeat.
			detail := stub(mt, http.MethodPost, "/cgi-bin/auth/getuserdetail", tt.status, tt.answer)
			_, err = c.UserDetail(context.Background(), "TICKET")
			require.Error(t, err)
			assert.Equal(t, 3, detail.count())
		})
	}
}

// A single-use code exchange is never repeated after a transient failure.
func TestCodeExchangesAreNotRepeated(t *testing.T) {
	ctx := context.Background()
	tok := &staticToken{tok: testToken}
	tests := []struct {
		method, path string
		call         func(opts []wecom.Option) error
	}{
		{http.MethodGet, "/cgi-bin/auth/getuserinfo", func(opts []wecom.Option) error {
			_, err := mustNew(t, oauth.Config{CorpID: testCorpID}, tok, opts...).UserFromCode(ctx, "CODE")
			return err
		}},
		{http.MethodGet, "/cgi-bin/service/auth/getuserinfo3rd", func(opts []wecom.Option) error {
			_, err := mustSuite(t, oauth.SuiteConfig{SuiteID: "wwsuite1"}, tok, opts...).UserFromCode(ctx, "CODE")
			return err
		}},
		{http.MethodPost, "/cgi-bin/service/get_login_info", func(opts []wecom.Option) error {
			_, err := mustProvider(t, oauth.ProviderConfig{CorpID: "wwprovider"}, tok, opts...).LoginInfo(ctx, "AUTH_CODE")
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			mt := httpmock.NewMockTransport()
			rec := stub(mt, tt.method, tt.path, 200, `{"errcode":-1,"errmsg":"system busy"}`)
			requireAPIError(t, tt.call(testOptions(mt)), -1, tt.path)
			assert.Equal(t, 1, rec.count(), "a single-use code is sent once")
		})
	}
}

func TestUserFromCodeRefreshesAnInvalidToken(t *testing.T) {
	c, mt, tok := newClient(t)
	calls := 0
	mt.RegisterResponder(http.MethodGet, apiBase+"/cgi-bin/auth/getuserinfo", func(*http.Request) (*http.Response, error) {
		calls++
		if calls == 1 {
			return httpmock.NewStringResponse(200, `{"errcode":42001,"errmsg":"access_token expired"}`), nil
		}
		return httpmock.NewStringResponse(200, `{"errcode":0,"userid":"zhangsan"}`), nil
	})
	id, err := c.UserFromCode(context.Background(), "CODE")
	require.NoError(t, err)
	assert.Equal(t, "zhangsan", id.UserID)
	assert.Equal(t, int32(1), tok.invalidated.Load())
}

func TestUserFromCodeLocalErrors(t *testing.T) {
	c, mt, _ := newClient(t)
	rec := stub(mt, http.MethodGet, "/cgi-bin/auth/getuserinfo", 200, `{"errcode":0,"errmsg":"ok"}`)

	_, err := c.UserFromCode(context.Background(), "")
	require.ErrorIs(t, err, oauth.ErrMissingCode)
	assert.Zero(t, rec.count())

	_, err = c.UserFromCode(context.Background(), "CODE")
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse, "an answer with no identity")

	urlOnly := mustNew(t, oauth.Config{CorpID: testCorpID}, nil)
	_, err = urlOnly.UserFromCode(context.Background(), "CODE")
	require.ErrorIs(t, err, wecom.ErrConfig)
	_, err = urlOnly.UserDetail(context.Background(), "T")
	require.ErrorIs(t, err, wecom.ErrConfig)
}

func TestUserDetail(t *testing.T) {
	c, mt, _ := newClient(t)
	rec := stub(mt, http.MethodPost, "/cgi-bin/auth/getuserdetail", 200, `{
		"errcode":0,"errmsg":"ok","userid":"lisi","gender":"2","avatar":"http://wx.qlogo.cn/a/0",
		"qr_code":"https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx","mobile":"13800000000",
		"email":"lisi@example.com","biz_mail":"lisi@corp.example","address":"Guangzhou"}`)

	d, err := c.UserDetail(context.Background(), "USERTICKET")
	require.NoError(t, err)
	assert.Equal(t, oauth.UserDetail{
		UserID: "lisi", Gender: oauth.GenderFemale, Avatar: "http://wx.qlogo.cn/a/0",
		QRCode: "https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx", Mobile: "13800000000",
		Email: "lisi@example.com", BizMail: "lisi@corp.example", Address: "Guangzhou",
	}, *d)

	r, body := rec.last(t)
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, testToken, r.URL.Query().Get("access_token"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	requireJSONBody(t, `{"user_ticket":"USERTICKET"}`, body)
}

func TestUserDetailErrors(t *testing.T) {
	c, mt, _ := newClient(t)
	rec := stub(mt, http.MethodPost, "/cgi-bin/auth/getuserdetail", 200, `{"errcode":84014,"errmsg":"user ticket expired"}`)
	_, err := c.UserDetail(context.Background(), "USERTICKET")
	requireAPIError(t, err, 84014, "/cgi-bin/auth/getuserdetail")

	_, err = c.UserDetail(context.Background(), "")
	require.ErrorIs(t, err, oauth.ErrMissingUserTicket)
	assert.Equal(t, 1, rec.count())

	stub(mt, http.MethodPost, "/cgi-bin/auth/getuserdetail", 200, `{"errcode":0,"userid":"a","gender":"x"}`)
	_, err = c.UserDetail(context.Background(), "USERTICKET")
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse, "an unreadable gender")
}

func TestGenderDecoding(t *testing.T) {
	tests := []struct {
		in      string
		want    oauth.Gender
		wantErr bool
	}{
		{`1`, oauth.GenderMale, false},
		{`"2"`, oauth.GenderFemale, false},
		{`"0"`, oauth.GenderUnknown, false},
		{`""`, oauth.GenderUnknown, false},
		{`null`, oauth.GenderUnknown, false},
		{`"male"`, 0, true},
	}
	for _, tt := range tests {
		g := oauth.Gender(9)
		err := g.UnmarshalJSON([]byte(tt.in))
		if tt.wantErr {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, g, tt.in)
	}
}

func TestLinkedCorpUser(t *testing.T) {
	for in, ok := range map[string]bool{"corp/user": true, "user": false, "/user": false, "corp/": false, "": false} {
		id := oauth.Identity{UserID: in}
		_, _, got := id.LinkedCorpUser()
		assert.Equal(t, ok, got, in)
	}
}

// Codes and tokens never reach a log line or an error string.
func TestExchangeLogsNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt, _ := newClient(t, wecom.WithLogger(logger))
	const code = "SECRET-CODE-123"
	stub(mt, http.MethodGet, "/cgi-bin/auth/getuserinfo", 200, `{"errcode":42003,"errmsg":"code expired"}`)
	_, err1 := c.UserFromCode(context.Background(), code)
	require.Error(t, err1)

	// A transport failure: net/http's error quotes the URL.
	mt.RegisterResponder(http.MethodGet, apiBase+"/cgi-bin/auth/getuserinfo", httpmock.NewErrorResponder(errBoom))
	_, err2 := c.UserFromCode(context.Background(), code)
	require.ErrorIs(t, err2, errBoom)

	require.NotEmpty(t, buf.String(), "the calls were logged")
	for _, s := range []string{buf.String(), err1.Error(), err2.Error()} {
		assert.NotContains(t, s, testToken)
		assert.NotContains(t, s, code)
	}
}
