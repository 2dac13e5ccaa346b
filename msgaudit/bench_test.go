package msgaudit_test

import (
	"testing"

	"github.com/wecomkit/wecom/msgaudit"
)

// BenchmarkParseMessage decodes a decrypted message (a file message of
// page 91774).
func BenchmarkParseMessage(b *testing.B) {
	raw := []byte(`{"msgid":"18039699423706571225_1603875608","action":"send","from":"kens","tolist":["wmErxtDgAArDlFIGOMFUwxdS2gg5G6XQ"],"roomid":"","msgtime":1603875608214,"msgtype":"file","file":{"md5sum":"18e93fc2ea884df23b3d2d3b8667b9f0","filename":"资料.docx","fileext":"docx","filesize":18181,"sdkfileid":"E4ODRkZjIzYjNkMmQzYjg2NjdiOWYwMDIwMzAzZjFhMDAyMDA1OWE0"}}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := msgaudit.ParseMessage(raw, 1, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMessages reads a page of 100 records through the fake backend:
// per record, the RSA step (2048-bit key), the fake's decryption and the
// decoding.
func BenchmarkMessages(b *testing.B) {
	if testing.Short() {
		b.Skip("RSA key generation")
	}
	be, a := newFake(b, msgaudit.WithPageSize(100))
	for i := range 100 {
		add(b, be, 2, textMsg("m", string(rune('a'+i%26))))
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range a.Messages(b.Context(), 0) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100 {
			b.Fatal(n)
		}
	}
}
