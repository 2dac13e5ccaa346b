package work

// 异步导出 (export): pages developer.work.weixin.qq.com/document/path/94849
// (simple_user), 94851 (user), 94852 (department), 94853 (taguser) and
// 94854 (get_result).

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"

	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/internal/redact"
)

// ExportService starts the asynchronous exports of the directory (members,
// departments, tag members) and reads their results.
type ExportService service

// ErrInvalidExport is returned, without calling WeCom, for an export
// request that lacks a required field.
var ErrInvalidExport = errors.New("work: invalid export request")

// ExportRequest starts an export.
type ExportRequest struct {
	// EncodingAESKey is the 43-character base64 key the result files are
	// encrypted with (required). It is never logged.
	EncodingAESKey string `json:"encoding_aeskey"`
	// BlockSize is the number of rows per file, from 10^4 to 10^6
	// (0: WeCom's default, 10^6).
	BlockSize int `json:"block_size,omitempty"`
}

func (r ExportRequest) fields() *redact.Fields {
	return redact.Begin("work.ExportRequest").
		Secret("EncodingAESKey", "encoding_aeskey", r.EncodingAESKey).
		Int("BlockSize", "block_size", int64(r.BlockSize))
}

// String describes the request without its key.
func (r ExportRequest) String() string { return r.fields().String() }

// GoString is String, for %#v.
func (r ExportRequest) GoString() string { return r.String() }

// Format prints String for every verb, so that no verb prints the key.
func (r ExportRequest) Format(s fmt.State, _ rune) { redact.Format(s, r.String()) }

// LogValue describes the request to log/slog without its key.
func (r ExportRequest) LogValue() slog.Value { return r.fields().LogValue() }

func (r ExportRequest) check() error {
	if _, err := exportKey(r.EncodingAESKey); err != nil {
		return err
	}
	if r.BlockSize < 0 {
		return fmt.Errorf("%w: block_size cannot be negative", ErrInvalidExport)
	}
	return nil
}

// start posts an export request and returns its jobid. Each call starts a
// new job, so none is repeated after a transient failure.
func (s *ExportService) start(ctx context.Context, path string, in any) (string, error) {
	out, err := postAs[struct {
		JobID string `json:"jobid"`
	}](ctx, (*service)(s), path, in, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.JobID, nil
}

// SimpleUsers starts an export of the members' ids, names and departments
// (export/simple_user) and returns the job's id.
func (s *ExportService) SimpleUsers(ctx context.Context, req ExportRequest) (string, error) {
	if err := req.check(); err != nil {
		return "", err
	}
	return s.start(ctx, "/cgi-bin/export/simple_user", req)
}

// Users starts an export of the members' details (export/user) and
// returns the job's id.
func (s *ExportService) Users(ctx context.Context, req ExportRequest) (string, error) {
	if err := req.check(); err != nil {
		return "", err
	}
	return s.start(ctx, "/cgi-bin/export/user", req)
}

// Departments starts an export of the departments (export/department) and
// returns the job's id.
func (s *ExportService) Departments(ctx context.Context, req ExportRequest) (string, error) {
	if err := req.check(); err != nil {
		return "", err
	}
	return s.start(ctx, "/cgi-bin/export/department", req)
}

// TagUsers starts an export of the members of a tag (export/taguser) and
// returns the job's id.
func (s *ExportService) TagUsers(ctx context.Context, tagID int64, req ExportRequest) (string, error) {
	if err := req.check(); err != nil {
		return "", err
	}
	if tagID <= 0 {
		return "", fmt.Errorf("%w: tagid is required", ErrInvalidExport)
	}
	in := struct {
		TagID int64 `json:"tagid"`
		ExportRequest
	}{tagID, req}
	return s.start(ctx, "/cgi-bin/export/taguser", in)
}

// ExportStatus is the state of an export job.
type ExportStatus int

// The export job states WeCom documents.
const (
	ExportNotStarted ExportStatus = 0 // 未处理
	ExportRunning    ExportStatus = 1 // 处理中
	ExportDone       ExportStatus = 2 // 完成
	ExportFailed     ExportStatus = 3 // 异常失败
)

// ExportFile is one encrypted result file of a finished job.
type ExportFile struct {
	// URL downloads the file; Size is its length in bytes and MD5 its
	// digest.
	URL  string `json:"url"`
	Size int64  `json:"size"`
	MD5  string `json:"md5"`
}

// ExportResult is the state of an export job and, once done, its files.
type ExportResult struct {
	Status ExportStatus `json:"status"`
	Files  []ExportFile `json:"data_list"`
}

// Result returns the state of an export job (export/get_result).
func (s *ExportService) Result(ctx context.Context, jobID string) (*ExportResult, error) {
	if jobID == "" {
		return nil, fmt.Errorf("%w: jobid is required", ErrInvalidExport)
	}
	return getAs[ExportResult](ctx, (*service)(s), "/cgi-bin/export/get_result", url.Values{"jobid": {jobID}})
}
