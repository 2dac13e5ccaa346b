package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

func TestIsSensitive(t *testing.T) {
	for _, name := range []string{
		"access_token", "suite_access_token", "provider_access_token", "ACCESS_TOKEN", "corpsecret",
		"provider_secret", "suite_secret", "code", "auth_code", "pre_auth_code", "permanent_code",
		"ticket", "suite_ticket", "jsapi_ticket", "user_ticket", "key", "encoding_aes_key", "js_code",
		"session_key", "password", "msg_signature",
	} {
		assert.True(t, isSensitive(name), name)
	}
	for _, name := range []string{"corpid", "userid", "agentid", "type", "media_id", "department_id", "debug", "lang"} {
		assert.False(t, isSensitive(name), name)
	}
}

func TestRedactURLKeepsTheRest(t *testing.T) {
	got := redactURL("https://user:pw@qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=S&permanent_code=P&type=image")
	u, err := url.Parse(got)
	require.NoError(t, err)
	q := u.Query()
	assert.Equal(t, "ww1", q.Get("corpid"))
	assert.Equal(t, "image", q.Get("type"))
	assert.Equal(t, redacted, q.Get("corpsecret"))
	assert.Equal(t, redacted, q.Get("permanent_code"))
	assert.NotContains(t, got, "pw@")
	assert.Equal(t, "/cgi-bin/gettoken", u.Path)
}

func TestRedactURLsInText(t *testing.T) {
	for in, want := range map[string]string{
		`Get "https://h/p?access_token=abc&userid=u": EOF`: `Get "https://h/p?access_token=REDACTED&userid=u": EOF`,
		`proxy said: code=123; ticket='xyz' lang=zh`:       `proxy said: code=REDACTED; ticket='REDACTED' lang=zh`,
		`nothing to see`:      `nothing to see`,
		`a=b=c access_token=`: `a=b=c access_token=`,
		`x?suite_access_token=REDACTED&corpsecret=s#frag`:    `x?suite_access_token=REDACTED&corpsecret=REDACTED#frag`,
		`trailing access_token=t0k3n`:                        `trailing access_token=REDACTED`,
		`=leading`:                                           `=leading`,
		`errcode=40014 errmsg=invalid`:                       `errcode=REDACTED errmsg=invalid`,
		"multi\naccess_token=one\tprovider_access_token=two": "multi\naccess_token=REDACTED\tprovider_access_token=REDACTED",
	} {
		assert.Equal(t, want, redactURLsIn(in), in)
	}
}

func TestRequestSecrets(t *testing.T) {
	got := requestSecrets(url.Values{"corpid": {"ww1234567"}, "corpsecret": {"se cret/+value"}, "code": {"c"}}, nil, secretToken)
	assert.Contains(t, got, secretToken)
	assert.Contains(t, got, "se cret/+value")
	assert.Contains(t, got, url.QueryEscape("se cret/+value"))
	assert.NotContains(t, got, "ww1234567", "not sensitive")
	assert.NotContains(t, got, "c", "too short to search for")
}

// Secrets a JSON body carries are found by key name, at any depth, in
// arrays under a sensitive key, whatever the body's type.
func TestRequestSecretsFromBody(t *testing.T) {
	body := []byte(`{"suite_id":"ww-suite-1","suite_secret":"S3CRET-suite-xyz","suite_ticket":"TICKET-abc\u00e9-123",` +
		`"auth":{"permanent_code":"PERM-code-456","corpid":"wwcorp-1"},"list":[{"auth_code":"AUTH-code-789"}],` +
		`"secrets":["ARR-secret-1",{"name":"harmless-1"}],"provider_secret":123456789,"userid":"zhangsan-1","key":"k"}`)
	got := requestSecrets(nil, body, "")
	for _, want := range []string{"S3CRET-suite-xyz", "TICKET-abc\u00e9-123", "PERM-code-456", "AUTH-code-789", "ARR-secret-1", "123456789"} {
		assert.Contains(t, got, want)
	}
	for _, not := range []string{"ww-suite-1", "wwcorp-1", "zhangsan-1", "harmless-1", "k"} {
		assert.NotContains(t, got, not)
	}
	assert.NotPanics(t, func() { requestSecrets(nil, []byte(`{"secret":"PARTIAL-1",`), "") })
	assert.Contains(t, requestSecrets(nil, []byte(`{"secret":"PARTIAL-1",`), ""), "PARTIAL-1")
}

// wrapper hides a *url.Error one level down.
type wrapper struct{ err error }

func (w wrapper) Error() string { return "transport: " + w.err.Error() }
func (w wrapper) Unwrap() error { return w.err }

func TestRedactFallsBackToAnOpaqueError(t *testing.T) {
	secrets := []string{secretToken}
	leaky := &url.Error{Op: "Get", URL: "https://h/p?access_token=" + secretToken, Err: io.ErrUnexpectedEOF}

	// A *url.Error on top is rebuilt and stays inspectable.
	err := redact(leaky, secrets)
	var ue *url.Error
	require.ErrorAs(t, err, &ue)
	assert.NotContains(t, ue.URL, secretToken)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)

	// One that is wrapped, or a message quoting the token some other way,
	// gives an opaque error that still matches the sentinels.
	for _, in := range []error{
		wrapper{leaky},
		fmt.Errorf("dial %s: %w", secretToken, context.DeadlineExceeded),
		errors.Join(wecom.ErrUnexpectedResponse, errors.New("echo "+secretToken)),
		errors.New(`proxy: GET /x?access_token=short`),
	} {
		err := redact(in, secrets)
		assertNoSecret(t, err, "", secretToken, "access_token=short")
		assert.NotErrorAs(t, err, &ue, "no original error is handed out")
		for _, target := range []error{io.ErrUnexpectedEOF, context.DeadlineExceeded, wecom.ErrUnexpectedResponse} {
			assert.Equal(t, errors.Is(in, target), errors.Is(err, target), "%v matches %v", in, target)
		}
	}

	clean := errors.New("connection refused")
	assert.Same(t, clean, redact(clean, secrets), "an error without credentials is kept as it is")
	assert.NoError(t, redact(nil, secrets))
}

// When WeCom's errmsg echoes the request, the secrets its JSON body
// carried are cut from the APIError, from errors that wrap other failures,
// and from the logs; so are those of a query and the credential.
func TestEchoedBodySecretsAreRedacted(t *testing.T) {
	const (
		suiteSecret = "S3CRET-suite-xyz"
		ticket      = "TICKET-echo-0987"
		permCode    = "PERM-code-echo-1234"
		querySecret = "Q-secret-echo-5678"
	)
	echo := func(w http.ResponseWriter, r *http.Request) string {
		body, _ := io.ReadAll(r.Body)
		return "invalid request: " + r.URL.RawQuery + " " + string(body)
	}
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"errmsg", func(w http.ResponseWriter, r *http.Request) {
			msg, _ := json.Marshal(echo(w, r))
			_, _ = w.Write([]byte(`{"errcode":40013,"errmsg":` + string(msg) + `}`))
		}},
		{"errmsg with JSON escapes", func(w http.ResponseWriter, r *http.Request) {
			msg, _ := json.Marshal(strings.ReplaceAll(echo(w, r), "-", `\u002d`))
			_, _ = w.Write([]byte(`{"errcode":40013,"errmsg":` + strings.ReplaceAll(string(msg), `\\u002d`, `\u002d`) + `}`))
		}},
		{"HTML error page", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte("<html>" + echo(w, r) + "</html>"))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _, logs := newServerClient(t, tc.handler, wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 1}))
			for _, safety := range []Safety{Unsafe, Idempotent} {
				err := c.Do(context.Background(), SuiteAccessToken(&fixedSource{tok: secretToken}), Request{
					Method: http.MethodPost, Path: "/cgi-bin/service/get_suite_token",
					Query: url.Values{"secret": {querySecret}},
					Body: map[string]any{"suite_id": "wwsuite", "suite_secret": suiteSecret, "suite_ticket": ticket,
						"auth": []any{map[string]string{"permanent_code": permCode}}},
					Safety: safety,
				}, nil)
				require.Error(t, err)
				assertNoSecret(t, err, logs.String(), suiteSecret, ticket, permCode, querySecret, secretToken)
			}
			assert.Contains(t, logs.String(), "get_suite_token")
		})
	}
}
