package work

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

// uploadSeen is a multipart upload as the server saw it.
type uploadSeen struct {
	method, path  string
	query         map[string][]string
	contentLength int64
	field, name   string
	partType      string
	content       []byte
}

// stubUpload registers a responder for path that parses the multipart
// upload and answers reply.
func stubUpload(t *testing.T, mt *httpmock.MockTransport, path, reply string) func() []uploadSeen {
	t.Helper()
	var mu sync.Mutex
	var seen []uploadSeen
	mt.RegisterResponder(http.MethodPost, testBaseURL+path, func(req *http.Request) (*http.Response, error) {
		s := uploadSeen{method: req.Method, path: req.URL.Path, query: req.URL.Query(), contentLength: req.ContentLength}
		mediaType, params, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
		if err != nil || mediaType != "multipart/form-data" {
			return nil, errors.New("not a multipart request: " + req.Header.Get("Content-Type"))
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		if req.ContentLength > 0 && int64(len(body)) != req.ContentLength {
			return nil, errors.New("body length differs from Content-Length")
		}
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		part, err := mr.NextPart()
		if err != nil {
			return nil, err
		}
		s.field, s.name, s.partType = part.FormName(), part.FileName(), part.Header.Get("Content-Type")
		if s.content, err = io.ReadAll(part); err != nil {
			return nil, err
		}
		if _, err := mr.NextPart(); err != io.EOF {
			return nil, errors.New("more than one part")
		}
		mu.Lock()
		seen = append(seen, s)
		mu.Unlock()
		resp := httpmock.NewStringResponse(http.StatusOK, reply)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	return func() []uploadSeen {
		mu.Lock()
		defer mu.Unlock()
		return append([]uploadSeen(nil), seen...)
	}
}

func TestMediaUpload(t *testing.T) {
	content := []byte("\x89PNG fake image bytes")
	cases := []struct {
		name       string
		reader     io.Reader
		size       int64
		wantLength bool // a Content-Length on the request
	}{
		{"known size", bytes.NewReader(content), int64(len(content)), true},
		{"unknown size, seekable", bytes.NewReader(content), -1, true},
		{"unknown size, stream", iotest.HalfReader(bytes.NewReader(content)), -1, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			seen := stubUpload(t, mt, "/cgi-bin/media/upload",
				`{"errcode":0,"errmsg":"","type":"image","media_id":"1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0","created_at":"1380000000"}`)
			res, err := c.Media.Upload(t.Context(), MediaUpload{Type: MediaImage, Name: "logo.png", Body: tc.reader, Size: tc.size})
			require.NoError(t, err)
			assert.Equal(t, &UploadResult{Type: MediaImage, MediaID: "1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0", CreatedAt: time.Unix(1380000000, 0)}, res)

			got := seen()
			require.Len(t, got, 1)
			s := got[0]
			assert.Equal(t, http.MethodPost, s.method)
			assert.Equal(t, "/cgi-bin/media/upload", s.path)
			assert.Equal(t, map[string][]string{"access_token": {testToken}, "type": {"image"}}, s.query)
			assert.Equal(t, "media", s.field)
			assert.Equal(t, "logo.png", s.name)
			assert.Equal(t, "image/png", s.partType)
			assert.Equal(t, content, s.content)
			if tc.wantLength {
				assert.Positive(t, s.contentLength, "Content-Length is set")
			} else {
				assert.LessOrEqual(t, s.contentLength, int64(0), "streamed without a length")
			}
		})
	}
}

func TestMediaUploadUnicodeName(t *testing.T) {
	c, mt := newTestClient(t)
	seen := stubUpload(t, mt, "/cgi-bin/media/upload", `{"type":"file","media_id":"M","created_at":"1"}`)
	const pdf = "%PDF-1.4 ..."
	_, err := c.Media.Upload(t.Context(), MediaUpload{Type: MediaFile, Name: "季度报告 Q1.pdf", Body: strings.NewReader(pdf), Size: int64(len(pdf))})
	require.NoError(t, err)
	require.Len(t, seen(), 1)
	assert.Equal(t, "季度报告 Q1.pdf", seen()[0].name)
	assert.Equal(t, "application/pdf", seen()[0].partType)
	assert.Equal(t, "file", seen()[0].query["type"][0])
}

func TestMediaUploadImage(t *testing.T) {
	c, mt := newTestClient(t)
	seen := stubUpload(t, mt, "/cgi-bin/media/uploadimg", `{"errcode":0,"errmsg":"ok","url":"http://p.qpic.cn/pic_wework/3474110808/7a7c8471673ff0f178f63447935d35a5c1247a7f31d9c060/0"}`)
	u, err := c.Media.UploadImage(t.Context(), MediaUpload{Name: "a.jpg", Body: strings.NewReader("jpegdata"), Size: 8})
	require.NoError(t, err)
	assert.Equal(t, "http://p.qpic.cn/pic_wework/3474110808/7a7c8471673ff0f178f63447935d35a5c1247a7f31d9c060/0", u)
	require.Len(t, seen(), 1)
	s := seen()[0]
	assert.Equal(t, map[string][]string{"access_token": {testToken}}, s.query)
	assert.Equal(t, "media", s.field)
	assert.Equal(t, "a.jpg", s.name)
	assert.Equal(t, "image/jpeg", s.partType)
	assert.Equal(t, "jpegdata", string(s.content))
}

func TestMediaUploadAttachment(t *testing.T) {
	c, mt := newTestClient(t)
	seen := stubUpload(t, mt, "/cgi-bin/media/upload_attachment", `{"errcode":0,"errmsg":"","type":"video","media_id":"MID","created_at":1380000000}`)
	res, err := c.Media.UploadAttachment(t.Context(), MediaUpload{Type: MediaVideo, Use: AttachmentForMoments, Name: "clip.mp4", Body: strings.NewReader("mp4data"), Size: 7})
	require.NoError(t, err)
	assert.Equal(t, &UploadResult{Type: MediaVideo, MediaID: "MID", CreatedAt: time.Unix(1380000000, 0)}, res)
	require.Len(t, seen(), 1)
	s := seen()[0]
	assert.Equal(t, map[string][]string{"access_token": {testToken}, "media_type": {"video"}, "attachment_type": {"1"}}, s.query)
	assert.Equal(t, "media", s.field)
	assert.Equal(t, "clip.mp4", s.name)
	assert.Equal(t, "mp4data", string(s.content))
}

func TestMediaUploadErrcode(t *testing.T) {
	calls := []struct {
		path string
		call func(ctx context.Context, c *Client) (any, error)
	}{
		{"/cgi-bin/media/upload", func(ctx context.Context, c *Client) (any, error) {
			return c.Media.Upload(ctx, MediaUpload{Type: MediaVoice, Name: "v.amr", Body: strings.NewReader("amr"), Size: 3})
		}},
		{"/cgi-bin/media/uploadimg", func(ctx context.Context, c *Client) (any, error) {
			return c.Media.UploadImage(ctx, MediaUpload{Name: "a.png", Body: strings.NewReader("png"), Size: 3})
		}},
		{"/cgi-bin/media/upload_attachment", func(ctx context.Context, c *Client) (any, error) {
			return c.Media.UploadAttachment(ctx, MediaUpload{Type: MediaImage, Use: AttachmentForProductAlbum, Name: "a.png", Body: strings.NewReader("png"), Size: 3})
		}},
	}
	for _, tc := range calls {
		t.Run(tc.path, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubError(t, mt, http.MethodPost, tc.path, 40004)
			got, err := tc.call(t.Context(), c)
			requireAPIError(t, err, 40004, tc.path)
			assert.Empty(t, got)
			assert.Equal(t, 1, rec.count())
		})
	}
}

// An unreadable created_at is dropped; the media id still reaches the
// caller.
func TestMediaUploadCreatedAtNotANumber(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/media/upload", `{"errcode":0,"type":"image","media_id":"M","created_at":"yesterday"}`)
	res, err := c.Media.Upload(t.Context(), MediaUpload{Type: MediaImage, Name: "a.png", Body: strings.NewReader("png"), Size: 3})
	require.NoError(t, err)
	assert.Equal(t, &UploadResult{Type: MediaImage, MediaID: "M"}, res)
}

func TestMediaUploadInvalid(t *testing.T) {
	cases := []struct {
		name string
		call func(ctx context.Context, c *Client) error
	}{
		{"no type", func(ctx context.Context, c *Client) error {
			_, err := c.Media.Upload(ctx, MediaUpload{Name: "a.png", Body: strings.NewReader("x"), Size: 1})
			return err
		}},
		{"no name", func(ctx context.Context, c *Client) error {
			_, err := c.Media.Upload(ctx, MediaUpload{Type: MediaImage, Body: strings.NewReader("x"), Size: 1})
			return err
		}},
		{"no reader", func(ctx context.Context, c *Client) error {
			_, err := c.Media.Upload(ctx, MediaUpload{Type: MediaImage, Name: "a.png", Size: 1})
			return err
		}},
		{"image without name", func(ctx context.Context, c *Client) error {
			_, err := c.Media.UploadImage(ctx, MediaUpload{Body: strings.NewReader("x"), Size: 1})
			return err
		}},
		{"attachment without type", func(ctx context.Context, c *Client) error {
			_, err := c.Media.UploadAttachment(ctx, MediaUpload{Use: AttachmentForMoments, Name: "a.png", Body: strings.NewReader("x"), Size: 1})
			return err
		}},
		{"download without writer", func(ctx context.Context, c *Client) error {
			_, err := c.Media.Get(ctx, "M", nil)
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			require.ErrorIs(t, tc.call(t.Context(), c), ErrInvalidMedia)
			assert.Zero(t, mt.GetTotalCallCount(), "nothing was sent")
		})
	}
}

// stubFile answers path with body and the given headers, recording the
// query of each request.
func stubFile(t *testing.T, mt *httpmock.MockTransport, path string, header http.Header, body string) *recorder {
	t.Helper()
	return stubResponder(t, mt, http.MethodGet, path, func(int, recordedRequest) *http.Response {
		resp := httpmock.NewStringResponse(http.StatusOK, body)
		for k, v := range header {
			resp.Header[k] = v
		}
		return resp
	})
}

func TestMediaGet(t *testing.T) {
	cases := []struct {
		name        string
		disposition string
		contentType string
		wantName    string
	}{
		{"quoted filename", `attachment; filename="photo.jpg"`, "image/jpeg", "photo.jpg"},
		{"UTF-8 filename", `attachment; filename="中文 名.jpg"`, "image/jpeg", "中文 名.jpg"},
		{"RFC 5987 filename", `attachment; filename*=UTF-8''%E4%B8%AD%E6%96%87.txt`, "text/plain", "中文.txt"},
		{"both forms", `attachment; filename="fallback.txt"; filename*=UTF-8''%E4%B8%AD.txt`, "text/plain", "中.txt"},
		{"no disposition", "", "application/octet-stream", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			h := http.Header{"Content-Type": {tc.contentType}}
			if tc.disposition != "" {
				h.Set("Content-Disposition", tc.disposition)
			}
			rec := stubFile(t, mt, "/cgi-bin/media/get", h, "file-bytes")
			var buf bytes.Buffer
			got, err := c.Media.Get(t.Context(), "MEDIA_ID", &buf)
			require.NoError(t, err)
			assert.Equal(t, &MediaDownload{Filename: tc.wantName, ContentType: tc.contentType, Size: 10}, got)
			assert.Equal(t, "file-bytes", buf.String())
			r := rec.last(t)
			assertCall(t, r, http.MethodGet, "/cgi-bin/media/get")
			assert.Equal(t, "MEDIA_ID", r.Query.Get("media_id"))
		})
	}
}

func TestMediaGetJSSDK(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubFile(t, mt, "/cgi-bin/media/get/jssdk",
		http.Header{"Content-Type": {"audio/speex"}, "Content-Disposition": {`attachment; filename="voice.speex"`}}, "spx")
	var buf bytes.Buffer
	got, err := c.Media.GetJSSDK(t.Context(), "VOICE_ID", &buf)
	require.NoError(t, err)
	assert.Equal(t, &MediaDownload{Filename: "voice.speex", ContentType: "audio/speex", Size: 3}, got)
	assert.Equal(t, "spx", buf.String())
	r := rec.last(t)
	assertCall(t, r, http.MethodGet, "/cgi-bin/media/get/jssdk")
	assert.Equal(t, "VOICE_ID", r.Query.Get("media_id"))
}

func TestMediaGetErrcode(t *testing.T) {
	for _, ct := range []string{"application/json; charset=UTF-8", "text/plain"} {
		t.Run(ct, func(t *testing.T) {
			for _, path := range []string{"/cgi-bin/media/get", "/cgi-bin/media/get/jssdk"} {
				c, mt := newTestClient(t)
				rec := stubFile(t, mt, path, http.Header{"Content-Type": {ct}}, `{"errcode":40007,"errmsg":"invalid media_id"}`)
				var buf bytes.Buffer
				var got *MediaDownload
				var err error
				if path == "/cgi-bin/media/get" {
					got, err = c.Media.Get(t.Context(), "BAD", &buf)
				} else {
					got, err = c.Media.GetJSSDK(t.Context(), "BAD", &buf)
				}
				requireAPIError(t, err, 40007, path)
				assert.Nil(t, got)
				assert.Zero(t, buf.Len(), "nothing written to the caller's writer")
				assert.Equal(t, 1, rec.count())
			}
		})
	}
}

// zeroReader yields zero bytes forever.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A 20 MB download is streamed: what it allocates does not grow with the
// file.
func TestMediaGetStreamsLargeFile(t *testing.T) {
	const size = 20 << 20
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/cgi-bin/media/get" || r.URL.Query().Get("access_token") != "T" {
			http.Error(w, "unexpected request", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "video/mp4")
		w.Header().Set("Content-Disposition", `attachment; filename="big.mp4"`)
		w.Header().Set("Content-Length", strconv.Itoa(size))
		_, _ = io.CopyN(w, zeroReader{}, size)
	}))
	defer srv.Close()
	c, err := NewWithTokenSource(Config{CorpID: testCorpID, AgentID: testAgentID}, fixedToken("T"),
		wecom.WithBaseURL(srv.URL), wecom.WithHTTPClient(srv.Client()))
	require.NoError(t, err)

	// Warm up connections and lazily built state.
	_, err = c.Media.Get(t.Context(), "M", io.Discard)
	require.NoError(t, err)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, err := c.Media.Get(t.Context(), "M", io.Discard)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.Equal(t, &MediaDownload{Filename: "big.mp4", ContentType: "video/mp4", Size: size}, got)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("allocated %d bytes to stream %d bytes", allocated, size)
	assert.Less(t, allocated, uint64(size/16), "the download is not buffered")
}
