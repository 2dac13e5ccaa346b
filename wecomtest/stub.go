package wecomtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// StubFunc answers a request to a path stubbed with [Server.Handle]. body
// is the request body (nil for a GET). The result is the answer:
//
//   - nil: {"errcode":0,"errmsg":"ok"};
//   - a string, []byte or json.RawMessage: that JSON text, such as a
//     response sample copied from WeCom's documentation;
//   - anything else: its encoding/json encoding.
//
// An answer that is a JSON object without "errcode" gets errcode 0 and
// errmsg "ok". An *APIError answers {"errcode": Code, "errmsg": Message};
// any other error answers HTTP 500 with errcode -1.
type StubFunc func(r *http.Request, body []byte) (any, error)

// APIError is an errcode a StubFunc answers with.
type APIError struct {
	Code    int
	Message string
}

// Error implements error.
func (e *APIError) Error() string { return fmt.Sprintf("wecomtest: errcode %d: %s", e.Code, e.Message) }

// Handle makes the fake answer path (such as "/cgi-bin/kf/account/list")
// with fn, for the endpoints it does not model, or to replace a modelled
// answer in one test. A nil fn removes the stub.
//
// The fake still counts the calls (Calls), applies latency and injected
// faults (FailNext) first, and checks the credential a request carries:
// an access_token, suite_access_token or provider_access_token that the
// fake did not issue, or that expired, is answered with WeCom's errcode
// (40014, 42001, 40082, 42009...) before fn runs, so the SDK's token
// refresh works on stubbed paths too. fn runs without the fake's lock: it
// may call the Server's methods. It must be safe for concurrent use.
func (s *Server) Handle(path string, fn func(r *http.Request, body []byte) (any, error)) {
	if p, err := MethodPath(path); err == nil {
		path = p
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if fn == nil {
		delete(s.stubs, path)
		return
	}
	if s.stubs == nil {
		s.stubs = map[string]StubFunc{}
	}
	s.stubs[path] = fn
}

func (s *Server) stub(path string) StubFunc {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stubs[path]
}

// stubCredentials are the credential parameters a stubbed request may
// carry, with the kind of token each names.
var stubCredentials = []struct {
	param string
	kinds []tokenKind
}{
	{"access_token", []tokenKind{kindAccess, kindProvider}},
	{"suite_access_token", []tokenKind{kindSuite}},
	{"provider_access_token", []tokenKind{kindProvider}},
}

// checkStubCredential checks the credential a request carries, if any.
func (s *Server) checkStubCredential(r *http.Request) error {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range stubCredentials {
		if !q.Has(c.param) {
			continue
		}
		var err error
		for _, k := range c.kinds {
			if _, err = s.checkToken(k, c.param, q.Get(c.param)); err == nil {
				break
			}
			if t := s.tokens[q.Get(c.param)]; t != nil && t.kind == k {
				break // the token's own kind decides: expired, not invalid
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// serveStub answers a stubbed request.
func (s *Server) serveStub(w http.ResponseWriter, r *http.Request, fn StubFunc) {
	if err := s.checkStubCredential(r); err != nil {
		render(nil, err).write(w)
		return
	}
	var body []byte
	if r.Method != http.MethodGet && r.Body != nil {
		b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUploadBody))
		if err != nil {
			jsonResponse(http.StatusBadRequest, errorBody(codeInvalidParameter, "unreadable request body")).write(w)
			return
		}
		body = b
	}
	result, err := fn(r, body)
	stubResponse(result, err).write(w)
}

// stubResponse renders what a StubFunc returned.
func stubResponse(result any, err error) response {
	if err != nil {
		if e, ok := errors.AsType[*APIError](err); ok {
			return jsonResponse(http.StatusOK, errorBody(e.Code, e.Message))
		}
		return jsonResponse(http.StatusInternalServerError, errorBody(-1, "system error"))
	}
	var raw []byte
	switch v := result.(type) {
	case nil:
		raw = []byte(`{}`)
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	case json.RawMessage:
		raw = v
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return jsonResponse(http.StatusInternalServerError, errorBody(-1, "wecomtest: stub answer: "+err.Error()))
		}
		raw = b
	}
	if !json.Valid(raw) {
		return jsonResponse(http.StatusInternalServerError, errorBody(-1, "wecomtest: stub answer is not JSON"))
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var fields map[string]json.RawMessage
		if json.Unmarshal(trimmed, &fields) == nil {
			if _, ok := fields["errcode"]; !ok {
				fields["errcode"] = json.RawMessage("0")
				if _, ok := fields["errmsg"]; !ok {
					fields["errmsg"] = json.RawMessage(`"ok"`)
				}
				if b, err := json.Marshal(fields); err == nil {
					trimmed = b
				}
			}
		}
	}
	return jsonResponse(http.StatusOK, trimmed)
}
