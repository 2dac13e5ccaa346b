package crypto

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// referenceSignature is WeCom's signature written plainly.
func referenceSignature(parts ...string) string {
	sorted := slices.Clone(parts)
	slices.Sort(sorted)
	sum := sha1.Sum([]byte(strings.Join(sorted, "")))
	return hex.EncodeToString(sum[:])
}

func TestSignatureStreamed(t *testing.T) {
	// Inputs too long for the stack buffer are hashed part by part, with
	// encrypt at every position of the sorted order, as a string and as
	// a byte slice.
	long := strings.Repeat("m", 3000)
	c := newSample(t, "")
	for _, enc := range []string{"", "a" + long, "m" + long, "z" + long, long + strings.Repeat("A", 9000)} {
		for _, nonce := range []string{"n", "n" + long, strings.Repeat("é", 700)} {
			want := referenceSignature(sampleToken, postTimestamp, nonce, enc)
			assert.Equal(t, want, Signature(sampleToken, postTimestamp, nonce, enc))
			assert.NoError(t, c.Verify(want, postTimestamp, nonce, enc))
			assert.NoError(t, verify(c, want, postTimestamp, nonce, []byte(enc)))
			assert.ErrorIs(t, verify(c, want, postTimestamp, nonce+"x", []byte(enc)), ErrSignature)
		}
	}
}

// sealedEncrypt returns a well-signed Base64 ciphertext of msg and its
// signature for the post timestamp and nonce.
func sealedEncrypt(t *testing.T, c *MsgCrypt, msg string) (enc, sig string) {
	t.Helper()
	enc, err := c.Encrypt([]byte(msg))
	require.NoError(t, err)
	return enc, Signature(sampleToken, postTimestamp, postNonce, enc)
}

func TestDecryptMsgAmbiguousEnvelopes(t *testing.T) {
	// Each body carries a well-signed ciphertext in a place a sloppy
	// reader might take for the Encrypt element: it must be rejected, never
	// decrypted, whether the signature is the one of the value a search
	// finds first or of another.
	c := newSample(t, sampleCorpID)
	enc, _ := sealedEncrypt(t, c, "first")
	other, _ := sealedEncrypt(t, c, "second")
	el := func(v string) string { return "<Encrypt><![CDATA[" + v + "]]></Encrypt>" }
	text := func(v string) string { return "<Encrypt>" + v + "</Encrypt>" } // for inside CDATA
	bodies := map[string]string{
		"two Encrypt elements":           "<xml>" + el(enc) + el(other) + "</xml>",
		"Encrypt in an earlier CDATA":    "<xml><ToUserName><![CDATA[" + text(enc) + "]]></ToUserName>" + el(other) + "</xml>",
		"Encrypt in a later CDATA":       "<xml>" + el(enc) + "<AgentID><![CDATA[" + text(other) + "]]></AgentID></xml>",
		"Encrypt in a comment":           "<xml><!--" + el(enc) + "-->" + el(other) + "</xml>",
		"Encrypt in a nested element":    "<xml><A>" + el(enc) + "</A></xml>",
		"Encrypt after the root":         "<xml><ToUserName>a</ToUserName></xml>" + el(enc),
		"Encrypt before the root":        el(enc) + "<xml>" + el(other) + "</xml>",
		"Encrypt with an attribute":      `<xml><Encrypt a="1"><![CDATA[` + enc + "]]></Encrypt>" + el(other) + "</xml>",
		"Encrypt split in two CDATA":     "<xml><Encrypt><![CDATA[" + enc[:8] + "]]><![CDATA[" + enc[8:] + "]]></Encrypt></xml>",
		"Encrypt text then nested":       "<xml><Encrypt>" + enc + "<b/></Encrypt></xml>",
		"unclosed Encrypt":               "<xml><Encrypt><![CDATA[" + enc + "]]></xml>",
		"JSON":                           `{"Encrypt":"` + enc + `"}`,
		"Encrypt tag in a later element": "<xml><Encrypt><![CDATA[" + enc + "]]></Encrypt><Nonce><![CDATA[<Encrypt>]]></Nonce></xml>",
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			for _, v := range []string{enc, other} {
				sig := Signature(sampleToken, postTimestamp, postNonce, v)
				msg, err := c.DecryptMsg(sig, postTimestamp, postNonce, []byte(body))
				require.Error(t, err)
				assert.Nil(t, msg)
				assert.True(t, isSentinel(err), "%v", err)
				_, id, err := c.DecryptEnvelope(sig, postTimestamp, postNonce, []byte(body))
				require.Error(t, err)
				assert.Empty(t, id)
				_, perr := ParseEnvelope([]byte(body))
				assert.ErrorIs(t, perr, ErrEnvelope)
			}
		})
	}

	// The well-formed body with either ciphertext decrypts.
	for _, want := range []string{"first", "second"} {
		enc, sig := sealedEncrypt(t, c, want)
		msg, id, err := c.DecryptEnvelope(sig, postTimestamp, postNonce, envelopeOf(enc))
		require.NoError(t, err)
		assert.Equal(t, want, string(msg))
		assert.Equal(t, sampleCorpID, id)
	}
}

func TestDecryptMsgSignatureFirst(t *testing.T) {
	// A malformed envelope with a wrong signature is refused for the
	// signature: the envelope is read only once the signature matches.
	c := newSample(t, sampleCorpID)
	bad := strings.Repeat("0", signatureLen)
	body := []byte("<xml>" + strings.Repeat("<a>", 100) + "<Encrypt><![CDATA[" + postEncrypt + "]]></Encrypt></xml>")
	_, err := c.DecryptMsg(bad, postTimestamp, postNonce, body)
	assert.ErrorIs(t, err, ErrSignature)
	// Well signed, the same body is refused for its shape.
	_, err = c.DecryptMsg(postSignature, postTimestamp, postNonce, body)
	assert.ErrorIs(t, err, ErrEnvelope)
}

func TestDecryptMsgForgedBodiesCheap(t *testing.T) {
	// Rejecting a 1 MB forged body allocates (almost) nothing, whatever
	// its shape: no copy of the body, no parse tree. Timing is measured by
	// BenchmarkDecryptMsgForged.
	if testing.Short() {
		t.Skip("1 MB bodies")
	}
	c := newSample(t, sampleCorpID)
	bad := strings.Repeat("0", signatureLen)
	for name, body := range forgedBodies(1 << 20) {
		var err error
		n := allocatedBytes(func() {
			_, err = c.DecryptMsg(bad, postTimestamp, postNonce, body)
		})
		assert.Error(t, err, name)
		assert.Less(t, n, uint64(8<<10), name)
	}
	// The same for a URL verification with a long echostr.
	echo := strings.Repeat("QUJD", 1<<18)
	var err error
	n := allocatedBytes(func() {
		_, err = c.VerifyURL(bad, getTimestamp, getNonce, echo)
	})
	assert.ErrorIs(t, err, ErrSignature)
	assert.Less(t, n, uint64(8<<10))
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

func TestIndexEncryptTag(t *testing.T) {
	// Against bytes.Index, with the tag at every offset of bodies of
	// every length up to a few words, among near misses and lookalikes
	// that pass the word filter, and with '<' sparse and dense.
	fills := []string{"x", "<", "<E", "<Encrypt", "<Encrxpt>", "<EncryptX>", ">", "<a>", "E>", "\x80<\xff"}
	for _, fill := range fills {
		for n := 0; n <= 48; n++ {
			base := []byte(strings.Repeat(fill, n/len(fill)+1)[:n])
			for at := -1; at <= n; at++ {
				b := base
				if at >= 0 {
					b = slices.Concat(base[:at], encryptTag, base[at:])
				}
				want := bytes.Index(b, encryptTag)
				require.Equal(t, want, indexEncryptTag(b), "%q", b)
			}
		}
	}
	// Long bodies, where the word filter takes over from the search for
	// '<'.
	for _, fill := range fills {
		base := strings.Repeat(fill, 5000/len(fill))
		for _, at := range []int{0, 100, 1000, 4000, len(base) - 1, len(base)} {
			b := []byte(base[:at] + "<Encrypt>" + base[at:])
			assert.Equal(t, bytes.Index(b, encryptTag), indexEncryptTag(b), "%q at %d", fill, at)
		}
		assert.Equal(t, bytes.Index([]byte(base), encryptTag), indexEncryptTag([]byte(base)), "%q", fill)
	}
}
