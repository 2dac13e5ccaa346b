package aibot

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

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

// benchServe sends one signed callback through s again and again with a
// reused request, as message's BenchmarkServeHTTP does.
func benchServe(b *testing.B, s *Server, cb signed, want int) {
	req := httptest.NewRequest(http.MethodPost, "/bot?"+cb.query.Encode(), nil)
	body := bytes.NewReader(cb.body)
	w := &discardWriter{header: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		body.Reset(cb.body)
		req.Body = io.NopCloser(body)
		req.ContentLength = int64(len(cb.body))
		w.status = 0
		s.ServeHTTP(w, req)
		if w.status != want {
			b.Fatal(w.status)
		}
	}
}

// textHandler checks the typed text message it gets.
func textHandler(b *testing.B, reply func(ctx context.Context) (Reply, error)) Handler {
	return HandlerFunc(func(ctx context.Context, m *Message) (Reply, error) {
		if m.Text == nil || m.Text.Content != "@RobotA hello robot" || m.From.UserID != "USERID" {
			b.Fatalf("bad message %+v", m)
		}
		return reply(ctx)
	})
}

// BenchmarkServeHTTP: verify, decrypt, parse and route a text message to a
// handler that does not reply (message's BenchmarkServeHTTP, in JSON).
func BenchmarkServeHTTP(b *testing.B) {
	c := newCrypt(b)
	s := NewServer(c, textHandler(b, func(context.Context) (Reply, error) { return nil, nil }), WithDedup(nil, 0))
	benchServe(b, s, sign(b, c, sampleText, testTime), http.StatusOK)
}

// BenchmarkServeHTTPStreamReply: the same with an encrypted stream frame
// as the reply.
func BenchmarkServeHTTPStreamReply(b *testing.B) {
	c := newCrypt(b)
	reply := &StreamReply{ID: "0123456789abcdef01234567", Content: "Thinking…"}
	s := NewServer(c, textHandler(b, func(context.Context) (Reply, error) { return reply, nil }), WithDedup(nil, 0))
	benchServe(b, s, sign(b, c, sampleText, testTime), http.StatusOK)
}

// BenchmarkServeHTTPStreamOpen: the handler opens a stream in the (memory)
// stream store and answers with its first frame; de-duplication on.
func BenchmarkServeHTTPStreamOpen(b *testing.B) {
	c := newCrypt(b)
	streams := NewStreams(nil)
	s := NewServer(c, textHandler(b, func(ctx context.Context) (Reply, error) {
		st, err := streams.Open(ctx, StreamOptions{})
		if err != nil {
			return nil, err
		}
		return st.Reply(), nil
	}), WithStreams(streams), WithDedup(nil, 0))
	benchServe(b, s, sign(b, c, sampleText, testTime), http.StatusOK)
}

// BenchmarkStreamRefresh: a refresh answered from the stream store.
func BenchmarkStreamRefresh(b *testing.B) {
	c := newCrypt(b)
	streams := NewStreams(nil)
	st, err := streams.Open(context.Background(), StreamOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Append(context.Background(), strings.Repeat("token ", 200)); err != nil {
		b.Fatal(err)
	}
	s := NewServer(c, nil, WithStreams(streams))
	benchServe(b, s, sign(b, c, refreshOf(st.ID(), "R"), testTime), http.StatusOK)
}

// BenchmarkForgedBody: a 1 MB body with a wrong signature.
func BenchmarkForgedBody(b *testing.B) {
	c := newCrypt(b)
	s := NewServer(c, nil)
	cb := sign(b, c, sampleText, testTime)
	cb.query.Set("msg_signature", strings.Repeat("0", 40))
	cb.body = []byte(`{"encrypt":"` + strings.Repeat("A", 1<<20-20) + `"}`)
	benchServe(b, s, cb, http.StatusUnauthorized)
}
