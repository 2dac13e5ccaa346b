package work

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// FuzzExportFile: any file, decrypted and parsed as each export kind,
// yields rows or an error wrapping ErrExportDecrypt or ErrExportContent,
// never a panic. Seeds: testdata/fuzz/FuzzExportFile (a valid file, Base64
// text, truncated, bad padding, garbage JSON, empty).
func FuzzExportFile(f *testing.F) {
	key, err := exportKey(exportTestKey)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, file []byte) {
		check := func(kind string, parse func(p *exportParser) error) {
			d, err := newExportDecrypter(bytes.NewReader(file), key)
			if err != nil {
				t.Fatal(err)
			}
			err = parse(newExportParser(d))
			if err != nil && !errors.Is(err, ErrExportDecrypt) && !errors.Is(err, ErrExportContent) {
				t.Fatalf("%s: unclassified error %v", kind, err)
			}
		}
		all := func(v any, err error) bool { return true }
		check("users", func(p *exportParser) error {
			return parseExportList[User]("userlist")(p, func(u User, err error) bool { return all(u, err) })
		})
		check("simple", func(p *exportParser) error {
			return parseExportList[SimpleUser]("userlist")(p, func(u SimpleUser, err error) bool { return all(u, err) })
		})
		check("departments", func(p *exportParser) error {
			return parseExportList[Department]("department")(p, func(d Department, err error) bool { return all(d, err) })
		})
		check("tag", func(p *exportParser) error {
			return parseExportTagMembers(p, func(m ExportTagMember, err error) bool { return all(m, err) })
		})
	})
}

// FuzzExportRoundTrip: a plaintext encrypted the documented way decrypts
// to itself, whatever the sizes in which the ciphertext arrives.
func FuzzExportRoundTrip(f *testing.F) {
	key, err := exportKey(exportTestKey)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte, chunk uint16) {
		plain := append([]byte("{"), body...) // decrypted files start as JSON does
		file := encryptExport(t, exportTestKey, plain, 0)
		var src io.Reader = &chunkReader{r: bytes.NewReader(file), n: int(chunk%97) + 1}
		if chunk%5 == 0 {
			src = iotest.DataErrReader(src)
		}
		d, err := newExportDecrypter(src, key)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(d)
		if err != nil {
			t.Fatalf("decrypt: %v", err)
		}
		if !bytes.Equal(got, plain) {
			t.Fatalf("got %q, want %q", got, plain)
		}
	})
}

// chunkReader returns at most n bytes per Read.
type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(p) > c.n {
		p = p[:c.n]
	}
	return c.r.Read(p)
}
