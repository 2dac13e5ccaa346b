package wecomtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/wecomtest/internal/methodtable"
)

func TestNewTestServerClosesItself(t *testing.T) {
	var url string
	t.Run("user", func(t *testing.T) {
		s := NewTestServer(t)
		url = s.URL()
		resp, err := http.Get(url + "/cgi-bin/gettoken")
		require.NoError(t, err)
		resp.Body.Close()
	})
	_, err := http.Get(url + "/cgi-bin/gettoken")
	require.Error(t, err, "the server is closed once its test ends")
}

// recordingTB records the errors reported to a test.
type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Helper()        {}
func (r *recordingTB) Cleanup(func()) {}
func (r *recordingTB) Errorf(format string, a ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, a...))
}

func TestFailNextByMethodName(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	require.NoError(t, s.FailNext("User.Get", 60111, ""))
	require.NoError(t, s.FailNext("work.User.Get", 45009, "")) // the package name may be given
	require.NoError(t, s.FailNextStatus("Tag.List", http.StatusBadGateway))

	assert.Equal(t, 60111, get(t, s, "/cgi-bin/user/get", with(q, "userid", "zhangsan")).code(t))
	assert.Equal(t, 45009, get(t, s, "/cgi-bin/user/get", with(q, "userid", "zhangsan")).code(t))
	assert.Equal(t, 0, get(t, s, "/cgi-bin/user/get", with(q, "userid", "zhangsan")).code(t))
	assert.Equal(t, 3, s.Calls("User.Get"))
	assert.Equal(t, s.Calls("/cgi-bin/user/get"), s.Calls("User.Get"), "names and paths count the same calls")

	resp, err := http.Get(s.URL() + "/cgi-bin/tag/list?" + q.Encode())
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode)

	for name, path := range map[string]string{
		"Message.Send":             "/cgi-bin/message/send",
		"Suite.PermanentCode":      "/cgi-bin/service/get_permanent_code",
		"OAuth.UserFromCode":       "/cgi-bin/auth/getuserinfo",
		"Suite.OAuth.UserFromCode": "/cgi-bin/service/auth/getuserinfo3rd",
		"Provider.Login.LoginInfo": "/cgi-bin/service/get_login_info",
		"/cgi-bin/kf/account/list": "/cgi-bin/kf/account/list",
	} {
		got, err := MethodPath(name)
		require.NoError(t, err, name)
		assert.Equal(t, path, got, name)
	}
}

func TestFailNextUnknownMethod(t *testing.T) {
	rec := &recordingTB{}
	s := NewTestServer(rec)
	defer s.Close()
	err := s.FailNext("User.Gte", 60111, "")
	require.ErrorIs(t, err, ErrUnknownMethod)
	assert.Contains(t, err.Error(), `"User.Gte"`)
	require.Len(t, rec.errors, 1, "the test of a NewTestServer is failed")
	assert.Zero(t, s.Calls("Nope.Nope"))
	require.Len(t, rec.errors, 2)

	plain := NewServer()
	defer plain.Close()
	require.ErrorIs(t, plain.FailNextStatus("User.Gte", 500), ErrUnknownMethod)
}

// The generated method table is what the SDK's sources say today: run
// go generate ./wecomtest after adding or renaming a method.
func TestMethodTableIsUpToDate(t *testing.T) {
	table, err := methodtable.Build("..")
	require.NoError(t, err)
	assert.Equal(t, table, methodPaths, "run go generate ./wecomtest")
	src, err := methodtable.Source(table)
	require.NoError(t, err)
	onDisk, err := os.ReadFile("methods_gen.go")
	require.NoError(t, err)
	assert.Equal(t, string(src), string(onDisk), "run go generate ./wecomtest")
	assert.Equal(t, "/cgi-bin/user/get", table["User.Get"])
}

func TestHandleStubsAnyPath(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	const path = "/cgi-bin/kf/account/list"
	var gotBody []byte
	s.Handle(path, func(r *http.Request, body []byte) (any, error) {
		gotBody = body
		return `{"account_list":[{"open_kfid":"wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q","name":"咨询客服"}]}`, nil
	})

	a := post(t, s, path, q, map[string]any{"offset": 0, "limit": 100})
	assert.Equal(t, 0, a.code(t), "errcode 0 is added to an answer without one")
	assert.Equal(t, "ok", a.str("errmsg"))
	assert.Len(t, a["account_list"], 1)
	assert.JSONEq(t, `{"offset":0,"limit":100}`, string(gotBody))
	assert.Equal(t, 1, s.Calls(path))

	assert.Equal(t, 40014, post(t, s, path, with(nil, "access_token", "forged"), `{}`).code(t), "credentials are checked")
	require.NoError(t, s.FailNext(path, 45009, ""))
	assert.Equal(t, 45009, post(t, s, path, q, `{}`).code(t), "injected faults come first")
	s.ExpireTokens()
	assert.Equal(t, 42001, post(t, s, path, q, `{}`).code(t), "an expired token is refused, so the SDK refreshes it")

	q = appToken(t, s)
	s.Handle(path, func(*http.Request, []byte) (any, error) { return nil, &APIError{Code: 95000, Message: "kf closed"} })
	a = post(t, s, path, q, `{}`)
	assert.Equal(t, 95000, a.code(t))
	assert.Contains(t, a.str("errmsg"), "kf closed")
	s.Handle(path, func(*http.Request, []byte) (any, error) { return map[string]int{"total": 3}, nil })
	assert.Equal(t, float64(3), post(t, s, path, q, `{}`)["total"])
	s.Handle(path, func(*http.Request, []byte) (any, error) { return nil, errors.New("boom") })
	assert.Equal(t, -1, post(t, s, path, q, `{}`).code(t))

	s.Handle(path, nil)
	a = post(t, s, path, q, `{}`)
	assert.Equal(t, 0, a.code(t), "without the stub the path has its documented answer again")
	assert.Nil(t, a["total"])

	// A modelled path can be replaced in one test, by method name too.
	s.Handle("User.Get", func(*http.Request, []byte) (any, error) { return `{"userid":"stubbed"}`, nil })
	assert.Equal(t, "stubbed", get(t, s, "/cgi-bin/user/get", with(q, "userid", "zhangsan")).str("userid"))
}

// WeCom waits 1 s for an instruction callback and 5 s for the others; so
// does the fake's sender.
func TestCallbackSenderKeepsWeComBudget(t *testing.T) {
	s := newTestServer(t)
	delay := make(chan time.Duration, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // then the server notices the client giving up
		select {
		case <-time.After(<-delay):
			_, _ = w.Write([]byte("success"))
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	ctx := context.Background()

	delay <- time.Minute
	start := time.Now()
	_, err := s.PushSuiteTicket(ctx, srv.URL, DefaultSuiteID, CallbackConfig{Token: "tok", EncodingAESKey: testAESKey})
	require.ErrorIs(t, err, ErrCallbackTimeout)
	assert.Less(t, time.Since(start), AppCallbackBudget, "an instruction gets 1 s, not 5")

	delay <- InstructionCallbackBudget + 200*time.Millisecond
	reply, err := s.SendCallback(ctx, srv.URL, CallbackConfig{Token: "tok", EncodingAESKey: testAESKey, ReceiverID: DefaultCorpID}, []byte(textMessage))
	require.NoError(t, err, "an app callback may take longer than 1 s")
	assert.Equal(t, http.StatusOK, reply.StatusCode)

	ctx2, cancel := context.WithCancel(ctx)
	cancel()
	delay <- 0
	_, err = s.SendCallback(ctx2, srv.URL, CallbackConfig{Token: "tok", EncodingAESKey: testAESKey, ReceiverID: DefaultCorpID}, []byte(textMessage))
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrCallbackTimeout, "the caller's own cancellation is not WeCom's budget")
	<-delay
}
