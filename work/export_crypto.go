package work

import (
	"bufio"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
)

// exportPad is the block WeCom pads export files to (PKCS#7 to a multiple
// of 32 bytes, as in its message encryption): the last 1 to 32 bytes of a
// file's plaintext are padding.
const exportPad = 32

// exportChunk is how much ciphertext an exportDecrypter decrypts at once.
const exportChunk = 32 << 10

// exportDecrypter decrypts an export file as it streams in: AES-256-CBC,
// the IV the key's first 16 bytes. It hands out the plaintext of each
// chunk but the last 32 bytes, which may be padding; at the end of the
// ciphertext it checks the padding and hands out what precedes it. Its
// memory does not grow with the file.
type exportDecrypter struct {
	src     io.Reader
	cbc     cipher.BlockMode
	cbuf    []byte // ciphertext: cn bytes read, not yet decrypted
	cn      int
	pbuf    []byte // plaintext: out is the part not yet handed out
	out     []byte
	tail    [exportPad]byte // withheld plaintext, tn bytes
	tn      int
	total   int64 // ciphertext bytes read
	started bool  // the first non-blank plaintext byte was seen
	base64  bool  // src decodes Base64 text
	err     error
}

// newExportDecrypter returns the plaintext of the export file src with the
// 32-byte key. A file served as Base64 text rather than as raw bytes is
// decoded first: the first 64 bytes of a raw ciphertext are never all
// Base64 characters in practice (the odds are below 10^-37).
func newExportDecrypter(src io.Reader, key []byte) (io.Reader, error) {
	block, err := aes.NewCipher(key)
	if err != nil { // unreachable: exportKey returns 32 bytes
		return nil, fmt.Errorf("%w: %v", ErrExportDecrypt, err)
	}
	br := bufio.NewReaderSize(src, 4096)
	head, _ := br.Peek(64)
	b64 := len(head) > 0 && isBase64Text(head)
	if b64 {
		src = base64.NewDecoder(base64.StdEncoding, br)
	} else {
		src = br
	}
	return &exportDecrypter{
		src:    src,
		base64: b64,
		cbc:    cipher.NewCBCDecrypter(block, key[:aes.BlockSize]),
		cbuf:   make([]byte, exportChunk),
		pbuf:   make([]byte, exportChunk+exportPad),
	}, nil
}

// isBase64Text reports whether b holds only Base64 characters and line
// breaks.
func isBase64Text(b []byte) bool {
	for _, c := range b {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '+', c == '/', c == '=', c == '\r', c == '\n':
		default:
			return false
		}
	}
	return true
}

func (d *exportDecrypter) Read(p []byte) (int, error) {
	for len(d.out) == 0 {
		if d.err != nil {
			return 0, d.err
		}
		d.fill()
	}
	n := copy(p, d.out)
	d.out = d.out[n:]
	return n, nil
}

// fill decrypts the next chunk, or finishes the file at the end of the
// ciphertext.
func (d *exportDecrypter) fill() {
	var err error
	for d.cn < aes.BlockSize && err == nil {
		var n int
		n, err = d.src.Read(d.cbuf[d.cn:])
		d.cn += n
		d.total += int64(n)
	}
	if whole := d.cn &^ (aes.BlockSize - 1); whole > 0 {
		// The withheld tail, then the new plaintext, of which all but the
		// last 32 bytes are handed out.
		t := copy(d.pbuf, d.tail[:d.tn])
		d.cbc.CryptBlocks(d.pbuf[t:t+whole], d.cbuf[:whole])
		d.cn = copy(d.cbuf, d.cbuf[whole:d.cn])
		all := d.pbuf[:t+whole]
		keep := min(len(all), exportPad)
		d.tn = copy(d.tail[:], all[len(all)-keep:])
		d.out = d.check(all[:len(all)-keep])
	}
	switch {
	case d.err != nil:
	case err == io.EOF:
		d.finish()
	case errors.Is(err, ErrExportDownload) || errors.Is(err, ErrExportIntegrity):
		d.err = err
	case d.base64 && (errors.As(err, new(base64.CorruptInputError)) || errors.Is(err, io.ErrUnexpectedEOF)):
		d.err = fmt.Errorf("%w: invalid Base64 text", ErrExportDecrypt)
	case err != nil:
		d.err = fmt.Errorf("%w: %w", ErrExportDownload, err)
	}
}

// finish checks the end of the ciphertext and the padding, and hands out
// the plaintext before it.
func (d *exportDecrypter) finish() {
	switch {
	case d.total == 0:
		d.err = fmt.Errorf("%w: the file is empty", ErrExportDecrypt)
		return
	case d.cn != 0:
		d.err = fmt.Errorf("%w: %d bytes is not a whole number of AES blocks (truncated?)", ErrExportDecrypt, d.total)
		return
	}
	tail := d.tail[:d.tn]
	n := int(tail[len(tail)-1])
	if n < 1 || n > exportPad || n > len(tail) {
		d.err = fmt.Errorf("%w: bad padding (wrong key or truncated file)", ErrExportDecrypt)
		return
	}
	for _, b := range tail[len(tail)-n:] {
		if int(b) != n {
			d.err = fmt.Errorf("%w: bad padding (wrong key or truncated file)", ErrExportDecrypt)
			return
		}
	}
	d.out = append(d.out, d.check(tail[:len(tail)-n])...)
	d.tn = 0
	if d.err == nil {
		d.err = io.EOF
	}
}

// check verifies that the plaintext starts as JSON does: its first byte
// that is not white space (or a UTF-8 byte order mark) is '{' or '['. The
// first block of a file decrypted with another key is random, so a wrong
// key is told apart from a file that decrypts but is not the documented
// JSON. On failure it records the error and returns nothing.
func (d *exportDecrypter) check(b []byte) []byte {
	if d.started || d.err != nil {
		return b
	}
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', 0xEF, 0xBB, 0xBF:
			continue
		case '{', '[':
			d.started = true
			return b
		}
		d.err = fmt.Errorf("%w: the content is not JSON (wrong key?)", ErrExportDecrypt)
		d.out = nil
		return nil
	}
	return b
}
