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
	return NewServer(newCrypt(b, sampleCorpID), r, WithDedup(nil, 0)) // one callback, sent again and again
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

// forgedBodySize is the size of the forged bodies of BenchmarkForgedBody:
// the server's default body limit.
const forgedBodySize = DefaultMaxBodySize

// forgedBodies returns callback bodies of about size bytes built to be
// costly to reject, each carrying the sample's Encrypt value (so that
// only the signature is wrong when the request's is).
func forgedBodies(size int) map[string][]byte {
	enc := "<Encrypt><![CDATA[" + samplePostEncrypt + "]]></Encrypt>"
	fill := func(prefix, unit, suffix string) []byte {
		n := max(0, (size-len(prefix)-len(suffix))/len(unit))
		return []byte(prefix + strings.Repeat(unit, n) + suffix)
	}
	depth := (size - 64 - len(enc)) / len("<a></a>")
	return map[string][]byte{
		"deep nesting":               []byte("<xml>" + strings.Repeat("<a>", depth) + strings.Repeat("</a>", depth) + enc + "</xml>"),
		"deep nesting after Encrypt": []byte("<xml>" + enc + strings.Repeat("<a>", depth) + strings.Repeat("</a>", depth) + "</xml>"),
		"many elements":              fill("<xml>"+enc, "<a>b</a>", "</xml>"),
		"many empty elements":        fill("<xml>", "<a/>", enc+"</xml>"),
		"huge attribute":             fill(`<xml><ToUserName a="`, "x", `">c</ToUserName>`+enc+"</xml>"),
		"many attributes":            fill(`<xml><ToUserName`, ` a="1"`, `>c</ToUserName>`+enc+"</xml>"),
		"JSON":                       fill(`{"Encrypt":"`+samplePostEncrypt+`","x":`, "[", ""),
		"near misses":                fill("<xml>", "<EncryptX/>", enc+"</xml>"),
		"lookalikes":                 fill("<xml>", "<Encrxpt>", enc+"</xml>"),
		"huge Encrypt":               fill("<xml><Encrypt><![CDATA[", "QUJD", "]]></Encrypt></xml>"),
		"huge text":                  fill("<xml><ToUserName>", "x", "</ToUserName>"+enc+"</xml>"),
	}
}

// BenchmarkForgedBody measures the rejection of 1 MB bodies built to be
// costly, sent with a wrong signature: the work an attacker without the
// token can make the server do.
func BenchmarkForgedBody(b *testing.B) {
	s := benchServer(b)
	bad := strings.Repeat("0", 40)
	for name, body := range forgedBodies(forgedBodySize) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := s.HandleCallback(context.Background(), bad, samplePostTimestamp, samplePostNonce, body); err == nil {
					b.Fatal("forged body accepted")
				}
			}
		})
	}
}

// userText is a flat struct a user might decode a text message into,
// with encoding/xml tags, instead of the package's Text.
type userText struct {
	ToUserName   string `xml:"ToUserName"`
	FromUserName string `xml:"FromUserName"`
	CreateTime   int64  `xml:"CreateTime"`
	MsgType      string `xml:"MsgType"`
	Content      string `xml:"Content"`
	MsgID        string `xml:"MsgId"`
	AgentID      int    `xml:"AgentID"`
}

// BenchmarkHandlerKinds compares, in one run, the whole callback path of
// the official sample with a typed handler registered with On and with a
// generic HandleFunc handler decoding into a user's flat struct.
func BenchmarkHandlerKinds(b *testing.B) {
	generic := NewRouter()
	generic.HandleFunc(Kind{MsgType: MsgTypeText}, func(_ context.Context, m *Message) (Reply, error) {
		var t userText
		if err := m.Decode(&t); err != nil {
			return nil, err
		}
		if t.Content != "hello" || t.AgentID != 218 || t.CreateTime != 1409659813 {
			b.Fatalf("bad message %+v", t)
		}
		return nil, nil
	})
	servers := []struct {
		name string
		s    *Server
	}{
		{"typed On", benchServer(b)},
		{"HandleFunc+Decode", NewServer(newCrypt(b, sampleCorpID), generic, WithDedup(nil, 0))},
	}
	body := []byte(samplePostBody)
	for _, tt := range servers {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				resp, err := tt.s.HandleCallback(context.Background(), samplePostSignature, samplePostTimestamp, samplePostNonce, body)
				if err != nil || resp != nil {
					b.Fatal(err, resp)
				}
			}
		})
	}
}

// BenchmarkForgedBodyHTTP measures the same through ServeHTTP, where the
// body is read first, for the deep nesting.
func BenchmarkForgedBodyHTTP(b *testing.B) {
	s := benchServer(b)
	body := string(forgedBodies(forgedBodySize)["deep nesting"])
	q := url.Values{"msg_signature": {strings.Repeat("0", 40)}, "timestamp": {samplePostTimestamp}, "nonce": {samplePostNonce}}
	req := httptest.NewRequest(http.MethodPost, "/callback?"+q.Encode(), nil)
	r := strings.NewReader(body)
	w := &discardWriter{header: http.Header{}}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r.Reset(body)
		req.Body = readCloser{r}
		req.ContentLength = int64(len(body))
		w.status = 0
		s.ServeHTTP(w, req)
		if w.status != http.StatusUnauthorized {
			b.Fatal(w.status)
		}
	}
}
