package work

import (
	"context"
	"iter"
	"net/http"
	"testing"

	"github.com/wecomkit/wecom/internal/api"
)

var transferCalls = []apiCase{
	{
		name: "TransferCustomer returns per-customer errcodes as data", method: http.MethodPost, path: "/cgi-bin/externalcontact/transfer_customer", safety: api.Never,
		reply: `{"errcode":0,"errmsg":"ok","customer":[{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA","errcode":0},
			{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB","errcode":40096}]}`,
		body: `{"handover_userid":"zhangsan","takeover_userid":"lisi",
			"external_userid":["woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA","woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB"],
			"transfer_success_msg":"您好，您的服务已升级，后续将由我的同事李四@腾讯接替我的工作，继续为您服务。"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.TransferCustomer(ctx, TransferCustomerRequest{
				HandoverUserID: "zhangsan", TakeoverUserID: "lisi",
				ExternalUserIDs:    []string{"woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", "woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB"},
				TransferSuccessMsg: "您好，您的服务已升级，后续将由我的同事李四@腾讯接替我的工作，继续为您服务。",
			})
		},
		want: []CustomerTransfer{
			{ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA"},
			{ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB", ErrCode: 40096},
		},
	},
	{
		name: "ResignedTransferCustomer sends no success message", method: http.MethodPost, path: "/cgi-bin/externalcontact/resigned/transfer_customer", safety: api.Unsafe,
		reply: `{"errcode":0,"errmsg":"ok","customer":[{"external_userid":"woA","errcode":40128}]}`,
		body:  `{"handover_userid":"zhangsan","takeover_userid":"lisi","external_userid":["woA"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.ResignedTransferCustomer(ctx, TransferCustomerRequest{HandoverUserID: "zhangsan", TakeoverUserID: "lisi",
				ExternalUserIDs: []string{"woA"}, TransferSuccessMsg: "ignored"})
		},
		want: []CustomerTransfer{{ExternalUserID: "woA", ErrCode: 40128}},
	},
	{
		name: "TransferResult", method: http.MethodPost, path: "/cgi-bin/externalcontact/transfer_result", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","customer":[{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACCCC","status":1,"takeover_time":1588262400},
			{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB","status":2,"takeover_time":1588482400}],"next_cursor":"NEXT_CURSOR"}`,
		body: `{"handover_userid":"zhangsan","takeover_userid":"lisi","cursor":"CURSOR"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.TransferResult(ctx, TransferResultRequest{HandoverUserID: "zhangsan", TakeoverUserID: "lisi", Cursor: "CURSOR"})
		},
		want: &TransferResultPage{
			Customers: []CustomerTransferStatus{
				{ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACCCC", Status: TransferDone, TakeoverTime: 1588262400},
				{ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB", Status: TransferWaiting, TakeoverTime: 1588482400},
			},
			NextCursor: "NEXT_CURSOR",
		},
	},
	{
		name: "ResignedTransferResult", method: http.MethodPost, path: "/cgi-bin/externalcontact/resigned/transfer_result", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","customer":[{"external_userid":"woA","status":3,"takeover_time":0}],"next_cursor":""}`,
		body:  `{"handover_userid":"zhangsan","takeover_userid":"lisi"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.ResignedTransferResult(ctx, TransferResultRequest{HandoverUserID: "zhangsan", TakeoverUserID: "lisi"})
		},
		want: &TransferResultPage{Customers: []CustomerTransferStatus{{ExternalUserID: "woA", Status: TransferRefused}}},
	},
	{
		name: "UnassignedList", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_unassigned_list", safety: api.Idempotent,
		reply: `{"errcode":0,"errmsg":"ok","info":[{"handover_userid":"zhangsan","external_userid":"woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA","dimission_time":1550838571},
			{"handover_userid":"lisi","external_userid":"wmAJ2GCAAAzLTI123ghsdfoGZNqqAAAA","dimission_time":1550661468}],
			"is_last":false,"next_cursor":"aSfwejksvhToiMMfFeIGZZ"}`,
		body: `{"cursor":"CURSOR","page_size":100}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ExternalContact.UnassignedList(ctx, UnassignedListRequest{Cursor: "CURSOR", PageSize: 100})
		},
		want: &UnassignedPage{
			Customers: []UnassignedCustomer{
				{HandoverUserID: "zhangsan", ExternalUserID: "woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA", DimissionTime: 1550838571},
				{HandoverUserID: "lisi", ExternalUserID: "wmAJ2GCAAAzLTI123ghsdfoGZNqqAAAA", DimissionTime: 1550661468},
			},
			NextCursor: "aSfwejksvhToiMMfFeIGZZ",
		},
	},
}

func TestExternalContactTransfers(t *testing.T) { runAPICases(t, transferCalls) }

var transferResultPage = jsonPage("customer", func(id string) map[string]any {
	return map[string]any{"external_userid": id, "status": 1, "takeover_time": 1588262400}
})

func TestExternalContactTransferIterators(t *testing.T) {
	runIterCases(t, []iterCase{
		{
			name: "AllTransferResults", method: http.MethodPost, path: "/cgi-bin/externalcontact/transfer_result",
			page: transferResultPage,
			body: `{"handover_userid":"zhangsan","takeover_userid":"lisi"}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllTransferResults(ctx, "zhangsan", "lisi"), func(c CustomerTransferStatus) string { return c.ExternalUserID })
			},
		},
		{
			name: "AllResignedTransferResults", method: http.MethodPost, path: "/cgi-bin/externalcontact/resigned/transfer_result",
			page: transferResultPage,
			body: `{"handover_userid":"zhangsan","takeover_userid":"lisi"}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllResignedTransferResults(ctx, "zhangsan", "lisi"), func(c CustomerTransferStatus) string { return c.ExternalUserID })
			},
		},
		{
			// The last page says is_last and still carries a cursor: the
			// iterator must stop there.
			name: "AllUnassigned", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_unassigned_list",
			page: func(ids []string, next string) string {
				list := make([]map[string]any, 0, len(ids))
				for _, id := range ids {
					list = append(list, map[string]any{"handover_userid": "zhangsan", "external_userid": id, "dimission_time": 1550838571})
				}
				cursor := next
				if next == "" {
					cursor = "c-after-last"
				}
				return mustJSON(map[string]any{"errcode": 0, "info": list, "is_last": next == "", "next_cursor": cursor})
			},
			body: `{"page_size":1000}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllUnassigned(ctx, UnassignedListRequest{PageSize: 1000}), func(c UnassignedCustomer) string { return c.ExternalUserID })
			},
		},
	})
}
