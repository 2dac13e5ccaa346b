package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

const base = "https://qyapi.weixin.qq.com"

// fakeSource hands out "TOKEN-1", "TOKEN-2", ... and records invalidations.
type fakeSource struct {
	mu          sync.Mutex
	n           int
	invalidated []string
}

func (s *fakeSource) Token(context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n == 0 {
		s.n = 1
	}
	return "TOKEN-" + string(rune('0'+s.n)), nil
}

func (s *fakeSource) Invalidate(_ context.Context, stale string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.invalidated = append(s.invalidated, stale)
	s.n++
	return nil
}

func newTestClient(t *testing.T, opts ...wecom.Option) (*Client, *httpmock.MockTransport, *bytes.Buffer) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	all := append([]wecom.Option{
		wecom.WithHTTPClient(&http.Client{Transport: mt}),
		wecom.WithLogger(logger),
		wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}),
	}, opts...)
	return New(wecom.NewOptions(all...)), mt, &logs
}

func jsonResponder(t *testing.T, calls *atomic.Int64, check func(*http.Request), bodies ...string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		n := calls.Add(1)
		if check != nil {
			check(req)
		}
		body := bodies[min(int(n)-1, len(bodies)-1)]
		return httpmock.NewStringResponse(http.StatusOK, body), nil
	}
}

func TestDoSendsCredentialQueryAndJSONBody(t *testing.T) {
	c, mt, _ := newTestClient(t)
	src := &fakeSource{}
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/message/send", jsonResponder(t, &calls, func(req *http.Request) {
		assert.Equal(t, "TOKEN-1", req.URL.Query().Get("access_token"))
		assert.Equal(t, "1", req.URL.Query().Get("debug"))
		assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
		body, _ := io.ReadAll(req.Body)
		assert.Equal(t, `{"text":{"content":"<a href=\"x\">go</a> & more"}}`, string(body), "no HTML escaping")
	}, `{"errcode":0,"errmsg":"ok","msgid":"M1"}`))

	var out struct {
		MsgID string `json:"msgid"`
	}
	in := map[string]any{"text": map[string]string{"content": `<a href="x">go</a> & more`}}
	err := c.Do(context.Background(), AccessToken(src), Request{
		Method: http.MethodPost, Path: "/cgi-bin/message/send",
		Query: map[string][]string{"debug": {"1"}}, Body: in, Safety: Never,
	}, &out)
	require.NoError(t, err)
	assert.Equal(t, "M1", out.MsgID)
	assert.EqualValues(t, 1, calls.Load())
}

func TestDoCredentialParamPerAuthKind(t *testing.T) {
	for _, tc := range []struct {
		auth  *Auth
		param string
	}{
		{AccessToken(&fakeSource{}), "access_token"},
		{SuiteAccessToken(&fakeSource{}), "suite_access_token"},
		{ProviderAccessToken(&fakeSource{}), "provider_access_token"},
		{ProviderAccessToken(&fakeSource{}).WithParam("access_token"), "access_token"},
	} {
		c, mt, _ := newTestClient(t)
		mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x", func(req *http.Request) (*http.Response, error) {
			q := req.URL.Query()
			assert.Equal(t, "TOKEN-1", q.Get(tc.param), tc.param)
			assert.Len(t, q, 1, "only the credential is in the query")
			return httpmock.NewStringResponse(200, `{}`), nil
		})
		require.NoError(t, c.Do(context.Background(), tc.auth, Request{Method: http.MethodGet, Path: "/cgi-bin/x"}, nil))
	}
}

func TestDoDecodesErrcode(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		code       int
	}{
		{"missing errcode is success", `{"access_token":"x"}`, 0},
		{"zero", `{"errcode":0,"errmsg":"created"}`, 0},
		{"number", `{"errcode":60111,"errmsg":"userid not found"}`, 60111},
		{"string", `{"errcode":"60111","errmsg":"userid not found"}`, 60111},
		{"negative", `{"errcode":-1,"errmsg":"system busy"}`, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt, _ := newTestClient(t)
			mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/user/get", httpmock.NewStringResponder(200, tc.body))
			err := c.Do(context.Background(), nil, Request{Method: http.MethodGet, Path: "/cgi-bin/user/get"}, nil)
			if tc.code == 0 {
				require.NoError(t, err)
				return
			}
			var apiErr *wecom.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.code, apiErr.Code)
			assert.Equal(t, "/cgi-bin/user/get", apiErr.Path)
		})
	}
}

func TestDoUnexpectedBodies(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
	}{
		{"html", 200, "<html>gateway</html>"},
		{"truncated", 200, `{"errcode":0,"userlist":[`},
		{"wrong shape", 200, `{"errcode":0,"userid":123}`},
		{"502 page", 502, "bad gateway"},
		{"empty", 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt, _ := newTestClient(t)
			mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/x", httpmock.NewStringResponder(tc.status, tc.body))
			var out struct {
				UserID string `json:"userid"`
			}
			err := c.Do(context.Background(), nil, Request{Method: http.MethodPost, Path: "/cgi-bin/x", Body: struct{}{}}, &out)
			require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
		})
	}
}

func TestDoOversizedBody(t *testing.T) {
	c, mt, _ := newTestClient(t)
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x", func(*http.Request) (*http.Response, error) {
		big := io.MultiReader(strings.NewReader(`{"a":"`), io.LimitReader(zeros{}, MaxResponseSize), strings.NewReader(`"}`))
		return &http.Response{StatusCode: 200, Body: io.NopCloser(big), Header: http.Header{}}, nil
	})
	err := c.Do(context.Background(), nil, Request{Method: http.MethodGet, Path: "/cgi-bin/x"}, nil)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
	assert.Contains(t, err.Error(), "larger than")
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '0'
	}
	return len(p), nil
}

func TestDoRefreshesInvalidTokenOnce(t *testing.T) {
	for _, code := range []string{"40014", "42001", "40001"} {
		t.Run(code, func(t *testing.T) {
			c, mt, _ := newTestClient(t)
			src := &fakeSource{}
			var calls atomic.Int64
			var tokens []string
			mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/message/send", jsonResponder(t, &calls, func(req *http.Request) {
				tokens = append(tokens, req.URL.Query().Get("access_token"))
			}, `{"errcode":`+code+`,"errmsg":"invalid"}`, `{"errcode":0,"msgid":"M"}`))
			err := c.Do(context.Background(), AccessToken(src), Request{Method: http.MethodPost, Path: "/cgi-bin/message/send", Body: struct{}{}, Safety: Never}, nil)
			require.NoError(t, err)
			assert.Equal(t, []string{"TOKEN-1", "TOKEN-2"}, tokens, "second attempt carries the fresh token")
			assert.Equal(t, []string{"TOKEN-1"}, src.invalidated)
		})
	}
}

func TestDoInvalidTokenTwiceReturnsError(t *testing.T) {
	c, mt, _ := newTestClient(t)
	src := &fakeSource{}
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/user/get", jsonResponder(t, &calls, nil, `{"errcode":42001,"errmsg":"expired"}`))
	err := c.Do(context.Background(), AccessToken(src), Request{Method: http.MethodGet, Path: "/cgi-bin/user/get", Safety: Idempotent}, nil)
	require.Equal(t, 42001, wecom.ErrCode(err))
	assert.EqualValues(t, 2, calls.Load(), "one refresh, no loop")
	assert.Len(t, src.invalidated, 1)
}

func TestDoSuiteTokenCodes(t *testing.T) {
	c, mt, _ := newTestClient(t)
	src := &fakeSource{}
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/service/get_pre_auth_code",
		jsonResponder(t, &calls, nil, `{"errcode":42009,"errmsg":"suite token expired"}`, `{"errcode":0,"pre_auth_code":"P"}`))
	require.NoError(t, c.Do(context.Background(), SuiteAccessToken(src), Request{Method: http.MethodGet, Path: "/cgi-bin/service/get_pre_auth_code"}, nil))
	assert.EqualValues(t, 2, calls.Load())

	// 42009 is not a corp-token code: a corp call is not retried on it.
	calls.Store(0)
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/user/get", jsonResponder(t, &calls, nil, `{"errcode":42009}`))
	err := c.Do(context.Background(), AccessToken(src), Request{Method: http.MethodGet, Path: "/cgi-bin/user/get"}, nil)
	assert.Equal(t, 42009, wecom.ErrCode(err))
	assert.EqualValues(t, 1, calls.Load())
}

func TestDoTransientRetriesBySafety(t *testing.T) {
	for _, tc := range []struct {
		name      string
		path      string
		safety    Safety
		body      string
		wantCalls int64
	}{
		{"send on -1 is sent once", "/cgi-bin/x", Never, `{"errcode":-1,"errmsg":"system busy"}`, 1},
		{"send on 45009 is sent once", "/cgi-bin/x", Never, `{"errcode":45009}`, 1},
		{"read on -1 is retried", "/cgi-bin/x", Idempotent, `{"errcode":-1}`, 3},
		{"read on 45033 is retried", "/cgi-bin/x", Idempotent, `{"errcode":45033}`, 3},
		{"read on 45009 is retried", "/cgi-bin/x", Idempotent, `{"errcode":45009}`, 3},
		{"write on -1 is not retried", "/cgi-bin/x", Unsafe, `{"errcode":-1}`, 1},
		{"write on 45009 is not retried", "/cgi-bin/x", Unsafe, `{"errcode":45009}`, 1},
		{"read on a permanent error is not retried", "/cgi-bin/x", Idempotent, `{"errcode":60111}`, 1},
		// The delivery table overrides what the request says.
		{"message/send marked Idempotent is sent once", "/cgi-bin/message/send", Idempotent, `{"errcode":-1}`, 1},
		{"kf/send_msg marked Idempotent is sent once", "/cgi-bin/kf/send_msg", Idempotent, `{"errcode":45009}`, 1},
		{"appchat/send spelled oddly is sent once", "/cgi-bin//AppChat/send/", Idempotent, `{"errcode":-1}`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt, _ := newTestClient(t)
			var calls atomic.Int64
			mt.RegisterResponder(http.MethodPost, base+tc.path, jsonResponder(t, &calls, nil, tc.body))
			err := c.Do(context.Background(), AccessToken(&fakeSource{}), Request{Method: http.MethodPost, Path: tc.path, Body: struct{}{}, Safety: tc.safety}, nil)
			require.Error(t, err)
			assert.Equal(t, tc.wantCalls, calls.Load())
		})
	}
}

func TestDoRetriedReadSucceeds(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x", func(*http.Request) (*http.Response, error) {
		switch calls.Add(1) {
		case 1:
			return httpmock.NewStringResponse(503, "unavailable"), nil
		case 2:
			return nil, errors.New("connection reset by peer")
		}
		return httpmock.NewStringResponse(200, `{"errcode":0,"v":7}`), nil
	})
	var out struct{ V int }
	require.NoError(t, c.Do(context.Background(), nil, Request{Method: http.MethodGet, Path: "/cgi-bin/x", Safety: Idempotent}, &out))
	assert.Equal(t, 7, out.V)
	assert.EqualValues(t, 3, calls.Load())
}

func TestDoNetworkErrorOnSendIsNotRepeated(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/message/send", func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		return nil, errors.New("connection reset by peer")
	})
	err := c.Do(context.Background(), AccessToken(&fakeSource{}),
		Request{Method: http.MethodPost, Path: "/cgi-bin/message/send", Body: struct{}{}, Safety: Idempotent}, nil)
	require.Error(t, err)
	assert.EqualValues(t, 1, calls.Load())
}

func TestDoRedactsCredentialsInErrorsAndLogs(t *testing.T) {
	c, mt, logs := newTestClient(t)
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/gettoken", httpmock.NewErrorResponder(errors.New("dial tcp: connection refused")))
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/user/get", httpmock.NewErrorResponder(errors.New("dial tcp: connection refused")))

	err := c.Do(context.Background(), nil, Request{
		Method: http.MethodGet, Path: "/cgi-bin/gettoken",
		Query: map[string][]string{"corpid": {"ww1"}, "corpsecret": {"SUPERSECRET"}}, Safety: Idempotent,
	}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "SUPERSECRET")
	assert.Contains(t, err.Error(), "connection refused")

	err = c.Do(context.Background(), AccessToken(&fakeSource{}), Request{Method: http.MethodGet, Path: "/cgi-bin/user/get"}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "TOKEN-1")
	var ue interface{ Unwrap() error }
	require.ErrorAs(t, err, &ue)
	for e := error(err); e != nil; e = errors.Unwrap(e) {
		assert.NotContains(t, e.Error(), "TOKEN-1", "no wrapped error carries the token")
	}
	assert.NotContains(t, logs.String(), "SUPERSECRET")
	assert.NotContains(t, logs.String(), "TOKEN-1")
	assert.Contains(t, logs.String(), "/cgi-bin/user/get", "the path is logged")
}

func TestRedactURL(t *testing.T) {
	got := redactURL("https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=S&access_token=T&code=C&suite_access_token=X")
	assert.NotContains(t, got, "=S")
	assert.NotContains(t, got, "=T")
	assert.NotContains(t, got, "=C")
	assert.NotContains(t, got, "=X")
	assert.Contains(t, got, "corpid=ww1")
	assert.Equal(t, "(unparsable URL)", redactURL("%zz://x"))
}

func TestDoTimeout(t *testing.T) {
	c, mt, _ := newTestClient(t, wecom.WithTimeout(20*time.Millisecond))
	mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/x", func(req *http.Request) (*http.Response, error) {
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	start := time.Now()
	err := c.Do(context.Background(), nil, Request{Method: http.MethodPost, Path: "/cgi-bin/x", Body: struct{}{}}, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second)
}

func TestDoCallerCancellationStopsRetries(t *testing.T) {
	c, mt, _ := newTestClient(t, wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 10, BaseDelay: time.Second, MaxDelay: time.Second}))
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/x", jsonResponder(t, &calls, nil, `{"errcode":-1}`))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, nil, Request{Method: http.MethodGet, Path: "/cgi-bin/x", Safety: Idempotent}, nil)
	assert.Equal(t, -1, wecom.ErrCode(err), "the last WeCom error is returned")
	assert.Less(t, time.Since(start), 500*time.Millisecond)
	assert.EqualValues(t, 1, calls.Load())
}

func TestDoTokenSourceError(t *testing.T) {
	c, _, _ := newTestClient(t)
	err := c.Do(context.Background(), AccessToken(errSource{}), Request{Method: http.MethodGet, Path: "/cgi-bin/x"}, nil)
	require.ErrorIs(t, err, errNoToken)
}

var errNoToken = errors.New("no token")

type errSource struct{}

func (errSource) Token(context.Context) (string, error)    { return "", errNoToken }
func (errSource) Invalidate(context.Context, string) error { return nil }

func TestUploadStreamsMultipart(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/media/upload", func(req *http.Request) (*http.Response, error) {
		n := calls.Add(1)
		assert.Equal(t, "image", req.URL.Query().Get("type"))
		assert.Equal(t, "TOKEN-"+string(rune('0'+n)), req.URL.Query().Get("access_token"))
		mt, params, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
		require.NoError(t, err)
		assert.Equal(t, "multipart/form-data", mt)
		raw, _ := io.ReadAll(req.Body)
		assert.EqualValues(t, len(raw), req.ContentLength, "Content-Length is exact")
		part, err := multipart.NewReader(bytes.NewReader(raw), params["boundary"]).NextPart()
		require.NoError(t, err)
		assert.Equal(t, "media", part.FormName())
		assert.Equal(t, "a.png", part.FileName())
		assert.Contains(t, part.Header.Get("Content-Disposition"), "filelength=11")
		content, _ := io.ReadAll(part)
		assert.Equal(t, "hello image", string(content))
		if n == 1 {
			return httpmock.NewStringResponse(200, `{"errcode":40014}`), nil
		}
		return httpmock.NewStringResponse(200, `{"errcode":0,"type":"image","media_id":"MID"}`), nil
	})
	var out struct {
		MediaID string `json:"media_id"`
	}
	err := c.Upload(context.Background(), AccessToken(&fakeSource{}),
		Request{Method: http.MethodPost, Path: "/cgi-bin/media/upload", Query: map[string][]string{"type": {"image"}}},
		File{Name: "a.png", Reader: strings.NewReader("hello image"), Size: -1}, &out)
	require.NoError(t, err)
	assert.Equal(t, "MID", out.MediaID)
	assert.EqualValues(t, 2, calls.Load(), "a seekable upload is repeated once after an invalid token")
}

func TestUploadNonSeekableIsNotRepeated(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/media/upload", func(req *http.Request) (*http.Response, error) {
		calls.Add(1)
		_, _ = io.Copy(io.Discard, req.Body)
		assert.Zero(t, req.ContentLength, "unknown size: no Content-Length, so chunked")
		return httpmock.NewStringResponse(200, `{"errcode":40014,"errmsg":"invalid"}`), nil
	})
	err := c.Upload(context.Background(), AccessToken(&fakeSource{}),
		Request{Method: http.MethodPost, Path: "/cgi-bin/media/upload"},
		File{Name: "a.bin", Reader: io.MultiReader(strings.NewReader("x")), Size: -1}, nil)
	assert.Equal(t, 40014, wecom.ErrCode(err))
	assert.EqualValues(t, 1, calls.Load())
}

func TestDownloadStreamsFile(t *testing.T) {
	c, mt, _ := newTestClient(t)
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/media/get", func(req *http.Request) (*http.Response, error) {
		assert.Equal(t, "MID", req.URL.Query().Get("media_id"))
		r := httpmock.NewStringResponse(200, "binary\x00data")
		r.Header.Set("Content-Type", "image/png")
		r.Header.Set("Content-Disposition", `attachment; filename="photo.png"`)
		return r, nil
	})
	var buf bytes.Buffer
	d, err := c.Download(context.Background(), AccessToken(&fakeSource{}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/media/get", Query: map[string][]string{"media_id": {"MID"}}}, &buf)
	require.NoError(t, err)
	assert.Equal(t, "binary\x00data", buf.String())
	assert.Equal(t, &Download{Filename: "photo.png", ContentType: "image/png", Size: 11}, d)
}

func TestDownloadJSONErrorWritesNothing(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/media/get", func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		r := httpmock.NewStringResponse(200, `{"errcode":40007,"errmsg":"invalid media_id"}`)
		r.Header.Set("Content-Type", "application/json; charset=utf-8")
		return r, nil
	})
	var buf bytes.Buffer
	_, err := c.Download(context.Background(), AccessToken(&fakeSource{}), Request{Method: http.MethodGet, Path: "/cgi-bin/media/get"}, &buf)
	assert.Equal(t, 40007, wecom.ErrCode(err))
	assert.Zero(t, buf.Len())
	assert.EqualValues(t, 1, calls.Load())
}

func TestDownloadRefreshesTokenBeforeWriting(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/media/get", func(*http.Request) (*http.Response, error) {
		if calls.Add(1) == 1 {
			r := httpmock.NewStringResponse(200, `{"errcode":42001}`)
			r.Header.Set("Content-Type", "text/plain")
			return r, nil
		}
		r := httpmock.NewStringResponse(200, "file")
		r.Header.Set("Content-Type", "application/octet-stream")
		return r, nil
	})
	var buf bytes.Buffer
	_, err := c.Download(context.Background(), AccessToken(&fakeSource{}), Request{Method: http.MethodGet, Path: "/cgi-bin/media/get"}, &buf)
	require.NoError(t, err)
	assert.Equal(t, "file", buf.String())
}

func TestDownloadBrokenStreamIsNotRepeated(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/media/get", func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		body := io.MultiReader(strings.NewReader("partial"), errReader{io.ErrUnexpectedEOF})
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"video/mp4"}}, Body: io.NopCloser(body)}, nil
	})
	var buf bytes.Buffer
	_, err := c.Download(context.Background(), AccessToken(&fakeSource{}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/media/get", Safety: Idempotent}, &buf)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.EqualValues(t, 1, calls.Load(), "bytes were written: no second attempt")
	assert.Equal(t, "partial", buf.String())
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

func TestLenientInt(t *testing.T) {
	for in, want := range map[string]lenientInt{`0`: 0, `"42"`: 42, `null`: 0, `""`: 0, `-1`: -1} {
		var n lenientInt
		require.NoError(t, json.Unmarshal([]byte(in), &n), in)
		assert.Equal(t, want, n, in)
	}
	var n lenientInt
	assert.Error(t, json.Unmarshal([]byte(`"abc"`), &n))
}

func TestDoRejectsMalformedRequestsBeforeAnyCall(t *testing.T) {
	for _, req := range []Request{
		{Method: http.MethodGet, Path: "/cgi-bin/%zz"},
		{Method: http.MethodGet, Path: "cgi-bin/user/get"},
		{Method: http.MethodGet, Path: "https://evil.example/cgi-bin/x"},
		{Method: http.MethodGet, Path: "/cgi-bin/a#frag"},
		{Method: http.MethodDelete, Path: "/cgi-bin/user/get"},
		{Method: "", Path: "/cgi-bin/user/get"},
	} {
		c, mt, _ := newTestClient(t)
		src := &fakeSource{}
		err := c.Do(context.Background(), AccessToken(src), req, nil)
		require.ErrorIs(t, err, wecom.ErrConfig, req.Path)
		assert.Zero(t, mt.GetTotalCallCount(), req.Path)
		assert.Zero(t, src.n, "no token was even asked for")
	}
}

func TestEncodeQueryMatchesURLValues(t *testing.T) {
	for _, q := range []url.Values{
		{}, {"userid": {"zhang san"}}, {"a b": {"1", "2&3"}}, {"x": {}}, {"b": {"2"}, "a": {"1"}},
	} {
		assert.Equal(t, q.Encode(), encodeQuery(q), "%v", q)
	}
}
