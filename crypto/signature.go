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
	sign(&sig, scratch[:0], token, timestamp, nonce, []byte(encrypt))
	return string(sig[:])
}

// sign writes the signature of the four inputs to dst. It builds the hashed
// input in scratch, which is only allocated over if it is too small.
func sign(dst *[signatureLen]byte, scratch []byte, token, timestamp, nonce string, encrypt []byte) {
	// Sort the three strings with a tiny insertion sort, then merge encrypt
	// into that order while concatenating.
	p := [3]string{token, timestamp, nonce}
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && p[j] < p[j-1]; j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
	buf := scratch[:0]
	placed := false
	for _, s := range p {
		if !placed && string(encrypt) < s {
			buf = append(buf, encrypt...)
			placed = true
		}
		buf = append(buf, s...)
	}
	if !placed {
		buf = append(buf, encrypt...)
	}
	sum := sha1.Sum(buf)
	hex.Encode(dst[:], sum[:])
}
