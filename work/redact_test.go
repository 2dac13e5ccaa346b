package work_test

import (
	"bytes"
	"context"
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
	"github.com/wecomkit/wecom/work"
)

// Distinctive values, searched for in everything that prints them.
const (
	leakCorpID  = "wwCorpVisible42"
	leakSecret  = "SECRET-canary-7Qx9"
	leakToken   = "CBTOKEN-canary-k3"
	leakAESKey  = "AESKEYcanaryAESKEYcanaryAESKEYcanaryAESKEY0"
	leakAccess  = "ACCESS-canary-token-55"
	leakAgentID = 1000042
)

var leakSecrets = []string{leakSecret, leakToken, leakAESKey, leakAccess}

func leakConfig() work.Config {
	return work.Config{CorpID: leakCorpID, AgentID: leakAgentID, Secret: leakSecret, Token: leakToken, EncodingAESKey: leakAESKey}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A Config prints no secret through any fmt verb, encoding/json or either
// slog handler, as a value, a pointer, and a field of another struct,
// embedded or not; its ids stay visible for debugging.
func TestConfigRedactsItself(t *testing.T) {
	cfg := leakConfig()
	type holder struct {
		Name string
		App  work.Config
		Ptr  *work.Config
	}
	type embedder struct {
		work.Config
		Name string
	}
	for name, v := range map[string]any{
		"value":    cfg,
		"pointer":  &cfg,
		"holder":   holder{Name: "n", App: cfg, Ptr: &cfg},
		"&holder":  &holder{Name: "n", App: cfg, Ptr: &cfg},
		"embedder": embedder{Config: cfg, Name: "n"},
		"slice":    []work.Config{cfg, cfg},
		"map":      map[string]work.Config{"a": cfg},
	} {
		t.Run(name, func(t *testing.T) {
			r := redacttest.AssertHidden(t, v, leakSecrets...)
			for _, way := range []string{"fmt %+v", "fmt %#v", "slog text", "slog json", "json.Marshal"} {
				assert.Contains(t, r[way], leakCorpID, way)
			}
		})
	}

	assert.Equal(t, `work.Config{CorpID: "wwCorpVisible42", AgentID: 1000042, Secret: [redacted], Token: [redacted], EncodingAESKey: [redacted]}`, cfg.String())
	empty := work.Config{CorpID: "ww1"}
	assert.Equal(t, `work.Config{CorpID: "ww1", AgentID: 0, Secret: "", Token: "", EncodingAESKey: ""}`, empty.String(),
		"an empty secret shows as empty, so that a missing one can be told")
	b, err := cfg.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{"CorpID":"wwCorpVisible42","AgentID":1000042,"Secret":"[redacted]","Token":"[redacted]","EncodingAESKey":"[redacted]"}`, string(b))
}

// Every field of Config is either shown or redacted: a new secret field
// must be added to Config.fields, or this test fails.
func TestConfigFieldsAccountedFor(t *testing.T) {
	shown := map[string]bool{"CorpID": true, "AgentID": true}
	secret := map[string]bool{"Secret": true, "Token": true, "EncodingAESKey": true}
	var cfg work.Config
	v := reflect.ValueOf(&cfg).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		require.True(t, shown[f.Name] || secret[f.Name], "work.Config.%s is neither shown nor redacted: classify it in work/redact.go", f.Name)
		if f.Type.Kind() == reflect.String {
			v.Field(i).SetString("CANARY-" + f.Name)
		}
	}
	out := cfg.String() + string(must(cfg.MarshalJSON())) + redacttest.Renderings(cfg)["slog json"]
	for name := range secret {
		assert.NotContains(t, out, "CANARY-"+name)
	}
	assert.Contains(t, out, "CANARY-CorpID")
}

// A Client that has fetched its access token prints neither the token nor
// its configuration's secrets, nor do the sub-clients it exposes.
func TestClientRedactsItself(t *testing.T) {
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		body := `{"errcode":0,"errmsg":"ok","access_token":"` + leakAccess + `","expires_in":7200}`
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})}
	c, err := work.New(leakConfig(), wecom.WithHTTPClient(hc))
	require.NoError(t, err)
	tok, err := c.AccessToken(context.Background())
	require.NoError(t, err)
	require.Equal(t, leakAccess, tok, "the token is in the client's cache now")

	type app struct {
		Client *work.Client
		Config work.Config
	}
	// fmt prints unexported fields with their methods off, and expands the
	// pointer it meets first for verbs such as %s: the client's secrets sit
	// one pointer further, where fmt prints only an address.
	type server struct {
		client *work.Client
		user   *work.UserService
	}
	for name, v := range map[string]any{
		"client": c, "app": app{Client: c, Config: leakConfig()}, "&app": &app{Client: c},
		"server": server{client: c, user: c.User}, "&server": &server{client: c},
		"oauth": c.OAuth, "jssdk": c.JSSDK, "user service": c.User,
	} {
		t.Run(name, func(t *testing.T) {
			redacttest.AssertHidden(t, v, leakSecrets...)
		})
	}
	assert.Equal(t, `work.Client{CorpID: "wwCorpVisible42", AgentID: 1000042}`, c.String())
	r := redacttest.Renderings(c)
	assert.Contains(t, r["slog json"], `"v":{"corp_id":"wwCorpVisible42","agent_id":1000042}`)
	assert.Contains(t, r["slog text"], "v.corp_id=wwCorpVisible42 v.agent_id=1000042")

	var none *work.Client
	assert.Equal(t, "work.Client(nil)", none.String())
	assert.NotPanics(t, func() { redacttest.Renderings(none) })
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// The failing flows of a client — gettoken refused, the transport failing
// on a URL that carries the secret — leave no secret, token or key in the
// error or in any log line, at any level.
func TestFailingFlowsLeakNothing(t *testing.T) {
	for name, rt := range map[string]roundTripFunc{
		"gettoken refused": func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
				Body: io.NopCloser(strings.NewReader(`{"errcode":40001,"errmsg":"invalid credential, hint: [x]"}`)), Request: r}, nil
		},
		"transport error": func(r *http.Request) (*http.Response, error) {
			return nil, errors.New("connection reset by peer")
		},
		"html page": func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 502, Header: http.Header{"Content-Type": {"text/html"}},
				Body: io.NopCloser(strings.NewReader("<html>bad gateway</html>")), Request: r}, nil
		},
	} {
		t.Run(name, func(t *testing.T) {
			var logs bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c, err := work.New(leakConfig(), wecom.WithHTTPClient(&http.Client{Transport: rt}), wecom.WithLogger(logger),
				wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
			require.NoError(t, err)
			_, err = c.AccessToken(context.Background())
			require.Error(t, err)
			_, err2 := c.User.Get(context.Background(), "zhangsan")
			require.Error(t, err2)
			text := err.Error() + "\n" + err2.Error() + "\n" + fmt.Sprintf("%+v %#v", err, err2) + "\n" + logs.String()
			for _, s := range leakSecrets {
				assert.NotContains(t, text, s)
			}
			assert.Contains(t, text, "gettoken", "the failure names the endpoint")
		})
	}
}
