package crypto

import (
	"strings"
	"testing"
)

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

// forgedBodies returns callback bodies of about size bytes built to be
// costly to reject, each carrying the sample's Encrypt value.
func forgedBodies(size int) map[string][]byte {
	enc := "<Encrypt><![CDATA[" + postEncrypt + "]]></Encrypt>"
	fill := func(prefix, unit, suffix string) []byte {
		n := max(0, (size-len(prefix)-len(suffix))/len(unit))
		return []byte(prefix + strings.Repeat(unit, n) + suffix)
	}
	depth := (size - 64 - len(enc)) / len("<a></a>")
	return map[string][]byte{
		"deep nesting":               []byte("<xml>" + strings.Repeat("<a>", depth) + strings.Repeat("</a>", depth) + enc + "</xml>"),
		"deep nesting after Encrypt": []byte("<xml>" + enc + strings.Repeat("<a>", depth) + strings.Repeat("</a>", depth) + "</xml>"),
		"many elements":              fill("<xml>"+enc, "<a>b</a>", "</xml>"),
		"many empty elements":        fill("<xml>", "<a/>", enc+"</xml>"),
		"huge attribute":             fill(`<xml><ToUserName a="`, "x", `">c</ToUserName>`+enc+"</xml>"),
		"many attributes":            fill(`<xml><ToUserName`, ` a="1"`, `>c</ToUserName>`+enc+"</xml>"),
		"JSON":                       fill(`{"Encrypt":"`+postEncrypt+`","x":`, "[", ""),
		"near misses":                fill("<xml>", "<EncryptX/>", enc+"</xml>"),
		"lookalikes":                 fill("<xml>", "<Encrxpt>", enc+"</xml>"),
		"huge Encrypt":               fill("<xml><Encrypt><![CDATA[", "QUJD", "]]></Encrypt></xml>"),
		"huge text":                  fill("<xml><ToUserName>", "x", "</ToUserName>"+enc+"</xml>"),
	}
}

// BenchmarkDecryptMsgForged measures the rejection by DecryptMsg of 1 MB
// bodies built to be costly, sent with a wrong signature.
func BenchmarkDecryptMsgForged(b *testing.B) {
	c := newSample(b, sampleCorpID)
	bad := strings.Repeat("0", signatureLen)
	for name, body := range forgedBodies(1 << 20) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := c.DecryptMsg(bad, postTimestamp, postNonce, body); err == nil {
					b.Fatal("forged body accepted")
				}
			}
		})
	}
}

// BenchmarkVerifyURLForged measures the rejection of a URL verification
// with a 1 MB echostr and a wrong signature.
func BenchmarkVerifyURLForged(b *testing.B) {
	c := newSample(b, sampleCorpID)
	bad := strings.Repeat("0", signatureLen)
	echo := strings.Repeat("QUJD", 1<<18)
	b.ReportAllocs()
	b.SetBytes(int64(len(echo)))
	for b.Loop() {
		if _, err := c.VerifyURL(bad, getTimestamp, getNonce, echo); err == nil {
			b.Fatal("forged echostr accepted")
		}
	}
}
