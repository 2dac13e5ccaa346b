package benchmarks

import (
	"context"
	"testing"
)

// Sub-benchmarks are named sdk=NAME so that `benchstat -col /sdk` puts the
// SDKs side by side, each compared with the first (this SDK).

// BenchmarkDecrypt: verify msg_signature and decrypt the POST envelope to
// the plaintext XML.
func BenchmarkDecrypt(b *testing.B) {
	for _, s := range sdks {
		if s.decrypt == nil {
			continue
		}
		b.Run("sdk="+s.name, func(b *testing.B) {
			op := s.decrypt(b, sampleSignature)
			checkDecrypt(b, op)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := op(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCallback: verify, decrypt and parse the POST envelope into the
// SDK's message type (for this SDK: message.Server.HandleCallback routing
// to a typed message.Text handler).
func BenchmarkCallback(b *testing.B) {
	for _, s := range sdks {
		if s.callback == nil {
			continue
		}
		b.Run("sdk="+s.name, func(b *testing.B) {
			op := s.callback(b, sampleSignature)
			checkCallback(b, op)
			b.ReportAllocs()
			for b.Loop() {
				// Checking the content each time is cheap and catches a
				// path that stops short of parsing (say, de-duplication).
				if _, content, err := op(); err != nil || content != sampleContent {
					b.Fatal(err, content)
				}
			}
		})
	}
}

// BenchmarkTokenHit: serve an access token from a warm cache, after one
// fetch from a loopback gettoken server.
func BenchmarkTokenHit(b *testing.B) {
	for _, s := range sdks {
		if s.token == nil {
			continue
		}
		b.Run("sdk="+s.name, func(b *testing.B) {
			srv := newGettokenServer(b)
			op := s.token(b, srv.URL)
			checkToken(b, op, srv)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := op(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			checkFetchedOnce(b, srv)
		})
	}
}
