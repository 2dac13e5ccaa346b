package msgaudit

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	rsaOnce sync.Once
	rsaKey  *rsa.PrivateKey
)

func testRSAKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	rsaOnce.Do(func() {
		var err error
		rsaKey, err = rsa.GenerateKey(rand.Reader, 1024)
		require.NoError(t, err)
	})
	return rsaKey
}

// The library aborts on a message of 12 characters or fewer (measured on
// SDK 200215): the check refuses those and more.
func TestCheckDecryptInput(t *testing.T) {
	long := strings.Repeat("QUJD", 10)
	for _, c := range []struct{ key, msg string }{
		{"", long}, {"k", ""}, {"k", "QUJDREVGR0hJ"}, {"k", strings.Repeat("A", minEncryptedMsg-1)},
		{"k", "AB\x00" + long}, {"k\x00", long}, {"k", long + " "}, {"k", long + "é"},
		{strings.Repeat("k", maxArg+1), long},
	} {
		assert.ErrorIs(t, checkDecryptInput(c.key, c.msg), ErrInvalidInput, "%q %q", c.key, c.msg)
	}
	for _, msg := range []string{strings.Repeat("A", minEncryptedMsg), long, long + "==", "a+/=" + long} {
		assert.NoError(t, checkDecryptInput("k", msg), msg)
	}
}

func TestNativeTimeout(t *testing.T) {
	assert.Equal(t, 30, nativeTimeout(context.Background(), 30*time.Second))
	assert.Equal(t, 1, nativeTimeout(context.Background(), time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
	defer cancel()
	assert.Equal(t, 3, nativeTimeout(ctx, time.Hour))
	ctx2, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	assert.Equal(t, 1, nativeTimeout(ctx2, time.Hour))
}
