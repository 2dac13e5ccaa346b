package jssdk_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/wecomkit/wecom/jssdk"
	"github.com/wecomkit/wecom/token"
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

// Serving a page's signatures at /jssdk. accessToken is the app's token
// source; with a work.Client, use its JSSDK field instead of jssdk.New.
func ExampleConfigHandler() {
	var accessToken token.Invalidator // e.g. the work.Client's
	js := jssdk.New(jssdk.Config{CorpID: "ww1234567890abcdef", AgentID: 1000002}, accessToken)

	mux := http.NewServeMux()
	mux.Handle("GET /jssdk", &jssdk.ConfigHandler{
		Client:       js,
		AllowedHosts: []string{"app.example.com"},
		Options:      []jssdk.ConfigOption{jssdk.WithJSAPIList("selectExternalContact", "getCurExternalContact")},
	})
	// Serve mux: http.ListenAndServe(":8080", mux)
}

// Rendering the parameters into a page on the server.
func ExampleClient_AgentConfig() {
	var accessToken token.Invalidator // e.g. the work.Client's
	js := jssdk.New(jssdk.Config{CorpID: "ww1234567890abcdef", AgentID: 1000002}, accessToken)

	cfg, err := js.AgentConfig(context.Background(), "https://app.example.com/sidebar?chat=1",
		jssdk.WithJSAPIList("getCurExternalContact"))
	if err != nil {
		return // wecom.ErrConfig here: the example has no token source
	}
	b, _ := json.Marshal(cfg) // {"corpid":…,"agentid":"1000002","timestamp":…,"nonceStr":…,"signature":…,"jsApiList":[…]}
	fmt.Printf("<script>wx.agentConfig(Object.assign(%s, {success: start}))</script>\n", b)
}
