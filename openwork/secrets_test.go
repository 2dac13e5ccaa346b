package openwork

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/work"
)

// Distinctive secret values, searched for in every error and log line.
const (
	echoCorpSecret     = "S3CRET-corp-app-123"
	echoProviderSecret = "S3CRET-provider-abc"
	echoSuiteSecret    = "S3CRET-suite-xyz"
	echoSuiteTicket    = "TICKET-s3cret-777"
	echoAuthCode       = "AUTH-CODE-s3cret-555"
	echoPermanentCode  = "PERM-CODE-s3cret-999"
	echoSuiteToken     = "SUITE-TOKEN-s3cret-1"
	echoProviderToken  = "PROVIDER-TOKEN-s3cret-2"
)

var echoSecrets = []string{
	echoCorpSecret, echoProviderSecret, echoSuiteSecret, echoSuiteTicket,
	echoAuthCode, echoPermanentCode, echoSuiteToken, echoProviderToken,
}

// echoServer fails every request with an errmsg that quotes the whole
// request back (query and JSON body), as WeCom sometimes does, except the
// paths told to succeed.
type echoServer struct {
	mt   *httpmock.MockTransport
	mu   sync.Mutex
	logs bytes.Buffer
	ok   map[string]any // path -> successful answer
}

func newEchoServer(ok map[string]any) *echoServer {
	e := &echoServer{mt: httpmock.NewMockTransport(), ok: ok}
	e.mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		if answer, found := e.ok[r.URL.Path]; found {
			return httpmock.NewJsonResponse(200, answer)
		}
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
		}
		return httpmock.NewJsonResponse(200, map[string]any{
			"errcode": 40013,
			"errmsg":  "invalid request, hint: [" + r.URL.RawQuery + "] body: " + string(body),
		})
	})
	return e
}

func (e *echoServer) Write(p []byte) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.logs.Write(p)
}

func (e *echoServer) log() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.logs.String()
}

func (e *echoServer) options() []wecom.Option {
	return []wecom.Option{
		wecom.WithHTTPClient(&http.Client{Transport: e.mt}),
		wecom.WithCache(token.NewMemoryCache()),
		wecom.WithLogger(slog.New(slog.NewTextHandler(e, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 1}),
	}
}

// assertNoEchoedSecret checks err, every error it wraps, and the logs.
func assertNoEchoedSecret(t *testing.T, err error, logs string) {
	t.Helper()
	require.Error(t, err)
	require.True(t, strings.Contains(err.Error(), "40013") || wecom.ErrCode(err) == 40013, "the echoing answer was reached: %v", err)
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		for _, s := range echoSecrets {
			assert.NotContains(t, e.Error(), s, "error %T", e)
			if api := (*wecom.APIError)(nil); errors.As(e, &api) {
				assert.NotContains(t, api.Message, s, "APIError.Message")
			}
		}
		switch x := e.(type) {
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				walk(inner)
			}
		}
	}
	walk(err)
	require.NotEmpty(t, logs, "the failure was logged")
	for _, line := range strings.Split(logs, "\n") {
		for _, s := range echoSecrets {
			assert.NotContains(t, line, s, "log line")
		}
	}
}

func TestEchoedSecretsNeverReachErrorsOrLogs(t *testing.T) {
	ctx := context.Background()
	suiteTokenOK := map[string]any{"suite_access_token": echoSuiteToken, "expires_in": 7200}

	t.Run("work.New gettoken (corpsecret in the query)", func(t *testing.T) {
		e := newEchoServer(nil)
		c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1, Secret: echoCorpSecret}, e.options()...)
		require.NoError(t, err)
		_, err = c.User.Get(ctx, "zhangsan")
		assertNoEchoedSecret(t, err, e.log())
	})

	t.Run("provider token (provider_secret in the body)", func(t *testing.T) {
		e := newEchoServer(nil)
		p, err := New(Config{CorpID: "wwprovider", ProviderSecret: echoProviderSecret}, e.options()...)
		require.NoError(t, err)
		_, err = p.OpenCorpID(ctx, "wwcorpA")
		assertNoEchoedSecret(t, err, e.log())
	})

	t.Run("provider call (provider token in the query)", func(t *testing.T) {
		e := newEchoServer(map[string]any{"/cgi-bin/service/get_provider_token": map[string]any{"provider_access_token": echoProviderToken, "expires_in": 7200}})
		p, err := New(Config{CorpID: "wwprovider", ProviderSecret: echoProviderSecret}, e.options()...)
		require.NoError(t, err)
		_, err = p.OpenCorpID(ctx, "wwcorpA")
		assertNoEchoedSecret(t, err, e.log())
	})

	newSuite := func(t *testing.T, e *echoServer, customized bool) *Suite {
		t.Helper()
		p, err := New(Config{CorpID: "wwprovider", ProviderSecret: echoProviderSecret}, e.options()...)
		require.NoError(t, err)
		s, err := p.Suite(SuiteConfig{SuiteID: "wwsuite1", SuiteSecret: echoSuiteSecret, Customized: customized})
		require.NoError(t, err)
		require.NoError(t, s.SetTicket(ctx, echoSuiteTicket))
		return s
	}

	t.Run("suite token (suite_secret and suite_ticket in the body)", func(t *testing.T) {
		e := newEchoServer(nil)
		s := newSuite(t, e, false)
		_, err := s.PreAuthCode(ctx)
		assertNoEchoedSecret(t, err, e.log())
	})

	t.Run("get_permanent_code (auth_code in the body)", func(t *testing.T) {
		e := newEchoServer(map[string]any{"/cgi-bin/service/get_suite_token": suiteTokenOK})
		s := newSuite(t, e, false)
		_, err := s.PermanentCode(ctx, echoAuthCode)
		assertNoEchoedSecret(t, err, e.log())
	})

	t.Run("get_corp_token (permanent_code in the body)", func(t *testing.T) {
		e := newEchoServer(map[string]any{"/cgi-bin/service/get_suite_token": suiteTokenOK})
		s := newSuite(t, e, false)
		c, err := s.Corp(CorpConfig{CorpID: "wwcorpA", PermanentCode: echoPermanentCode, AgentID: 1})
		require.NoError(t, err)
		_, err = c.User.Get(ctx, "zhangsan")
		assertNoEchoedSecret(t, err, e.log())
	})

	t.Run("customized app gettoken (permanent code as corpsecret)", func(t *testing.T) {
		e := newEchoServer(nil)
		s := newSuite(t, e, true)
		c, err := s.Corp(CorpConfig{CorpID: "wwcorpA", PermanentCode: echoPermanentCode, AgentID: 1})
		require.NoError(t, err)
		_, err = c.User.Get(ctx, "zhangsan")
		assertNoEchoedSecret(t, err, e.log())
	})

	t.Run("raw Do (secret keys in the caller's body)", func(t *testing.T) {
		e := newEchoServer(map[string]any{"/cgi-bin/service/get_provider_token": map[string]any{"provider_access_token": echoProviderToken, "expires_in": 7200}})
		p, err := New(Config{CorpID: "wwprovider", ProviderSecret: echoProviderSecret}, e.options()...)
		require.NoError(t, err)
		in := json.RawMessage(`{"corpid":"wwcorpA","permanent_code":"` + echoPermanentCode + `","nested":{"auth_code":"` + echoAuthCode + `"}}`)
		err = p.Do(ctx, http.MethodPost, "/cgi-bin/service/some_new_api", in, nil)
		assertNoEchoedSecret(t, err, e.log())
	})
}
