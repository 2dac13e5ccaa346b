package crypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Official sample values from the WeCom documentation.
const (
	sampleToken  = "QDG6eK"
	sampleKey    = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	sampleCorpID = "wx5823bf96d3bd56c7"

	getSignature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
	getTimestamp = "1409659589"
	getNonce     = "263014780"
	getEchostr   = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="
	getEcho      = "1616140317555161061"

	postPrefix    = "aaaabbbbccccdddd"
	postMsg       = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[mycreate]]></FromUserName><CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>4561255354251345929</MsgId><AgentID>218</AgentID></xml>"
	postEncrypt   = "ZA4HuQypHxnRrA+A6SOHGPpA4BXkaFIE0s/1C2e0ZXuIEC2kG00clzTAoqgswAAZWyW+AE82ZTvo7hmg0QwR9hRCCin4OdiFjN+6tiIoUXM5+UwPT4jUQE6rTcZT/tIto19wpIwkWqJ04uCntHDH/7Y51fLzeU3wvg1TI4f96m9uRvO7acYV2KIQgdJuvXhpgGolyGIe7Q2+8Ikxc1Wh6Ld6Y39IA3D0Rbb7t9hIopVDhyW5e8GYVMLJJTSVbuL11Eub8ABscqGPQjvnwzlB73UsTI0FctVHzZBuQ2+TYHWya1q9XCpxoQH6rbusPALqYyfq9xRyfe5DiDVCsMDUl45BnddWbG9/u9btcYehg0yFGNTnFv2Qc2Ty4KDtQhisZhnRpDHVsfqgFpjD/AITaO1Nkd26qJrAuAGFdnAGE/o="
	postTimestamp = "1409659813"
	postNonce     = "1372623149"
	postSignature = "99108567d2f7b72bf6aa3c84efbbe054c04d6300"
	postBody      = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + postEncrypt + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>"
	postReply     = "<xml><Encrypt><![CDATA[" + postEncrypt + "]]></Encrypt><MsgSignature><![CDATA[" + postSignature + "]]></MsgSignature><TimeStamp>" + postTimestamp + "</TimeStamp><Nonce><![CDATA[" + postNonce + "]]></Nonce></xml>"
)

func newSample(t testing.TB, receiverID string) *MsgCrypt {
	t.Helper()
	c, err := New(sampleToken, sampleKey, receiverID)
	require.NoError(t, err)
	return c
}

// envelopeOf wraps a Base64 ciphertext in a callback POST body.
func envelopeOf(encrypt string) []byte {
	return []byte("<xml><ToUserName><![CDATA[" + sampleCorpID + "]]></ToUserName><Encrypt><![CDATA[" +
		encrypt + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>")
}

// rawCiphertext CBC-encrypts plain, whose length must be a multiple of the
// AES block size, with the sample key and no padding, and returns it in
// Base64. It lets tests build well-signed ciphertexts with broken contents.
func rawCiphertext(t testing.TB, plain []byte) string {
	t.Helper()
	key, err := base64.StdEncoding.DecodeString(sampleKey + "=")
	require.NoError(t, err)
	block, err := aes.NewCipher(key)
	require.NoError(t, err)
	require.Zero(t, len(plain)%aes.BlockSize)
	out := make([]byte, len(plain))
	cipher.NewCBCEncrypter(block, key[:aes.BlockSize]).CryptBlocks(out, plain)
	return base64.StdEncoding.EncodeToString(out)
}

// plaintext builds random(16) || len || msg || id || padding, with the
// length field and padding given explicitly.
func plaintext(lenField uint32, msg, id string, padding []byte) []byte {
	b := []byte(postPrefix)
	b = binary.BigEndian.AppendUint32(b, lenField)
	b = append(b, msg...)
	b = append(b, id...)
	return append(b, padding...)
}

func repeat(b byte, n int) []byte {
	return bytes.Repeat([]byte{b}, n)
}

func TestPostVectorPlaintext(t *testing.T) {
	// The sample message is 277 bytes; with the 20-byte header and the
	// 18-byte corp id that is 315 bytes, padded by 5 to 320.
	assert.Len(t, postMsg, 277)
	ct, err := base64.StdEncoding.DecodeString(postEncrypt)
	require.NoError(t, err)
	assert.Len(t, ct, 320)
	assert.Equal(t, postEncrypt, rawCiphertext(t, plaintext(277, postMsg, sampleCorpID, repeat(5, 5))))
}

func TestVerifyURL(t *testing.T) {
	c := newSample(t, sampleCorpID)
	echo, err := c.VerifyURL(getSignature, getTimestamp, getNonce, getEchostr)
	require.NoError(t, err)
	assert.Equal(t, getEcho, string(echo))
}

func TestDecryptMsg(t *testing.T) {
	c := newSample(t, sampleCorpID)
	msg, err := c.DecryptMsg(postSignature, postTimestamp, postNonce, []byte(postBody))
	require.NoError(t, err)
	assert.Equal(t, []byte(postMsg), msg)
}

func TestDecrypt(t *testing.T) {
	c := newSample(t, sampleCorpID)
	msg, id, err := c.Decrypt(postEncrypt)
	require.NoError(t, err)
	assert.Equal(t, []byte(postMsg), msg)
	assert.Equal(t, sampleCorpID, id)
}

func TestSignature(t *testing.T) {
	tests := []struct {
		name, timestamp, nonce, encrypt, want string
	}{
		{"GET", getTimestamp, getNonce, getEchostr, getSignature},
		{"POST", postTimestamp, postNonce, postEncrypt, postSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Signature(sampleToken, tt.timestamp, tt.nonce, tt.encrypt))
			// The order of the arguments does not matter.
			assert.Equal(t, tt.want, Signature(tt.encrypt, tt.nonce, tt.timestamp, sampleToken))
			assert.NoError(t, newSample(t, "").Verify(tt.want, tt.timestamp, tt.nonce, tt.encrypt))
		})
	}
}

func TestSignatureOrder(t *testing.T) {
	// Compare with a direct implementation for inputs exercising every
	// position of encrypt in the sorted order, ties and prefixes.
	inputs := [][4]string{
		{"a", "b", "c", "d"}, {"d", "c", "b", "a"}, {"b", "a", "d", "c"},
		{"x", "x", "x", "x"}, {"ab", "a", "abc", ""}, {"", "", "", ""},
		{"z", "a", "m", "b"}, {"m", "z", "a", "n"}, {"\xff", "\x00", "é", "e"},
	}
	for _, in := range inputs {
		sorted := in
		for i := range sorted {
			for j := i + 1; j < len(sorted); j++ {
				if sorted[j] < sorted[i] {
					sorted[i], sorted[j] = sorted[j], sorted[i]
				}
			}
		}
		want := Signature(strings.Join(sorted[:], ""), "", "", "")
		assert.Equal(t, want, Signature(in[0], in[1], in[2], in[3]), "%q", in)
	}
	// A long input that does not fit the stack scratch buffer.
	long := strings.Repeat("A", 4000)
	assert.Equal(t, Signature(long+"QDG6eK", "", "", ""), Signature("QDG6eK", "", "", long))
}

func TestEncryptFixedPrefix(t *testing.T) {
	c := newSample(t, sampleCorpID)
	c.rand = strings.NewReader(postPrefix)
	enc, err := c.Encrypt([]byte(postMsg))
	require.NoError(t, err)
	assert.Equal(t, postEncrypt, enc)
}

func TestEncryptMsgFixedPrefix(t *testing.T) {
	c := newSample(t, sampleCorpID)
	c.rand = strings.NewReader(postPrefix)
	reply, err := c.EncryptMsg([]byte(postMsg), postTimestamp, postNonce)
	require.NoError(t, err)
	assert.Equal(t, postReply, string(reply))
	assert.Equal(t, len(reply), cap(reply))
}

func TestRoundTrip(t *testing.T) {
	// With the 18-byte corp id the padding is exactly 32 bytes for message
	// lengths 26, 58, 90, ...; with an empty receive id for 12, 44, ...
	// 300 and 330 straddle the signed input size (512 bytes) up to which
	// the signature is computed on the stack.
	lengths := []int{0, 1, 11, 12, 13, 26, 27, 44, 57, 58, 59, 90, 277, 300, 330, 1000, 4096, 70000}
	for _, id := range []string{sampleCorpID, ""} {
		c := newSample(t, id)
		for _, n := range lengths {
			msg := bytes.Repeat([]byte("消息<&>"), n/9+1)[:n]
			reply, err := c.EncryptMsg(msg, "1700000000", "nonce-42")
			require.NoError(t, err, "len %d", n)

			env, err := ParseEnvelope(reply)
			require.NoError(t, err)
			sig := Signature(sampleToken, "1700000000", "nonce-42", env.Encrypt)
			assert.Contains(t, string(reply), "<MsgSignature><![CDATA["+sig+"]]></MsgSignature>")

			got, err := c.DecryptMsg(sig, "1700000000", "nonce-42", reply)
			require.NoError(t, err, "len %d", n)
			assert.Equal(t, msg, got, "len %d", n)

			gotMsg, gotID, err := c.Decrypt(env.Encrypt)
			require.NoError(t, err)
			assert.Equal(t, msg, gotMsg)
			assert.Equal(t, id, gotID)

			ct, err := base64.StdEncoding.DecodeString(env.Encrypt)
			require.NoError(t, err)
			padding := len(ct) - headerLen - n - len(id)
			assert.Zero(t, len(ct)%padBlockSize)
			assert.True(t, padding >= 1 && padding <= padBlockSize, "padding %d", padding)
			if (headerLen+n+len(id))%padBlockSize == 0 {
				assert.Equal(t, padBlockSize, padding)
			}
		}
	}
}

func TestRandomPrefixDiffers(t *testing.T) {
	c := newSample(t, sampleCorpID)
	a, err := c.Encrypt([]byte(postMsg))
	require.NoError(t, err)
	b, err := c.Encrypt([]byte(postMsg))
	require.NoError(t, err)
	assert.NotEqual(t, a, b)
}

func TestEncryptRandomError(t *testing.T) {
	c := newSample(t, sampleCorpID)
	c.rand = iotest.ErrReader(errors.New("no entropy"))
	_, err := c.Encrypt([]byte("x"))
	assert.ErrorContains(t, err, "no entropy")
	_, err = c.EncryptMsg([]byte("x"), "1", "n")
	assert.Error(t, err)
}

func TestEncryptMsgArguments(t *testing.T) {
	c := newSample(t, sampleCorpID)
	tests := []struct {
		name, timestamp, nonce string
		ok                     bool
	}{
		{"valid", "1409659813", "1372623149", true},
		{"empty nonce", "1409659813", "", true},
		{"empty timestamp", "", "n", false},
		{"non-digit timestamp", "14096598a3", "n", false},
		{"markup in timestamp", "1<x/>", "n", false},
		{"CDATA end in nonce", "1409659813", "a]]>b", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.EncryptMsg([]byte("hi"), tt.timestamp, tt.nonce)
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

func TestReceiverIDs(t *testing.T) {
	body := []byte(postBody)

	wrong := newSample(t, "wrongcorp")
	_, err := wrong.DecryptMsg(postSignature, postTimestamp, postNonce, body)
	assert.ErrorIs(t, err, ErrReceiverID)
	_, err = wrong.VerifyURL(getSignature, getTimestamp, getNonce, getEchostr)
	assert.ErrorIs(t, err, ErrReceiverID)
	_, _, err = wrong.Decrypt(postEncrypt)
	assert.ErrorIs(t, err, ErrReceiverID)

	anyID := newSample(t, "")
	msg, err := anyID.DecryptMsg(postSignature, postTimestamp, postNonce, body)
	require.NoError(t, err)
	assert.Equal(t, postMsg, string(msg))
	_, id, err := anyID.Decrypt(postEncrypt)
	require.NoError(t, err)
	assert.Equal(t, sampleCorpID, id)

	both := wrong.AllowReceiverIDs("suite-id", sampleCorpID)
	assert.Equal(t, "wrongcorp", both.ReceiverID())
	msg, err = both.DecryptMsg(postSignature, postTimestamp, postNonce, body)
	require.NoError(t, err)
	assert.Equal(t, postMsg, string(msg))

	// The original is unchanged, and so is an earlier copy.
	_, err = wrong.DecryptMsg(postSignature, postTimestamp, postNonce, body)
	assert.ErrorIs(t, err, ErrReceiverID)
	one := wrong.AllowReceiverIDs("a")
	_ = one.AllowReceiverIDs(sampleCorpID)
	_, _, err = one.Decrypt(postEncrypt)
	assert.ErrorIs(t, err, ErrReceiverID)

	// A prefix or extension of the expected id is not accepted.
	for _, id := range []string{sampleCorpID[:17], sampleCorpID + "x", strings.ToUpper(sampleCorpID)} {
		_, _, err = newSample(t, id).Decrypt(postEncrypt)
		assert.ErrorIs(t, err, ErrReceiverID, id)
	}
}

func TestNew(t *testing.T) {
	c, err := New(sampleToken, sampleKey, sampleCorpID)
	require.NoError(t, err)
	assert.Equal(t, sampleCorpID, c.ReceiverID())

	_, err = New("", sampleKey, sampleCorpID)
	assert.Error(t, err)
	assert.NotErrorIs(t, err, ErrAESKey)

	badKeys := map[string]string{
		"empty":     "",
		"42 chars":  sampleKey[:42],
		"44 chars":  sampleKey + "A",
		"with pad":  sampleKey[:42] + "=",
		"43+pad":    sampleKey + "=",
		"space":     sampleKey[:42] + " ",
		"non-ASCII": sampleKey[:41] + "é",
	}
	for i, ch := range "-_+/=.\x00" {
		// Replace one character, at a different position each time.
		pos := i * 6
		badKeys["char "+string(ch)] = sampleKey[:pos] + string(ch) + sampleKey[pos+1:]
	}
	for name, key := range badKeys {
		t.Run(name, func(t *testing.T) {
			c, err := New(sampleToken, key, sampleCorpID)
			assert.Nil(t, c)
			require.ErrorIs(t, err, ErrAESKey)
			assert.NotContains(t, err.Error(), sampleToken)
			if key != "" {
				assert.NotContains(t, err.Error(), key)
			}
			assert.NotContains(t, err.Error(), sampleKey[:20])
		})
	}
}

// TestBadInput checks that malformed or forged requests fail with the right
// sentinel error and that the error text leaks nothing.
func TestBadInput(t *testing.T) {
	sign := func(encrypt string) string {
		return Signature(sampleToken, postTimestamp, postNonce, encrypt)
	}
	type request struct {
		name      string
		signature string
		timestamp string
		body      []byte
		want      error
	}
	withSig := func(name, encrypt string, want error) request {
		return request{name, sign(encrypt), postTimestamp, envelopeOf(encrypt), want}
	}
	id := sampleCorpID
	tests := []request{
		{"all-zero signature", strings.Repeat("0", 40), postTimestamp, []byte(postBody), ErrSignature},
		{"empty signature", "", postTimestamp, []byte(postBody), ErrSignature},
		{"short signature", postSignature[:39], postTimestamp, []byte(postBody), ErrSignature},
		{"long signature", postSignature + "0", postTimestamp, []byte(postBody), ErrSignature},
		{"non-hex signature", strings.Repeat("z", 40), postTimestamp, []byte(postBody), ErrSignature},
		{"uppercase signature", strings.ToUpper(postSignature), postTimestamp, []byte(postBody), ErrSignature},
		{"wrong timestamp", postSignature, "1409659814", []byte(postBody), ErrSignature},
		{"tampered ciphertext", postSignature, postTimestamp, envelopeOf("A" + postEncrypt[1:]), ErrSignature},

		withSig("pad byte 0", rawCiphertext(t, plaintext(0, "", id, repeat(0, 10))), ErrCiphertext),
		withSig("pad byte 33", rawCiphertext(t, plaintext(0, "", id, repeat(33, 42))), ErrCiphertext),
		withSig("pad byte 255", rawCiphertext(t, plaintext(0, "", id, repeat(255, 42))), ErrCiphertext),
		withSig("inconsistent pad", rawCiphertext(t, plaintext(0, "", id, []byte{10, 10, 10, 10, 9, 10, 10, 10, 10, 10})), ErrCiphertext),
		withSig("pad longer than plaintext", rawCiphertext(t, repeat(32, 16)), ErrCiphertext),
		withSig("plaintext shorter than header", rawCiphertext(t, append(repeat('x', 16), repeat(16, 16)...)), ErrCiphertext),
		withSig("length beyond plaintext", rawCiphertext(t, plaintext(19, "", id, repeat(10, 10))), ErrCiphertext),
		withSig("huge length", rawCiphertext(t, plaintext(0xffffffff, "", id, repeat(10, 10))), ErrCiphertext),
		withSig("4-byte ciphertext", base64.StdEncoding.EncodeToString([]byte("abcd")), ErrCiphertext),
		withSig("17-byte ciphertext", base64.StdEncoding.EncodeToString(repeat(1, 17)), ErrCiphertext),
		withSig("bad base64", "!!!!"+postEncrypt[4:], ErrCiphertext),
		withSig("unpadded base64", strings.TrimRight(postEncrypt, "="), ErrCiphertext),
		withSig("URL-safe base64", strings.NewReplacer("+", "-", "/", "_").Replace(postEncrypt), ErrCiphertext),
		withSig("wrong receive id", rawCiphertext(t, plaintext(2, "hi", "someone-else", repeat(14, 14))), ErrReceiverID),

		{"empty body", sign(postEncrypt), postTimestamp, nil, ErrEnvelope},
		{"non-XML body", sign(postEncrypt), postTimestamp, []byte(`{"Encrypt":"` + postEncrypt + `"}`), ErrEnvelope},
		{"no Encrypt", sign(postEncrypt), postTimestamp, []byte("<xml><ToUserName><![CDATA[wx]]></ToUserName></xml>"), ErrEnvelope},
		{"empty Encrypt", sign(""), postTimestamp, []byte("<xml><Encrypt><![CDATA[]]></Encrypt></xml>"), ErrEnvelope},
	}
	c := newSample(t, sampleCorpID)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, err := c.DecryptMsg(tt.signature, tt.timestamp, postNonce, tt.body)
			assert.Nil(t, msg)
			require.ErrorIs(t, err, tt.want)
			assertNoSecrets(t, err)

			env, perr := ParseEnvelope(tt.body)
			if perr != nil {
				return
			}
			// The same through VerifyURL and the lower-level API.
			_, err = c.VerifyURL(tt.signature, tt.timestamp, postNonce, env.Encrypt)
			require.ErrorIs(t, err, tt.want)
			assertNoSecrets(t, err)

			err = c.Verify(tt.signature, tt.timestamp, postNonce, env.Encrypt)
			if tt.want == ErrSignature {
				require.ErrorIs(t, err, ErrSignature)
				return
			}
			require.NoError(t, err)
			_, _, err = c.Decrypt(env.Encrypt)
			require.ErrorIs(t, err, tt.want)
			assertNoSecrets(t, err)
		})
	}
}

func assertNoSecrets(t *testing.T, err error) {
	t.Helper()
	s := err.Error()
	for _, secret := range []string{sampleToken, sampleKey, postEncrypt[:16], postMsg[:16], postPrefix, sampleCorpID, "someone-else"} {
		assert.NotContains(t, s, secret)
	}
}

func TestConcurrentUse(t *testing.T) {
	c := newSample(t, sampleCorpID).AllowReceiverIDs("suite")
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				msg, err := c.DecryptMsg(postSignature, postTimestamp, postNonce, []byte(postBody))
				if !assert.NoError(t, err) || !assert.Equal(t, postMsg, string(msg)) {
					return
				}
				reply, err := c.EncryptMsg(msg, postTimestamp, postNonce)
				if !assert.NoError(t, err) {
					return
				}
				env, err := ParseEnvelope(reply)
				if !assert.NoError(t, err) {
					return
				}
				_, _, err = c.Decrypt(env.Encrypt)
				assert.NoError(t, err)
			}
		})
	}
	wg.Wait()
}

func TestMsgCryptPrintsNoSecrets(t *testing.T) {
	c, err := New("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7")
	require.NoError(t, err)
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(format, c)
		assert.NotContains(t, out, "QDG6eK", format)
		assert.NotContains(t, out, "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", format)
		assert.Contains(t, out, "wx5823bf96d3bd56c7", format)
	}
}

func TestWithReceiverID(t *testing.T) {
	anyID, err := New("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "")
	require.NoError(t, err)
	forA := anyID.AllowReceiverIDs("x").WithReceiverID("wwcorpA")
	assert.Equal(t, "wwcorpA", forA.ReceiverID())
	assert.Equal(t, "", anyID.ReceiverID(), "the original is unchanged")

	enc, err := forA.Encrypt([]byte("reply"))
	require.NoError(t, err)
	msg, id, err := anyID.Decrypt(enc)
	require.NoError(t, err)
	assert.Equal(t, "reply", string(msg))
	assert.Equal(t, "wwcorpA", id, "encrypted for the chosen id")

	other, err := anyID.WithReceiverID("wwcorpB").Encrypt([]byte("m"))
	require.NoError(t, err)
	_, _, err = forA.Decrypt(other)
	require.ErrorIs(t, err, ErrReceiverID, "the copy accepts only its id")
	xEnc, err := anyID.WithReceiverID("x").Encrypt([]byte("m"))
	require.NoError(t, err)
	_, _, err = forA.Decrypt(xEnc)
	require.ErrorIs(t, err, ErrReceiverID, "extra ids are dropped")
}

func TestAllowReceiverIDsDoesNotAlias(t *testing.T) {
	base := newSample(t, "wrongcorp")
	ids := []string{"a", "b"}
	c := base.AllowReceiverIDs(ids...)
	ids[0] = sampleCorpID // the caller reuses its slice
	_, _, err := c.Decrypt(postEncrypt)
	assert.ErrorIs(t, err, ErrReceiverID, "a later change to the caller's slice must not widen c")

	// Two copies derived from one do not share their lists.
	parent := base.AllowReceiverIDs("p1", "p2", "p3")
	withCorp := parent.AllowReceiverIDs(sampleCorpID)
	_ = parent.AllowReceiverIDs("other")
	_, _, err = withCorp.Decrypt(postEncrypt)
	assert.NoError(t, err)
	_, _, err = parent.AllowReceiverIDs("other").Decrypt(postEncrypt)
	assert.ErrorIs(t, err, ErrReceiverID)
}

func TestVerifyDecrypt(t *testing.T) {
	c := newSample(t, sampleCorpID)
	encrypt := []byte(postEncrypt)
	msg, id, err := c.VerifyDecrypt(postSignature, postTimestamp, postNonce, encrypt)
	require.NoError(t, err)
	assert.Equal(t, postMsg, string(msg))
	assert.Equal(t, sampleCorpID, id)
	assert.Equal(t, postEncrypt, string(encrypt), "input unchanged")
	msg[0] = 'X'
	assert.Equal(t, postEncrypt, string(encrypt), "the message does not alias the input")

	// An extra accepted id, and any id.
	_, id, err = newSample(t, "suite").AllowReceiverIDs(sampleCorpID).VerifyDecrypt(postSignature, postTimestamp, postNonce, encrypt)
	require.NoError(t, err)
	assert.Equal(t, sampleCorpID, id)
	_, id, err = newSample(t, "").VerifyDecrypt(postSignature, postTimestamp, postNonce, encrypt)
	require.NoError(t, err)
	assert.Equal(t, sampleCorpID, id)

	tests := []struct {
		name, signature, timestamp string
		encrypt                    []byte
		want                       error
	}{
		{"wrong signature", strings.Repeat("0", 40), postTimestamp, encrypt, ErrSignature},
		{"short signature", postSignature[:39], postTimestamp, encrypt, ErrSignature},
		{"uppercase signature", strings.ToUpper(postSignature), postTimestamp, encrypt, ErrSignature},
		{"other timestamp", postSignature, "1409659814", encrypt, ErrSignature},
		{"bad base64", Signature(sampleToken, postTimestamp, postNonce, "!!!!"), postTimestamp, []byte("!!!!"), ErrCiphertext},
	}
	for _, tt := range tests {
		msg, id, err := c.VerifyDecrypt(tt.signature, tt.timestamp, postNonce, tt.encrypt)
		assert.ErrorIs(t, err, tt.want, tt.name)
		assert.Nil(t, msg, tt.name)
		assert.Empty(t, id, tt.name)
	}
	_, _, err = newSample(t, "other").VerifyDecrypt(postSignature, postTimestamp, postNonce, encrypt)
	assert.ErrorIs(t, err, ErrReceiverID)
}
