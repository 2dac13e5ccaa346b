package work

import (
	"context"

	"fmt"
	"iter"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

// The request, errcode and repeat policy of every kf method.
func TestKFAPICases(t *testing.T) {
	ok := `{"errcode":0,"errmsg":"ok"}`
	sess := KFSession{OpenKFID: "wk1", ExternalUserID: "wm1"}
	day := time.Unix(1645545600, 0)
	runAPICases(t, []apiCase{
		{name: "account/add", method: http.MethodPost, path: "/cgi-bin/kf/account/add", safety: api.Unsafe,
			reply: `{"errcode":0,"errmsg":"ok","open_kfid":"wk1"}`, body: `{"name":"n","media_id":"m"}`, want: "wk1",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.AddAccount(ctx, KFAccountAdd{Name: "n", MediaID: "m"})
			}},
		{name: "account/del", method: http.MethodPost, path: "/cgi-bin/kf/account/del", safety: api.Unsafe,
			reply: ok, body: `{"open_kfid":"wk1"}`,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.KF.DeleteAccount(ctx, "wk1") }},
		{name: "account/update", method: http.MethodPost, path: "/cgi-bin/kf/account/update", safety: api.Idempotent,
			reply: ok, body: `{"open_kfid":"wk1","name":"n2"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.KF.UpdateAccount(ctx, KFAccountUpdate{OpenKFID: "wk1", Name: "n2"})
			}},
		{name: "account/list", method: http.MethodPost, path: "/cgi-bin/kf/account/list", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","account_list":[{"open_kfid":"wk1","name":"n","manage_privilege":"1"}]}`,
			body:  `{"offset":0,"limit":100}`, want: []KFAccount{{OpenKFID: "wk1", Name: "n", ManagePrivilege: true}},
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.ListAccounts(ctx, KFAccountListRequest{})
			}},
		{name: "add_contact_way", method: http.MethodPost, path: "/cgi-bin/kf/add_contact_way", safety: api.Unsafe,
			reply: `{"errcode":0,"errmsg":"ok","url":"https://u"}`, body: `{"open_kfid":"wk1"}`, want: "https://u",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.AddContactWay(ctx, KFContactWayRequest{OpenKFID: "wk1"})
			}},
		{name: "servicer/add", method: http.MethodPost, path: "/cgi-bin/kf/servicer/add", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","result_list":[{"department_id":"2","errcode":0,"errmsg":"success"}]}`,
			body:  `{"open_kfid":"wk1","department_id_list":[2]}`, want: []KFServicerResult{{DepartmentID: 2, ErrMsg: "success"}},
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.AddServicers(ctx, KFServicersRequest{OpenKFID: "wk1", DepartmentIDs: []int64{2}})
			}},
		{name: "servicer/del", method: http.MethodPost, path: "/cgi-bin/kf/servicer/del", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","result_list":[{"userid":"u1","errcode":0,"errmsg":"success"}]}`,
			body:  `{"open_kfid":"wk1","userid_list":["u1"]}`, want: []KFServicerResult{{UserID: "u1", ErrMsg: "success"}},
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.DeleteServicers(ctx, KFServicersRequest{OpenKFID: "wk1", UserIDs: []string{"u1"}})
			}},
		{name: "servicer/list", method: http.MethodGet, path: "/cgi-bin/kf/servicer/list", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","servicer_list":[{"userid":"u1","status":"1"}]}`,
			query: map[string][]string{"open_kfid": {"wk1"}}, want: []KFServicer{{UserID: "u1", Status: 1}},
			call: func(ctx context.Context, c *Client) (any, error) { return c.KF.ListServicers(ctx, "wk1") }},
		{name: "service_state/get", method: http.MethodPost, path: "/cgi-bin/kf/service_state/get", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","service_state":"2"}`, body: `{"open_kfid":"wk1","external_userid":"wm1"}`,
			want: &KFServiceState{ServiceState: KFStatePool},
			call: func(ctx context.Context, c *Client) (any, error) { return c.KF.ServiceState(ctx, sess) }},
		{name: "service_state/trans", method: http.MethodPost, path: "/cgi-bin/kf/service_state/trans", safety: api.Unsafe,
			reply: `{"errcode":0,"errmsg":"ok","msg_code":"MC"}`, body: `{"open_kfid":"wk1","external_userid":"wm1","service_state":4}`,
			want: "MC",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.TransferServiceState(ctx, KFServiceStateTrans{OpenKFID: "wk1", ExternalUserID: "wm1", ServiceState: KFStateEnded})
			}},
		{name: "sync_msg", method: http.MethodPost, path: "/cgi-bin/kf/sync_msg", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","next_cursor":"c1","has_more":"1","msg_list":[]}`, body: `{"open_kfid":"wk1","token":"T"}`,
			want: &KFSyncPage{NextCursor: "c1", HasMore: true, MsgList: []KFMessage{}},
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.SyncPage(ctx, KFSyncPageRequest{OpenKFID: "wk1", Token: "T"})
			}},
		{name: "send_msg", method: http.MethodPost, path: "/cgi-bin/kf/send_msg", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok","msgid":"M1"}`,
			body:  `{"touser":"wm1","open_kfid":"wk1","msgtype":"text","text":{"content":"hi"}}`, want: "M1",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.SendMessage(ctx, KFSendRequest{ToUser: "wm1", OpenKFID: "wk1", Msg: KFText{Content: "hi"}})
			}},
		{name: "send_msg_on_event", method: http.MethodPost, path: "/cgi-bin/kf/send_msg_on_event", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok","msgid":"M2"}`,
			body:  `{"code":"W","msgtype":"text","text":{"content":"welcome"}}`, want: "M2",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.SendMessageOnEvent(ctx, KFEventReply{Code: "W", Msg: KFText{Content: "welcome"}})
			}},
		{name: "customer/batchget", method: http.MethodPost, path: "/cgi-bin/kf/customer/batchget", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","customer_list":[{"external_userid":"wm1","gender":"2"}]}`,
			body:  `{"external_userid_list":["wm1"],"need_enter_session_context":1}`,
			want:  &KFCustomers{CustomerList: []KFCustomer{{ExternalUserID: "wm1", Gender: 2}}},
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.BatchGetCustomers(ctx, KFCustomerRequest{ExternalUserIDs: []string{"wm1"}, NeedEnterSessionContext: true})
			}},
		{name: "get_upgrade_service_config", method: http.MethodGet, path: "/cgi-bin/kf/customer/get_upgrade_service_config",
			safety: api.Idempotent, reply: ok, want: &KFUpgradeServiceConfig{},
			call: func(ctx context.Context, c *Client) (any, error) { return c.KF.UpgradeServiceConfig(ctx) }},
		{name: "upgrade_service", method: http.MethodPost, path: "/cgi-bin/kf/customer/upgrade_service", safety: api.Unsafe,
			reply: ok, body: `{"open_kfid":"wk1","external_userid":"wm1","type":2,"groupchat":{"chat_id":"wr1"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.KF.UpgradeService(ctx, KFUpgradeService{OpenKFID: "wk1", ExternalUserID: "wm1", Type: 2, GroupChat: &KFUpgradeGroupChat{ChatID: "wr1"}})
			}},
		{name: "cancel_upgrade_service", method: http.MethodPost, path: "/cgi-bin/kf/customer/cancel_upgrade_service",
			safety: api.Unsafe, reply: ok, body: `{"open_kfid":"wk1","external_userid":"wm1"}`,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.KF.CancelUpgradeService(ctx, sess) }},
		{name: "get_corp_statistic", method: http.MethodPost, path: "/cgi-bin/kf/get_corp_statistic", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","statistic_list":[{"stat_time":"1645545600"}]}`,
			body:  `{"open_kfid":"wk1","start_time":1645545600,"end_time":1645545600}`, want: []KFCorpStatistic{{StatTime: 1645545600}},
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.CorpStatistic(ctx, KFStatisticRequest{OpenKFID: "wk1", ServicerUserID: "ignored", Start: day, End: day})
			}},
		{name: "get_servicer_statistic", method: http.MethodPost, path: "/cgi-bin/kf/get_servicer_statistic", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","statistic_list":[{"stat_date":1645545600}]}`,
			body:  `{"open_kfid":"wk1","start_time":1645545600,"end_time":1645545600}`,
			want:  []KFServicerStatistic{{StatTime: 1645545600, StatDate: 1645545600}},
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.ServicerStatistic(ctx, KFStatisticRequest{OpenKFID: "wk1", Start: day, End: day})
			}},
		{name: "get_corp_qualification", method: http.MethodGet, path: "/cgi-bin/kf/get_corp_qualification", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","wechat_channels_binding":"1"}`, want: &KFCorpQualification{WechatChannelsBinding: true},
			call: func(ctx context.Context, c *Client) (any, error) { return c.KF.CorpQualification(ctx) }},
		{name: "knowledge/add_group", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/add_group", safety: api.Unsafe,
			reply: `{"errcode":0,"errmsg":"ok","group_id":12}`, body: `{"name":"g"}`, want: "12",
			call: func(ctx context.Context, c *Client) (any, error) { return c.KF.AddKnowledgeGroup(ctx, "g") }},
		{name: "knowledge/del_group", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/del_group", safety: api.Unsafe,
			reply: ok, body: `{"group_id":"G"}`,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.KF.DeleteKnowledgeGroup(ctx, "G") }},
		{name: "knowledge/mod_group", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/mod_group", safety: api.Idempotent,
			reply: ok, body: `{"group_id":"G","name":"g2"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.KF.UpdateKnowledgeGroup(ctx, "G", "g2")
			}},
		{name: "knowledge/list_group", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/list_group", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","has_more":0,"group_list":[{"group_id":"G","name":"g","is_default":"1"}]}`, body: `{}`,
			want: &KFKnowledgeGroupPage{GroupList: []KFKnowledgeGroup{{GroupID: "G", Name: "g", IsDefault: true}}},
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.ListKnowledgeGroups(ctx, KFKnowledgeListRequest{IntentID: "dropped"})
			}},
		{name: "knowledge/add_intent", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/add_intent", safety: api.Unsafe,
			reply: `{"errcode":0,"errmsg":"ok","intent_id":"I"}`,
			body:  `{"group_id":"G","question":{"text":{"content":"q"}},"answers":[{"text":{"content":"a"}}]}`, want: "I",
			call: func(ctx context.Context, c *Client) (any, error) {
				a := KFIntentAnswer{}
				a.Text.Content = "a"
				return c.KF.AddKnowledgeIntent(ctx, KFIntent{GroupID: "G", Question: NewKFIntentText("q"), Answers: []KFIntentAnswer{a}})
			}},
		{name: "knowledge/mod_intent", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/mod_intent", safety: api.Idempotent,
			reply: ok, body: `{"intent_id":"I","question":{"text":{"content":"q"}},"answers":null}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.KF.UpdateKnowledgeIntent(ctx, KFIntent{IntentID: "I", GroupID: "dropped", Question: NewKFIntentText("q")})
			}},
		{name: "knowledge/del_intent", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/del_intent", safety: api.Unsafe,
			reply: ok, body: `{"intent_id":"I"}`,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.KF.DeleteKnowledgeIntent(ctx, "I") }},
		{name: "knowledge/list_intent", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/list_intent", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","has_more":0,"intent_list":[{"group_id":"G","intent_id":"I"}]}`, body: `{"group_id":"G"}`,
			want: &KFIntentPage{IntentList: []KFIntentListed{{GroupID: "G", IntentID: "I"}}},
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.KF.ListKnowledgeIntents(ctx, KFKnowledgeListRequest{GroupID: "G"})
			}},
	})
}

func TestKFKnowledgeIterators(t *testing.T) {
	page := func(key string) func(ids []string, next string) string {
		return func(ids []string, next string) string {
			var items []string
			for _, id := range ids {
				items = append(items, fmt.Sprintf(`{"%s_id":%q}`, key, id))
			}
			more := 0
			if next != "" {
				more = 1
			}
			return fmt.Sprintf(`{"errcode":0,"errmsg":"ok","next_cursor":%q,"has_more":%d,"%s_list":[%s]}`, next, more, key, strings.Join(items, ","))
		}
	}
	runIterCases(t, []iterCase{
		{name: "KnowledgeGroups", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/list_group", page: page("group"),
			body: `{"limit":2}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.KF.KnowledgeGroups(ctx, KFKnowledgeListRequest{Limit: 2}), func(g KFKnowledgeGroup) string { return g.GroupID })
			}},
		{name: "KnowledgeIntents", method: http.MethodPost, path: "/cgi-bin/kf/knowledge/list_intent", page: page("intent"),
			body: `{"group_id":"G"}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.KF.KnowledgeIntents(ctx, KFKnowledgeListRequest{GroupID: "G"}), func(i KFIntentListed) string { return i.IntentID })
			}},
	})
}

// A refusal of send_msg reaches the caller with its named code and is not
// repeated; nor is a transient failure.
func TestKFSendErrorsAreNamedAndNotRepeated(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubError(t, mt, http.MethodPost, "/cgi-bin/kf/send_msg", 95018)
	_, err := c.KF.SendMessage(t.Context(), KFSendRequest{ToUser: "wm1", OpenKFID: "wk1", Msg: KFText{Content: "hi"}})
	assert.ErrorIs(t, err, wecom.ErrKFSessionStateForbids)
	assert.Equal(t, 1, rec.count())

	c, mt = newTestClient(t)
	rec = stubSequence(t, mt, http.MethodPost, "/cgi-bin/kf/send_msg_on_event", `{"errcode":-1,"errmsg":"system busy"}`, `{"errcode":0,"errmsg":"ok"}`)
	_, err = c.KF.SendMessageOnEvent(t.Context(), KFEventReply{Code: "W", Msg: KFText{Content: "hi"}})
	assert.Error(t, err)
	assert.Equal(t, 1, rec.count(), "a welcome message is never sent twice")

	// Not even through Do with wecom.Idempotent().
	c, mt = newTestClient(t)
	rec = stubSequence(t, mt, http.MethodPost, "/cgi-bin/kf/send_msg", `{"errcode":-1,"errmsg":"system busy"}`, `{"errcode":0,"errmsg":"ok"}`)
	err = c.Do(t.Context(), http.MethodPost, "/cgi-bin/kf/send_msg", map[string]string{"touser": "wm1"}, nil, wecom.Idempotent())
	assert.Error(t, err)
	assert.Equal(t, 1, rec.count())
}

// Bad requests fail before any call, with ErrKFInvalid and no panic.
func TestKFInvalidRequests(t *testing.T) {
	c, mt := newTestClient(t)
	ctx := t.Context()
	var nilText *KFText
	checks := map[string]error{
		"add account":     second(c.KF.AddAccount(ctx, KFAccountAdd{Name: "n"})),
		"servicers none":  second(c.KF.AddServicers(ctx, KFServicersRequest{OpenKFID: "wk"})),
		"state 5":         second(c.KF.TransferServiceState(ctx, KFServiceStateTrans{OpenKFID: "wk", ExternalUserID: "wm", ServiceState: 5})),
		"state 3 nobody":  second(c.KF.TransferServiceState(ctx, KFServiceStateTrans{OpenKFID: "wk", ExternalUserID: "wm", ServiceState: 3})),
		"send no msg":     second(c.KF.SendMessage(ctx, KFSendRequest{ToUser: "wm", OpenKFID: "wk"})),
		"send nil msg":    second(c.KF.SendMessage(ctx, KFSendRequest{ToUser: "wm", OpenKFID: "wk", Msg: nilText})),
		"event no code":   second(c.KF.SendMessageOnEvent(ctx, KFEventReply{Msg: KFText{Content: "x"}})),
		"upgrade type":    c.KF.UpgradeService(ctx, KFUpgradeService{OpenKFID: "wk", ExternalUserID: "wm", Type: 1}),
		"statistic range": second(c.KF.CorpStatistic(ctx, KFStatisticRequest{OpenKFID: "wk", Start: time.Now(), End: time.Now().Add(-time.Hour)})),
		"intent answers":  second(c.KF.AddKnowledgeIntent(ctx, KFIntent{GroupID: "G", Question: NewKFIntentText("q")})),
	}
	for name, err := range checks {
		assert.ErrorIs(t, err, ErrKFInvalid, name)
	}
	for _, err := range c.KF.SyncMessages(ctx, KFSyncRequest{}) {
		assert.ErrorIs(t, err, ErrKFInvalid)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "no request sent")
}

func second[T any](_ T, err error) error { return err }

// One odd field never fails a page: numbers as strings, ids as numbers, an
// object where a string belongs; the message keeps the rest and its JSON.
func TestKFSyncPageIsLenient(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/kf/sync_msg", `{"errcode":0,"errmsg":"ok","next_cursor":12345,"has_more":"1",
		"msg_list":[
			{"msgid":987,"open_kfid":"wk1","send_time":"1700000000","origin":"3","msgtype":"text","text":{"content":{"odd":true},"menu_id":101}},
			{"msgid":"m2","send_time":"","msgtype":"location","location":{"latitude":"23.1","longitude":113.3,"name":"N"}},
			{"msgid":"m3","msgtype":"event","event":{"event_type":"msg_send_fail","fail_type":"4","status":{}}}
		]}`)
	p, err := c.KF.SyncPage(t.Context(), KFSyncPageRequest{})
	require.NoError(t, err)
	assert.Equal(t, "12345", p.NextCursor)
	assert.True(t, p.HasMore)
	require.Len(t, p.MsgList, 3)
	m := p.MsgList[0]
	assert.Equal(t, "987", m.MsgID)
	assert.Equal(t, int64(1700000000), m.SendTime)
	assert.Equal(t, 3, m.Origin)
	assert.Equal(t, "", m.Text.Content, "the odd value is dropped")
	assert.Equal(t, "101", m.Text.MenuID)
	assert.Contains(t, string(m.Raw), `"odd":true`, "and kept in Raw")
	assert.InDelta(t, 23.1, p.MsgList[1].Location.Latitude, 1e-9)
	assert.Equal(t, 4, p.MsgList[2].Event.FailType)
}

// BenchmarkKFDecodePage decodes one sync_msg page of 1,000 text messages,
// the SDK's own share of BenchmarkKFSync10000.
func BenchmarkKFDecodePage(b *testing.B) {
	conv := &kfConversation{}
	conv.add(1000)
	page := []byte(conv.reply([]byte(`{"limit":1000}`)))
	b.ReportAllocs()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		var p KFSyncPage
		if err := p.UnmarshalJSON(page); err != nil || len(p.MsgList) != 1000 {
			b.Fatal(err)
		}
	}
}
