package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/wecomtest"
)

// runOffline plays WeCom's side with the fake.
func runOffline(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewServer()
	defer fake.Close()
	cbToken, cbKey := demo.CallbackSecrets()
	fmt.Fprintln(stdout, "offline mode: a fake WeCom at", fake.URL())

	tpl, err := newTemplate(wecomtest.DefaultProviderCorpID, wecomtest.DefaultTemplateID, wecomtest.DefaultTemplateSecret,
		cbToken, cbKey, wecom.WithBaseURL(fake.URL()))
	if err != nil {
		return err
	}
	a, err := newApp(tpl, stdout)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(callbackPath, a.handler)
	l, base, err := demo.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	stop := demo.Background(l, mux)
	defer stop()
	url := base + callbackPath
	cb := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey}

	// Saving the URL in the provider console: WeCom checks it with the
	// provider's corp id as receive id.
	verify := cb
	verify.ReceiverID = wecomtest.DefaultProviderCorpID
	if _, err := fake.VerifyURL(ctx, url, verify); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "template callback URL verified")

	if _, err := fake.PushSuiteTicket(ctx, url, wecomtest.DefaultTemplateID, cb); err != nil {
		return err
	}
	// An admin of Fake Corp scans the template's authorization QR code.
	if _, err := fake.PushCreateAuth(ctx, url, wecomtest.DefaultTemplateID, wecomtest.DefaultCorpID, cb); err != nil {
		return err
	}
	fmt.Fprintln(stdout, `create_auth answered "success" at once; the exchange runs in the background`)

	// Stop taking callbacks and let the queued ones finish.
	if err := errors.Join(stop(), a.drain()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "corp token calls: gettoken %d, service/get_corp_token %d\n",
		fake.Calls("/cgi-bin/gettoken"), fake.Calls("/cgi-bin/service/get_corp_token"))
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.corps[wecomtest.DefaultCorpID]; !ok {
		return errors.New("the authorization was not recorded")
	}
	return nil
}
