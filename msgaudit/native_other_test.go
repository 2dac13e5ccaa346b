//go:build !((linux || windows) && (amd64 || arm64))

package msgaudit

import (
	"crypto/rand"
	"crypto/rsa"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Where the Finance SDK cannot be loaded, Open says so.
func TestOpenUnsupported(t *testing.T) {
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	_, err = Open("libWeWorkFinanceSdk_C.so", "ww1", "s", PrivateKeys{1: k})
	assert.ErrorIs(t, err, ErrUnsupported)
}
