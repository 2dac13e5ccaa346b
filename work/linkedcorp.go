package work

import (
	"context"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// LinkedCorpService wraps the API of messages to linked corps (互联企业).
type LinkedCorpService service

// LinkedCorpRecipients names who receives a message to linked corps. All
// overrides the other fields.
type LinkedCorpRecipients struct {
	// Users are "CorpID/UserID" pairs of linked-corp members.
	Users []string
	// Parties are "LinkedID/DepartmentID" pairs.
	Parties []string
	// Tags are tag ids.
	Tags []int64
	// All sends to everybody in the app's visibility.
	All bool
}

// LinkedCorpSendRequest is one linkedcorp/message/send call.
type LinkedCorpSendRequest struct {
	To LinkedCorpRecipients
	// Msg is the payload: Text, Image, Voice, Video, File, TextCard,
	// News, MPNews, Markdown or MiniProgramNotice.
	Msg Message
	// AgentID is the sending app; 0 means the client's Config.AgentID.
	AgentID int64
	// Safe is the sharing policy; default SafeShareable.
	Safe SafeMode
}

// LinkedCorpSendResult lists the recipients WeCom could not deliver to.
type LinkedCorpSendResult struct {
	InvalidUsers   []string
	InvalidParties []string
	InvalidTags    []string
}

// Send sends an app message to members of linked corps
// (linkedcorp/message/send). Like MessageService.Send it is never
// repeated after a failure.
func (s *LinkedCorpService) Send(ctx context.Context, req LinkedCorpSendRequest) (*LinkedCorpSendResult, error) {
	agentID := orClientAgent(s.c, req.AgentID)
	if agentID == 0 {
		return nil, fmt.Errorf("%w: no agent id (set Config.AgentID or LinkedCorpSendRequest.AgentID)", ErrInvalidMessage)
	}
	body, err := messageBody(req.Msg, agentID, req.Safe)
	if err != nil {
		return nil, err
	}
	to := req.To
	switch {
	case to.All:
		body["toall"] = 1
	case len(to.Users)+len(to.Parties)+len(to.Tags) == 0:
		return nil, fmt.Errorf("%w: no recipients", ErrInvalidMessage)
	default:
		if len(to.Users) > 0 {
			body["touser"] = to.Users
		}
		if len(to.Parties) > 0 {
			body["toparty"] = to.Parties
		}
		if len(to.Tags) > 0 {
			body["totag"] = to.Tags
		}
	}
	var out struct {
		InvalidUser  idList `json:"invaliduser"`
		InvalidParty idList `json:"invalidparty"`
		InvalidTag   idList `json:"invalidtag"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/linkedcorp/message/send", body, lenient(&out), api.Never); err != nil {
		return nil, err
	}
	return &LinkedCorpSendResult{InvalidUsers: out.InvalidUser, InvalidParties: out.InvalidParty, InvalidTags: out.InvalidTag}, nil
}
