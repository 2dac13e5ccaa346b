package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/wecomkit/wecom"
)

// MaxResponseSize bounds a JSON response body; a larger one is an error
// rather than a memory blow-up.
const MaxResponseSize = 32 << 20

// Safety says whether a request may be repeated after a transient failure
// (a rate limit, "system busy", a 5xx answer, a network error).
type Safety int

const (
	// Unsafe requests change state; they are repeated only when the
	// caller's context was marked with wecom.AllowRetry.
	Unsafe Safety = iota
	// Idempotent requests (reads, idempotent writes) are repeated.
	Idempotent
	// Never requests deliver messages and are never repeated, so that no
	// message is sent twice. Only an invalid-token answer, which means
	// WeCom did nothing, leads to a second attempt.
	Never
)

// Request is one API call.
type Request struct {
	Method string     // http.MethodGet or http.MethodPost
	Path   string     // e.g. "/cgi-bin/user/get"
	Query  url.Values // parameters other than the credential
	Body   any        // encoded as JSON; nil sends no body
	Safety Safety
}

// Client sends requests to WeCom. It is safe for concurrent use.
type Client struct {
	rc      *resty.Client
	logger  *slog.Logger
	timeout time.Duration
	retry   wecom.RetryPolicy
}

// New returns a Client configured by o (see wecom.NewOptions).
func New(o wecom.Options) *Client {
	rc := resty.NewWithClient(o.HTTPClient).
		SetBaseURL(strings.TrimRight(o.BaseURL, "/")).
		SetLogger(quietLogger{}).
		SetPreRequestHook(applyContentLength)
	return &Client{rc: rc, logger: o.Logger, timeout: o.Timeout, retry: o.Retry}
}

// Logger returns the client's logger.
func (c *Client) Logger() *slog.Logger { return c.logger }

// Do sends req with the credential of auth (nil for none) and decodes the
// JSON answer into out (nil to discard it). A non-zero errcode is returned
// as *wecom.APIError.
func (c *Client) Do(ctx context.Context, auth *Auth, req Request, out any) error {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = encodeJSON(req.Body); err != nil {
			return fmt.Errorf("wecom: %s: encode request: %w", req.Path, err)
		}
	}
	return c.run(ctx, auth, req, func(ctx context.Context, r *resty.Request) error {
		if body != nil {
			r.SetHeader("Content-Type", "application/json").SetBody(body)
		}
		resp, err := r.Execute(req.Method, req.Path)
		if err != nil {
			return err
		}
		defer resp.RawBody().Close()
		return decodeResponse(req.Path, resp.RawResponse, out)
	})
}

// attemptFunc performs one attempt on a prepared request (context,
// credential and query set) and interprets the answer.
type attemptFunc func(ctx context.Context, r *resty.Request) error

// run drives the attempts of one call: the credential, the single retry
// after an invalid token, back-off retries of transient failures when the
// request is safe to repeat, and logging.
func (c *Client) run(ctx context.Context, auth *Auth, req Request, attempt attemptFunc) error {
	retried := false // after an invalid token
	for n := 1; ; n++ {
		tok := ""
		if auth != nil {
			var err error
			if tok, err = auth.Source.Token(ctx); err != nil {
				return fmt.Errorf("wecom: %s: %w", req.Path, err)
			}
		}
		start := time.Now()
		actx, cancel := context.WithTimeout(ctx, c.timeout)
		r := c.rc.R().SetContext(actx).SetDoNotParseResponse(true)
		if len(req.Query) > 0 {
			r.SetQueryParamsFromValues(req.Query)
		}
		if auth != nil {
			r.SetQueryParam(auth.Param, tok)
		}
		err := attempt(actx, r)
		cancel()
		var fe *finalError
		stop := errors.As(err, &fe)
		if stop {
			err = fe.err
		}
		if err != nil && !isAPIError(err) {
			err = fmt.Errorf("wecom: %s %s: %w", req.Method, req.Path, redact(err))
		}
		c.log(ctx, req, n, time.Since(start), err)
		if err == nil || stop {
			return err
		}
		if code := wecom.ErrCode(err); auth != nil && code != 0 && auth.Invalid(code) && !retried {
			retried = true
			if ierr := auth.Source.Invalidate(ctx, tok); ierr != nil {
				c.logger.LogAttrs(ctx, slog.LevelWarn, "wecom: token invalidation failed",
					slog.String("path", req.Path), slog.String("error", ierr.Error()))
			}
			n-- // a token refresh is not a transient-failure retry
			continue
		}
		if n >= c.retry.MaxAttempts || !c.mayRepeat(ctx, req) || !transient(err) || ctx.Err() != nil {
			return err
		}
		if werr := sleep(ctx, c.backoff(n)); werr != nil {
			return err
		}
	}
}

func (c *Client) mayRepeat(ctx context.Context, req Request) bool {
	switch req.Safety {
	case Idempotent:
		return true
	case Unsafe:
		return wecom.RetryAllowed(ctx)
	}
	return false
}

// backoff returns the wait before retry n (1-based): exponential with full
// jitter over the upper half.
func (c *Client) backoff(n int) time.Duration {
	d := c.retry.BaseDelay << (n - 1)
	if d > c.retry.MaxDelay || d <= 0 {
		d = c.retry.MaxDelay
	}
	return d/2 + rand.N(d/2+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (c *Client) log(ctx context.Context, req Request, attempt int, took time.Duration, err error) {
	level := slog.LevelDebug
	if err != nil {
		level = slog.LevelWarn
	}
	if !c.logger.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.Path),
		slog.Int("attempt", attempt),
		slog.Duration("took", took),
	}
	if err != nil {
		attrs = append(attrs, slog.Int("errcode", wecom.ErrCode(err)), slog.String("error", err.Error()))
	}
	c.logger.LogAttrs(ctx, level, "wecom: api call", attrs...)
}

// transient reports whether err is worth a back-off retry.
func transient(err error) bool {
	var apiErr *wecom.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.Code {
		case wecom.CodeSystemBusy, wecom.CodeRateLimited, wecom.CodeConcurrencyLimited:
			return true
		}
		return false
	}
	var se *statusError
	if errors.As(err, &se) {
		return se.code >= 500 || se.code == http.StatusTooManyRequests
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	// Network failures and per-attempt timeouts.
	var ue *url.Error
	return errors.As(err, &ue) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF)
}

func isAPIError(err error) bool {
	var e *wecom.APIError
	return errors.As(err, &e)
}

// finalError marks an attempt's failure as one that must not lead to
// another attempt (a consumed upload, a partly written download).
type finalError struct{ err error }

func final(err error) error { return &finalError{err} }

func (e *finalError) Error() string { return e.err.Error() }
func (e *finalError) Unwrap() error { return e.err }

// statusError is a non-2xx HTTP answer without a WeCom errcode.
type statusError struct {
	code        int
	contentType string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("HTTP %d (%s)", e.code, e.contentType)
}

func (e *statusError) Unwrap() error { return wecom.ErrUnexpectedResponse }

// envelope is the part of every answer the core reads itself.
type envelope struct {
	ErrCode lenientInt `json:"errcode"`
	ErrMsg  string     `json:"errmsg"`
}

// decodeResponse reads a JSON answer: errcode first, then out.
func decodeResponse(path string, resp *http.Response, out any) error {
	data, err := readLimited(resp.Body, MaxResponseSize)
	if err != nil {
		return err
	}
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		if resp.StatusCode/100 != 2 {
			return &statusError{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
		}
		return fmt.Errorf("%w: HTTP %d, %d bytes of %q that are not the expected JSON",
			wecom.ErrUnexpectedResponse, resp.StatusCode, len(data), resp.Header.Get("Content-Type"))
	}
	if env.ErrCode != 0 {
		return &wecom.APIError{Code: int(env.ErrCode), Message: env.ErrMsg, Path: path}
	}
	if resp.StatusCode/100 != 2 {
		return &statusError{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%w: decode %s answer: %v", wecom.ErrUnexpectedResponse, path, err)
		}
	}
	return nil
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: body larger than %d bytes", wecom.ErrUnexpectedResponse, limit)
	}
	return data, nil
}

// encodeJSON marshals v without HTML escaping, so "<a href>" in a message
// goes on the wire as written.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// lenientInt decodes a JSON number or a string holding one; WeCom sends
// either for some fields.
type lenientInt int64

func (n *lenientInt) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("errcode %q is not a number", s)
	}
	*n = lenientInt(v)
	return nil
}

// isJSONAnswer reports whether a binary endpoint answered with JSON (its
// error form) rather than the file.
func isJSONAnswer(h http.Header) bool {
	if h.Get("Content-Disposition") != "" {
		return false
	}
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return mt == "application/json" || mt == "text/plain" || mt == "text/json"
}

// quietLogger keeps resty from writing to stderr.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
