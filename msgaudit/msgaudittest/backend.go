// Package msgaudittest is a fake Finance SDK for tests and offline runs of
// package msgaudit: a Backend holding archived messages and media files in
// memory. Its records are built as WeCom builds them: each message gets a
// random key, encrypted with RSA (PKCS#1 v1.5) under the public key of its
// version, so the Archive's RSA step runs for real; the message itself is
// sealed with that key in a scheme of this package's own (the real one is
// inside Tencent's library).
//
//	b := msgaudittest.New()
//	key := msgaudittest.GenerateKey(2048)
//	b.AddKey(1, &key.PublicKey)
//	b.Add(1, map[string]any{"msgid": "m1", "action": "send", "msgtype": "text", "text": map[string]any{"content": "hi"}})
//	a, _ := msgaudit.New(b, msgaudit.PrivateKeys{1: key})
package msgaudittest

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/wecomkit/wecom/msgaudit"
)

// DefaultChunkSize is the size of the media chunks the fake returns, the
// real library's 512 KiB.
const DefaultChunkSize = 512 << 10

// Record is one entry of GetChatData's chatdata, as the fake returns it.
type Record struct {
	Seq              uint64 `json:"seq"`
	MsgID            string `json:"msgid"`
	PublicKeyVer     int    `json:"publickey_ver"`
	EncryptRandomKey string `json:"encrypt_random_key"`
	EncryptChatMsg   string `json:"encrypt_chat_msg"`
}

// Stats counts the calls the fake received.
type Stats struct {
	GetChatData, DecryptData, GetMediaData int
	// MaxConcurrent is the largest number of calls in flight at once.
	MaxConcurrent int
	// Aborts counts the DecryptData calls the real library would have
	// crashed the process on (an encrypt_chat_msg of 12 characters or
	// fewer); an Archive must never make one.
	Aborts int
}

// Backend is a fake msgaudit.Backend. It is safe for concurrent use.
type Backend struct {
	// ChunkSize is the size of media chunks (DefaultChunkSize if 0).
	ChunkSize int
	// Delay is slept in every call, to let tests see overlapping calls.
	Delay time.Duration

	mu       sync.Mutex
	records  []Record
	keys     map[int]*rsa.PublicKey
	media    map[string][]byte
	errs     map[string][]error
	seq      uint64
	inFlight int
	stats    Stats
	closed   bool
}

var _ msgaudit.Backend = (*Backend)(nil)

// New returns an empty fake.
func New() *Backend {
	return &Backend{keys: map[int]*rsa.PublicKey{}, media: map[string][]byte{}, errs: map[string][]error{}}
}

// GenerateKey returns a new RSA key of the given size (2048 if 0),
// panicking on failure, for fixtures.
func GenerateKey(bits int) *rsa.PrivateKey {
	if bits == 0 {
		bits = 2048
	}
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		panic(err)
	}
	return k
}

// AddKey makes ver a public key version records can be added under.
func (b *Backend) AddKey(ver int, pub *rsa.PublicKey) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.keys[ver] = pub
}

// Add archives msg (JSON bytes, or a value encoded as JSON) under key
// version ver and returns its seq. The record's msgid is msg's, if any.
func (b *Backend) Add(ver int, msg any) (uint64, error) {
	raw, ok := msg.([]byte)
	if !ok {
		var err error
		if raw, err = json.Marshal(msg); err != nil {
			return 0, err
		}
	}
	var head struct {
		MsgID string `json:"msgid"`
	}
	_ = json.Unmarshal(raw, &head)
	b.mu.Lock()
	pub := b.keys[ver]
	b.mu.Unlock()
	if pub == nil {
		return 0, fmt.Errorf("msgaudittest: no public key version %d", ver)
	}
	randomKey := rand.Text()
	//lint:ignore SA1019 WeCom encrypts encrypt_random_key with PKCS #1 v1.5; the fake does as it does.
	ek, err := rsa.EncryptPKCS1v15(rand.Reader, pub, []byte(randomKey))
	if err != nil {
		return 0, err
	}
	sealed, err := seal(randomKey, raw)
	if err != nil {
		return 0, err
	}
	return b.AddRecord(Record{
		MsgID: head.MsgID, PublicKeyVer: ver,
		EncryptRandomKey: base64.StdEncoding.EncodeToString(ek),
		EncryptChatMsg:   base64.StdEncoding.EncodeToString(sealed),
	}), nil
}

// AddRecord archives a record as given (a malformed one, say) and returns
// its seq, the next one.
func (b *Backend) AddRecord(r Record) uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.seq++
	r.Seq = b.seq
	b.records = append(b.records, r)
	return r.Seq
}

// AddMedia stores a media file under sdkFileID.
func (b *Backend) AddMedia(sdkFileID string, data []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.media[sdkFileID] = bytes.Clone(data)
}

// FailNext makes the next call of op ("GetChatData", "DecryptData" or
// "GetMediaData") return err; calls queue up.
func (b *Backend) FailNext(op string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errs[op] = append(b.errs[op], err)
}

// Stats returns the calls counted so far.
func (b *Backend) Stats() Stats {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stats
}

// enter counts a call of op and returns its queued error, if any.
func (b *Backend) enter(op string) error {
	b.mu.Lock()
	b.inFlight++
	b.stats.MaxConcurrent = max(b.stats.MaxConcurrent, b.inFlight)
	switch op {
	case "GetChatData":
		b.stats.GetChatData++
	case "DecryptData":
		b.stats.DecryptData++
	case "GetMediaData":
		b.stats.GetMediaData++
	}
	var err error
	if q := b.errs[op]; len(q) > 0 {
		err, b.errs[op] = q[0], q[1:]
	}
	if b.closed {
		err = fmt.Errorf("msgaudittest: %s after Close", op)
	}
	b.mu.Unlock()
	if b.Delay > 0 {
		time.Sleep(b.Delay)
	}
	return err
}

func (b *Backend) leave() {
	b.mu.Lock()
	b.inFlight--
	b.mu.Unlock()
}

// GetChatData implements msgaudit.Backend.
func (b *Backend) GetChatData(_ context.Context, seq uint64, limit int) ([]byte, error) {
	defer b.leave()
	if err := b.enter("GetChatData"); err != nil {
		return nil, err
	}
	if limit < 1 || limit > msgaudit.MaxPageSize {
		return nil, &msgaudit.SDKError{Op: "GetChatData", Code: 10000}
	}
	b.mu.Lock()
	page := []Record{}
	for _, r := range b.records {
		if r.Seq > seq && len(page) < limit {
			page = append(page, r)
		}
	}
	b.mu.Unlock()
	return json.Marshal(map[string]any{"errcode": 0, "errmsg": "ok", "chatdata": page})
}

// DecryptData implements msgaudit.Backend.
func (b *Backend) DecryptData(randomKey, encryptedMsg string) ([]byte, error) {
	defer b.leave()
	if err := b.enter("DecryptData"); err != nil {
		return nil, err
	}
	if len(encryptedMsg) <= 12 {
		b.mu.Lock()
		b.stats.Aborts++
		b.mu.Unlock()
		return nil, fmt.Errorf("msgaudittest: the real library would have aborted the process on a %d-character message", len(encryptedMsg))
	}
	sealed, err := base64.StdEncoding.DecodeString(encryptedMsg)
	if err != nil {
		return nil, &msgaudit.SDKError{Op: "DecryptData", Code: 10006}
	}
	plain, err := open(randomKey, sealed)
	if err != nil {
		return nil, &msgaudit.SDKError{Op: "DecryptData", Code: 10006}
	}
	return plain, nil
}

// GetMediaData implements msgaudit.Backend. Its index is the offset of the
// chunk, in decimal.
func (b *Backend) GetMediaData(_ context.Context, sdkFileID, indexBuf string) (msgaudit.MediaChunk, error) {
	defer b.leave()
	if err := b.enter("GetMediaData"); err != nil {
		return msgaudit.MediaChunk{}, err
	}
	b.mu.Lock()
	data, ok := b.media[sdkFileID]
	b.mu.Unlock()
	if !ok {
		return msgaudit.MediaChunk{}, &msgaudit.SDKError{Op: "GetMediaData", Code: 10005}
	}
	off := 0
	if indexBuf != "" {
		n, err := strconv.Atoi(indexBuf)
		if err != nil || n < 0 || n > len(data) {
			return msgaudit.MediaChunk{}, &msgaudit.SDKError{Op: "GetMediaData", Code: 10000}
		}
		off = n
	}
	size := b.ChunkSize
	if size <= 0 {
		size = DefaultChunkSize
	}
	end := min(off+size, len(data))
	return msgaudit.MediaChunk{
		Data:         bytes.Clone(data[off:end]),
		NextIndexBuf: strconv.Itoa(end),
		Finished:     end == len(data),
	}, nil
}

// Close implements msgaudit.Backend; calls after it fail.
func (b *Backend) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	return nil
}

// seal encrypts plain with AES-256-GCM under SHA-256 of the random key
// (the fake's own scheme).
func seal(randomKey string, plain []byte) ([]byte, error) {
	g, err := gcm(randomKey)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, g.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return g.Seal(nonce, nonce, plain, nil), nil
}

func open(randomKey string, sealed []byte) ([]byte, error) {
	g, err := gcm(randomKey)
	if err != nil {
		return nil, err
	}
	if len(sealed) < g.NonceSize() {
		return nil, fmt.Errorf("msgaudittest: sealed message too short")
	}
	return g.Open(nil, sealed[:g.NonceSize()], sealed[g.NonceSize():], nil)
}

func gcm(randomKey string) (cipher.AEAD, error) {
	k := sha256.Sum256([]byte(randomKey))
	c, err := aes.NewCipher(k[:])
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(c)
}
