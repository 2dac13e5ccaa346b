package openwork

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
)

// fastRetry makes back-off retries immediate for tests of transient
// failures.
var fastRetry = wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond})

// get_pre_auth_code is a read: a transient failure is retried without the
// caller opting in, and with the suite token in the query.
func TestPreAuthCodeIsRetriedAsARead(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider"}, append(f.options(token.NewMemoryCache()), fastRetry)...)
	require.NoError(t, err)
	s, err := p.Suite(SuiteConfig{SuiteID: "wwsuite1", SuiteSecret: "SUITE-SECRET"})
	require.NoError(t, err)
	suiteTokenResponder(f, "SUITE-TOKEN-1")
	var tokens []string
	f.on(http.MethodGet, "/cgi-bin/service/get_pre_auth_code", func(q url.Values, _ map[string]any) any {
		tokens = append(tokens, q.Get("suite_access_token"))
		if len(tokens) == 1 {
			return map[string]any{"errcode": -1, "errmsg": "system busy"}
		}
		return map[string]any{"pre_auth_code": "PRE", "expires_in": 1200}
	})
	ctx := context.Background()
	require.NoError(t, s.SetTicket(ctx, "TICKET-1"))
	pre, err := s.PreAuthCode(ctx)
	require.NoError(t, err)
	assert.Equal(t, &PreAuthCode{Code: "PRE", ExpiresIn: 1200}, pre)
	assert.Equal(t, []string{"SUITE-TOKEN-1", "SUITE-TOKEN-1"}, tokens, "retried once with the same suite token")
}

// get_register_info answers the corp id at the top level (page 90582), not
// under a corp_info object.
func TestRegisterInfoWire(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider", ProviderSecret: "PROVIDER-SECRET"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	f.on(http.MethodPost, "/cgi-bin/service/get_provider_token", func(url.Values, map[string]any) any {
		return map[string]any{"provider_access_token": "PTOKEN", "expires_in": 7200}
	})
	f.on(http.MethodPost, "/cgi-bin/service/get_register_info", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "PTOKEN", q.Get("provider_access_token"))
		assert.Equal(t, map[string]any{"register_code": "RCODE"}, body)
		return map[string]any{
			"errcode": 0, "errmsg": "ok", "corpid": "wwnewcorp",
			"contact_sync":   map[string]any{"access_token": "SYNC-TOKEN", "expires_in": 1800},
			"auth_user_info": map[string]any{"userid": "admin"},
			"state":          "st", "template_id": "tpl1",
		}
	})
	info, err := p.RegisterInfo(context.Background(), "RCODE")
	require.NoError(t, err)
	want := &RegisterInfo{CorpID: "wwnewcorp", State: "st", TemplateID: "tpl1"}
	want.AuthUserInfo.UserID = "admin"
	want.ContactSync.AccessToken = "SYNC-TOKEN"
	want.ContactSync.ExpiresIn = 1800
	assert.Equal(t, want, info)
}

// get_customized_auth_url requires state (page 98744): it is sent even
// when empty.
func TestCustomizedAuthURLAlwaysSendsState(t *testing.T) {
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider", ProviderSecret: "PROVIDER-SECRET"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	f.on(http.MethodPost, "/cgi-bin/service/get_provider_token", func(url.Values, map[string]any) any {
		return map[string]any{"provider_access_token": "PTOKEN", "expires_in": 7200}
	})
	f.on(http.MethodPost, "/cgi-bin/service/get_customized_auth_url", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "PTOKEN", q.Get("provider_access_token"))
		assert.Equal(t, map[string]any{"state": "", "templateid_list": []any{"tpl1"}}, body)
		return map[string]any{"qrcode_url": "https://example.com/qr", "expires_in": 864000}
	})
	u, err := p.CustomizedAuthURL(context.Background(), "", "tpl1")
	require.NoError(t, err)
	assert.Equal(t, &CustomizedAuthURL{QRCodeURL: "https://example.com/qr", ExpiresIn: 864000}, u)
	assert.Equal(t, 1, f.count("/cgi-bin/service/get_customized_auth_url"))
}

// get_app_qrcode is asked for a URL (result_type 2), never for the PNG
// buffer that is its default answer (page 95430).
func TestAppQRCodeURLWire(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, token.NewMemoryCache(), false)
	suiteTokenResponder(f, "SUITE-TOKEN-1")
	f.on(http.MethodPost, "/cgi-bin/service/get_app_qrcode", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "SUITE-TOKEN-1", q.Get("suite_access_token"))
		assert.Equal(t, map[string]any{"suite_id": "wwsuite1", "state": "ch1", "style": float64(0), "result_type": float64(2)}, body)
		return map[string]any{"errcode": 0, "errmsg": "ok", "qrcode": "https://open.work.weixin.qq.com/qr/abc"}
	})
	ctx := context.Background()
	require.NoError(t, s.SetTicket(ctx, "TICKET-1"))
	qr, err := s.AppQRCodeURL(ctx, "ch1", QRCodeFramedPrint)
	require.NoError(t, err)
	assert.Equal(t, "https://open.work.weixin.qq.com/qr/abc", qr)
}

// auth_corp_info's numbers are read whether WeCom sends them as numbers,
// as strings or as "" for 0: one odd field never fails get_permanent_code.
func TestAuthCorpInfoDecodesNumbersLeniently(t *testing.T) {
	var a Authorization
	require.NoError(t, json.Unmarshal([]byte(`{"permanent_code":"P","auth_corp_info":{"corpid":"ww1",
		"corp_user_max":"50","corp_agent_max":"","verified_end_time":"1431775834","subject_type":"1","auth_type":1}}`), &a))
	assert.Equal(t, AuthCorpInfo{CorpID: "ww1", CorpUserMax: 50, VerifiedEndTime: 1431775834, SubjectType: 1, AuthType: 1}, a.AuthCorpInfo)
	require.Error(t, json.Unmarshal([]byte(`{"auth_corp_info":{"corp_user_max":"many"}}`), &a), "a value that is no number is still an error")
}
