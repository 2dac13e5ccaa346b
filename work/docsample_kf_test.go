package work

// The doc-sample table of 微信客服 (kf). Samples: testdata/docs/kf;
// machinery: docsample_test.go. Pages: developer.work.weixin.qq.com/document/path/<page>.

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKFDocSamples(t *testing.T) {
	post := http.MethodPost
	runDocSamples(t, []docCase{
		// Accounts: page 94662 (add, del, update, list), 94665 (add_contact_way).
		{page: 94662, method: post, path: "/cgi-bin/kf/account/add",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.AddAccount(t.Context(), decodeSample[KFAccountAdd](t, req))
			}},
		{page: 94662, method: post, path: "/cgi-bin/kf/account/del",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.KF.DeleteAccount(t.Context(), decodeSample[KFAccountUpdate](t, req).OpenKFID)
			}},
		{page: 94662, method: post, path: "/cgi-bin/kf/account/update",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.KF.UpdateAccount(t.Context(), decodeSample[KFAccountUpdate](t, req))
			}},
		{page: 94661, method: post, path: "/cgi-bin/kf/account/list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.ListAccounts(t.Context(), decodeSample[KFAccountListRequest](t, req))
			}},
		{page: 94665, method: post, path: "/cgi-bin/kf/add_contact_way",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.AddContactWay(t.Context(), decodeSample[KFContactWayRequest](t, req))
			}},
		// Servicers: page 94646.
		{page: 94646, method: post, path: "/cgi-bin/kf/servicer/add",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.AddServicers(t.Context(), decodeSample[KFServicersRequest](t, req))
			}},
		{page: 94646, method: post, path: "/cgi-bin/kf/servicer/del",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.DeleteServicers(t.Context(), decodeSample[KFServicersRequest](t, req))
			}},
		{page: 94645, method: http.MethodGet, path: "/cgi-bin/kf/servicer/list",
			query: url.Values{"open_kfid": {"XXX"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.KF.ListServicers(t.Context(), "XXX")
			}},
		// Sessions: page 94669.
		{page: 94669, method: post, path: "/cgi-bin/kf/service_state/get",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.ServiceState(t.Context(), decodeSample[KFSession](t, req))
			}},
		{page: 94669, method: post, path: "/cgi-bin/kf/service_state/trans",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.TransferServiceState(t.Context(), decodeSample[KFServiceStateTrans](t, req))
			}},
		// Messages: page 94670 (sync_msg), 94677 (send_msg), 95122 (send_msg_on_event).
		{page: 94670, method: post, path: "/cgi-bin/kf/sync_msg",
			// voice_format 0 is WeCom's default, which the SDK leaves out.
			omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.SyncPage(t.Context(), decodeSample[KFSyncPageRequest](t, req))
			}},
		{page: 94677, method: post, path: "/cgi-bin/kf/send_msg",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					ToUser   string `json:"touser"`
					OpenKFID string `json:"open_kfid"`
					MsgID    string `json:"msgid"`
					Text     KFText `json:"text"`
				}](t, req)
				return c.KF.SendMessage(t.Context(), KFSendRequest{ToUser: in.ToUser, OpenKFID: in.OpenKFID, MsgID: in.MsgID, Msg: in.Text})
			}},
		{page: 95122, method: post, path: "/cgi-bin/kf/send_msg_on_event",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Code  string `json:"code"`
					MsgID string `json:"msgid"`
					Text  KFText `json:"text"`
				}](t, req)
				return c.KF.SendMessageOnEvent(t.Context(), KFEventReply{Code: in.Code, MsgID: in.MsgID, Msg: &in.Text})
			}},
		{name: "kf/send_msg_on_event msgmenu", page: 95122, method: post, path: "/cgi-bin/kf/send_msg_on_event",
			sample: "kf/send_msg_on_event.msgmenu",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Code  string `json:"code"`
					MsgID string `json:"msgid"`
					Menu  KFMenu `json:"msgmenu"`
				}](t, req)
				return c.KF.SendMessageOnEvent(t.Context(), KFEventReply{Code: in.Code, MsgID: in.MsgID, Msg: in.Menu})
			}},
		// Customers: page 95159.
		{page: 95159, method: post, path: "/cgi-bin/kf/customer/batchget",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.BatchGetCustomers(t.Context(), decodeSample[KFCustomerRequest](t, req))
			}},
		// Upgrade service: page 94674.
		{page: 94674, method: http.MethodGet, path: "/cgi-bin/kf/customer/get_upgrade_service_config",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.KF.UpgradeServiceConfig(t.Context())
			}},
		{page: 94674, method: post, path: "/cgi-bin/kf/customer/upgrade_service",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.KF.UpgradeService(t.Context(), decodeSample[KFUpgradeService](t, req))
			}},
		{name: "kf/customer/upgrade_service groupchat", page: 94674, method: post, path: "/cgi-bin/kf/customer/upgrade_service",
			sample: "kf/customer/upgrade_service.groupchat",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.KF.UpgradeService(t.Context(), decodeSample[KFUpgradeService](t, req))
			}},
		{page: 94674, method: post, path: "/cgi-bin/kf/customer/cancel_upgrade_service",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.KF.CancelUpgradeService(t.Context(), decodeSample[KFSession](t, req))
			}},
		// Statistics: page 95489 (corp), 95490 (servicer); qualification: 96419.
		{page: 95489, method: post, path: "/cgi-bin/kf/get_corp_statistic",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					OpenKFID string `json:"open_kfid"`
					Start    int64  `json:"start_time"`
					End      int64  `json:"end_time"`
				}](t, req)
				return c.KF.CorpStatistic(t.Context(), KFStatisticRequest{OpenKFID: in.OpenKFID, Start: time.Unix(in.Start, 0), End: time.Unix(in.End, 0)})
			}},
		{page: 95490, method: post, path: "/cgi-bin/kf/get_servicer_statistic",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					OpenKFID string `json:"open_kfid"`
					Servicer string `json:"servicer_userid"`
					Start    int64  `json:"start_time"`
					End      int64  `json:"end_time"`
				}](t, req)
				return c.KF.ServicerStatistic(t.Context(), KFStatisticRequest{OpenKFID: in.OpenKFID, ServicerUserID: in.Servicer,
					Start: time.Unix(in.Start, 0), End: time.Unix(in.End, 0)})
			}},
		{page: 96419, method: http.MethodGet, path: "/cgi-bin/kf/get_corp_qualification",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.KF.CorpQualification(t.Context())
			}},
		// Knowledge base: page 95971 (groups), 95972 (intents).
		{page: 95971, method: post, path: "/cgi-bin/kf/knowledge/add_group",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.AddKnowledgeGroup(t.Context(), decodeSample[KFKnowledgeGroup](t, req).Name)
			}},
		{page: 95971, method: post, path: "/cgi-bin/kf/knowledge/del_group",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.KF.DeleteKnowledgeGroup(t.Context(), decodeSample[KFKnowledgeGroup](t, req).GroupID)
			}},
		{page: 95971, method: post, path: "/cgi-bin/kf/knowledge/mod_group",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				g := decodeSample[KFKnowledgeGroup](t, req)
				return nil, c.KF.UpdateKnowledgeGroup(t.Context(), g.GroupID, g.Name)
			}},
		{page: 95971, method: post, path: "/cgi-bin/kf/knowledge/list_group",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.ListKnowledgeGroups(t.Context(), decodeSample[KFKnowledgeListRequest](t, req))
			}},
		{page: 95972, method: post, path: "/cgi-bin/kf/knowledge/add_intent",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.AddKnowledgeIntent(t.Context(), decodeSample[KFIntent](t, req))
			}},
		{page: 95972, method: post, path: "/cgi-bin/kf/knowledge/mod_intent",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.KF.UpdateKnowledgeIntent(t.Context(), decodeSample[KFIntent](t, req))
			}},
		{page: 95972, method: post, path: "/cgi-bin/kf/knowledge/del_intent",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.KF.DeleteKnowledgeIntent(t.Context(), decodeSample[KFIntent](t, req).IntentID)
			}},
		{page: 95972, method: post, path: "/cgi-bin/kf/knowledge/list_intent",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.ListKnowledgeIntents(t.Context(), decodeSample[KFKnowledgeListRequest](t, req))
			}},
		{
			// The shape other mirrors of page 95972 show: similar questions
			// and answers beside the question, a link's picture as picurl.
			name: "kf/knowledge/list_intent flat", page: 95972, method: post, path: "/cgi-bin/kf/knowledge/list_intent",
			sample: "kf/knowledge/list_intent.flat",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.ListKnowledgeIntents(t.Context(), decodeSample[KFKnowledgeListRequest](t, req))
			},
		},
	})
}

// Every msgtype send_msg accepts (page 94677), each as its own sample.
func TestKFSendMsgTypesDocSamples(t *testing.T) {
	msgs := map[string]func(req []byte) KFOutgoing{
		"image":       func(req []byte) KFOutgoing { return field[KFImage](t, req, "image") },
		"voice":       func(req []byte) KFOutgoing { return field[KFVoice](t, req, "voice") },
		"video":       func(req []byte) KFOutgoing { return field[KFVideo](t, req, "video") },
		"file":        func(req []byte) KFOutgoing { return field[KFFile](t, req, "file") },
		"link":        func(req []byte) KFOutgoing { return field[KFLink](t, req, "link") },
		"miniprogram": func(req []byte) KFOutgoing { return field[KFMiniProgram](t, req, "miniprogram") },
		"msgmenu":     func(req []byte) KFOutgoing { return field[KFMenu](t, req, "msgmenu") },
		"location":    func(req []byte) KFOutgoing { return field[KFLocation](t, req, "location") },
		"ca_link":     func(req []byte) KFOutgoing { return field[KFCALink](t, req, "ca_link") },
	}
	var cases []docCase
	for typ, msg := range msgs {
		cases = append(cases, docCase{
			name: "kf/send_msg " + typ, page: 94677, method: http.MethodPost, path: "/cgi-bin/kf/send_msg",
			sample: "kf/send_msg." + typ,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.KF.SendMessage(t.Context(), KFSendRequest{ToUser: "EXTERNAL_USERID", OpenKFID: "OPEN_KFID", MsgID: "MSGID", Msg: msg(req)})
			},
		})
	}
	runDocSamples(t, cases)
}

// field decodes the key of the request sample req into a T.
func field[T any](t testing.TB, req []byte, key string) T {
	t.Helper()
	var all map[string]rawJSON
	require.NoError(t, decodeLenient(req, &all))
	return decodeSample[T](t, all[key])
}

// rawJSON keeps a JSON value as it is.
type rawJSON []byte

// UnmarshalJSON implements json.Unmarshaler.
func (r *rawJSON) UnmarshalJSON(b []byte) error { *r = append((*r)[:0], b...); return nil }

// Every message and event type the docs list (page 94670) reaches the
// caller typed, and an unknown one with its JSON.
func TestKFSyncMsgTypesDocSample(t *testing.T) {
	runDocSamples(t, []docCase{{
		name: "kf/sync_msg every type", page: 94670, method: http.MethodPost, path: "/cgi-bin/kf/sync_msg",
		sample: "kf/sync_msg.types", body: `{"open_kfid":"wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q"}`,
		call: func(t *testing.T, c *Client, _ []byte) (any, error) {
			return c.KF.SyncPage(t.Context(), KFSyncPageRequest{OpenKFID: "wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q"})
		},
		// The unknown type is checked below, in Raw.
		skip: []string{"msg_list[].future_type"},
		check: func(t *testing.T, got any) {
			p := got.(*KFSyncPage)
			require.Len(t, p.MsgList, 25)
			byID := map[string]KFMessage{}
			for _, m := range p.MsgList {
				byID[m.MsgID] = m
				assert.NotEmpty(t, m.Raw, m.MsgID)
			}
			assert.Equal(t, "101", byID["m01"].Text.MenuID)
			assert.Equal(t, "USERID", byID["m08"].BusinessCard.UserID)
			assert.True(t, bool(byID["m10"].Menu.List[3].Text.NoNewline))
			assert.NotNil(t, byID["m17"].Note)
			assert.Equal(t, KFEventEnterSession, byID["e01"].Event.EventType)
			assert.Equal(t, "aaaaaa", byID["e01"].Event.WelcomeCode)
			assert.Equal(t, 1, byID["e07"].Event.RejectSwitch)
			u := byID["u01"]
			assert.Equal(t, "future_type", u.MsgType)
			assert.Contains(t, string(u.Raw), "FUTURE_VALUE")
		},
	}})
}
