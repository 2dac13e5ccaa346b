package wecomtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// newTestServer starts a fake closed at the end of the test.
func newTestServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	return NewTestServer(t, opts...)
}

// answer is a decoded JSON answer.
type answer map[string]any

// code returns the errcode of an answer, failing when there is none.
func (a answer) code(t *testing.T) int {
	t.Helper()
	v, ok := a["errcode"].(float64)
	require.True(t, ok, "answer has no numeric errcode: %v", a)
	return int(v)
}

func (a answer) str(key string) string {
	s, _ := a[key].(string)
	return s
}

// noRedirect is a client that returns 302 answers instead of following.
func noRedirect(s *Server) *http.Client {
	c := *s.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// do sends a request to the fake and decodes the JSON answer.
func do(t *testing.T, s *Server, method, path string, query url.Values, body []byte) answer {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL()+path+"?"+query.Encode(), r)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var a answer
	require.NoError(t, json.Unmarshal(data, &a), "answer is not JSON: %q", data)
	return a
}

func get(t *testing.T, s *Server, path string, query url.Values) answer {
	t.Helper()
	return do(t, s, http.MethodGet, path, query, nil)
}

// post sends body (a []byte or string as is, anything else as JSON).
func post(t *testing.T, s *Server, path string, query url.Values, body any) answer {
	t.Helper()
	var raw []byte
	switch b := body.(type) {
	case []byte:
		raw = b
	case string:
		raw = []byte(b)
	default:
		var err error
		raw, err = json.Marshal(body)
		require.NoError(t, err)
	}
	return do(t, s, http.MethodPost, path, query, raw)
}

// accessToken gets a token with gettoken, failing the test on an errcode.
func accessToken(t *testing.T, s *Server, corpID, secret string) string {
	t.Helper()
	a := get(t, s, "/cgi-bin/gettoken", url.Values{"corpid": {corpID}, "corpsecret": {secret}})
	require.Equal(t, 0, a.code(t), "gettoken: %v", a)
	tok := a.str("access_token")
	require.NotEmpty(t, tok)
	return tok
}

// appToken is the token of the default app.
func appToken(t *testing.T, s *Server) url.Values {
	t.Helper()
	return url.Values{"access_token": {accessToken(t, s, DefaultCorpID, DefaultSecret)}}
}

// with returns q plus name=value.
func with(q url.Values, pairs ...string) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		out.Set(pairs[i], pairs[i+1])
	}
	return out
}

// remarshal decodes a part of an answer into v.
func remarshal(t *testing.T, in, v any) {
	t.Helper()
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, v))
}
