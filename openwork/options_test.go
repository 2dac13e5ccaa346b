package openwork

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/jssdk"
	"github.com/wecomkit/wecom/token"
)

// lockedBuffer is a bytes.Buffer safe for a logger's concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Len()
}

// One wecom.WithLogger and one wecom.WithHTTPClient given to openwork.New
// reach every client the provider makes: Provider.Login, Suite.OAuth, the
// corp clients of Suite.Corp (and their JSSDK), and the callback servers.
func TestProviderOptionsReachEveryClient(t *testing.T) {
	f := newFake(t)
	var logs lockedBuffer
	opts := append(f.options(token.NewMemoryCache()), wecom.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	p, err := New(Config{CorpID: "wwprovider", ProviderSecret: "PROVIDER-SECRET"}, opts...)
	require.NoError(t, err)
	s, err := p.Suite(SuiteConfig{SuiteID: "wwsuite1", SuiteSecret: "SUITE-SECRET",
		Token: "tok", EncodingAESKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"})
	require.NoError(t, err)
	ctx := context.Background()

	// The HTTP client: every call reaches the provider's transport.
	f.on(http.MethodPost, "/cgi-bin/service/get_provider_token", func(url.Values, map[string]any) any {
		return map[string]any{"provider_access_token": "PT", "expires_in": 7200}
	})
	f.on(http.MethodPost, "/cgi-bin/service/get_login_info", func(url.Values, map[string]any) any {
		return map[string]any{"errcode": 0, "usertype": 1, "user_info": map[string]any{"userid": "boss"}}
	})
	_, err = p.Login().LoginInfo(ctx, "CODE")
	require.NoError(t, err)
	assert.Equal(t, 1, f.count("/cgi-bin/service/get_login_info"), "Provider.Login uses the provider's HTTP client")

	suiteTokenResponder(f, "ST")
	require.NoError(t, s.SetTicket(ctx, "TICKET-1"))
	f.on(http.MethodGet, "/cgi-bin/service/auth/getuserinfo3rd", func(url.Values, map[string]any) any {
		return map[string]any{"errcode": 0, "corpid": "wwA", "userid": "u"}
	})
	_, err = s.OAuth().UserFromCode(ctx, "CODE")
	require.NoError(t, err)
	assert.Equal(t, 1, f.count("/cgi-bin/service/auth/getuserinfo3rd"), "Suite.OAuth uses it too")

	// The logger: a corp client's JSSDK handler and the callback servers
	// log to the provider's logger.
	f.on(http.MethodPost, "/cgi-bin/service/get_corp_token", func(url.Values, map[string]any) any {
		return map[string]any{"access_token": "CT", "expires_in": 7200}
	})
	f.on(http.MethodGet, "/cgi-bin/get_jsapi_ticket", func(url.Values, map[string]any) any {
		return map[string]any{"errcode": 40014, "errmsg": "invalid access_token"}
	})
	corp, err := s.Corp(CorpConfig{CorpID: "wwA", PermanentCode: "PERM", AgentID: 1})
	require.NoError(t, err)
	before := logs.Len()
	rec := httptest.NewRecorder()
	(&jssdk.ConfigHandler{Client: corp.JSSDK}).ServeHTTP(rec,
		httptest.NewRequest(http.MethodGet, "/jssdk?type=config&url="+url.QueryEscape("https://app.example.com/"), nil))
	assert.Equal(t, http.StatusBadGateway, rec.Code)
	assert.Greater(t, logs.Len(), before, "the corp client's JSSDK logs to the provider's logger")

	forged := "/cb?msg_signature=0000000000000000000000000000000000000000&timestamp=1&nonce=n"
	for name, build := range map[string]func() (http.Handler, error){
		"instruction": func() (http.Handler, error) { return s.CallbackHandler(nil) },
		"data":        func() (http.Handler, error) { return s.DataCallbackHandler(nil) },
	} {
		h, err := build()
		require.NoError(t, err, name)
		before := logs.Len()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, forged, strings.NewReader("<xml><Encrypt>x</Encrypt></xml>")))
		assert.Greater(t, logs.Len(), before, "the %s callback server logs to the provider's logger", name)
	}
}
