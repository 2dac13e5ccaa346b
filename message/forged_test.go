package message

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/crypto"
)

func TestServerEnvelopeShapes(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	enc, err := c.Encrypt([]byte(samplePostMsg))
	require.NoError(t, err)
	other, err := c.Encrypt([]byte(strings.Replace(samplePostMsg, "hello", "other", 1)))
	require.NoError(t, err)
	el := func(v string) string { return "<Encrypt><![CDATA[" + v + "]]></Encrypt>" }

	// Envelopes WeCom sends, in their variants, are handled.
	for _, body := range []string{
		"<xml><ToUserName><![CDATA[" + sampleCorpID + "]]></ToUserName>" + el(enc) + "<AgentID><![CDATA[218]]></AgentID></xml>",
		`<?xml version="1.0" encoding="UTF-8"?>` + "\n<xml>\n  " + el(enc) + "\n</xml>\n",
		"<xml><Encrypt>" + enc + "</Encrypt><AgentID/></xml>",
	} {
		cb := signedCallback(enc)
		cb.body = []byte(body)
		var got string
		r := NewRouter()
		r.Fallback(HandlerFunc(func(_ context.Context, m *Message) (Reply, error) {
			got = m.content
			return nil, nil
		}))
		w := post(NewServer(c, r), cb)
		assert.Equal(t, http.StatusOK, w.Code, "%q", body)
		assert.Equal(t, "hello", got, "%q", body)
	}

	// Envelopes that hide a second well-signed ciphertext, or hide the
	// signed one, are refused whichever of the two the request signs:
	// never read as the other one.
	for name, body := range map[string]string{
		"two Encrypt elements":        "<xml>" + el(enc) + el(other) + "</xml>",
		"Encrypt tag in a CDATA":      "<xml><ToUserName><![CDATA[<Encrypt>" + enc + "</Encrypt>]]></ToUserName>" + el(other) + "</xml>",
		"Encrypt in a comment":        "<xml><!--" + el(enc) + "-->" + el(other) + "</xml>",
		"Encrypt in a nested element": "<xml><A>" + el(enc) + "</A></xml>",
		"Encrypt after the root":      "<xml></xml>" + el(enc),
		"Encrypt as an attribute":     `<xml><ToUserName Encrypt="` + enc + `"/>` + el(other) + "</xml>",
	} {
		for _, signed := range []string{enc, other} {
			cb := signedCallback(signed)
			cb.body = []byte(body)
			var log errorLog
			r := NewRouter()
			r.Fallback(HandlerFunc(func(context.Context, *Message) (Reply, error) {
				t.Errorf("%s: reached the handler", name)
				return nil, nil
			}))
			w := post(NewServer(c, r, WithErrorHandler(log.handler)), cb)
			assert.Contains(t, []int{http.StatusBadRequest, http.StatusUnauthorized}, w.Code, name)
			require.Len(t, log.all(), 1, name)
			err := log.all()[0]
			assert.True(t, errorsIsAny(err, crypto.ErrEnvelope, crypto.ErrSignature), "%s: %v", name, err)
		}
	}
}

func errorsIsAny(err error, targets ...error) bool {
	for _, target := range targets {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

func TestServerForgedBodiesCheap(t *testing.T) {
	// A 1 MB body with a wrong signature is refused for the signature,
	// before the envelope is parsed, without allocating anything of the
	// body's size: no copy, no parse tree (encoding/xml used to take
	// 36 MB and 750,000 allocations for the deep nesting). Timing is
	// measured by BenchmarkForgedBody.
	if testing.Short() {
		t.Skip("1 MB bodies")
	}
	s := NewServer(newCrypt(t, sampleCorpID), NewRouter())
	bad := strings.Repeat("0", 40)
	for name, body := range forgedBodies(forgedBodySize) {
		var err error
		n := allocatedBytes(func() {
			_, err = s.HandleCallback(ctx, bad, samplePostTimestamp, samplePostNonce, body)
		})
		assert.True(t, errorsIsAny(err, crypto.ErrSignature, crypto.ErrEnvelope), "%s: %v", name, err)
		assert.Less(t, n, uint64(64<<10), name) // the target; 0 B when quiet
	}
	// A URL verification with a long echostr and a wrong signature.
	echo := strings.Repeat("QUJD", 1<<17)
	n := allocatedBytes(func() {
		w := httpRecorder()
		req, _ := http.NewRequest(http.MethodGet, "/cb?msg_signature="+bad+"&timestamp=1&nonce=2&echostr="+echo, nil)
		s.ServeHTTP(w, req)
		if w.Code != http.StatusUnauthorized {
			t.Errorf("status %d", w.Code)
		}
	})
	// Reading the query copies echostr once; verifying adds nothing.
	assert.Less(t, n, uint64(len(echo)+64<<10))
}

// allocatedBytes returns the bytes allocated by f, averaged over a few
// runs, on one processor as testing.AllocsPerRun measures.
func allocatedBytes(f func()) uint64 {
	const runs = 4
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f() // warm up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}
