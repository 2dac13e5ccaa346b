package wecomtest

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strconv"
	"strings"
	"time"
)

const (
	minMediaSize  = 5 // WeCom rejects files of 5 bytes or less
	maxMediaSize  = 20 << 20
	maxImageSize  = 10 << 20
	maxVoiceSize  = 2 << 20
	maxVideoSize  = 10 << 20
	maxUploadImg  = 2 << 20
	mediaLifetime = 72 * time.Hour
)

// mediaLimits are the temporary-media types and their size limits.
var mediaLimits = map[string]int{
	"image": maxImageSize,
	"voice": maxVoiceSize,
	"video": maxVideoSize,
	"file":  maxMediaSize,
}

// mediaFile is an uploaded temporary medium.
type mediaFile struct {
	corpID      string // the owner: a corp, or the provider's corp id
	provider    bool   // service/media/upload: the provider's file
	name        string
	contentType string
	data        []byte
	created     time.Time
}

// uploadedPart is the "media" part of a multipart upload.
type uploadedPart struct {
	name, contentType string
	data              []byte
}

// mediaPart extracts the form field "media" of a multipart body.
func (c *call) mediaPart() (*uploadedPart, error) {
	mt, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, errf(codeMissingMedia, "media data missing: expected multipart/form-data")
	}
	mr := multipart.NewReader(bytes.NewReader(c.body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, errf(codeMissingMedia, "media data missing: no form field media")
		}
		if err != nil {
			return nil, invalidParam("malformed multipart body")
		}
		if p.FormName() != "media" {
			continue
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, invalidParam("malformed multipart body")
		}
		name := p.FileName()
		if name == "" {
			name = "media"
		}
		return &uploadedPart{name: name, contentType: p.Header.Get("Content-Type"), data: data}, nil
	}
}

// checkSize applies WeCom's minimum and a type's maximum.
func checkSize(n, limit int) error {
	if n <= minMediaSize {
		return errf(codeInvalidFileSize, "invalid file size")
	}
	if n > limit {
		return errf(codeMediaTooLarge, "media size out of limit")
	}
	return nil
}

// mediaUpload serves POST /cgi-bin/media/upload?type=...: the content is
// kept for media/get.
func (s *Server) mediaUpload(c *call) (any, error) {
	typ := c.query.Get("type")
	limit, ok := mediaLimits[typ]
	if !ok {
		return nil, errf(codeInvalidMediaType, "invalid media type")
	}
	return s.storeMedia(c, &mediaFile{corpID: c.corp.id}, typ, limit)
}

// serviceMediaUpload serves POST /cgi-bin/service/media/upload?type=file
// with a provider_access_token: a file for the contact tools
// (id_translate), the only type the page allows. It is kept as media/upload
// keeps its files, owned by the provider, so no corp's media/get serves it.
func (s *Server) serviceMediaUpload(c *call) (any, error) {
	typ := c.query.Get("type")
	if typ != "file" {
		return nil, errf(codeInvalidMediaType, "invalid media type: only file")
	}
	return s.storeMedia(c, &mediaFile{corpID: c.provider.corpID, provider: true}, typ, maxMediaSize)
}

// storeMedia reads the upload's "media" part into m, checks its size
// against limit and stores it under a new media_id, answering as WeCom
// does.
func (s *Server) storeMedia(c *call, m *mediaFile, typ string, limit int) (any, error) {
	part, err := c.mediaPart()
	if err != nil {
		return nil, err
	}
	if err := checkSize(len(part.data), limit); err != nil {
		return nil, err
	}
	now := s.now()
	id := "3fake" + randomToken(2)
	m.name, m.contentType, m.data, m.created = part.name, part.contentType, part.data, now
	s.media[id] = m
	return obj{"type": typ, "media_id": id, "created_at": strconv.FormatInt(now.Unix(), 10)}, nil
}

// mediaUploadImg serves POST /cgi-bin/media/uploadimg: an image up to 2 MB
// gets a permanent URL (which the fake does not serve).
func (s *Server) mediaUploadImg(c *call) (any, error) {
	part, err := c.mediaPart()
	if err != nil {
		return nil, err
	}
	if err := checkSize(len(part.data), maxUploadImg); err != nil {
		return nil, err
	}
	return obj{"url": "https://wework.qpic.cn/wwpic/wecomtest/" + strings.ToLower(randomToken(1)) + "/0"}, nil
}

// mediaGet serves GET /cgi-bin/media/get: the bytes of an upload of the
// same corp, or JSON 40007. JSON and text content types are served as
// application/octet-stream, since clients take those types for an error.
func (s *Server) mediaGet(c *call) (any, error) {
	m := s.media[c.query.Get("media_id")]
	if m == nil || m.provider || m.corpID != c.corp.id || s.now().Sub(m.created) > mediaLifetime {
		return nil, errf(codeInvalidMediaID, "invalid media_id")
	}
	ct := m.contentType
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt == "application/json" || strings.HasPrefix(mt, "text/") {
		ct = "application/octet-stream"
	}
	return &fileResult{name: m.name, contentType: ct, data: m.data}, nil
}

// ProviderMedia returns the file name and content of a file uploaded with
// service/media/upload (openwork's Provider.UploadMedia), and whether
// mediaID names one.
func (s *Server) ProviderMedia(mediaID string) (name string, data []byte, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.media[mediaID]
	if m == nil || !m.provider {
		return "", nil, false
	}
	return m.name, append([]byte(nil), m.data...), true
}
