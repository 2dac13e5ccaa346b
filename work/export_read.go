package work

// Reading the result of an export: poll export/get_result until the job is
// done, then download each file, decrypt it and parse it into rows, one
// file at a time and without holding a whole file in memory.
//
// The files are encrypted as pages 94849–94853 document: AESKey =
// Base64_Decode(encoding_aeskey + "="), 32 bytes; AES-256-CBC with the IV
// the key's first 16 bytes; PKCS#7 padding to a multiple of 32 bytes. Each
// file decrypts to one JSON object (page 94854 / 94954, 数据格式):
// {"userlist": [...]} for members and member details, {"department": [...]}
// for departments, {"tagname": ..., "userlist": [...], "partylist": [...]}
// for tag members.

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"iter"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wecomkit/wecom/internal/redact"
)

// The errors of reading an export's result. Every error Read* yields wraps
// one of these, ErrInvalidExport, an *wecom.APIError of export/get_result
// or the context's error; none contains the key or a file's URL.
var (
	// ErrExportFailed reports a job that WeCom gave up on (status 3).
	ErrExportFailed = errors.New("work: export job failed")
	// ErrExportDownload reports a result file that could not be
	// downloaded within the client's retry budget: a network error, an
	// HTTP status other than 200 (the URLs expire two hours after the job
	// is done), a read that waited longer than the client's timeout, or a
	// file larger than MaxFileSize.
	ErrExportDownload = errors.New("work: export file download failed")
	// ErrExportIntegrity reports a file whose size or MD5 differs from
	// what export/get_result announced: it was cut short or altered.
	ErrExportIntegrity = errors.New("work: export file does not match its size or md5")
	// ErrExportDecrypt reports a file that does not decrypt with the key:
	// a wrong key, a length that is not a whole number of AES blocks, or
	// bad padding.
	ErrExportDecrypt = errors.New("work: export file does not decrypt")
	// ErrExportContent reports a file that decrypts but is not the JSON
	// object the documentation describes.
	ErrExportContent = errors.New("work: export file is not the documented JSON")
)

// Bounds of ExportReadRequest.
const (
	// DefaultExportPollInterval is the wait between two export/get_result
	// calls while a job runs, when ExportReadRequest.PollInterval is 0.
	DefaultExportPollInterval = 2 * time.Second
	// MinExportPollInterval and MaxExportPollInterval bound
	// ExportReadRequest.PollInterval.
	MinExportPollInterval = 50 * time.Millisecond
	MaxExportPollInterval = time.Minute
	// DefaultExportMaxFileSize bounds each result file when
	// ExportReadRequest.MaxFileSize is 0. A file holds at most 10^6 rows
	// (block_size).
	DefaultExportMaxFileSize = 2 << 30
)

// ExportReadRequest names an export job and the key its files are
// encrypted with.
type ExportReadRequest struct {
	// JobID is the id SimpleUsers, Users, Departments or TagUsers
	// returned (required).
	JobID string
	// EncodingAESKey is the key the job was started with (required). It
	// is never logged.
	EncodingAESKey string
	// PollInterval is the wait between two export/get_result calls while
	// the job runs: 0 means DefaultExportPollInterval, and it is kept
	// within [MinExportPollInterval, MaxExportPollInterval]. Bound the
	// whole wait with the context.
	PollInterval time.Duration
	// MaxFileSize bounds each result file, in bytes; 0 means
	// DefaultExportMaxFileSize.
	MaxFileSize int64
}

func (r ExportReadRequest) fields() *redact.Fields {
	return redact.Begin("work.ExportReadRequest").
		Str("JobID", "job_id", r.JobID).
		Secret("EncodingAESKey", "encoding_aeskey", r.EncodingAESKey).
		Int("PollInterval", "poll_interval", int64(r.PollInterval)).
		Int("MaxFileSize", "max_file_size", r.MaxFileSize)
}

// String describes the request without its key.
func (r ExportReadRequest) String() string { return r.fields().String() }

// GoString is String, for %#v.
func (r ExportReadRequest) GoString() string { return r.String() }

// Format prints String for every verb, so that no verb prints the key.
func (r ExportReadRequest) Format(s fmt.State, _ rune) { redact.Format(s, r.String()) }

// LogValue describes the request to log/slog without its key.
func (r ExportReadRequest) LogValue() slog.Value { return r.fields().LogValue() }

// MarshalJSON writes the request with the key replaced by "[redacted]".
func (r ExportReadRequest) MarshalJSON() ([]byte, error) { return r.fields().JSON(), nil }

// ExportTagMember is one entry of a tag-member export (export/taguser): a
// member carrying the tag (UserID and Name) or a department carrying it
// (DepartmentID, with UserID "").
type ExportTagMember struct {
	// TagName is the tag's name (tagname), as the file gives it before
	// its members.
	TagName      string
	UserID       string
	Name         string
	DepartmentID int64
}

// ReadSimpleUsers waits for an export/simple_user job (SimpleUsers) and
// yields its members. See ReadUsers.
func (s *ExportService) ReadSimpleUsers(ctx context.Context, req ExportReadRequest) iter.Seq2[SimpleUser, error] {
	return readExport(ctx, s, req, parseExportList[SimpleUser]("userlist"))
}

// ReadUsers waits for an export/user job (Users), then downloads its files
// one after the other, decrypts them with the request's key and yields
// their members, as user/list describes them. It polls export/get_result
// every PollInterval until the job is done, and yields ErrExportFailed if
// WeCom gives up on it. A file's GET is repeated when it fails before the
// file arrives, and a download cut off midway resumes where it stopped
// (a Range request), within the client's RetryPolicy.
//
// Rows are yielded while a file streams in, before its end is reached: a
// file's size, MD5 and padding are checked at its end, and a mismatch
// there is yielded as an error after the file's rows. Stop at the first
// error and treat the whole export as failed. The sequence stops after an
// error or when the loop breaks; ranging over it again polls and downloads
// again (the files' URLs last two hours).
func (s *ExportService) ReadUsers(ctx context.Context, req ExportReadRequest) iter.Seq2[User, error] {
	return readExport(ctx, s, req, parseExportList[User]("userlist"))
}

// ReadDepartments waits for an export/department job (Departments) and
// yields its departments. See ReadUsers.
func (s *ExportService) ReadDepartments(ctx context.Context, req ExportReadRequest) iter.Seq2[Department, error] {
	return readExport(ctx, s, req, parseExportList[Department]("department"))
}

// ReadTagMembers waits for an export/taguser job (TagUsers) and yields the
// members and departments carrying the tag. See ReadUsers.
func (s *ExportService) ReadTagMembers(ctx context.Context, req ExportReadRequest) iter.Seq2[ExportTagMember, error] {
	return readExport(ctx, s, req, parseExportTagMembers)
}

// parseExportList returns the parser of a file whose rows are the array
// under key.
func parseExportList[T any](key string) func(p *exportParser, yield func(T, error) bool) error {
	return func(p *exportParser, yield func(T, error) bool) error {
		return p.object(func(k string) (bool, error) {
			if k != key {
				return false, nil
			}
			return true, exportArray(p, yield)
		})
	}
}

// parseExportTagMembers parses a file of export/taguser: tagname, then
// userlist and partylist.
func parseExportTagMembers(p *exportParser, yield func(ExportTagMember, error) bool) error {
	var tagName string
	return p.object(func(key string) (bool, error) {
		switch key {
		case "tagname":
			var name looseString
			if err := p.dec.Decode(&name); err != nil {
				return true, p.fail(err)
			}
			tagName = string(name)
			return true, nil
		case "userlist":
			return true, exportArray(p, func(u TagUser, err error) bool {
				return yield(ExportTagMember{TagName: tagName, UserID: u.UserID, Name: u.Name}, err)
			})
		case "partylist":
			return true, exportArray(p, func(id looseInt, err error) bool {
				return yield(ExportTagMember{TagName: tagName, DepartmentID: int64(id)}, err)
			})
		}
		return false, nil
	})
}

// errStopped ends the parsing of a file when the caller's loop breaks.
var errStopped = errors.New("work: export read stopped")

// readExport yields the rows parse reads from each file of the job req
// names.
func readExport[T any](ctx context.Context, s *ExportService, req ExportReadRequest,
	parse func(p *exportParser, yield func(T, error) bool) error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		key, err := exportKey(req.EncodingAESKey)
		if err == nil && req.JobID == "" {
			err = fmt.Errorf("%w: jobid is required", ErrInvalidExport)
		}
		if err == nil && req.MaxFileSize < 0 {
			err = fmt.Errorf("%w: MaxFileSize cannot be negative", ErrInvalidExport)
		}
		if err != nil {
			yield(zero, err)
			return
		}
		defer clear(key)
		res, err := s.wait(ctx, req.JobID, req.PollInterval)
		if err != nil {
			yield(zero, err)
			return
		}
		limit := req.MaxFileSize
		if limit == 0 {
			limit = DefaultExportMaxFileSize
		}
		stopped := false
		guarded := func(v T, err error) bool {
			if stopped {
				return false
			}
			if !yield(v, err) {
				stopped = true
			}
			return !stopped
		}
		for i, f := range res.Files {
			err := s.readFile(ctx, f, limit, key, func(r io.Reader) error {
				return parse(newExportParser(r), guarded)
			})
			if stopped || errors.Is(err, errStopped) {
				return
			}
			if err != nil {
				yield(zero, fmt.Errorf("file %d of %d: %w", i+1, len(res.Files), err))
				return
			}
		}
	}
}

// wait polls export/get_result until the job is done.
func (s *ExportService) wait(ctx context.Context, jobID string, every time.Duration) (*ExportResult, error) {
	switch {
	case every == 0:
		every = DefaultExportPollInterval
	case every < MinExportPollInterval:
		every = MinExportPollInterval
	case every > MaxExportPollInterval:
		every = MaxExportPollInterval
	}
	for {
		res, err := s.Result(ctx, jobID)
		if err != nil {
			return nil, err
		}
		switch res.Status {
		case ExportDone:
			return res, nil
		case ExportFailed:
			return nil, fmt.Errorf("%w: job %s (status 3)", ErrExportFailed, jobID)
		case ExportNotStarted, ExportRunning:
		default:
			return nil, fmt.Errorf("%w: job %s has the undocumented status %d", ErrExportFailed, jobID, res.Status)
		}
		t := time.NewTimer(every)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// readFile downloads one result file and hands its decrypted content to
// use. The GET is repeated, after the client's back-off, when it fails
// before any byte of the file arrives: a network error or a 5xx or 429
// status. A download cut off in the middle is resumed where it stopped,
// with a Range request (page 94854: the URLs accept Range), so no row is
// read, or yielded, twice.
func (s *ExportService) readFile(ctx context.Context, f ExportFile, limit int64, key []byte, use func(io.Reader) error) error {
	if f.URL == "" {
		return fmt.Errorf("%w: no url", ErrExportDownload)
	}
	if f.Size > limit {
		return fmt.Errorf("%w: %d bytes, more than MaxFileSize (%d)", ErrExportDownload, f.Size, limit)
	}
	body := &exportBody{s: s, ctx: ctx, f: f, limit: limit}
	if want, err := hex.DecodeString(f.MD5); err == nil && len(want) == md5.Size {
		body.md5, body.want = md5.New(), want
	}
	if err := body.connect(); err != nil {
		return err
	}
	defer body.Close()
	r, err := newExportDecrypter(body, key)
	if err != nil {
		return err
	}
	return use(r)
}

// backoff waits before attempt n+1 (n from 1), or until ctx ends.
func (s *ExportService) backoff(ctx context.Context, n int) error {
	o := s.c.opts.Retry
	d := o.BaseDelay << (n - 1)
	if d <= 0 || d > o.MaxDelay {
		d = o.MaxDelay
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return fmt.Errorf("%w: %w", ErrExportDownload, ctx.Err())
	case <-t.C:
		return nil
	}
}

// exportConn is one GET of a file, from an offset.
type exportConn struct {
	body   io.ReadCloser
	ctx    context.Context
	cancel context.CancelCauseFunc
	stall  *time.Timer // cancels ctx when a wait outlasts the client's timeout
	skip   int64       // bytes to drop: a 200 answer to a Range request
}

func (c *exportConn) close() {
	c.stall.Stop()
	c.cancel(nil)
	c.body.Close()
}

// errExportStalled cancels a download that made no progress for the
// client's timeout.
var errExportStalled = errors.New("no data for the client's timeout")

// open sends the GET of a file from offset and checks the answer's
// headers. retry says whether a failure may be retried.
func (s *ExportService) open(ctx context.Context, f ExportFile, limit, offset int64) (*exportConn, bool, error) {
	timeout := s.c.opts.Timeout
	ctx, cancel := context.WithCancelCause(ctx)
	stall := time.AfterFunc(timeout, func() { cancel(errExportStalled) })
	fail := func(retry bool, err error) (*exportConn, bool, error) {
		stall.Stop()
		cancel(nil)
		return nil, retry, fmt.Errorf("%w: %w", ErrExportDownload, err)
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		return fail(false, errors.New("invalid url"))
	}
	if offset > 0 {
		hr.Header.Set("Range", "bytes="+strconv.FormatInt(offset, 10)+"-")
	}
	hc := s.c.opts.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(hr)
	if err != nil {
		if cause := context.Cause(ctx); cause != nil && ctx.Err() != nil {
			err = cause
		} else if ue, ok := errors.AsType[*url.Error](err); ok {
			err = ue.Err // without the URL, which may carry a signature
		}
		return fail(ctx.Err() == nil || errors.Is(err, errExportStalled), err)
	}
	stall.Stop() // each read arms it again (see exportBody)
	closeFail := func(retry bool, err error) (*exportConn, bool, error) {
		resp.Body.Close()
		return fail(retry, err)
	}
	partial := offset > 0 && resp.StatusCode == http.StatusPartialContent
	if resp.StatusCode != http.StatusOK && !partial {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		retry := resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests
		hint := ""
		if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound {
			hint = " (the URLs expire two hours after the job is done)"
		}
		return closeFail(retry, fmt.Errorf("HTTP status %d%s", resp.StatusCode, hint))
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/json" || mt == "text/json" {
		// An error answer (an expired or unknown file) instead of the file.
		var e struct {
			Code looseInt `json:"errcode"`
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		_ = decodeLenient(b, &e)
		return closeFail(false, fmt.Errorf("answered errcode %d instead of the file (the URLs expire two hours after the job is done)", e.Code))
	}
	if partial && !strings.HasPrefix(resp.Header.Get("Content-Range"), "bytes "+strconv.FormatInt(offset, 10)+"-") {
		return closeFail(false, errors.New("the resumed download does not start where the first stopped"))
	}
	c := &exportConn{body: resp.Body, ctx: ctx, cancel: cancel, stall: stall}
	served := resp.ContentLength // of the whole file
	if partial {
		served += offset
	} else {
		c.skip = offset
	}
	if resp.ContentLength >= 0 && served > limit {
		c.close()
		return nil, false, fmt.Errorf("%w: %d bytes, more than MaxFileSize (%d)", ErrExportDownload, served, limit)
	}
	if f.Size > 0 && resp.ContentLength >= 0 && served != f.Size {
		c.close()
		return nil, false, fmt.Errorf("%w: %d bytes served, %d announced", ErrExportIntegrity, served, f.Size)
	}
	return c, false, nil
}

// exportBody is a file's body: it counts and hashes what it reads,
// reports a size or MD5 that differs from the announced one at the end,
// refuses to read past the limit, cancels a read that waits longer than
// the client's timeout, and resumes a download cut off in the middle.
type exportBody struct {
	s      *ExportService
	ctx    context.Context // the caller's
	f      ExportFile
	limit  int64
	conn   *exportConn
	broken error     // a read error that came with bytes, handled on the next read
	tries  int       // resumptions so far
	md5    hash.Hash // nil when no MD5 was announced
	want   []byte
	n      int64
	err    error
}

// connect sends the first GET, repeated while it fails before any byte
// arrives and may be retried.
func (b *exportBody) connect() error {
	for attempt := 1; ; attempt++ {
		c, retry, err := b.s.open(b.ctx, b.f, b.limit, 0)
		if err == nil {
			b.conn = c
			return nil
		}
		if !retry || attempt >= b.s.c.opts.Retry.MaxAttempts {
			return err
		}
		if err := b.s.backoff(b.ctx, attempt); err != nil {
			return err
		}
	}
}

// resume replaces a connection that failed with err by a GET of the rest
// of the file, within the client's retry budget; it returns the error to
// report when it cannot.
func (b *exportBody) resume(err error) error {
	if cause := context.Cause(b.conn.ctx); b.conn.ctx.Err() != nil && cause != nil {
		err = cause
	}
	if ue, ok := errors.AsType[*url.Error](err); ok {
		err = ue.Err
	}
	err = fmt.Errorf("%w: %w", ErrExportDownload, err)
	b.conn.close()
	for b.ctx.Err() == nil && b.tries+1 < b.s.c.opts.Retry.MaxAttempts {
		b.tries++
		if werr := b.s.backoff(b.ctx, b.tries); werr != nil {
			return werr
		}
		c, retry, oerr := b.s.open(b.ctx, b.f, b.limit, b.n)
		if oerr == nil {
			b.conn = c
			return nil
		}
		err = oerr
		if !retry {
			break
		}
	}
	if b.ctx.Err() != nil {
		return fmt.Errorf("%w: %w", ErrExportDownload, b.ctx.Err())
	}
	return err
}

// read reads from the connection, dropping the bytes a 200 answer to a
// Range request repeats.
func (b *exportBody) read(p []byte) (int, error) {
	if err := b.broken; err != nil {
		b.broken = nil
		return 0, err
	}
	c := b.conn
	for {
		// The timeout runs only while a read waits for the network, not
		// while the caller works on the rows already read.
		c.stall.Reset(b.s.c.opts.Timeout)
		n, err := c.body.Read(p)
		c.stall.Stop()
		if c.skip > 0 && n > 0 {
			k := int(min(int64(n), c.skip))
			c.skip -= int64(k)
			n = copy(p, p[k:n])
			if n == 0 && err == nil {
				continue
			}
		}
		return n, err
	}
}

func (b *exportBody) Read(p []byte) (int, error) {
	for b.err == nil {
		n, err := b.read(p)
		if n > 0 {
			b.n += int64(n)
			if b.md5 != nil {
				b.md5.Write(p[:n])
			}
			if b.n > b.limit {
				b.err = fmt.Errorf("%w: more than MaxFileSize (%d bytes)", ErrExportDownload, b.limit)
				return 0, b.err
			}
		}
		switch {
		case err == nil:
			return n, nil
		case err == io.EOF:
			b.err = b.end()
			if n > 0 && b.err != io.EOF {
				return n, nil // the bytes now, the error on the next call
			}
			return n, b.err
		case n > 0:
			b.broken = err
			return n, nil
		}
		if rerr := b.resume(err); rerr != nil {
			b.err = rerr
		}
	}
	return 0, b.err
}

// end checks the size and MD5 of a file read to its end.
func (b *exportBody) end() error {
	switch {
	case b.f.Size > 0 && b.n != b.f.Size:
		return fmt.Errorf("%w: %d bytes read, %d announced", ErrExportIntegrity, b.n, b.f.Size)
	case b.md5 != nil && string(b.md5.Sum(nil)) != string(b.want):
		return fmt.Errorf("%w: md5 differs", ErrExportIntegrity)
	}
	return io.EOF
}

func (b *exportBody) Close() error {
	if b.conn != nil {
		b.conn.close()
	}
	return nil
}

// exportKey validates an encoding_aeskey and returns the AES-256 key:
// 43 characters of [A-Za-z0-9], Base64_Decode(key + "=").
func exportKey(s string) ([]byte, error) {
	if len(s) != 43 {
		return nil, fmt.Errorf("%w: encoding_aeskey must be 43 characters, got %d", ErrInvalidExport, len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return nil, fmt.Errorf("%w: encoding_aeskey character %d is not in [A-Za-z0-9]", ErrInvalidExport, i+1)
		}
	}
	key, err := base64.StdEncoding.DecodeString(s + "=")
	if err != nil || len(key) != 32 { // unreachable for 43 alphanumerics
		return nil, fmt.Errorf("%w: encoding_aeskey does not decode to 32 bytes", ErrInvalidExport)
	}
	return key, nil
}

// exportParser reads the JSON object of one decrypted file.
type exportParser struct {
	r   io.Reader
	dec *json.Decoder
	raw json.RawMessage // the current row, reused
}

func newExportParser(r io.Reader) *exportParser {
	return &exportParser{r: r, dec: json.NewDecoder(r)}
}

// fail classifies an error of the decoder: the reader's own errors
// (download, integrity, decryption) pass through, the rest is content.
func (p *exportParser) fail(err error) error {
	switch {
	case errors.Is(err, errStopped), errors.Is(err, ErrExportDownload), errors.Is(err, ErrExportIntegrity),
		errors.Is(err, ErrExportDecrypt), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF:
		return fmt.Errorf("%w: the JSON ends early", ErrExportContent)
	}
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return fmt.Errorf("%w: invalid JSON at byte %d", ErrExportContent, se.Offset)
	}
	return fmt.Errorf("%w: %v", ErrExportContent, err)
}

// object reads the file's top-level object, calling member for each key;
// member reads the value of the keys it knows and returns false for the
// others, which are skipped. It then reads the file to its end, so that
// its size, MD5 and padding are checked.
func (p *exportParser) object(member func(key string) (bool, error)) error {
	tok, err := p.dec.Token()
	if err != nil {
		return p.fail(err)
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("%w: not a JSON object", ErrExportContent)
	}
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return p.fail(err)
		}
		key, _ := tok.(string)
		done, err := member(key)
		if err != nil {
			return err
		}
		if !done {
			var skip json.RawMessage
			if err := p.dec.Decode(&skip); err != nil {
				return p.fail(err)
			}
		}
	}
	if _, err := p.dec.Token(); err != nil { // the closing brace
		return p.fail(err)
	}
	return p.end()
}

// end reads what follows the object, which may only be white space.
func (p *exportParser) end() error {
	var buf [512]byte
	rest := io.MultiReader(p.dec.Buffered(), p.r)
	for {
		n, err := rest.Read(buf[:])
		for _, c := range buf[:n] {
			if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
				return fmt.Errorf("%w: data after the JSON object", ErrExportContent)
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.fail(err)
		}
	}
}

// lenientUnmarshaler is a row type whose UnmarshalJSON decodes leniently
// (User): exportArray calls it directly rather than through json.Unmarshal,
// which would scan the row once more.
type lenientUnmarshaler interface {
	json.Unmarshaler
	decodesLeniently
}

// exportArray reads the array that is the current value and yields each
// element decoded leniently into T; null is an empty array.
func exportArray[T any](p *exportParser, yield func(T, error) bool) error {
	tok, err := p.dec.Token()
	if err != nil {
		return p.fail(err)
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("%w: a list is not a JSON array", ErrExportContent)
	}
	for p.dec.More() {
		if err := p.dec.Decode(&p.raw); err != nil {
			return p.fail(err)
		}
		var v T
		var err error
		if u, ok := any(&v).(lenientUnmarshaler); ok {
			err = u.UnmarshalJSON(p.raw) // lenient itself; the decoder checked the syntax
		} else {
			err = decodeLenient(p.raw, &v)
		}
		if err != nil {
			return fmt.Errorf("%w: %v", ErrExportContent, err)
		}
		if !yield(v, nil) {
			return errStopped
		}
	}
	if _, err := p.dec.Token(); err != nil { // the closing bracket
		return p.fail(err)
	}
	return nil
}
