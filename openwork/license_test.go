package openwork

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/token"
)

func newLicenseProvider(t *testing.T) (*fake, *Provider) {
	t.Helper()
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider", ProviderSecret: "PROVIDER-SECRET"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	f.on(http.MethodPost, "/cgi-bin/service/get_provider_token", func(url.Values, map[string]any) any {
		return map[string]any{"provider_access_token": "PTOKEN", "expires_in": 7200}
	})
	return f, p
}

// A batch activation WeCom accepts as a whole keeps the failure of each
// account: which code, which member, and why, as a named error.
func TestBatchActivateReportsEachFailure(t *testing.T) {
	f, p := newLicenseProvider(t)
	f.on(http.MethodPost, "/cgi-bin/license/batch_active_account", func(q url.Values, _ map[string]any) any {
		assert.Equal(t, "PTOKEN", q.Get("provider_access_token"), "provider credential")
		return json.RawMessage(`{"errcode":0,"errmsg":"ok","active_result":[{"active_code":"C1","userid":"u1","errcode":0},` +
			`{"active_code":"C2","userid":"u2","errcode":701003},{"active_code":"C3","userid":"u3","errcode":"701002"}]}`)
	})
	res, err := p.License.BatchActivateAccounts(context.Background(), "wwcorp",
		[]LicenseActivation{{"C1", "u1"}, {"C2", "u2"}, {"C3", "u3"}})
	require.NoError(t, err)
	require.Len(t, res, 3)
	assert.NoError(t, res[0].Err())
	failed := res.Failed()
	require.Len(t, failed, 2)
	assert.Equal(t, "C2", failed[0].ActiveCode)
	assert.True(t, errors.Is(failed[0].Err(), wecom.ErrActiveCodeBound), "named errcode: %v", failed[0].Err())
	assert.Equal(t, "u3", failed[1].UserID)
	assert.True(t, errors.Is(failed[1].Err(), wecom.ErrInvalidLicenseAccount), "a string errcode still names it")
	var ae *wecom.APIError
	require.ErrorAs(t, failed[1].Err(), &ae)
	assert.Equal(t, "/cgi-bin/license/batch_active_account", ae.Path)
}

func TestBatchActivateNeedsAnActivation(t *testing.T) {
	f, p := newLicenseProvider(t)
	_, err := p.License.BatchActivateAccounts(context.Background(), "wwcorp", nil)
	assert.ErrorIs(t, err, ErrInvalidLicenseRequest)
	assert.Zero(t, f.count("/cgi-bin/license/batch_active_account"), "nothing sent")
}

func TestBatchShareNeedsACode(t *testing.T) {
	f, p := newLicenseProvider(t)
	_, err := p.License.BatchShareActiveCodes(context.Background(), LicenseShareRequest{FromCorpID: "wwup", ToCorpID: "wwdown"})
	assert.ErrorIs(t, err, ErrInvalidLicenseRequest)
	assert.Zero(t, f.count("/cgi-bin/license/batch_share_active_code"), "nothing sent")
}

// The zero LicenseAutoActiveRequest.On turns automatic activation off
// (auto_active_status 0 is sent, not left out).
func TestSetAutoActiveStatusOff(t *testing.T) {
	f, p := newLicenseProvider(t)
	var sent map[string]any
	f.on(http.MethodPost, "/cgi-bin/license/set_auto_active_status", func(_ url.Values, body map[string]any) any {
		sent = body
		return map[string]any{"errcode": 0, "errmsg": "ok"}
	})
	require.NoError(t, p.License.SetAutoActiveStatus(context.Background(), LicenseAutoActiveRequest{CorpID: "wwcorp"}))
	assert.Equal(t, map[string]any{"corpid": "wwcorp", "auto_active_status": float64(0)}, sent)
}

// Activation is never repeated after a transient failure: a repeat of a
// call that went through would fail (701003) or bind twice.
func TestActivateAccountIsNotRepeated(t *testing.T) {
	f, p := newLicenseProvider(t)
	f.on(http.MethodPost, "/cgi-bin/license/active_account", func(url.Values, map[string]any) any {
		return map[string]any{"errcode": -1, "errmsg": "system busy"}
	})
	err := p.License.ActivateAccount(context.Background(), LicenseActivateRequest{CorpID: "wwcorp", ActiveCode: "C1", UserID: "u1"})
	require.Error(t, err)
	assert.Equal(t, 1, f.count("/cgi-bin/license/active_account"))
}

// Lists walk their cursors; a string number or "" for 0 never fails a page.
func TestLicenseListsFollowCursors(t *testing.T) {
	f, p := newLicenseProvider(t)
	var cursors []any
	f.on(http.MethodPost, "/cgi-bin/license/list_actived_account", func(_ url.Values, body map[string]any) any {
		cursors = append(cursors, body["cursor"])
		assert.Equal(t, "wwcorp", body["corpid"])
		if body["cursor"] == nil {
			return json.RawMessage(`{"errcode":0,"errmsg":"ok","next_cursor":"P2","has_more":"1","account_list":[{"userid":"u1","type":"1","expire_time":"","active_time":1500000000}]}`)
		}
		return json.RawMessage(`{"errcode":0,"errmsg":"ok","next_cursor":"","has_more":0,"account_list":[{"userid":"u2","type":2,"expire_time":1600000000,"active_time":1500000000}]}`)
	})
	var got []LicenseActivatedAccount
	for a, err := range p.License.ActivatedAccounts(context.Background(), "wwcorp", LicenseListRequest{}) {
		require.NoError(t, err)
		got = append(got, a)
	}
	assert.Equal(t, []any{nil, "P2"}, cursors)
	assert.Equal(t, []LicenseActivatedAccount{{UserID: "u1", Type: 1, ActiveTime: 1500000000}, {UserID: "u2", Type: 2, ActiveTime: 1500000000, ExpireTime: 1600000000}}, got)
}

func TestLicenseListStopsAtTheFirstError(t *testing.T) {
	f, p := newLicenseProvider(t)
	f.on(http.MethodPost, "/cgi-bin/license/list_order", func(url.Values, map[string]any) any {
		return map[string]any{"errcode": 701005, "errmsg": "invalid order"}
	})
	n := 0
	for _, err := range p.License.Orders(context.Background(), LicenseListOrdersRequest{}) {
		n++
		assert.ErrorIs(t, err, wecom.ErrInvalidLicenseOrder)
	}
	assert.Equal(t, 1, n)
}

// The license callbacks reach their typed handlers through the suite's
// instruction URL, whichever receive id WeCom encrypts them for.
func TestLicenseCallbacksRouteOnTheInstructionURL(t *testing.T) {
	p, err := New(Config{CorpID: "wwprovider"})
	require.NoError(t, err)
	s := newCallbackSuite(t, p, "wwsuite1")
	got := make(chan string, 8)
	r := message.NewRouter()
	message.On(r, func(_ context.Context, _ *message.Message, e *message.LicensePaySuccess) (message.Reply, error) {
		got <- "paid:" + e.OrderID + ":" + e.BuyerUserID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, e *message.LicenseRefund) (message.Reply, error) {
		got <- "refund:" + e.OrderID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, e *message.AutoActivate) (message.Reply, error) {
		got <- "auto:" + e.AccountList[0].UserID
		return nil, nil
	})
	message.On(r, func(_ context.Context, m *message.Message, e *message.SuiteUnlicensedNotify) (message.Reply, error) {
		got <- "unlicensed:" + m.AuthCorpID + ":" + e.ServiceCorpID
		return nil, nil
	})
	h, err := s.CallbackHandler(r)
	require.NoError(t, err)
	head := "<xml><ServiceCorpId><![CDATA[wwprovider]]></ServiceCorpId><AuthCorpId><![CDATA[wwcorp]]></AuthCorpId><TimeStamp>1700000000</TimeStamp>"
	for _, tc := range []struct{ receiver, xml, want string }{
		{"wwsuite1", head + "<InfoType><![CDATA[license_pay_success]]></InfoType><OrderId><![CDATA[OI1]]></OrderId><BuyerUserId><![CDATA[boss]]></BuyerUserId></xml>", "paid:OI1:boss"},
		{"wwprovider", head + "<InfoType><![CDATA[license_refund]]></InfoType><OrderId><![CDATA[OI2]]></OrderId><OrderStatus>5</OrderStatus></xml>", "refund:OI2"},
		{"wwsuite1", head + "<InfoType><![CDATA[auto_activate]]></InfoType><Scene>1</Scene><AccountList><ActiveCode><![CDATA[C1]]></ActiveCode>" +
			"<Type>1</Type><ExpireTime>1800000000</ExpireTime><UserId><![CDATA[u9]]></UserId><PreviousStatus>1</PreviousStatus></AccountList></xml>", "auto:u9"},
		{"wwsuite1", head + "<InfoType><![CDATA[unlicensed_notify]]></InfoType><AgentID>1000002</AgentID></xml>", "unlicensed:wwcorp:wwprovider"},
	} {
		rec := post(t, h, "/wecom/suite", tc.receiver, tc.xml)
		require.Equal(t, http.StatusOK, rec.Code, tc.want)
		assert.Equal(t, "success", rec.Body.String())
		select {
		case g := <-got:
			assert.Equal(t, tc.want, g)
		default:
			t.Errorf("%s did not reach its handler", tc.want)
		}
	}
}

func TestDecodeLooseRepairsOddFields(t *testing.T) {
	var out LicenseOrder
	err := decodeLoose([]byte(`{"order_id":123,"order_type":"2","price":"","account_count":{"base_count":"7"},"create_time":{"x":1},"pay_time":5}`), &out)
	require.NoError(t, err)
	assert.Equal(t, LicenseOrder{OrderID: "123", OrderType: 2, AccountCount: LicenseAccountCount{BaseCount: 7}, PayTime: 5}, out)
	assert.Error(t, decodeLoose([]byte(`{"order_id":`), &out), "broken JSON still fails")
}
