package benchmarks

import (
	"context"
	"testing"
)

// The checks below run once before each timed loop, so an implementation
// that returns early or wrong cannot look fast.

func checkDecrypt(tb testing.TB, op decryptOp) {
	tb.Helper()
	plain, err := op()
	if err != nil {
		tb.Fatalf("decrypt: %v", err)
	}
	if string(plain) != samplePlain {
		tb.Fatalf("decrypt: got %q, want %q", plain, samplePlain)
	}
}

func checkCallback(tb testing.TB, op callbackOp) {
	tb.Helper()
	from, content, err := op()
	if err != nil {
		tb.Fatalf("callback: %v", err)
	}
	if from != sampleFrom || content != sampleContent {
		tb.Fatalf("callback: got from %q content %q, want %q %q", from, content, sampleFrom, sampleContent)
	}
}

// checkToken fetches the token once (the one fetch the server may see)
// and checks that a second call is served from the cache.
func checkToken(tb testing.TB, op tokenOp, srv *gettokenServer) {
	tb.Helper()
	ctx := context.Background()
	for range 2 {
		tok, err := op(ctx)
		if err != nil {
			tb.Fatalf("token: %v", err)
		}
		if tok != tokenValue {
			tb.Fatalf("token: got %q, want %q", tok, tokenValue)
		}
	}
	checkFetchedOnce(tb, srv)
}

func checkFetchedOnce(tb testing.TB, srv *gettokenServer) {
	tb.Helper()
	if n := srv.fetches.Load(); n != 1 {
		tb.Fatalf("token: gettoken called %d times, want 1", n)
	}
}

// TestImplementationsAgree runs every check once, so that a plain `go test`
// proves each implementation handles the sample before anyone times it.
func TestImplementationsAgree(t *testing.T) {
	for _, s := range sdks {
		t.Run(s.name, func(t *testing.T) {
			if s.decrypt != nil {
				checkDecrypt(t, s.decrypt(t, sampleSignature))
			}
			if s.callback != nil {
				checkCallback(t, s.callback(t, sampleSignature))
			}
			if s.token != nil {
				srv := newGettokenServer(t)
				checkToken(t, s.token(t, srv.URL), srv)
			}
		})
	}
}

// TestWrongSignatureRejected makes sure no implementation skips the
// signature check, which is part of what is timed.
func TestWrongSignatureRejected(t *testing.T) {
	const wrong = "99108567d2f7b72bf6aa3c84efbbe054c04d6301" // last digit changed
	for _, s := range sdks {
		t.Run(s.name, func(t *testing.T) {
			if s.decrypt != nil {
				if plain, err := s.decrypt(t, wrong)(); err == nil {
					t.Errorf("decrypt accepted a wrong signature and returned %q", plain)
				}
			}
			if s.callback != nil {
				if from, content, err := s.callback(t, wrong)(); err == nil {
					t.Errorf("callback accepted a wrong signature and returned %q %q", from, content)
				}
			}
		})
	}
}
