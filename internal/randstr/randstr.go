// Package randstr draws random strings for nonces and OAuth states.
package randstr

import "crypto/rand"

const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// alnumLimit is the largest multiple of len(alnum) that fits in a byte.
const alnumLimit = 4 * len(alnum)

// Alnum returns n characters of a-zA-Z0-9 from crypto/rand, without modulo
// bias: bytes of 248 and above (4×62) are drawn again.
func Alnum(n int) (string, error) {
	out := make([]byte, 0, n)
	buf := make([]byte, n+n/4+8)
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			return "", err
		}
		for _, b := range buf {
			if int(b) < alnumLimit && len(out) < n {
				out = append(out, alnum[int(b)%len(alnum)])
			}
		}
	}
	return string(out), nil
}
