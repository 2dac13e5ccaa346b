package msgaudit

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// PrivateKeys are the corp's archive private keys by the version WeCom
// gave their public keys (publickey_ver). Keep every version records may
// still carry: after a key rotation the older records keep the old one.
type PrivateKeys map[int]*rsa.PrivateKey

// String lists the versions only, never a key.
func (k PrivateKeys) String() string {
	vs := make([]int, 0, len(k))
	for v := range k {
		vs = append(vs, v)
	}
	sort.Ints(vs)
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = strconv.Itoa(v)
	}
	return "msgaudit.PrivateKeys{versions: " + strings.Join(s, ",") + "}"
}

// GoString is String, so %#v prints no key either.
func (k PrivateKeys) GoString() string { return k.String() }

// ParsePrivateKeys parses PEM-encoded RSA private keys (PKCS#1 "RSA PRIVATE
// KEY", as openssl genrsa writes them, or PKCS#8 "PRIVATE KEY") by version.
// Errors name the version, never the key's bytes.
func ParsePrivateKeys(pems map[int][]byte) (PrivateKeys, error) {
	if len(pems) == 0 {
		return nil, fmt.Errorf("%w: no private key", ErrInvalidInput)
	}
	keys := make(PrivateKeys, len(pems))
	for v, b := range pems {
		k, err := ParsePrivateKey(b)
		if err != nil {
			return nil, fmt.Errorf("msgaudit: private key version %d: %w", v, err)
		}
		keys[v] = k
	}
	return keys, nil
}

// ParsePrivateKey parses one PEM-encoded RSA private key (PKCS#1 or
// PKCS#8).
func ParsePrivateKey(b []byte) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("%w: not a PEM block", ErrInvalidInput)
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%w: neither a PKCS#1 nor a PKCS#8 private key", ErrInvalidInput)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%w: a %T, not an RSA key", ErrInvalidInput, k)
	}
	return rk, nil
}

// decryptRandomKey recovers a record's random key: encrypt_random_key is
// base64 of RSA PKCS#1 v1.5 under the public key of version ver.
func (k PrivateKeys) decryptRandomKey(ver int, encrypted string) (string, error) {
	key := k[ver]
	if key == nil {
		return "", fmt.Errorf("%w (version %d)", ErrUnknownKeyVersion, ver)
	}
	if encrypted == "" {
		return "", fmt.Errorf("%w: encrypt_random_key is empty", ErrInvalidInput)
	}
	ct, err := base64.StdEncoding.DecodeString(encrypted)
	if err != nil {
		return "", fmt.Errorf("%w: encrypt_random_key is not base64", ErrInvalidInput)
	}
	if len(ct) != key.Size() {
		return "", fmt.Errorf("%w: encrypt_random_key is %d bytes, the key of version %d takes %d", ErrInvalidInput, len(ct), ver, key.Size())
	}
	//lint:ignore SA1019 WeCom encrypts encrypt_random_key with PKCS #1 v1.5; the archive offers no other scheme.
	pt, err := rsa.DecryptPKCS1v15(rand.Reader, key, ct)
	if err != nil {
		return "", fmt.Errorf("msgaudit: encrypt_random_key does not decrypt with the key of version %d: %w", ver, errDecrypt)
	}
	return string(pt), nil
}

// errDecrypt hides crypto/rsa's error text behind one of ours.
var errDecrypt = errors.New("decryption error")
