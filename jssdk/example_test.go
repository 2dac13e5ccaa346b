package jssdk_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/jssdk"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// The official test vector of WeCom's signature algorithm.
func ExampleSign() {
	sig := jssdk.Sign(
		"sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
		"Wm3WZYTPz0wzccnW",
		1414587457,
		"http://mp.weixin.qq.com?params=value",
	)
	fmt.Println(sig)
	// Output: 0f9de62fce790f9a083d5c99e95740ceb90c27ed
}

// Serving a page's signatures at /jssdk. A work.Client has a ready
// jssdk.Client in its JSSDK field; jssdk.New builds one on any token
// source.
func ExampleConfigHandler() {
	c, err := work.New(work.Config{CorpID: "ww1234567890abcdef", AgentID: 1000002, Secret: "app-secret"})
	if err != nil {
		return // wecom.ErrConfig: a field is missing
	}
	js := c.JSSDK

	mux := http.NewServeMux()
	mux.Handle("GET /jssdk", &jssdk.ConfigHandler{
		Client:       js,
		AllowedHosts: []string{"app.example.com"},
		Options:      []jssdk.ConfigOption{jssdk.WithJSAPIList("selectExternalContact", "getCurExternalContact")},
	})
	// Serve mux: http.ListenAndServe(":8080", mux)
}

// Rendering the parameters into a page on the server. The answer carries
// a fresh timestamp, nonce and signature each time, so the example prints
// only the fixed fields.
func ExampleClient_AgentConfig() {
	fake := wecomtest.NewServer() // stands for WeCom here
	defer fake.Close()
	c, err := work.New(work.Config{
		CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret,
	}, wecom.WithBaseURL(fake.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}

	cfg, err := c.JSSDK.AgentConfig(context.Background(), "https://app.example.com/sidebar?chat=1",
		jssdk.WithJSAPIList("getCurExternalContact"))
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(cfg) // {"corpid":…,"agentid":"1000002","timestamp":…,"nonceStr":…,"signature":…,"jsApiList":[…]}
	script := fmt.Sprintf("<script>wx.agentConfig(Object.assign(%s, {success: start}))</script>", b)
	fmt.Println(strings.Contains(script, `"agentid":"1000002"`))
	fmt.Println(cfg.CorpID, cfg.AgentID, cfg.JSAPIList, len(cfg.NonceStr), len(cfg.Signature))
	// Output:
	// true
	// wwfakecorp 1000002 [getCurExternalContact] 16 40
}
