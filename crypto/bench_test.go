package crypto

import "testing"

func BenchmarkDecryptMsg(b *testing.B) {
	c := newSample(b, sampleCorpID)
	body := []byte(postBody)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := c.DecryptMsg(postSignature, postTimestamp, postNonce, body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyURL(b *testing.B) {
	c := newSample(b, sampleCorpID)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.VerifyURL(getSignature, getTimestamp, getNonce, getEchostr); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncryptMsg(b *testing.B) {
	c := newSample(b, sampleCorpID)
	msg := []byte(postMsg)
	b.ReportAllocs()
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if _, err := c.EncryptMsg(msg, postTimestamp, postNonce); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSignature(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Signature(sampleToken, postTimestamp, postNonce, postEncrypt)
	}
}
