package work

// The doc-sample table of 互联企业 (linkedcorp) contacts. Samples and their
// provenance: testdata/docs/linkedcorp (README.md).

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLinkedCorpContactsDocSamples(t *testing.T) {
	runDocSamples(t, []docCase{
		{
			page: 93172, method: http.MethodPost, path: "/cgi-bin/linkedcorp/agent/get_perm_list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.LinkedCorp.Perm(t.Context()) },
		},
		{
			page: 93171, method: http.MethodPost, path: "/cgi-bin/linkedcorp/user/get",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.LinkedCorp.User(t.Context(), "CORPID/USERID")
			},
		},
		{
			page: 93168, method: http.MethodPost, path: "/cgi-bin/linkedcorp/user/simplelist",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.LinkedCorp.SimpleUsers(t.Context(), decodeSample[LinkedCorpUsersRequest](t, req))
			},
		},
		{
			page: 93169, method: http.MethodPost, path: "/cgi-bin/linkedcorp/user/list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.LinkedCorp.Users(t.Context(), decodeSample[LinkedCorpUsersRequest](t, req))
			},
		},
		{
			page: 93170, method: http.MethodPost, path: "/cgi-bin/linkedcorp/department/list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.LinkedCorp.Departments(t.Context(), "LINKEDID/DEPARTMENTID")
			},
			check: func(t *testing.T, got any) {
				d := got.([]LinkedCorpDepartment)
				assert.Equal(t, LinkedCorpDepartment{DepartmentID: "2", DepartmentName: "测试部门2", ParentID: "1", Order: 99999999}, d[1])
			},
		},
		{
			// department ids sent as numbers still decode
			name: "linkedcorp/department/list numbers", page: 93170, method: http.MethodPost, path: "/cgi-bin/linkedcorp/department/list",
			sample: "linkedcorp/department/list", reply: `{"errcode":0,"department_list":[{"department_id":2,"department_name":"d","parentid":1,"order":"5"}]}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.LinkedCorp.Departments(t.Context(), "LINKEDID/DEPARTMENTID")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, []LinkedCorpDepartment{{DepartmentID: "2", DepartmentName: "d", ParentID: "1", Order: 5}}, got)
			},
		},
	})
}

func TestLinkedCorpContactsBadInput(t *testing.T) {
	c, _ := newTestClient(t)
	_, err := c.LinkedCorp.User(t.Context(), "")
	assert.ErrorIs(t, err, ErrNilRequest)
	_, err = c.LinkedCorp.Users(t.Context(), LinkedCorpUsersRequest{FetchChild: true})
	assert.ErrorIs(t, err, ErrNilRequest)
	_, err = c.LinkedCorp.SimpleUsers(t.Context(), LinkedCorpUsersRequest{})
	assert.ErrorIs(t, err, ErrNilRequest)
	_, err = c.LinkedCorp.Departments(t.Context(), "")
	assert.ErrorIs(t, err, ErrNilRequest)
}
