package work

import (
	"context"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// AgentAdmin is an administrator of an app.
type AgentAdmin struct {
	UserID     string `json:"userid"`
	OpenUserID string `json:"open_userid"`
	// AuthType is 0 a user of the app's data only, 1 a manager.
	AuthType int `json:"auth_type"`
}

// AdminList lists an app's administrators (agent/get_admin_list);
// agentID 0 means the client's Config.AgentID.
func (s *AgentService) AdminList(ctx context.Context, agentID int64) ([]AgentAdmin, error) {
	agentID = orClientAgent(s.c, agentID)
	out, err := postAs[struct {
		Admin []AgentAdmin `json:"admin"`
	}](ctx, (*service)(s), "/cgi-bin/agent/get_admin_list", map[string]int64{"agentid": agentID}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.Admin, nil
}

// AgentPermissions are the permissions a customized or third-party app
// was granted (agent/get_permissions, page 99052).
type AgentPermissions struct {
	// AppPermissions are the permissions' names, e.g.
	// "contact:sensitive:user_name".
	AppPermissions []string
	// Expiring are the permissions granted until a time (apps of
	// outside services).
	Expiring []ExpiringPermission
}

// ExpiringPermission is a permission granted until ExpireTime.
type ExpiringPermission struct {
	PermissionName string
	ExpireTime     time.Time
}

// Permissions lists the permissions the app was granted
// (agent/get_permissions).
func (s *AgentService) Permissions(ctx context.Context) (*AgentPermissions, error) {
	out, err := postAs[struct {
		AppPermissions    []string `json:"app_permissions"`
		AppPermissionsExt []struct {
			PermissionName string   `json:"permission_name"`
			ExpireTime     looseInt `json:"expire_time"`
		} `json:"app_permissions_ext"`
	}](ctx, (*service)(s), "/cgi-bin/agent/get_permissions", struct{}{}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	p := &AgentPermissions{AppPermissions: out.AppPermissions}
	for _, e := range out.AppPermissionsExt {
		p.Expiring = append(p.Expiring, ExpiringPermission{PermissionName: e.PermissionName,
			ExpireTime: unixOrZero(int64(e.ExpireTime))})
	}
	return p, nil
}

// AgentScope is the visibility of an app (agent/set_scope).
type AgentScope struct {
	// AgentID is the app; 0 means the client's Config.AgentID.
	AgentID    int64    `json:"agentid"`
	AllowUser  []string `json:"allow_user,omitempty"`
	AllowParty []int64  `json:"allow_party,omitempty"`
	AllowTag   []int64  `json:"allow_tag,omitempty"`
}

// ScopeResult lists what set_scope could not use.
type ScopeResult struct {
	InvalidUser  []string `json:"invaliduser"`
	InvalidParty []int64  `json:"invalidparty"`
	InvalidTag   []int64  `json:"invalidtag"`
}

// SetScope sets an app's visibility (agent/set_scope).
func (s *AgentService) SetScope(ctx context.Context, scope AgentScope) (*ScopeResult, error) {
	scope.AgentID = orClientAgent(s.c, scope.AgentID)
	if scope.AgentID == 0 {
		return nil, fmt.Errorf("%w: no agent id", ErrNilRequest)
	}
	return postAs[ScopeResult](ctx, (*service)(s), "/cgi-bin/agent/set_scope", scope, api.Idempotent)
}

// WorkbenchBatchData is what several members see of an app on the
// workbench (agent/batch_set_workbench_data).
type WorkbenchBatchData struct {
	// AgentID is the app; 0 means the client's Config.AgentID.
	AgentID    int64         `json:"agentid"`
	UserIDList []string      `json:"userid_list"`
	Data       WorkbenchData `json:"data"`
}

// BatchSetWorkbenchData sets what several members see of an app on the
// workbench (agent/batch_set_workbench_data) and returns the user ids
// WeCom refused.
func (s *AgentService) BatchSetWorkbenchData(ctx context.Context, d WorkbenchBatchData) ([]string, error) {
	d.AgentID = orClientAgent(s.c, d.AgentID)
	if len(d.UserIDList) == 0 {
		return nil, fmt.Errorf("%w: no user ids", ErrNilRequest)
	}
	out, err := postAs[struct {
		InvalidUserIDList []string `json:"invalid_userid_list"`
	}](ctx, (*service)(s), "/cgi-bin/agent/batch_set_workbench_data", d, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.InvalidUserIDList, nil
}
