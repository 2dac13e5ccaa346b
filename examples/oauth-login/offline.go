package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// runOffline logs in against a fake WeCom with a scripted browser.
func runOffline(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewServer()
	defer fake.Close()
	fmt.Fprintln(stdout, "offline mode: a fake WeCom at", fake.URL(), "serves the login pages")

	c, err := work.New(work.Config{
		CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret,
	}, wecom.WithBaseURL(fake.URL()))
	if err != nil {
		return err
	}
	// The fake serves WeCom's login pages too.
	o := c.OAuth.WithEndpoints(oauth.Endpoints{OAuth: fake.URL(), Login: fake.URL()})

	l, base, err := demo.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	stop := demo.Background(l, newApp(c, o, base))
	defer stop()

	visit := func(label, userAgent, url string) (*demo.Page, error) {
		// A fresh browser each time; it follows redirects between this
		// server and the fake only.
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", userAgent)
		p, err := demo.Do(demo.Browser(base, fake.URL()), req)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stdout, "%s: HTTP %d %s\n", label, p.Status, p.Text())
		return p, nil
	}
	const inWeCom = "Mozilla/5.0 (iPhone) MicroMessenger/8.0 wxwork/4.1.0"
	const pcBrowser = "Mozilla/5.0 (Windows NT 10.0)"

	p, err := visit("inside WeCom", inWeCom, base+"/login")
	if err != nil {
		return err
	}
	if p.Status != http.StatusOK {
		return errors.New("login failed")
	}
	// The same callback URL again, as a second tab or an attacker would
	// open it: its state was used up.
	if _, err := visit("replayed callback", inWeCom, p.URL); err != nil {
		return err
	}
	fake.SetLoginUser("wangwu")
	if _, err := visit("PC browser", pcBrowser, base+"/login"); err != nil {
		return err
	}
	fake.SetLoginUser("not-a-member")
	if _, err := visit("outsider", inWeCom, base+"/login"); err != nil {
		return err
	}
	if _, err := visit("forged callback", pcBrowser, base+"/callback?code=stolen&state=guessed"); err != nil {
		return err
	}
	return stop()
}
