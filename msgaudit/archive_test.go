package msgaudit_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/msgaudit"
	"github.com/wecomkit/wecom/msgaudit/msgaudittest"
	"github.com/wecomkit/wecom/token"
)

// Keys are slow to generate: two shared fixtures, made once.
var (
	keysOnce   sync.Once
	key1, key2 *rsa.PrivateKey
)

func testKeys(t testing.TB) (*rsa.PrivateKey, *rsa.PrivateKey) {
	t.Helper()
	keysOnce.Do(func() {
		key1 = msgaudittest.GenerateKey(1024)
		key2 = msgaudittest.GenerateKey(2048)
	})
	return key1, key2
}

// newFake returns a fake backend knowing key versions 1 and 2, and an
// Archive reading it with both private keys.
func newFake(t testing.TB, opts ...msgaudit.Option) (*msgaudittest.Backend, *msgaudit.Archive) {
	t.Helper()
	k1, k2 := testKeys(t)
	b := msgaudittest.New()
	b.AddKey(1, &k1.PublicKey)
	b.AddKey(2, &k2.PublicKey)
	a, err := msgaudit.New(b, msgaudit.PrivateKeys{1: k1, 2: k2}, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = a.Close() })
	return b, a
}

func textMsg(id, content string) map[string]any {
	return map[string]any{"msgid": id, "action": "send", "from": "XuJinSheng", "tolist": []string{"icefog"},
		"roomid": "", "msgtime": int64(1547087894783), "msgtype": "text", "text": map[string]any{"content": content}}
}

func add(t testing.TB, b *msgaudittest.Backend, ver int, msg any) uint64 {
	t.Helper()
	seq, err := b.Add(ver, msg)
	require.NoError(t, err)
	return seq
}

// collect reads every message and error of a.Messages(ctx, seq).
func collect(ctx context.Context, a *msgaudit.Archive, seq uint64) ([]*msgaudit.Message, []error) {
	var ms []*msgaudit.Message
	var errs []error
	for m, err := range a.Messages(ctx, seq) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ms = append(ms, m)
	}
	return ms, errs
}

// Pages are fetched until one is empty; records of both key versions
// are decrypted with the key of their publickey_ver (key rotation); a
// resumed read starts after the seq given.
func TestMessagesPagesAndKeyVersions(t *testing.T) {
	b, a := newFake(t, msgaudit.WithPageSize(10))
	for i := range 25 {
		add(t, b, 1+i%2, textMsg(fmt.Sprintf("m%d", i+1), fmt.Sprintf("hello %d", i+1)))
	}
	ms, errs := collect(t.Context(), a, 0)
	require.Empty(t, errs)
	require.Len(t, ms, 25)
	for i, m := range ms {
		assert.Equal(t, uint64(i+1), m.Seq)
		assert.Equal(t, fmt.Sprintf("m%d", i+1), m.ID)
		assert.Equal(t, 1+i%2, m.PublicKeyVersion)
		assert.Equal(t, &msgaudit.Text{Content: fmt.Sprintf("hello %d", i+1)}, m.Content)
	}
	assert.Equal(t, 4, b.Stats().GetChatData, "three pages of records and an empty one")
	assert.Equal(t, 25, b.Stats().DecryptData)

	ms, errs = collect(t.Context(), a, 20)
	require.Empty(t, errs)
	require.Len(t, ms, 5)
	assert.Equal(t, uint64(21), ms[0].Seq)
}

// A loop that stops early fetches nothing more.
func TestMessagesStopEarly(t *testing.T) {
	b, a := newFake(t, msgaudit.WithPageSize(2))
	for i := range 10 {
		add(t, b, 1, textMsg(fmt.Sprint(i), "x"))
	}
	n := 0
	for _, err := range a.Messages(t.Context(), 0) {
		require.NoError(t, err)
		if n++; n == 3 {
			break
		}
	}
	assert.Equal(t, 2, b.Stats().GetChatData)
	assert.Equal(t, 3, b.Stats().DecryptData)
}

// Bad records yield a *RecordError naming their seq, never reach the
// native DecryptData when it would abort the process, and do not stop the
// records after them.
func TestMessagesBadRecords(t *testing.T) {
	b, a := newFake(t)
	k1, _ := testKeys(t)
	encKey := func(pub *rsa.PublicKey, s string) string {
		//lint:ignore SA1019 the archive's scheme
		ct, err := rsa.EncryptPKCS1v15(rand.Reader, pub, []byte(s))
		require.NoError(t, err)
		return base64.StdEncoding.EncodeToString(ct)
	}
	good := func(id string) uint64 { return add(t, b, 1, textMsg(id, id)) }
	longMsg := strings.Repeat("QUJD", 10)
	type bad struct {
		name string
		rec  msgaudittest.Record
		is   error
	}
	bads := []bad{
		{"unknown key version", msgaudittest.Record{PublicKeyVer: 9, EncryptRandomKey: encKey(&k1.PublicKey, "k"), EncryptChatMsg: longMsg}, msgaudit.ErrUnknownKeyVersion},
		{"random key empty", msgaudittest.Record{PublicKeyVer: 1, EncryptChatMsg: longMsg}, msgaudit.ErrInvalidInput},
		{"random key not base64", msgaudittest.Record{PublicKeyVer: 1, EncryptRandomKey: "%%%", EncryptChatMsg: longMsg}, msgaudit.ErrInvalidInput},
		{"random key short", msgaudittest.Record{PublicKeyVer: 1, EncryptRandomKey: "QUJD", EncryptChatMsg: longMsg}, msgaudit.ErrInvalidInput},
		{"random key decrypts to nothing", msgaudittest.Record{PublicKeyVer: 1, EncryptRandomKey: encKey(&k1.PublicKey, ""), EncryptChatMsg: longMsg}, msgaudit.ErrInvalidInput},
		{"message empty", msgaudittest.Record{PublicKeyVer: 1, EncryptRandomKey: encKey(&k1.PublicKey, "k")}, msgaudit.ErrInvalidInput},
		{"message 12 characters", msgaudittest.Record{PublicKeyVer: 1, EncryptRandomKey: encKey(&k1.PublicKey, "k"), EncryptChatMsg: "QUJDREVGR0hJ"}, msgaudit.ErrInvalidInput},
		{"message with NUL", msgaudittest.Record{PublicKeyVer: 1, EncryptRandomKey: encKey(&k1.PublicKey, "k"), EncryptChatMsg: "AB\x00" + longMsg}, msgaudit.ErrInvalidInput},
		{"message not base64", msgaudittest.Record{PublicKeyVer: 1, EncryptRandomKey: encKey(&k1.PublicKey, "k"), EncryptChatMsg: longMsg + "!"}, msgaudit.ErrInvalidInput},
	}
	wantErr := map[uint64]bad{}
	good("first")
	for _, bd := range bads {
		bd.rec.MsgID = bd.name
		wantErr[b.AddRecord(bd.rec)] = bd
	}
	// A record the library refuses (wrong random key): its error code.
	wrongKey := msgaudittest.Record{MsgID: "wrong key", PublicKeyVer: 1, EncryptRandomKey: encKey(&k1.PublicKey, "not the key"), EncryptChatMsg: longMsg}
	wrongSeq := b.AddRecord(wrongKey)
	good("last")

	ms, errs := collect(t.Context(), a, 0)
	require.Len(t, ms, 2)
	assert.Equal(t, "first", ms[0].ID)
	assert.Equal(t, "last", ms[1].ID)
	require.Len(t, errs, len(bads)+1)
	for _, err := range errs {
		var re *msgaudit.RecordError
		require.True(t, errors.As(err, &re), "%v", err)
		if re.Seq == wrongSeq {
			var se *msgaudit.SDKError
			require.True(t, errors.As(err, &se), "%v", err)
			assert.Equal(t, "DecryptData", se.Op)
			continue
		}
		bd, ok := wantErr[re.Seq]
		require.True(t, ok, "error for seq %d: %v", re.Seq, err)
		assert.Equal(t, bd.name, re.MsgID)
		assert.ErrorIs(t, err, bd.is, bd.name)
		assert.NotContains(t, err.Error(), "-----BEGIN")
	}
	st := b.Stats()
	assert.Zero(t, st.Aborts, "a call the library would have crashed on")
	assert.Equal(t, 3, st.DecryptData, "DecryptData called for the two good records and the wrong key only")
}

// A page that cannot be fetched or read ends the iteration with its error.
func TestMessagesPageErrors(t *testing.T) {
	t.Run("backend error", func(t *testing.T) {
		b, a := newFake(t)
		add(t, b, 1, textMsg("a", "a"))
		b.FailNext("GetChatData", &msgaudit.SDKError{Op: "GetChatData", Code: 10009})
		ms, errs := collect(t.Context(), a, 0)
		assert.Empty(t, ms)
		require.Len(t, errs, 1)
		var se *msgaudit.SDKError
		require.True(t, errors.As(errs[0], &se))
		assert.False(t, se.Temporary())
		assert.Contains(t, se.Error(), "ip not allowed")
		assert.Equal(t, 1, b.Stats().GetChatData)
	})
	for name, tc := range map[string]struct {
		page string
		is   error
	}{
		"errcode":  {`{"errcode":301052,"errmsg":"msgaudit expired","chatdata":[]}`, wecom.ErrMsgAuditExpired},
		"not JSON": {`<html>`, wecom.ErrUnexpectedResponse},
		"seq goes back": {`{"errcode":0,"errmsg":"ok","chatdata":[{"seq":5,"msgid":"a","publickey_ver":1,"encrypt_random_key":"","encrypt_chat_msg":""}]}`,
			wecom.ErrUnexpectedResponse},
	} {
		t.Run(name, func(t *testing.T) {
			k1, _ := testKeys(t)
			a, err := msgaudit.New(pageBackend(tc.page), msgaudit.PrivateKeys{1: k1})
			require.NoError(t, err)
			ms, errs := collect(t.Context(), a, 5)
			assert.Empty(t, ms)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], tc.is)
		})
	}
}

// pageBackend answers every GetChatData with the same page.
type pageBackend string

func (p pageBackend) GetChatData(context.Context, uint64, int) ([]byte, error) { return []byte(p), nil }
func (pageBackend) DecryptData(string, string) ([]byte, error)                 { return nil, errors.New("unused") }
func (pageBackend) GetMediaData(context.Context, string, string) (msgaudit.MediaChunk, error) {
	return msgaudit.MediaChunk{}, errors.New("unused")
}
func (pageBackend) Close() error { return nil }

// Media streams the file chunk by chunk and checks it against the size
// and md5 the message announced.
func TestMedia(t *testing.T) {
	b, a := newFake(t)
	b.ChunkSize = 100 << 10
	data := make([]byte, 250<<10+7)
	_, _ = rand.Read(data)
	sum := md5.Sum(data)
	b.AddMedia("FID", data)
	f := msgaudit.MediaFile{SDKFileID: "FID", Size: int64(len(data)), MD5Sum: hex.EncodeToString(sum[:])}

	w := &chunkWriter{}
	n, err := a.Media(t.Context(), f, w)
	require.NoError(t, err)
	assert.Equal(t, int64(len(data)), n)
	assert.True(t, bytes.Equal(data, w.buf.Bytes()))
	assert.Equal(t, 3, b.Stats().GetMediaData)
	assert.LessOrEqual(t, w.max, 100<<10, "one chunk at a time")

	up := f
	up.MD5Sum = strings.ToUpper(f.MD5Sum)
	_, err = a.Media(t.Context(), up, &chunkWriter{})
	assert.NoError(t, err, "md5 in upper case")

	for name, g := range map[string]msgaudit.MediaFile{
		"size":       {SDKFileID: "FID", Size: int64(len(data)) + 1},
		"size small": {SDKFileID: "FID", Size: 10},
		"md5":        {SDKFileID: "FID", MD5Sum: strings.Repeat("0", 32)},
	} {
		_, err := a.Media(t.Context(), g, &chunkWriter{})
		assert.ErrorIs(t, err, msgaudit.ErrMediaMismatch, name)
	}
	n, err = a.Media(t.Context(), msgaudit.MediaFile{SDKFileID: "FID"}, &chunkWriter{})
	assert.NoError(t, err, "nothing announced, nothing checked")
	assert.Equal(t, int64(len(data)), n)

	var se *msgaudit.SDKError
	_, err = a.Media(t.Context(), msgaudit.MediaFile{SDKFileID: "missing"}, &chunkWriter{})
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, 10005, se.Code)

	calls := b.Stats().GetMediaData
	for _, id := range []string{"", "a\x00b", strings.Repeat("x", 5000)} {
		_, err = a.Media(t.Context(), msgaudit.MediaFile{SDKFileID: id}, &chunkWriter{})
		assert.ErrorIs(t, err, msgaudit.ErrInvalidInput)
	}
	_, err = a.Media(t.Context(), f, nil)
	assert.ErrorIs(t, err, msgaudit.ErrInvalidInput)
	assert.Equal(t, calls, b.Stats().GetMediaData, "refused before the backend")

	werr := errors.New("disk full")
	_, err = a.Media(t.Context(), f, &chunkWriter{err: werr})
	assert.ErrorIs(t, err, werr)
}

// chunkWriter records the largest write.
type chunkWriter struct {
	buf bytes.Buffer
	max int
	err error
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	w.max = max(w.max, len(p))
	return w.buf.Write(p)
}

// However many goroutines use an Archive, its backend sees one call at a
// time.
func TestOneCallAtATime(t *testing.T) {
	b, a := newFake(t, msgaudit.WithPageSize(3))
	b.Delay = time.Millisecond
	b.ChunkSize = 10
	for i := range 9 {
		add(t, b, 1, textMsg(fmt.Sprint(i), "x"))
	}
	b.AddMedia("F", make([]byte, 55))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			ms, errs := collect(t.Context(), a, 0)
			assert.Empty(t, errs)
			assert.Len(t, ms, 9)
		})
		wg.Go(func() {
			_, err := a.Media(t.Context(), msgaudit.MediaFile{SDKFileID: "F", Size: 55}, &chunkWriter{})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Equal(t, 1, b.Stats().MaxConcurrent)
}

// A caller waiting for another's call gives up with its context.
func TestWaitHonoursContext(t *testing.T) {
	b, a := newFake(t)
	b.Delay = 200 * time.Millisecond
	b.AddMedia("F", []byte("x"))
	go func() { _, _ = a.Media(context.Background(), msgaudit.MediaFile{SDKFileID: "F"}, &chunkWriter{}) }()
	require.Eventually(t, func() bool { return b.Stats().GetMediaData == 1 }, 5*time.Second, time.Millisecond, "the first call started")
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	_, err := a.Media(ctx, msgaudit.MediaFile{SDKFileID: "F"}, &chunkWriter{})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestClose(t *testing.T) {
	b, a := newFake(t)
	add(t, b, 1, textMsg("a", "a"))
	require.NoError(t, a.Close())
	require.NoError(t, a.Close(), "twice")
	_, errs := collect(t.Context(), a, 0)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], msgaudit.ErrClosed)
	assert.Zero(t, b.Stats().GetChatData)
}

func TestNewAndOpenConfig(t *testing.T) {
	k1, _ := testKeys(t)
	b := msgaudittest.New()
	keys := msgaudit.PrivateKeys{1: k1}
	for name, err := range map[string]error{
		"no backend":  second(msgaudit.New(nil, keys)),
		"no keys":     second(msgaudit.New(b, nil)),
		"nil key":     second(msgaudit.New(b, msgaudit.PrivateKeys{1: nil})),
		"page 0":      second(msgaudit.New(b, keys, msgaudit.WithPageSize(0))),
		"page 1001":   second(msgaudit.New(b, keys, msgaudit.WithPageSize(1001))),
		"timeout":     second(msgaudit.New(b, keys, msgaudit.WithTimeout(-1))),
		"proxy NUL":   second(msgaudit.New(b, keys, msgaudit.WithProxy("http://a\x00", ""))),
		"no corp":     second(msgaudit.Open("/nonexistent/lib.so", "", "secret", keys)),
		"no secret":   second(msgaudit.Open("/nonexistent/lib.so", "ww1", "", keys)),
		"secret NUL":  second(msgaudit.Open("/nonexistent/lib.so", "ww1", "se\x00cret", keys)),
		"no lib path": second(openWithoutEnv(keys)),
	} {
		assert.ErrorIs(t, err, wecom.ErrConfig, name)
		if err != nil {
			assert.NotContains(t, err.Error(), "se\x00cret", name)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func openWithoutEnv(keys msgaudit.PrivateKeys) (*msgaudit.Archive, error) {
	os.Unsetenv(msgaudit.LibraryEnv)
	return msgaudit.Open("", "ww1", "s", keys)
}

// Open on a path that holds no library, or a library that is not the
// Finance SDK, is an error (ErrUnsupported on other platforms).
func TestOpenNotALibrary(t *testing.T) {
	k1, _ := testKeys(t)
	for _, path := range []string{"/nonexistent/libWeWorkFinanceSdk_C.so", "testdata/messages.json"} {
		a, err := msgaudit.Open(path, "ww1", "topsecret", msgaudit.PrivateKeys{1: k1})
		assert.Nil(t, a)
		require.Error(t, err, path)
		assert.NotContains(t, err.Error(), "topsecret")
	}
}

func TestParsePrivateKeys(t *testing.T) {
	k1, _ := testKeys(t)
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k1)})
	der, err := x509.MarshalPKCS8PrivateKey(k1)
	require.NoError(t, err)
	pkcs8 := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	keys, err := msgaudit.ParsePrivateKeys(map[int][]byte{1: pkcs1, 2: pkcs8})
	require.NoError(t, err)
	assert.True(t, k1.Equal(keys[1]))
	assert.True(t, k1.Equal(keys[2]))
	for _, v := range []string{keys.String(), fmt.Sprintf("%v %+v %#v %s", keys, keys, keys, keys)} {
		assert.NotContains(t, v, k1.D.String()[:20])
		assert.Contains(t, v, "versions: 1,2")
	}

	_, err = msgaudit.ParsePrivateKeys(nil)
	assert.ErrorIs(t, err, msgaudit.ErrInvalidInput)
	_, err = msgaudit.ParsePrivateKeys(map[int][]byte{3: []byte("garbage")})
	assert.ErrorIs(t, err, msgaudit.ErrInvalidInput)
	assert.Contains(t, err.Error(), "version 3")
	broken := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: []byte("not DER")})
	_, err = msgaudit.ParsePrivateKeys(map[int][]byte{4: broken})
	assert.ErrorIs(t, err, msgaudit.ErrInvalidInput)
}

// The seq survives in the cache; a value that is not a seq is an error.
func TestSeqStore(t *testing.T) {
	c := token.NewMemoryCache()
	s, err := msgaudit.NewSeqStore(c, "ww1")
	require.NoError(t, err)
	seq, err := s.Load(t.Context())
	require.NoError(t, err)
	assert.Zero(t, seq)
	require.NoError(t, s.Save(t.Context(), 42))
	s2, err := msgaudit.NewSeqStore(c, "ww1")
	require.NoError(t, err)
	seq, err = s2.Load(t.Context())
	require.NoError(t, err)
	assert.Equal(t, uint64(42), seq)
	other, err := msgaudit.NewSeqStore(c, "ww2")
	require.NoError(t, err)
	seq, err = other.Load(t.Context())
	require.NoError(t, err)
	assert.Zero(t, seq, "per corp")

	require.NoError(t, c.Set(t.Context(), s.Key(), "x", 0))
	_, err = s.Load(t.Context())
	assert.Error(t, err)
	_, err = msgaudit.NewSeqStore(nil, "ww1")
	assert.ErrorIs(t, err, wecom.ErrConfig)
}

// An Archive prints and logs without its keys.
func TestArchiveRedacts(t *testing.T) {
	_, a := newFake(t)
	k1, _ := testKeys(t)
	d := k1.D.String()[:16]
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("archive", "a", a)
	for _, s := range []string{fmt.Sprintf("%v|%+v|%#v|%s", a, a, a, a), logged.String()} {
		assert.NotContains(t, s, d)
		assert.Contains(t, s, "versions: 1,2")
	}
}

// A read the library reports as temporarily failed is tried again (twice
// at most); other failures, and decryption, are not.
func TestTemporaryFailuresRetried(t *testing.T) {
	b, a := newFake(t)
	add(t, b, 1, textMsg("a", "a"))
	b.AddMedia("F", []byte("media"))
	b.FailNext("GetChatData", &msgaudit.SDKError{Op: "GetChatData", Code: 10001})
	b.FailNext("GetMediaData", &msgaudit.SDKError{Op: "GetMediaData", Code: 10003})
	ms, errs := collect(t.Context(), a, 0)
	require.Empty(t, errs)
	require.Len(t, ms, 1)
	assert.Equal(t, 3, b.Stats().GetChatData, "a failed page, the page again, the empty page")
	n, err := a.Media(t.Context(), msgaudit.MediaFile{SDKFileID: "F", Size: 5}, &chunkWriter{})
	require.NoError(t, err)
	assert.Equal(t, int64(5), n)
	assert.Equal(t, 2, b.Stats().GetMediaData)

	for range 3 {
		b.FailNext("GetChatData", &msgaudit.SDKError{Op: "GetChatData", Code: 10001})
	}
	_, errs = collect(t.Context(), a, 0)
	require.Len(t, errs, 1, "three attempts, then the error")
	assert.Equal(t, 6, b.Stats().GetChatData)

	b.FailNext("GetMediaData", &msgaudit.SDKError{Op: "GetMediaData", Code: 10005})
	_, err = a.Media(t.Context(), msgaudit.MediaFile{SDKFileID: "F"}, &chunkWriter{})
	require.Error(t, err)
	assert.Equal(t, 3, b.Stats().GetMediaData, "10005 is not repeated")

	b.FailNext("DecryptData", &msgaudit.SDKError{Op: "DecryptData", Code: 10001})
	_, errs = collect(t.Context(), a, 0)
	require.Len(t, errs, 1)
	assert.Equal(t, 2, b.Stats().DecryptData, "decryption is not repeated")

	// A context that ends stops the waiting.
	for range 3 {
		b.FailNext("GetChatData", &msgaudit.SDKError{Op: "GetChatData", Code: 10002})
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, errs = collect(ctx, a, 0)
	require.Len(t, errs, 1)
	assert.Less(t, time.Since(start), 150*time.Millisecond+fetchWaitSlack)
}

// fetchWaitSlack allows for a loaded machine.
const fetchWaitSlack = 2 * time.Second
