package aibot

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"testing"

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
