package wecomtest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/wecomtest"
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

	require.NoError(t, p.License.ActivateAccount(ctx, corp, c1, "zhangsan"))
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
