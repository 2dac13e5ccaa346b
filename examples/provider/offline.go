package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/wecomtest"
)

// runOffline plays WeCom's side of the whole flow with the fake.
func runOffline(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewServer()
	defer fake.Close()
	cbToken, cbKey := demo.CallbackSecrets()
	fmt.Fprintln(stdout, "offline mode: a fake WeCom at", fake.URL())

	// The cache stands in for the Redis a real deployment shares.
	cache := token.NewMemoryCache()
	opts := []wecom.Option{wecom.WithBaseURL(fake.URL()), wecom.WithCache(cache)}
	suiteCfg := openwork.SuiteConfig{
		SuiteID: wecomtest.DefaultSuiteID, SuiteSecret: wecomtest.DefaultSuiteSecret,
		Token: cbToken, EncodingAESKey: cbKey,
		InstallBaseURL: fake.URL(), // the fake serves the install page too
	}
	p, err := openwork.New(openwork.Config{CorpID: wecomtest.DefaultProviderCorpID}, opts...)
	if err != nil {
		return err
	}
	s, err := p.Suite(suiteCfg)
	if err != nil {
		return err
	}
	l, base, err := demo.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	a, err := newApp(s, base, stdout)
	if err != nil {
		return err
	}
	stop := demo.Background(l, a.handler)
	defer stop()
	cb := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey}

	// 1. Saving the URLs in the provider console: WeCom checks them with
	// the provider's corp id as receive id.
	verify := cb
	verify.ReceiverID = wecomtest.DefaultProviderCorpID
	for _, path := range []string{instructionPath, dataPath + wecomtest.DefaultCorpID} {
		if _, err := fake.VerifyURL(ctx, base+path, verify); err != nil {
			return fmt.Errorf("verify %s: %w", path, err)
		}
	}
	fmt.Fprintln(stdout, "callback URLs verified")

	// 2. The suite_ticket push, every 10 minutes in real life.
	if _, err := fake.PushSuiteTicket(ctx, base+instructionPath, wecomtest.DefaultSuiteID, cb); err != nil {
		return err
	}

	// 3. An admin of Fake Corp installs the suite from the provider's site:
	// /install → WeCom's install page → /installed.
	page, err := demo.Get(ctx, demo.Browser(base, fake.URL()), base+"/install")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "install from the web site: HTTP %d %s\n", page.Status, page.Text())
	_, agentID, ok := fake.Authorization(wecomtest.DefaultSuiteID, wecomtest.DefaultCorpID)
	if !ok {
		return errors.New("the suite was not installed")
	}

	// 4. A member of Fake Corp writes to the app: a data callback,
	// encrypted for the corp.
	data := cb
	data.ReceiverID, data.AgentID = wecomtest.DefaultCorpID, strconv.FormatInt(agentID, 10)
	msg := fmt.Sprintf(`<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>`+
		`<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>`+
		`<MsgId>%d</MsgId><AgentID>%d</AgentID></xml>`, wecomtest.DefaultCorpID, time.Now().Unix(), time.Now().UnixNano(), agentID)
	reply, err := fake.SendCallback(ctx, base+dataPath+wecomtest.DefaultCorpID, data, []byte(msg))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "passive reply: %s\n", between(string(reply.Reply), "<Content><![CDATA[", "]]></Content>"))

	// 5. Another corp installs the suite from the app market: WeCom pushes
	// create_auth to the instruction URL instead of redirecting.
	if err := fake.AddCorp("wwothercorp", "Other Corp"); err != nil {
		return err
	}
	if _, err := fake.PushCreateAuth(ctx, base+instructionPath, wecomtest.DefaultSuiteID, "wwothercorp", cb); err != nil {
		return err
	}
	// Stop taking callbacks and let the queued create_auth finish.
	if err := errors.Join(stop(), a.drain()); err != nil {
		return err
	}

	// 6. A second instance of the service with the same cache gets the
	// suite token with the ticket the first one stored; an instance with a
	// cache of its own has no ticket until the next push.
	for _, c := range []struct {
		name  string
		cache token.Cache
	}{{"second instance, shared cache", cache}, {"second instance, own cache", token.NewMemoryCache()}} {
		p2, err := openwork.New(openwork.Config{CorpID: wecomtest.DefaultProviderCorpID}, wecom.WithBaseURL(fake.URL()), wecom.WithCache(c.cache))
		if err != nil {
			return err
		}
		s2, err := p2.Suite(suiteCfg)
		if err != nil {
			return err
		}
		_, err = s2.AccessToken(ctx)
		switch {
		case err == nil:
			fmt.Fprintf(stdout, "%s: suite token ok\n", c.name)
		case errors.Is(err, openwork.ErrNoSuiteTicket):
			fmt.Fprintf(stdout, "%s: no suite_ticket yet\n", c.name)
		default:
			return err
		}
	}
	return nil
}

// between returns the part of s between prefix and suffix, or s.
func between(s, prefix, suffix string) string {
	_, after, ok := strings.Cut(s, prefix)
	if !ok {
		return s
	}
	before, _, _ := strings.Cut(after, suffix)
	return before
}
