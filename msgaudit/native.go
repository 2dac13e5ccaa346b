//go:build (linux || windows) && (amd64 || arm64)

package msgaudit

import (
	"context"
	"fmt"
	"sync"
	"time"
	"unsafe"

	"github.com/ebitengine/purego"
)

// library is the Finance SDK loaded into the process: its functions, bound
// with purego (no cgo).
type library struct {
	newSdk        func() uintptr
	initSdk       func(sdk uintptr, corpID, secret string) int32
	destroySdk    func(sdk uintptr)
	getChatData   func(sdk uintptr, seq uint64, limit uint32, proxy, passwd string, timeout int32, out uintptr) int32
	decryptData   func(key, msg string, out uintptr) int32
	getMediaData  func(sdk uintptr, indexBuf, sdkFileID, proxy, passwd string, timeout int32, out uintptr) int32
	newSlice      func() uintptr
	freeSlice     func(s uintptr)
	sliceContent  func(s uintptr) *byte
	sliceLen      func(s uintptr) int32
	newMediaData  func() uintptr
	freeMediaData func(m uintptr)
	outIndexBuf   func(m uintptr) *byte
	mediaBytes    func(m uintptr) *byte
	indexLen      func(m uintptr) int32
	dataLen       func(m uintptr) int32
	isFinish      func(m uintptr) int32
}

var (
	librariesMu sync.Mutex
	libraries   = map[string]*library{} // by path: a library is loaded once
)

// loadLibrary loads the library at path once per process and binds its
// functions; a missing function is an error, not a panic.
func loadLibrary(path string) (*library, error) {
	librariesMu.Lock()
	defer librariesMu.Unlock()
	if l := libraries[path]; l != nil {
		return l, nil
	}
	h, err := dlopen(path)
	if err != nil {
		return nil, fmt.Errorf("msgaudit: loading the Finance SDK from %s: %w", path, err)
	}
	l := new(library)
	syms := []struct {
		name string
		fn   any
	}{
		{"NewSdk", &l.newSdk}, {"Init", &l.initSdk}, {"DestroySdk", &l.destroySdk},
		{"GetChatData", &l.getChatData}, {"DecryptData", &l.decryptData}, {"GetMediaData", &l.getMediaData},
		{"NewSlice", &l.newSlice}, {"FreeSlice", &l.freeSlice},
		{"GetContentFromSlice", &l.sliceContent}, {"GetSliceLen", &l.sliceLen},
		{"NewMediaData", &l.newMediaData}, {"FreeMediaData", &l.freeMediaData},
		{"GetOutIndexBuf", &l.outIndexBuf}, {"GetData", &l.mediaBytes},
		{"GetIndexLen", &l.indexLen}, {"GetDataLen", &l.dataLen}, {"IsMediaDataFinish", &l.isFinish},
	}
	for _, s := range syms {
		p, err := dlsym(h, s.name)
		if err != nil || p == 0 {
			return nil, fmt.Errorf("msgaudit: %s is not the Finance SDK: no function %s", path, s.name)
		}
		purego.RegisterFunc(s.fn, p)
	}
	libraries[path] = l
	return l, nil
}

// nativeBackend is a Backend on an SDK handle of the library.
type nativeBackend struct {
	lib           *library
	sdk           uintptr
	proxy, passwd string
	timeout       time.Duration
}

// decryptMu serialises DecryptData, which takes no SDK handle: the
// library gives no promise about concurrent calls of it.
var decryptMu sync.Mutex

func openNative(path, corpID, secret string, o options) (Backend, error) {
	l, err := loadLibrary(path)
	if err != nil {
		return nil, err
	}
	sdk := l.newSdk()
	if sdk == 0 {
		return nil, &SDKError{Op: "NewSdk", Code: -1}
	}
	if rc := l.initSdk(sdk, corpID, secret); rc != 0 {
		l.destroySdk(sdk)
		return nil, &SDKError{Op: "Init", Code: int(rc)}
	}
	return &nativeBackend{lib: l, sdk: sdk, proxy: o.proxy, passwd: o.passwd, timeout: o.timeout}, nil
}

// copyOut copies n bytes of C memory at p.
func copyOut(p *byte, n int32) []byte {
	if p == nil || n <= 0 {
		return nil
	}
	return append([]byte(nil), unsafe.Slice(p, int(n))...)
}

// GetChatData implements Backend.
func (b *nativeBackend) GetChatData(ctx context.Context, seq uint64, limit int) ([]byte, error) {
	if limit < 1 || limit > MaxPageSize {
		return nil, fmt.Errorf("%w: limit %d is not within 1 to %d", ErrInvalidInput, limit, MaxPageSize)
	}
	s := b.lib.newSlice()
	if s == 0 {
		return nil, &SDKError{Op: "NewSlice", Code: -1}
	}
	defer b.lib.freeSlice(s)
	rc := b.lib.getChatData(b.sdk, seq, uint32(limit), b.proxy, b.passwd, int32(nativeTimeout(ctx, b.timeout)), s)
	if rc != 0 {
		return nil, &SDKError{Op: "GetChatData", Code: int(rc)}
	}
	return copyOut(b.lib.sliceContent(s), b.lib.sliceLen(s)), nil
}

// DecryptData implements Backend. It validates its input again: the
// library aborts the process on a short message.
func (b *nativeBackend) DecryptData(randomKey, encryptedMsg string) ([]byte, error) {
	if err := checkDecryptInput(randomKey, encryptedMsg); err != nil {
		return nil, err
	}
	return b.lib.decrypt(randomKey, encryptedMsg)
}

// decrypt calls DecryptData on inputs already validated.
func (l *library) decrypt(randomKey, encryptedMsg string) ([]byte, error) {
	s := l.newSlice()
	if s == 0 {
		return nil, &SDKError{Op: "NewSlice", Code: -1}
	}
	defer l.freeSlice(s)
	decryptMu.Lock()
	rc := l.decryptData(randomKey, encryptedMsg, s)
	decryptMu.Unlock()
	if rc != 0 {
		return nil, &SDKError{Op: "DecryptData", Code: int(rc)}
	}
	return copyOut(l.sliceContent(s), l.sliceLen(s)), nil
}

// GetMediaData implements Backend.
func (b *nativeBackend) GetMediaData(ctx context.Context, sdkFileID, indexBuf string) (MediaChunk, error) {
	if err := checkArg("sdkfileid", sdkFileID, false, maxArg); err != nil {
		return MediaChunk{}, err
	}
	if err := checkArg("indexbuf", indexBuf, true, maxArg); err != nil {
		return MediaChunk{}, err
	}
	m := b.lib.newMediaData()
	if m == 0 {
		return MediaChunk{}, &SDKError{Op: "NewMediaData", Code: -1}
	}
	defer b.lib.freeMediaData(m)
	rc := b.lib.getMediaData(b.sdk, indexBuf, sdkFileID, b.proxy, b.passwd, int32(nativeTimeout(ctx, b.timeout)), m)
	if rc != 0 {
		return MediaChunk{}, &SDKError{Op: "GetMediaData", Code: int(rc)}
	}
	return MediaChunk{
		Data:         copyOut(b.lib.mediaBytes(m), b.lib.dataLen(m)),
		NextIndexBuf: string(copyOut(b.lib.outIndexBuf(m), b.lib.indexLen(m))),
		Finished:     b.lib.isFinish(m) != 0,
	}, nil
}

// Close implements Backend: it destroys the SDK handle (once).
func (b *nativeBackend) Close() error {
	if b.sdk != 0 {
		b.lib.destroySdk(b.sdk)
		b.sdk = 0
	}
	return nil
}
