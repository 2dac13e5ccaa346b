package crypto

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEncryptJSON(t *testing.T) {
	c := newSample(t, "")
	plain := []byte(`{"msgtype":"text","text":{"content":"hello"}}`)
	out, err := c.EncryptJSON(plain, "1700000000", "nonce123")
	require.NoError(t, err)

	var env struct {
		Encrypt      string `json:"encrypt"`
		MsgSignature string `json:"msgsignature"`
		Timestamp    int64  `json:"timestamp"`
		Nonce        string `json:"nonce"`
	}
	require.NoError(t, json.Unmarshal(out, &env), "%s", out)
	assert.Equal(t, int64(1700000000), env.Timestamp)
	assert.Equal(t, "nonce123", env.Nonce)
	assert.Equal(t, Signature(sampleToken, "1700000000", "nonce123", env.Encrypt), env.MsgSignature)
	msg, id, err := c.VerifyDecrypt(env.MsgSignature, "1700000000", "nonce123", []byte(env.Encrypt))
	require.NoError(t, err)
	assert.Equal(t, plain, msg)
	assert.Empty(t, id)

	_, err = c.EncryptJSON(plain, "17e8", "n")
	assert.Error(t, err)
	_, err = c.EncryptJSON(plain, "1", `a"b`)
	assert.Error(t, err)
	_, err = c.EncryptJSON(plain, "1", "a\nb")
	assert.Error(t, err)
}
