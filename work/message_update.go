package work

import (
	"context"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// cardUpdateBody is the body of update_template_card.
type cardUpdateBody struct {
	UserIDs       []string      `json:"userids,omitempty"`
	PartyIDs      []int64       `json:"partyids,omitempty"`
	TagIDs        []int64       `json:"tagids,omitempty"`
	AtAll         oneZero       `json:"atall,omitempty"`
	AgentID       int64         `json:"agentid"`
	ResponseCode  string        `json:"response_code"`
	EnableIDTrans oneZero       `json:"enable_id_trans,omitempty"`
	Button        *cardReplace  `json:"button,omitempty"`
	TemplateCard  *TemplateCard `json:"template_card,omitempty"`
}

type cardReplace struct {
	TaskID      string `json:"task_id,omitempty"`
	ReplaceName string `json:"replace_name"`
}

// errNoCardAgent rejects a card update from a client without an agent id:
// WeCom needs the agentid of the app that sent the card.
var errNoCardAgent = fmt.Errorf("%w: no agent id (set Config.AgentID)", ErrInvalidMessage)

// invalidUsersAnswer is the answer of the card update endpoints.
type invalidUsersAnswer struct {
	InvalidUser idList `json:"invaliduser"`
}

// CardButtonUpdate greys out the buttons of an interactive template card
// sent earlier and shows ReplaceName on them
// (UpdateTemplateCardButton).
type CardButtonUpdate struct {
	// To names the members whose card changes; All changes everybody's.
	To Recipients
	// ResponseCode comes from SendResult.ResponseCode or from the
	// template_card_event callback; it can be used once.
	ResponseCode string
	// ReplaceName is the text shown on the greyed-out buttons.
	ReplaceName string
	// TaskID is the task id of the card (button.task_id); optional.
	TaskID string
	// AgentID is the app that sent the card; 0 means the client's
	// Config.AgentID.
	AgentID int64
	// EnableIDTrans turns $userName=USERID$ and $departmentName=ID$ into
	// names (enable_id_trans).
	EnableIDTrans bool
}

// CardUpdate replaces a template card sent earlier with Card
// (UpdateTemplateCard).
type CardUpdate struct {
	// To names the members whose card changes; All changes everybody's.
	To Recipients
	// ResponseCode is as in CardButtonUpdate: single use.
	ResponseCode string
	// Card is the new card.
	Card TemplateCard
	// AgentID is the app that sent the card; 0 means the client's
	// Config.AgentID.
	AgentID int64
	// EnableIDTrans turns $userName=USERID$ and $departmentName=ID$ into
	// names (enable_id_trans).
	EnableIDTrans bool
}

// UpdateTemplateCardButton greys out the buttons of an interactive
// template card (message/update_template_card). The response code is
// single use, so the call is never repeated after a failure. It returns
// the member ids WeCom could not update.
func (s *MessageService) UpdateTemplateCardButton(ctx context.Context, u CardButtonUpdate) ([]string, error) {
	body := s.cardUpdate(u.To, u.ResponseCode, u.AgentID, u.EnableIDTrans)
	body.Button = &cardReplace{TaskID: u.TaskID, ReplaceName: u.ReplaceName}
	return s.updateCard(ctx, body)
}

// UpdateTemplateCard replaces a template card sent earlier
// (message/update_template_card); like UpdateTemplateCardButton it is
// never repeated. It returns the member ids WeCom could not update.
func (s *MessageService) UpdateTemplateCard(ctx context.Context, u CardUpdate) ([]string, error) {
	body := s.cardUpdate(u.To, u.ResponseCode, u.AgentID, u.EnableIDTrans)
	body.TemplateCard = &u.Card
	return s.updateCard(ctx, body)
}

func (s *MessageService) cardUpdate(to Recipients, responseCode string, agentID int64, idTrans bool) cardUpdateBody {
	b := cardUpdateBody{AgentID: orClientAgent(s.c, agentID), ResponseCode: responseCode, EnableIDTrans: oneZero(idTrans)}
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
	if err := (*service)(s).post(ctx, "/cgi-bin/message/update_template_card", body, lenient(&out), api.Never); err != nil {
		return nil, err
	}
	return out.InvalidUser, nil
}

// TaskCardUpdate marks a legacy TaskCard as handled for some members
// (message/update_taskcard).
type TaskCardUpdate struct {
	// UserIDs are the members whose card changes (at most 1000).
	UserIDs []string `json:"userids"`
	// AgentID is the app that sent the card; 0 means the client's
	// Config.AgentID.
	AgentID int64 `json:"agentid"`
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
	u.AgentID = orClientAgent(s.c, u.AgentID)
	if u.AgentID == 0 {
		return nil, errNoCardAgent
	}
	var out invalidUsersAnswer
	if err := (*service)(s).post(ctx, "/cgi-bin/message/update_taskcard", u, lenient(&out), api.Unsafe); err != nil {
		return nil, err
	}
	return out.InvalidUser, nil
}
