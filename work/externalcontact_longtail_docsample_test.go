package work

// Customer contact's long tail (issue 18) against its doc pages' samples:
// intercept rules, product album, customer acquisition, strategies and
// strategy tags, statistics, contact_list, id migrations and the school
// (家校) calls. Samples: testdata/docs/externalcontact (see its README).

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func externalContactLongTailDocCases() []docCase {
	ec := "/cgi-bin/externalcontact/"
	ca := ec + "customer_acquisition/"
	unix := func(s int64) time.Time { return time.Unix(s, 0) }
	schoolText := "你的快递已到，请携带工卡前往邮件中心领取。\n出发前可查看<a href=\"http://work.weixin.qq.com\">邮件中心视频实况</a>，聪明避开排队。"
	cases := []docCase{
		// 敏感词拦截规则 (95097)
		{
			page: 95097, method: http.MethodPost, path: ec + "add_intercept_rule", sample: "externalcontact/add_intercept_rule",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Intercept.AddRule(t.Context(), decodeSample[AddInterceptRuleRequest](t, req))
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "xxx", got) },
		},
		{
			page: 95097, method: http.MethodPost, path: ec + "get_intercept_rule_list", sample: "externalcontact/get_intercept_rule_list",
			body: `{}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Intercept.Rules(t.Context()) },
		},
		{
			page: 95097, method: http.MethodPost, path: ec + "get_intercept_rule", sample: "externalcontact/get_intercept_rule",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Intercept.Rule(t.Context(), "xxx") },
			check: func(t *testing.T, got any) {
				r := got.(*InterceptRule)
				assert.Equal(t, []int{SemanticsMobile, SemanticsEmail, SemanticsRedPacket}, r.Semantics)
				assert.Equal(t, ContactRange{UserIDs: []string{"zhangshan"}, DepartmentIDs: []int64{2, 3}}, r.ApplicableRange)
			},
		},
		{
			page: 95097, method: http.MethodPost, path: ec + "update_intercept_rule", sample: "externalcontact/update_intercept_rule", reply: ecOK,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Intercept.UpdateRule(t.Context(), UpdateInterceptRuleRequest{
					RuleID: "xxxx", RuleName: "rulename", Words: []string{"敏感词1", "敏感词2"}, Semantics: []int{1, 2, 3},
					InterceptType: InterceptBlockAndWarn,
					AddRange:      &ContactRange{UserIDs: []string{"zhangshan"}, DepartmentIDs: []int64{2, 3}},
					RemoveRange:   &ContactRange{UserIDs: []string{"zhangshan"}, DepartmentIDs: []int64{2, 3}},
				})
			},
		},
		{
			name: "externalcontact/update_intercept_rule name only", page: 95097, method: http.MethodPost, path: ec + "update_intercept_rule",
			sample: "externalcontact/update_intercept_rule", reply: ecOK, body: `{"rule_id":"r1","rule_name":"n"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Intercept.UpdateRule(t.Context(), UpdateInterceptRuleRequest{RuleID: "r1", RuleName: "n"})
			},
		},
		{
			page: 95097, method: http.MethodPost, path: ec + "del_intercept_rule", sample: "externalcontact/del_intercept_rule", reply: ecOK,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Intercept.DeleteRule(t.Context(), "xxx")
			},
		},

		// 商品图册 (95096)
		{
			page: 95096, method: http.MethodPost, path: ec + "add_product_album", sample: "externalcontact/add_product_album",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ProductAlbum.Add(t.Context(), &Product{Description: "世界上最好的商品", Price: 30000, ProductSN: "xxxxxxxx",
					Attachments: []ProductAttachment{NewProductImage("MEDIA_ID")}})
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "xxxxxxxxxx", got) },
		},
		{
			page: 95096, method: http.MethodPost, path: ec + "get_product_album", sample: "externalcontact/get_product_album",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ProductAlbum.Get(t.Context(), "xxxxxxxxxx")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, []ProductAttachment{NewProductImage("MEDIA_ID")}, got.(*Product).Attachments)
			},
		},
		{
			page: 95096, method: http.MethodPost, path: ec + "get_product_album_list", sample: "externalcontact/get_product_album_list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ProductAlbum.List(t.Context(), decodeSample[CursorPageRequest](t, req))
			},
		},
		{
			page: 95096, method: http.MethodPost, path: ec + "update_product_album", sample: "externalcontact/update_product_album", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				p := decodeSample[Product](t, req)
				return nil, c.ProductAlbum.Update(t.Context(), &p)
			},
		},
		{
			page: 95096, method: http.MethodPost, path: ec + "delete_product_album", sample: "externalcontact/delete_product_album", reply: ecOK,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ProductAlbum.Delete(t.Context(), "xxxxxxxxxx")
			},
		},

		// 获客助手 (97297 links, 97298 customers, 97375 quota and statistic,
		// get_chat_info, 101146 get_permit)
		{
			page: 97297, method: http.MethodPost, path: ca + "list_link", sample: "externalcontact/customer_acquisition_list_link",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CustomerAcquisition.ListLinks(t.Context(), decodeSample[CursorPageRequest](t, req))
			},
		},
		{
			page: 97297, method: http.MethodPost, path: ca + "get", sample: "externalcontact/customer_acquisition_get",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.CustomerAcquisition.Link(t.Context(), LinkRequest{LinkID: "LINK_ID_AAA"})
			},
			check: func(t *testing.T, got any) { assert.True(t, got.(*AcquisitionLinkDetail).Link.SkipVerify) },
		},
		{
			page: 97297, method: http.MethodPost, path: ca + "create_link", sample: "externalcontact/customer_acquisition_create_link",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CustomerAcquisition.CreateLink(t.Context(), decodeSample[CreateLinkRequest](t, req))
			},
		},
		{
			page: 97297, method: http.MethodPost, path: ca + "update_link", sample: "externalcontact/customer_acquisition_update_link", reply: ecOK,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.CustomerAcquisition.UpdateLink(t.Context(), UpdateLinkRequest{LinkID: "LINK_ID", LinkName: "获客链接1号",
					Range: &ContactRange{UserIDs: []string{"zhangsan", "lisi"}, DepartmentIDs: []int64{2, 3}}, SkipVerify: new(true)})
			},
		},
		{
			page: 97297, method: http.MethodPost, path: ca + "delete_link", sample: "externalcontact/customer_acquisition_delete_link", reply: ecOK,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.CustomerAcquisition.DeleteLink(t.Context(), "LINK_ID")
			},
		},
		{
			page: 97298, method: http.MethodPost, path: ca + "customer", sample: "externalcontact/customer_acquisition_customer",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.CustomerAcquisition.Customers(t.Context(), decodeSample[LinkCustomersRequest](t, req))
			},
		},
		{
			page: 97375, method: http.MethodGet, path: ec + "customer_acquisition_quota", sample: "externalcontact/customer_acquisition_quota",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.CustomerAcquisition.Quota(t.Context()) },
		},
		{
			page: 97375, method: http.MethodPost, path: ca + "statistic", sample: "externalcontact/customer_acquisition_statistic",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.CustomerAcquisition.Statistic(t.Context(), LinkStatisticRequest{LinkID: "caxxxxxxx",
					StartTime: unix(1688140800), EndTime: unix(1688486400)})
			},
		},
		{
			page: 101361, method: http.MethodPost, path: ca + "get_chat_info", sample: "externalcontact/customer_acquisition_get_chat_info",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.CustomerAcquisition.ChatInfo(t.Context(), "CHAT_KEY")
			},
		},
		{
			page: 101146, method: http.MethodGet, path: ec + "customer_acquisition_app/get_permit", sample: "externalcontact/customer_acquisition_app_get_permit",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.CustomerAcquisition.Permit(t.Context()) },
			check: func(t *testing.T, got any) {
				assert.Equal(t, &AcquisitionPermit{UserIDs: []string{"jack", "rose"}, DepartmentIDs: []int64{0, 1}, TagIDs: []int64{0, 1}}, got)
			},
		},

		// 规则组标签 (94882)
		{
			page: 94882, method: http.MethodPost, path: ec + "get_strategy_tag_list", sample: "externalcontact/get_strategy_tag_list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.StrategyTags(t.Context(), decodeSample[StrategyTagsRequest](t, req))
			},
		},
		{
			page: 94882, method: http.MethodPost, path: ec + "add_strategy_tag", sample: "externalcontact/add_strategy_tag",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.AddStrategyTag(t.Context(), decodeSample[AddStrategyTagRequest](t, req))
			},
		},
		{
			page: 94882, method: http.MethodPost, path: ec + "edit_strategy_tag", sample: "externalcontact/edit_strategy_tag", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.ExternalContact.EditStrategyTag(t.Context(), decodeSample[EditStrategyTagRequest](t, req))
			},
		},
		{
			page: 94882, method: http.MethodPost, path: ec + "del_strategy_tag", sample: "externalcontact/del_strategy_tag", reply: ecOK,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.ExternalContact.DeleteStrategyTags(t.Context(), decodeSample[DeleteStrategyTagsRequest](t, req))
			},
		},

		// 统计 (92132 behaviour, 92133 group chats)
		{
			page: 92132, method: http.MethodPost, path: ec + "get_user_behavior_data", sample: "externalcontact/get_user_behavior_data",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.UserBehaviorData(t.Context(), UserBehaviorRequest{UserIDs: []string{"zhangsan", "lisi"},
					PartyIDs: []int64{1001, 1002}, StartTime: unix(1536508800), EndTime: unix(1536595200)})
			},
			check: func(t *testing.T, got any) { assert.InDelta(t, 60.25, got.([]UserBehavior)[0].ReplyPercentage, 1e-9) },
		},
		{
			// The sample's order_asc 0 and offset 0 are WeCom's defaults,
			// left out.
			page: 92133, method: http.MethodPost, path: ec + "groupchat/statistic", sample: "externalcontact/groupchat_statistic", omitZero: true,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.GroupChatStatByOwner(t.Context(), GroupChatStatRequest{DayBegin: unix(1600272000), DayEnd: unix(1600444800),
					OwnerUserIDs: []string{"zhangsan"}, OrderBy: 2, Limit: 1000})
			},
		},
		{
			page: 92133, method: http.MethodPost, path: ec + "groupchat/statistic_group_by_day", sample: "externalcontact/groupchat_statistic_group_by_day",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.GroupChatStatByDay(t.Context(), GroupChatStatRequest{DayBegin: unix(1600272000), DayEnd: unix(1600358400),
					OwnerUserIDs: []string{"zhangsan"}})
			},
		},

		// contact_list (99434), id migrations (95884, 92506, 97063)
		{
			page: 99434, method: http.MethodPost, path: ec + "contact_list", sample: "externalcontact/contact_list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.ContactList(t.Context(), decodeSample[CursorPageRequest](t, req))
			},
		},
		{
			page: 95884, method: http.MethodPost, path: ec + "to_service_external_userid", sample: "externalcontact/to_service_external_userid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.ToServiceExternalUserID(t.Context(), "wmAAAAAAA")
			},
		},
		{
			page: 92506, method: http.MethodPost, path: ec + "batch_to_external_userid", sample: "externalcontact/batch_to_external_userid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.MobilesToExternalUserIDs(t.Context(), []string{"10000000000", "10000000001"})
			},
		},
		{
			page: 97063, method: http.MethodPost, path: ec + "groupchat/get_new_external_userid", sample: "externalcontact/groupchat_get_new_external_userid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.GroupChatNewExternalUserIDs(t.Context(), "wrOgQhDgAAcwMTB7YmDkbeBsAAAA", []string{"xxxxx", "yyyyyy"})
			},
		},

		// 家校沟通 (92320 QR code, 92318 subscribe mode, 92321 message/send)
		{
			page: 92320, method: http.MethodGet, path: ec + "get_subscribe_qr_code", sample: "externalcontact/get_subscribe_qr_code",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.SubscribeQRCode(t.Context())
			},
		},
		{
			page: 92318, method: http.MethodGet, path: ec + "get_subscribe_mode", sample: "externalcontact/get_subscribe_mode",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.SubscribeMode(t.Context())
			},
			check: func(t *testing.T, got any) { assert.Equal(t, SubscribeClosed, got) },
		},
		{
			page: 92318, method: http.MethodPost, path: ec + "set_subscribe_mode", sample: "externalcontact/set_subscribe_mode", reply: ecOK,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.SetSubscribeMode(t.Context(), SubscribeByQRCode)
			},
		},
		{
			// The sample sets duplicate_check_interval with the check off;
			// the SDK sends the interval only with the check on, and leaves
			// out toall, enable_id_trans and enable_duplicate_check when 0.
			page: 92321, method: http.MethodPost, path: ec + "message/send", sample: "externalcontact/school_message_send",
			body: `{"recv_scope":0,"to_parent_userid":["parent_userid1","parent_userid2"],"to_student_userid":["student_userid1","student_userid2"],
				"to_party":["partyid1","partyid2"],"msgtype":"text","agentid":1,"text":{"content":"你的快递已到，请携带工卡前往邮件中心领取。\n出发前可查看<a href=\"http://work.weixin.qq.com\">邮件中心视频实况</a>，聪明避开排队。"}}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.SendSchoolMessage(t.Context(), SchoolMessageRequest{
					ToParentUserIDs: []string{"parent_userid1", "parent_userid2"}, ToStudentUserIDs: []string{"student_userid1", "student_userid2"},
					ToParties: []string{"partyid1", "partyid2"}, Msg: Text{Content: schoolText}, AgentID: 1})
			},
		},
		{
			name: "externalcontact/message/send duplicate check", page: 92321, method: http.MethodPost, path: ec + "message/send",
			sample: "externalcontact/school_message_send",
			body:   `{"recv_scope":2,"toall":1,"msgtype":"text","agentid":7,"text":{"content":"x"},"enable_id_trans":1,"enable_duplicate_check":1,"duplicate_check_interval":1800}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.SendSchoolMessage(t.Context(), SchoolMessageRequest{RecvScope: 2, ToAll: true,
					Msg: Text{Content: "x"}, AgentID: 7, EnableIDTrans: true, DuplicateCheckInterval: 30 * time.Minute})
			},
		},
	}
	// 客户联系规则组 (94883) and 客户朋友圈规则组 (94890): the same calls
	// under two base paths.
	type strategyCalls struct {
		kind   string
		page   int
		list   func(*Client, *testing.T, CursorPageRequest) (any, error)
		get    func(*Client, *testing.T, int64) (any, error)
		rng    func(*Client, *testing.T, StrategyRangeRequest) (any, error)
		create func(*Client, *testing.T, []byte) (any, error)
		edit   func(*Client, *testing.T, []byte) error
		del    func(*Client, *testing.T, int64) error
	}
	for _, sc := range []strategyCalls{
		{
			kind: "customer_strategy", page: 94883,
			list: func(c *Client, t *testing.T, r CursorPageRequest) (any, error) {
				return c.ExternalContact.CustomerStrategies(t.Context(), r)
			},
			get: func(c *Client, t *testing.T, id int64) (any, error) {
				return c.ExternalContact.CustomerStrategy(t.Context(), id)
			},
			rng: func(c *Client, t *testing.T, r StrategyRangeRequest) (any, error) {
				return c.ExternalContact.CustomerStrategyRange(t.Context(), r)
			},
			create: func(c *Client, t *testing.T, req []byte) (any, error) {
				return c.ExternalContact.CreateCustomerStrategy(t.Context(), decodeSample[CreateStrategyRequest[CustomerStrategyPrivilege]](t, req))
			},
			edit: func(c *Client, t *testing.T, req []byte) error {
				return c.ExternalContact.EditCustomerStrategy(t.Context(), decodeSample[EditStrategyRequest[CustomerStrategyPrivilege]](t, req))
			},
			del: func(c *Client, t *testing.T, id int64) error {
				return c.ExternalContact.DeleteCustomerStrategy(t.Context(), id)
			},
		},
		{
			kind: "moment_strategy", page: 94890,
			list: func(c *Client, t *testing.T, r CursorPageRequest) (any, error) {
				return c.ExternalContact.MomentStrategies(t.Context(), r)
			},
			get: func(c *Client, t *testing.T, id int64) (any, error) {
				return c.ExternalContact.MomentStrategy(t.Context(), id)
			},
			rng: func(c *Client, t *testing.T, r StrategyRangeRequest) (any, error) {
				return c.ExternalContact.MomentStrategyRange(t.Context(), r)
			},
			create: func(c *Client, t *testing.T, req []byte) (any, error) {
				return c.ExternalContact.CreateMomentStrategy(t.Context(), decodeSample[CreateStrategyRequest[MomentStrategyPrivilege]](t, req))
			},
			edit: func(c *Client, t *testing.T, req []byte) error {
				return c.ExternalContact.EditMomentStrategy(t.Context(), decodeSample[EditStrategyRequest[MomentStrategyPrivilege]](t, req))
			},
			del: func(c *Client, t *testing.T, id int64) error {
				return c.ExternalContact.DeleteMomentStrategy(t.Context(), id)
			},
		},
	} {
		base := ec + sc.kind + "/"
		sample := "externalcontact/" + sc.kind + "_"
		cases = append(cases,
			docCase{page: sc.page, method: http.MethodPost, path: base + "list", sample: sample + "list",
				call: func(t *testing.T, c *Client, req []byte) (any, error) {
					return sc.list(c, t, decodeSample[CursorPageRequest](t, req))
				},
				check: func(t *testing.T, got any) { assert.Equal(t, []int64{1, 2}, got.(*StrategyPage).IDs()) },
			},
			docCase{page: sc.page, method: http.MethodPost, path: base + "get", sample: sample + "get",
				call: func(t *testing.T, c *Client, _ []byte) (any, error) { return sc.get(c, t, 1) },
			},
			docCase{page: sc.page, method: http.MethodPost, path: base + "get_range", sample: sample + "get_range",
				call: func(t *testing.T, c *Client, req []byte) (any, error) {
					return sc.rng(c, t, decodeSample[StrategyRangeRequest](t, req))
				},
				check: func(t *testing.T, got any) {
					assert.Equal(t, []StrategyRange{{Type: StrategyRangeUser, UserID: "zhangsan"}, {Type: StrategyRangeDepartment, PartyID: 1}},
						got.(*StrategyRangePage).Range)
				},
			},
			docCase{page: sc.page, method: http.MethodPost, path: base + "create", sample: sample + "create",
				call:  func(t *testing.T, c *Client, req []byte) (any, error) { return sc.create(c, t, req) },
				check: func(t *testing.T, got any) { assert.Equal(t, int64(1), got) },
			},
			docCase{page: sc.page, method: http.MethodPost, path: base + "edit", sample: sample + "edit", reply: ecOK,
				call: func(t *testing.T, c *Client, req []byte) (any, error) { return nil, sc.edit(c, t, req) },
			},
			docCase{page: sc.page, method: http.MethodPost, path: base + "del", sample: sample + "del", reply: ecOK,
				call: func(t *testing.T, c *Client, _ []byte) (any, error) { return nil, sc.del(c, t, 1) },
			},
		)
	}
	return cases
}

func TestExternalContactLongTailDocSamples(t *testing.T) {
	runDocSamples(t, externalContactLongTailDocCases())
}
