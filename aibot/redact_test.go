package aibot

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redact/redacttest"
)

func TestMediaAndServerHideTheKey(t *testing.T) {
	md, err := NewMedia(testKey)
	require.NoError(t, err)
	key, err := base64.StdEncoding.DecodeString(testKey + "=")
	require.NoError(t, err)
	iv := key[:16]
	secrets := []string{testKey, testToken, hex.EncodeToString(iv), fmt.Sprint(iv), fmt.Sprintf("%x", iv), base64.StdEncoding.EncodeToString(iv)}
	redacttest.AssertHidden(t, md, secrets...)
	redacttest.AssertHidden(t, NewServer(newCrypt(t), nil), secrets...)
}

func TestWSConfigAndClientHideTheSecret(t *testing.T) {
	const secret = "ws-secret-canary-0123456789"
	cfg := WSConfig{BotID: "BOT", Secret: secret}
	r := redacttest.AssertHidden(t, cfg, secret)
	assert.Contains(t, r["fmt %+v"], "BOT")
	c, err := NewClient(cfg, HandlerFunc(func(context.Context, *Message) (Reply, error) { return nil, nil }))
	require.NoError(t, err)
	redacttest.AssertHidden(t, c, secret)
}
