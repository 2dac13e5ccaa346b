package openwork_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/wecomtest"
)

// A third-party suite from its first suite_ticket to a call on behalf of
// the corp that installed it, against the fake WeCom of wecomtest: in
// production, leave out WithBaseURL and InstallBaseURL, and serve the
// handler on the suite's instruction callback URL.
func Example() {
	ctx := context.Background()
	fake := wecomtest.NewServer()
	defer fake.Close()

	p, err := openwork.New(openwork.Config{
		CorpID:         wecomtest.DefaultProviderCorpID,
		ProviderSecret: wecomtest.DefaultProviderSecret,
	}, wecom.WithBaseURL(fake.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	const token, aesKey = "suiteToken", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	suite, err := p.Suite(openwork.SuiteConfig{
		SuiteID: wecomtest.DefaultSuiteID, SuiteSecret: wecomtest.DefaultSuiteSecret,
		Token: token, EncodingAESKey: aesKey,
		InstallBaseURL: fake.URL(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	// The instruction callback URL: suite_ticket is stored by the handler
	// itself; other InfoTypes reach the router. Answer within 1 second.
	r := message.NewRouter()
	message.On(r, func(_ context.Context, m *message.Message, e *message.CreateAuth) (message.Reply, error) {
		fmt.Println("create_auth for suite", m.SuiteID)
		return nil, nil // exchange e.AuthCode with suite.PermanentCode, in the background
	})
	h, err := suite.CallbackHandler(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	// WeCom pushes a suite_ticket every 10 minutes; the fake pushes one now.
	cb := wecomtest.CallbackConfig{Token: token, EncodingAESKey: aesKey}
	if _, err := fake.PushSuiteTicket(ctx, srv.URL, wecomtest.DefaultSuiteID, cb); err != nil {
		fmt.Println(err)
		return
	}
	_, err = suite.Ticket(ctx)
	fmt.Println("suite_ticket stored:", err == nil)

	// A corp installs the app: WeCom pushes create_auth with an auth code.
	authCode, err := fake.PushCreateAuth(ctx, srv.URL, wecomtest.DefaultSuiteID, wecomtest.DefaultCorpID, cb)
	if err != nil {
		fmt.Println(err)
		return
	}
	auth, err := suite.PermanentCode(ctx, authCode)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("installed in", auth.AuthCorpInfo.CorpID, auth.AuthCorpInfo.CorpName)

	// Keep auth.PermanentCode (encrypted); with it, act for the corp.
	corp, err := suite.Corp(openwork.CorpConfig{
		CorpID: auth.AuthCorpInfo.CorpID, PermanentCode: auth.PermanentCode, AgentID: auth.AgentID(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	u, err := corp.User.Get(ctx, "zhangsan")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.UserID, u.Name)
	// Output:
	// suite_ticket stored: true
	// create_auth for suite wwfakesuite
	// installed in wwfakecorp Fake Corp
	// zhangsan 张三
}

// newExampleProvider returns a provider against the fake WeCom of
// wecomtest, which answers the calls below with their documented samples.
func newExampleProvider(fake *wecomtest.Server) (*openwork.Provider, error) {
	return openwork.New(openwork.Config{
		CorpID:         wecomtest.DefaultProviderCorpID,
		ProviderSecret: wecomtest.DefaultProviderSecret,
	}, wecom.WithBaseURL(fake.URL()))
}

// A third-party app sees members by open ids only; the contact search
// finds them by name in an authorized corp.
func ExampleContactService_Search() {
	ctx := context.Background()
	fake := wecomtest.NewServer()
	defer fake.Close()
	p, err := newExampleProvider(fake)
	if err != nil {
		fmt.Println(err)
		return
	}
	found, err := p.Contact.Search(ctx, openwork.ContactSearchRequest{AuthCorpID: "wwcorp", QueryWord: "zhang", QueryType: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(found.QueryResult.User.OpenUserID, "last page:", found.IsLast)
	// Output:
	// [wwxxxx wwxxxa] last page: false
}

// Paid-app orders take the paid app's suite_access_token, so they are
// called through the Suite.
func ExampleOrderService_List() {
	ctx := context.Background()
	fake := wecomtest.NewServer()
	defer fake.Close()
	p, err := newExampleProvider(fake)
	if err != nil {
		fmt.Println(err)
		return
	}
	suite, err := p.Suite(openwork.SuiteConfig{SuiteID: wecomtest.DefaultSuiteID, SuiteSecret: wecomtest.DefaultSuiteSecret})
	if err != nil {
		fmt.Println(err)
		return
	}
	// In production the suite callback handler stores the pushed ticket.
	if err := suite.SetTicket(ctx, fake.IssueSuiteTicket(wecomtest.DefaultSuiteID)); err != nil {
		fmt.Println(err)
		return
	}
	orders, err := suite.Order.List(ctx, openwork.AppOrderListRequest{StartTime: 1526659200, EndTime: 1526659299})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range orders {
		fmt.Println(o.OrderID, o.EditionName, o.Price)
	}
	// Output:
	// 2018091822ks1sd3s 协同版 100
}

// The hardware calls name devices by their serial number.
func ExampleDeviceService_List() {
	ctx := context.Background()
	fake := wecomtest.NewServer()
	defer fake.Close()
	p, err := newExampleProvider(fake)
	if err != nil {
		fmt.Println(err)
		return
	}
	devices, err := p.Device.List(ctx, openwork.DeviceListRequest{Offset: 0, Limit: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range devices {
		fmt.Println(d.DeviceSN, d.ModelID)
	}
	// Output:
	// xxxx xxx
}
