//go:build linux && amd64

package msgaudit

// Tests against Tencent's real Finance SDK. The library is not part of
// this repository (it carries no licence of its own and is never shipped):
// the tests load the copy inside the Go module
// github.com/silenceper/wechat/v2@v2.1.9 from the module cache, fetching
// that module through the Go module proxy when the cache lacks it
// (`go mod download`), or the library named by WECOM_FINANCE_SDK. When
// none can be had (no network, no proxy) they skip, also under CI.

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	sdkModule   = "github.com/silenceper/wechat/v2@v2.1.9"
	sdkInModule = "work/msgaudit/lib/libWeWorkFinanceSdk_C.so"
	sdkMD5      = "781ec3cbad904b1527023cc9df0f279b" // the module's md5.txt: SDK version 200215
)

var (
	sdkOnce sync.Once
	sdkPath string
	sdkWhy  string
)

// financeSDK returns the path of the real library, or skips t.
func financeSDK(t *testing.T) string {
	t.Helper()
	sdkOnce.Do(func() { sdkPath, sdkWhy = findFinanceSDK() })
	if sdkPath == "" {
		t.Skipf("the Finance SDK is not available: %s", sdkWhy)
	}
	return sdkPath
}

func findFinanceSDK() (path, why string) {
	if p := os.Getenv(LibraryEnv); p != "" {
		return p, ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Outside this module, so that nothing here changes go.mod.
	cmd := exec.CommandContext(ctx, "go", "mod", "download", "-json", sdkModule)
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GO111MODULE=on")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = fmt.Errorf("%w: %s", err, bytes.TrimSpace(ee.Stderr))
		}
		return "", "go mod download " + sdkModule + ": " + err.Error()
	}
	var mod struct{ Dir, Error string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		return "", "go mod download " + sdkModule + " gave no directory " + mod.Error
	}
	p := filepath.Join(mod.Dir, filepath.FromSlash(sdkInModule))
	b, err := os.ReadFile(p)
	if err != nil {
		return "", err.Error()
	}
	if sum := md5.Sum(b); hex.EncodeToString(sum[:]) != sdkMD5 {
		return "", p + " is not the expected build of the library"
	}
	return p, ""
}

// The library loads without cgo, its handle initialises, and its calls
// fail with its own codes, without crashing, on the inputs this package
// lets through.
func TestFinanceSDK(t *testing.T) {
	path := financeSDK(t)
	l, err := loadLibrary(path)
	require.NoError(t, err)
	l2, err := loadLibrary(path)
	require.NoError(t, err)
	assert.Same(t, l, l2, "loaded once")

	b, err := openNative(path, "ww0123456789abcdef", "not-a-real-secret", options{timeout: 2 * time.Second})
	skipIfInitRefused(t, err)
	require.NoError(t, err, "NewSdk + Init")
	defer b.Close()

	// A well-formed message with a key that is not its key: the library
	// answers with an error code.
	_, err = b.DecryptData("0123456789abcdef0123456789abcdef", strings.Repeat("QUJD", 20))
	var se *SDKError
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, "DecryptData", se.Op)
	assert.NotZero(t, se.Code)
	t.Logf("DecryptData with a wrong key: %v", err)

	// What would abort the process is refused before the call.
	for _, msg := range []string{"", "QUJD", "QUJDREVGR0hJ", "QUJDREVGR0hJSktM\x00TU5PUFFSU1RVVldY"} {
		_, err := b.DecryptData("k", msg)
		assert.ErrorIs(t, err, ErrInvalidInput, "%q", msg)
	}
	_, err = b.DecryptData("", strings.Repeat("QUJD", 20))
	assert.ErrorIs(t, err, ErrInvalidInput)

	// Network calls with a corp that does not exist fail (offline:
	// 10001 at once; online: WeCom refuses the corp), within the deadline.
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	_, err = b.GetChatData(ctx, 0, 10)
	t.Logf("GetChatData: %v", err)
	_, err = b.GetChatData(ctx, 0, 0)
	assert.ErrorIs(t, err, ErrInvalidInput, "limit 0 is refused before the call")
	_, err = b.GetMediaData(ctx, "", "")
	assert.ErrorIs(t, err, ErrInvalidInput)
	_, err = b.GetMediaData(ctx, "bm90IGEgZmlsZQ==", "")
	assert.Error(t, err)
	t.Logf("GetMediaData: %v", err)
}

// An Archive on the real library reads no message from a corp that does
// not exist: the iteration ends with an error, the process lives on.
func TestFinanceSDKArchive(t *testing.T) {
	path := financeSDK(t)
	keys := PrivateKeys{1: testRSAKey(t)}
	_, err := Open(path, "", "s", keys)
	require.Error(t, err, "an empty corp id never reaches Init")

	a, err := Open(path, "ww0123456789abcdef", "not-a-real-secret", keys, WithTimeout(5*time.Second), WithPageSize(10))
	skipIfInitRefused(t, err)
	require.NoError(t, err)
	defer a.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	var errs []error
	for m, err := range a.Messages(ctx, 0) {
		require.Nil(t, m)
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	t.Logf("Messages: %v", errs[0])
	require.NoError(t, a.Close())
}

// No input of the checked DecryptData crashes the process, while the
// library itself aborts on the shortest of them: each input runs in a
// child process (the abort would end this one), and the control case
// proves the harness sees an abort.
func TestFinanceSDKNoCrash(t *testing.T) {
	path := financeSDK(t)
	inputs := map[string][2]string{
		"empty message":   {"k", ""},
		"empty both":      {"", ""},
		"1 character":     {"k", "Q"},
		"12 characters":   {"k", "QUJDREVGR0hJ"},
		"13 characters":   {"k", "QUJDREVGR0hJS"},
		"NUL early":       {"k", "QU\x00JDREVGR0hJSktMTU5PUFFSU1RVVldY"},
		"not base64":      {"k", strings.Repeat("é", 20)},
		"wrong key":       {"k", strings.Repeat("QUJD", 20)},
		"empty key":       {"", strings.Repeat("QUJD", 20)},
		"key with NUL":    {"\x00", strings.Repeat("QUJD", 20)},
		"long message":    {"k", strings.Repeat("QUJD", 1<<16)},
		"padding only":    {"k", strings.Repeat("=", 30)},
		"binary key":      {"\xff\xfe\x01", strings.Repeat("QUJD", 20)},
		"key of 4 KiB+1":  {strings.Repeat("k", maxArg+1), strings.Repeat("QUJD", 20)},
		"message is NULs": {"k", strings.Repeat("\x00", 40)},
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out, err := runChild(t, path, "checked", in[0], in[1])
			require.NoError(t, err, "the child died:\n%s", out)
			assert.Contains(t, out, "child done")
		})
	}
	t.Run("control: the raw library aborts", func(t *testing.T) {
		t.Parallel()
		out, err := runChild(t, path, "raw", "k", "")
		require.Error(t, err, "the library no longer aborts on an empty message:\n%s", out)
		assert.NotContains(t, out, "child done")
	})
}

// skipIfInitRefused skips when Init refuses the made-up corp: offline it
// accepts any (SDK 200215 checks nothing there), but a build that checks
// the corp online may not.
func skipIfInitRefused(t *testing.T, err error) {
	t.Helper()
	var se *SDKError
	if errors.As(err, &se) && se.Op == "Init" {
		t.Skipf("Init refused a corp that does not exist: %v", err)
	}
}

// runChild runs TestFinanceSDKChild in a new process of this test binary.
func runChild(t *testing.T, lib, mode, key, msg string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	// The input goes through a file: a long one exceeds what an
	// environment variable holds.
	in := filepath.Join(t.TempDir(), "input")
	require.NoError(t, os.WriteFile(in, []byte(hex.EncodeToString([]byte(key))+"\n"+hex.EncodeToString([]byte(msg))), 0o600))
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestFinanceSDKChild$", "-test.count=1")
	// GORACE: a race-enabled child would otherwise sleep a second at exit.
	cmd.Env = append(os.Environ(), "MSGAUDIT_CHILD="+mode, LibraryEnv+"="+lib, "MSGAUDIT_INPUT="+in, "GORACE=atexit_sleep_ms=0")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestFinanceSDKChild is the child of TestFinanceSDKNoCrash; it does
// nothing in a normal run.
func TestFinanceSDKChild(t *testing.T) {
	mode := os.Getenv("MSGAUDIT_CHILD")
	if mode == "" {
		t.Skip("run by TestFinanceSDKNoCrash")
	}
	b, err := os.ReadFile(os.Getenv("MSGAUDIT_INPUT"))
	require.NoError(t, err)
	k, m, _ := strings.Cut(string(b), "\n")
	key, err1 := hex.DecodeString(k)
	msg, err2 := hex.DecodeString(m)
	require.NoError(t, errors.Join(err1, err2))
	l, err := loadLibrary(os.Getenv(LibraryEnv))
	require.NoError(t, err)
	switch mode {
	case "raw":
		_, err = l.decrypt(string(key), string(msg))
	default:
		b := &nativeBackend{lib: l}
		_, err = b.DecryptData(string(key), string(msg))
	}
	t.Logf("DecryptData: %v", err)
	require.Error(t, err)
	os.Stdout.WriteString("child done\n")
}
