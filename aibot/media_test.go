package aibot

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

// encryptMedia encrypts a file as WeCom stores the media of a bot's
// messages: AES-256-CBC with the EncodingAESKey, IV its first 16 bytes,
// PKCS#7 padding to 32 bytes.
func encryptMedia(t testing.TB, plain []byte) []byte {
	t.Helper()
	key, err := base64.StdEncoding.DecodeString(testKey + "=")
	require.NoError(t, err)
	pad := 32 - len(plain)%32
	buf := append(append([]byte(nil), plain...), bytes.Repeat([]byte{byte(pad)}, pad)...)
	block, err := aes.NewCipher(key)
	require.NoError(t, err)
	cipher.NewCBCEncrypter(block, key[:16]).CryptBlocks(buf, buf)
	return buf
}

func TestMediaOpen(t *testing.T) {
	file := bytes.Repeat([]byte("0123456789abcdef!"), 10000) // 170 kB, not a whole number of blocks
	enc := encryptMedia(t, file)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/media/1" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(enc)
	}))
	defer srv.Close()
	md, err := NewMedia(testKey, wecom.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	rc, err := md.Open(context.Background(), srv.URL+"/media/1")
	require.NoError(t, err)
	got, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.NoError(t, rc.Close())
	assert.Equal(t, file, got)

	_, err = md.Open(context.Background(), srv.URL+"/missing")
	assert.ErrorIs(t, err, ErrMedia)
}

func TestMediaDecryptStreaming(t *testing.T) {
	md, err := NewMedia(testKey)
	require.NoError(t, err)
	for _, n := range []int{0, 1, 31, 32, 33, 1000, 70000} {
		file := bytes.Repeat([]byte{7}, n)
		enc := encryptMedia(t, file)
		// One byte at a time: blocks and padding split across reads.
		got, err := io.ReadAll(md.Decrypt(iotest.OneByteReader(bytes.NewReader(enc))))
		require.NoError(t, err, n)
		assert.Equal(t, file, got, n)
		// And with small reads on the consumer's side.
		assert.NoError(t, iotest.TestReader(md.Decrypt(bytes.NewReader(enc)), file), n)
	}
}

func TestMediaRejectsBadFiles(t *testing.T) {
	md, err := NewMedia(testKey)
	require.NoError(t, err)
	enc := encryptMedia(t, []byte("hello"))
	for name, bad := range map[string][]byte{
		"empty":        nil,
		"cut":          enc[:len(enc)-1],
		"not a block":  append(append([]byte(nil), enc...), 1, 2, 3),
		"wrong key/iv": bytes.Repeat([]byte{1}, 64),
	} {
		_, err := io.ReadAll(md.Decrypt(bytes.NewReader(bad)))
		assert.ErrorIs(t, err, ErrMedia, name)
	}
	_, err = NewMedia("short")
	assert.ErrorIs(t, err, wecom.ErrConfig)
}
