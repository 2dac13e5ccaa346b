package wecomtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// upload posts a one-part multipart body with the given field name.
func upload(t *testing.T, s *Server, path string, q url.Values, field, name, contentType string, data []byte) answer {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="`+field+`"; filename="`+name+`"`)
	h.Set("Content-Type", contentType)
	part, err := mw.CreatePart(h)
	require.NoError(t, err)
	_, err = part.Write(data)
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, s.URL()+path+"?"+q.Encode(), &buf)
	require.NoError(t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := s.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var a answer
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	remarshalJSON(t, raw, &a)
	return a
}

func remarshalJSON(t *testing.T, raw []byte, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(raw, v), "not JSON: %q", raw)
}

func TestMediaRoundTrip(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	content := []byte("\x89PNG fake image bytes for the round trip")

	a := upload(t, s, "/cgi-bin/media/upload", with(q, "type", "image"), "media", "logo.png", "image/png", content)
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, "image", a.str("type"))
	mediaID := a.str("media_id")
	require.NotEmpty(t, mediaID)
	assert.Regexp(t, `^\d+$`, a.str("created_at"), "created_at is a string of digits")

	resp, err := s.Client().Get(s.URL() + "/cgi-bin/media/get?" + with(q, "media_id", mediaID).Encode())
	require.NoError(t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, content, got)
	assert.Equal(t, "image/png", resp.Header.Get("Content-Type"))
	disp, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	require.NoError(t, err)
	assert.Equal(t, "attachment", disp)
	assert.Equal(t, "logo.png", params["filename"])
}

func TestMediaTextIsServedAsOctetStream(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	a := upload(t, s, "/cgi-bin/media/upload", with(q, "type", "file"), "media", "notes.txt", "text/plain", []byte("some notes"))
	require.Equal(t, 0, a.code(t))
	resp, err := s.Client().Get(s.URL() + "/cgi-bin/media/get?" + with(q, "media_id", a.str("media_id")).Encode())
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "application/octet-stream", resp.Header.Get("Content-Type"))
}

func TestMediaErrors(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	data := []byte("0123456789")

	assert.Equal(t, 40004, upload(t, s, "/cgi-bin/media/upload", with(q, "type", "gif"), "media", "a.gif", "image/gif", data).code(t))
	assert.Equal(t, 41005, upload(t, s, "/cgi-bin/media/upload", with(q, "type", "file"), "file", "a.bin", "application/octet-stream", data).code(t))
	assert.Equal(t, 40006, upload(t, s, "/cgi-bin/media/upload", with(q, "type", "file"), "media", "a.bin", "application/octet-stream", []byte("12345")).code(t))
	assert.Equal(t, 45001, upload(t, s, "/cgi-bin/media/upload", with(q, "type", "voice"), "media", "a.amr", "audio/amr", make([]byte, maxVoiceSize+1)).code(t))
	assert.Equal(t, 41005, post(t, s, "/cgi-bin/media/upload", with(q, "type", "file"), `{"media":"x"}`).code(t), "not multipart")

	a := get(t, s, "/cgi-bin/media/get", with(q, "media_id", "3fakeNOPE"))
	assert.Equal(t, 40007, a.code(t), "unknown media answers JSON")

	ok := upload(t, s, "/cgi-bin/media/upload", with(q, "type", "file"), "media", "a.bin", "application/octet-stream", data)
	require.NoError(t, s.AddCorp("wwother", "Other"))
	require.NoError(t, s.AddApp("wwother", 1000002, "other"))
	other := url.Values{"access_token": {accessToken(t, s, "wwother", "other")}}
	assert.Equal(t, 40007, get(t, s, "/cgi-bin/media/get", with(other, "media_id", ok.str("media_id"))).code(t),
		"media belong to their corp")

	a = upload(t, s, "/cgi-bin/media/uploadimg", q, "media", "a.png", "image/png", data)
	require.Equal(t, 0, a.code(t))
	assert.Regexp(t, `^https://`, a.str("url"))
}

// service/media/upload takes the provider's token and type=file, keeps
// the file for the provider only and answers as media/upload does.
func TestServiceMediaUpload(t *testing.T) {
	s := newTestServer(t)
	const path = "/cgi-bin/service/media/upload"
	pq := url.Values{"provider_access_token": {providerToken(t, s)}, "type": {"file"}}
	content := []byte("zhangsan\nlisi\n")

	a := upload(t, s, path, pq, "media", "ids.txt", "text/plain", content)
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, "file", a.str("type"))
	assert.Regexp(t, `^\d+$`, a.str("created_at"))
	id := a.str("media_id")
	name, data, ok := s.ProviderMedia(id)
	require.True(t, ok)
	assert.Equal(t, "ids.txt", name)
	assert.Equal(t, content, data)

	// The provider's file is no corp's medium, and a corp's is no
	// provider file.
	assert.Equal(t, 40007, get(t, s, "/cgi-bin/media/get", with(appToken(t, s), "media_id", id)).code(t))
	corpUp := upload(t, s, "/cgi-bin/media/upload", with(appToken(t, s), "type", "file"), "media", "a.txt", "text/plain", content)
	require.Equal(t, 0, corpUp.code(t))
	_, _, ok = s.ProviderMedia(corpUp.str("media_id"))
	assert.False(t, ok)

	for _, tc := range []struct {
		name string
		q    url.Values
		code int
	}{
		{"no provider token", url.Values{"type": {"file"}}, 41001},
		{"unknown provider token", with(pq, "provider_access_token", "nope"), 40014},
		{"corp token as provider token", with(pq, "provider_access_token", appToken(t, s).Get("access_token")), 40014},
		{"provider token as access_token", url.Values{"access_token": {pq.Get("provider_access_token")}, "type": {"file"}}, 41001},
		{"image type", with(pq, "type", "image"), 40004},
		{"no type", url.Values{"provider_access_token": pq["provider_access_token"]}, 40004},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.code, upload(t, s, path, tc.q, "media", "ids.txt", "text/plain", content).code(t))
		})
	}
	assert.Equal(t, 40006, upload(t, s, path, pq, "media", "tiny.txt", "text/plain", []byte("ab")).code(t))
	assert.Equal(t, 41005, upload(t, s, path, pq, "file", "ids.txt", "text/plain", content).code(t))
}
