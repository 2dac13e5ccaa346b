package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/jssdk"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// runOffline plays the WeCom client: it opens the sidebar (logging in
// through the fake's OAuth page), fetches and checks the agentConfig
// signature, and asks for the current customer as the page's script would.
func runOffline(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewServer()
	defer fake.Close()
	fmt.Fprintln(stdout, "offline mode: a fake WeCom at", fake.URL())

	c, err := work.New(work.Config{
		CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret,
	}, wecom.WithBaseURL(fake.URL()))
	if err != nil {
		return err
	}
	o := c.OAuth.WithEndpoints(oauth.Endpoints{OAuth: fake.URL()})
	l, base, err := demo.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	stop := demo.Background(l, newApp(c, o, base))
	defer stop()

	// 1. WeCom opens the sidebar page, with its query string; OAuth logs
	// the member in and the page comes back with the same query.
	browser := demo.Browser(base, fake.URL())
	opened := base + "/?entry=single_chat_tools&from=menu%20bar"
	p, err := demo.Get(ctx, browser, opened)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sidebar page: HTTP %d, calls wx.agentConfig: %t\n", p.Status, strings.Contains(p.Body, "wx.agentConfig("))
	fmt.Fprintf(stdout, "after the OAuth round trip: %s, query kept: %t\n", strings.TrimPrefix(p.URL, base), p.URL == opened)

	// 2. The page asks for wx.agentConfig's parameters for its URL.
	signed, err := demo.Get(ctx, browser, base+"/jssdk?type=agentConfig&url="+url.QueryEscape(p.URL))
	if err != nil {
		return err
	}
	var cfg jssdk.ConfigResponse
	if err := json.Unmarshal([]byte(signed.Body), &cfg); err != nil || cfg.AgentConfig == nil {
		return fmt.Errorf("jssdk answered HTTP %d %s", signed.Status, signed.Body)
	}
	ac := cfg.AgentConfig
	// WeCom checks the signature in the client; here we recompute it with
	// the agent ticket, which only the server holds.
	ticket, err := c.JSSDK.AgentTicket(ctx)
	if err != nil {
		return err
	}
	ok := jssdk.Sign(ticket, ac.NonceStr, ac.Timestamp, p.URL) == ac.Signature
	fmt.Fprintf(stdout, "wx.agentConfig: corpid %s, agentid %s, jsApiList %v, signature valid: %t\n", ac.CorpID, ac.AgentID, ac.JSAPIList, ok)

	// 3. getCurExternalContact gave the page an external_userid; the page
	// asks the server for the profile.
	for _, id := range []string{"wmFakeExternal001", "wmFakeExternal002"} {
		r, err := demo.Get(ctx, browser, base+"/api/customer?external_userid="+id)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "customer %s: HTTP %d %s", id, r.Status, r.Body)
	}

	// Without a session, and for a member who does not follow the
	// customer, the API answers nothing.
	r, err := demo.Get(ctx, demo.Browser(), base+"/api/customer?external_userid=wmFakeExternal001")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "without a session: HTTP %d\n", r.Status)
	fake.SetLoginUser("lisi")
	lisi := demo.Browser(base, fake.URL())
	if _, err := demo.Get(ctx, lisi, base+"/"); err != nil {
		return err
	}
	r, err = demo.Get(ctx, lisi, base+"/api/customer?external_userid=wmFakeExternal001")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "lisi asks for zhangsan's customer: HTTP %d %s", r.Status, r.Body)
	return stop()
}
