package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/wecomkit/wecom"
)

// Request is one API call.
type Request struct {
	Method string     // http.MethodGet or http.MethodPost
	Path   string     // e.g. "/cgi-bin/user/get"
	Query  url.Values // parameters other than the credential
	Body   any        // encoded as JSON; nil sends no body
	// Safety says whether the request may be repeated after a transient
	// failure; a delivery path (IsDelivery) is Never whatever it says.
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
	// Three resty clients on one *http.Client, so that the headers each
	// kind of request needs are set once rather than per request: rc for
	// requests without a body, rcJSON for JSON bodies, rcOnce for a GET the
	// transport must not replay (see noReplay).
	rc, rcJSON, rcOnce *resty.Client
	hc                 *http.Client // resty's, for streamed uploads
	baseURL            string
	logger             *slog.Logger
	timeout            time.Duration
	retry              wecom.RetryPolicy
}

// userAgent is the User-Agent of every request.
var userAgent = "go-resty/" + resty.Version + " (https://github.com/go-resty/resty)"

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
	newResty := func() *resty.Client {
		return resty.NewWithClient(&hc).SetLogger(quietLogger{}).
			SetHeader("User-Agent", userAgent).SetHeader("Accept", "application/json")
	}
	return &Client{
		rc:      newResty(),
		rcJSON:  newResty().SetHeader("Content-Type", "application/json"),
		rcOnce:  newResty().SetPreRequestHook(noReplay),
		hc:      &hc,
		baseURL: baseURL, logger: o.Logger, timeout: o.Timeout, retry: o.Retry,
	}
}

// noReplay makes a GET non-replayable by net/http's Transport. The
// Transport re-sends, on a new connection, a request that failed on a
// reused keep-alive connection when it deems the request replayable: a GET
// whose Body is nil or http.NoBody, or that has a GetBody. A GET that
// changes state (user/delete) may have been acted on before the connection
// dropped, so it gets a Body that is none of these. The Transport probes
// such a body, finds it empty and sends neither body bytes nor a
// Content-Length or Transfer-Encoding: the request on the wire is the same.
func noReplay(_ *resty.Client, r *http.Request) error {
	if r.Method == http.MethodGet {
		r.Body, r.GetBody, r.ContentLength = emptyBody{}, nil, 0
	}
	return nil
}

// emptyBody is an empty request body that net/http does not know to be
// empty (see noReplay).
type emptyBody struct{}

func (emptyBody) Read([]byte) (int, error) { return 0, io.EOF }
func (emptyBody) Close() error             { return nil }

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
	rc := c.restyFor(req, body != nil)
	return c.run(ctx, auth, req, body, false, func(a *attempt, u string) error {
		r := rc.R().SetContext(a.ctx).SetDoNotParseResponse(true)
		if body != nil {
			// A *bytes.Reader goes to net/http as it is (which sets its
			// length and GetBody); resty copies a []byte body three times.
			r.SetBody(bytes.NewReader(body))
		}
		resp, err := r.Execute(req.Method, u)
		if err != nil {
			return err
		}
		defer resp.RawBody().Close()
		return decodeResponse(req.Path, resp.RawResponse, out)
	})
}

// restyFor returns the resty client for req: a GET that may not be
// repeated goes through the one that makes it non-replayable, a JSON body
// through the one that labels it.
func (c *Client) restyFor(req Request, jsonBody bool) *resty.Client {
	switch {
	case req.Method == http.MethodGet && req.safety() != Idempotent:
		return c.rcOnce
	case jsonBody:
		return c.rcJSON
	}
	return c.rc
}

// url returns the absolute URL of one attempt: the path, the credential
// and the request's encoded query. resty takes an absolute URL as it is,
// which spares it merging and re-encoding query maps.
func (c *Client) url(path, param, tok, query string) string {
	switch {
	case param == "" && query == "":
		return c.baseURL + path
	case param == "":
		return c.baseURL + path + "?" + query
	case query == "":
		return c.baseURL + path + "?" + param + "=" + url.QueryEscape(tok)
	}
	return c.baseURL + path + "?" + param + "=" + url.QueryEscape(tok) + "&" + query
}

// attemptFunc performs one attempt on the URL u (the request's path and
// query, plus the credential) and interprets the answer. It sends with
// a.ctx, and may report progress to a, which restarts the attempt's
// timeout.
type attemptFunc func(a *attempt, u string) error

// run drives the attempts of one call: the credential, the single retry
// after an invalid token, back-off retries of transient failures when the
// request is Idempotent, redaction and logging. body is the encoded JSON
// body, if any: the secrets it carries are kept out of errors and logs, as
// are the credential and the sensitive query values. stream says whether
// attempts report progress (file transfers) or are bounded as a whole.
//
// A failure of the credential source itself (gettoken answering 40001, a
// cache or network failure) ends the call: it is not a rejection of the
// credential, so it neither invalidates anything nor leads to a retry here.
func (c *Client) run(ctx context.Context, auth *Auth, req Request, body []byte, stream bool, try attemptFunc) error {
	if auth != nil && auth.Source == nil {
		return fmt.Errorf("wecom: %s: %w: no credential source", req.Path, wecom.ErrConfig)
	}
	if err := checkPath(req.Path); err != nil {
		return err
	}
	if req.Method != http.MethodGet && req.Method != http.MethodPost {
		return fmt.Errorf("%w: %s: method %q: WeCom's API takes GET or POST", wecom.ErrConfig, req.Path, req.Method)
	}
	safety := req.safety()
	query := ""
	if len(req.Query) > 0 {
		q := req.Query
		if auth != nil && q.Has(auth.Param) {
			q = maps.Clone(q) // the credential is the SDK's to set
			q.Del(auth.Param)
		}
		query = encodeQuery(q)
	}
	refreshed := false // the one retry after an invalid token is used
	failures := 0      // transient failures so far
	for sent := 1; ; sent++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("wecom: %s %s: %w", req.Method, req.Path, err)
		}
		tok, param := "", ""
		if auth != nil {
			var err error
			if tok, err = auth.Source.Token(ctx); err != nil {
				return fmt.Errorf("wecom: %s: get credential: %w", req.Path, err)
			}
			param = auth.Param
		}
		var start time.Time // read only when a record may be written: the clock is not free
		if c.logger.Enabled(ctx, slog.LevelWarn) {
			start = time.Now()
		}
		a := newAttempt(ctx, c.timeout, stream)
		err := try(a, c.url(req.Path, param, tok, query))
		a.end()
		if err == nil {
			c.log(ctx, req, sent, start, nil)
			return nil
		}

		var fe *finalError
		last := errors.As(err, &fe)
		if last {
			err = fe.err
		}
		if !isAPIError(err) && a.timedOut() && ctx.Err() == nil {
			err = &timeoutError{limit: c.timeout}
		}
		retryable := transient(err)
		secrets := requestSecrets(req.Query, body, tok)
		err = describe(req, err, secrets)
		c.log(ctx, req, sent, start, err)
		if last {
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
		if !retryable || safety != Idempotent || failures >= c.retry.MaxAttempts || ctx.Err() != nil {
			return err
		}
		if sleep(ctx, c.backoff(failures)) != nil {
			return err
		}
	}
}

// encodeQuery is url.Values.Encode, without its sorted copy of the keys
// for the common query of one parameter.
func encodeQuery(q url.Values) string {
	if len(q) != 1 {
		return q.Encode()
	}
	var b strings.Builder
	for name, vs := range q {
		k := url.QueryEscape(name)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}

// checkPath accepts a plain absolute URL path only: what the caller wrote
// is what goes on the wire, and what errors and logs show.
func checkPath(p string) error {
	plain := len(p) > 0 && p[0] == '/' && (len(p) == 1 || p[1] != '/')
	for i := 0; plain && i < len(p); i++ {
		if c := p[i]; c <= ' ' || c >= 0x7f || c == '%' || c == '?' || c == '#' || c == '\\' {
			plain = false
		}
	}
	if plain {
		return nil
	}
	if u, err := url.Parse(p); err != nil || !strings.HasPrefix(p, "/") || u.Path != p || u.Host != "" {
		return fmt.Errorf("%w: request path %q is not a plain absolute URL path", wecom.ErrConfig, p)
	}
	return nil
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

// log records one attempt that began at start (zero when the clock was
// not read because no record was wanted).
func (c *Client) log(ctx context.Context, req Request, attempt int, start time.Time, err error) {
	level := slog.LevelDebug
	if err != nil {
		level = slog.LevelWarn
	}
	if !c.logger.Enabled(ctx, level) {
		return
	}
	var took time.Duration
	if !start.IsZero() {
		took = time.Since(start)
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
