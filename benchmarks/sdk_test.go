package benchmarks

import (
	"context"
	"testing"
)

// An sdk is one implementation under test. Each constructor does its setup
// outside the timed loop and returns the operation the loop times; a nil
// constructor means the SDK offers no clean public path for that area.
type sdk struct {
	name string
	// decrypt verifies sampleBody against signature and decrypts it to
	// the plaintext XML.
	decrypt func(tb testing.TB, signature string) decryptOp
	// callback verifies sampleBody against signature, decrypts it and
	// parses it into the SDK's message type, reporting its sender and text
	// content.
	callback func(tb testing.TB, signature string) callbackOp
	// token returns an access token getter whose gettoken endpoint is the
	// loopback server at baseURL.
	token func(tb testing.TB, baseURL string) tokenOp
}

type (
	decryptOp  func() ([]byte, error)
	callbackOp func() (from, content string, err error)
	tokenOp    func(ctx context.Context) (string, error)
)

// sdks lists the implementations in the order they are run; benchstat
// compares every column with the first one.
var sdks = []sdk{
	{name: "wecom", decrypt: wecomDecrypt, callback: wecomCallback, token: wecomToken},
	{name: "silenceper", decrypt: silenceperDecrypt, callback: silenceperCallback, token: silenceperToken},
	{name: "powerwechat", decrypt: powerwechatDecrypt, callback: powerwechatCallback, token: powerwechatToken},
	{name: "workwx", callback: workwxCallback},
	{name: "stdlib", decrypt: stdlibDecrypt, callback: stdlibCallback, token: stdlibToken},
}
