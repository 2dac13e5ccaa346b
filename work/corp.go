package work

import (
	"context"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// ApplyMassCallTicket applies for a ticket that lifts the call limit of
// UnionIDToExternalUserID for large batches (corp/apply_mass_call_ticket).
// It is not repeated after a failure.
func (s *CorpGroupService) ApplyMassCallTicket(ctx context.Context) (string, error) {
	out, err := postAs[struct {
		MassCallTicket string `json:"mass_call_ticket"`
	}](ctx, (*service)(s), "/cgi-bin/corp/apply_mass_call_ticket", struct{}{}, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.MassCallTicket, nil
}

// OpenApprovalItem is an approver or a notified member of an approval
// run by a self-built approval flow (审批流程引擎).
type OpenApprovalItem struct {
	ItemName   string `json:"ItemName"`
	ItemParty  string `json:"ItemParty"`
	ItemImage  string `json:"ItemImage"`
	ItemUserID string `json:"ItemUserId"`
	// ItemStatus is 1 pending, 2 approved, 3 rejected, 4 transferred.
	ItemStatus int    `json:"ItemStatus"`
	ItemSpeech string `json:"ItemSpeech"`
	ItemOpTime int64  `json:"ItemOpTime"`
}

// OpenApprovalNode is a step of such an approval.
type OpenApprovalNode struct {
	NodeStatus int `json:"NodeStatus"`
	NodeAttr   int `json:"NodeAttr"`
	NodeType   int `json:"NodeType"`
	Items      struct {
		Item []OpenApprovalItem `json:"Item"`
	} `json:"Items"`
}

// OpenApprovalData is the state of an approval submitted through the
// approval flow engine (corp/getopenapprovaldata).
type OpenApprovalData struct {
	ThirdNo        string `json:"ThirdNo"`
	OpenTemplateID string `json:"OpenTemplateId"`
	OpenSpName     string `json:"OpenSpName"`
	// OpenSpStatus is 1 in progress, 2 approved, 3 rejected, 4
	// cancelled, ...
	OpenSpStatus   int    `json:"OpenSpstatus"`
	ApplyTime      int64  `json:"ApplyTime"`
	ApplyUsername  string `json:"ApplyUsername"`
	ApplyUserParty string `json:"ApplyUserParty"`
	ApplyUserImage string `json:"ApplyUserImage"`
	ApplyUserID    string `json:"ApplyUserId"`
	ApprovalNodes  struct {
		ApprovalNode []OpenApprovalNode `json:"ApprovalNode"`
	} `json:"ApprovalNodes"`
	NotifyNodes struct {
		NotifyNode []OpenApprovalItem `json:"NotifyNode"`
	} `json:"NotifyNodes"`
	ApproverStep int `json:"approverstep"`
}

// OpenApprovalData reads an approval of the approval flow engine by the
// app's own number for it (corp/getopenapprovaldata).
func (s *ApprovalService) OpenApprovalData(ctx context.Context, thirdNo string) (*OpenApprovalData, error) {
	if thirdNo == "" {
		return nil, fmt.Errorf("%w: empty thirdNo", ErrNilRequest)
	}
	out, err := postAs[struct {
		Data OpenApprovalData `json:"data"`
	}](ctx, (*service)(s), "/cgi-bin/corp/getopenapprovaldata", map[string]string{"thirdNo": thirdNo}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return &out.Data, nil
}
