package work_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// The archive's msgaudit_notify event (产生会话回调事件, page 95039: the
// archive app is told that new messages can be pulled) reaches its typed
// handler through the client's callback handler.
func TestMsgAuditNotifyRoutes(t *testing.T) {
	fake := wecomtest.NewServer()
	defer fake.Close()
	c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 2000004, Secret: "archive-secret", Token: cbToken, EncodingAESKey: cbKey})
	require.NoError(t, err)
	notified := make(chan *message.Message, 1)
	r := message.NewRouter()
	message.On(r, func(_ context.Context, m *message.Message, _ *message.MsgAuditNotify) (message.Reply, error) {
		notified <- m
		return nil, nil
	})
	h, err := c.CallbackHandler(r)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	cfg := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey, ReceiverID: "wwcorp", AgentID: "2000004"}
	event := `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
		`<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
		`<Event><![CDATA[msgaudit_notify]]></Event><AgentID>2000004</AgentID></xml>`
	reply, err := fake.SendCallback(t.Context(), srv.URL+"/callback", cfg, []byte(event))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, reply.StatusCode)
	select {
	case m := <-notified:
		assert.Equal(t, message.EventMsgAuditNotify, m.Event)
	default:
		t.Fatal("msgaudit_notify did not reach its handler")
	}
}
