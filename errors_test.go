package wecom_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wecomkit/wecom"
)

func TestAPIError(t *testing.T) {
	err := fmt.Errorf("sending: %w", &wecom.APIError{Code: 60111, Message: "userid not found", Path: "/cgi-bin/user/get"})
	assert.Equal(t, "sending: wecom: /cgi-bin/user/get: errcode 60111 (userid not found): userid not found", err.Error())
	assert.Equal(t, 60111, wecom.ErrCode(err))
	assert.Equal(t, 0, wecom.ErrCode(errors.New("other")))
	assert.Equal(t, 0, wecom.ErrCode(nil))
	assert.Equal(t, "wecom: errcode -1 (system busy, retry later)", (&wecom.APIError{Code: -1}).Error())
}

func TestErrorClassifiers(t *testing.T) {
	for code, want := range map[int][2]bool{
		40001: {true, false}, 40014: {true, false}, 42001: {true, false}, 40082: {true, false}, 42009: {true, false},
		45009: {false, true}, 45033: {false, true}, 60111: {false, false}, -1: {false, false},
	} {
		err := &wecom.APIError{Code: code}
		assert.Equal(t, want[0], wecom.IsTokenInvalid(err), code)
		assert.Equal(t, want[1], wecom.IsRateLimited(err), code)
	}
}

func TestNewOptionsDefaults(t *testing.T) {
	o := wecom.NewOptions()
	assert.Equal(t, wecom.DefaultBaseURL, o.BaseURL)
	assert.NotNil(t, o.HTTPClient)
	assert.NotNil(t, o.Cache)
	assert.NotNil(t, o.Logger)
	assert.Equal(t, wecom.DefaultTimeout, o.Timeout)
	assert.Equal(t, 3, o.Retry.MaxAttempts)

	o = wecom.NewOptions(wecom.WithBaseURL("http://127.0.0.1:1"), wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 1}), nil)
	assert.Equal(t, "http://127.0.0.1:1", o.BaseURL)
	assert.Equal(t, 1, o.Retry.MaxAttempts)
	assert.Positive(t, o.Retry.BaseDelay)
}

func ExampleErrCode() {
	err := fmt.Errorf("get user: %w", &wecom.APIError{Code: 60111, Message: "userid not found", Path: "/cgi-bin/user/get"})
	fmt.Println(wecom.ErrCode(err))
	fmt.Println(err)
	// Output:
	// 60111
	// get user: wecom: /cgi-bin/user/get: errcode 60111 (userid not found): userid not found
}

func TestIsTokenInvalidGettoken(t *testing.T) {
	wrongSecret := fmt.Errorf("token: fetch: %w", &wecom.APIError{Code: 40001, Message: "invalid credential", Path: "/cgi-bin/gettoken"})
	assert.False(t, wecom.IsTokenInvalid(wrongSecret), "40001 from gettoken is a wrong secret")
	assert.True(t, wecom.IsTokenInvalid(&wecom.APIError{Code: 40001, Path: "/cgi-bin/user/get"}))
	assert.True(t, wecom.IsTokenInvalid(&wecom.APIError{Code: 42001, Path: "/cgi-bin/gettoken"}))
	assert.False(t, wecom.IsTokenInvalid(nil))
	assert.False(t, wecom.IsTokenInvalid(errors.New("other")))
}

// Error never shows more than the path: a Path that came with a query (it
// should not) is cut at the "?", so no credential can ride along.
func TestAPIErrorNeverShowsAQuery(t *testing.T) {
	err := &wecom.APIError{Code: 40014, Message: "invalid access_token", Path: "/cgi-bin/user/get?access_token=SECRET"}
	assert.Equal(t, "wecom: /cgi-bin/user/get: errcode 40014 (invalid access_token): invalid access_token", err.Error())
}

func TestNewOptionsFixesBadValues(t *testing.T) {
	o := wecom.NewOptions(wecom.WithTimeout(-time.Second), wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: -2, BaseDelay: -1, MaxDelay: -1}))
	assert.Equal(t, wecom.DefaultTimeout, o.Timeout)
	assert.Equal(t, 3, o.Retry.MaxAttempts)
	assert.Equal(t, 500*time.Millisecond, o.Retry.BaseDelay)
	assert.Equal(t, 5*time.Second, o.Retry.MaxDelay)
}

// Every documented code is a sentinel: errors.Is matches an *APIError with
// that code, however it is wrapped, and nothing else.
func TestErrorCodeSentinels(t *testing.T) {
	for _, c := range []struct {
		sentinel wecom.ErrorCode
		code     int
	}{
		{wecom.ErrUserNotFound, 60111},
		{wecom.ErrRateLimited, wecom.CodeRateLimited},
		{wecom.ErrSystemBusy, wecom.CodeSystemBusy},
		{wecom.ErrInvalidAccessToken, wecom.CodeInvalidAccessToken},
		{wecom.ErrAllRecipientsInvalid, wecom.CodeAllRecipientsInvalid},
		{wecom.ErrCheckinSystemFailure, wecom.CodeCheckinSystemFailure},
		{wecom.ErrNotExternalContact, 84061},
		{wecom.ErrUntrustedIP, 60020},
		{wecom.ErrResourceOutOfRange, 2400008},
	} {
		apiErr := &wecom.APIError{Code: c.code, Message: "m", Path: "/cgi-bin/x"}
		wrapped := fmt.Errorf("outer: %w", fmt.Errorf("inner: %w", apiErr))
		assert.True(t, errors.Is(apiErr, c.sentinel), c.code)
		assert.True(t, errors.Is(wrapped, c.sentinel), c.code)
		assert.True(t, errors.Is(errors.Join(errors.New("other"), wrapped), c.sentinel), c.code)
		assert.Equal(t, c.code, int(c.sentinel))
		assert.Equal(t, c.code, wecom.ErrCode(wrapped))

		other := fmt.Errorf("outer: %w", &wecom.APIError{Code: c.code + 1})
		assert.False(t, errors.Is(other, c.sentinel), c.code)
		assert.False(t, errors.Is(errors.New(c.sentinel.Error()), c.sentinel), "a string is not the code")
	}
	assert.False(t, errors.Is(nil, wecom.ErrUserNotFound))
	local := fmt.Errorf("building: %w", wecom.ErrConfig)
	assert.False(t, errors.Is(local, wecom.ErrUserNotFound))
	var code error = wecom.ErrorCode(60111)
	assert.True(t, errors.Is(code, wecom.ErrUserNotFound))
	assert.False(t, errors.Is(code, wecom.ErrNoPrivilege))
	var nilErr *wecom.APIError
	assert.False(t, nilErr.Is(wecom.ErrUserNotFound))
	assert.NotPanics(t, func() { _ = nilErr.Error() })
}

// A code WeCom does not document has no name and no meaning, yet works the
// same way and never panics.
func TestErrorCodeUnknown(t *testing.T) {
	for _, code := range []int{0, 1, 404, 99999, -2, 1 << 40, -1 << 40} {
		err := fmt.Errorf("call: %w", &wecom.APIError{Code: code, Message: "odd", Path: "/cgi-bin/y"})
		assert.Equal(t, "", wecom.CodeText(code), code)
		assert.Equal(t, fmt.Sprintf("call: wecom: /cgi-bin/y: errcode %d: odd", code), err.Error())
		assert.True(t, errors.Is(err, wecom.ErrorCode(code)), code)
		assert.False(t, errors.Is(err, wecom.ErrUserNotFound), code)
		assert.Equal(t, fmt.Sprintf("wecom: errcode %d", code), wecom.ErrorCode(code).Error())
		assert.Equal(t, "", wecom.ErrorCode(code).Text())
	}
}

func TestErrorCodeText(t *testing.T) {
	assert.Equal(t, "userid not found", wecom.CodeText(60111))
	assert.Equal(t, "userid not found", wecom.ErrUserNotFound.Text())
	assert.Equal(t, "API call frequency limit exceeded", wecom.CodeText(wecom.CodeRateLimited))
	assert.Equal(t, "wecom: errcode 60111 (userid not found)", wecom.ErrUserNotFound.Error())
	assert.Equal(t, "wecom: errcode -1 (system busy, retry later)", wecom.ErrSystemBusy.Error())
	assert.Equal(t, "wecom: errcode 45009 (API call frequency limit exceeded)", fmt.Sprint(wecom.ErrRateLimited))

	// No message, no path: the meaning alone.
	assert.Equal(t, "wecom: errcode 84061 (not an external contact)", (&wecom.APIError{Code: 84061}).Error())
	// The meaning never brings a query string back.
	err := &wecom.APIError{Code: 40014, Message: "invalid access_token", Path: "/cgi-bin/gettoken?corpsecret=S3CRET"}
	assert.NotContains(t, err.Error(), "S3CRET")
}

func ExampleErrorCode() {
	err := fmt.Errorf("get user: %w", &wecom.APIError{Code: 60111, Message: "userid not found", Path: "/cgi-bin/user/get"})
	switch {
	case errors.Is(err, wecom.ErrUserNotFound):
		fmt.Println("no such member:", wecom.CodeText(wecom.ErrCode(err)))
	case errors.Is(err, wecom.ErrRateLimited):
		fmt.Println("slow down")
	}
	fmt.Println(wecom.ErrUserNotFound)
	// Output:
	// no such member: userid not found
	// wecom: errcode 60111 (userid not found)
}

// The meaning lookup is a switch the compiler turns into a binary search:
// no table is built at init, and a lookup costs no allocation.
func BenchmarkCodeText(b *testing.B) {
	b.ReportAllocs()
	codes := []int{60111, -1, 45009, 2400008, 12345}
	for i := 0; b.Loop(); i++ {
		_ = wecom.CodeText(codes[i%len(codes)])
	}
}

func BenchmarkAPIErrorError(b *testing.B) {
	err := &wecom.APIError{Code: 60111, Message: "userid not found, hint: [1700000000_1_abc]", Path: "/cgi-bin/user/get"}
	b.ReportAllocs()
	for b.Loop() {
		_ = err.Error()
	}
}

func BenchmarkErrorsIsSentinel(b *testing.B) {
	err := fmt.Errorf("get: %w", &wecom.APIError{Code: 60111, Path: "/cgi-bin/user/get"})
	b.ReportAllocs()
	for b.Loop() {
		if !errors.Is(err, wecom.ErrUserNotFound) {
			b.Fatal("no match")
		}
	}
}
