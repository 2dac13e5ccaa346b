package work

import (
	"context"
	"fmt"
	"net/url"

	"github.com/wecomkit/wecom/internal/api"
)

// DepartmentService wraps the API of departments (部门).
type DepartmentService service

// Department is a department of the corp, as sent to department/create and
// returned by department/get and department/list.
type Department struct {
	// ID is the department's id; on create, 0 lets WeCom choose one.
	ID     int64  `json:"id,omitempty"`
	Name   string `json:"name,omitempty"`
	NameEn string `json:"name_en,omitempty"`
	// ParentID is the parent department; the root department is 1.
	ParentID int64 `json:"parentid,omitempty"`
	// Order ranks the department among its siblings, bigger first, in
	// [0, 2^32).
	Order int64 `json:"order,omitempty"`
	// DepartmentLeader lists the userids of the department's leaders
	// (returned only).
	DepartmentLeader []string `json:"department_leader,omitempty"`
}

// DepartmentUpdate changes some fields of a department (department/update).
// Only the fields that are set are sent; the others stay unchanged.
type DepartmentUpdate struct {
	// ID names the department to change.
	ID       int64   `json:"id"`
	Name     *string `json:"name,omitempty"`
	NameEn   *string `json:"name_en,omitempty"`
	ParentID *int64  `json:"parentid,omitempty"`
	Order    *int64  `json:"order,omitempty"`
}

// SimpleDepartment is a department as department/simplelist returns it.
type SimpleDepartment struct {
	ID       int64 `json:"id"`
	ParentID int64 `json:"parentid"`
	Order    int64 `json:"order"`
}

// Create adds a department and returns its id (department/create).
func (s *DepartmentService) Create(ctx context.Context, d *Department) (int64, error) {
	if d == nil {
		return 0, fmt.Errorf("%w: department/create: nil department", ErrNilRequest)
	}
	in := struct {
		Name     string `json:"name"`
		NameEn   string `json:"name_en,omitempty"`
		ParentID int64  `json:"parentid"`
		Order    int64  `json:"order,omitempty"`
		ID       int64  `json:"id,omitempty"`
	}{d.Name, d.NameEn, d.ParentID, d.Order, d.ID}
	var out struct {
		ID int64 `json:"id"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/department/create", in, lenient(&out), api.Unsafe); err != nil {
		return 0, err
	}
	return out.ID, nil
}

// Update changes the fields of a department that u sets
// (department/update).
func (s *DepartmentService) Update(ctx context.Context, u *DepartmentUpdate) error {
	if u == nil {
		return fmt.Errorf("%w: department/update: nil update", ErrNilRequest)
	}
	return (*service)(s).post(ctx, "/cgi-bin/department/update", u, nil, api.Idempotent)
}

// Delete removes a department, which must have no members and no
// sub-departments (department/delete).
func (s *DepartmentService) Delete(ctx context.Context, id int64) error {
	return (*service)(s).getUnsafe(ctx, "/cgi-bin/department/delete", idQuery("id", id), nil)
}

// List returns a department and all its sub-departments; id 0 returns every
// department the app can see (department/list).
func (s *DepartmentService) List(ctx context.Context, id int64) ([]Department, error) {
	var out struct {
		Department []Department `json:"department"`
	}
	if err := (*service)(s).get(ctx, "/cgi-bin/department/list", optionalDeptIDQuery(id), lenient(&out)); err != nil {
		return nil, err
	}
	return out.Department, nil
}

// SimpleList returns the ids of a department and all its sub-departments;
// id 0 returns every department the app can see (department/simplelist).
func (s *DepartmentService) SimpleList(ctx context.Context, id int64) ([]SimpleDepartment, error) {
	var out struct {
		DepartmentID []SimpleDepartment `json:"department_id"`
	}
	if err := (*service)(s).get(ctx, "/cgi-bin/department/simplelist", optionalDeptIDQuery(id), lenient(&out)); err != nil {
		return nil, err
	}
	return out.DepartmentID, nil
}

// Get returns one department (department/get).
func (s *DepartmentService) Get(ctx context.Context, id int64) (*Department, error) {
	var out struct {
		Department Department `json:"department"`
	}
	if err := (*service)(s).get(ctx, "/cgi-bin/department/get", idQuery("id", id), lenient(&out)); err != nil {
		return nil, err
	}
	return &out.Department, nil
}

func optionalDeptIDQuery(id int64) url.Values {
	if id == 0 {
		return nil
	}
	return idQuery("id", id)
}
