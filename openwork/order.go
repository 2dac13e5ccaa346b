package openwork

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// OrderService calls the paid-app (应用付费) order APIs of a suite:
// service/get_order, get_order_list and prolong_try. Get one from
// Suite.Order. WeCom authorizes these calls with the suite_access_token
// of the app that was bought, not the provider_access_token, so the
// service hangs off the Suite (the design's "Provider.Order" lives here):
// use one Suite per paid app.
type OrderService struct{ s *Suite }

// AppOrder is an order of a paid third-party app (应用付费), as
// service/get_order and service/get_order_list report it (page 90590).
// Prices are in fen (分).
type AppOrder struct {
	OrderID     string `json:"orderid"`
	OrderStatus int    `json:"order_status"`
	// OrderType: 0 new purchase, 1 scale-up, 2 renewal, 3 edition change, ...
	OrderType           int    `json:"order_type"`
	PaidCorpID          string `json:"paid_corpid"`
	OperatorID          string `json:"operator_id"`
	SuiteID             string `json:"suiteid"`
	AppID               int64  `json:"appid"`
	EditionID           string `json:"edition_id"`
	EditionName         string `json:"edition_name"`
	Price               int64  `json:"price"`
	UserCount           int64  `json:"user_count"`
	OrderPeriod         int64  `json:"order_period"`
	OrderTime           int64  `json:"order_time"`
	PaidTime            int64  `json:"paid_time"`
	BeginTime           int64  `json:"begin_time"`
	EndTime             int64  `json:"end_time"`
	OrderFrom           int    `json:"order_from"`
	OperatorCorpID      string `json:"operator_corpid"`
	ServiceShareAmount  int64  `json:"service_share_amount"`
	PlatformShareAmount int64  `json:"platform_share_amount"`
	DealerShareAmount   int64  `json:"dealer_share_amount"`
	DealerCorpInfo      *struct {
		CorpID   string `json:"corpid"`
		CorpName string `json:"corp_name"`
	} `json:"dealer_corp_info,omitempty"`
}

// Get returns an order of the suite's paid app (service/get_order).
func (o *OrderService) Get(ctx context.Context, orderID string) (*AppOrder, error) {
	var out AppOrder
	if err := o.s.post(ctx, "/cgi-bin/service/get_order", map[string]string{"orderid": orderID}, loose(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// AppOrderListRequest filters service/get_order_list by order time (unix
// seconds); TestMode 1 lists the test orders.
type AppOrderListRequest struct {
	StartTime int64 `json:"start_time"`
	EndTime   int64 `json:"end_time"`
	TestMode  int   `json:"test_mode,omitempty"`
}

// List lists the orders of the suite's paid app
// (service/get_order_list).
func (o *OrderService) List(ctx context.Context, req AppOrderListRequest) ([]AppOrder, error) {
	var out struct {
		OrderList []AppOrder `json:"order_list"`
	}
	if err := o.s.post(ctx, "/cgi-bin/service/get_order_list", req, loose(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.OrderList, nil
}

// ProlongTryRequest is the body of service/prolong_try: extend a corp's
// trial of the app by ProlongDays.
type ProlongTryRequest struct {
	BuyerCorpID string `json:"buyer_corpid"`
	ProlongDays int    `json:"prolong_days"`
	AppID       int64  `json:"appid,omitempty"`
}

// ProlongTry extends a corp's trial and returns its new end (unix
// seconds) (service/prolong_try). Not repeated (a repeat would extend it
// twice).
func (o *OrderService) ProlongTry(ctx context.Context, req ProlongTryRequest) (int64, error) {
	var out struct {
		TryEndTime int64 `json:"try_end_time"`
	}
	err := o.s.post(ctx, "/cgi-bin/service/prolong_try", req, loose(&out), api.Unsafe)
	return out.TryEndTime, err
}
