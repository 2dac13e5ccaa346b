package work_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// The 获客助手 events (customer_acquisition, page 97299) reach their typed
// handlers through the client's callback handler, with their fields.
func TestCustomerAcquisitionCallbacksRoute(t *testing.T) {
	fake := wecomtest.NewServer()
	defer fake.Close()
	c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1000021, Secret: "acq-secret", Token: cbToken, EncodingAESKey: cbKey})
	require.NoError(t, err)
	got := make(chan any, 8)
	r := message.NewRouter()
	message.On(r, func(_ context.Context, _ *message.Message, p *message.CustomerAcquisitionBalanceLow) (message.Reply, error) {
		got <- *p
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.CustomerAcquisitionBalanceExhausted) (message.Reply, error) {
		got <- *p
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.CustomerAcquisitionLinkUnavailable) (message.Reply, error) {
		got <- *p
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.CustomerAcquisitionDeleteLink) (message.Reply, error) {
		got <- *p
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.CustomerAcquisitionStartChat) (message.Reply, error) {
		got <- *p
		return nil, nil
	})
	h, err := c.CallbackHandler(r)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	cfg := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey, ReceiverID: "wwcorp", AgentID: "1000021"}

	for i, tc := range []struct {
		change, extra string
		want          any
	}{
		{"balance_low", "", message.CustomerAcquisitionBalanceLow{}},
		{"balance_exhausted", "", message.CustomerAcquisitionBalanceExhausted{}},
		{"link_unavailable", "<LinkId><![CDATA[cawcdexxxxx]]></LinkId>", message.CustomerAcquisitionLinkUnavailable{LinkID: "cawcdexxxxx"}},
		{"delete_link", "<LinkId><![CDATA[cawcdeyyyyy]]></LinkId>", message.CustomerAcquisitionDeleteLink{LinkID: "cawcdeyyyyy"}},
		{"customer_start_chat", "<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woxxxx]]></ExternalUserID><LinkId><![CDATA[cawcdezzzzz]]></LinkId>",
			message.CustomerAcquisitionStartChat{UserID: "zhangsan", ExternalUserID: "woxxxx", LinkID: "cawcdezzzzz"}},
	} {
		t.Run(tc.change, func(t *testing.T) {
			event := fmt.Sprintf(`<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>`+
				`<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[customer_acquisition]]></Event>`+
				`<ChangeType><![CDATA[%s]]></ChangeType>%s</xml>`, 1403610513+i, tc.change, tc.extra)
			reply, err := fake.SendCallback(t.Context(), srv.URL+"/callback", cfg, []byte(event))
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, reply.StatusCode)
			select {
			case p := <-got:
				assert.Equal(t, tc.want, p)
			default:
				t.Fatalf("customer_acquisition/%s did not reach its handler", tc.change)
			}
		})
	}
}
