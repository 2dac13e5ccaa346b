package work

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// MediaService wraps the API of temporary media (素材).
type MediaService service

// ErrInvalidMedia is returned, before anything is sent, for an upload
// without a media type, a file name or a reader, or a download without a
// writer.
var ErrInvalidMedia = errors.New("work: invalid media request")

// MediaType is the kind of a temporary media file.
type MediaType string

// Values of MediaType. Every file is larger than 5 bytes; limits per page
// 96484 (2024): image ≤ 10 MB (JPG, PNG), voice ≤ 2 MB and ≤ 60 s (AMR),
// video ≤ 10 MB (MP4), file ≤ 20 MB.
const (
	MediaImage MediaType = "image"
	MediaVoice MediaType = "voice"
	MediaVideo MediaType = "video"
	MediaFile  MediaType = "file"
)

// AttachmentUse is where an attachment uploaded with UploadAttachment is
// used (attachment_type).
type AttachmentUse int

// Values of AttachmentUse.
const (
	// AttachmentForMoments is for customer moments (朋友圈); image or
	// video only.
	AttachmentForMoments AttachmentUse = 1
	// AttachmentForProductAlbum is for product albums (商品图册).
	AttachmentForProductAlbum AttachmentUse = 2
)

// UploadResult is an uploaded temporary media file; its MediaID is valid
// for 3 days.
type UploadResult struct {
	Type    MediaType
	MediaID string
	// CreatedAt is when WeCom stored the file.
	CreatedAt time.Time
}

func (*UploadResult) decodesLeniently() {}

// UnmarshalJSON decodes media/upload's and upload_attachment's answers,
// whose created_at is a string in the first and a number in the second.
func (r *UploadResult) UnmarshalJSON(b []byte) error {
	var w struct {
		Type      MediaType `json:"type"`
		MediaID   string    `json:"media_id"`
		CreatedAt looseInt  `json:"created_at"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*r = UploadResult{Type: w.Type, MediaID: w.MediaID}
	if w.CreatedAt != 0 {
		r.CreatedAt = time.Unix(int64(w.CreatedAt), 0)
	}
	return nil
}

// MediaDownload describes a media file streamed to the caller's writer.
type MediaDownload struct {
	// Filename is from the Content-Disposition header; "" when absent.
	Filename string
	// ContentType is the answer's Content-Type.
	ContentType string
	// Size is the number of bytes written.
	Size int64
}

// MediaUpload is a file to upload with Upload, UploadImage or
// UploadAttachment.
type MediaUpload struct {
	// Type is the media type (Upload and UploadAttachment; UploadImage
	// ignores it).
	Type MediaType
	// Use is what an attachment is for (UploadAttachment only).
	Use AttachmentUse
	// Name is the file name, sent as the multipart field "media"'s file
	// name; its extension sets the part's Content-Type.
	Name string
	// Body is the content, streamed and read once: after an invalid token
	// the upload is repeated only if Body is an io.Seeker.
	Body io.Reader
	// Size is Body's length in bytes; 0 or less means unknown. With a
	// known size the request has a Content-Length.
	Size int64
}

// Upload uploads a temporary media file, valid 3 days (media/upload).
func (s *MediaService) Upload(ctx context.Context, f MediaUpload) (*UploadResult, error) {
	return s.uploadMedia(ctx, "/cgi-bin/media/upload", f, url.Values{"type": {string(f.Type)}})
}

// UploadImage uploads an image (5 bytes to 2 MB, JPG or PNG) for use in
// message bodies such as MPNews content, and returns its permanent URL
// (media/uploadimg). The quota is a few thousand a month per corp.
func (s *MediaService) UploadImage(ctx context.Context, f MediaUpload) (string, error) {
	var out struct {
		URL string `json:"url"`
	}
	if err := s.upload(ctx, "/cgi-bin/media/uploadimg", nil, f, &out); err != nil {
		return "", err
	}
	return out.URL, nil
}

// UploadAttachment uploads an attachment for customer moments or product
// albums (media/upload_attachment); f.Type is MediaImage, MediaVideo or
// MediaFile, f.Use what it is for. The app needs the customer-contact
// permission.
func (s *MediaService) UploadAttachment(ctx context.Context, f MediaUpload) (*UploadResult, error) {
	q := url.Values{"media_type": {string(f.Type)}, "attachment_type": {strconv.Itoa(int(f.Use))}}
	return s.uploadMedia(ctx, "/cgi-bin/media/upload_attachment", f, q)
}

// uploadMedia uploads a media file to path and returns WeCom's
// description of it.
func (s *MediaService) uploadMedia(ctx context.Context, path string, f MediaUpload, q url.Values) (*UploadResult, error) {
	if f.Type == "" {
		return nil, fmt.Errorf("%w: no media type", ErrInvalidMedia)
	}
	var out UploadResult
	if err := s.upload(ctx, path, q, f, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *MediaService) upload(ctx context.Context, path string, q url.Values, f MediaUpload, out any) error {
	if f.Name == "" {
		return fmt.Errorf("%w: no file name", ErrInvalidMedia)
	}
	if f.Body == nil {
		return fmt.Errorf("%w: no content", ErrInvalidMedia)
	}
	size := f.Size
	if size <= 0 {
		size = -1
	}
	file := api.File{Field: "media", Name: f.Name, ContentType: mime.TypeByExtension(filepath.Ext(f.Name)), Reader: f.Body, Size: size}
	req := api.Request{Method: http.MethodPost, Path: path, Query: q, Safety: api.Unsafe}
	return s.c.core.Upload(ctx, s.c.auth, req, file, lenient(out))
}

// Get streams a temporary media file into w (media/get). When WeCom
// answers with an error instead, it is returned as *wecom.APIError and
// nothing is written to w. Memory use does not grow with the file's size.
func (s *MediaService) Get(ctx context.Context, mediaID string, w io.Writer) (*MediaDownload, error) {
	return s.download(ctx, "/cgi-bin/media/get", mediaID, w)
}

// GetJSSDK streams a high-definition voice recording uploaded through the
// JS-SDK's uploadVoice (speex, 16 kHz) into w (media/get/jssdk); it
// behaves like Get.
func (s *MediaService) GetJSSDK(ctx context.Context, mediaID string, w io.Writer) (*MediaDownload, error) {
	return s.download(ctx, "/cgi-bin/media/get/jssdk", mediaID, w)
}

func (s *MediaService) download(ctx context.Context, path, mediaID string, w io.Writer) (*MediaDownload, error) {
	if w == nil {
		return nil, fmt.Errorf("%w: nil writer", ErrInvalidMedia)
	}
	req := api.Request{Method: http.MethodGet, Path: path, Query: url.Values{"media_id": {mediaID}}, Safety: api.Idempotent}
	d, err := s.c.core.Download(ctx, s.c.auth, req, w)
	if err != nil {
		return nil, err
	}
	return &MediaDownload{Filename: d.Filename, ContentType: d.ContentType, Size: d.Size}, nil
}
