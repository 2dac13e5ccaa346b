package aibot

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"
)

// FuzzHandleCallback sends arbitrary plaintexts, encrypted and signed as
// WeCom would, and arbitrary bodies under a fixed signature: nothing
// panics, bad input gets a 4xx, and a JSON object always reaches the
// handler.
func FuzzHandleCallback(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s, `{"encrypt":"x"}`)
	}
	f.Add(`[1,2]`, `{"encrypt":"\u0041"}`)
	f.Add(`{"msgtype":"stream","stream":{"id":"none"}}`, `{"encrypt":`)
	f.Add(`not json`, `{"a":{"encrypt":"b"},"encrypt":"c\/d"}`)
	c := newCrypt(f)
	f.Fuzz(func(t *testing.T, plain, body string) {
		handled := false
		s := NewServer(c, HandlerFunc(func(context.Context, *Message) (Reply, error) {
			handled = true
			return nil, nil
		}), WithDedup(nil, 0))
		cb := sign(t, c, plain, testTime)
		_, err := s.HandleCallback(context.Background(), cb.query.Get("msg_signature"), cb.query.Get("timestamp"), cb.query.Get("nonce"), cb.body)
		trimmed := bytes.TrimSpace([]byte(plain))
		if json.Valid(trimmed) && len(trimmed) > 0 && trimmed[0] == '{' && (err != nil || !handled) {
			t.Fatalf("JSON object %q did not reach the handler: %v", plain, err)
		}
		if err != nil {
			if code := StatusCode(err); code != http.StatusBadRequest {
				t.Fatalf("plaintext %q: %v (HTTP %d)", plain, err, code)
			}
			if handled {
				t.Fatal("handler called for a refused callback")
			}
		}
		_, err = s.HandleCallback(context.Background(), cb.query.Get("msg_signature"), cb.query.Get("timestamp"), cb.query.Get("nonce"), []byte(body))
		if err != nil && StatusCode(err) >= 500 {
			t.Fatalf("body %q: %v", body, err)
		}
	})
}
