package work

import (
	"context"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// LinkedCorpPerm is the part of linked corps an app may see
// (linkedcorp/agent/get_perm_list): members as "CorpID/UserID" and
// departments as "LinkedID/DepartmentID".
type LinkedCorpPerm struct {
	UserIDs       []string `json:"userids"`
	DepartmentIDs []string `json:"department_ids"`
}

// Perm returns the members and departments of linked corps in the app's
// visibility (linkedcorp/agent/get_perm_list).
func (s *LinkedCorpService) Perm(ctx context.Context) (*LinkedCorpPerm, error) {
	return postAs[LinkedCorpPerm](ctx, (*service)(s), "/cgi-bin/linkedcorp/agent/get_perm_list", struct{}{}, api.Idempotent)
}

// LinkedCorpUser is a member of a linked corp. Department holds
// "LinkedID/DepartmentID" pairs. The simple list fills UserID, Name,
// Department and CorpID only.
type LinkedCorpUser struct {
	UserID     string       `json:"userid"`
	Name       string       `json:"name"`
	Department []string     `json:"department"`
	Mobile     string       `json:"mobile"`
	Telephone  string       `json:"telephone"`
	Email      string       `json:"email"`
	Position   string       `json:"position"`
	CorpID     string       `json:"corpid"`
	ExtAttr    *UserExtAttr `json:"extattr"`
}

// User reads a member of a linked corp by "CorpID/UserID"
// (linkedcorp/user/get).
func (s *LinkedCorpService) User(ctx context.Context, corpUserID string) (*LinkedCorpUser, error) {
	if corpUserID == "" {
		return nil, fmt.Errorf("%w: linkedcorp: empty user id", ErrNilRequest)
	}
	out, err := postAs[struct {
		UserInfo LinkedCorpUser `json:"user_info"`
	}](ctx, (*service)(s), "/cgi-bin/linkedcorp/user/get", map[string]string{"userid": corpUserID}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return &out.UserInfo, nil
}

// LinkedCorpUsersRequest names the linked corp's department whose members
// SimpleUsers and Users list.
type LinkedCorpUsersRequest struct {
	// DepartmentID is "LinkedID/DepartmentID".
	DepartmentID string `json:"department_id"`
	// FetchChild also lists the members of its subdepartments.
	FetchChild bool `json:"fetch_child,omitempty"`
}

func (s *LinkedCorpService) users(ctx context.Context, path string, req LinkedCorpUsersRequest) ([]LinkedCorpUser, error) {
	if req.DepartmentID == "" {
		return nil, fmt.Errorf("%w: linkedcorp: empty department id", ErrNilRequest)
	}
	out, err := postAs[struct {
		UserList []LinkedCorpUser `json:"userlist"`
	}](ctx, (*service)(s), path, req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.UserList, nil
}

// SimpleUsers lists the members of a linked corp's department with their
// ids, names and departments (linkedcorp/user/simplelist).
func (s *LinkedCorpService) SimpleUsers(ctx context.Context, req LinkedCorpUsersRequest) ([]LinkedCorpUser, error) {
	return s.users(ctx, "/cgi-bin/linkedcorp/user/simplelist", req)
}

// Users lists the members of a linked corp's department in full
// (linkedcorp/user/list).
func (s *LinkedCorpService) Users(ctx context.Context, req LinkedCorpUsersRequest) ([]LinkedCorpUser, error) {
	return s.users(ctx, "/cgi-bin/linkedcorp/user/list", req)
}

// LinkedCorpDepartment is a department of a linked corp.
type LinkedCorpDepartment struct {
	DepartmentID   string `json:"department_id"`
	DepartmentName string `json:"department_name"`
	ParentID       string `json:"parentid"`
	Order          int64  `json:"order"`
}

// Departments lists a linked corp's department ("LinkedID/DepartmentID")
// and its subdepartments (linkedcorp/department/list).
func (s *LinkedCorpService) Departments(ctx context.Context, departmentID string) ([]LinkedCorpDepartment, error) {
	if departmentID == "" {
		return nil, fmt.Errorf("%w: linkedcorp: empty department id", ErrNilRequest)
	}
	out, err := postAs[struct {
		List []LinkedCorpDepartment `json:"department_list"`
	}](ctx, (*service)(s), "/cgi-bin/linkedcorp/department/list", map[string]string{"department_id": departmentID}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.List, nil
}
