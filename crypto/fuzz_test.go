package crypto

import (
	"bytes"
	"crypto/aes"
	"errors"
	"fmt"
	"testing"
)

// isSentinel reports whether err wraps one of the package's sentinel errors.
func isSentinel(err error) bool {
	for _, s := range []error{ErrSignature, ErrAESKey, ErrCiphertext, ErrReceiverID, ErrEnvelope} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzDecryptMsg feeds arbitrary callback requests to DecryptMsg. An empty
// signature is replaced by the correct one for the value DecryptMsg checks
// it against (the Encrypt element, or what the search for it finds in a
// malformed body), so that the fuzzer also reaches the decryption and
// unpadding code and the envelope rules applied after the signature: a
// body ParseEnvelope rejects must be rejected however well it is signed.
// Seeds live in testdata/fuzz/FuzzDecryptMsg.
func FuzzDecryptMsg(f *testing.F) {
	c := newSample(f, sampleCorpID)
	f.Fuzz(func(t *testing.T, body []byte, signature, timestamp, nonce string) {
		if signature == "" {
			if enc, err := locateEncrypt(body); err == nil {
				signature = Signature(sampleToken, timestamp, nonce, string(enc))
			}
		}
		orig := bytes.Clone(body)
		msg, err := c.DecryptMsg(signature, timestamp, nonce, body)
		if !bytes.Equal(orig, body) {
			t.Fatal("DecryptMsg modified its input")
		}
		// VerifyDecrypt on the envelope's Encrypt value agrees.
		env, perr := ParseEnvelope(body)
		if perr == nil {
			vmsg, _, verr := c.VerifyDecrypt(signature, timestamp, nonce, []byte(env.Encrypt))
			if !bytes.Equal(vmsg, msg) || fmt.Sprint(verr) != fmt.Sprint(err) {
				t.Fatalf("VerifyDecrypt = %q, %v; DecryptMsg = %q, %v", vmsg, verr, msg, err)
			}
		} else if err == nil {
			t.Fatalf("DecryptMsg accepted a body ParseEnvelope rejects (%v): %q", perr, body)
		}
		dmsg, id, derr := c.DecryptEnvelope(signature, timestamp, nonce, body)
		if !bytes.Equal(dmsg, msg) || fmt.Sprint(derr) != fmt.Sprint(err) || derr == nil && id != sampleCorpID {
			t.Fatalf("DecryptEnvelope = %q, %q, %v; DecryptMsg = %q, %v", dmsg, id, derr, msg, err)
		}
		if err != nil {
			if msg != nil {
				t.Fatal("message returned with an error")
			}
			if !isSentinel(err) {
				t.Fatalf("error does not wrap a sentinel: %v", err)
			}
			return
		}

		// A decrypted message must survive a round trip.
		const ts, nc = "1409659813", "1372623149"
		reply, err := c.EncryptMsg(msg, ts, nc)
		if err != nil {
			t.Fatalf("EncryptMsg: %v", err)
		}
		renv, err := ParseEnvelope(reply)
		if err != nil {
			t.Fatalf("ParseEnvelope(EncryptMsg): %v", err)
		}
		again, err := c.DecryptMsg(Signature(sampleToken, ts, nc, renv.Encrypt), ts, nc, reply)
		if err != nil {
			t.Fatalf("DecryptMsg(EncryptMsg): %v", err)
		}
		if !bytes.Equal(msg, again) {
			t.Fatalf("round trip changed the message: %q != %q", again, msg)
		}
	})
}

// FuzzDecrypt encrypts arbitrary plaintexts, without adding padding, so that
// the fuzzer controls exactly what unpadding and the length prefix parser see.
func FuzzDecrypt(f *testing.F) {
	f.Add(plaintext(277, postMsg, sampleCorpID, repeat(5, 5)))
	f.Add(plaintext(0, "", sampleCorpID, repeat(0, 10)))
	f.Add(plaintext(0, "", sampleCorpID, repeat(33, 42)))
	f.Add(plaintext(19, "", sampleCorpID, repeat(10, 10)))
	f.Add(plaintext(2, "hi", "", repeat(10, 10)))
	f.Add(repeat(32, 16))
	f.Add([]byte{})
	c := newSample(f, "")
	f.Fuzz(func(t *testing.T, plain []byte) {
		if len(plain) > 1<<12 {
			return
		}
		plain = append(plain, make([]byte, (aes.BlockSize-len(plain)%aes.BlockSize)%aes.BlockSize)...)
		encrypt := rawCiphertext(t, plain)
		msg, id, err := c.Decrypt(encrypt)
		if err != nil {
			if !errors.Is(err, ErrCiphertext) {
				t.Fatalf("want ErrCiphertext, got %v", err)
			}
			return
		}
		// Check the result against the plaintext directly.
		n := len(plain) - int(plain[len(plain)-1])
		if want := plain[headerLen : n-len(id)]; !bytes.Equal(msg, want) || string(plain[n-len(id):n]) != id {
			t.Fatalf("Decrypt = %q, %q; plaintext %q", msg, id, plain)
		}
		// And it must round-trip through Encrypt with that receive id.
		c2 := newSample(t, id)
		again, err := c2.Encrypt(msg)
		if err != nil {
			t.Fatal(err)
		}
		msg2, id2, err := c2.Decrypt(again)
		if err != nil || !bytes.Equal(msg, msg2) || id != id2 {
			t.Fatalf("round trip: %q, %q, %v", msg2, id2, err)
		}
	})
}

// FuzzParseEnvelope checks that ParseEnvelope never panics, fails only with
// ErrEnvelope, and agrees with encoding/xml on every document both accept
// (see ParseEnvelope for the supported subset). Seeds live in
// testdata/fuzz/FuzzParseEnvelope.
func FuzzParseEnvelope(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		if got, want := indexEncryptTag(body), bytes.Index(body, encryptTag); got != want {
			t.Fatalf("indexEncryptTag = %d, bytes.Index %d, in %q", got, want, body)
		}
		env, err := ParseEnvelope(body)
		if err != nil {
			if !errors.Is(err, ErrEnvelope) {
				t.Fatalf("want ErrEnvelope, got %v", err)
			}
			return
		}
		if env.Encrypt == "" {
			t.Fatal("accepted an empty Encrypt")
		}
		// The search DecryptMsg starts with finds the same value.
		if enc, err := locateEncrypt(body); err != nil || string(enc) != env.Encrypt {
			t.Fatalf("locateEncrypt = %q, %v; ParseEnvelope %q", enc, err, env.Encrypt)
		}
		checkAgainstXML(t, body, env)
	})
}
