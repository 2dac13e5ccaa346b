package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Sentinel errors. Errors returned by this package wrap one of these (test
// with [errors.Is]) and add context that never includes secrets or message
// contents.
var (
	// ErrSignature reports that msg_signature does not match the signed data.
	ErrSignature = errors.New("wecom/crypto: signature mismatch")
	// ErrAESKey reports an EncodingAESKey that is not 43 characters of
	// [A-Za-z0-9].
	ErrAESKey = errors.New("wecom/crypto: invalid EncodingAESKey")
	// ErrCiphertext reports a ciphertext that is not valid Base64, has a bad
	// length, bad padding or a bad message length prefix.
	ErrCiphertext = errors.New("wecom/crypto: malformed ciphertext")
	// ErrReceiverID reports a decrypted receive id that is not accepted.
	ErrReceiverID = errors.New("wecom/crypto: receive id not accepted")
	// ErrEnvelope reports a callback body that is not the expected XML
	// envelope or lacks a non-empty Encrypt element.
	ErrEnvelope = errors.New("wecom/crypto: malformed callback body")
)

const (
	encodingAESKeyLen = 43 // length of an EncodingAESKey
	randomLen         = 16 // random prefix of every plaintext
	headerLen         = randomLen + 4
	padBlockSize      = 32 // WeCom pads to 32 bytes, not to the AES block size
)

// MsgCrypt verifies, decrypts and encrypts WeCom callback messages for one
// Token, EncodingAESKey and receive id. It is immutable after [New] and safe
// for concurrent use.
type MsgCrypt struct {
	secret     *msgSecret // behind a pointer, so that fmt never prints it (see redact.go)
	receiverID string     // "" accepts any receive id
	extraIDs   []string   // further accepted receive ids, never modified in place
	block      cipher.Block
	rand       io.Reader // source of the random prefix; nil means crypto/rand
}

// msgSecret is what a MsgCrypt never shows: the token and the IV, which is
// the key's first 16 bytes.
type msgSecret struct {
	token string
	iv    [aes.BlockSize]byte
}

// New returns a MsgCrypt for the callback Token and EncodingAESKey configured
// in the WeCom console. receiverID is the receive id decrypted messages must
// carry (see the package documentation for which one to use); "" accepts any.
// An EncodingAESKey that is not exactly 43 characters of [A-Za-z0-9] yields an
// error wrapping [ErrAESKey]; an empty token is an error as well.
func New(token, encodingAESKey, receiverID string) (*MsgCrypt, error) {
	if token == "" {
		return nil, errors.New("wecom/crypto: token must not be empty")
	}
	key, err := decodeAESKey(encodingAESKey)
	if err != nil {
		return nil, err
	}
	defer clear(key)
	block, err := aes.NewCipher(key)
	if err != nil { // unreachable: the key is always 32 bytes
		return nil, fmt.Errorf("%w: %v", ErrAESKey, err)
	}
	c := &MsgCrypt{secret: &msgSecret{token: token}, receiverID: receiverID, block: block}
	copy(c.secret.iv[:], key)
	return c, nil
}

// decodeAESKey validates an EncodingAESKey and returns the AES-256 key.
func decodeAESKey(s string) ([]byte, error) {
	if len(s) != encodingAESKeyLen {
		return nil, fmt.Errorf("%w: want %d characters, got %d", ErrAESKey, encodingAESKeyLen, len(s))
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) {
			return nil, fmt.Errorf("%w: character %d is not in [A-Za-z0-9]", ErrAESKey, i+1)
		}
	}
	key, err := base64.StdEncoding.DecodeString(s + "=")
	if err != nil || len(key) != 32 { // unreachable for 43 alphanumerics
		return nil, fmt.Errorf("%w: does not decode to 32 bytes", ErrAESKey)
	}
	return key, nil
}

func isAlnum(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// AllowReceiverIDs returns a copy of c that additionally accepts the given
// receive ids when decrypting; c itself is unchanged. A service provider uses
// it when its callback URL may be verified with either its SuiteID or its own
// CorpID. Ids are compared exactly. [MsgCrypt.EncryptMsg] and
// [MsgCrypt.Encrypt] keep using [MsgCrypt.ReceiverID].
func (c *MsgCrypt) AllowReceiverIDs(ids ...string) *MsgCrypt {
	cp := *c
	cp.extraIDs = slices.Concat(c.extraIDs, ids)
	return &cp
}

// WithReceiverID returns a copy of c whose receive id is id, with no
// further accepted ids: it encrypts for id and accepts only id. A callback
// server whose MsgCrypt accepts any receive id (third-party data callbacks)
// uses it to encrypt a passive reply for the corp that sent the message.
func (c *MsgCrypt) WithReceiverID(id string) *MsgCrypt {
	cp := *c
	cp.receiverID = id
	cp.extraIDs = nil
	return &cp
}

// ReceiverID returns the receive id given to [New]: the one required of
// decrypted messages (together with any added by [MsgCrypt.AllowReceiverIDs])
// and the one embedded in encrypted replies. "" means any id is accepted.
func (c *MsgCrypt) ReceiverID() string {
	return c.receiverID
}

// accepts reports whether a decrypted receive id is acceptable.
func (c *MsgCrypt) accepts(id []byte) bool {
	if c.receiverID == "" || string(id) == c.receiverID {
		return true
	}
	for _, allowed := range c.extraIDs {
		if string(id) == allowed {
			return true
		}
	}
	return false
}

// VerifyURL handles the GET request WeCom sends to verify a callback URL. It
// checks msgSignature against timestamp, nonce and echostr (all already
// URL-decoded), decrypts echostr and returns the plaintext, which the handler
// must write back verbatim as the response body. Nothing is decoded or
// allocated before the signature is found to match.
func (c *MsgCrypt) VerifyURL(msgSignature, timestamp, nonce, echostr string) ([]byte, error) {
	if err := verify(c, msgSignature, timestamp, nonce, echostr); err != nil {
		return nil, err
	}
	buf, err := base64.StdEncoding.DecodeString(echostr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCiphertext, err)
	}
	msg, _, err := c.open(buf)
	return msg, err
}

// DecryptMsg handles the body of a callback POST request: it extracts the
// Encrypt element of the XML envelope, checks msgSignature against it and
// the timestamp and nonce query parameters, decrypts it and returns the inner
// XML message. The returned slice does not alias body.
//
// The signature is checked first, over the Encrypt element found by a
// cheap search (see [ParseEnvelope] for the rules that make it
// unambiguous), and only a body that passes it is checked against the
// rest of the envelope's rules and decrypted: a forged body costs a search
// and a hash, and no allocation. So a body that breaks both gets
// [ErrSignature] rather than [ErrEnvelope].
func (c *MsgCrypt) DecryptMsg(msgSignature, timestamp, nonce string, body []byte) ([]byte, error) {
	msg, _, err := c.openEnvelope(msgSignature, timestamp, nonce, body)
	return msg, err
}

// DecryptEnvelope is [MsgCrypt.DecryptMsg] that also returns the receive
// id found in the message, as [MsgCrypt.VerifyDecrypt] does: what a
// callback server needs to answer the corp that sent the message.
func (c *MsgCrypt) DecryptEnvelope(msgSignature, timestamp, nonce string, body []byte) (msg []byte, receiverID string, err error) {
	msg, id, err := c.openEnvelope(msgSignature, timestamp, nonce, body)
	if err != nil {
		return nil, "", err
	}
	return msg, c.idString(id), nil
}

// openEnvelope implements DecryptEnvelope: locate the Encrypt element,
// verify, validate the whole envelope, decrypt.
func (c *MsgCrypt) openEnvelope(msgSignature, timestamp, nonce string, body []byte) (msg, id []byte, err error) {
	encrypt, err := locateEncrypt(body)
	if err != nil {
		return nil, nil, err
	}
	if err := verify(c, msgSignature, timestamp, nonce, encrypt); err != nil {
		return nil, nil, err
	}
	env, err := parseEnvelope(body)
	if err != nil {
		return nil, nil, err
	}
	if len(env.encrypt) != len(encrypt) || &env.encrypt[0] != &encrypt[0] {
		// Unreachable: parseEnvelope requires the Encrypt element to be
		// the one locateEncrypt finds.
		return nil, nil, envelopeError("ambiguous Encrypt element")
	}
	return c.decodeOpen(encrypt)
}

// VerifyDecrypt checks msgSignature against timestamp, nonce and the Base64
// ciphertext encrypt, then decrypts encrypt and returns the message and the
// receive id found in it: [MsgCrypt.Verify] and [MsgCrypt.Decrypt] in one
// step, for a server that has extracted the Encrypt element of a callback
// body itself. It returns the same errors as [MsgCrypt.DecryptMsg]. encrypt
// is not modified and msg does not alias it.
func (c *MsgCrypt) VerifyDecrypt(msgSignature, timestamp, nonce string, encrypt []byte) (msg []byte, receiverID string, err error) {
	if err := verify(c, msgSignature, timestamp, nonce, encrypt); err != nil {
		return nil, "", err
	}
	msg, id, err := c.decodeOpen(encrypt)
	if err != nil {
		return nil, "", err
	}
	return msg, c.idString(id), nil
}

// idString returns an accepted receive id as a string, without allocating
// when it is one of the ids c names.
func (c *MsgCrypt) idString(id []byte) string {
	if string(id) == c.receiverID {
		return c.receiverID
	}
	for _, allowed := range c.extraIDs {
		if string(id) == allowed {
			return allowed
		}
	}
	return string(id)
}

// decodeOpen decodes the Base64 ciphertext encrypt into a new buffer,
// its only allocation, and decrypts it there.
func (c *MsgCrypt) decodeOpen(encrypt []byte) (msg, id []byte, err error) {
	buf := make([]byte, base64.StdEncoding.DecodedLen(len(encrypt)))
	n, err := base64.StdEncoding.Decode(buf, encrypt)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCiphertext, err)
	}
	return c.open(buf[:n])
}

// Verify checks msgSignature, which must be lowercase hex as WeCom sends it,
// against timestamp, nonce and the Base64 ciphertext encrypt, returning
// [ErrSignature] if it does not match. The comparison takes constant time.
func (c *MsgCrypt) Verify(msgSignature, timestamp, nonce, encrypt string) error {
	return verify(c, msgSignature, timestamp, nonce, encrypt)
}

// verify implements Verify for a ciphertext held in a string or a byte
// slice, without allocating in proportion to its inputs.
func verify[T string | []byte](c *MsgCrypt, msgSignature, timestamp, nonce string, encrypt T) error {
	if len(msgSignature) != signatureLen {
		return ErrSignature
	}
	var scratch [512]byte
	var want [signatureLen]byte
	sign(&want, scratch[:0], c.secret.token, timestamp, nonce, encrypt)
	if subtle.ConstantTimeCompare(want[:], []byte(msgSignature)) != 1 {
		return ErrSignature
	}
	return nil
}

// Decrypt decodes and decrypts the Base64 ciphertext encrypt and returns the
// message and the receive id found in it. It fails with [ErrReceiverID] if
// the receive id is not accepted. Decrypt does not check any signature: call
// [MsgCrypt.Verify] first, or use [MsgCrypt.DecryptMsg] or
// [MsgCrypt.VerifyURL].
func (c *MsgCrypt) Decrypt(encrypt string) (msg []byte, receiverID string, err error) {
	buf, err := base64.StdEncoding.DecodeString(encrypt)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrCiphertext, err)
	}
	msg, id, err := c.open(buf)
	if err != nil {
		return nil, "", err
	}
	return msg, c.idString(id), nil
}

// open decrypts ciphertext in place, removes the padding and splits the
// plaintext into message and receive id, which it checks. The results alias
// ciphertext.
func (c *MsgCrypt) open(ciphertext []byte) (msg, id []byte, err error) {
	if len(ciphertext) == 0 || len(ciphertext)%aes.BlockSize != 0 {
		return nil, nil, fmt.Errorf("%w: length %d is not a positive multiple of %d",
			ErrCiphertext, len(ciphertext), aes.BlockSize)
	}
	c.decryptCBC(ciphertext)
	plain, ok := unpad(ciphertext)
	if !ok {
		return nil, nil, fmt.Errorf("%w: invalid padding", ErrCiphertext)
	}
	if len(plain) < headerLen {
		return nil, nil, fmt.Errorf("%w: plaintext too short", ErrCiphertext)
	}
	n := binary.BigEndian.Uint32(plain[randomLen:headerLen])
	rest := plain[headerLen:]
	if uint64(n) > uint64(len(rest)) {
		return nil, nil, fmt.Errorf("%w: message length exceeds plaintext", ErrCiphertext)
	}
	msg, id = rest[:n:n], rest[n:]
	if !c.accepts(id) {
		return nil, nil, ErrReceiverID
	}
	return msg, id, nil
}

// encryptCBC encrypts b, a whole number of blocks, in place with AES-CBC.
// It is cipher.NewCBCEncrypter(c.block, c.secret.iv[:]).CryptBlocks(b, b) without
// the per-call allocation of a BlockMode, which must not be shared between
// goroutines.
func (c *MsgCrypt) encryptCBC(b []byte) {
	prev := c.secret.iv[:]
	for len(b) > 0 {
		block := b[:aes.BlockSize]
		subtle.XORBytes(block, block, prev)
		c.block.Encrypt(block, block)
		prev, b = block, b[aes.BlockSize:]
	}
}

// decryptCBC decrypts b, a whole number of blocks, in place with AES-CBC,
// like encryptCBC without an allocation. It walks backwards so that the
// previous ciphertext block is still intact when a block needs it.
func (c *MsgCrypt) decryptCBC(b []byte) {
	for end := len(b); end > 0; end -= aes.BlockSize {
		start := end - aes.BlockSize
		block := b[start:end]
		c.block.Decrypt(block, block)
		prev := c.secret.iv[:]
		if start > 0 {
			prev = b[start-aes.BlockSize : start]
		}
		xorBlock(block, prev)
	}
}

// xorBlock sets dst to dst XOR src for one AES block, in two word
// operations rather than a call to subtle.XORBytes, which costs more than
// the work on a single block.
func xorBlock(dst, src []byte) {
	_, _ = dst[aes.BlockSize-1], src[aes.BlockSize-1]
	binary.LittleEndian.PutUint64(dst, binary.LittleEndian.Uint64(dst)^binary.LittleEndian.Uint64(src))
	binary.LittleEndian.PutUint64(dst[8:], binary.LittleEndian.Uint64(dst[8:])^binary.LittleEndian.Uint64(src[8:]))
}

// unpad removes WeCom's PKCS#7-style padding (1 to 32 bytes, each holding
// the pad length) from b.
func unpad(b []byte) ([]byte, bool) {
	if len(b) == 0 {
		return nil, false
	}
	n := int(b[len(b)-1])
	if n < 1 || n > padBlockSize || n > len(b) {
		return nil, false
	}
	for _, v := range b[len(b)-n:] {
		if int(v) != n {
			return nil, false
		}
	}
	return b[:len(b)-n], true
}

// Encrypt encrypts msg with a fresh random prefix and the receive id of c
// and returns the Base64 ciphertext.
func (c *MsgCrypt) Encrypt(msg []byte) (string, error) {
	ct, err := c.seal(msg)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(ct), nil
}

// seal pads and encrypts msg and the receive id of c behind a random prefix.
func (c *MsgCrypt) seal(msg []byte) ([]byte, error) {
	if uint64(len(msg)) > math.MaxUint32 {
		return nil, errors.New("wecom/crypto: message too long")
	}
	n := headerLen + len(msg) + len(c.receiverID)
	pad := padBlockSize - n%padBlockSize
	buf := make([]byte, n+pad)
	r := c.rand
	if r == nil {
		r = rand.Reader
	}
	if _, err := io.ReadFull(r, buf[:randomLen]); err != nil {
		return nil, fmt.Errorf("wecom/crypto: reading random prefix: %w", err)
	}
	binary.BigEndian.PutUint32(buf[randomLen:headerLen], uint32(len(msg)))
	copy(buf[headerLen:], msg)
	copy(buf[headerLen+len(msg):], c.receiverID)
	for i := n; i < len(buf); i++ {
		buf[i] = byte(pad)
	}
	c.encryptCBC(buf)
	return buf, nil
}

// Reply envelope pieces, see EncryptMsg.
const (
	replyOpen      = "<xml><Encrypt><![CDATA["
	replySignature = "]]></Encrypt><MsgSignature><![CDATA["
	replyTimestamp = "]]></MsgSignature><TimeStamp>"
	replyNonce     = "</TimeStamp><Nonce><![CDATA["
	replyClose     = "]]></Nonce></xml>"
)

// EncryptMsg encrypts a passive reply message and returns the XML document to
// send as the HTTP response:
//
//	<xml><Encrypt><![CDATA[...]]></Encrypt><MsgSignature><![CDATA[...]]></MsgSignature><TimeStamp>...</TimeStamp><Nonce><![CDATA[...]]></Nonce></xml>
//
// The reply carries the receive id of c. timestamp must be decimal digits
// and nonce must not contain "]]>", so that the document is well formed.
func (c *MsgCrypt) EncryptMsg(reply []byte, timestamp, nonce string) ([]byte, error) {
	if !isDigits(timestamp) {
		return nil, errors.New("wecom/crypto: timestamp must be decimal digits")
	}
	if strings.Contains(nonce, "]]>") {
		return nil, errors.New(`wecom/crypto: nonce must not contain "]]>"`)
	}
	ct, err := c.seal(reply)
	if err != nil {
		return nil, err
	}
	encLen := base64.StdEncoding.EncodedLen(len(ct))
	size := len(replyOpen) + encLen + len(replySignature) + signatureLen +
		len(replyTimestamp) + len(timestamp) + len(replyNonce) + len(nonce) + len(replyClose)
	signedLen := len(c.secret.token) + len(timestamp) + len(nonce) + encLen
	// One allocation: the document followed by room for the signed input.
	out := make([]byte, 0, size+signedLen)
	scratch := out[size:size]

	out = append(out, replyOpen...)
	out = base64.StdEncoding.AppendEncode(out, ct)
	var sig [signatureLen]byte
	sign(&sig, scratch, c.secret.token, timestamp, nonce, out[len(replyOpen):])
	out = append(out, replySignature...)
	out = append(out, sig[:]...)
	out = append(out, replyTimestamp...)
	out = append(out, timestamp...)
	out = append(out, replyNonce...)
	out = append(out, nonce...)
	out = append(out, replyClose...)
	return out[:size:size], nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String describes c without its token or key, so that printing a MsgCrypt
// (with %v, %+v or %#v) never leaks them.
func (c *MsgCrypt) String() string {
	return "crypto.MsgCrypt{receiverID: " + strconv.Quote(c.receiverID) + ", token: REDACTED, key: REDACTED}"
}

// GoString implements fmt.GoStringer like String.
func (c *MsgCrypt) GoString() string { return c.String() }
