package openwork

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

// ContactService calls the contact tools of third-party apps (通讯录搜索,
// 通讯录id转译, 通讯录排序) with the provider_access_token, for an
// authorized corp: a third-party app sees members by open ids only, and
// these let it search them by name and show names in files it generates.
// Get one from Provider.Contact.
type ContactService struct{ p *Provider }

// ContactSearchRequest is the body of service/contact/search.
type ContactSearchRequest struct {
	AuthCorpID string `json:"auth_corpid"`
	QueryWord  string `json:"query_word"`
	// QueryType: 0 members and departments, 1 members only, 2 departments only.
	QueryType int `json:"query_type,omitempty"`
	// QueryRange: 0 the app's visible range, 1 the whole corp.
	QueryRange int   `json:"query_range,omitempty"`
	AgentID    int64 `json:"agentid,omitempty"`
	Limit      int   `json:"limit,omitempty"`
	// FullMatchField: 1 matches the whole name, 2 the whole English name.
	FullMatchField int `json:"full_match_field,omitempty"`
	// Cursor is the NextCursor of the previous page ("" for the first).
	Cursor string `json:"cursor,omitempty"`
}

// ContactSearchResult is what a search found.
type ContactSearchResult struct {
	User struct {
		UserID     []string `json:"userid"`
		OpenUserID []string `json:"open_userid"`
	} `json:"user"`
	Party struct {
		DepartmentID []int64 `json:"department_id"`
	} `json:"party"`
	// DismissUser are matching members who have left.
	DismissUser struct {
		UserID     []string `json:"userid"`
		OpenUserID []string `json:"open_userid"`
	} `json:"dismiss_user"`
}

// ContactSearch is the answer of service/contact/search.
type ContactSearch struct {
	QueryResult ContactSearchResult `json:"query_result"`
	// IsLast is true on the last page; otherwise NextCursor continues.
	IsLast     bool   `json:"is_last"`
	NextCursor string `json:"next_cursor"`
}

// Search searches an authorized corp's members and departments by name
// (service/contact/search).
func (s *ContactService) Search(ctx context.Context, req ContactSearchRequest) (*ContactSearch, error) {
	var out ContactSearch
	if err := s.p.post(ctx, "/cgi-bin/service/contact/search", req, loose(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// ContactQuery is one query of a batch search.
type ContactQuery struct {
	QueryWord      string `json:"query_word"`
	QueryType      int    `json:"query_type,omitempty"`
	QueryRange     int    `json:"query_range,omitempty"`
	Limit          int    `json:"limit,omitempty"`
	FullMatchField int    `json:"full_match_field,omitempty"`
	Cursor         string `json:"cursor,omitempty"`
}

// ContactBatchSearchRequest is the body of service/contact/batchsearch.
type ContactBatchSearchRequest struct {
	AuthCorpID string         `json:"auth_corpid"`
	AgentID    int64          `json:"agentid,omitempty"`
	Queries    []ContactQuery `json:"query_request_list"`
}

// ContactBatchResult is the result of one query of a batch search.
type ContactBatchResult struct {
	QueryRequest ContactQuery        `json:"query_request"`
	QueryResult  ContactSearchResult `json:"query_result"`
	IsLast       bool                `json:"is_last"`
	NextCursor   string              `json:"next_cursor"`
}

// BatchSearch runs up to 50 searches at once
// (service/contact/batchsearch); the results come in the queries' order.
func (s *ContactService) BatchSearch(ctx context.Context, req ContactBatchSearchRequest) ([]ContactBatchResult, error) {
	var out struct {
		List []ContactBatchResult `json:"query_result_list"`
	}
	if err := s.p.post(ctx, "/cgi-bin/service/contact/batchsearch", req, loose(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.List, nil
}

// IDTranslateRequest is the body of service/contact/id_translate: the
// files (uploaded with Provider.UploadMedia) whose $userName=...$ and
// $departmentName=...$ placeholders WeCom replaces with names.
type IDTranslateRequest struct {
	AuthCorpID   string   `json:"auth_corpid"`
	MediaIDList  []string `json:"media_id_list"`
	OutputName   string   `json:"output_file_name,omitempty"`
	OutputFormat string   `json:"output_file_format,omitempty"`
}

// TranslateIDs starts a translation job and returns its id, to poll with
// BatchResult (service/contact/id_translate). Not repeated (a repeat
// would start a second job).
func (s *ContactService) TranslateIDs(ctx context.Context, req IDTranslateRequest) (string, error) {
	var out struct {
		JobID string `json:"jobid"`
	}
	err := s.p.post(ctx, "/cgi-bin/service/contact/id_translate", req, loose(&out), api.Unsafe)
	return out.JobID, err
}

// ContactSortRequest is the body of service/contact/sort: sort members
// by their names (SortType 0 ascending, 1 descending).
type ContactSortRequest struct {
	AuthCorpID string   `json:"auth_corpid"`
	SortType   int      `json:"sort_type,omitempty"`
	UserIDList []string `json:"useridlist"`
}

// Sort sorts members by name and returns their user ids in order
// (service/contact/sort).
func (s *ContactService) Sort(ctx context.Context, req ContactSortRequest) ([]string, error) {
	var out struct {
		UserIDList []string `json:"useridlist"`
	}
	if err := s.p.post(ctx, "/cgi-bin/service/contact/sort", req, loose(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.UserIDList, nil
}

// Batch job states (BatchJobResult.Status).
const (
	BatchJobPending = 1
	BatchJobRunning = 2
	BatchJobDone    = 3
)

// BatchJobResult is the state of an id translation job: once Status is
// BatchJobDone, the URL of its result file.
type BatchJobResult struct {
	Status     int    `json:"status"`
	Type       string `json:"type"`
	Percentage int    `json:"percentage,omitempty"`
	Result     struct {
		ContactIDTranslate *struct {
			URL string `json:"url"`
		} `json:"contact_id_translate,omitempty"`
	} `json:"result"`
}

// URL returns the result file's address, "" until the job is done.
func (r *BatchJobResult) URL() string {
	if r.Result.ContactIDTranslate != nil {
		return r.Result.ContactIDTranslate.URL
	}
	return ""
}

// BatchResult returns the state of a contact job
// (service/batch/getresult).
func (s *ContactService) BatchResult(ctx context.Context, jobID string) (*BatchJobResult, error) {
	var out BatchJobResult
	err := s.p.core.Do(ctx, s.p.auth, api.Request{Method: http.MethodGet, Path: "/cgi-bin/service/batch/getresult",
		Query: url.Values{"jobid": {jobID}}, Safety: api.Idempotent}, loose(&out))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DownloadResult writes the result file of a finished job to w and
// returns the bytes written. The file's URL is signed by WeCom and
// valid for a limited time; it carries no credential of this provider.
func (s *ContactService) DownloadResult(ctx context.Context, r *BatchJobResult, w io.Writer) (int64, error) {
	u := r.URL()
	if r.Status != BatchJobDone || u == "" {
		return 0, fmt.Errorf("%w (status %d)", ErrJobNotDone, r.Status)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, fmt.Errorf("openwork: result file: %w", err)
	}
	hc := s.p.o.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("openwork: result file: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return 0, fmt.Errorf("%w: openwork: result file: HTTP %d", wecom.ErrUnexpectedResponse, resp.StatusCode)
	}
	return io.Copy(w, resp.Body)
}

// ErrInvalidMedia is returned, before anything is sent, for an upload
// without a media type, a file name or content.
var ErrInvalidMedia = errors.New("openwork: invalid media upload")

// MediaType is the kind of file Provider.UploadMedia uploads.
type MediaType string

// MediaFile is a plain file, the type the contact tools (id_translate)
// take.
const MediaFile MediaType = "file"

// MediaUpload is a file to upload with Provider.UploadMedia; it has the
// shape of work.MediaUpload.
type MediaUpload struct {
	// Type is the media type, MediaFile for the contact tools.
	Type MediaType
	// Name is the file name, sent as the multipart field "media"'s file
	// name.
	Name string
	// Body is the content, streamed and read once: after an invalid token
	// the upload is repeated only if Body is an io.Seeker.
	Body io.Reader
	// Size is Body's length in bytes; 0 or less means unknown. With a
	// known size the request has a Content-Length.
	Size int64
}

// UploadResult is a file uploaded with Provider.UploadMedia; its MediaID
// is valid for three days.
type UploadResult struct {
	Type    MediaType
	MediaID string
	// CreatedAt is when WeCom stored the file.
	CreatedAt time.Time
}

// UploadMedia uploads a file for the contact tools (id_translate) with
// the provider_access_token (service/media/upload). Not repeated unless
// f.Body is an io.Seeker.
func (p *Provider) UploadMedia(ctx context.Context, f MediaUpload) (*UploadResult, error) {
	switch {
	case f.Type == "":
		return nil, fmt.Errorf("%w: no media type", ErrInvalidMedia)
	case f.Name == "":
		return nil, fmt.Errorf("%w: no file name", ErrInvalidMedia)
	case f.Body == nil:
		return nil, fmt.Errorf("%w: no content", ErrInvalidMedia)
	}
	size := f.Size
	if size <= 0 {
		size = -1
	}
	var out struct {
		Type      MediaType `json:"type"`
		MediaID   string    `json:"media_id"`
		CreatedAt looseInt  `json:"created_at"`
	}
	err := p.core.Upload(ctx, p.auth, api.Request{Method: http.MethodPost, Path: "/cgi-bin/service/media/upload",
		Query: url.Values{"type": {string(f.Type)}}, Safety: api.Unsafe},
		api.File{Field: "media", Name: f.Name, Reader: f.Body, Size: size}, loose(&out))
	if err != nil {
		return nil, err
	}
	r := &UploadResult{Type: out.Type, MediaID: out.MediaID}
	if out.CreatedAt != 0 {
		r.CreatedAt = time.Unix(int64(out.CreatedAt), 0)
	}
	return r, nil
}
