package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
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

func TestSecretValues(t *testing.T) {
	got := secretValues(url.Values{"corpid": {"ww1234567"}, "corpsecret": {"se cret/+value"}, "code": {"c"}}, secretToken)
	assert.Contains(t, got, secretToken)
	assert.Contains(t, got, "se cret/+value")
	assert.Contains(t, got, url.QueryEscape("se cret/+value"))
	assert.NotContains(t, got, "ww1234567", "not sensitive")
	assert.NotContains(t, got, "c", "too short to search for")
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
