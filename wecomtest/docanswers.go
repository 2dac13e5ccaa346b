package wecomtest

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"sync"
)

// docAnswersJSON maps each path the SDK's documentation-sample tests cover
// to the response sample of its doc page. It is generated from those
// tests' tables and sample files (go generate; see
// internal/gendocanswers) and checked by TestDocAnswersAreUpToDate.
//
//go:embed docanswers_gen.json
var docAnswersJSON []byte

// docAnswers returns the decoded table; it is read once.
var docAnswers = sync.OnceValue(func() map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(docAnswersJSON, &m); err != nil {
		return nil // TestDocAnswersAreUpToDate reports it
	}
	return m
})

// documentedAnswer returns the answer the fake gives on path when no route
// models it and no stub replaces it: the response sample of the path's
// documentation page, if the SDK calls the path. Like any stub, it is
// served after the injected faults and the check of the credential the
// request carries; a request that carries none answers 41001, as WeCom
// does.
func documentedAnswer(path string) (StubFunc, bool) {
	sample, ok := docAnswers()[path]
	if !ok {
		return nil, false
	}
	return func(r *http.Request, _ []byte) (any, error) {
		if !hasCredential(r) {
			return nil, &APIError{Code: codeMissingAccessToken, Message: "access_token missing"}
		}
		return sample, nil
	}, true
}

// hasCredential reports whether r carries one of the token parameters.
func hasCredential(r *http.Request) bool {
	q := r.URL.Query()
	for _, c := range stubCredentials {
		if q.Get(c.param) != "" {
			return true
		}
	}
	return false
}
