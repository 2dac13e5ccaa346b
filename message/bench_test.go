package message

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// benchServer returns a server for the official sample with a typed Text
// handler that checks what it gets.
func benchServer(b *testing.B) *Server {
	r := NewRouter()
	On(r, func(_ context.Context, m *Message, t *Text) (Reply, error) {
		if t.Content != "hello" || m.AgentID != 218 {
			b.Fatalf("bad message %+v %+v", m, t)
		}
		return nil, nil
	})
	return NewServer(newCrypt(b, sampleCorpID), r)
}

// BenchmarkParseText measures the whole callback path without HTTP on the
// official POST sample: envelope, signature, decryption, parsing and
// routing to a typed Text handler.
func BenchmarkParseText(b *testing.B) {
	s := benchServer(b)
	body := []byte(samplePostBody)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := s.HandleCallback(context.Background(), samplePostSignature, samplePostTimestamp, samplePostNonce, body)
		if err != nil || resp != nil {
			b.Fatal(err, resp)
		}
	}
}

// BenchmarkServeHTTP measures the same through ServeHTTP with a reused
// request.
func BenchmarkServeHTTP(b *testing.B) {
	s := benchServer(b)
	q := url.Values{"msg_signature": {samplePostSignature}, "timestamp": {samplePostTimestamp}, "nonce": {samplePostNonce}}
	req := httptest.NewRequest(http.MethodPost, "/callback?"+q.Encode(), nil)
	body := strings.NewReader(samplePostBody)
	w := &discardWriter{header: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		body.Reset(samplePostBody)
		req.Body = readCloser{body}
		req.ContentLength = int64(len(samplePostBody))
		w.status = 0
		s.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			b.Fatal(w.status)
		}
	}
}

// BenchmarkParse measures parsing the decrypted sample alone.
func BenchmarkParse(b *testing.B) {
	raw := []byte(samplePostMsg)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(raw); err != nil {
			b.Fatal(err)
		}
	}
}

type readCloser struct{ *strings.Reader }

func (readCloser) Close() error { return nil }

type discardWriter struct {
	header http.Header
	status int
}

func (w *discardWriter) Header() http.Header  { return w.header }
func (w *discardWriter) WriteHeader(code int) { w.status = code }
func (w *discardWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return len(p), nil
}

// BenchmarkCryptoFloor measures crypto.DecryptMsg alone on the same
// sample: the floor under BenchmarkParseText.
func BenchmarkCryptoFloor(b *testing.B) {
	c := newCrypt(b, sampleCorpID)
	body := []byte(samplePostBody)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.DecryptMsg(samplePostSignature, samplePostTimestamp, samplePostNonce, body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBaselineEncodingXML measures what the scanner replaces: the
// same sample decrypted with crypto.DecryptMsg and parsed with
// encoding/xml into a struct holding the header and the Text fields.
func BenchmarkBaselineEncodingXML(b *testing.B) {
	c := newCrypt(b, sampleCorpID)
	body := []byte(samplePostBody)
	b.ReportAllocs()
	for b.Loop() {
		plain, err := c.DecryptMsg(samplePostSignature, samplePostTimestamp, samplePostNonce, body)
		if err != nil {
			b.Fatal(err)
		}
		var h xmlHeaderFields
		if err := xml.Unmarshal(plain, &h); err != nil || h.Content != "hello" {
			b.Fatal(err)
		}
	}
}
