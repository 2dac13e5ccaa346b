package msgaudit

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"iter"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/wecomkit/wecom"
)

// LibraryEnv is the environment variable Open reads the library's path
// from when given "".
const LibraryEnv = "WECOM_FINANCE_SDK"

// Defaults of an Archive.
const (
	// DefaultPageSize is how many records one GetChatData call asks for.
	DefaultPageSize = 100
	// DefaultTimeout bounds a native network call when ctx has no deadline.
	DefaultTimeout = 30 * time.Second
)

// Archive reads a corp's chat archive through the Finance SDK (or another
// Backend). It is safe for concurrent use, but makes one backend call at a
// time: a goroutine waits, within its context, for the call of another.
type Archive struct {
	b        Backend
	keys     PrivateKeys
	pageSize int

	// sem admits one backend call at a time; closed tells calls after
	// Close to stop.
	sem    chan struct{}
	mu     sync.Mutex
	closed bool
}

// Option configures an Archive.
type Option func(*options)

type options struct {
	pageSize      int
	timeout       time.Duration
	proxy, passwd string
}

// WithPageSize sets how many records one GetChatData call asks for
// (1 to MaxPageSize; default DefaultPageSize).
func WithPageSize(n int) Option { return func(o *options) { o.pageSize = n } }

// WithTimeout bounds each native network call when the caller's context
// has no deadline (default DefaultTimeout). The library takes whole
// seconds.
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithProxy makes the library reach WeCom through a proxy, such as
// "socks5://10.0.0.1:8081" or "http://10.0.0.1:8081", with credentials
// "user:password" ("" for none). Only Open uses it.
func WithProxy(proxyURL, credentials string) Option {
	return func(o *options) { o.proxy, o.passwd = proxyURL, credentials }
}

func newOptions(opts []Option) (options, error) {
	o := options{pageSize: DefaultPageSize, timeout: DefaultTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	if o.pageSize < 1 || o.pageSize > MaxPageSize {
		return o, fmt.Errorf("%w: msgaudit: page size %d is not within 1 to %d", wecom.ErrConfig, o.pageSize, MaxPageSize)
	}
	if o.timeout <= 0 {
		return o, fmt.Errorf("%w: msgaudit: timeout %v is not positive", wecom.ErrConfig, o.timeout)
	}
	if err := checkArg("proxy", o.proxy, true, maxArg); err != nil {
		return o, fmt.Errorf("%w: %w", wecom.ErrConfig, err)
	}
	if err := checkArg("proxy credentials", o.passwd, true, maxArg); err != nil {
		return o, fmt.Errorf("%w: %w", wecom.ErrConfig, err)
	}
	return o, nil
}

// Open loads the Finance SDK from libPath ("" reads the path from the
// environment variable WECOM_FINANCE_SDK), creates an SDK handle and
// initialises it with the corp id and the archive's secret. keys decrypt
// the records. Close releases the handle.
//
// Open returns ErrUnsupported on a platform the library cannot be loaded
// on; errors never contain the secret.
func Open(libPath, corpID, secret string, keys PrivateKeys, opts ...Option) (*Archive, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	if err := checkKeys(keys); err != nil {
		return nil, err
	}
	if libPath == "" {
		libPath = os.Getenv(LibraryEnv)
		if libPath == "" {
			return nil, fmt.Errorf("%w: msgaudit: no library path given and %s is not set", wecom.ErrConfig, LibraryEnv)
		}
	}
	if err := checkArg("corp id", corpID, false, maxArg); err != nil {
		return nil, fmt.Errorf("%w: %w", wecom.ErrConfig, err)
	}
	if err := checkArg("secret", secret, false, maxArg); err != nil {
		return nil, fmt.Errorf("%w: %w", wecom.ErrConfig, err)
	}
	b, err := openNative(libPath, corpID, secret, o)
	if err != nil {
		return nil, err
	}
	return newArchive(b, keys, o), nil
}

// New returns an Archive reading from b, such as msgaudittest's fake
// backend. Only the page size option applies.
func New(b Backend, keys PrivateKeys, opts ...Option) (*Archive, error) {
	if b == nil {
		return nil, fmt.Errorf("%w: msgaudit: a backend is required", wecom.ErrConfig)
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	if err := checkKeys(keys); err != nil {
		return nil, err
	}
	return newArchive(b, keys, o), nil
}

func checkKeys(keys PrivateKeys) error {
	if len(keys) == 0 {
		return fmt.Errorf("%w: msgaudit: at least one private key is required", wecom.ErrConfig)
	}
	for v, k := range keys {
		if k == nil {
			return fmt.Errorf("%w: msgaudit: private key version %d is nil", wecom.ErrConfig, v)
		}
	}
	return nil
}

func newArchive(b Backend, keys PrivateKeys, o options) *Archive {
	return &Archive{b: b, keys: keys, pageSize: o.pageSize, sem: make(chan struct{}, 1)}
}

// String describes the archive by its page size and key versions; it
// never prints a key or the proxy's credentials.
func (a *Archive) String() string {
	return fmt.Sprintf("msgaudit.Archive{page size: %d, keys: %v}", a.pageSize, a.keys)
}

// GoString is String, for %#v.
func (a *Archive) GoString() string { return a.String() }

// LogValue is String, for log/slog.
func (a *Archive) LogValue() slog.Value { return slog.StringValue(a.String()) }

// call runs fn as the one backend call in flight, or returns ctx's error
// if another call does not end in time, or ErrClosed.
func (a *Archive) call(ctx context.Context, fn func() error) error {
	select {
	case a.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-a.sem }()
	a.mu.Lock()
	closed := a.closed
	a.mu.Unlock()
	if closed {
		return ErrClosed
	}
	return fn()
}

// fetchAttempts is how many times a read the library reports as
// temporarily failed (codes 10001 to 10003: network, parse, system) is
// tried; fetchBackoff is the pause before the second attempt, doubled for
// each further one.
const (
	fetchAttempts = 3
	fetchBackoff  = 200 * time.Millisecond
)

// fetch runs fn, a read (GetChatData or GetMediaData of one chunk, which
// change nothing and may be repeated), through call, repeating it after a
// temporary SDKError while ctx allows.
func (a *Archive) fetch(ctx context.Context, fn func() error) error {
	wait := fetchBackoff
	for attempt := 1; ; attempt++ {
		err := a.call(ctx, fn)
		var se *SDKError
		if err == nil || attempt == fetchAttempts || !errors.As(err, &se) || !se.Temporary() {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait *= 2
	}
}

// Close releases the backend (the native SDK handle), after the call in
// flight if any. Later calls return ErrClosed.
func (a *Archive) Close() error {
	a.sem <- struct{}{}
	defer func() { <-a.sem }()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return nil
	}
	a.closed = true
	return a.b.Close()
}

// RecordError is the error of one record that could not be decrypted or
// read; the records after it are still read. Seq lets the caller record it
// as handled (or not) before going on.
type RecordError struct {
	Seq   uint64
	MsgID string
	Err   error
}

// Error implements the error interface.
func (e *RecordError) Error() string {
	return fmt.Sprintf("msgaudit: record %d (msgid %s): %v", e.Seq, e.MsgID, e.Err)
}

// Unwrap returns the cause.
func (e *RecordError) Unwrap() error { return e.Err }

// record is one entry of GetChatData's chatdata.
type record struct {
	Seq              uint64 `json:"seq"`
	MsgID            string `json:"msgid"`
	PublicKeyVer     int    `json:"publickey_ver"`
	EncryptRandomKey string `json:"encrypt_random_key"`
	EncryptChatMsg   string `json:"encrypt_chat_msg"`
}

// chatDataPage is GetChatData's answer.
type chatDataPage struct {
	ErrCode  int      `json:"errcode"`
	ErrMsg   string   `json:"errmsg"`
	ChatData []record `json:"chatdata"`
}

// Messages returns the archived messages after seq (0 for the oldest
// still kept), decrypted and typed, fetching pages of records until the
// archive has no more.
//
// The iterator yields (nil, err) for a record that cannot be decrypted or
// read (a *RecordError: its Seq is the record's) and goes on with the
// next record if the loop continues; it yields (nil, err) and stops when a
// page cannot be fetched (a page the library reports as temporarily
// failed, codes 10001 to 10003, is tried three times). Messages are yielded in seq order; persist the
// Seq of each message handled (SeqStore keeps it in a cache) and resume
// from it.
func (a *Archive) Messages(ctx context.Context, seq uint64) iter.Seq2[*Message, error] {
	return func(yield func(*Message, error) bool) {
		for {
			var raw []byte
			err := a.fetch(ctx, func() error {
				var err error
				raw, err = a.b.GetChatData(ctx, seq, a.pageSize)
				return err
			})
			if err != nil {
				yield(nil, err)
				return
			}
			var page chatDataPage
			if err := json.Unmarshal(raw, &page); err != nil {
				yield(nil, fmt.Errorf("%w: msgaudit: GetChatData answered with no readable page", wecom.ErrUnexpectedResponse))
				return
			}
			if page.ErrCode != 0 {
				yield(nil, &wecom.APIError{Code: page.ErrCode, Message: page.ErrMsg, Path: "GetChatData"})
				return
			}
			if len(page.ChatData) == 0 {
				return
			}
			for _, r := range page.ChatData {
				if r.Seq <= seq {
					// A page repeating or going back would loop forever.
					yield(nil, fmt.Errorf("%w: msgaudit: GetChatData after seq %d returned seq %d", wecom.ErrUnexpectedResponse, seq, r.Seq))
					return
				}
				seq = r.Seq
				m, err := a.open(ctx, r)
				if err != nil {
					if ctx.Err() != nil {
						yield(nil, ctx.Err())
						return
					}
					err = &RecordError{Seq: r.Seq, MsgID: r.MsgID, Err: err}
				}
				if !yield(m, err) {
					return
				}
			}
			if ctx.Err() != nil {
				yield(nil, ctx.Err())
				return
			}
		}
	}
}

// open decrypts and decodes one record.
func (a *Archive) open(ctx context.Context, r record) (*Message, error) {
	key, err := a.keys.decryptRandomKey(r.PublicKeyVer, r.EncryptRandomKey)
	if err != nil {
		return nil, err
	}
	if err := checkDecryptInput(key, r.EncryptChatMsg); err != nil {
		return nil, err
	}
	var plain []byte
	err = a.call(ctx, func() error {
		var err error
		plain, err = a.b.DecryptData(key, r.EncryptChatMsg)
		return err
	})
	if err != nil {
		return nil, err
	}
	m, err := ParseMessage(plain, r.Seq, r.PublicKeyVer)
	if err != nil {
		return nil, err
	}
	if m.ID == "" {
		m.ID = r.MsgID
	}
	return m, nil
}

// Media downloads a media file chunk by chunk (about 512 KiB each) into
// w, holding one chunk in memory at a time, and returns the bytes
// written. A chunk the library reports as temporarily failed is fetched
// again, up to three attempts. When f announces a size or an md5sum the file received is
// checked against them; a mismatch is an error wrapping ErrMediaMismatch
// (w then holds the bytes received).
func (a *Archive) Media(ctx context.Context, f MediaFile, w io.Writer) (int64, error) {
	if err := checkArg("sdkfileid", f.SDKFileID, false, maxArg); err != nil {
		return 0, err
	}
	if w == nil {
		return 0, fmt.Errorf("%w: no writer", ErrInvalidInput)
	}
	var sum hash.Hash
	if f.MD5Sum != "" {
		sum = md5.New()
	}
	var (
		written int64
		index   string
	)
	for chunks := 0; ; chunks++ {
		if err := checkArg("indexbuf", index, chunks == 0, maxArg); err != nil {
			return written, fmt.Errorf("msgaudit: GetMediaData chunk %d: %w", chunks, err)
		}
		var c MediaChunk
		err := a.fetch(ctx, func() error {
			var err error
			c, err = a.b.GetMediaData(ctx, f.SDKFileID, index)
			return err
		})
		if err != nil {
			return written, err
		}
		if len(c.Data) > 0 {
			n, err := w.Write(c.Data)
			written += int64(n)
			if err != nil {
				return written, err
			}
			if sum != nil {
				sum.Write(c.Data)
			}
		}
		if f.Size > 0 && written > f.Size {
			return written, fmt.Errorf("%w: received more than the %d bytes announced", ErrMediaMismatch, f.Size)
		}
		if c.Finished {
			break
		}
		if c.NextIndexBuf == "" || c.NextIndexBuf == index {
			return written, fmt.Errorf("%w: msgaudit: GetMediaData is not finished but gave no new index", wecom.ErrUnexpectedResponse)
		}
		index = c.NextIndexBuf
		if err := ctx.Err(); err != nil {
			return written, err
		}
	}
	if f.Size > 0 && written != f.Size {
		return written, fmt.Errorf("%w: received %d bytes, announced %d", ErrMediaMismatch, written, f.Size)
	}
	if sum != nil {
		if got := hex.EncodeToString(sum.Sum(nil)); !equalFoldHex(got, f.MD5Sum) {
			return written, fmt.Errorf("%w: md5 %s, announced %s", ErrMediaMismatch, got, f.MD5Sum)
		}
	}
	return written, nil
}

func equalFoldHex(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= y && y <= 'F' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
