package benchmarks

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// stdlib is not an SDK but a reference point: the protocol written the
// straightforward way with the standard library only (encoding/xml,
// sort+sha1, AES-CBC, a mutex-guarded token), as an application without an
// SDK would. It checks everything the SDKs check.

var (
	errStdlibSignature  = errors.New("stdlib: signature mismatch")
	errStdlibCiphertext = errors.New("stdlib: malformed ciphertext")
	errStdlibReceiverID = errors.New("stdlib: receive id not accepted")
)

type stdlibCrypt struct {
	token, receiverID string
	block             cipher.Block
	iv                []byte
}

func newStdlibCrypt(tb testing.TB) *stdlibCrypt {
	key, err := base64.StdEncoding.DecodeString(sampleEncodingAESKey + "=")
	if err != nil {
		tb.Fatal(err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		tb.Fatal(err)
	}
	return &stdlibCrypt{token: sampleToken, receiverID: sampleCorpID, block: block, iv: key[:aes.BlockSize]}
}

// decryptMsg verifies and decrypts a callback body.
func (c *stdlibCrypt) decryptMsg(signature, timestamp, nonce string, body []byte) ([]byte, error) {
	var env struct {
		Encrypt string `xml:"Encrypt"`
	}
	if err := xml.Unmarshal(body, &env); err != nil {
		return nil, err
	}
	parts := []string{c.token, timestamp, nonce, env.Encrypt}
	sort.Strings(parts)
	sum := sha1.Sum([]byte(strings.Join(parts, "")))
	if subtle.ConstantTimeCompare([]byte(hex.EncodeToString(sum[:])), []byte(signature)) != 1 {
		return nil, errStdlibSignature
	}
	data, err := base64.StdEncoding.DecodeString(env.Encrypt)
	if err != nil || len(data) == 0 || len(data)%aes.BlockSize != 0 {
		return nil, errStdlibCiphertext
	}
	cipher.NewCBCDecrypter(c.block, c.iv).CryptBlocks(data, data)
	pad := int(data[len(data)-1])
	if pad < 1 || pad > 32 || pad > len(data) {
		return nil, errStdlibCiphertext
	}
	data = data[:len(data)-pad]
	if len(data) < 20 {
		return nil, errStdlibCiphertext
	}
	n := binary.BigEndian.Uint32(data[16:20])
	if uint64(n) > uint64(len(data)-20) {
		return nil, errStdlibCiphertext
	}
	msg, id := data[20:20+n], data[20+n:]
	if string(id) != c.receiverID {
		return nil, errStdlibReceiverID
	}
	return msg, nil
}

// stdlibMessage holds the fields of a text message.
type stdlibMessage struct {
	ToUserName   string `xml:"ToUserName"`
	FromUserName string `xml:"FromUserName"`
	CreateTime   int64  `xml:"CreateTime"`
	MsgType      string `xml:"MsgType"`
	Content      string `xml:"Content"`
	MsgID        int64  `xml:"MsgId"`
	AgentID      int64  `xml:"AgentID"`
}

func stdlibDecrypt(tb testing.TB, signature string) decryptOp {
	c := newStdlibCrypt(tb)
	body := []byte(sampleBody)
	return func() ([]byte, error) {
		return c.decryptMsg(signature, sampleTimestamp, sampleNonce, body)
	}
}

func stdlibCallback(tb testing.TB, signature string) callbackOp {
	c := newStdlibCrypt(tb)
	body := []byte(sampleBody)
	return func() (string, string, error) {
		plain, err := c.decryptMsg(signature, sampleTimestamp, sampleNonce, body)
		if err != nil {
			return "", "", err
		}
		var m stdlibMessage
		if err := xml.Unmarshal(plain, &m); err != nil {
			return "", "", err
		}
		return m.FromUserName, m.Content, nil
	}
}

// stdlibTokenSource caches one access token behind a mutex.
type stdlibTokenSource struct {
	baseURL string
	client  *http.Client

	mu      sync.Mutex
	token   string
	expires time.Time
}

func (s *stdlibTokenSource) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && time.Now().Before(s.expires) {
		return s.token, nil
	}
	q := url.Values{"corpid": {sampleCorpID}, "corpsecret": {tokenSecret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.baseURL+"/cgi-bin/gettoken?"+q.Encode(), nil)
	if err != nil {
		return "", err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		ErrCode     int    `json:"errcode"`
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	if out.ErrCode != 0 || out.AccessToken == "" {
		return "", fmt.Errorf("stdlib: gettoken errcode %d", out.ErrCode)
	}
	s.token = out.AccessToken
	s.expires = time.Now().Add(time.Duration(out.ExpiresIn)*time.Second - 5*time.Minute)
	return s.token, nil
}

func stdlibToken(_ testing.TB, baseURL string) tokenOp {
	s := &stdlibTokenSource{baseURL: baseURL, client: &http.Client{Timeout: 5 * time.Second}}
	return s.Token
}
