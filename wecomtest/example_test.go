package wecomtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/wecomkit/wecom/wecomtest"
)

// ExampleNewServer asks the fake for an access token with plain net/http,
// once with the right secret and once with a wrong one. With the SDK,
// pass wecom.WithBaseURL(s.URL()) to the client instead.
func ExampleNewServer() {
	s := wecomtest.NewServer()
	defer s.Close()

	for _, secret := range []string{wecomtest.DefaultSecret, "wrong-secret"} {
		q := url.Values{"corpid": {wecomtest.DefaultCorpID}, "corpsecret": {secret}}
		resp, err := http.Get(s.URL() + "/cgi-bin/gettoken?" + q.Encode())
		if err != nil {
			fmt.Println(err)
			return
		}
		var out struct {
			ErrCode     int    `json:"errcode"`
			AccessToken string `json:"access_token"`
			ExpiresIn   int    `json:"expires_in"`
		}
		err = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("errcode %d, token issued: %t, expires_in %d\n", out.ErrCode, out.AccessToken != "", out.ExpiresIn)
	}
	// Output:
	// errcode 0, token issued: true, expires_in 7200
	// errcode 40001, token issued: false, expires_in 0
}

// ExampleServer_FailNext makes the next user/get fail with WeCom's rate
// limit, as a test of retries would.
func ExampleServer_FailNext() {
	s := wecomtest.NewServer()
	defer s.Close()
	s.FailNext("/cgi-bin/user/get", 45009, "api freq out of limit")

	resp, err := http.Get(s.URL() + "/cgi-bin/user/get?access_token=any&userid=zhangsan")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var out struct {
		ErrCode int `json:"errcode"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.ErrCode, s.Calls("/cgi-bin/user/get"))
	// Output: 45009 1
}
