package aibot

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/crypto"
)

const (
	testToken = "QDG6eK"
	testKey   = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
)

// testTime is the clock of the servers of these tests; callbacks are
// signed with it.
var testTime = time.Unix(1700000000, 0)

func init() { timeNow = func() time.Time { return testTime } }

// newCrypt returns the MsgCrypt of a corp's own bot (receive id "").
func newCrypt(t testing.TB) *crypto.MsgCrypt {
	t.Helper()
	c, err := crypto.New(testToken, testKey, "")
	require.NoError(t, err)
	return c
}

// signed is a signed, encrypted robot callback.
type signed struct {
	query url.Values
	body  []byte
}

// sign encrypts plain with the receive id of c and signs it at ts.
func sign(t testing.TB, c *crypto.MsgCrypt, plain string, ts time.Time) signed {
	t.Helper()
	enc, err := c.Encrypt([]byte(plain))
	require.NoError(t, err)
	timestamp := strconv.FormatInt(ts.Unix(), 10)
	body, err := json.Marshal(map[string]string{"encrypt": enc})
	require.NoError(t, err)
	return signed{
		query: url.Values{"msg_signature": {crypto.Signature(testToken, timestamp, "nonce1", enc)},
			"timestamp": {timestamp}, "nonce": {"nonce1"}},
		body: body,
	}
}

// post sends cb to h and returns the recorded answer.
func (cb signed) post(h http.Handler) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/bot?"+cb.query.Encode(), bytes.NewReader(cb.body))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// openReply checks the encrypted JSON answer of a callback and returns
// its plaintext.
func openReply(t testing.TB, c *crypto.MsgCrypt, body []byte) string {
	t.Helper()
	var env struct {
		Encrypt      string `json:"encrypt"`
		MsgSignature string `json:"msgsignature"`
		Timestamp    int64  `json:"timestamp"`
		Nonce        string `json:"nonce"`
	}
	require.NoError(t, json.Unmarshal(body, &env), "%s", body)
	require.NotEmpty(t, env.Nonce)
	plain, id, err := c.VerifyDecrypt(env.MsgSignature, strconv.FormatInt(env.Timestamp, 10), env.Nonce, []byte(env.Encrypt))
	require.NoError(t, err)
	require.Empty(t, id, "a bot's reply carries the receive id \"\"")
	return string(plain)
}
