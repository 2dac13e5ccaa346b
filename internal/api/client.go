package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/wecomkit/wecom"
)

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

// normalized moves a query written into Path into Query, so that errors and
// logs, which show the path, never show a query.
func (r Request) normalized() Request {
	path, rawQuery, ok := strings.Cut(r.Path, "?")
	if !ok {
		return r
	}
	q := make(url.Values, len(r.Query))
	for name, vs := range r.Query {
		q[name] = append([]string(nil), vs...)
	}
	extra, _ := url.ParseQuery(rawQuery) // what parses is kept
	for name, vs := range extra {
		q[name] = append(q[name], vs...)
	}
	r.Path, r.Query = path, q
	return r
}

// Client sends requests to WeCom. It is safe for concurrent use.
type Client struct {
	rc      *resty.Client
	hc      *http.Client // resty's, for streamed uploads
	baseURL string
	logger  *slog.Logger
	timeout time.Duration
	retry   wecom.RetryPolicy
}

// New returns a Client configured by o (see wecom.NewOptions); fields left
// zero get NewOptions' defaults. The HTTP client in o is never modified.
func New(o wecom.Options) *Client {
	o = withDefaults(o)
	// resty installs a transport of its own in a client that has none:
	// give it a copy, so that the caller's client is never written to.
	hc := *o.HTTPClient
	if hc.Transport == nil {
		hc.Transport = http.DefaultTransport
	}
	baseURL := strings.TrimRight(o.BaseURL, "/")
	rc := resty.NewWithClient(&hc).SetBaseURL(baseURL).SetLogger(quietLogger{})
	return &Client{rc: rc, hc: &hc, baseURL: baseURL, logger: o.Logger, timeout: o.Timeout, retry: o.Retry}
}

// withDefaults fills the zero fields of o, for an Options not built by
// wecom.NewOptions.
func withDefaults(o wecom.Options) wecom.Options {
	d := wecom.NewOptions(wecom.WithCache(o.Cache))
	if o.HTTPClient == nil {
		o.HTTPClient = d.HTTPClient
	}
	if o.BaseURL == "" {
		o.BaseURL = d.BaseURL
	}
	if o.Logger == nil {
		o.Logger = d.Logger
	}
	if o.Timeout <= 0 {
		o.Timeout = d.Timeout
	}
	if o.Retry.MaxAttempts <= 0 {
		o.Retry.MaxAttempts = d.Retry.MaxAttempts
	}
	if o.Retry.BaseDelay <= 0 {
		o.Retry.BaseDelay = d.Retry.BaseDelay
	}
	if o.Retry.MaxDelay <= 0 {
		o.Retry.MaxDelay = d.Retry.MaxDelay
	}
	return o
}

// Logger returns the client's logger.
func (c *Client) Logger() *slog.Logger { return c.logger }

// Do sends req with the credential of auth (nil for none) and decodes the
// JSON answer into out (nil to discard it). A non-zero errcode is returned
// as *wecom.APIError; an answer that is not the expected JSON as an error
// wrapping wecom.ErrUnexpectedResponse. The client's timeout bounds each
// attempt as a whole.
func (c *Client) Do(ctx context.Context, auth *Auth, req Request, out any) error {
	req = req.normalized()
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = encodeJSON(req.Body); err != nil {
			return fmt.Errorf("wecom: %s: encode request: %w", req.Path, err)
		}
	}
	return c.run(ctx, auth, req, func(a *attempt, query url.Values) error {
		r := c.request(a, query)
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

// request returns a resty request for one attempt: its context, and the
// query with the credential, set; the answer's body left unread.
func (c *Client) request(a *attempt, query url.Values) *resty.Request {
	r := c.rc.R().SetContext(a.ctx).SetDoNotParseResponse(true)
	if len(query) > 0 {
		r.SetQueryParamsFromValues(query)
	}
	return r
}

// attemptFunc performs one attempt with the given query (the request's,
// plus the credential) and interprets the answer. It sends with a.ctx, and
// may report progress to a, which restarts the attempt's timeout.
type attemptFunc func(a *attempt, query url.Values) error

// run drives the attempts of one call: the credential, the single retry
// after an invalid token, back-off retries of transient failures when the
// request is safe to repeat, redaction and logging.
//
// A failure of the credential source itself (gettoken answering 40001, a
// cache or network failure) ends the call: it is not a rejection of the
// credential, so it neither invalidates anything nor leads to a retry here.
func (c *Client) run(ctx context.Context, auth *Auth, req Request, try attemptFunc) error {
	if auth != nil && auth.Source == nil {
		return fmt.Errorf("wecom: %s: %w: no credential source", req.Path, wecom.ErrConfig)
	}
	if u, err := url.Parse(req.Path); err != nil || !strings.HasPrefix(req.Path, "/") || u.Path != req.Path {
		return fmt.Errorf("%w: request path %q is not a plain absolute URL path", wecom.ErrConfig, req.Path)
	}
	if req.Method != http.MethodGet && req.Method != http.MethodPost {
		return fmt.Errorf("%w: %s: method %q: WeCom's API takes GET or POST", wecom.ErrConfig, req.Path, req.Method)
	}
	refreshed := false // the one retry after an invalid token is used
	failures := 0      // transient failures so far
	for sent := 1; ; sent++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("wecom: %s %s: %w", req.Method, req.Path, err)
		}
		tok := ""
		if auth != nil {
			var err error
			if tok, err = auth.Source.Token(ctx); err != nil {
				return fmt.Errorf("wecom: %s: get credential: %w", req.Path, err)
			}
		}
		secrets := secretValues(req.Query, tok)
		start := time.Now()
		query := make(url.Values, len(req.Query)+1)
		for name, vs := range req.Query {
			query[name] = vs
		}
		if auth != nil {
			query.Set(auth.Param, tok)
		}
		a := newAttempt(ctx, c.timeout)
		err := try(a, query)
		a.end()

		var fe *finalError
		last := errors.As(err, &fe)
		if last {
			err = fe.err
		}
		if err != nil && !isAPIError(err) && a.timedOut() && ctx.Err() == nil {
			err = &timeoutError{limit: c.timeout}
		}
		retryable := err != nil && transient(err)
		err = describe(req, err, secrets)
		c.log(ctx, req, sent, time.Since(start), err)
		if err == nil || last {
			return err
		}

		if code := wecom.ErrCode(err); auth != nil && !refreshed && auth.Invalid != nil && auth.Invalid(code) {
			// WeCom did nothing with a rejected credential: drop it and
			// repeat once with a fresh one, whatever the request's Safety.
			refreshed = true
			if ierr := auth.Source.Invalidate(ctx, tok); ierr != nil {
				c.logger.LogAttrs(ctx, slog.LevelWarn, "wecom: token invalidation failed",
					slog.String("path", req.Path), slog.String("error", scrub(ierr.Error(), secrets)))
			}
			continue
		}

		failures++
		if !retryable || failures >= c.retry.MaxAttempts || !c.mayRepeat(ctx, req) || ctx.Err() != nil {
			return err
		}
		if sleep(ctx, c.backoff(failures)) != nil {
			return err
		}
	}
}

// describe gives a failed attempt's error its final form: a WeCom errcode
// stays an *wecom.APIError (with no credential in its message); anything
// else is prefixed with the method and path and stripped of credentials.
func describe(req Request, err error, secrets []string) error {
	if err == nil {
		return nil
	}
	var apiErr *wecom.APIError
	if errors.As(err, &apiErr) {
		apiErr.Message = scrub(apiErr.Message, secrets)
		return err
	}
	return fmt.Errorf("wecom: %s %s: %w", req.Method, req.Path, redact(err, secrets))
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

// quietLogger keeps resty from writing to stderr.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
