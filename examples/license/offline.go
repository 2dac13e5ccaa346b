package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/wecomtest"
)

// runOffline plays the loop against the fake WeCom and its license model.
func runOffline(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewServer()
	defer fake.Close()
	lic := wecomtest.NewLicense(fake)
	cbToken, cbKey := demo.CallbackSecrets()
	fmt.Fprintln(stdout, "offline mode: a fake WeCom at", fake.URL())

	p, err := openwork.New(openwork.Config{CorpID: wecomtest.DefaultProviderCorpID, ProviderSecret: wecomtest.DefaultProviderSecret},
		wecom.WithBaseURL(fake.URL()))
	if err != nil {
		return err
	}
	s, err := p.Suite(openwork.SuiteConfig{SuiteID: wecomtest.DefaultSuiteID, SuiteSecret: wecomtest.DefaultSuiteSecret,
		Token: cbToken, EncodingAESKey: cbKey})
	if err != nil {
		return err
	}
	corp := wecomtest.DefaultCorpID
	a := &app{p: p, corpID: corp, members: []string{"zhangsan", "lisi", "wangwu"}, out: stdout}
	h, err := a.handler(s)
	if err != nil {
		return err
	}
	l, base, err := demo.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	stop := demo.Background(l, h)
	defer stop()

	// zhangsan already holds an account from an earlier order.
	first, err := p.License.CreateNewOrder(ctx, openwork.LicenseNewOrderRequest{CorpID: corp, BuyerUserID: "boss",
		AccountCount: openwork.LicenseAccountCount{BaseCount: 1}, AccountDuration: openwork.LicenseDuration{Months: 12}})
	if err != nil {
		return err
	}
	if err := lic.Pay(first); err != nil {
		return err
	}
	for acc, err := range p.License.OrderAccounts(ctx, first, openwork.LicenseListRequest{}) {
		if err != nil {
			return err
		}
		if err := p.License.ActivateAccount(ctx, corp, acc.ActiveCode, "zhangsan"); err != nil {
			return err
		}
	}

	// The new order: three base accounts, paid in the console.
	order, err := p.License.CreateNewOrder(ctx, openwork.LicenseNewOrderRequest{CorpID: corp, BuyerUserID: "boss",
		AccountCount: openwork.LicenseAccountCount{BaseCount: 3}, AccountDuration: openwork.LicenseDuration{Months: 12}})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "order %s placed\n", order)
	if err := lic.Pay(order); err != nil {
		return err
	}
	// WeCom then pushes license_pay_success to the instruction URL.
	xml := fmt.Sprintf(`<xml><ServiceCorpId><![CDATA[%s]]></ServiceCorpId><InfoType><![CDATA[license_pay_success]]></InfoType>`+
		`<AuthCorpId><![CDATA[%s]]></AuthCorpId><OrderId><![CDATA[%s]]></OrderId><BuyerUserId><![CDATA[boss]]></BuyerUserId>`+
		`<TimeStamp>%d</TimeStamp></xml>`, wecomtest.DefaultProviderCorpID, corp, order, time.Now().Unix())
	cb := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey, ReceiverID: wecomtest.DefaultSuiteID}
	reply, err := fake.SendCallback(ctx, base+"/wecom/suite", cb, []byte(xml))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "WeCom got HTTP %d %q\n", reply.StatusCode, reply.Body)
	for _, m := range a.members {
		fmt.Fprintf(stdout, "%s licensed: %v\n", m, lic.Licensed(corp, m))
	}
	return stop()
}
