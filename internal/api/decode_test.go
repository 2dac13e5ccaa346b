package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

func response(status int, contentType, body string) *http.Response {
	return &http.Response{
		StatusCode: status,
		Header:     http.Header{"Content-Type": {contentType}},
		Body:       io.NopCloser(bytes.NewReader([]byte(body))),
	}
}

func TestDecodeResponse(t *testing.T) {
	type answer struct {
		UserID string `json:"userid"`
	}
	for _, tc := range []struct {
		name     string
		status   int
		body     string
		code     int  // expected APIError code, 0 for none
		unexpect bool // expected ErrUnexpectedResponse
		retry    bool // expected transient
		userID   string
	}{
		{name: "success", status: 200, body: `{"errcode":0,"errmsg":"ok","userid":"u"}`, userID: "u"},
		{name: "missing errcode", status: 200, body: `{"userid":"u"}`, userID: "u"},
		{name: "null errcode", status: 200, body: `{"errcode":null,"userid":"u"}`, userID: "u"},
		{name: "errcode as string", status: 200, body: `{"errcode":"60111"}`, code: 60111},
		{name: "errcode 1.0", status: 200, body: `{"errcode":1.0}`, code: 1},
		{name: "leading spaces", status: 200, body: " \n\t{\"errcode\":0}"},
		{name: "5xx with errcode 0", status: 502, body: `{"errcode":0,"errmsg":"ok"}`, unexpect: true, retry: true},
		{name: "4xx with errcode 0", status: 404, body: `{"errcode":0}`, unexpect: true},
		{name: "5xx with errcode", status: 500, body: `{"errcode":-1,"errmsg":"busy"}`, code: -1, retry: true},
		{name: "5xx HTML", status: 503, body: `<html>`, unexpect: true, retry: true},
		{name: "429 empty", status: 429, body: ``, unexpect: true, retry: true},
		{name: "null", status: 200, body: `null`, unexpect: true},
		{name: "array", status: 200, body: `[{"errcode":0}]`, unexpect: true},
		{name: "bare number", status: 200, body: `0`, unexpect: true},
		{name: "trailing garbage", status: 200, body: `{"errcode":0}xyz`, unexpect: true},
		{name: "errcode bool", status: 200, body: `{"errcode":true}`, unexpect: true},
		{name: "errcode fraction", status: 200, body: `{"errcode":1.5}`, unexpect: true},
		{name: "errcode overflow", status: 200, body: `{"errcode":9223372036854775808}`, unexpect: true},
		{name: "errcode object", status: 200, body: `{"errcode":{}}`, unexpect: true},
		{name: "wrong field type", status: 200, body: `{"errcode":0,"userid":7}`, unexpect: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out answer
			err := decodeResponse("/cgi-bin/user/get", response(tc.status, "application/json", tc.body), &out)
			switch {
			case tc.code != 0:
				var apiErr *wecom.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tc.code, apiErr.Code)
				assert.Equal(t, "/cgi-bin/user/get", apiErr.Path)
			case tc.unexpect:
				require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
			default:
				require.NoError(t, err)
				assert.Equal(t, tc.userID, out.UserID)
			}
			if err != nil {
				assert.Equal(t, tc.retry, transient(err), "transient")
			}
		})
	}
}

func TestDecodeResponseReadFailure(t *testing.T) {
	resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(io.MultiReader(
		bytes.NewReader([]byte(`{"errcode":0,"user`)), errReader{io.ErrUnexpectedEOF}))}
	err := decodeResponse("/p", resp, nil)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.True(t, transient(err))
}

func TestLenientIntEdgeCases(t *testing.T) {
	for in, want := range map[string]lenientInt{
		`0`: 0, `-0`: 0, `"42"`: 42, `" 42 "`: 42, `"\u0034\u0032"`: 42, `null`: 0, `""`: 0,
		`-1`: -1, `1.0`: 1, `"1.0"`: 1, `4e4`: 40000, `40014`: 40014, `-9007199254740992`: -1 << 53,
	} {
		var n lenientInt
		require.NoError(t, json.Unmarshal([]byte(in), &n), in)
		assert.Equal(t, want, n, in)
	}
	for _, in := range []string{
		`"abc"`, `1.5`, `"1.5"`, `1e300`, `9223372036854775808`, `"9223372036854775808"`,
		`true`, `{}`, `[]`, `"NaN"`, `"Inf"`, `"null"`, `1e16`,
	} {
		var n lenientInt
		assert.ErrorIs(t, json.Unmarshal([]byte(in), &n), errNotInteger, in)
	}
}

// FuzzDecodeResponse: whatever the status and body, decodeResponse never
// panics and returns nil, a *wecom.APIError with a non-zero code, or an
// error wrapping wecom.ErrUnexpectedResponse; nil only for a 2xx JSON
// object whose errcode is absent or 0.
func FuzzDecodeResponse(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{200, `{"errcode":0,"errmsg":"ok","userid":"u","department":[1,2]}`},
		{200, `{"errcode":"40014","errmsg":"invalid access_token"}`},
		{200, `{"access_token":"x","expires_in":7200}`},
		{502, `<html>bad gateway</html>`},
		{500, `{"errcode":0}`},
		{200, ``},
		{200, `null`},
		{200, `{"errcode":1e3}`},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	type answer struct {
		UserID     string         `json:"userid"`
		Department []int          `json:"department"`
		ExpiresIn  int64          `json:"expires_in"`
		Extra      map[string]any `json:"extra"`
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		var out answer
		err := decodeResponse("/cgi-bin/x", &http.Response{
			StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(bytes.NewReader(body)),
		}, &out)
		if err == nil {
			if status/100 != 2 {
				t.Fatalf("success with HTTP %d", status)
			}
			var env struct { // errmsg of another type is tolerated
				ErrCode lenientInt `json:"errcode"`
			}
			if !isJSONObject(body) || json.Unmarshal(body, &env) != nil || env.ErrCode != 0 {
				t.Fatalf("success for %q", body)
			}
			return
		}
		var apiErr *wecom.APIError
		if errors.As(err, &apiErr) {
			if apiErr.Code == 0 {
				t.Fatalf("APIError with code 0 for %q", body)
			}
			return
		}
		if !errors.Is(err, wecom.ErrUnexpectedResponse) {
			t.Fatalf("error %v is neither an APIError nor ErrUnexpectedResponse", err)
		}
	})
}

// answerDecoder records what the core handed it.
type answerDecoder struct{ got []byte }

func (d *answerDecoder) DecodeAnswer(b []byte) error {
	d.got = bytes.Clone(b)
	var v map[string]any
	return json.Unmarshal(b, &v)
}

// selfDecoder is a json.Unmarshaler that trusts its input, as the
// json.Unmarshaler contract lets it.
type selfDecoder struct{ called bool }

func (d *selfDecoder) UnmarshalJSON([]byte) error { d.called = true; return nil }

func TestDecodeResponseSelfDecodingDestinations(t *testing.T) {
	var d answerDecoder
	require.NoError(t, decodeResponse("/p", response(200, "application/json", `{"errcode":0,"a":1}`), &d))
	assert.JSONEq(t, `{"errcode":0,"a":1}`, string(d.got))
	err := decodeResponse("/p", response(200, "application/json", `{"errcode":0,"a":[}`), &d)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse, "the decoder's own validation fails the call")

	var u selfDecoder
	require.NoError(t, decodeResponse("/p", response(200, "application/json", ` {"errcode":0,"a":1} `), &u))
	assert.True(t, u.called)
	u = selfDecoder{}
	err = decodeResponse("/p", response(200, "application/json", `{"errcode":0,"a":[}`), &u)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
	assert.False(t, u.called, "a json.Unmarshaler never sees invalid JSON")
}

// FuzzScanEnvelope: on any valid JSON, the scan reads errcode and errmsg
// as encoding/json does into envelope, and accepts exactly what it
// accepts; on invalid JSON it never panics.
func FuzzScanEnvelope(f *testing.F) {
	for _, seed := range []string{
		`{"errcode":0,"errmsg":"ok"}`, `{"errcode":"40014","errmsg":"x"}`, `{"ErrCode":5}`, `{"errcode":1,"errcode":2}`,
		`{"errcod\u0065":7,"errmsg":"\u00e9"}`, `{"a":{"errcode":3},"b":[1,"x",{"c":null}]}`, `{"errcode":1e2}`,
		`{"errcode":-0}`, `{"errcode":null,"errmsg":null}`, `{"errcode":0,"errmsg":5}`, `{"errmsg":{"a":1},"errcode":"7"}`, `{}`, ` { "errcode" : 12 , "errmsg" : "a\"b" } `, `[]`, `"x"`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		code, msg, ok := scanEnvelope(data)
		if !json.Valid(data) {
			return
		}
		var env struct { // errmsg of another type is tolerated
			ErrCode lenientInt `json:"errcode"`
		}
		err := json.Unmarshal(data, &env)
		wantOK := isJSONObject(data) && err == nil
		if ok != wantOK {
			t.Fatalf("scan ok=%v, encoding/json ok=%v (%v) for %q", ok, wantOK, err, data)
		}
		if !ok {
			return
		}
		if code != int(env.ErrCode) {
			t.Fatalf("errcode %d, encoding/json %d for %q", code, env.ErrCode, data)
		}
		var full envelope
		if m := errMessage(msg); json.Unmarshal(data, &full) == nil && m != full.ErrMsg {
			t.Fatalf("errmsg %q, encoding/json %q for %q", m, full.ErrMsg, data)
		}
	})
}

// An errmsg that is not a string does not fail a successful answer, and
// is shown as written in a failed one.
func TestDecodeResponseOddErrmsg(t *testing.T) {
	var out struct {
		V int `json:"v"`
	}
	require.NoError(t, decodeResponse("/p", response(200, "application/json", `{"errcode":0,"errmsg":5,"v":1}`), &out))
	assert.Equal(t, 1, out.V)
	err := decodeResponse("/p", response(200, "application/json", `{"errcode":"40013","errmsg":{"k":"v"}}`), nil)
	var apiErr *wecom.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 40013, apiErr.Code)
	assert.Equal(t, `{"k":"v"}`, apiErr.Message)
}

// A Content-Length that claims far more than arrives does not make the
// core allocate what it claims.
func TestDecodeResponseDoesNotTrustAHugeContentLength(t *testing.T) {
	resp := response(200, "application/json", `{"errcode":0}`)
	resp.ContentLength = MaxResponseSize
	var ms1, ms2 runtime.MemStats
	runtime.ReadMemStats(&ms1)
	resp.Body = io.NopCloser(bytes.NewReader([]byte(`{"errcode":0}`)))
	require.NoError(t, decodeResponse("/p", resp, nil))
	runtime.ReadMemStats(&ms2)
	assert.Less(t, ms2.TotalAlloc-ms1.TotalAlloc, uint64(1<<20), "bytes allocated for a 13-byte answer")
}
