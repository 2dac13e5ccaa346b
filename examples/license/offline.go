package main

import (
	"context"
	"errors"
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
		if err := p.License.ActivateAccount(ctx, openwork.LicenseActivateRequest{CorpID: corp, ActiveCode: acc.ActiveCode, UserID: "zhangsan"}); err != nil {
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

	// The app is installed in Fake Corp; WeCom refuses its calls for a
	// member without an account and tells the data callback URL.
	if err := s.SetTicket(ctx, fake.IssueSuiteTicket(wecomtest.DefaultSuiteID)); err != nil {
		return err
	}
	auth, err := s.PermanentCode(ctx, fake.IssueAuthCode(wecomtest.DefaultSuiteID, corp))
	if err != nil {
		return err
	}
	c, err := s.Corp(openwork.CorpConfig{CorpID: corp, PermanentCode: auth.PermanentCode, AgentID: auth.AgentID()})
	if err != nil {
		return err
	}
	lic.NotifyUnlicensed(wecomtest.DefaultSuiteID, base+"/wecom/data", wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey})
	_, err = c.User.Get(ctx, "zhaoliu")
	if !errors.Is(err, wecom.ErrAccountInactiveOrExpired) {
		return fmt.Errorf("reading zhaoliu without an account: %v", err)
	}
	fmt.Fprintf(stdout, "the app reading zhaoliu: refused (%v)\n", wecom.ErrCode(err))
	for _, push := range lic.UnlicensedPushes() { // waits for the push
		if push.Err != nil {
			return push.Err
		}
	}
	u, err := c.User.Get(ctx, "zhaoliu")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "the app reading zhaoliu: %s\n", u.Name)
	return stop()
}
