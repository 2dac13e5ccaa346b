package work

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// WorkbenchType is how an app shows on the members' workbench (工作台).
type WorkbenchType string

// Values of WorkbenchType.
const (
	// WorkbenchTypeNormal turns the custom display off.
	WorkbenchTypeNormal  WorkbenchType = "normal"
	WorkbenchTypeKeyData WorkbenchType = "keydata" // key figures
	WorkbenchTypeImage   WorkbenchType = "image"   // one image
	WorkbenchTypeList    WorkbenchType = "list"    // a list of lines
	WorkbenchTypeWebview WorkbenchType = "webview" // a web page
)

// WorkbenchData is what an app shows on the workbench: Type and the one
// element of that type.
type WorkbenchData struct {
	Type    WorkbenchType     `json:"type"`
	KeyData *WorkbenchKeyData `json:"keydata,omitempty"`
	Image   *WorkbenchImage   `json:"image,omitempty"`
	List    *WorkbenchList    `json:"list,omitempty"`
	Webview *WorkbenchWebview `json:"webview,omitempty"`
}

// WorkbenchTemplate is an app's workbench template with the corp-wide
// default data (set_workbench_template, get_workbench_template).
type WorkbenchTemplate struct {
	// AgentID is the app; 0 means the client's Config.AgentID.
	AgentID int64 `json:"agentid,omitempty"`
	WorkbenchData
	// ReplaceUserData makes the default data replace what was set per
	// member with SetWorkbenchData.
	ReplaceUserData bool `json:"replace_user_data,omitempty"`
}

// WorkbenchKeyData is up to 4 key figures.
type WorkbenchKeyData struct {
	Items []WorkbenchKeyDataItem `json:"items"`
}

// WorkbenchKeyDataItem is a key figure: its label, its value and what a
// click opens.
type WorkbenchKeyDataItem struct {
	Key      string `json:"key,omitempty"`
	Data     string `json:"data"`
	JumpURL  string `json:"jump_url,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
}

// WorkbenchImage is an image and what a click opens.
type WorkbenchImage struct {
	URL      string `json:"url"`
	JumpURL  string `json:"jump_url,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
}

// WorkbenchList is up to 3 lines of text.
type WorkbenchList struct {
	Items []WorkbenchListItem `json:"items"`
}

// WorkbenchListItem is a line of WorkbenchList and what a click opens.
type WorkbenchListItem struct {
	Title    string `json:"title"`
	JumpURL  string `json:"jump_url,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
}

// WorkbenchHeight is the height of a WorkbenchWebview.
type WorkbenchHeight string

// Values of WorkbenchHeight.
const (
	WorkbenchSingleRow WorkbenchHeight = "single_row"
	WorkbenchDoubleRow WorkbenchHeight = "double_row"
)

// WorkbenchWebview is a web page shown in the workbench.
type WorkbenchWebview struct {
	URL       string          `json:"url"`
	JumpURL   string          `json:"jump_url,omitempty"`
	PagePath  string          `json:"pagepath,omitempty"`
	Height    WorkbenchHeight `json:"height,omitempty"`
	HideTitle bool            `json:"hide_title,omitempty"`
	// EnableWebviewClick lets a click inside the page act on the page
	// instead of opening JumpURL or PagePath.
	EnableWebviewClick bool `json:"enable_webview_click,omitempty"`
}

// SetWorkbenchTemplate sets an app's workbench template and its corp-wide
// default data (agent/set_workbench_template).
func (s *AgentService) SetWorkbenchTemplate(ctx context.Context, t WorkbenchTemplate) error {
	t.AgentID = orClientAgent(s.c, t.AgentID)
	return (*service)(s).post(ctx, "/cgi-bin/agent/set_workbench_template", t, nil, api.Idempotent)
}

// GetWorkbenchTemplate returns the workbench template of the app agentID
// (agent/get_workbench_template); 0 means the client's Config.AgentID.
func (s *AgentService) GetWorkbenchTemplate(ctx context.Context, agentID int64) (*WorkbenchTemplate, error) {
	body := struct {
		AgentID int64 `json:"agentid"`
	}{orClientAgent(s.c, agentID)}
	return postAs[WorkbenchTemplate](ctx, (*service)(s), "/cgi-bin/agent/get_workbench_template", body, api.Idempotent)
}

// WorkbenchUserData is what one member sees of an app on the workbench
// (SetWorkbenchData).
type WorkbenchUserData struct {
	// AgentID is the app; 0 means the client's Config.AgentID.
	AgentID int64 `json:"agentid"`
	// UserID is the member.
	UserID string `json:"userid"`
	// WorkbenchData is the data; its Type must match the app's template.
	WorkbenchData
}

// SetWorkbenchData sets what one member sees of an app on the workbench
// (agent/set_workbench_data).
func (s *AgentService) SetWorkbenchData(ctx context.Context, d WorkbenchUserData) error {
	d.AgentID = orClientAgent(s.c, d.AgentID)
	return (*service)(s).post(ctx, "/cgi-bin/agent/set_workbench_data", d, nil, api.Idempotent)
}
