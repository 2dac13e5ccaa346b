package wecomtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
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

// ExampleServer_FailNext makes the next c.User.Get fail with WeCom's
// "no such member", named as the test calls it.
func ExampleServer_FailNext() {
	s := wecomtest.NewServer() // in a test: wecomtest.NewTestServer(t)
	defer s.Close()
	c, err := work.New(work.Config{
		CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret,
	}, wecom.WithBaseURL(s.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := s.FailNext("User.Get", 60111, "userid not found"); err != nil {
		fmt.Println(err)
		return
	}

	ctx := context.Background()
	_, err = c.User.Get(ctx, "zhangsan")
	fmt.Println(wecom.ErrCode(err))
	u, err := c.User.Get(ctx, "zhangsan")
	fmt.Println(u.Name, err, s.Calls("User.Get"))
	// Output:
	// 60111
	// 张三 <nil> 2
}

// ExampleServer_Sent reads what the app sent, typed.
func ExampleServer_Sent() {
	s := wecomtest.NewServer()
	defer s.Close()
	c, err := work.New(work.Config{
		CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret,
	}, wecom.WithBaseURL(s.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = c.Message.Send(context.Background(), work.SendRequest{
		To:  work.Recipients{Users: []string{"zhangsan"}, Tags: []int64{wecomtest.DefaultTagID}},
		Msg: work.Text{Content: "Build 42 passed"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range s.Sent() {
		fmt.Println(m.MsgType, m.To.Users, m.To.Tags, m.Text.Content)
	}
	// Output: text [zhangsan] [1] Build 42 passed
}

// ExampleServer_Handle answers an endpoint the fake does not model with
// the response sample of WeCom's documentation.
func ExampleServer_Handle() {
	s := wecomtest.NewServer()
	defer s.Close()
	s.Handle("/cgi-bin/kf/account/list", func(r *http.Request, body []byte) (any, error) {
		return `{"errcode":0,"errmsg":"ok","account_list":[{"open_kfid":"wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q","name":"咨询客服","avatar":"https://wework.qpic.cn/wwhead/duc2TvpEgSSjibPZlNR6chpx9W3dtd9Ogp8XEmSNKGa6uufMWn2239HUPuwIFoYYZ7Ph580FPvo8/0"}]}`, nil
	})
	c, err := work.New(work.Config{
		CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret,
	}, wecom.WithBaseURL(s.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	var out struct {
		AccountList []struct {
			OpenKFID string `json:"open_kfid"`
			Name     string `json:"name"`
		} `json:"account_list"`
	}
	err = c.Do(context.Background(), http.MethodPost, "/cgi-bin/kf/account/list", map[string]int{"offset": 0, "limit": 100}, &out)
	fmt.Println(out.AccountList[0].Name, err, s.Calls("/cgi-bin/kf/account/list"))
	// Output: 咨询客服 <nil> 1
}
