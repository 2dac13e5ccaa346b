package jssdk

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The official vectors of reference §5.2 / §9.5a.
const (
	vectorTicket    = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
	vectorNonce     = "Wm3WZYTPz0wzccnW"
	vectorTimestamp = 1414587457
)

func TestSignVectors(t *testing.T) {
	tests := []struct {
		name string
		url  string
		want string
	}{
		{"current vector", "http://mp.weixin.qq.com?params=value", "0f9de62fce790f9a083d5c99e95740ceb90c27ed"},
		{"older vector", "http://mp.weixin.qq.com", "f4d90daf4b3bca3078ab155816175ba34c443a7b"},
		{"fragment dropped", "http://mp.weixin.qq.com?params=value#/orders/42?x=1", "0f9de62fce790f9a083d5c99e95740ceb90c27ed"},
		{"empty fragment dropped", "http://mp.weixin.qq.com#", "f4d90daf4b3bca3078ab155816175ba34c443a7b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Sign(vectorTicket, vectorNonce, vectorTimestamp, tt.url))
		})
	}
}

func TestSignDependsOnEveryInput(t *testing.T) {
	base := Sign(vectorTicket, vectorNonce, vectorTimestamp, "http://mp.weixin.qq.com?params=value")
	for name, got := range map[string]string{
		"ticket":    Sign(vectorTicket+"x", vectorNonce, vectorTimestamp, "http://mp.weixin.qq.com?params=value"),
		"nonce":     Sign(vectorTicket, vectorNonce+"x", vectorTimestamp, "http://mp.weixin.qq.com?params=value"),
		"timestamp": Sign(vectorTicket, vectorNonce, vectorTimestamp+1, "http://mp.weixin.qq.com?params=value"),
		"url":       Sign(vectorTicket, vectorNonce, vectorTimestamp, "http://mp.weixin.qq.com?params=value2"),
		"encoding":  Sign(vectorTicket, vectorNonce, vectorTimestamp, "http%3A%2F%2Fmp.weixin.qq.com%3Fparams%3Dvalue"),
	} {
		assert.NotEqual(t, base, got, name)
		assert.Len(t, got, 40, name)
	}
}

func BenchmarkSign(b *testing.B) {
	for b.Loop() {
		Sign(vectorTicket, vectorNonce, vectorTimestamp, "https://app.example.com/page?id=42&tab=orders")
	}
}
