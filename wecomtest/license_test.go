package wecomtest_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/wecomtest/testclient"
	"github.com/wecomkit/wecom/work"
)

// The license model: an unpaid order has no accounts; a paid one has
// codes that activate once, a second activation of a code failing with
// 701003 in the batch result while the others go through.
func TestLicenseModel(t *testing.T) {
	fake := wecomtest.NewServer()
	defer fake.Close()
	lic := wecomtest.NewLicense(fake)
	p, err := openwork.New(openwork.Config{CorpID: wecomtest.DefaultProviderCorpID, ProviderSecret: wecomtest.DefaultProviderSecret},
		wecom.WithBaseURL(fake.URL()))
	require.NoError(t, err)
	ctx := context.Background()
	corp := wecomtest.DefaultCorpID

	id, err := p.License.CreateNewOrder(ctx, openwork.LicenseNewOrderRequest{CorpID: corp, BuyerUserID: "boss",
		AccountCount: openwork.LicenseAccountCount{BaseCount: 2}})
	require.NoError(t, err)
	_, err = p.License.ListOrderAccounts(ctx, id, openwork.LicenseListRequest{})
	assert.ErrorIs(t, err, wecom.ErrInvalidLicenseOrder, "not paid yet")
	o, err := p.License.Order(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, openwork.LicenseOrderUnpaid, o.OrderStatus)

	require.NoError(t, lic.Pay(id))
	pg, err := p.License.ListOrderAccounts(ctx, id, openwork.LicenseListRequest{})
	require.NoError(t, err)
	require.Len(t, pg.AccountList, 2)
	c1, c2 := pg.AccountList[0].ActiveCode, pg.AccountList[1].ActiveCode

	require.NoError(t, p.License.ActivateAccount(ctx, openwork.LicenseActivateRequest{CorpID: corp, ActiveCode: c1, UserID: "zhangsan"}))
	res, err := p.License.BatchActivateAccounts(ctx, corp, []openwork.LicenseActivation{{ActiveCode: c1, UserID: "lisi"}, {ActiveCode: c2, UserID: "lisi"}})
	require.NoError(t, err)
	require.Len(t, res.Failed(), 1)
	assert.ErrorIs(t, res.Failed()[0].Err(), wecom.ErrActiveCodeBound)
	assert.True(t, lic.Licensed(corp, "zhangsan"))
	assert.True(t, lic.Licensed(corp, "lisi"))
	assert.False(t, lic.Licensed(corp, "wangwu"))
	info, err := p.License.ActiveInfoByUser(ctx, corp, "wangwu")
	require.NoError(t, err)
	assert.Equal(t, 0, info.ActiveStatus)
}

// The license gate end to end: a third-party app acting for a member
// without an account gets 701016 and the suite's data callback URL gets a
// typed unlicensed_notify; once a code is activated for the member, the
// same call succeeds. The customer-contact call needs an interop account
// (701008), and a self-built app is never gated.
func TestUnlicensedMemberIsRefusedUntilActivated(t *testing.T) {
	fake := wecomtest.NewTestServer(t)
	lic := wecomtest.NewLicense(fake)
	ctx := context.Background()
	corpID := wecomtest.DefaultCorpID

	const token, aesKey = "licensegate", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	p, err := openwork.New(openwork.Config{CorpID: wecomtest.DefaultProviderCorpID, ProviderSecret: wecomtest.DefaultProviderSecret},
		wecom.WithBaseURL(fake.URL()))
	require.NoError(t, err)
	s, err := p.Suite(openwork.SuiteConfig{SuiteID: wecomtest.DefaultSuiteID, SuiteSecret: wecomtest.DefaultSuiteSecret,
		Token: token, EncodingAESKey: aesKey})
	require.NoError(t, err)
	require.NoError(t, s.SetTicket(ctx, fake.IssueSuiteTicket(wecomtest.DefaultSuiteID)))
	auth, err := s.PermanentCode(ctx, fake.IssueAuthCode(wecomtest.DefaultSuiteID, corpID))
	require.NoError(t, err)
	agentID := auth.AgentID()
	c, err := s.Corp(openwork.CorpConfig{CorpID: corpID, PermanentCode: auth.PermanentCode, AgentID: agentID})
	require.NoError(t, err)

	type notice struct {
		corp, user string
		agent      int64
	}
	got := make(chan notice, 4)
	r := message.NewRouter()
	message.On(r, func(_ context.Context, m *message.Message, _ *message.UnlicensedNotify) (message.Reply, error) {
		got <- notice{m.AuthCorpID, m.FromUserName, m.AgentID}
		return nil, nil
	})
	h, err := s.DataCallbackHandler(r)
	require.NoError(t, err)
	data := httptest.NewServer(h)
	defer data.Close()
	lic.NotifyUnlicensed(wecomtest.DefaultSuiteID, data.URL+"/wecom/data", wecomtest.CallbackConfig{Token: token, EncodingAESKey: aesKey})

	// lisi has no account: refused, and WeCom tells the provider.
	_, err = c.User.Get(ctx, "lisi")
	var apiErr *wecom.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, wecom.ErrAccountInactiveOrExpired)
	select {
	case n := <-got:
		assert.Equal(t, notice{corpID, "lisi", agentID}, n)
	case <-time.After(5 * time.Second):
		t.Fatal("no unlicensed_notify on the data callback URL")
	}
	pushes := lic.UnlicensedPushes()
	require.Len(t, pushes, 1)
	assert.NoError(t, pushes[0].Err)

	// A message from the app reaches only licensed members: WeCom names the
	// others in unlicenseduser, once each, and does not deliver to them.
	res, err := c.Message.Send(ctx, work.SendRequest{To: work.Recipients{Users: []string{"lisi", "nobody", "lisi"}},
		Msg: work.Text{Content: "hi"}, AgentID: agentID})
	require.NoError(t, err)
	assert.Equal(t, []string{"lisi"}, res.UnlicensedUsers)
	assert.Equal(t, []string{"nobody"}, res.InvalidUsers)
	sent := fake.Sent()
	require.NotEmpty(t, sent)
	assert.NotContains(t, sent[len(sent)-1].To.Users, "lisi", "not delivered to the unlicensed member")

	// The self-built app of the same corp reads lisi as before.
	self := testclient.Work(t, fake)
	_, err = self.User.Get(ctx, "lisi")
	require.NoError(t, err)

	// A base account for lisi: the same call succeeds, no new push.
	id, err := p.License.CreateNewOrder(ctx, openwork.LicenseNewOrderRequest{CorpID: corpID, BuyerUserID: "boss",
		AccountCount: openwork.LicenseAccountCount{BaseCount: 1, ExternalContactCount: 1}})
	require.NoError(t, err)
	require.NoError(t, lic.Pay(id))
	codes := map[int]string{}
	for acc, err := range p.License.OrderAccounts(ctx, id, openwork.LicenseListRequest{}) {
		require.NoError(t, err)
		codes[acc.Type] = acc.ActiveCode
	}
	require.NoError(t, p.License.ActivateAccount(ctx, openwork.LicenseActivateRequest{CorpID: corpID, ActiveCode: codes[openwork.LicenseTypeBase], UserID: "lisi"}))
	u, err := c.User.Get(ctx, "lisi")
	require.NoError(t, err)
	assert.Equal(t, "lisi", u.UserID)
	res, err = c.Message.Send(ctx, work.SendRequest{To: work.Recipients{Users: []string{"lisi"}},
		Msg: work.Text{Content: "hi"}, AgentID: agentID})
	require.NoError(t, err)
	assert.Empty(t, res.UnlicensedUsers)

	// Customer contact needs an interop account: a base one is not enough.
	_, err = c.ExternalContact.List(ctx, "lisi")
	assert.ErrorIs(t, err, wecom.ErrNoInteropLicense)
	require.NoError(t, p.License.ActivateAccount(ctx, openwork.LicenseActivateRequest{CorpID: corpID, ActiveCode: codes[openwork.LicenseTypeExternalContact], UserID: "lisi"}))
	_, err = c.ExternalContact.List(ctx, "lisi")
	assert.NotErrorIs(t, err, wecom.ErrNoInteropLicense)
	assert.Len(t, lic.UnlicensedPushes(), 2, "one push per refused call")
}

// loginCode follows the fake's authorize page for appID (a corp or a
// suite) as the member chosen with SetLoginUser and returns the code.
func loginCode(t *testing.T, fake *wecomtest.Server, appID string, agentID int64) string {
	t.Helper()
	q := url.Values{"appid": {appID}, "redirect_uri": {"https://app.example.com/cb"}, "response_type": {"code"},
		"scope": {"snsapi_base"}, "state": {"s"}}
	if agentID != 0 {
		q.Set("agentid", strconv.FormatInt(agentID, 10))
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(fake.URL() + "/connect/oauth2/authorize?" + q.Encode())
	require.NoError(t, err)
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	code := loc.Query().Get("code")
	require.NotEmpty(t, code, "redirect %s", loc)
	return code
}

// The gate covers the member logins too: a customized app's
// auth/getuserinfo and a third-party app's getuserinfo3rd are refused for a
// member without an account, and a refused code is not used up, so the
// same code works once the member has one. A customized app's token
// (gettoken with the permanent code) is gated like a third-party one.
func TestLicenseGateCoversLoginsAndCustomizedApps(t *testing.T) {
	fake := wecomtest.NewTestServer(t)
	lic := wecomtest.NewLicense(fake)
	ctx := context.Background()
	corpID := wecomtest.DefaultCorpID

	tpl := testclient.Template(t, fake)
	auth, err := tpl.PermanentCode(ctx, fake.IssueAuthCode(wecomtest.DefaultTemplateID, corpID))
	require.NoError(t, err)
	app, err := tpl.Corp(openwork.CorpConfig{CorpID: corpID, PermanentCode: auth.PermanentCode, AgentID: auth.AgentID()})
	require.NoError(t, err)
	_, err = app.User.Get(ctx, "lisi")
	assert.ErrorIs(t, err, wecom.ErrAccountInactiveOrExpired, "a customized app is gated")

	fake.SetLoginUser("lisi")
	code := loginCode(t, fake, corpID, auth.AgentID())
	_, err = app.OAuth.UserFromCode(ctx, code)
	assert.ErrorIs(t, err, wecom.ErrAccountInactiveOrExpired)

	su := testclient.Suite(t, fake)
	_, err = su.PermanentCode(ctx, fake.IssueAuthCode(wecomtest.DefaultSuiteID, corpID))
	require.NoError(t, err)
	code3rd := loginCode(t, fake, wecomtest.DefaultSuiteID, 0)
	_, err = su.OAuth().UserFromCode(ctx, code3rd)
	assert.ErrorIs(t, err, wecom.ErrAccountInactiveOrExpired)

	// No push without a data callback URL: the refusals are not recorded.
	assert.Empty(t, lic.UnlicensedPushes())

	p := testclient.Provider(t, fake)
	id, err := p.License.CreateNewOrder(ctx, openwork.LicenseNewOrderRequest{CorpID: corpID, BuyerUserID: "boss",
		AccountCount: openwork.LicenseAccountCount{BaseCount: 1}})
	require.NoError(t, err)
	require.NoError(t, lic.Pay(id))
	pg, err := p.License.ListOrderAccounts(ctx, id, openwork.LicenseListRequest{})
	require.NoError(t, err)
	require.NoError(t, p.License.ActivateAccount(ctx, openwork.LicenseActivateRequest{CorpID: corpID, ActiveCode: pg.AccountList[0].ActiveCode, UserID: "lisi"}))

	who, err := app.OAuth.UserFromCode(ctx, code)
	require.NoError(t, err, "the refused code was not used up")
	assert.Equal(t, "lisi", who.UserID)
	who3rd, err := su.OAuth().UserFromCode(ctx, code3rd)
	require.NoError(t, err)
	assert.Equal(t, "lisi", who3rd.UserID)
	_, err = app.User.Get(ctx, "lisi")
	assert.NoError(t, err)
}

// A push still in flight when a NewTestServer's test ends is cancelled
// and waited for: no goroutine outlives the test.
func TestUnlicensedPushEndsWithTheTest(t *testing.T) {
	started, cancelled := make(chan struct{}), make(chan struct{})
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // a closed connection cancels r's context once the body is read
		close(started)
		select {
		case <-r.Context().Done():
			close(cancelled)
		case <-time.After(10 * time.Second):
		}
	}))
	defer receiver.Close()
	var lic *wecomtest.License
	t.Run("refused", func(t *testing.T) {
		fake := wecomtest.NewTestServer(t)
		lic = wecomtest.NewLicense(fake)
		lic.NotifyUnlicensed(wecomtest.DefaultTemplateID, receiver.URL,
			wecomtest.CallbackConfig{Token: "tok", EncodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"})
		tpl := testclient.Template(t, fake)
		auth, err := tpl.PermanentCode(t.Context(), fake.IssueAuthCode(wecomtest.DefaultTemplateID, wecomtest.DefaultCorpID))
		require.NoError(t, err)
		app, err := tpl.Corp(openwork.CorpConfig{CorpID: wecomtest.DefaultCorpID, PermanentCode: auth.PermanentCode, AgentID: auth.AgentID()})
		require.NoError(t, err)
		_, err = app.User.Get(t.Context(), "lisi")
		require.ErrorIs(t, err, wecom.ErrAccountInactiveOrExpired)
		<-started
	})
	select {
	case <-cancelled: // the receiver sees the closed connection a moment later
	case <-time.After(2 * time.Second): // the push's own budget is AppCallbackBudget
		t.Fatal("the push was not cancelled when the test ended")
	}
	pushes := lic.UnlicensedPushes()
	require.Len(t, pushes, 1)
	assert.ErrorIs(t, pushes[0].Err, context.Canceled)
}
