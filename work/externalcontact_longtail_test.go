package work

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

func TestExternalContactLongTailIterators(t *testing.T) {
	idPage := func(key string) func(ids []string, next string) string {
		return func(ids []string, next string) string {
			return mustJSON(map[string]any{"errcode": 0, key: ids, "next_cursor": next})
		}
	}
	runIterCases(t, []iterCase{
		{
			name: "ProductAlbum.All", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_product_album_list",
			page: jsonPage("product_list", func(id string) map[string]any { return map[string]any{"product_id": id, "price": 1} }),
			body: `{"limit":50}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ProductAlbum.All(ctx, 50), func(p Product) string { return p.ProductID })
			},
		},
		{
			name: "CustomerAcquisition.AllLinks", method: http.MethodPost, path: "/cgi-bin/externalcontact/customer_acquisition/list_link",
			page: idPage("link_id_list"), body: `{"limit":100}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return c.CustomerAcquisition.AllLinks(ctx, 100)
			},
		},
		{
			name: "CustomerAcquisition.AllCustomers", method: http.MethodPost, path: "/cgi-bin/externalcontact/customer_acquisition/customer",
			page: jsonPage("customer_list", func(id string) map[string]any { return map[string]any{"external_userid": id, "userid": "u"} }),
			body: `{"link_id":"L1","limit":1000}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				seq := c.CustomerAcquisition.AllCustomers(ctx, LinkCustomersRequest{LinkID: "L1", Limit: 1000})
				return idsOf(seq, func(a AcquiredCustomer) string { return a.ExternalUserID })
			},
		},
		{
			name: "AllContacts", method: http.MethodPost, path: "/cgi-bin/externalcontact/contact_list",
			page: jsonPage("info_list", func(id string) map[string]any { return map[string]any{"tmp_openid": id, "is_customer": true} }),
			body: `{"limit":10}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllContacts(ctx, 10), func(e ContactListEntry) string { return e.TmpOpenID })
			},
		},
		{
			name: "AllCustomerStrategyRange", method: http.MethodPost, path: "/cgi-bin/externalcontact/customer_strategy/get_range",
			page: jsonPage("range", func(id string) map[string]any { return map[string]any{"type": 1, "userid": id} }),
			body: `{"strategy_id":7,"limit":1000}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllCustomerStrategyRange(ctx, 7, 1000), func(r StrategyRange) string { return r.UserID })
			},
		},
		{
			name: "AllMomentStrategyRange", method: http.MethodPost, path: "/cgi-bin/externalcontact/moment_strategy/get_range",
			page: jsonPage("range", func(id string) map[string]any { return map[string]any{"type": 1, "userid": id} }),
			body: `{"strategy_id":7}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.ExternalContact.AllMomentStrategyRange(ctx, 7, 0), func(r StrategyRange) string { return r.UserID })
			},
		},
	})
}

// The strategy lists carry numeric ids; their iterators follow the cursor
// the same way.
func TestAllCustomerAndMomentStrategies(t *testing.T) {
	for name, path := range map[string]string{
		"customer": "/cgi-bin/externalcontact/customer_strategy/list",
		"moment":   "/cgi-bin/externalcontact/moment_strategy/list",
	} {
		t.Run(name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubPages(t, mt, http.MethodPost, path, "cursor", map[string]string{
				"":   `{"errcode":0,"strategy":[{"strategy_id":1},{"strategy_id":2}],"next_cursor":"c1"}`,
				"c1": `{"errcode":0,"strategy":[{"strategy_id":"3"}],"next_cursor":""}`,
			})
			seq := c.ExternalContact.AllCustomerStrategies(t.Context(), 1000)
			if name == "moment" {
				seq = c.ExternalContact.AllMomentStrategies(t.Context(), 1000)
			}
			var got []int64
			for id, err := range seq {
				require.NoError(t, err)
				got = append(got, id)
			}
			assert.Equal(t, []int64{1, 2, 3}, got)
			assert.Equal(t, 2, rec.count())
		})
	}
}

func TestAllGroupChatStatByOwnerFollowsTheOffset(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubSequence(t, mt, http.MethodPost, "/cgi-bin/externalcontact/groupchat/statistic",
		`{"errcode":0,"total":3,"next_offset":2,"items":[{"owner":"a"},{"owner":"b"}]}`,
		`{"errcode":0,"total":3,"next_offset":3,"items":[{"owner":"c"}]}`,
	)
	var got []string
	for s, err := range c.ExternalContact.AllGroupChatStatByOwner(t.Context(), GroupChatStatRequest{DayBegin: time.Unix(1600272000, 0), Limit: 2}) {
		require.NoError(t, err)
		got = append(got, s.Owner)
	}
	assert.Equal(t, []string{"a", "b", "c"}, got)
	reqs := rec.all()
	require.Len(t, reqs, 2, "no request after the last owner")
	assertJSONBody(t, reqs[0], `{"day_begin_time":1600272000,"owner_filter":{"userid_list":[]},"limit":2}`)
	assertJSONBody(t, reqs[1], `{"day_begin_time":1600272000,"owner_filter":{"userid_list":[]},"offset":2,"limit":2}`)
}

func TestExternalContactLongTailRejectsBadInput(t *testing.T) {
	day := time.Unix(1600272000, 0)
	calls := map[string]struct {
		call func(ctx context.Context, c *Client) error
		want error
	}{
		"Statistic without period": {func(ctx context.Context, c *Client) error {
			_, err := c.CustomerAcquisition.Statistic(ctx, LinkStatisticRequest{LinkID: "L"})
			return err
		}, ErrInvalidCustomerContactRequest},
		"UserBehaviorData reversed": {func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.UserBehaviorData(ctx, UserBehaviorRequest{UserIDs: []string{"u"}, StartTime: day, EndTime: day.Add(-time.Hour)})
			return err
		}, ErrInvalidCustomerContactRequest},
		"GroupChatStatByDay without begin": {func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.GroupChatStatByDay(ctx, GroupChatStatRequest{})
			return err
		}, ErrInvalidCustomerContactRequest},
		"GroupChatStatByOwner reversed": {func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.GroupChatStatByOwner(ctx, GroupChatStatRequest{DayBegin: day, DayEnd: day.Add(-24 * time.Hour)})
			return err
		}, ErrInvalidCustomerContactRequest},
		"ProductAlbum.Add nil": {func(ctx context.Context, c *Client) error {
			_, err := c.ProductAlbum.Add(ctx, nil)
			return err
		}, ErrNilRequest},
		"ProductAlbum.Update nil": {func(ctx context.Context, c *Client) error { return c.ProductAlbum.Update(ctx, nil) }, ErrNilRequest},
		"SendSchoolMessage no message": {func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.SendSchoolMessage(ctx, SchoolMessageRequest{ToAll: true})
			return err
		}, ErrInvalidMessage},
		"SendSchoolMessage nil pointer message": {func(ctx context.Context, c *Client) error {
			var m *Text
			_, err := c.ExternalContact.SendSchoolMessage(ctx, SchoolMessageRequest{ToAll: true, Msg: m})
			return err
		}, ErrInvalidMessage},
		"SendSchoolMessage wrong type": {func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.SendSchoolMessage(ctx, SchoolMessageRequest{ToAll: true, Msg: Markdown{Content: "x"}})
			return err
		}, ErrInvalidMessage},
		"SendSchoolMessage no recipient": {func(ctx context.Context, c *Client) error {
			_, err := c.ExternalContact.SendSchoolMessage(ctx, SchoolMessageRequest{Msg: Text{Content: "x"}})
			return err
		}, ErrInvalidMessage},
	}
	for name, tc := range calls {
		t.Run(name, func(t *testing.T) {
			c, mt := newTestClient(t)
			err := tc.call(t.Context(), c)
			require.Error(t, err)
			assert.True(t, errors.Is(err, tc.want), "%v", err)
			assert.Zero(t, mt.GetTotalCallCount(), "nothing sent")
		})
	}
}

// The repeat policy: reads and set-style writes are repeated after a
// transient failure, creations are not, and the school notice (a
// delivery) never is.
func TestExternalContactLongTailRepeatPolicy(t *testing.T) {
	ok := `{"errcode":0,"errmsg":"ok"}`
	runAPICases(t, []apiCase{
		{
			name: "Intercept.Rules", method: http.MethodPost, path: "/cgi-bin/externalcontact/get_intercept_rule_list", safety: api.Idempotent,
			reply: `{"errcode":0,"rule_list":[{"rule_id":7,"rule_name":"n","create_time":"1600000000"}]}`, body: `{}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Intercept.Rules(ctx) },
			// A rule id sent as a number and a time sent as a string decode.
			want: []InterceptRuleSummary{{RuleID: "7", RuleName: "n", CreateTime: 1600000000}},
		},
		{
			name: "Intercept.AddRule", method: http.MethodPost, path: "/cgi-bin/externalcontact/add_intercept_rule", safety: api.Unsafe,
			reply: `{"errcode":0,"rule_id":"r"}`,
			body:  `{"rule_name":"n","word_list":["w"],"intercept_type":2,"applicable_range":{"user_list":["u"]}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Intercept.AddRule(ctx, AddInterceptRuleRequest{RuleName: "n", Words: []string{"w"}, InterceptType: InterceptWarnOnly,
					ApplicableRange: ContactRange{UserIDs: []string{"u"}}})
			},
			want: "r",
		},
		{
			name: "CustomerAcquisition.CreateLink", method: http.MethodPost, path: "/cgi-bin/externalcontact/customer_acquisition/create_link",
			safety: api.Unsafe, reply: `{"errcode":0,"link":{"link_id":"L"}}`,
			body: `{"link_name":"n","range":{"department_list":[1]},"skip_verify":false,"priority_option":{"priority_type":3,"priority_userid_list":["u"]}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CustomerAcquisition.CreateLink(ctx, CreateLinkRequest{LinkName: "n", Range: ContactRange{DepartmentIDs: []int64{1}},
					PriorityOption: &AcquisitionPriority{PriorityType: 3, PriorityUserIDs: []string{"u"}}})
			},
			want: &AcquisitionLink{LinkID: "L"},
		},
		{
			name: "CustomerAcquisition.UpdateLink", method: http.MethodPost, path: "/cgi-bin/externalcontact/customer_acquisition/update_link",
			safety: api.Idempotent, reply: ok, body: `{"link_id":"L","skip_verify":false}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.CustomerAcquisition.UpdateLink(ctx, UpdateLinkRequest{LinkID: "L", SkipVerify: new(false)})
			},
		},
		{
			name: "CreateCustomerStrategy", method: http.MethodPost, path: "/cgi-bin/externalcontact/customer_strategy/create",
			safety: api.Unsafe, reply: `{"errcode":0,"strategy_id":"9"}`,
			// only the privileges set are sent (an unset one keeps WeCom's
			// default, granted for most); an explicit false is sent
			body: `{"parent_id":0,"strategy_name":"s","admin_list":["a"],"privilege":{"contact_me":true,"share_customer":false}` +
				`,"range":[{"type":2,"partyid":3}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ExternalContact.CreateCustomerStrategy(ctx, CreateStrategyRequest[CustomerStrategyPrivilege]{StrategyName: "s",
					AdminList: []string{"a"}, Privilege: CustomerStrategyPrivilege{ContactMe: new(true), ShareCustomer: new(false)},
					Range: []StrategyRange{{Type: StrategyRangeDepartment, PartyID: 3}}})
			},
			want: int64(9),
		},
		{
			name: "EditMomentStrategy", method: http.MethodPost, path: "/cgi-bin/externalcontact/moment_strategy/edit",
			safety: api.Idempotent, reply: ok, body: `{"strategy_id":9,"range_del":[{"type":1,"userid":"u"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.ExternalContact.EditMomentStrategy(ctx, EditStrategyRequest[MomentStrategyPrivilege]{StrategyID: 9,
					RangeDel: []StrategyRange{{Type: StrategyRangeUser, UserID: "u"}}})
			},
		},
		{
			name: "AddStrategyTag", method: http.MethodPost, path: "/cgi-bin/externalcontact/add_strategy_tag", safety: api.Unsafe,
			reply: `{"errcode":0,"tag_group":{"group_id":"G","strategy_id":"4","tag":[{"id":"T","name":"n","order":"2"}]}}`,
			body:  `{"strategy_id":4,"group_name":"g","tag":[{"name":"n"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ExternalContact.AddStrategyTag(ctx, AddStrategyTagRequest{StrategyID: 4, GroupName: "g", Tags: []NewCorpTag{{Name: "n"}}})
			},
			want: &StrategyTagGroup{CorpTagGroup: CorpTagGroup{GroupID: "G", Tags: []CorpTag{{ID: "T", Name: "n", Order: 2}}}, StrategyID: 4},
		},
		{
			name: "SetSubscribeMode", method: http.MethodPost, path: "/cgi-bin/externalcontact/set_subscribe_mode", safety: api.Idempotent,
			reply: ok, body: `{"subscribe_mode":2}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.ExternalContact.SetSubscribeMode(ctx, SubscribeClosed)
			},
		},
		{
			name: "SendSchoolMessage", method: http.MethodPost, path: "/cgi-bin/externalcontact/message/send", safety: api.Never,
			reply: `{"errcode":0,"invalid_party":["p"]}`,
			body:  `{"recv_scope":0,"to_parent_userid":["p1"],"msgtype":"miniprogram","agentid":` + strconv.Itoa(testAgentID) + `,"miniprogram":{"appid":"wx","thumb_media_id":"m","pagepath":"/p"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ExternalContact.SendSchoolMessage(ctx, SchoolMessageRequest{ToParentUserIDs: []string{"p1"},
					Msg: SchoolMiniProgram{AppID: "wx", ThumbMediaID: "m", PagePath: "/p"}})
			},
			want: &SchoolMessageResult{InvalidParties: []string{"p"}},
		},
		{
			name: "ToServiceExternalUserID", method: http.MethodPost, path: "/cgi-bin/externalcontact/to_service_external_userid",
			safety: api.Idempotent, reply: `{"errcode":0,"external_userid":"wm2"}`, body: `{"external_userid":"wo1"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ExternalContact.ToServiceExternalUserID(ctx, "wo1")
			},
			want: "wm2",
		},
	})
}
