package aibot

import "testing"

func BenchmarkParseMessage(b *testing.B) {
	plain := []byte(sampleText)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseMessage(plain); err != nil {
			b.Fatal(err)
		}
	}
}
