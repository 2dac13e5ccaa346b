package work

// Customer contact (客户联系) against its doc pages' samples, through
// runDocSamples (docsample_test.go). The samples are under
// testdata/docs/externalcontact; its README names where each comes from.

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ecOK is the answer of the calls whose doc shows no field besides
// errcode and errmsg.
const ecOK = `{"errcode":0,"errmsg":"ok"}`

func externalContactDocCases() []docCase {
	ec := "/cgi-bin/externalcontact/"
	return []docCase{
		// 客户管理
		{
			page: 92113, method: http.MethodGet, path: ec + "list", sample: "externalcontact/list",
			query: url.Values{"userid": {"zhangsan"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.List(t.Context(), "zhangsan")
			},
		},
		{
			page: 92114, method: http.MethodGet, path: ec + "get", sample: "externalcontact/get",
			query: url.Values{"external_userid": {"woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA"}, "cursor": {"CURSOR"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.Get(t.Context(), CustomerGetRequest{ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", Cursor: "CURSOR"})
			},
			check: func(t *testing.T, got any) {
				d := got.(*CustomerDetail)
				assert.Equal(t, "lisi", d.ExternalContact.ForeignKey)
				assert.Equal(t, 1, d.ExternalContact.IsSubscribe)
				assert.Equal(t, &SubscriberInfo{TagIDs: []string{"TAG_ID1", "TAG_ID2"},
					RemarkMobiles: []string{"10000000000", "10000000001"}, Remark: "李小明-爸爸"}, d.ExternalContact.SubscriberInfo)
			},
		},
		{
			// The page's sample body is {"userid_list": [...], "cursor":
			// "", "limit": 100}: the SDK leaves out the empty cursor.
			page: 92994, method: http.MethodPost, path: ec + "batch/get_by_user", sample: "externalcontact/batch_get_by_user",
			body: `{"userid_list":["rocky","lisi"],"limit":100}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.BatchGetByUser(t.Context(), BatchGetByUserRequest{UserIDs: []string{"rocky", "lisi"}, Limit: 100})
			},
		},
		{
			page: 92115, method: http.MethodPost, path: ec + "remark", sample: "externalcontact/remark", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.ExternalContact.Remark(t.Context(), decodeSample[RemarkRequest](t, req))
			},
		},
		{
			page: 92571, method: http.MethodGet, path: ec + "get_follow_user_list", sample: "externalcontact/get_follow_user_list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.FollowUsers(t.Context())
			},
		},

		// 联系我与客户入群方式
		{
			page: 92228, method: http.MethodPost, path: ec + "add_contact_way", sample: "externalcontact/add_contact_way",
			reply: `{"errcode":0,"errmsg":"ok","config_id":"42b34949e138eb6e027c123cba77fAAA","qr_code":"http://p.qpic.cn/wwhead/duc2TvpEgSdicZ9RrdUtBkv2UiaA/0"}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				w := decodeSample[ContactWay](t, req)
				return c.ExternalContact.AddContactWay(t.Context(), &w)
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, &AddContactWayResult{ConfigID: "42b34949e138eb6e027c123cba77fAAA",
					QRCode: "http://p.qpic.cn/wwhead/duc2TvpEgSdicZ9RrdUtBkv2UiaA/0"}, got)
			},
		},
		{
			name: "externalcontact/add_contact_way mark_source", page: 92228, method: http.MethodPost, path: ec + "add_contact_way",
			sample: "externalcontact/add_contact_way",
			body:   `{"type":1,"scene":2,"user":["zhangsan"],"mark_source":false}`,
			reply:  `{"errcode":0,"errmsg":"ok","config_id":"42b34949e138eb6e027c123cba77fAAA"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.AddContactWay(t.Context(), &ContactWay{Type: ContactWaySingle, Scene: ContactWaySceneQRCode,
					Users: []string{"zhangsan"}, MarkSource: new(false)})
			},
		},
		{
			page: 92228, method: http.MethodPost, path: ec + "get_contact_way", sample: "externalcontact/get_contact_way",
			body: `{"config_id":"42b34949e138eb6e027c123cba77fAAA"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.ContactWay(t.Context(), "42b34949e138eb6e027c123cba77fAAA")
			},
		},
		{
			name: "externalcontact/get_contact_way mark_source", page: 92228, method: http.MethodPost, path: ec + "get_contact_way",
			sample: "externalcontact/get_contact_way", body: `{"config_id":"C1"}`,
			reply: `{"errcode":0,"errmsg":"ok","contact_way":{"config_id":"C1","type":1,"scene":2,"mark_source":true}}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.ContactWay(t.Context(), "C1")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, new(true), got.(*ContactWay).MarkSource)
			},
		},
		{
			page: 92228, method: http.MethodPost, path: ec + "list_contact_way", sample: "externalcontact/list_contact_way",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.ListContactWays(t.Context(), decodeSample[ListContactWaysRequest](t, req))
			},
		},
		{
			page: 92228, method: http.MethodPost, path: ec + "update_contact_way", sample: "externalcontact/update_contact_way", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				w := decodeSample[ContactWay](t, req)
				return nil, c.ExternalContact.UpdateContactWay(t.Context(), &w)
			},
		},
		{
			name: "externalcontact/update_contact_way mark_source", page: 92228, method: http.MethodPost, path: ec + "update_contact_way",
			sample: "externalcontact/update_contact_way", reply: ecOK,
			body: `{"config_id":"C1","mark_source":true}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.UpdateContactWay(t.Context(), &ContactWay{ConfigID: "C1", MarkSource: new(true)})
			},
		},
		{
			page: 92228, method: http.MethodPost, path: ec + "del_contact_way", sample: "externalcontact/del_contact_way", reply: ecOK,
			body: `{"config_id":"42b34949e138eb6e027c123cba77fAAA"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.DeleteContactWay(t.Context(), "42b34949e138eb6e027c123cba77fAAA")
			},
		},
		{
			page: 92228, method: http.MethodPost, path: ec + "close_temp_chat", sample: "externalcontact/close_temp_chat", reply: ecOK,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.CloseTempChat(t.Context(), "zhangyisheng", "woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA")
			},
		},
		{
			page: 92229, method: http.MethodPost, path: ec + "groupchat/add_join_way", sample: "externalcontact/add_join_way",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				w := decodeSample[JoinWay](t, req)
				return c.ExternalContact.AddJoinWay(t.Context(), &w)
			},
		},
		{
			name: "externalcontact/add_join_way mark_source", page: 92229, method: http.MethodPost, path: ec + "groupchat/add_join_way",
			sample: "externalcontact/add_join_way",
			body:   `{"scene":2,"chat_id_list":["wrOgQhDgAAH2Yy-CTZ6POca8mlBEdaaa"],"mark_source":true}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.AddJoinWay(t.Context(), &JoinWay{Scene: ContactWaySceneQRCode,
					ChatIDs: []string{"wrOgQhDgAAH2Yy-CTZ6POca8mlBEdaaa"}, MarkSource: new(true)})
			},
		},
		{
			page: 92229, method: http.MethodPost, path: ec + "groupchat/get_join_way", sample: "externalcontact/get_join_way",
			body: `{"config_id":"9ad7fa5cdaa6511298498f979c472aaa"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.JoinWay(t.Context(), "9ad7fa5cdaa6511298498f979c472aaa")
			},
		},
		{
			name: "externalcontact/get_join_way mark_source", page: 92229, method: http.MethodPost, path: ec + "groupchat/get_join_way",
			sample: "externalcontact/get_join_way", body: `{"config_id":"J1"}`,
			reply: `{"errcode":0,"errmsg":"ok","join_way":{"config_id":"J1","scene":2,"mark_source":false}}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.JoinWay(t.Context(), "J1")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, new(false), got.(*JoinWay).MarkSource)
			},
		},
		{
			page: 92229, method: http.MethodPost, path: ec + "groupchat/update_join_way", sample: "externalcontact/update_join_way", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				w := decodeSample[JoinWay](t, req)
				return nil, c.ExternalContact.UpdateJoinWay(t.Context(), &w)
			},
		},
		{
			page: 92229, method: http.MethodPost, path: ec + "groupchat/del_join_way", sample: "externalcontact/del_join_way", reply: ecOK,
			body: `{"config_id":"9ad7fa5cdaa6511298498f979c4722de"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.DeleteJoinWay(t.Context(), "9ad7fa5cdaa6511298498f979c4722de")
			},
		},

		// 客户群管理
		{
			// status_filter 0 is the default: the SDK leaves it out.
			page: 92120, method: http.MethodPost, path: ec + "groupchat/list", sample: "externalcontact/groupchat_list",
			body: `{"owner_filter":{"userid_list":["abel"]},"cursor":"r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI","limit":10}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.ListGroupChats(t.Context(), decodeSample[ListGroupChatsRequest](t, req))
			},
		},
		{
			// The sample leaves need_name out (0); the SDK sends it.
			page: 92122, method: http.MethodPost, path: ec + "groupchat/get", sample: "externalcontact/groupchat_get",
			body: `{"chat_id":"wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA","need_name":0}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.GroupChat(t.Context(), GroupChatRequest{ChatID: "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA"})
			},
		},
		{
			page: 94822, method: http.MethodPost, path: ec + "opengid_to_chatid", sample: "externalcontact/opengid_to_chatid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.OpenGIDToChatID(t.Context(), "oAAAAAAA")
			},
		},
		{
			page: 92127, method: http.MethodPost, path: ec + "groupchat/transfer", sample: "externalcontact/groupchat_transfer",
			reply: `{"errcode":0,"errmsg":"ok","failed_chat_list":[{"chat_id":"wrOgQhDgAAcwMTB7YmDkbeBsgT_KAAAA","errcode":90500,"errmsg":"the owner of this chat is not resigned"}]}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.TransferGroupChats(t.Context(), []string{"wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAA", "wrOgQhDgAAMYQiS5ol9G7gK9JVQUAAAA"}, "zhangsan")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, []FailedGroupChat{{ChatID: "wrOgQhDgAAcwMTB7YmDkbeBsgT_KAAAA", ErrCode: 90500,
					ErrMsg: "the owner of this chat is not resigned"}}, got)
			},
		},
		{
			page: 95703, method: http.MethodPost, path: ec + "groupchat/onjob_transfer", sample: "externalcontact/groupchat_transfer",
			reply: ecOK,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.OnJobTransferGroupChats(t.Context(), []string{"wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAA", "wrOgQhDgAAMYQiS5ol9G7gK9JVQUAAAA"}, "zhangsan")
			},
		},

		// 客户标签管理
		{
			page: 92117, method: http.MethodPost, path: ec + "get_corp_tag_list", sample: "externalcontact/get_corp_tag_list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.CorpTags(t.Context(), decodeSample[CorpTagsRequest](t, req))
			},
		},
		{
			page: 92117, method: http.MethodPost, path: ec + "add_corp_tag", sample: "externalcontact/add_corp_tag",
			reply: `{"errcode":0,"errmsg":"ok","tag_group":{"group_id":"TAG_GROUPID1","group_name":"GOURP_NAME","create_time":1557838797,"order":1,` +
				`"tag":[{"id":"TAG_ID1","name":"NAME1","create_time":1557838797,"order":1},{"id":"TAG_ID2","name":"NAME2","create_time":1557838797,"order":2}]}}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.AddCorpTag(t.Context(), decodeSample[AddCorpTagRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				g := got.(*CorpTagGroup)
				assert.Equal(t, "TAG_GROUPID1", g.GroupID)
				require.Len(t, g.Tags, 2)
				assert.Equal(t, CorpTag{ID: "TAG_ID2", Name: "NAME2", CreateTime: 1557838797, Order: 2}, g.Tags[1])
			},
		},
		{
			page: 92117, method: http.MethodPost, path: ec + "edit_corp_tag", sample: "externalcontact/edit_corp_tag", reply: ecOK,
			body: `{"id":"TAG_ID","name":"NEW_TAG_NAME","order":1,"agentid":1000014}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.EditCorpTag(t.Context(), EditCorpTagRequest{ID: "TAG_ID", Name: "NEW_TAG_NAME", Order: new(int64(1)), AgentID: 1000014})
			},
		},
		{
			page: 92117, method: http.MethodPost, path: ec + "del_corp_tag", sample: "externalcontact/del_corp_tag", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.ExternalContact.DeleteCorpTags(t.Context(), decodeSample[DeleteCorpTagsRequest](t, req))
			},
		},
		{
			page: 92118, method: http.MethodPost, path: ec + "mark_tag", sample: "externalcontact/mark_tag", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.ExternalContact.MarkTag(t.Context(), decodeSample[MarkTagRequest](t, req))
			},
		},

		// 客户继承
		{
			page: 92125, method: http.MethodPost, path: ec + "transfer_customer", sample: "externalcontact/resigned_transfer_customer",
			body: `{"handover_userid":"zhangsan","takeover_userid":"lisi","external_userid":["woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB","woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA"],` +
				`"transfer_success_msg":"您好，您的服务已升级，后续将由我的同事李四@腾讯接替我的工作，继续为您服务。"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.TransferCustomer(t.Context(), TransferCustomerRequest{HandoverUserID: "zhangsan", TakeoverUserID: "lisi",
					ExternalUserIDs:    []string{"woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB", "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA"},
					TransferSuccessMsg: "您好，您的服务已升级，后续将由我的同事李四@腾讯接替我的工作，继续为您服务。"})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, []CustomerTransfer{{ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB"},
					{ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", ErrCode: 40096}}, got)
			},
		},
		{
			page: 94081, method: http.MethodPost, path: ec + "resigned/transfer_customer", sample: "externalcontact/resigned_transfer_customer",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.ResignedTransferCustomer(t.Context(), decodeSample[TransferCustomerRequest](t, req))
			},
		},
		{
			page: 94088, method: http.MethodPost, path: ec + "transfer_result", sample: "externalcontact/transfer_result",
			reply: `{"errcode":0,"errmsg":"ok","customer":[{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB","status":1,"takeover_time":1588262400},` +
				`{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACCCCC","status":2,"takeover_time":1588482400},` +
				`{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA","status":3,"takeover_time":0}],"next_cursor":"NEXT_CURSOR"}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.TransferResult(t.Context(), decodeSample[TransferResultRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				p := got.(*TransferResultPage)
				assert.Equal(t, "NEXT_CURSOR", p.NextCursor)
				require.Len(t, p.Customers, 3)
				assert.Equal(t, CustomerTransferStatus{ExternalUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACCCCC", Status: TransferWaiting, TakeoverTime: 1588482400}, p.Customers[1])
			},
		},
		{
			page: 94082, method: http.MethodPost, path: ec + "resigned/transfer_result", sample: "externalcontact/transfer_result",
			reply: `{"errcode":0,"errmsg":"ok","customer":[{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACBBBB","status":1,"takeover_time":1588262400}],"next_cursor":"NEXT_CURSOR"}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.ResignedTransferResult(t.Context(), decodeSample[TransferResultRequest](t, req))
			},
		},
		{
			// page_id is the legacy paging the SDK replaces with cursor;
			// the empty cursor of the first page is left out.
			page: 92124, method: http.MethodPost, path: ec + "get_unassigned_list", sample: "externalcontact/get_unassigned_list",
			body: `{"page_size":100}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.UnassignedList(t.Context(), UnassignedListRequest{PageSize: 100})
			},
		},

		// 消息推送
		{
			page: 92135, method: http.MethodPost, path: ec + "add_msg_template", sample: "externalcontact/add_msg_template",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				m := decodeSample[MsgTemplate](t, req)
				return c.ExternalContact.AddMsgTemplate(t.Context(), &m)
			},
		},
		{
			page: 92137, method: http.MethodPost, path: ec + "send_welcome_msg", sample: "externalcontact/send_welcome_msg", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				m := decodeSample[WelcomeMsg](t, req)
				return nil, c.ExternalContact.SendWelcomeMsg(t.Context(), &m)
			},
		},
		{
			// The page's answer prints create_time as "xxxx"; a real one
			// is checked in externalcontact_msg_test.go.
			page: 93338, method: http.MethodPost, path: ec + "get_groupmsg_list_v2", sample: "externalcontact/get_groupmsg_list_v2",
			reply: `{"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","group_msg_list":[{"msgid":"msgGCAAAXtWyujaWJHDDGi0mAAAA",` +
				`"creator":"xxxx","create_time":"1605172726","create_type":1,"text":{"content":"文本消息内容"},` +
				`"attachments":[{"msgtype":"image","image":{"media_id":"MEDIA_ID","pic_url":"http://p.qpic.cn/pic_wework/3474110808/7a6344sdadfwehe42060/0"}}]}]}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				r := decodeSample[GroupMsgListRequest](t, req)
				r.FilterType = CreatorPersonal // filter_type 1
				return c.ExternalContact.GroupMsgList(t.Context(), r)
			},
			check: func(t *testing.T, got any) {
				l := got.(*GroupMsgList)
				require.Len(t, l.GroupMsgs, 1)
				assert.Equal(t, int64(1605172726), l.GroupMsgs[0].CreateTime)
			},
		},
		{
			page: 93338, method: http.MethodPost, path: ec + "get_groupmsg_task", sample: "externalcontact/get_groupmsg_task",
			body: `{"msgid":"msgGCAAAXtWyujaWJHDDGi0mACAAAA","limit":50,"cursor":"CURSOR"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.GroupMsgTask(t.Context(), GroupMsgPageRequest{MsgID: "msgGCAAAXtWyujaWJHDDGi0mACAAAA", Limit: 50, Cursor: "CURSOR"})
			},
		},
		{
			page: 93338, method: http.MethodPost, path: ec + "get_groupmsg_send_result", sample: "externalcontact/get_groupmsg_send_result",
			body: `{"msgid":"msgGCAAAXtWyujaWJHDDGi0mACAAAA","userid":"zhangsan","limit":50,"cursor":"CURSOR"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.GroupMsgSendResult(t.Context(), GroupMsgPageRequest{MsgID: "msgGCAAAXtWyujaWJHDDGi0mACAAAA", UserID: "zhangsan", Limit: 50, Cursor: "CURSOR"})
			},
		},
		{
			page: 97610, method: http.MethodPost, path: ec + "remind_groupmsg_send", sample: "externalcontact/remind_groupmsg_send", reply: ecOK,
			body: `{"msgid":"msgGCAAAXtWyujaWJHDDGi0mACAAAA"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.RemindGroupMsgSend(t.Context(), "msgGCAAAXtWyujaWJHDDGi0mACAAAA")
			},
		},
		{
			page: 97611, method: http.MethodPost, path: ec + "cancel_groupmsg_send", sample: "externalcontact/cancel_groupmsg_send", reply: ecOK,
			body: `{"msgid":"msgGCAAAXtWyujaWJHDDGi0mACAAAA"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.CancelGroupMsgSend(t.Context(), "msgGCAAAXtWyujaWJHDDGi0mACAAAA")
			},
		},
		{
			page: 92366, method: http.MethodPost, path: ec + "group_welcome_template/add", sample: "externalcontact/group_welcome_template_add",
			reply: `{"errcode":0,"errmsg":"ok","template_id":"msgXXXXXXX"}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				tpl := decodeSample[GroupWelcomeTemplate](t, req) // notify 1 is WeCom's default: SkipNotify false
				return c.ExternalContact.AddGroupWelcomeTemplate(t.Context(), &tpl)
			},
			// notify 1 is the default, which the SDK leaves out.
			body: `{"text":{"content":"亲爱的%NICKNAME%用户，你好"},"image":{"media_id":"MEDIA_ID","pic_url":"http://p.qpic.cn/pic_wework/3474110808/7a6344sdadfwehe42060/0"},` +
				`"link":{"title":"消息标题","picurl":"https://example.pic.com/path","desc":"消息描述","url":"https://example.link.com/path"},` +
				`"miniprogram":{"title":"消息标题","pic_media_id":"MEDIA_ID","appid":"wx8bd80126147dfAAA","page":"/path/index"},` +
				`"file":{"media_id":"1Yv-zXfHjSjU-7LH-GwtYqDGS-zz6w22KmWAT5COgP7o"},"video":{"media_id":"MEDIA_ID"},"agentid":1000014}`,
			check: func(t *testing.T, got any) { assert.Equal(t, "msgXXXXXXX", got) },
		},
		{
			page: 92366, method: http.MethodPost, path: ec + "group_welcome_template/edit", sample: "externalcontact/group_welcome_template_edit", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				tpl := decodeSample[GroupWelcomeTemplate](t, req)
				return nil, c.ExternalContact.EditGroupWelcomeTemplate(t.Context(), &tpl)
			},
		},
		{
			page: 92366, method: http.MethodPost, path: ec + "group_welcome_template/get", sample: "externalcontact/group_welcome_template_get",
			body: `{"template_id":"msgXXXXXXX"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.GroupWelcomeTemplate(t.Context(), "msgXXXXXXX")
			},
		},
		{
			page: 92366, method: http.MethodPost, path: ec + "group_welcome_template/del", sample: "externalcontact/group_welcome_template_del", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.ExternalContact.DeleteGroupWelcomeTemplate(t.Context(), decodeSample[DeleteGroupWelcomeTemplateRequest](t, req))
			},
		},

		// 客户朋友圈
		{
			// The page prints the corp tag ids of tag_list as numbers;
			// they are strings ("et…"), sent as such.
			page: 95094, method: http.MethodPost, path: ec + "add_moment_task", sample: "externalcontact/add_moment_task",
			body: `{"text":{"content":"文本消息内容"},"attachments":[{"msgtype":"image","image":{"media_id":"MEDIA_ID"}},` +
				`{"msgtype":"video","video":{"media_id":"MEDIA_ID"}},{"msgtype":"link","link":{"title":"消息标题","url":"https://example.link.com/path","media_id":"MEDIA_ID"}}],` +
				`"visible_range":{"sender_list":{"user_list":["zhangshan","lisi"],"department_list":[2,3]},"external_contact_list":{"tag_list":["1","2"]}}}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.AddMomentTask(t.Context(), &AddMomentTaskRequest{
					Text: &CustomerText{Content: "文本消息内容"},
					Attachments: []MomentAttachment{NewMomentImage("MEDIA_ID"), NewMomentVideo("MEDIA_ID"),
						NewMomentLink("消息标题", "https://example.link.com/path", "MEDIA_ID")},
					VisibleRange: &MomentVisibleRange{
						Senders:   &MomentSenders{UserIDs: []string{"zhangshan", "lisi"}, DepartmentIDs: []int64{2, 3}},
						Customers: &MomentCustomers{TagIDs: []string{"1", "2"}},
					},
				})
			},
		},
		{
			page: 95094, method: http.MethodGet, path: ec + "get_moment_task_result", sample: "externalcontact/get_moment_task_result",
			query: url.Values{"jobid": {"xxxx"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.MomentTaskResult(t.Context(), "xxxx")
			},
		},
		{
			page: 97612, method: http.MethodPost, path: ec + "cancel_moment_task", sample: "externalcontact/cancel_moment_task", reply: ecOK,
			body: `{"moment_id":"momxxx"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.CancelMomentTask(t.Context(), "momxxx")
			},
		},
		{
			page: 93443, method: http.MethodPost, path: ec + "get_moment_list", sample: "externalcontact/get_moment_list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				r := decodeSample[MomentListRequest](t, req)
				r.FilterType = CreatorPersonal // filter_type 1
				return c.ExternalContact.MomentList(t.Context(), r)
			},
		},
		{
			page: 93443, method: http.MethodPost, path: ec + "get_moment_task", sample: "externalcontact/get_moment_task",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.MomentTask(t.Context(), decodeSample[MomentPageRequest](t, req))
			},
		},
		{
			page: 93443, method: http.MethodPost, path: ec + "get_moment_customer_list", sample: "externalcontact/get_moment_customer_list",
			reply: `{"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","customer_list":[{"userid":"xxx","external_userid":"woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA"}]}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.MomentCustomerList(t.Context(), decodeSample[MomentPageRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, &MomentCustomerList{NextCursor: "CURSOR",
					Customers: []MomentCustomer{{UserID: "xxx", ExternalUserID: "woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA"}}}, got)
			},
		},

		{
			page: 93443, method: http.MethodPost, path: ec + "get_moment_send_result", sample: "externalcontact/get_moment_send_result",
			body:  `{"moment_id":"momxxx","userid":"xxx","cursor":"CURSOR","limit":100}`,
			reply: `{"errcode":0,"errmsg":"ok","next_cursor":"CURSOR","customer_list":[{"external_userid":"woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA"}]}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.MomentSendResult(t.Context(), MomentPageRequest{MomentID: "momxxx", UserID: "xxx", Cursor: "CURSOR", Limit: 100})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, &MomentCustomerList{NextCursor: "CURSOR",
					Customers: []MomentCustomer{{ExternalUserID: "woAJ2GCAAAd4uL12hdfsdasassdDmAAAAA"}}}, got)
			},
		},
		{
			page: 93443, method: http.MethodPost, path: ec + "get_moment_comments", sample: "externalcontact/get_moment_comments",
			body: `{"moment_id":"momxxx","userid":"xxx"}`,
			reply: `{"errcode":0,"errmsg":"ok","comment_list":[{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA","create_time":1605172726},` +
				`{"userid":"zhangshan","create_time":1605172729}],"like_list":[{"external_userid":"woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA","create_time":1605172726},` +
				`{"userid":"zhangshan","create_time":1605172720}]}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.MomentComments(t.Context(), "momxxx", "xxx")
			},
			check: func(t *testing.T, got any) {
				m := got.(*MomentInteractions)
				require.Len(t, m.Comments, 2)
				require.Len(t, m.Likes, 2)
				assert.Equal(t, MomentInteraction{UserID: "zhangshan", CreateTime: 1605172720}, m.Likes[1])
			},
		},

		// 客户 ID 转换
		{
			page: 92323, method: http.MethodPost, path: ec + "convert_to_openid", sample: "externalcontact/convert_to_openid",
			body: `{"external_userid":"wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.ConvertToOpenID(t.Context(), "wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw")
			},
		},
		{
			page: 95900, method: http.MethodPost, path: ec + "unionid_to_external_userid", sample: "externalcontact/unionid_to_external_userid",
			body: `{"unionid":"oAAAAAAAAAAAAA","openid":"oBBBBBBBBBBBB","subject_type":1}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.UnionIDToExternalUserID(t.Context(), UnionIDRequest{UnionID: "oAAAAAAAAAAAAA", OpenID: "oBBBBBBBBBBBB", SubjectType: 1})
			},
		},
		{
			page: 95327, method: http.MethodPost, path: ec + "get_new_external_userid", sample: "externalcontact/get_new_external_userid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.GetNewExternalUserID(t.Context(), []string{"xxxxx", "yyyyyy"})
			},
		},
	}
}

func TestExternalContactDocSamples(t *testing.T) {
	runDocSamples(t, externalContactDocCases())
}

// Numbers sent as strings ("" for 0) and a field of an unexpected shape
// never fail a customer-contact answer, whether the method decodes through
// getAs/postAs or on its own.
func TestExternalContactAnswersDecodeLeniently(t *testing.T) {
	ctx := t.Context()
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodGet, "/cgi-bin/externalcontact/get", `{"errcode":0,"errmsg":"ok",
		"external_contact":{"external_userid":"wm1","name":"N","type":"1","gender":"","is_subscribe":"1","position":{"odd":true}},
		"follow_user":[{"userid":"u1","createtime":"1525779812","add_way":"10"}]}`)
	d, err := c.ExternalContact.Get(ctx, CustomerGetRequest{ExternalUserID: "wm1"})
	require.NoError(t, err)
	assert.Equal(t, ExternalContact{ExternalUserID: "wm1", Name: "N", Type: ExternalContactWechat, IsSubscribe: 1}, d.ExternalContact)
	assert.Equal(t, []FollowUser{{UserID: "u1", CreateTime: 1525779812, AddWay: AddWayWechatChannels}}, d.FollowUsers)

	stubJSON(t, mt, http.MethodPost, "/cgi-bin/externalcontact/groupchat/get", `{"errcode":0,"errmsg":"ok",
		"group_chat":{"chat_id":"wr1","create_time":"1572505490","member_list":[{"userid":"u1","type":"2","join_time":"","join_scene":"3"}]}}`)
	g, err := c.ExternalContact.GroupChat(ctx, GroupChatRequest{ChatID: "wr1"})
	require.NoError(t, err)
	assert.Equal(t, &GroupChat{ChatID: "wr1", CreateTime: 1572505490,
		Members: []GroupChatMember{{UserID: "u1", Type: GroupMemberExternal, JoinScene: GroupJoinByQRCode}}}, g)

	stubJSON(t, mt, http.MethodPost, "/cgi-bin/externalcontact/get_corp_tag_list", `{"errcode":0,"errmsg":"ok",
		"tag_group":[{"group_id":"g1","create_time":"1557838797","order":"","deleted":0,"tag":[{"id":"t1","order":"2","deleted":"1"}]}]}`)
	tags, err := c.ExternalContact.CorpTags(ctx, CorpTagsRequest{})
	require.NoError(t, err)
	assert.Equal(t, []CorpTagGroup{{GroupID: "g1", CreateTime: 1557838797, Tags: []CorpTag{{ID: "t1", Order: 2, Deleted: true}}}}, tags)
}
