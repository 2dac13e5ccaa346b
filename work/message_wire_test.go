package work

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wecomkit/wecom"
)

// A greyed-out checkbox option reaches WeCom (checkbox.option_list[].disable).
func TestUpdateTemplateCardSendsOptionDisable(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/update_template_card", `{"errcode":0}`)
	_, err := c.Message.UpdateTemplateCard(t.Context(), CardUpdate{To: Recipients{All: true}, ResponseCode: "RC", Card: TemplateCard{
		CardType: CardMultipleInteraction,
		Checkbox: &CardCheckbox{QuestionKey: "q", OptionList: []CardCheckboxOption{{ID: "a", Text: "A", Disable: true}, {ID: "b", Text: "B"}}},
	}})
	require.NoError(t, err)
	var body struct {
		Card struct {
			Checkbox struct {
				OptionList []map[string]any `json:"option_list"`
			} `json:"checkbox"`
		} `json:"template_card"`
	}
	decodeBody(t, rec.last(t), &body)
	require.Len(t, body.Card.Checkbox.OptionList, 2)
	assert.Equal(t, true, body.Card.Checkbox.OptionList[0]["disable"])
	assert.NotContains(t, body.Card.Checkbox.OptionList[1], "disable")
}

// Tickets of the contact pickers may stand in for recipients; a message
// with neither is rejected before anything is sent.
func TestMessageSendSelectedTickets(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", `{"errcode":0,"msgid":"M"}`)
	_, err := c.Message.Send(t.Context(), SendRequest{Msg: TemplateMsg{TemplateID: "T"}, SelectedTickets: []string{"t1"}})
	require.NoError(t, err)
	assertJSONBody(t, rec.last(t), `{"msgtype":"template_msg","agentid":1000002,"template_msg":{"template_id":"T"},"selected_ticket_list":["t1"]}`)

	_, err = c.Message.Send(t.Context(), SendRequest{Msg: Text{Content: "x"}})
	require.ErrorIs(t, err, ErrInvalidMessage)
	assert.Equal(t, 1, rec.count())
}

// sendBodyAsMap is message/send's body as the SDK built it before
// sendBody: a map, which encoding/json writes with its keys sorted.
func sendBodyAsMap(t *testing.T, req SendRequest, agentID int64) map[string]any {
	t.Helper()
	body, err := messageBody(req.Msg, agentID, req.Safe)
	require.NoError(t, err)
	switch to := req.To; {
	case to.All:
		body["touser"] = "@all"
	default:
		if len(to.Users) > 0 {
			body["touser"] = strings.Join(to.Users, "|")
		}
		if len(to.Parties) > 0 {
			body["toparty"] = joinIntIDs(to.Parties)
		}
		if len(to.Tags) > 0 {
			body["totag"] = joinIntIDs(to.Tags)
		}
	}
	if len(req.SelectedTickets) > 0 {
		body["selected_ticket_list"] = req.SelectedTickets
	}
	if req.EnableIDTrans {
		body["enable_id_trans"] = 1
	}
	if req.DuplicateCheck || req.DuplicateCheckInterval > 0 {
		body["enable_duplicate_check"] = 1
		if req.DuplicateCheckInterval > 0 {
			body["duplicate_check_interval"] = ceilSeconds(req.DuplicateCheckInterval)
		}
	}
	return body
}

// encodeNoEscape encodes v as the core does: no HTML escaping, no newline.
func encodeNoEscape(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(v))
	return strings.TrimSuffix(buf.String(), "\n")
}

// Every message type, with every option of SendRequest, goes on the wire
// byte for byte as the map the body used to be (keys sorted), and Send
// sends exactly those bytes.
func TestSendBodyMatchesSortedMap(t *testing.T) {
	msgs := []Message{
		Text{Content: `<a href="http://x/?a=1&b=2">链接</a>`}, &Text{Content: "p"},
		Image{MediaID: "I"}, Voice{MediaID: "V"}, Video{MediaID: "M", Title: "t"}, File{MediaID: "F"},
		TextCard{Title: "t", Description: "d", URL: "u"}, News{Articles: []NewsArticle{{Title: "a"}}},
		MPNews{Articles: []MPNewsArticle{{Title: "a", ThumbMediaID: "m", Content: "c"}}},
		Markdown{Content: "**x**"}, MiniProgramNotice{AppID: "a", Title: "t"},
		TaskCard{Title: "t", TaskID: "k"}, TemplateCard{CardType: CardTextNotice}, &TemplateMsg{TemplateID: "T"},
	}
	reqs := []SendRequest{
		{To: Recipients{Users: []string{"a", "b"}}},
		{To: Recipients{All: true, Users: []string{"x"}}, Safe: SafeConfidential, EnableIDTrans: true},
		{To: Recipients{Parties: []int64{1, 22}, Tags: []int64{-3}}, DuplicateCheck: true},
		{To: Recipients{Users: []string{"u"}, Parties: []int64{9}, Tags: []int64{7, 8}}, DuplicateCheckInterval: 1500 * time.Millisecond, Safe: SafeWithinCorp},
		{SelectedTickets: []string{"t1", "t2"}, AgentID: 5},
	}
	seen := map[string]bool{}
	for _, msg := range msgs {
		seen[msg.msgType()] = true
		for i, req := range reqs {
			req.Msg = msg
			for _, agentID := range []int64{0, 1000002} {
				b, err := newSendBody(req, agentID)
				require.NoError(t, err)
				want := encodeNoEscape(t, sendBodyAsMap(t, req, agentID))
				assert.Equal(t, want, encodeNoEscape(t, &b), "%s, request %d, agent %d", msg.msgType(), i, agentID)
			}
		}
	}
	var b sendBody
	for mt := range seen {
		assert.NotNil(t, b.payload(mt), mt)
	}
	assert.Equal(t, reflect.TypeFor[sendBody]().NumField()-10, len(seen), "a message type without a test case")

	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", `{"errcode":0}`)
	req := reqs[3]
	req.Msg = Markdown{Content: "<b>&</b>"}
	_, err := c.Message.Send(t.Context(), req)
	require.NoError(t, err)
	assert.Equal(t, encodeNoEscape(t, sendBodyAsMap(t, req, 1000002)), string(rec.last(t).Body))
}

// message/send's answer in other shapes than its usual strings (lists,
// numbers, one field of no usable shape, nulls) reaches the caller as the
// usual one would; invalid JSON is still refused.
func TestMessageSendResultShapes(t *testing.T) {
	for _, tc := range []struct {
		reply string
		want  SendResult
	}{
		{`{"errcode":0,"invaliduser":["a","b|c"],"invalidparty":[1,2],"invalidtag":3,"msgid":123,"response_code":"r"}`,
			SendResult{InvalidUsers: []string{"a", "b", "c"}, InvalidParties: []string{"1", "2"}, InvalidTags: []string{"3"}, MsgID: "123", ResponseCode: "r"}},
		{`{"errcode":0,"invaliduser":"a|b","msgid":{"odd":1},"response_code":"r"}`,
			SendResult{InvalidUsers: []string{"a", "b"}, ResponseCode: "r"}},
		{`{"errcode":0,"invaliduser":null,"unlicenseduser":"|u|","msgid":"m","response_code":null}`,
			SendResult{UnlicensedUsers: []string{"u"}, MsgID: "m"}},
		{`{"errcode":0,"InvalidUser":"x","MSGID":"m"}`, SendResult{InvalidUsers: []string{"x"}, MsgID: "m"}},
	} {
		c, mt := newTestClient(t)
		stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", tc.reply)
		res, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"u"}}, Msg: Text{Content: "x"}})
		require.NoError(t, err, tc.reply)
		assert.Equal(t, &tc.want, res, tc.reply)
	}
	for _, reply := range []string{`{"errcode":0,"msgid":"m",}`, `{"errcode":0,"invaliduser":["a",]}`} {
		c, mt := newTestClient(t)
		rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", reply)
		res, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"u"}}, Msg: Text{Content: "x"}})
		assert.ErrorIs(t, err, wecom.ErrUnexpectedResponse, reply)
		assert.Nil(t, res)
		assert.Equal(t, 1, rec.count(), "never sent twice")
	}
}
