package api_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/token"
)

// A call with an access token: the credential goes in the query, the
// errcode is checked, the answer decoded.
func ExampleClient_Do() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("access_token") != "T1" {
			_, _ = w.Write([]byte(`{"errcode":40014,"errmsg":"invalid access_token"}`))
			return
		}
		_, _ = w.Write([]byte(`{"errcode":0,"errmsg":"ok","name":"Zhang San"}`))
	}))
	defer srv.Close()

	core := api.New(wecom.NewOptions(wecom.WithBaseURL(srv.URL)))
	src := token.NewCachedSource(token.NewMemoryCache(), "wecom:access_token:ww1:1",
		func(context.Context) (string, time.Duration, error) { return "T1", 2 * time.Hour, nil })

	var user struct {
		Name string `json:"name"`
	}
	err := core.Do(context.Background(), api.AccessToken(src), api.Request{
		Method: http.MethodGet, Path: "/cgi-bin/user/get", Safety: api.Idempotent,
	}, &user)
	fmt.Println(user.Name, err)

	err = core.Do(context.Background(), api.AccessToken(staleSource{}), api.Request{
		Method: http.MethodGet, Path: "/cgi-bin/user/get",
	}, nil)
	var apiErr *wecom.APIError
	fmt.Println(errors.As(err, &apiErr), apiErr.Code, err)
	// Output:
	// Zhang San <nil>
	// true 40014 wecom: /cgi-bin/user/get: errcode 40014 (invalid access_token): invalid access_token
}

// staleSource always hands out a token WeCom rejects.
type staleSource struct{}

func (staleSource) Token(context.Context) (string, error)    { return "stale", nil }
func (staleSource) Invalidate(context.Context, string) error { return nil }
