package wecom_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wecomkit/wecom"
)

func TestAPIError(t *testing.T) {
	err := fmt.Errorf("sending: %w", &wecom.APIError{Code: 60111, Message: "userid not found", Path: "/cgi-bin/user/get"})
	assert.Equal(t, "sending: wecom: /cgi-bin/user/get: errcode 60111: userid not found", err.Error())
	assert.Equal(t, 60111, wecom.ErrCode(err))
	assert.Equal(t, 0, wecom.ErrCode(errors.New("other")))
	assert.Equal(t, 0, wecom.ErrCode(nil))
	assert.Equal(t, "wecom: errcode -1", (&wecom.APIError{Code: -1}).Error())
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
	// get user: wecom: /cgi-bin/user/get: errcode 60111: userid not found
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
	assert.Equal(t, "wecom: /cgi-bin/user/get: errcode 40014: invalid access_token", err.Error())
}

func TestRetryAllowed(t *testing.T) {
	ctx := context.Background()
	assert.False(t, wecom.RetryAllowed(ctx))
	assert.True(t, wecom.RetryAllowed(wecom.AllowRetry(ctx)))
}

func TestNewOptionsFixesBadValues(t *testing.T) {
	o := wecom.NewOptions(wecom.WithTimeout(-time.Second), wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: -2, BaseDelay: -1, MaxDelay: -1}))
	assert.Equal(t, wecom.DefaultTimeout, o.Timeout)
	assert.Equal(t, 3, o.Retry.MaxAttempts)
	assert.Equal(t, 500*time.Millisecond, o.Retry.BaseDelay)
	assert.Equal(t, 5*time.Second, o.Retry.MaxDelay)
}
