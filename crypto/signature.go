package crypto

import (
	"crypto/sha1"
	"encoding/hex"
)

// signatureLen is the length of a hex-encoded SHA-1 signature.
const signatureLen = 2 * sha1.Size

// Signature returns WeCom's msg_signature for the given token, timestamp,
// nonce and Base64 ciphertext: the lowercase hex SHA-1 of the four strings
// sorted in ascending byte order and concatenated without separators. It
// signs both incoming callbacks and encrypted passive replies.
func Signature(token, timestamp, nonce, encrypt string) string {
	var scratch [512]byte
	var sig [signatureLen]byte
	sign(&sig, scratch[:0], token, timestamp, nonce, encrypt)
	return string(sig[:])
}

// sign writes the signature of the four inputs to dst. When they fit in
// the capacity of scratch, it hashes their concatenation built there;
// otherwise it streams them through the hash without concatenating them,
// so that signing never allocates in proportion to its input (a forged
// request is refused after hashing it, without a copy of it).
func sign[T string | []byte](dst *[signatureLen]byte, scratch []byte, token, timestamp, nonce string, encrypt T) {
	// Sort the three strings with a tiny insertion sort, then find where
	// encrypt goes in that order.
	p := [3]string{token, timestamp, nonce}
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && p[j] < p[j-1]; j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
	at := len(p)
	for i, s := range p {
		if string(encrypt) < s {
			at = i
			break
		}
	}
	var sum [sha1.Size]byte
	if len(token)+len(timestamp)+len(nonce)+len(encrypt) <= cap(scratch) {
		buf := scratch[:0]
		for i, s := range p {
			if i == at {
				buf = append(buf, encrypt...)
			}
			buf = append(buf, s...)
		}
		if at == len(p) {
			buf = append(buf, encrypt...)
		}
		sum = sha1.Sum(buf)
	} else {
		sum = signStream(&p, at, encrypt)
	}
	hex.Encode(dst[:], sum[:])
}

// signStream returns the SHA-1 of the strings p with encrypt inserted
// before p[at], streamed through the hash without concatenating them.
func signStream[T string | []byte](p *[3]string, at int, encrypt T) [sha1.Size]byte {
	h := sha1.New()
	b, isBytes := any(encrypt).([]byte)
	// Strings are copied into the hash through chunk, as long as the
	// longest of them up to a limit.
	size := max(len(p[0]), len(p[1]), len(p[2]))
	if !isBytes {
		size = max(size, len(encrypt))
	}
	chunk := make([]byte, min(size, 4096))
	write := func(s string) {
		for len(s) > 0 {
			n := copy(chunk, s)
			h.Write(chunk[:n])
			s = s[n:]
		}
	}
	writeEncrypt := func() {
		if isBytes {
			h.Write(b)
		} else {
			write(string(encrypt))
		}
	}
	for i, s := range p {
		if i == at {
			writeEncrypt()
		}
		write(s)
	}
	if at == len(p) {
		writeEncrypt()
	}
	var sum [sha1.Size]byte
	h.Sum(sum[:0])
	return sum
}
