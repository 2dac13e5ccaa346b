package api

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wecomkit/wecom"
)

// secretToken is a credential long enough to be searched for in errors
// and logs.
const secretToken = "TOKEN-s3cr3t-never-shown-0123456789"

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fixedSource always hands out one token and counts invalidations.
type fixedSource struct {
	tok         string
	mu          sync.Mutex
	invalidated []string
}

func (s *fixedSource) Token(context.Context) (string, error) { return s.tok, nil }

func (s *fixedSource) Invalidate(_ context.Context, stale string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.invalidated = append(s.invalidated, stale)
	return nil
}

func (s *fixedSource) invalidations() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.invalidated)
}

// newServerClient starts a loopback server and a Client talking to it.
func newServerClient(t *testing.T, h http.Handler, opts ...wecom.Option) (*Client, *httptest.Server, *syncBuffer) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	logs := &syncBuffer{}
	all := append([]wecom.Option{
		wecom.WithBaseURL(srv.URL),
		wecom.WithHTTPClient(srv.Client()),
		wecom.WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}),
	}, opts...)
	return New(wecom.NewOptions(all...)), srv, logs
}

// assertNoSecret checks err's message, every error it wraps, and the logs.
func assertNoSecret(t *testing.T, err error, logs string, secrets ...string) {
	t.Helper()
	var walk func(e error)
	walk = func(e error) {
		if e == nil {
			return
		}
		for _, s := range secrets {
			assert.NotContains(t, e.Error(), s, "error %T", e)
		}
		switch x := e.(type) {
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				walk(inner)
			}
		}
	}
	walk(err)
	for _, s := range secrets {
		assert.NotContains(t, logs, s, "logs")
	}
}

// errSourceWith is a Source that fails with err.
type errSourceWith struct{ err error }

func (s errSourceWith) Token(context.Context) (string, error) { return "", s.err }
func (s errSourceWith) Invalidate(context.Context, string) error {
	return errors.New("must not be called")
}
