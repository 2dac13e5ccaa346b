package work

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
