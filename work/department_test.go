package work

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

func TestDepartmentAPI(t *testing.T) {
	runAPICases(t, []apiCase{
		{
			name: "Create", method: http.MethodPost, path: "/cgi-bin/department/create",
			reply: `{"errcode":0,"errmsg":"created","id":2}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Department.Create(ctx, &Department{Name: "广州研发中心", NameEn: "RDGZ", ParentID: 1, Order: 1, ID: 2})
			},
			body: `{"name":"广州研发中心","name_en":"RDGZ","parentid":1,"order":1,"id":2}`,
			want: int64(2),
		},
		{
			name: "Create/minimal", method: http.MethodPost, path: "/cgi-bin/department/create",
			reply: `{"errcode":0,"errmsg":"created","id":7}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Department.Create(ctx, &Department{Name: "研发", ParentID: 1})
			},
			body: `{"name":"研发","parentid":1}`,
			want: int64(7),
		},
		{
			name: "Update", method: http.MethodPost, path: "/cgi-bin/department/update", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"updated"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Department.Update(ctx, &DepartmentUpdate{ID: 2, Name: new("广州研发中心"), NameEn: new(""), ParentID: new(int64(1)), Order: new(int64(0))})
			},
			body: `{"id":2,"name":"广州研发中心","name_en":"","parentid":1,"order":0}`,
		},
		{
			name: "Update/name only", method: http.MethodPost, path: "/cgi-bin/department/update", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"updated"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Department.Update(ctx, &DepartmentUpdate{ID: 2, Name: new("新名")})
			},
			body: `{"id":2,"name":"新名"}`,
		},
		{
			name: "Delete", method: http.MethodGet, path: "/cgi-bin/department/delete",
			reply: `{"errcode":0,"errmsg":"deleted"}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return nil, c.Department.Delete(ctx, 2) },
			query: url.Values{"id": {"2"}},
		},
		{
			name: "List", method: http.MethodGet, path: "/cgi-bin/department/list", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","department":[
				{"id":2,"name":"广州研发中心","name_en":"RDGZ","department_leader":["zhangsan","lisi"],"parentid":1,"order":10},
				{"id":3,"name":"邮箱产品部","name_en":"mail","department_leader":["lisi","wangwu"],"parentid":2,"order":40}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Department.List(ctx, 2) },
			query: url.Values{"id": {"2"}},
			want: []Department{
				{ID: 2, Name: "广州研发中心", NameEn: "RDGZ", DepartmentLeader: []string{"zhangsan", "lisi"}, ParentID: 1, Order: 10},
				{ID: 3, Name: "邮箱产品部", NameEn: "mail", DepartmentLeader: []string{"lisi", "wangwu"}, ParentID: 2, Order: 40},
			},
		},
		{
			name: "List/all", method: http.MethodGet, path: "/cgi-bin/department/list", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","department":[{"id":1,"name":"root","parentid":0,"order":4294967295}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Department.List(ctx, 0) },
			want:  []Department{{ID: 1, Name: "root", Order: 4294967295}},
		},
		{
			name: "SimpleList", method: http.MethodGet, path: "/cgi-bin/department/simplelist", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","department_id":[{"id":2,"parentid":1,"order":10},{"id":3,"parentid":2,"order":40}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Department.SimpleList(ctx, 2) },
			query: url.Values{"id": {"2"}},
			want:  []SimpleDepartment{{ID: 2, ParentID: 1, Order: 10}, {ID: 3, ParentID: 2, Order: 40}},
		},
		{
			name: "SimpleList/all", method: http.MethodGet, path: "/cgi-bin/department/simplelist", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","department_id":[{"id":1,"parentid":0,"order":0}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Department.SimpleList(ctx, 0) },
			want:  []SimpleDepartment{{ID: 1}},
		},
		{
			name: "Get", method: http.MethodGet, path: "/cgi-bin/department/get", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","department":{"id":2,"name":"广州研发中心","name_en":"RDGZ","department_leader":["zhangsan"],"parentid":1,"order":10}}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Department.Get(ctx, 2) },
			query: url.Values{"id": {"2"}},
			want:  &Department{ID: 2, Name: "广州研发中心", NameEn: "RDGZ", DepartmentLeader: []string{"zhangsan"}, ParentID: 1, Order: 10},
		},
	})
}

func TestDepartmentLocalErrorsSendNothing(t *testing.T) {
	c, mt := newTestClient(t)
	_, err := c.Department.Create(t.Context(), nil)
	assert.ErrorContains(t, err, "nil department")
	assert.ErrorIs(t, err, ErrNilRequest)
	assert.ErrorContains(t, c.Department.Update(t.Context(), nil), "nil update")
	assert.ErrorIs(t, c.Department.Update(t.Context(), nil), ErrNilRequest)
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestDepartmentDeleteIsNotRetried(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubError(t, mt, http.MethodGet, "/cgi-bin/department/delete", wecom.CodeSystemBusy)
	requireAPIError(t, c.Department.Delete(t.Context(), 2), wecom.CodeSystemBusy, "/cgi-bin/department/delete")
	assert.Equal(t, 1, rec.count())

	// A raw call the caller marks idempotent is repeated.
	rec2 := stubError(t, mt, http.MethodGet, "/cgi-bin/department/delete", wecom.CodeSystemBusy)
	err := c.Do(t.Context(), http.MethodGet, "/cgi-bin/department/delete?id=2", nil, nil, wecom.Idempotent())
	require.Error(t, err)
	assert.Equal(t, 3, rec2.count())
}
