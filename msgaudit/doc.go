// Package msgaudit reads the chat archive (会话内容存档) of a corp: every
// archived message, decrypted and typed, and the media files they name.
//
// Pulling and decrypting archived messages is done only by Tencent's
// Finance SDK, a native library (libWeWorkFinanceSdk_C.so on Linux). Open
// loads it at run time from a path the caller gives (or the environment
// variable WECOM_FINANCE_SDK), without cgo: the module builds with
// CGO_ENABLED=0, and a program that never calls Open never needs the
// library. On a platform the library cannot be loaded on, Open returns
// ErrUnsupported.
//
// Setting up the archive on WeCom's side:
//
//  1. Generate an RSA key pair (openssl genrsa -out archive.pem 2048;
//     openssl rsa -in archive.pem -pubout) and enter the public key in the
//     admin console (管理工具 → 会话内容存档); each key entered gets a
//     version number (publickey_ver). Keep every private key still in use:
//     records keep the version they were encrypted with.
//  2. Add the server's IP to the archive's trusted IP list.
//  3. Note the archive's secret (会话内容存档 Secret); the HTTP calls of
//     work.Client.MsgAudit need a client built with it too.
//
// Reading:
//
//	keys, err := msgaudit.ParsePrivateKeys(map[int][]byte{1: pem1, 2: pem2})
//	a, err := msgaudit.Open("/opt/wecom/libWeWorkFinanceSdk_C.so", corpID, secret, keys)
//	defer a.Close()
//	for m, err := range a.Messages(ctx, lastSeq) {
//		if err != nil { ... } // a record or page that failed; see RecordError
//		switch c := m.Content.(type) {
//		case *msgaudit.Text: ...
//		case *msgaudit.Image: a.Media(ctx, c.File(), w)
//		}
//		lastSeq = m.Seq // persist it, e.g. with a SeqStore
//	}
//
// The library aborts the whole process on some malformed inputs (an
// empty or very short message given to DecryptData); every argument is
// validated before each native call, and one that would be refused by the
// library is an error wrapping ErrInvalidInput instead.
//
// An Archive makes one native call at a time, whichever goroutines use it
// (the library's SDK handle is not meant to be shared between concurrent
// calls); open several Archives to read in parallel.
package msgaudit
