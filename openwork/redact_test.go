package openwork_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/redact/redacttest"
	"github.com/wecomkit/wecom/openwork"
)

// Distinctive values, searched for in everything that prints them.
const (
	leakProviderCorp   = "wwProviderVisible7"
	leakSuiteID        = "wwSuiteVisible9"
	leakAuthCorp       = "wwAuthCorpVisible3"
	leakProviderSecret = "PROVIDER-SECRET-canary-1"
	leakSuiteSecret    = "SUITE-SECRET-canary-2"
	leakToken          = "CBTOKEN-canary-3"
	leakAESKey         = "AESKEYcanary4AESKEYcanary4AESKEYcanary4AES4"
	leakSuiteToken     = "SUITE-TOKEN-canary-5"
	leakAESKey2        = "AESKEYcanary6AESKEYcanary6AESKEYcanary6AES6"
	leakProviderToken  = "PROVIDER-TOKEN-canary-7"
	leakSuiteAccess    = "SUITE-ACCESS-canary-8"
	leakTicket         = "SUITE-TICKET-canary-9"
	leakPermanentCode  = "PERMANENT-CODE-canary-10"
)

var leakSecrets = []string{
	leakProviderSecret, leakSuiteSecret, leakToken, leakAESKey, leakSuiteToken, leakAESKey2,
	leakProviderToken, leakSuiteAccess, leakTicket, leakPermanentCode,
}

func leakConfigs() (openwork.Config, openwork.SuiteConfig, openwork.CorpConfig) {
	return openwork.Config{CorpID: leakProviderCorp, ProviderSecret: leakProviderSecret, Token: leakToken, EncodingAESKey: leakAESKey},
		openwork.SuiteConfig{SuiteID: leakSuiteID, SuiteSecret: leakSuiteSecret, Token: leakSuiteToken, EncodingAESKey: leakAESKey2},
		openwork.CorpConfig{CorpID: leakAuthCorp, PermanentCode: leakPermanentCode, AgentID: 1000017}
}

// Each configuration prints no secret through any fmt verb, encoding/json
// or either slog handler, as a value, a pointer and a field of another
// struct, embedded or not; its ids stay visible.
func TestConfigsRedactThemselves(t *testing.T) {
	cfg, suite, corp := leakConfigs()
	type holder struct {
		Provider openwork.Config
		Suite    *openwork.SuiteConfig
		Corps    []openwork.CorpConfig
	}
	type embedder struct {
		openwork.SuiteConfig
		Name string
	}
	for name, c := range map[string]struct {
		v       any
		visible []string
	}{
		"Config":       {cfg, []string{leakProviderCorp}},
		"*Config":      {&cfg, []string{leakProviderCorp}},
		"SuiteConfig":  {suite, []string{leakSuiteID}},
		"*SuiteConfig": {&suite, []string{leakSuiteID}},
		"CorpConfig":   {corp, []string{leakAuthCorp}},
		"*CorpConfig":  {&corp, []string{leakAuthCorp}},
		"holder":       {holder{Provider: cfg, Suite: &suite, Corps: []openwork.CorpConfig{corp}}, []string{leakProviderCorp, leakAuthCorp}},
		"&holder":      {&holder{Provider: cfg, Suite: &suite}, []string{leakProviderCorp}},
		"embedder":     {embedder{SuiteConfig: suite, Name: "n"}, []string{leakSuiteID}},
	} {
		t.Run(name, func(t *testing.T) {
			r := redacttest.AssertHidden(t, c.v, leakSecrets...)
			for _, way := range []string{"fmt %+v", "fmt %#v", "slog text", "slog json", "json.Marshal"} {
				for _, id := range c.visible {
					assert.Contains(t, r[way], id, way)
				}
			}
		})
	}
	assert.Equal(t, `openwork.Config{CorpID: "wwProviderVisible7", ProviderSecret: [redacted], Token: [redacted], EncodingAESKey: [redacted]}`, cfg.String())
	assert.Equal(t, `openwork.SuiteConfig{SuiteID: "wwSuiteVisible9", SuiteSecret: "", Token: "", EncodingAESKey: "", Customized: true, InstallBaseURL: ""}`,
		openwork.SuiteConfig{SuiteID: leakSuiteID, Customized: true}.String(), "an empty secret shows as empty")
	b, err := json.Marshal(corp)
	require.NoError(t, err)
	assert.JSONEq(t, `{"CorpID":"wwAuthCorpVisible3","PermanentCode":"[redacted]","AgentID":1000017}`, string(b))
}

// Every field of each configuration is either shown or redacted: a new
// secret field must be classified in openwork/redact.go, or this fails.
func TestConfigFieldsAccountedFor(t *testing.T) {
	for _, c := range []struct {
		v      any
		shown  []string
		secret []string
	}{
		{&openwork.Config{}, []string{"CorpID"}, []string{"ProviderSecret", "Token", "EncodingAESKey"}},
		{&openwork.SuiteConfig{}, []string{"SuiteID", "Customized", "InstallBaseURL"}, []string{"SuiteSecret", "Token", "EncodingAESKey"}},
		{&openwork.CorpConfig{}, []string{"CorpID", "AgentID"}, []string{"PermanentCode"}},
	} {
		v := reflect.ValueOf(c.v).Elem()
		for i := range v.NumField() {
			f := v.Type().Field(i)
			require.True(t, contains(c.shown, f.Name) || contains(c.secret, f.Name),
				"%s.%s is neither shown nor redacted: classify it in openwork/redact.go", v.Type(), f.Name)
			if f.Type.Kind() == reflect.String {
				v.Field(i).SetString("CANARY-" + f.Name)
			}
		}
		r := redacttest.Renderings(v.Interface())
		for way, text := range r {
			for _, name := range c.secret {
				assert.NotContains(t, text, "CANARY-"+name, "%s by %s", v.Type(), way)
			}
		}
		for _, name := range c.shown {
			if f, _ := v.Type().FieldByName(name); f.Type.Kind() == reflect.String {
				assert.Contains(t, r["fmt %+v"], "CANARY-"+name, v.Type())
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A provider and a suite that hold tokens, a ticket and clients of
// authorized corps print none of them, directly or through a struct that
// keeps them in unexported fields (which fmt expands with methods off for
// verbs such as %s).
func TestProviderAndSuiteRedactThemselves(t *testing.T) {
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		var body string
		switch r.URL.Path {
		case "/cgi-bin/service/get_provider_token":
			body = `{"errcode":0,"provider_access_token":"` + leakProviderToken + `","expires_in":7200}`
		case "/cgi-bin/service/get_suite_token":
			body = `{"errcode":0,"suite_access_token":"` + leakSuiteAccess + `","expires_in":7200}`
		default:
			body = `{"errcode":404,"errmsg":"not faked"}`
		}
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})}
	cfg, suiteCfg, corpCfg := leakConfigs()
	p, err := openwork.New(cfg, wecom.WithHTTPClient(hc))
	require.NoError(t, err)
	s, err := p.Suite(suiteCfg)
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, s.SetTicket(ctx, leakTicket))
	tok, err := p.AccessToken(ctx)
	require.NoError(t, err)
	require.Equal(t, leakProviderToken, tok)
	tok, err = s.AccessToken(ctx)
	require.NoError(t, err)
	require.Equal(t, leakSuiteAccess, tok, "tokens and the ticket are in the cache now")
	corp, err := s.Corp(corpCfg)
	require.NoError(t, err)

	type server struct {
		p    *openwork.Provider
		s    *openwork.Suite
		corp any
	}
	type public struct {
		Provider *openwork.Provider
		Suite    *openwork.Suite
	}
	for name, v := range map[string]any{
		"provider": p, "suite": s, "corp client": corp, "suite oauth": s.OAuth(), "provider login": p.Login(),
		"server": server{p: p, s: s, corp: corp}, "&server": &server{p: p, s: s}, "public": public{p, s},
	} {
		t.Run(name, func(t *testing.T) {
			redacttest.AssertHidden(t, v, leakSecrets...)
		})
	}
	assert.Equal(t, `openwork.Provider{CorpID: "wwProviderVisible7"}`, p.String())
	assert.Equal(t, `openwork.Suite{SuiteID: "wwSuiteVisible9", ProviderCorpID: "wwProviderVisible7", Customized: false}`, s.String())
	r := redacttest.Renderings(s)
	assert.Contains(t, r["slog json"], `"v":{"suite_id":"wwSuiteVisible9","provider_corp_id":"wwProviderVisible7","customized":false}`)
	assert.Contains(t, r["slog text"], "v.suite_id=wwSuiteVisible9")

	var np *openwork.Provider
	var ns *openwork.Suite
	assert.Equal(t, "openwork.Provider(nil)", np.String())
	assert.Equal(t, "openwork.Suite(nil)", ns.String())
	assert.NotPanics(t, func() { redacttest.Renderings(np); redacttest.Renderings(ns) })
	assert.Equal(t, leakSuiteSecret, s.Config().SuiteSecret, "Config still returns the secrets to the caller that asks")
	assert.Equal(t, leakAESKey2, s.Config().EncodingAESKey)
	assert.Equal(t, cfg.ProviderSecret, p.Config().ProviderSecret)
}

// The failing flows of a provider, a suite and an authorized corp — tokens
// refused, the transport failing — leave no secret, ticket, permanent code
// or key in their errors or in any log line.
func TestFailingFlowsLeakNothing(t *testing.T) {
	for name, rt := range map[string]roundTripFunc{
		"refused": func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
				Body: io.NopCloser(strings.NewReader(`{"errcode":40085,"errmsg":"invalid suite_ticket, hint: [x]"}`)), Request: r}, nil
		},
		"transport error": func(r *http.Request) (*http.Response, error) {
			return nil, errors.New("connection reset by peer")
		},
	} {
		t.Run(name, func(t *testing.T) {
			var logs bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			cfg, suiteCfg, corpCfg := leakConfigs()
			p, err := openwork.New(cfg, wecom.WithHTTPClient(&http.Client{Transport: rt}), wecom.WithLogger(logger),
				wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
			require.NoError(t, err)
			s, err := p.Suite(suiteCfg)
			require.NoError(t, err)
			ctx := context.Background()
			require.NoError(t, s.SetTicket(ctx, leakTicket))
			var errs []error
			_, err = p.AccessToken(ctx)
			errs = append(errs, err)
			_, err = s.AccessToken(ctx)
			errs = append(errs, err)
			corp, err := s.Corp(corpCfg)
			require.NoError(t, err)
			_, err = corp.AccessToken(ctx)
			errs = append(errs, err)
			text := logs.String()
			for _, err := range errs {
				require.Error(t, err)
				text += "\n" + err.Error() + fmt.Sprintf(" %+v", err)
			}
			for _, secret := range leakSecrets {
				assert.NotContains(t, text, secret)
			}
		})
	}
}

// An Authorization prints and logs without its permanent code and access
// token; encoding/json still writes them, for storage.
func TestAuthorizationRedactsItsSecrets(t *testing.T) {
	a := openwork.Authorization{AccessToken: leakSuiteAccess, ExpiresIn: 7200, PermanentCode: leakPermanentCode,
		AuthCorpInfo: openwork.AuthCorpInfo{CorpID: leakAuthCorp}, State: "st"}
	for name, v := range map[string]any{"value": a, "pointer": &a} {
		t.Run(name, func(t *testing.T) {
			for way, text := range redacttest.Renderings(v) {
				if strings.HasPrefix(way, "json") {
					assert.Contains(t, text, leakPermanentCode, "json keeps it for storage: %s", way)
					continue
				}
				assert.NotContains(t, text, leakPermanentCode, way)
				assert.NotContains(t, text, leakSuiteAccess, way)
			}
			r := redacttest.Renderings(v)
			assert.Contains(t, r["fmt %+v"], leakAuthCorp)
			assert.Contains(t, r["slog json"], `"permanent_code":"[redacted]"`)
			assert.Contains(t, r["slog json"], leakAuthCorp)
		})
	}
	assert.Equal(t, leakPermanentCode, a.PermanentCode)
}
