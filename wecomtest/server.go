package wecomtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is an in-process fake of WeCom's API server (qyapi.weixin.qq.com)
// and of the browser pages that end in a redirect (OAuth authorize, web
// login, suite install). It listens on a loopback address; point the SDK
// at it with wecom.WithBaseURL(s.URL()).
//
// All methods are safe for concurrent use, also while requests are served.
type Server struct {
	ts     *httptest.Server
	now    func() time.Time
	ttl    time.Duration
	client *http.Client // sends callbacks
	tb     testing.TB   // NewTestServer's test, for reporting misuse; may be nil

	mu    sync.Mutex
	stubs map[string]StubFunc // Handle
	kf    kfModel             // 微信客服 (kf.go)
	hooks webhookModel        // group robots (webhook.go)
	lic   *License            // NewLicense: the 接口许可 gate (licensegate.go)
	oa    oaModel             // calendars, schedules, meeting rooms (oa.go)
	state
}

// NewTestServer starts a fake WeCom server for the test t, as NewServer
// does, and closes it when t and its subtests end. Misuse of the server
// in the test (an unknown method name given to FailNext) fails t.
func NewTestServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := NewServer(opts...)
	s.tb = t
	t.Cleanup(s.Close)
	return s
}

// NewServer starts a fake WeCom server on 127.0.0.1. Unless the option
// [WithoutDefaults] is given it holds the default corp (DefaultCorpID) with
// its app (DefaultAgentID, DefaultSecret), its contacts secret, a small
// directory, a provider and two suites (see the package documentation).
// Call [Server.Close] when done; in a test, [NewTestServer] does.
func NewServer(opts ...Option) *Server {
	cfg := newConfig(opts)
	s := &Server{
		now:    cfg.now,
		ttl:    cfg.tokenTTL,
		client: &http.Client{},
		state:  newState(),
	}
	if !cfg.empty {
		s.seed()
	}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// URL returns the server's origin, such as "http://127.0.0.1:41234", to
// pass to wecom.WithBaseURL and to the page origins of the oauth and
// openwork packages.
func (s *Server) URL() string { return s.ts.URL }

// Client returns an HTTP client configured for the server.
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Close shuts the server down and blocks until all requests have finished.
func (s *Server) Close() { s.ts.Close() }

// fault is an answer injected with FailNext or FailNextStatus.
type fault struct {
	code   int
	msg    string
	status int // non-zero: a bare HTTP status instead of an errcode
}

// FailNext makes the next call of an SDK method answer
// {"errcode": errcode, "errmsg": errmsg} instead of being served, before
// any credential is checked. The call is named as the user writes it:
//
//	s.FailNext("User.Get", 60111, "")            // c.User.Get
//	s.FailNext("Message.Send", 45009, "")        // c.Message.Send
//	s.FailNext("Suite.PermanentCode", 40078, "") // suite.PermanentCode
//	s.FailNext("OAuth.UserFromCode", 40029, "")  // c.OAuth.UserFromCode
//
// or by the path it requests ("/cgi-bin/user/get"), which works for every
// endpoint, the token endpoints included. Method names are those of the
// work, openwork and oauth methods that call one endpoint (see
// [MethodPath]). Several calls queue several failures, used in order. An
// empty errmsg gets a generic one. An unknown method name is an error
// wrapping [ErrUnknownMethod] (and fails the test of a NewTestServer).
func (s *Server) FailNext(method string, errcode int, errmsg string) error {
	if errmsg == "" {
		errmsg = "wecomtest: injected failure"
	}
	return s.queueFault(method, fault{code: errcode, msg: errmsg})
}

// FailNextStatus makes the next call of a method (named as for FailNext)
// answer with the HTTP status (such as 502) and a short non-JSON body, as
// a failing proxy would. Statuses outside 100–599 are treated as 500.
func (s *Server) FailNextStatus(method string, status int) error {
	if status < 100 || status > 599 {
		status = http.StatusInternalServerError
	}
	return s.queueFault(method, fault{status: status})
}

// ErrUnknownMethod is returned for a method name the fake cannot map to
// a path.
var ErrUnknownMethod = errors.New("wecomtest: unknown method name (give a path such as /cgi-bin/user/get instead)")

// MethodPath returns the path the SDK method named method requests, such
// as "/cgi-bin/user/get" for "User.Get"; a path is returned as it is.
// Names are read from the SDK's sources when the fake is built: the
// methods of work.Client's services ("User.Get"), of openwork's Provider
// and Suite ("Suite.PermanentCode", "Provider.RegisterCode") and of the
// oauth clients as reached from them ("OAuth.UserFromCode",
// "Suite.OAuth.UserFromCode", "Provider.Login.LoginInfo"), when they call
// exactly one endpoint.
func MethodPath(method string) (string, error) {
	if strings.HasPrefix(method, "/") {
		return method, nil
	}
	if strings.HasPrefix(method, "cgi-bin/") {
		return "/" + method, nil
	}
	if p, ok := methodPaths[strings.TrimPrefix(method, "work.")]; ok {
		return p, nil
	}
	if p, ok := methodPaths[method]; ok {
		return p, nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownMethod, method)
}

// resolve maps a method name or path to a path, reporting misuse to the
// test of a NewTestServer.
func (s *Server) resolve(method string) (string, error) {
	path, err := MethodPath(method)
	if err != nil && s.tb != nil {
		s.tb.Helper()
		s.tb.Errorf("%v", err)
	}
	return path, err
}

func (s *Server) queueFault(method string, f fault) error {
	path, err := s.resolve(method)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = append(s.faults[path], f)
	return nil
}

// ExpireTokens makes every access, suite and provider token issued so far
// expired: requests with them answer 42001 (42009 for suite tokens), and
// the next gettoken issues a new token.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.tokens {
		t.revoked = true
	}
}

// SetLatency delays every answer by d, capped at [MaxLatency]; zero or a
// negative d removes the delay. A request whose context ends first gets no
// answer.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = min(max(d, 0), MaxLatency)
}

// Calls returns how many requests a method (named as for FailNext, or a
// path such as "/cgi-bin/gettoken") has received, including failed and
// injected ones. An unknown method name counts 0.
func (s *Server) Calls(method string) int {
	path, err := s.resolve(method)
	if err != nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[path]
}

// Body limits.
const (
	maxJSONBody   = 2 << 20
	maxUploadBody = maxMediaSize + 1<<20
)

// authKind says which credential a route checks.
type authKind int

const (
	authNone             authKind = iota
	authCorp                      // access_token
	authSuite                     // suite_access_token
	authProvider                  // provider_access_token
	authProviderAsAccess          // provider token in the access_token parameter
)

type route struct {
	method string
	auth   authKind
	upload bool // multipart body up to maxUploadBody
	page   bool // a browser page: errors are HTML
	handle func(*Server, *call) (any, error)
}

// call is one request being served.
type call struct {
	r        *http.Request
	query    url.Values
	body     []byte
	token    *issuedToken
	corp     *corpState     // authCorp: the token's corp
	suite    *suiteState    // authSuite: the token's suite
	provider *providerState // authProvider*: the token's provider
}

// serveHTTP counts the request, applies latency and faults, checks the
// method and credential and runs the route's handler under the lock.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	s.mu.Lock()
	s.calls[path]++
	latency := s.latency
	f, faulted := s.popFault(path)
	s.mu.Unlock()

	if latency > 0 && !sleep(r.Context(), latency) {
		return
	}
	if faulted {
		f.response().write(w)
		return
	}
	if fn := s.stub(path); fn != nil {
		s.serveStub(w, r, fn)
		return
	}
	rt, ok := routes[path]
	if !ok {
		if fn, ok := documentedAnswer(path); ok {
			s.serveStub(w, r, fn)
			return
		}
		jsonResponse(http.StatusNotFound, errorBody(http.StatusNotFound, "wecomtest: no fake endpoint "+path)).write(w)
		return
	}
	if r.Method != rt.method {
		if rt.page {
			pageResponse(http.StatusMethodNotAllowed, "method not allowed").write(w)
			return
		}
		jsonResponse(http.StatusOK, errorBody(codeInvalidParameter, "wrong method: use "+rt.method)).write(w)
		return
	}
	c := &call{r: r, query: r.URL.Query()}
	if r.Method == http.MethodPost {
		body, resp, ok := readBody(w, r, rt)
		if !ok {
			resp.write(w)
			return
		}
		c.body = body
	}
	s.mu.Lock()
	resp := s.serve(rt, c)
	s.mu.Unlock()
	resp.write(w)
}

// serve checks the credential and runs the handler; s.mu is held.
func (s *Server) serve(rt route, c *call) response {
	if err := s.authorize(rt.auth, c); err != nil {
		return render(nil, err)
	}
	if err := s.checkLicense(rt, c); err != nil {
		return render(nil, err)
	}
	return render(rt.handle(s, c))
}

func (s *Server) popFault(path string) (fault, bool) {
	q := s.faults[path]
	if len(q) == 0 {
		return fault{}, false
	}
	f := q[0]
	if len(q) == 1 {
		delete(s.faults, path)
	} else {
		s.faults[path] = q[1:]
	}
	return f, true
}

func (f fault) response() response {
	if f.status != 0 {
		return response{status: f.status, contentType: "text/plain; charset=utf-8",
			body: []byte(strconv.Itoa(f.status) + " " + http.StatusText(f.status) + " (wecomtest)\n")}
	}
	b, _ := json.Marshal(struct {
		Code int    `json:"errcode"`
		Msg  string `json:"errmsg"`
	}{f.code, f.msg})
	return jsonResponse(http.StatusOK, b)
}

// readBody reads a POST body within the route's limit.
func readBody(w http.ResponseWriter, r *http.Request, rt route) ([]byte, response, bool) {
	limit := int64(maxJSONBody)
	if rt.upload {
		limit = maxUploadBody
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
			if rt.upload {
				return nil, jsonResponse(http.StatusOK, errorBody(codeMediaTooLarge, "media size out of limit")), false
			}
			return nil, jsonResponse(http.StatusOK, errorBody(codeInvalidParameter, "request body too large")), false
		}
		return nil, jsonResponse(http.StatusBadRequest, errorBody(codeInvalidParameter, "unreadable request body")), false
	}
	if !rt.upload && len(body) > 0 {
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && strings.HasPrefix(mt, "multipart/") {
			return nil, jsonResponse(http.StatusOK, errorBody(codeInvalidParameter, "expected a JSON body")), false
		}
	}
	return body, response{}, true
}

// sleep waits d or until ctx ends, reporting whether d elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// response is an answer rendered under the lock and written after it.
type response struct {
	status      int
	contentType string
	header      http.Header
	body        []byte
}

func (r response) write(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range r.header {
		h[k] = v
	}
	if r.contentType != "" {
		h.Set("Content-Type", r.contentType)
	}
	h.Set("Content-Length", strconv.Itoa(len(r.body)))
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}

func jsonResponse(status int, body []byte) response {
	return response{status: status, contentType: "application/json; charset=UTF-8", body: body}
}

func pageResponse(status int, msg string) response {
	body := "<!DOCTYPE html>\n<html><head><title>wecomtest</title></head><body><p>" +
		htmlEscape(msg) + "</p></body></html>\n"
	return response{status: status, contentType: "text/html; charset=utf-8", body: []byte(body)}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;").Replace(s)
}

// fileResult is a binary answer (media/get).
type fileResult struct {
	name        string
	contentType string
	data        []byte
}

// redirectResult is a 302 answer of a browser page.
type redirectResult struct{ location string }

// pageError is an error answer of a browser page.
type pageError struct{ msg string }

// render turns a handler's result into a response.
func render(result any, err error) response {
	if err != nil {
		var e *apiError
		if errors.As(err, &e) {
			return jsonResponse(http.StatusOK, errorBody(e.code, e.msg))
		}
		return jsonResponse(http.StatusInternalServerError, errorBody(-1, "system error"))
	}
	switch v := result.(type) {
	case obj:
		if _, ok := v["errcode"]; !ok {
			v["errcode"] = codeOK
		}
		if _, ok := v["errmsg"]; !ok {
			v["errmsg"] = "ok"
		}
		return marshalResponse(map[string]any(v))
	case bareObj:
		return marshalResponse(map[string]any(v))
	case *fileResult:
		h := http.Header{}
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": v.name}))
		h.Set("Cache-Control", "no-cache, must-revalidate")
		return response{status: http.StatusOK, contentType: v.contentType, header: h, body: v.data}
	case *redirectResult:
		h := http.Header{}
		h.Set("Location", v.location)
		return response{status: http.StatusFound, header: h}
	case *pageError:
		return pageResponse(http.StatusBadRequest, v.msg)
	default:
		return jsonResponse(http.StatusInternalServerError, errorBody(-1, "system error"))
	}
}

func marshalResponse(v map[string]any) response {
	b, err := json.Marshal(v)
	if err != nil {
		return jsonResponse(http.StatusInternalServerError, errorBody(-1, "system error"))
	}
	return jsonResponse(http.StatusOK, b)
}
