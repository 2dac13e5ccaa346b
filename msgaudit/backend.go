package msgaudit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Errors of the archive reader.
var (
	// ErrUnsupported is returned by Open on a platform the Finance SDK
	// cannot be loaded on.
	ErrUnsupported = errors.New("msgaudit: the Finance SDK cannot be loaded on this platform")
	// ErrInvalidInput wraps the errors of arguments refused before a native
	// call (the library aborts the process on some of them).
	ErrInvalidInput = errors.New("msgaudit: invalid input")
	// ErrUnknownKeyVersion is returned for a record encrypted with a public
	// key version (publickey_ver) that no configured private key matches.
	ErrUnknownKeyVersion = errors.New("msgaudit: no private key for the record's publickey_ver")
	// ErrMediaMismatch is returned by Media when the file received differs
	// from the size or md5sum the message announced.
	ErrMediaMismatch = errors.New("msgaudit: media file does not match its size or md5sum")
	// ErrClosed is returned by an Archive after Close.
	ErrClosed = errors.New("msgaudit: archive closed")
)

// Backend is the Finance SDK as the Archive uses it. Open returns an
// Archive on the native library; tests and offline runs give New another
// implementation, such as msgaudittest.Backend. The Archive validates every
// argument before calling a Backend and never calls it from two goroutines
// at once.
type Backend interface {
	// GetChatData returns the JSON answer of GetChatData: up to limit
	// records after seq ({"errcode":0,"errmsg":"ok","chatdata":[...]}).
	// ctx's deadline bounds the call.
	GetChatData(ctx context.Context, seq uint64, limit int) ([]byte, error)
	// DecryptData decrypts a record's encrypt_chat_msg with its random key
	// (encrypt_random_key once RSA-decrypted) and returns the message JSON.
	DecryptData(randomKey, encryptedMsg string) ([]byte, error)
	// GetMediaData returns the chunk of a media file that starts at
	// indexBuf ("" for the first).
	GetMediaData(ctx context.Context, sdkFileID, indexBuf string) (MediaChunk, error)
	// Close releases the backend.
	Close() error
}

// MediaChunk is one answer of GetMediaData.
type MediaChunk struct {
	// Data is the chunk's bytes.
	Data []byte
	// NextIndexBuf is the index of the next chunk.
	NextIndexBuf string
	// Finished reports that Data is the file's last chunk.
	Finished bool
}

// SDKError is a non-zero return code of the Finance SDK, such as 10001
// (network error) or 10008 (decryption failed).
type SDKError struct {
	// Op is the native function, e.g. "GetChatData".
	Op string
	// Code is its return code.
	Code int
}

// Error implements the error interface.
func (e *SDKError) Error() string {
	text := sdkCodeText[e.Code]
	if text == "" {
		text = "unknown error"
	}
	return fmt.Sprintf("msgaudit: %s: code %d (%s)", e.Op, e.Code, text)
}

// Temporary reports whether the call may succeed if repeated (the network
// and timeout codes 10001 to 10003).
func (e *SDKError) Temporary() bool { return e.Code >= 10001 && e.Code <= 10003 }

// Return codes of the Finance SDK as its header documents them.
var sdkCodeText = map[int]string{
	10000: "invalid parameter",
	10001: "network error",
	10002: "data parse failed",
	10003: "system call failed",
	10004: "encryption failed on a wrong key",
	10005: "invalid sdkfileid",
	10006: "decryption failed",
	10007: "no private key for the message's key version",
	10008: "cannot read encrypt_key",
	10009: "ip not allowed",
	10010: "data expired",
	10011: "certificate error",
}

// Limits of the arguments given to the native library.
const (
	// minEncryptedMsg is the shortest encrypt_chat_msg accepted: the
	// library reads past the 13th character without checking and aborts
	// the process on anything of 12 characters or fewer. Real messages
	// are far longer; the margin costs nothing.
	minEncryptedMsg = 24
	// maxArg bounds every string handed to the library (ids, keys, proxy
	// settings); messages are bounded by maxEncryptedMsg.
	maxArg          = 4 << 10
	maxEncryptedMsg = 64 << 20
	// MaxPageSize is the largest limit GetChatData takes.
	MaxPageSize = 1000
)

// checkArg validates a string argument of a native call: not empty unless
// allowed, no NUL (the library would see a shorter string), at most max
// bytes.
func checkArg(name, s string, allowEmpty bool, max int) error {
	switch {
	case s == "" && !allowEmpty:
		return fmt.Errorf("%w: %s is empty", ErrInvalidInput, name)
	case len(s) > max:
		return fmt.Errorf("%w: %s is %d bytes, more than %d", ErrInvalidInput, name, len(s), max)
	case strings.IndexByte(s, 0) >= 0:
		return fmt.Errorf("%w: %s contains a NUL byte", ErrInvalidInput, name)
	}
	return nil
}

// checkDecryptInput validates the arguments of DecryptData, the call that
// aborts the process on a short message: a non-empty key, and a message of
// at least minEncryptedMsg characters of the base64 alphabet.
func checkDecryptInput(randomKey, encryptedMsg string) error {
	if err := checkArg("random key", randomKey, false, maxArg); err != nil {
		return err
	}
	if len(encryptedMsg) < minEncryptedMsg {
		return fmt.Errorf("%w: encrypt_chat_msg is %d characters, fewer than %d", ErrInvalidInput, len(encryptedMsg), minEncryptedMsg)
	}
	if len(encryptedMsg) > maxEncryptedMsg {
		return fmt.Errorf("%w: encrypt_chat_msg is %d bytes, more than %d", ErrInvalidInput, len(encryptedMsg), maxEncryptedMsg)
	}
	for i := 0; i < len(encryptedMsg); i++ {
		if c := encryptedMsg[i]; !isBase64Char(c) {
			return fmt.Errorf("%w: encrypt_chat_msg has a byte 0x%02x outside base64 at %d", ErrInvalidInput, c, i)
		}
	}
	return nil
}

func isBase64Char(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
}

// nativeTimeout is the whole-second timeout given to a native network call:
// what is left of ctx's deadline (at least one second), or def.
func nativeTimeout(ctx context.Context, def time.Duration) int {
	d := def
	if dl, ok := ctx.Deadline(); ok {
		d = time.Until(dl)
	}
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}
