package wecomtest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/wecomtest/testclient"
	"github.com/wecomkit/wecom/work"
)

const (
	kfAccount  = "wkFakeKF001"
	kfCustomer = "wmFakeCustomer001"
)

func newKFFake(t *testing.T) (*wecomtest.Server, *work.Client) {
	t.Helper()
	s := wecomtest.NewTestServer(t)
	require.NoError(t, s.AddKFAccount(wecomtest.DefaultCorpID, kfAccount, "售后客服"))
	return s, testclient.Work(t, s)
}

func readAll(t *testing.T, c *work.Client, req work.KFSyncRequest) []work.KFMessage {
	t.Helper()
	var out []work.KFMessage
	for m, err := range c.KF.SyncMessages(t.Context(), req) {
		require.NoError(t, err)
		out = append(out, m)
	}
	return out
}

// A whole conversation: the customer enters, is welcomed once, writes,
// is answered, then a servicer takes over and the API may no longer send.
func TestKFConversation(t *testing.T) {
	s, c := newKFFake(t)
	ctx := t.Context()

	enter, err := s.KFEnterSession(wecomtest.DefaultCorpID, kfAccount, kfCustomer, "scene_a")
	require.NoError(t, err)
	require.NotEmpty(t, enter.WelcomeCode)
	said, err := s.KFCustomerSays(wecomtest.DefaultCorpID, kfAccount, kfCustomer, "我的快递到哪了？")
	require.NoError(t, err)

	msgs := readAll(t, c, work.KFSyncRequest{OpenKFID: kfAccount, Token: said.Token})
	require.Len(t, msgs, 2)
	require.NotNil(t, msgs[0].Event)
	assert.Equal(t, work.KFEventEnterSession, msgs[0].Event.EventType)
	assert.Equal(t, "scene_a", msgs[0].Event.Scene)
	assert.Equal(t, enter.WelcomeCode, msgs[0].Event.WelcomeCode)
	assert.Equal(t, said.MsgID, msgs[1].MsgID)
	assert.Equal(t, "我的快递到哪了？", msgs[1].Text.Content)
	assert.Equal(t, kfCustomer, msgs[1].ExternalUserID)
	assert.Equal(t, 3, msgs[1].Origin)
	assert.Empty(t, readAll(t, c, work.KFSyncRequest{OpenKFID: kfAccount}), "read once")

	_, err = c.KF.SendMessageOnEvent(ctx, work.KFEventReply{Code: msgs[0].Event.WelcomeCode, Msg: work.KFText{Content: "您好"}})
	require.NoError(t, err)
	_, err = c.KF.SendMessageOnEvent(ctx, work.KFEventReply{Code: msgs[0].Event.WelcomeCode, Msg: work.KFText{Content: "again"}})
	assert.ErrorIs(t, err, wecom.ErrInvalidWelcomeCode, "a welcome code is usable once")

	id, err := c.KF.SendMessage(ctx, work.KFSendRequest{ToUser: kfCustomer, OpenKFID: kfAccount,
		Msg: work.KFMenu{HeadContent: "请选择", List: []work.KFMenuItem{{Type: "click", Click: &work.KFMenuClick{ID: "1", Content: "查物流"}}}}})
	require.NoError(t, err)
	sent := s.KFSent()
	require.Len(t, sent, 2)
	assert.Equal(t, "您好", sent[0].Text.Content)
	assert.Equal(t, kfCustomer, sent[0].ToUser)
	assert.Equal(t, enter.WelcomeCode, sent[0].Code)
	assert.Equal(t, id, sent[1].MsgID)
	assert.Equal(t, []string{"查物流"}, sent[1].Menu.Items)

	// A servicer takes the customer in WeCom: the API may not send.
	s.SetKFSession(wecomtest.DefaultCorpID, kfAccount, kfCustomer, wecomtest.KFStateServicer, "zhangsan")
	st, err := c.KF.ServiceState(ctx, work.KFSession{OpenKFID: kfAccount, ExternalUserID: kfCustomer})
	require.NoError(t, err)
	assert.Equal(t, work.KFServiceState{ServiceState: work.KFStateServicer, ServicerUserID: "zhangsan"}, *st)
	_, err = c.KF.SendMessage(ctx, work.KFSendRequest{ToUser: kfCustomer, OpenKFID: kfAccount, Msg: work.KFText{Content: "x"}})
	assert.ErrorIs(t, err, wecom.ErrKFSessionStateForbids)
	assert.Equal(t, 2, s.Calls("KF.SendMessage"), "the refused send went once")

	// The session ends; its closing code sends a last message.
	code, err := c.KF.TransferServiceState(ctx, work.KFServiceStateTrans{OpenKFID: kfAccount, ExternalUserID: kfCustomer, ServiceState: work.KFStateEnded})
	require.NoError(t, err)
	_, err = c.KF.SendMessageOnEvent(ctx, work.KFEventReply{Code: code, Msg: work.KFText{Content: "再见"}})
	require.NoError(t, err)
	_, err = c.KF.SendMessage(ctx, work.KFSendRequest{ToUser: kfCustomer, OpenKFID: kfAccount, Msg: work.KFText{Content: "x"}})
	assert.ErrorIs(t, err, wecom.ErrKFSessionEnded)
	_, err = c.KF.TransferServiceState(ctx, work.KFServiceStateTrans{OpenKFID: kfAccount, ExternalUserID: kfCustomer, ServiceState: work.KFStatePool})
	assert.ErrorIs(t, err, wecom.ErrKFStateTransition)

	// The customer writes again: a new session.
	_, err = s.KFCustomerSays(wecomtest.DefaultCorpID, kfAccount, kfCustomer, "还在吗")
	require.NoError(t, err)
	state, _ := s.KFSession(wecomtest.DefaultCorpID, kfAccount, kfCustomer)
	assert.Equal(t, wecomtest.KFStateUntreated, state)
}

// The fake pushes the encrypted kf_msg_or_event callback; the app's
// handler pulls with its Token.
func TestKFCallbackThenSync(t *testing.T) {
	s := wecomtest.NewTestServer(t)
	require.NoError(t, s.AddKFAccount(wecomtest.DefaultCorpID, kfAccount, "客服"))
	const cbToken, cbKey = "kfToken", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	c, err := work.New(work.Config{CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID,
		Secret: wecomtest.DefaultSecret, Token: cbToken, EncodingAESKey: cbKey}, testclient.Options(s)...)
	require.NoError(t, err)

	var got []string
	r := message.NewRouter()
	message.On(r, func(ctx context.Context, _ *message.Message, e *message.KfMsgOrEvent) (message.Reply, error) {
		for m, err := range c.KF.SyncMessages(ctx, work.KFSyncRequest{OpenKFID: e.OpenKfID, Token: e.Token}) {
			if err != nil {
				return nil, err
			}
			got = append(got, m.Text.Content)
		}
		return nil, nil
	})
	h, err := c.CallbackHandler(r)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()

	cfg := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey, ReceiverID: wecomtest.DefaultCorpID}
	for i := range 3 {
		n, err := s.KFCustomerSays(wecomtest.DefaultCorpID, kfAccount, kfCustomer, "msg "+strconv.Itoa(i))
		require.NoError(t, err)
		reply, err := s.PushKFCallback(t.Context(), srv.URL, cfg, n)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, reply.StatusCode)
	}
	assert.Equal(t, []string{"msg 0", "msg 1", "msg 2"}, got)
}

func TestKFSyncPagesAndToken(t *testing.T) {
	s, c := newKFFake(t)
	for i := range 2500 {
		_, err := s.KFCustomerSays(wecomtest.DefaultCorpID, kfAccount, kfCustomer, strconv.Itoa(i))
		require.NoError(t, err)
	}
	msgs := readAll(t, c, work.KFSyncRequest{OpenKFID: kfAccount, Limit: 1000})
	require.Len(t, msgs, 2500)
	assert.Equal(t, "2499", msgs[2499].Text.Content)
	assert.Equal(t, 3, s.Calls("KF.SyncPage"), "pages of 1000")

	_, err := c.KF.SyncPage(t.Context(), work.KFSyncPageRequest{Token: "ENCforged"})
	assert.ErrorIs(t, err, wecom.ErrInvalidMsgToken)
	_, err = c.KF.SyncPage(t.Context(), work.KFSyncPageRequest{Limit: 1001})
	assert.ErrorIs(t, err, wecom.ErrInvalidParam)
}

// BenchmarkKFSyncFake syncs 10,000 messages from the fake in pages of
// 1,000 (cache writes: see work's BenchmarkKFSync10000).
func BenchmarkKFSyncFake(b *testing.B) {
	s := wecomtest.NewTestServer(b)
	if err := s.AddKFAccount(wecomtest.DefaultCorpID, kfAccount, "客服"); err != nil {
		b.Fatal(err)
	}
	for i := range 10000 {
		if _, err := s.KFCustomerSays(wecomtest.DefaultCorpID, kfAccount, kfCustomer, "hello "+strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
	c := testclient.Work(b, s)
	key := work.KFCursorKey(wecomtest.DefaultCorpID, kfAccount)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Cache().Delete(context.Background(), key)
		n := 0
		for _, err := range c.KF.SyncMessages(context.Background(), work.KFSyncRequest{OpenKFID: kfAccount, Limit: 1000}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 10000 {
			b.Fatalf("%d messages", n)
		}
	}
}
