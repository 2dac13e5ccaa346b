package work

import (
	"context"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// cardUpdateBody is the common part of update_template_card.
type cardUpdateBody struct {
	UserIDs      []string      `json:"userids,omitempty"`
	PartyIDs     []int64       `json:"partyids,omitempty"`
	TagIDs       []int64       `json:"tagids,omitempty"`
	AtAll        oneZero       `json:"atall,omitempty"`
	AgentID      int64         `json:"agentid"`
	ResponseCode string        `json:"response_code"`
	Button       *cardReplace  `json:"button,omitempty"`
	TemplateCard *TemplateCard `json:"template_card,omitempty"`
}

type cardReplace struct {
	ReplaceName string `json:"replace_name"`
}

// errNoCardAgent rejects a card update from a client without an agent id:
// WeCom needs the agentid of the app that sent the card.
var errNoCardAgent = fmt.Errorf("%w: no agent id (set Config.AgentID)", ErrInvalidMessage)

// invalidUsersAnswer is the answer of the card update endpoints.
type invalidUsersAnswer struct {
	InvalidUser idList `json:"invaliduser"`
}

// UpdateTemplateCardButton greys out the buttons of an interactive
// template card and shows replaceName on them, for the members named by
// to (message/update_template_card). responseCode comes from
// SendResult.ResponseCode or from the template_card_event callback and can
// be used once, so the call is never repeated after a failure. It returns
// the member ids WeCom could not update.
func (s *MessageService) UpdateTemplateCardButton(ctx context.Context, to Recipients, responseCode, replaceName string) ([]string, error) {
	body := s.cardUpdate(to, responseCode)
	body.Button = &cardReplace{ReplaceName: replaceName}
	return s.updateCard(ctx, body)
}

// UpdateTemplateCard replaces a template card sent earlier with card, for
// the members named by to (message/update_template_card); see
// UpdateTemplateCardButton for responseCode. It returns the member ids
// WeCom could not update.
func (s *MessageService) UpdateTemplateCard(ctx context.Context, to Recipients, responseCode string, card TemplateCard) ([]string, error) {
	body := s.cardUpdate(to, responseCode)
	body.TemplateCard = &card
	return s.updateCard(ctx, body)
}

func (s *MessageService) cardUpdate(to Recipients, responseCode string) cardUpdateBody {
	b := cardUpdateBody{AgentID: s.c.cfg.AgentID, ResponseCode: responseCode}
	if to.All {
		b.AtAll = true
	} else {
		b.UserIDs, b.PartyIDs, b.TagIDs = to.Users, to.Parties, to.Tags
	}
	return b
}

// updateCard sends an update_template_card body. The response code it
// carries is single use: like a message, the call is never repeated.
func (s *MessageService) updateCard(ctx context.Context, body cardUpdateBody) ([]string, error) {
	if body.ResponseCode == "" {
		return nil, fmt.Errorf("%w: no response code", ErrInvalidMessage)
	}
	if body.AgentID == 0 {
		return nil, errNoCardAgent
	}
	var out invalidUsersAnswer
	if err := (*service)(s).post(ctx, "/cgi-bin/message/update_template_card", body, &out, api.Never); err != nil {
		return nil, err
	}
	return out.InvalidUser, nil
}

// TaskCardUpdate marks a legacy TaskCard as handled for some members
// (message/update_taskcard).
type TaskCardUpdate struct {
	// UserIDs are the members whose card changes (at most 1000).
	UserIDs []string `json:"userids"`
	// TaskID is the card's TaskCard.TaskID.
	TaskID string `json:"task_id"`
	// ClickedKey is the key of the button to show as clicked.
	ClickedKey string `json:"clicked_key,omitempty"`
	// ReplaceName is the text shown on the buttons instead (the field of
	// older versions of the endpoint).
	ReplaceName string `json:"replace_name,omitempty"`
}

// UpdateTaskCard updates a legacy task card (message/update_taskcard) and
// returns the member ids WeCom could not update.
func (s *MessageService) UpdateTaskCard(ctx context.Context, u TaskCardUpdate) ([]string, error) {
	if s.c.cfg.AgentID == 0 {
		return nil, errNoCardAgent
	}
	body := struct {
		TaskCardUpdate
		AgentID int64 `json:"agentid"`
	}{u, s.c.cfg.AgentID}
	var out invalidUsersAnswer
	if err := (*service)(s).post(ctx, "/cgi-bin/message/update_taskcard", body, &out, api.Unsafe); err != nil {
		return nil, err
	}
	return out.InvalidUser, nil
}
