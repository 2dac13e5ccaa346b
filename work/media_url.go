package work

import (
	"context"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// UploadByURLRequest asks WeCom to fetch a large file (up to 200 MB)
// from a URL (media/upload_by_url).
type UploadByURLRequest struct {
	// Scene is 1 for a customer-contact welcome message or mass send.
	Scene int `json:"scene"`
	// Type is "video" or "file".
	Type     MediaType `json:"type"`
	Filename string    `json:"filename"`
	URL      string    `json:"url"`
	// MD5 of the file's content.
	MD5 string `json:"md5"`
}

// UploadByURL starts an asynchronous upload from a URL
// (media/upload_by_url) and returns the job id for UploadByURLResult. It
// is not repeated after a failure.
func (s *MediaService) UploadByURL(ctx context.Context, req UploadByURLRequest) (string, error) {
	if req.Type == "" || req.Filename == "" || req.URL == "" || req.MD5 == "" {
		return "", fmt.Errorf("%w: type, filename, url and md5 are required", ErrInvalidMedia)
	}
	out, err := postAs[struct {
		JobID string `json:"jobid"`
	}](ctx, (*service)(s), "/cgi-bin/media/upload_by_url", req, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.JobID, nil
}

// UploadByURLResult is the state of an upload from a URL.
type UploadByURLResult struct {
	// Status is 1 running, 2 done, 3 failed.
	Status int `json:"status"`
	Detail struct {
		ErrCode   int       `json:"errcode"`
		ErrMsg    string    `json:"errmsg"`
		MediaID   string    `json:"media_id"`
		CreatedAt time.Time `json:"-"`
		Created   int64     `json:"created_at"`
	} `json:"detail"`
}

// UploadByURLResult reads the state of an upload from a URL
// (media/get_upload_by_url_result); once Status is 2, Detail.MediaID is
// the media id (valid 3 days).
func (s *MediaService) UploadByURLResult(ctx context.Context, jobID string) (*UploadByURLResult, error) {
	if jobID == "" {
		return nil, fmt.Errorf("%w: empty job id", ErrInvalidMedia)
	}
	out, err := postAs[UploadByURLResult](ctx, (*service)(s), "/cgi-bin/media/get_upload_by_url_result", map[string]string{"jobid": jobID}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	if out.Detail.Created > 0 {
		out.Detail.CreatedAt = time.Unix(out.Detail.Created, 0)
	}
	return out, nil
}
