package wecom_test

import (
	"errors"
	"fmt"
	"testing"

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
