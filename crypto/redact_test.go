package crypto_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/internal/redact/redacttest"
)

// A MsgCrypt holds the callback token and the AES key (its IV is the key's
// first 16 bytes): no fmt verb, slog handler or JSON encoding shows them,
// directly or through a struct that keeps it.
func TestMsgCryptRedactsItself(t *testing.T) {
	const token = "TOKENcanary88"
	const key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C" // 43 characters, base64 without padding
	c, err := crypto.New(token, key, "wwReceiverVisible")
	require.NoError(t, err)
	type server struct {
		crypt *crypto.MsgCrypt
		Crypt *crypto.MsgCrypt
	}
	// The decoded key and its IV as fmt would print them, in decimal and hex.
	secrets := []string{token, key, "jWmYm7qr5nMoAUwZ", "[141 101 152", "8d6598", "8D6598"}
	for name, v := range map[string]any{"crypt": c, "server": server{crypt: c, Crypt: c}, "&server": &server{crypt: c}} {
		t.Run(name, func(t *testing.T) {
			r := redacttest.AssertHidden(t, v, secrets...)
			if name == "crypt" {
				require.Contains(t, r["fmt %+v"], "wwReceiverVisible")
				require.Contains(t, r["slog json"], "wwReceiverVisible")
			}
		})
	}
	var none *crypto.MsgCrypt
	require.NotPanics(t, func() { redacttest.Renderings(none) })
}
