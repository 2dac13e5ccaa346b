package aibot

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"

	"github.com/wecomkit/wecom"
)

// Media downloads the files of image and file messages, which WeCom stores
// encrypted with the bot's EncodingAESKey (AES-256-CBC, the IV being the
// key's first 16 bytes, PKCS#7 padding to 32 bytes), and decrypts them as
// they arrive: a large file is never held in memory. A Media is safe for
// concurrent use.
type Media struct {
	block cipher.Block
	iv    []byte
	hc    *http.Client
}

// NewMedia returns a Media for the bot's EncodingAESKey (43 characters).
// Downloads use the HTTP client of the options (wecom.WithHTTPClient).
func NewMedia(encodingAESKey string, opts ...wecom.Option) (*Media, error) {
	key, err := base64.StdEncoding.DecodeString(encodingAESKey + "=")
	if len(encodingAESKey) != 43 || err != nil || len(key) != 32 {
		return nil, fmt.Errorf("%w: an EncodingAESKey has 43 Base64 characters", wecom.ErrConfig)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", wecom.ErrConfig, err)
	}
	return &Media{block: block, iv: key[:aes.BlockSize], hc: wecom.NewOptions(opts...).HTTPClient}, nil
}

// Open downloads the file at url (Image.URL or File.URL of a message) and
// returns its decrypted content, read as it downloads; the caller closes
// it. A download is not retried. A file whose length or padding is wrong
// fails the last Read with [ErrMedia].
func (md *Media) Open(ctx context.Context, url string) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMedia, err)
	}
	resp, err := md.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: download: %w", ErrMedia, err)
	}
	if resp.StatusCode != http.StatusOK {
		_ = resp.Body.Close()
		return nil, fmt.Errorf("%w: download: HTTP status %d", ErrMedia, resp.StatusCode)
	}
	return struct {
		io.Reader
		io.Closer
	}{md.Decrypt(resp.Body), resp.Body}, nil
}

// Decrypt returns a reader of the plaintext of the encrypted file read from
// r.
func (md *Media) Decrypt(r io.Reader) io.Reader {
	return &decryptReader{src: r, mode: cipher.NewCBCDecrypter(md.block, md.iv), in: make([]byte, 0, 32<<10)}
}

// maxPad is the largest PKCS#7 padding WeCom uses (32-byte blocks).
const maxPad = 32

// decryptReader decrypts a CBC stream, holding back the last maxPad bytes
// of plaintext until the end, where the padding is removed.
type decryptReader struct {
	src   io.Reader
	mode  cipher.BlockMode
	in    []byte // ciphertext not yet decrypted: less than a block
	plain []byte // decrypted, not yet returned
	done  bool   // plain holds all that is left
	err   error  // returned once plain is drained
}

func (d *decryptReader) Read(p []byte) (int, error) {
	for {
		ready := len(d.plain)
		if !d.done {
			ready -= maxPad
		}
		if ready > 0 {
			n := copy(p, d.plain[:ready])
			d.plain = d.plain[n:]
			return n, nil
		}
		if d.done {
			if d.err != nil {
				return 0, d.err
			}
			return 0, io.EOF
		}
		d.fill()
	}
}

// fill reads and decrypts the next chunk.
func (d *decryptReader) fill() {
	if cap(d.plain)-len(d.plain) < 32<<10 {
		d.plain = append(make([]byte, 0, len(d.plain)+64<<10), d.plain...)
	}
	start := len(d.plain)
	buf := d.plain[start : start+32<<10]
	k := copy(buf, d.in)
	n, err := d.src.Read(buf[k:])
	total := k + n
	full := total - total%aes.BlockSize
	d.mode.CryptBlocks(buf[:full], buf[:full])
	d.in = append(d.in[:0], buf[full:total]...)
	d.plain = d.plain[:start+full]
	switch {
	case err == io.EOF:
		d.done = true
		d.finish()
	case err != nil:
		d.done, d.plain, d.err = true, d.plain[:0], fmt.Errorf("%w: download: %w", ErrMedia, err)
	}
}

// finish removes the padding once the ciphertext has ended.
func (d *decryptReader) finish() {
	if len(d.in) != 0 || len(d.plain) == 0 {
		d.plain, d.err = d.plain[:0], fmt.Errorf("%w: length is not a whole number of blocks", ErrMedia)
		return
	}
	pad := int(d.plain[len(d.plain)-1])
	if pad < 1 || pad > maxPad || pad > len(d.plain) {
		d.plain, d.err = d.plain[:0], fmt.Errorf("%w: bad padding", ErrMedia)
		return
	}
	for _, b := range d.plain[len(d.plain)-pad:] {
		if int(b) != pad {
			d.plain, d.err = d.plain[:0], fmt.Errorf("%w: bad padding", ErrMedia)
			return
		}
	}
	d.plain = d.plain[:len(d.plain)-pad]
}
