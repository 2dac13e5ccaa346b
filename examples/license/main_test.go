package main

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demotest"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/wecomtest/testclient"
)

// TestOffline runs the loop end to end against the fake: order placed and
// paid, license_pay_success on the instruction URL, the free codes
// activated for the members without an account, and only for them; then
// the installed app is refused for a member without an account until
// unlicensed_notify on the data URL got the kept code activated for him.
func TestOffline(t *testing.T) {
	demotest.Offline(t, run,
		"order OI",
		"zhangsan already has an account",
		"activated LC",
		"for lisi",
		"for wangwu",
		`WeCom got HTTP 200 "success"`,
		"zhangsan licensed: true",
		"lisi licensed: true",
		"wangwu licensed: true",
		"the app reading zhaoliu: refused (701016)",
		"unlicensed_notify: zhaoliu of wwfakecorp has no account",
		"for zhaoliu",
		"the app reading zhaoliu: 赵六",
	)
}

func TestOnlineNeedsSettings(t *testing.T) {
	demotest.Refused(t, run, map[string]string{"WECOM_SUITE_ID": "wwsuite"},
		"WECOM_PROVIDER_CORP_ID", "WECOM_PROVIDER_SECRET", "WECOM_CORP_ID", "WECOM_MEMBERS")
}

// licensedApp returns an app holding the n base-account codes of a paid
// order of the fake corp as spare codes, and the fake.
func licensedApp(t *testing.T, n int) (*app, *wecomtest.Server) {
	t.Helper()
	fake := wecomtest.NewTestServer(t)
	lic := wecomtest.NewLicense(fake)
	p := testclient.Provider(t, fake)
	ctx := t.Context()
	order, err := p.License.CreateNewOrder(ctx, openwork.LicenseNewOrderRequest{CorpID: wecomtest.DefaultCorpID,
		BuyerUserID: "boss", AccountCount: openwork.LicenseAccountCount{BaseCount: int64(n)}})
	require.NoError(t, err)
	require.NoError(t, lic.Pay(order))
	a := &app{p: p, corpID: wecomtest.DefaultCorpID, out: io.Discard}
	for acc, err := range p.License.OrderAccounts(ctx, order, openwork.LicenseListRequest{}) {
		require.NoError(t, err)
		a.spare = append(a.spare, acc.ActiveCode)
	}
	require.Len(t, a.spare, n)
	return a, fake
}

// WeCom pushes unlicensed_notify for each refused call: a second push for
// a member who got an account meanwhile spends no second code.
func TestUnlicensedTwiceSpendsOneCode(t *testing.T) {
	a, _ := licensedApp(t, 2)
	ctx := t.Context()
	require.NoError(t, a.onUnlicensed(ctx, wecomtest.DefaultCorpID, "zhaoliu"))
	require.NoError(t, a.onUnlicensed(ctx, wecomtest.DefaultCorpID, "zhaoliu"))
	assert.Len(t, a.spare, 1, "one code kept")
	info, err := a.p.License.ActiveInfoByUser(ctx, wecomtest.DefaultCorpID, "zhaoliu")
	require.NoError(t, err)
	assert.Len(t, info.ActiveInfoList, 1, "one account for zhaoliu")
}

// A refused activation keeps the code: the push WeCom repeats (the
// handler failed) activates it.
func TestUnlicensedFailedActivationKeepsCode(t *testing.T) {
	a, fake := licensedApp(t, 1)
	ctx := t.Context()
	require.NoError(t, fake.FailNext("/cgi-bin/license/active_account", 701012, ""))
	err := a.onUnlicensed(ctx, wecomtest.DefaultCorpID, "zhaoliu")
	require.ErrorIs(t, err, wecom.ErrActiveCodeBindExpired)
	assert.Len(t, a.spare, 1, "the code is kept")
	require.NoError(t, a.onUnlicensed(ctx, wecomtest.DefaultCorpID, "zhaoliu"))
	assert.Empty(t, a.spare)
	info, err := a.p.License.ActiveInfoByUser(ctx, wecomtest.DefaultCorpID, "zhaoliu")
	require.NoError(t, err)
	assert.Equal(t, 1, info.ActiveStatus)
}
