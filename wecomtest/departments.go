package wecomtest

import (
	"encoding/json"
	"slices"
	"strconv"
)

// createDepartment checks and stores a new department; a zero ID takes
// the next free one.
func (c *corpState) createDepartment(d Department) (*Department, *apiError) {
	if !validName(d.Name, 64) {
		return nil, invalidParam("invalid department name")
	}
	if d.ParentID <= 0 {
		return nil, invalidParam("missing parentid")
	}
	if c.depts[d.ParentID] == nil {
		return nil, errf(codeParentNotFound, "parent department not found")
	}
	if d.ID < 0 {
		return nil, invalidParam("invalid department id")
	}
	if d.ID != 0 && c.depts[d.ID] != nil {
		return nil, errf(codeDepartmentExists, "department id existed")
	}
	if c.siblingNamed(d.ParentID, d.Name, 0) {
		return nil, errf(codeDepartmentExists, "department name existed")
	}
	if d.ID == 0 {
		for id := range c.depts {
			d.ID = max(d.ID, id)
		}
		d.ID++
	}
	d.DepartmentLeader = slices.Clone(d.DepartmentLeader)
	if d.DepartmentLeader == nil {
		d.DepartmentLeader = []string{}
	}
	c.depts[d.ID] = &d
	return &d, nil
}

// siblingNamed reports whether a department other than except under parent
// has the name.
func (c *corpState) siblingNamed(parent int64, name string, except int64) bool {
	for _, o := range c.depts {
		if o.ID != except && o.ParentID == parent && o.Name == name {
			return true
		}
	}
	return false
}

// deptIDParam parses the id query parameter of a department endpoint.
func (c *call) deptIDParam(required bool) (int64, bool, error) {
	raw := c.query.Get("id")
	if raw == "" {
		if required {
			return 0, false, invalidParam("missing id")
		}
		return 0, false, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, false, invalidParam("invalid id")
	}
	if c.corp.depts[id] == nil {
		return 0, false, errf(codeDepartmentNotFound, "department not found")
	}
	return id, true, nil
}

// departmentCreate serves POST /cgi-bin/department/create.
func (s *Server) departmentCreate(c *call) (any, error) {
	var in struct {
		Name     string  `json:"name"`
		NameEn   string  `json:"name_en"`
		ParentID flexInt `json:"parentid"`
		Order    flexInt `json:"order"`
		ID       flexInt `json:"id"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	d, err := c.corp.createDepartment(Department{
		ID: int64(in.ID), Name: in.Name, NameEn: in.NameEn, ParentID: int64(in.ParentID), Order: int64(in.Order),
	})
	if err != nil {
		return nil, err
	}
	return obj{"errmsg": "created", "id": d.ID}, nil
}

// departmentUpdate serves POST /cgi-bin/department/update.
func (s *Server) departmentUpdate(c *call) (any, error) {
	var fields map[string]json.RawMessage
	if err := decodeBody(c.body, &fields); err != nil {
		return nil, err
	}
	var in struct {
		ID       flexInt  `json:"id"`
		ParentID *flexInt `json:"parentid"`
		Order    *flexInt `json:"order"`
	}
	if err := json.Unmarshal(c.body, &in); err != nil {
		return nil, invalidParam("invalid request body: %s", jsonProblem(err))
	}
	if in.ID <= 0 {
		return nil, invalidParam("missing id")
	}
	cur := c.corp.depts[int64(in.ID)]
	if cur == nil {
		return nil, errf(codeDepartmentNotFound, "department not found")
	}
	d, err := patchJSON(*cur, fields, "id", "parentid", "order", "department_leader")
	if err != nil {
		return nil, err
	}
	if in.ParentID != nil {
		d.ParentID = int64(*in.ParentID)
	}
	if in.Order != nil {
		d.Order = int64(*in.Order)
	}
	if !validName(d.Name, 64) {
		return nil, invalidParam("invalid department name")
	}
	if d.ParentID != cur.ParentID {
		if cur.ID == 1 {
			return nil, invalidParam("the root department cannot move")
		}
		if c.corp.depts[d.ParentID] == nil {
			return nil, errf(codeParentNotFound, "parent department not found")
		}
		if c.corp.subtree(cur.ID)[d.ParentID] {
			return nil, invalidParam("parentid is inside the department")
		}
	}
	if d.ID != 1 && c.corp.siblingNamed(d.ParentID, d.Name, d.ID) {
		return nil, errf(codeDepartmentExists, "department name existed")
	}
	*cur = d
	return obj{"errmsg": "updated"}, nil
}

// departmentDelete serves GET /cgi-bin/department/delete.
func (s *Server) departmentDelete(c *call) (any, error) {
	id, _, err := c.deptIDParam(true)
	if err != nil {
		return nil, err
	}
	if id == 1 {
		return nil, errf(codeDeleteRootDept, "cannot delete the root department")
	}
	for _, d := range c.corp.depts {
		if d.ParentID == id {
			return nil, errf(codeDeptHasChildren, "department has sub-departments")
		}
	}
	for _, u := range c.corp.users {
		if slices.Contains(u.Department, id) {
			return nil, errf(codeDeptHasMembers, "department has members")
		}
	}
	delete(c.corp.depts, id)
	for _, t := range c.corp.tags {
		t.parties = slices.DeleteFunc(t.parties, func(p int64) bool { return p == id })
	}
	return obj{"errmsg": "deleted"}, nil
}

// deptSubtree returns the departments of the list endpoints: all of them
// without id, else the department and those below it.
func (c *call) deptSubtree() ([]*Department, error) {
	id, ok, err := c.deptIDParam(false)
	if err != nil {
		return nil, err
	}
	all := c.corp.sortedDepts()
	if !ok {
		return all, nil
	}
	in := c.corp.subtree(id)
	return slices.DeleteFunc(all, func(d *Department) bool { return !in[d.ID] }), nil
}

// departmentList serves GET /cgi-bin/department/list.
func (s *Server) departmentList(c *call) (any, error) {
	depts, err := c.deptSubtree()
	if err != nil {
		return nil, err
	}
	list := make([]obj, 0, len(depts))
	for _, d := range depts {
		list = append(list, toObj(d))
	}
	return obj{"department": list}, nil
}

// departmentSimpleList serves GET /cgi-bin/department/simplelist.
func (s *Server) departmentSimpleList(c *call) (any, error) {
	depts, err := c.deptSubtree()
	if err != nil {
		return nil, err
	}
	list := make([]obj, 0, len(depts))
	for _, d := range depts {
		list = append(list, obj{"id": d.ID, "parentid": d.ParentID, "order": d.Order})
	}
	return obj{"department_id": list}, nil
}

// departmentGet serves GET /cgi-bin/department/get.
func (s *Server) departmentGet(c *call) (any, error) {
	id, _, err := c.deptIDParam(true)
	if err != nil {
		return nil, err
	}
	return obj{"department": toObj(c.corp.depts[id])}, nil
}
