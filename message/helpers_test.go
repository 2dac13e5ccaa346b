package message

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/crypto"
)

// The official WeCom sample (reference §9.5a).
const (
	sampleToken  = "QDG6eK"
	sampleKey    = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	sampleCorpID = "wx5823bf96d3bd56c7"

	sampleGetSignature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
	sampleGetTimestamp = "1409659589"
	sampleGetNonce     = "263014780"
	sampleGetEchostr   = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="
	sampleGetEcho      = "1616140317555161061"

	samplePostMsg       = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[mycreate]]></FromUserName><CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>4561255354251345929</MsgId><AgentID>218</AgentID></xml>"
	samplePostEncrypt   = "ZA4HuQypHxnRrA+A6SOHGPpA4BXkaFIE0s/1C2e0ZXuIEC2kG00clzTAoqgswAAZWyW+AE82ZTvo7hmg0QwR9hRCCin4OdiFjN+6tiIoUXM5+UwPT4jUQE6rTcZT/tIto19wpIwkWqJ04uCntHDH/7Y51fLzeU3wvg1TI4f96m9uRvO7acYV2KIQgdJuvXhpgGolyGIe7Q2+8Ikxc1Wh6Ld6Y39IA3D0Rbb7t9hIopVDhyW5e8GYVMLJJTSVbuL11Eub8ABscqGPQjvnwzlB73UsTI0FctVHzZBuQ2+TYHWya1q9XCpxoQH6rbusPALqYyfq9xRyfe5DiDVCsMDUl45BnddWbG9/u9btcYehg0yFGNTnFv2Qc2Ty4KDtQhisZhnRpDHVsfqgFpjD/AITaO1Nkd26qJrAuAGFdnAGE/o="
	samplePostTimestamp = "1409659813"
	samplePostNonce     = "1372623149"
	samplePostSignature = "99108567d2f7b72bf6aa3c84efbbe054c04d6300"
	samplePostBody      = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + samplePostEncrypt + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>"
)

// sampleTime is the time of the official sample's callbacks, which the
// callbacks of these tests are signed with.
var sampleTime = time.Unix(1409659813, 0)

// The servers of these tests (and of the examples and benchmarks of the
// package) live at the time of the official sample, inside whose replay
// window the sample's requests and those of signedCallback are. Tests of
// the window set their own clock.
func init() { timeNow = func() time.Time { return sampleTime } }

// newCrypt returns a MsgCrypt with the sample token and key.
func newCrypt(t testing.TB, receiverID string) *crypto.MsgCrypt {
	t.Helper()
	c, err := crypto.New(sampleToken, sampleKey, receiverID)
	require.NoError(t, err)
	return c
}

// callback is a signed, encrypted POST callback.
type callback struct {
	query url.Values
	body  []byte
}

// sealCallback encrypts plaintext with c into a signed callback.
func sealCallback(t testing.TB, c *crypto.MsgCrypt, plaintext string) callback {
	t.Helper()
	enc, err := c.Encrypt([]byte(plaintext))
	require.NoError(t, err)
	return signedCallback(enc)
}

// signedCallback wraps a Base64 ciphertext into a callback signed with the
// sample token.
func signedCallback(enc string) callback {
	const ts, nonce = "1409659813", "1372623149"
	q := url.Values{}
	q.Set("msg_signature", crypto.Signature(sampleToken, ts, nonce, enc))
	q.Set("timestamp", ts)
	q.Set("nonce", nonce)
	body := "<xml><ToUserName><![CDATA[" + sampleCorpID + "]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>"
	return callback{query: q, body: []byte(body)}
}

// request builds the POST request of cb.
func (cb callback) request() *http.Request {
	return httptest.NewRequest(http.MethodPost, "/callback?"+cb.query.Encode(), bytes.NewReader(cb.body))
}

// post sends cb to h and returns the recorded response.
func post(h http.Handler, cb callback) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, cb.request())
	return w
}

// readTestdata returns a file of testdata/.
func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}

// ctx is the context of tests.
var ctx = context.Background()

func httpRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func strconvI(n int64) string { return strconv.FormatInt(n, 10) }

// signature signs with the sample token.
func signature(ts, nonce, enc string) string { return crypto.Signature(sampleToken, ts, nonce, enc) }

func urlEscape(s string) string { return url.QueryEscape(s) }
