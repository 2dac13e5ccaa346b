package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

// slowFile serves its content in chunks with a pause before each.
func slowFile(w http.ResponseWriter, chunks int, pause time.Duration) {
	w.Header().Set("Content-Type", "video/mp4")
	w.Header().Set("Content-Disposition", `attachment; filename="v.mp4"`)
	w.WriteHeader(http.StatusOK)
	for range chunks {
		time.Sleep(pause)
		_, _ = w.Write(bytes.Repeat([]byte("x"), 1024))
		w.(http.Flusher).Flush()
	}
}

// The timeout bounds pauses in a download, not its length: a file that
// keeps moving is never cut short, however long it takes in total.
func TestDownloadLongerThanTimeoutWhileMoving(t *testing.T) {
	c, _, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slowFile(w, 8, 25*time.Millisecond) // ~200ms in all
	}), wecom.WithTimeout(80*time.Millisecond))
	var buf bytes.Buffer
	d, err := c.Download(context.Background(), AccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/media/get", Safety: Idempotent}, &buf)
	require.NoError(t, err)
	assert.EqualValues(t, 8*1024, d.Size)
	assert.Equal(t, 8*1024, buf.Len())
	assert.Equal(t, "v.mp4", d.Filename)
}

// A stream that stalls mid-way times out, and is not repeated since bytes
// were written.
func TestDownloadStallTimesOut(t *testing.T) {
	var calls atomic.Int64
	c, _, logs := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		slowFile(w, 1, 0)
		<-r.Context().Done()
	}), wecom.WithTimeout(60*time.Millisecond))
	var buf bytes.Buffer
	_, err := c.Download(context.Background(), AccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/media/get", Safety: Idempotent}, &buf)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.EqualValues(t, 1, calls.Load())
	assert.Equal(t, 1024, buf.Len())
	assertNoSecret(t, err, logs.String(), secretToken)
}

// No headers within the timeout: a timeout, retried for a read.
func TestDownloadNoHeadersTimesOut(t *testing.T) {
	var calls atomic.Int64
	c, _, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		<-r.Context().Done()
	}), wecom.WithTimeout(40*time.Millisecond))
	_, err := c.Download(context.Background(), AccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/media/get", Safety: Idempotent}, io.Discard)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.EqualValues(t, 3, calls.Load())
}

func TestDownloadJSONWithoutErrcodeIsUnexpected(t *testing.T) {
	c, mt, _ := newTestClient(t)
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/media/get", func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(200, `{"errcode":0,"errmsg":"ok"}`)
		r.Header.Set("Content-Type", "application/json")
		return r, nil
	})
	var buf bytes.Buffer
	_, err := c.Download(context.Background(), AccessToken(&fakeSource{}), Request{Method: http.MethodGet, Path: "/cgi-bin/media/get"}, &buf)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
	assert.Zero(t, buf.Len())
}

func TestDownloadNon2xxIsUnexpected(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/media/get", func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		r := httpmock.NewStringResponse(404, "not found")
		r.Header.Set("Content-Type", "image/png")
		return r, nil
	})
	var buf bytes.Buffer
	_, err := c.Download(context.Background(), AccessToken(&fakeSource{}), Request{Method: http.MethodGet, Path: "/cgi-bin/media/get", Safety: Idempotent}, &buf)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
	assert.Zero(t, buf.Len())
	assert.EqualValues(t, 1, calls.Load(), "a 404 is not transient")
}

type failingWriter struct{ n atomic.Int64 }

func (w *failingWriter) Write([]byte) (int, error) {
	w.n.Add(1)
	return 0, errors.New("disk full")
}

func TestDownloadWriterFailureIsFinal(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/media/get", func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		r := httpmock.NewStringResponse(200, "file content")
		r.Header.Set("Content-Type", "application/octet-stream")
		return r, nil
	})
	_, err := c.Download(context.Background(), AccessToken(&fakeSource{}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/media/get", Safety: Idempotent}, &failingWriter{})
	require.ErrorContains(t, err, "write: disk full")
	assert.NotErrorIs(t, err, wecom.ErrUnexpectedResponse)
	assert.EqualValues(t, 1, calls.Load())
}

// A body that fails before any byte reached the writer may be retried.
func TestDownloadFailureBeforeFirstByteIsRetried(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/media/get", func(*http.Request) (*http.Response, error) {
		h := http.Header{"Content-Type": {"image/png"}}
		if calls.Add(1) == 1 {
			return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(errReader{io.ErrUnexpectedEOF})}, nil
		}
		return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader("png"))}, nil
	})
	var buf bytes.Buffer
	_, err := c.Download(context.Background(), AccessToken(&fakeSource{}),
		Request{Method: http.MethodGet, Path: "/cgi-bin/media/get", Safety: Idempotent}, &buf)
	require.NoError(t, err)
	assert.Equal(t, "png", buf.String())
	assert.EqualValues(t, 2, calls.Load())
}

func TestDownloadTruncatedFileIsUnexpected(t *testing.T) {
	c, mt, _ := newTestClient(t)
	mt.RegisterResponder(http.MethodGet, base+"/cgi-bin/media/get", func(*http.Request) (*http.Response, error) {
		body := io.MultiReader(strings.NewReader("partial"), errReader{io.ErrUnexpectedEOF})
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"video/mp4"}}, Body: io.NopCloser(body)}, nil
	})
	_, err := c.Download(context.Background(), AccessToken(&fakeSource{}), Request{Method: http.MethodGet, Path: "/cgi-bin/media/get"}, io.Discard)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
}

// slowReader hands out its content a chunk at a time, pausing before each.
type slowReader struct {
	r     io.Reader
	pause time.Duration
}

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(s.pause)
	return s.r.Read(p[:min(len(p), 512)])
}

// An upload that keeps moving is not cut short by the timeout.
func TestUploadLongerThanTimeoutWhileMoving(t *testing.T) {
	content := bytes.Repeat([]byte("y"), 8*512)
	c, _, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, _, err := r.FormFile("media")
		if !assert.NoError(t, err) {
			return
		}
		got, _ := io.ReadAll(f)
		assert.Equal(t, content, got)
		_, _ = w.Write([]byte(`{"errcode":0,"media_id":"M"}`))
	}), wecom.WithTimeout(80*time.Millisecond))
	var out struct {
		MediaID string `json:"media_id"`
	}
	err := c.Upload(context.Background(), AccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodPost, Path: "/cgi-bin/media/upload"},
		File{Name: "a.bin", Reader: &slowReader{r: bytes.NewReader(content), pause: 25 * time.Millisecond}, Size: int64(len(content))}, &out)
	require.NoError(t, err)
	assert.Equal(t, "M", out.MediaID)
}

// A server that answers "invalid token" before reading the upload: the
// retry rewinds the content while net/http may still be sending the first
// copy; run with -race. The second attempt carries the whole content.
func TestUploadRetryAfterEarlyAnswerSendsWholeContent(t *testing.T) {
	content := bytes.Repeat([]byte("0123456789abcdef"), 256<<10/16) // 256 KiB
	want := sha256.Sum256(content)
	var calls atomic.Int64
	c, _, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Connection", "close")
			_, _ = w.Write([]byte(`{"errcode":40014,"errmsg":"invalid access_token"}`))
			return
		}
		f, hdr, err := r.FormFile("media")
		if !assert.NoError(t, err) {
			return
		}
		got, _ := io.ReadAll(f)
		assert.Equal(t, want, sha256.Sum256(got))
		assert.Equal(t, "报告 \"final\".bin", hdr.Filename)
		_, _ = w.Write([]byte(`{"errcode":0,"media_id":"M"}`))
	}))
	src := &fakeSource{}
	r := bytes.NewReader(content)
	err := c.Upload(context.Background(), AccessToken(src),
		Request{Method: http.MethodPost, Path: "/cgi-bin/media/upload"},
		File{Name: "报告 \"final\".bin", Reader: r, Size: -1}, nil)
	require.NoError(t, err)
	assert.EqualValues(t, 2, calls.Load())
	assert.Equal(t, []string{"TOKEN-1"}, src.invalidated)
	// Upload has returned: nothing reads the caller's reader any more.
	pos, _ := r.Seek(0, io.SeekCurrent)
	time.Sleep(20 * time.Millisecond)
	pos2, _ := r.Seek(0, io.SeekCurrent)
	assert.Equal(t, pos, pos2)
}

func TestUploadWithoutReader(t *testing.T) {
	c, mt, _ := newTestClient(t)
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/media/upload", jsonResponder(t, &calls, nil, `{"errcode":0}`))
	err := c.Upload(context.Background(), AccessToken(&fakeSource{}), Request{Method: http.MethodPost, Path: "/cgi-bin/media/upload"}, File{Name: "a"}, nil)
	require.ErrorIs(t, err, errNoContent)
	assert.Zero(t, calls.Load())
}

// A 307 cannot be followed with a streamed body: the answer is returned as
// unexpected, after one request, without hanging.
func TestUploadTemporaryRedirect(t *testing.T) {
	var calls atomic.Int64
	c, _, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Redirect(w, r, "/elsewhere", http.StatusTemporaryRedirect)
	}))
	err := c.Upload(context.Background(), AccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodPost, Path: "/cgi-bin/media/upload"},
		File{Name: "a.txt", Reader: strings.NewReader("hello"), Size: 5}, nil)
	require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
	assert.Contains(t, err.Error(), "HTTP 307")
	assert.EqualValues(t, 1, calls.Load())
}

// A 302 is followed with a GET without a body: the Content-Length of the
// upload is not carried over to it.
func TestUploadFoundRedirect(t *testing.T) {
	var methods []string
	var lengths []int64
	c, _, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		methods = append(methods, r.Method)
		lengths = append(lengths, r.ContentLength)
		_, _ = io.Copy(io.Discard, r.Body)
		if r.URL.Path == "/cgi-bin/media/upload" {
			http.Redirect(w, r, "/moved", http.StatusFound)
			return
		}
		_, _ = w.Write([]byte(`{"errcode":0,"media_id":"M"}`))
	}))
	err := c.Upload(context.Background(), AccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodPost, Path: "/cgi-bin/media/upload"},
		File{Name: "a.txt", Reader: strings.NewReader("hello"), Size: 5}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{http.MethodPost, http.MethodGet}, methods)
	assert.Positive(t, lengths[0])
	assert.Zero(t, lengths[1])
}

// The Content-Length sent is exact for a reader of known size, and the
// declared filelength matches it.
func TestUploadKnownSizeFromCallerAndSeeker(t *testing.T) {
	for _, tc := range []struct {
		name string
		file File
	}{
		{"size given", File{Name: "a.bin", Reader: io.MultiReader(strings.NewReader("abcdef")), Size: 6}},
		{"size from seeker, mid-stream", File{Name: "a.bin", Reader: seekedTo(t, "xxabcdef", 2), Size: -1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt, _ := newTestClient(t)
			mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/media/upload", func(req *http.Request) (*http.Response, error) {
				raw, _ := io.ReadAll(req.Body)
				assert.EqualValues(t, len(raw), req.ContentLength)
				_, params, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
				part, err := multipart.NewReader(bytes.NewReader(raw), params["boundary"]).NextPart()
				require.NoError(t, err)
				assert.Contains(t, part.Header.Get("Content-Disposition"), "filelength=6")
				got, _ := io.ReadAll(part)
				assert.Equal(t, "abcdef", string(got))
				return httpmock.NewStringResponse(200, `{"errcode":0}`), nil
			})
			require.NoError(t, c.Upload(context.Background(), AccessToken(&fakeSource{}),
				Request{Method: http.MethodPost, Path: "/cgi-bin/media/upload"}, tc.file, nil))
		})
	}
}

func seekedTo(t *testing.T, s string, off int64) io.Reader {
	r := strings.NewReader(s)
	_, err := r.Seek(off, io.SeekStart)
	require.NoError(t, err)
	return r
}

// gatedReader hands out its first chunk, then waits for the server to have
// received it before handing out the rest: a client that read the whole
// content before sending (as resty does with a reader body) would never
// get past the gate.
type gatedReader struct {
	first, rest *bytes.Reader
	gate        <-chan struct{}
	opened      bool
}

func (g *gatedReader) Read(p []byte) (int, error) {
	if g.first.Len() > 0 {
		return g.first.Read(p)
	}
	if !g.opened {
		select {
		case <-g.gate:
			g.opened = true
		case <-time.After(3 * time.Second):
			return 0, errors.New("the first chunk never reached the server: the upload is buffered, not streamed")
		}
	}
	return g.rest.Read(p)
}

func TestUploadStreamsWithoutBuffering(t *testing.T) {
	gate := make(chan struct{})
	first, rest := bytes.Repeat([]byte{1}, 64<<10), []byte("tail")
	c, _, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read until the first chunk has arrived, then open the gate.
		var got bytes.Buffer
		buf := make([]byte, 4096)
		opened := false
		for {
			n, err := r.Body.Read(buf)
			got.Write(buf[:n])
			if !opened && bytes.Count(got.Bytes(), []byte{1}) >= len(first) {
				close(gate)
				opened = true
			}
			if err != nil {
				break
			}
		}
		assert.True(t, opened)
		assert.True(t, bytes.Contains(got.Bytes(), append(first[len(first)-10:], rest...)))
		_, _ = w.Write([]byte(`{"errcode":0,"media_id":"M"}`))
	}))
	err := c.Upload(context.Background(), AccessToken(&fixedSource{tok: secretToken}),
		Request{Method: http.MethodPost, Path: "/cgi-bin/media/upload"},
		File{Name: "big.bin", Reader: &gatedReader{first: bytes.NewReader(first), rest: bytes.NewReader(rest), gate: gate}, Size: int64(len(first) + len(rest))}, nil)
	require.NoError(t, err)
}
