package work

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

func TestMessageSendEveryType(t *testing.T) {
	cases := []struct {
		name    string
		msg     Message
		msgtype string
		payload string
	}{
		{"text", Text{Content: `see <a href="https://example.com/?a=1&b=2">this</a>`}, "text",
			`{"content":"see <a href=\"https://example.com/?a=1&b=2\">this</a>"}`},
		{"text pointer", &Text{Content: "hi"}, "text", `{"content":"hi"}`},
		{"image", Image{MediaID: "MID"}, "image", `{"media_id":"MID"}`},
		{"voice", Voice{MediaID: "VID"}, "voice", `{"media_id":"VID"}`},
		{"video", Video{MediaID: "M", Title: "T", Description: "D"}, "video",
			`{"media_id":"M","title":"T","description":"D"}`},
		{"video minimal", Video{MediaID: "M"}, "video", `{"media_id":"M"}`},
		{"file", File{MediaID: "F"}, "file", `{"media_id":"F"}`},
		{"textcard", TextCard{Title: "T", Description: `<div class="gray">d</div>`, URL: "https://u", BtnTxt: "更多"}, "textcard",
			`{"title":"T","description":"<div class=\"gray\">d</div>","url":"https://u","btntxt":"更多"}`},
		{"news", News{Articles: []NewsArticle{
			{Title: "a", Description: "d", URL: "https://u", PicURL: "https://p"},
			{Title: "mini", AppID: "wx1", PagePath: "pages/index"},
		}}, "news",
			`{"articles":[{"title":"a","description":"d","url":"https://u","picurl":"https://p"},
			              {"title":"mini","appid":"wx1","pagepath":"pages/index"}]}`},
		{"mpnews", MPNews{Articles: []MPNewsArticle{{
			Title: "t", ThumbMediaID: "th", Author: "au", ContentSourceURL: "https://s", Content: "<p>c</p>", Digest: "dg",
		}}}, "mpnews",
			`{"articles":[{"title":"t","thumb_media_id":"th","author":"au","content_source_url":"https://s","content":"<p>c</p>","digest":"dg"}]}`},
		{"markdown", Markdown{Content: "# h\n> q"}, "markdown", `{"content":"# h\n> q"}`},
		{"miniprogram_notice", MiniProgramNotice{
			AppID: "wx2", Page: "pages/x", Title: "会议室预订成功", Description: "4月27日 16:16",
			EmphasisFirstItem: true,
			ContentItems:      []MiniProgramNoticeItem{{Key: "会议室", Value: "402"}, {Key: "日期", Value: "2018年8月1日"}},
		}, "miniprogram_notice",
			`{"appid":"wx2","page":"pages/x","title":"会议室预订成功","description":"4月27日 16:16","emphasis_first_item":true,
			  "content_item":[{"key":"会议室","value":"402"},{"key":"日期","value":"2018年8月1日"}]}`},
		{"template_card", TemplateCard{CardType: CardTextNotice, MainTitle: &CardMainTitle{Title: "t"},
			CardAction: &CardAction{Type: CardLinkURL, URL: "https://u"}}, "template_card",
			`{"card_type":"text_notice","main_title":{"title":"t"},"card_action":{"type":1,"url":"https://u"}}`},
		{"taskcard", TaskCard{Title: "t", Description: "d", URL: "https://u", TaskID: "task1",
			Buttons: []TaskCardButton{{Key: "yes", Name: "批准", ReplaceName: "已批准", Color: "red", IsBold: true}, {Key: "no", Name: "驳回"}}},
			"interactive_taskcard",
			`{"title":"t","description":"d","url":"https://u","task_id":"task1",
			  "btn":[{"key":"yes","name":"批准","replace_name":"已批准","color":"red","is_bold":true},{"key":"no","name":"驳回"}]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", `{"errcode":0,"errmsg":"ok","msgid":"MSG1"}`)
			res, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"zhangsan"}}, Msg: tc.msg})
			require.NoError(t, err)
			assert.Equal(t, "MSG1", res.MsgID)
			r := rec.last(t)
			assertCall(t, r, http.MethodPost, "/cgi-bin/message/send")
			assertJSONBody(t, r, `{"touser":"zhangsan","msgtype":"`+tc.msgtype+`","agentid":1000002,"`+tc.msgtype+`":`+tc.payload+`}`)
		})
	}
}

func TestMessageSendHTMLIsNotEscaped(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", `{"errcode":0}`)
	_, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{All: true}, Msg: Text{Content: `<a href="x?a=1&b=2">l</a>`}})
	require.NoError(t, err)
	assert.Contains(t, string(rec.last(t).Body), `<a href=\"x?a=1&b=2\">l</a>`, "the link goes on the wire as written")
}

func TestMessageSendRecipientsAndOptions(t *testing.T) {
	cases := []struct {
		name string
		req  SendRequest
		want string // the body without msgtype and payload
	}{
		{"users parties tags", SendRequest{To: Recipients{Users: []string{"a", "b"}, Parties: []int64{1, 2}, Tags: []int64{7}}},
			`{"touser":"a|b","toparty":"1|2","totag":"7","agentid":1000002}`},
		{"parties only", SendRequest{To: Recipients{Parties: []int64{3}}},
			`{"toparty":"3","agentid":1000002}`},
		{"all wins", SendRequest{To: Recipients{All: true, Users: []string{"a"}, Parties: []int64{1}}},
			`{"touser":"@all","agentid":1000002}`},
		{"safe, id translation, agent override", SendRequest{To: Recipients{Tags: []int64{9}}, Safe: SafeConfidential, EnableIDTrans: true, AgentID: 42},
			`{"totag":"9","agentid":42,"safe":1,"enable_id_trans":1}`},
		{"safe within corp", SendRequest{To: Recipients{Users: []string{"a"}}, Safe: SafeWithinCorp},
			`{"touser":"a","agentid":1000002,"safe":2}`},
		{"duplicate check with WeCom's interval", SendRequest{To: Recipients{Users: []string{"a"}}, DuplicateCheck: true},
			`{"touser":"a","agentid":1000002,"enable_duplicate_check":1}`},
		{"duplicate check interval turns it on and rounds up", SendRequest{To: Recipients{Users: []string{"a"}}, DuplicateCheckInterval: 90*time.Second + time.Millisecond},
			`{"touser":"a","agentid":1000002,"enable_duplicate_check":1,"duplicate_check_interval":91}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", `{"errcode":0}`)
			tc.req.Msg = Markdown{Content: "m"}
			_, err := c.Message.Send(t.Context(), tc.req)
			require.NoError(t, err)
			var got map[string]any
			decodeBody(t, rec.last(t), &got)
			assert.Equal(t, "markdown", got["msgtype"])
			assert.Equal(t, map[string]any{"content": "m"}, got["markdown"])
			delete(got, "msgtype")
			delete(got, "markdown")
			var want map[string]any
			require.NoError(t, json.Unmarshal([]byte(tc.want), &want))
			assert.Equal(t, want, got)
		})
	}
}

func TestMessageSendResult(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", `{
		"errcode":0,"errmsg":"ok",
		"invaliduser":"userid1|userid2","invalidparty":"1|2","invalidtag":"3",
		"unlicenseduser":"u3|u4","msgid":"xx","response_code":"rc1"}`)
	res, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"u"}}, Msg: Text{Content: "x"}})
	require.NoError(t, err)
	assert.Equal(t, &SendResult{
		InvalidUsers:    []string{"userid1", "userid2"},
		InvalidParties:  []string{"1", "2"},
		InvalidTags:     []string{"3"},
		UnlicensedUsers: []string{"u3", "u4"},
		MsgID:           "xx",
		ResponseCode:    "rc1",
	}, res)

	c, mt = newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", `{"errcode":0,"errmsg":"ok","invaliduser":"","invalidparty":"","invalidtag":"","msgid":"m"}`)
	res, err = c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"u"}}, Msg: Text{Content: "x"}})
	require.NoError(t, err)
	assert.Equal(t, &SendResult{MsgID: "m"}, res, "empty lists decode to nil")
}

func TestMessageSendAllRecipientsInvalid(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubError(t, mt, http.MethodPost, "/cgi-bin/message/send", wecom.CodeAllRecipientsInvalid)
	res, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"ghost"}}, Msg: Text{Content: "x"}})
	requireAPIError(t, err, wecom.CodeAllRecipientsInvalid, "/cgi-bin/message/send")
	assert.Nil(t, res)
	assert.Equal(t, 1, rec.count())
}

// A message answered with "system busy" may or may not have been
// delivered: it must not be sent again, whatever the retry policy says.
func TestMessageSendSystemBusyIsSentOnce(t *testing.T) {
	c, mt := newTestClient(t, wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	rec := stubError(t, mt, http.MethodPost, "/cgi-bin/message/send", wecom.CodeSystemBusy)
	res, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"u"}}, Msg: Text{Content: "once"}})
	requireAPIError(t, err, wecom.CodeSystemBusy, "/cgi-bin/message/send")
	assert.Nil(t, res)
	assert.Equal(t, 1, rec.count(), "the message was sent exactly once")
}

func TestMessageSendRateLimitedIsSentOnce(t *testing.T) {
	c, mt := newTestClient(t, wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	rec := stubError(t, mt, http.MethodPost, "/cgi-bin/message/send", wecom.CodeRateLimited)
	_, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"u"}}, Msg: Text{Content: "once"}})
	requireAPIError(t, err, wecom.CodeRateLimited, "/cgi-bin/message/send")
	assert.Equal(t, 1, rec.count())
}

func TestMessageSendInvalidRequests(t *testing.T) {
	var nilText *Text
	cases := []struct {
		name string
		req  SendRequest
	}{
		{"no message", SendRequest{To: Recipients{Users: []string{"u"}}}},
		{"nil pointer message", SendRequest{To: Recipients{Users: []string{"u"}}, Msg: nilText}},
		{"no recipients", SendRequest{Msg: Text{Content: "x"}}},
		{"empty user id", SendRequest{To: Recipients{Users: []string{"a", ""}}, Msg: Text{Content: "x"}}},
		{"user id with a bar", SendRequest{To: Recipients{Users: []string{"a|b"}}, Msg: Text{Content: "x"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", `{"errcode":0}`)
			res, err := c.Message.Send(t.Context(), tc.req)
			require.ErrorIs(t, err, ErrInvalidMessage)
			assert.Nil(t, res)
			assert.Zero(t, rec.count(), "nothing was sent")
		})
	}
}

func TestMessageSendWithoutAgentID(t *testing.T) {
	c, err := NewWithTokenSource(Config{CorpID: testCorpID}, fixedToken("T"))
	require.NoError(t, err)
	_, err = c.Message.Send(t.Context(), SendRequest{To: Recipients{All: true}, Msg: Text{Content: "x"}})
	require.ErrorIs(t, err, ErrInvalidMessage)
}

func TestMessageAPI(t *testing.T) {
	runAPICases(t, []apiCase{
		{
			name: "Recall", method: http.MethodPost, path: "/cgi-bin/message/recall",
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Message.Recall(ctx, "MSGID")
			},
			body: `{"msgid":"MSGID"}`,
		},
		{
			name: "UpdateTemplateCardButton", method: http.MethodPost, path: "/cgi-bin/message/update_template_card", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok","invaliduser":["ghost"]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Message.UpdateTemplateCardButton(ctx, CardButtonUpdate{To: Recipients{Users: []string{"a", "ghost"}, Parties: []int64{2}, Tags: []int64{3}}, ResponseCode: "RC", ReplaceName: "已处理"})
			},
			body: `{"userids":["a","ghost"],"partyids":[2],"tagids":[3],"agentid":1000002,"response_code":"RC","button":{"replace_name":"已处理"}}`,
			want: []string{"ghost"},
		},
		{
			name: "UpdateTemplateCardButton to all", method: http.MethodPost, path: "/cgi-bin/message/update_template_card", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Message.UpdateTemplateCardButton(ctx, CardButtonUpdate{To: Recipients{All: true, Users: []string{"ignored"}}, ResponseCode: "RC", ReplaceName: "done"})
			},
			body: `{"atall":1,"agentid":1000002,"response_code":"RC","button":{"replace_name":"done"}}`,
			want: []string(nil),
		},
		{
			name: "UpdateTemplateCard", method: http.MethodPost, path: "/cgi-bin/message/update_template_card", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok","invaliduser":[]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Message.UpdateTemplateCard(ctx, CardUpdate{To: Recipients{Users: []string{"a"}}, ResponseCode: "RC", Card: TemplateCard{
					CardType:    CardButtonInteraction,
					MainTitle:   &CardMainTitle{Title: "请假"},
					TaskID:      "t1",
					ButtonList:  []CardButton{{Text: "已批准", Key: "ok", Style: 1}},
					ReplaceText: "已批准",
				}})
			},
			body: `{"userids":["a"],"agentid":1000002,"response_code":"RC","template_card":{
				"card_type":"button_interaction","main_title":{"title":"请假"},"task_id":"t1",
				"button_list":[{"text":"已批准","key":"ok","style":1}],"replace_text":"已批准"}}`,
			want: []string(nil),
		},
		{
			name: "UpdateTaskCard", method: http.MethodPost, path: "/cgi-bin/message/update_taskcard",
			reply: `{"errcode":0,"errmsg":"ok","invaliduser":["x"]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Message.UpdateTaskCard(ctx, TaskCardUpdate{UserIDs: []string{"a", "x"}, TaskID: "task1", ClickedKey: "yes"})
			},
			body: `{"userids":["a","x"],"agentid":1000002,"task_id":"task1","clicked_key":"yes"}`,
			want: []string{"x"},
		},
	})
}

func TestMessageUpdateTemplateCardNeedsResponseCode(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/update_template_card", `{"errcode":0}`)
	_, err := c.Message.UpdateTemplateCardButton(t.Context(), CardButtonUpdate{To: Recipients{All: true}, ReplaceName: "x"})
	require.ErrorIs(t, err, ErrInvalidMessage)
	_, err = c.Message.UpdateTemplateCard(t.Context(), CardUpdate{To: Recipients{All: true}, Card: TemplateCard{CardType: CardTextNotice}})
	require.ErrorIs(t, err, ErrInvalidMessage)
	assert.Zero(t, rec.count())
}

// An invalid token means WeCom did nothing: the message is sent again,
// once, with a fresh token.
func TestMessageSendAfterInvalidToken(t *testing.T) {
	c, mt := newTestClient(t)
	var calls int
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/cgi-bin/message/send", func(*http.Request) (*http.Response, error) {
		calls++
		if calls == 1 {
			return httpmock.NewStringResponse(http.StatusOK, `{"errcode":40014,"errmsg":"invalid access_token"}`), nil
		}
		return httpmock.NewStringResponse(http.StatusOK, `{"errcode":0,"msgid":"M2"}`), nil
	})
	res, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"u"}}, Msg: Text{Content: "x"}})
	require.NoError(t, err)
	assert.Equal(t, "M2", res.MsgID)
	assert.Equal(t, 2, calls)
	assert.Equal(t, 2, tokenCalls(mt), "the token was fetched again")
}

// The card updates name the sending app: without an agent id (a client of
// the contacts secret, say) they fail before anything is sent instead of
// sending "agentid":0.
func TestMessageCardUpdatesNeedAgentID(t *testing.T) {
	mt := httpmock.NewMockTransport()
	c, err := NewWithTokenSource(Config{CorpID: testCorpID}, fixedToken(testToken), wecom.WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	_, err = c.Message.UpdateTemplateCardButton(t.Context(), CardButtonUpdate{To: Recipients{All: true}, ResponseCode: "RC", ReplaceName: "x"})
	require.ErrorIs(t, err, ErrInvalidMessage)
	_, err = c.Message.UpdateTemplateCard(t.Context(), CardUpdate{To: Recipients{All: true}, ResponseCode: "RC", Card: TemplateCard{CardType: CardTextNotice}})
	require.ErrorIs(t, err, ErrInvalidMessage)
	_, err = c.Message.UpdateTaskCard(t.Context(), TaskCardUpdate{UserIDs: []string{"a"}, TaskID: "t", ClickedKey: "k"})
	require.ErrorIs(t, err, ErrInvalidMessage)
	assert.Zero(t, mt.GetTotalCallCount(), "nothing was sent")
}
