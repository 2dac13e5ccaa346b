package wecomtest

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUserCRUD(t *testing.T) {
	s := newTestServer(t)
	q := with(appToken(t, s))

	a := post(t, s, "/cgi-bin/user/create", q, map[string]any{
		"userid": "sunqi", "name": "孙七", "mobile": "13800000009", "department": []int{2, 3},
		"order": []int{5, 0}, "is_leader_in_dept": []int{0, 1}, "position": "Engineer", "gender": "2",
		"email": "sunqi@example.com", "direct_leader": []string{"zhangsan"}, "to_invite": false,
	})
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, "created", a.str("errmsg"))

	a = get(t, s, "/cgi-bin/user/get", with(q, "userid", "SunQi"))
	require.Equal(t, 0, a.code(t), "userids are case-insensitive")
	var u User
	remarshal(t, a, &u)
	assert.Equal(t, User{
		UserID: "sunqi", Name: "孙七", Mobile: "13800000009", Department: []int64{2, 3}, Order: []int64{5, 0},
		IsLeaderInDept: []int{0, 1}, Position: "Engineer", Gender: "2", Email: "sunqi@example.com",
		DirectLeader: []string{"zhangsan"}, MainDepartment: 2, Status: 4, Enable: 1,
	}, u)

	a = post(t, s, "/cgi-bin/user/update", q, map[string]any{"userid": "sunqi", "position": "Lead", "gender": 1})
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, "updated", a.str("errmsg"))
	got, ok := s.User(DefaultCorpID, "sunqi")
	require.True(t, ok)
	assert.Equal(t, "Lead", got.Position)
	assert.Equal(t, "1", got.Gender, "a numeric gender is accepted")
	assert.Equal(t, "13800000009", got.Mobile, "omitted fields are unchanged")
	assert.Equal(t, []int64{2, 3}, got.Department)

	a = get(t, s, "/cgi-bin/user/delete", with(q, "userid", "sunqi"))
	require.Equal(t, 0, a.code(t))
	assert.Equal(t, "deleted", a.str("errmsg"))
	assert.Equal(t, 60111, get(t, s, "/cgi-bin/user/get", with(q, "userid", "sunqi")).code(t))
	assert.Equal(t, 60111, get(t, s, "/cgi-bin/user/delete", with(q, "userid", "sunqi")).code(t))
	assert.Equal(t, 41009, get(t, s, "/cgi-bin/user/get", q).code(t))
}

func TestUserCreateErrors(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	tests := []struct {
		name string
		body any
		code int
	}{
		{"existing userid", map[string]any{"userid": "ZhangSan", "name": "x"}, 60102},
		{"invalid userid", map[string]any{"userid": "bad id!", "name": "x"}, 40003},
		{"missing userid", map[string]any{"name": "x"}, 41009},
		{"missing name", map[string]any{"userid": "newbie"}, 60112},
		{"unknown department", map[string]any{"userid": "newbie", "name": "x", "department": []int{99}}, 60003},
		{"taken mobile", map[string]any{"userid": "newbie", "name": "x", "mobile": "13800000001"}, 60104},
		{"taken email", map[string]any{"userid": "newbie", "name": "x", "email": "LISI@example.com"}, 60106},
		{"misaligned order", map[string]any{"userid": "newbie", "name": "x", "department": []int{2}, "order": []int{1, 2}}, 40058},
		{"department as string", map[string]any{"userid": "newbie", "name": "x", "department": "2"}, 40058},
		{"bad gender", map[string]any{"userid": "newbie", "name": "x", "gender": "9"}, 40058},
		{"bad enable", map[string]any{"userid": "newbie", "name": "x", "enable": 7}, 40058},
		{"malformed JSON", `{"userid":`, 40058},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.code, post(t, s, "/cgi-bin/user/create", q, tt.body).code(t))
			_, exists := s.User(DefaultCorpID, "newbie")
			assert.False(t, exists)
		})
	}
}

func TestUserUpdateRenameAndDisable(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	a := post(t, s, "/cgi-bin/user/update", q, map[string]any{"userid": "wangwu", "new_userid": "wang.wu", "enable": 0})
	require.Equal(t, 0, a.code(t), "%v", a)

	_, old := s.User(DefaultCorpID, "wangwu")
	assert.False(t, old)
	u, ok := s.User(DefaultCorpID, "wang.wu")
	require.True(t, ok)
	assert.Equal(t, 2, u.Status)
	assert.Equal(t, 0, u.Enable)

	tag := get(t, s, "/cgi-bin/tag/get", with(q, "tagid", "1"))
	assert.Contains(t, tag["userlist"], map[string]any{"userid": "wang.wu", "name": "王五"}, "references follow the rename")
	zl, _ := s.User(DefaultCorpID, "zhaoliu")
	assert.Equal(t, []string{"wang.wu"}, zl.DirectLeader)

	assert.Equal(t, 60102, post(t, s, "/cgi-bin/user/update", q, map[string]any{"userid": "lisi", "new_userid": "zhangsan"}).code(t))
	assert.Equal(t, 60111, post(t, s, "/cgi-bin/user/update", q, map[string]any{"userid": "nobody", "name": "x"}).code(t))
	assert.Equal(t, 60104, post(t, s, "/cgi-bin/user/update", q, map[string]any{"userid": "lisi", "mobile": "13800000001"}).code(t))
}

func TestUserBatchDelete(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	a := post(t, s, "/cgi-bin/user/batchdelete", q, map[string]any{"useridlist": []string{"lisi", "nobody"}})
	assert.Equal(t, 60111, a.code(t))
	_, ok := s.User(DefaultCorpID, "lisi")
	assert.True(t, ok, "one unknown userid fails the whole call")

	a = post(t, s, "/cgi-bin/user/batchdelete", q, map[string]any{"useridlist": []string{"lisi", "zhaoliu"}})
	require.Equal(t, 0, a.code(t))
	_, ok = s.User(DefaultCorpID, "zhaoliu")
	assert.False(t, ok)
	assert.Equal(t, 40058, post(t, s, "/cgi-bin/user/batchdelete", q, map[string]any{"useridlist": []string{}}).code(t))
}

func TestUserLists(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)

	a := get(t, s, "/cgi-bin/user/simplelist", with(q, "department_id", "1"))
	require.Equal(t, 0, a.code(t))
	assert.Empty(t, a["userlist"], "nobody is in the root department itself")

	a = get(t, s, "/cgi-bin/user/simplelist", with(q, "department_id", "1", "fetch_child", "1"))
	require.Equal(t, 0, a.code(t))
	var simple []struct {
		UserID     string  `json:"userid"`
		Name       string  `json:"name"`
		Department []int64 `json:"department"`
	}
	remarshal(t, a["userlist"], &simple)
	require.Len(t, simple, 4)
	assert.Equal(t, "lisi", simple[0].UserID)
	assert.Equal(t, "李四", simple[0].Name)

	a = get(t, s, "/cgi-bin/user/list", with(q, "department_id", "3"))
	require.Equal(t, 0, a.code(t))
	var full []User
	remarshal(t, a["userlist"], &full)
	require.Len(t, full, 2)
	assert.Equal(t, "wangwu", full[0].UserID)
	assert.Equal(t, "13800000003", full[0].Mobile)
	assert.Equal(t, "zhaoliu", full[1].UserID)
	assert.Equal(t, int64(3), full[1].MainDepartment)

	assert.Equal(t, 60003, get(t, s, "/cgi-bin/user/list", with(q, "department_id", "42")).code(t))
	assert.Equal(t, 40058, get(t, s, "/cgi-bin/user/list", q).code(t))
}

func TestUserListIDPagination(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	type pair struct {
		UserID     string `json:"userid"`
		Department int64  `json:"department"`
	}
	var all []pair
	cursor, pages := "", 0
	for {
		a := post(t, s, "/cgi-bin/user/list_id", q, map[string]any{"cursor": cursor, "limit": 2})
		require.Equal(t, 0, a.code(t), "%v", a)
		var page []pair
		remarshal(t, a["dept_user"], &page)
		assert.LessOrEqual(t, len(page), 2)
		all = append(all, page...)
		pages++
		cursor = a.str("next_cursor")
		if cursor == "" {
			break
		}
		require.Less(t, pages, 10, "pagination does not end")
	}
	assert.Equal(t, 3, pages)
	assert.Equal(t, []pair{
		{"lisi", 2}, {"wangwu", 3}, {"zhangsan", 2}, {"zhaoliu", 2}, {"zhaoliu", 3},
	}, all, "one entry per member and department")

	a := post(t, s, "/cgi-bin/user/list_id", q, map[string]any{})
	require.Equal(t, 0, a.code(t))
	assert.Empty(t, a.str("next_cursor"), "the default limit takes everything")

	assert.Equal(t, 40058, post(t, s, "/cgi-bin/user/list_id", q, map[string]any{"cursor": "bogus"}).code(t))
	assert.Equal(t, 40058, post(t, s, "/cgi-bin/user/list_id", q, map[string]any{"limit": 10001}).code(t))
}

func TestUserLookups(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)

	a := post(t, s, "/cgi-bin/user/getuserid", q, map[string]any{"mobile": "13800000002"})
	require.Equal(t, 0, a.code(t))
	assert.Equal(t, "lisi", a.str("userid"))
	assert.Equal(t, 46004, post(t, s, "/cgi-bin/user/getuserid", q, map[string]any{"mobile": "10000000000"}).code(t))
	assert.Equal(t, 40058, post(t, s, "/cgi-bin/user/getuserid", q, map[string]any{}).code(t))

	a = post(t, s, "/cgi-bin/user/get_userid_by_email", q, map[string]any{"email": "wangwu@fakecorp.example.com"})
	assert.Equal(t, "wangwu", a.str("userid"))
	a = post(t, s, "/cgi-bin/user/get_userid_by_email", q, map[string]any{"email": "wangwu@example.com", "email_type": 2})
	assert.Equal(t, "wangwu", a.str("userid"))
	assert.Equal(t, 46004, post(t, s, "/cgi-bin/user/get_userid_by_email", q, map[string]any{"email": "wangwu@example.com"}).code(t))

	a = post(t, s, "/cgi-bin/user/convert_to_openid", q, map[string]any{"userid": "zhangsan"})
	require.Equal(t, 0, a.code(t))
	openid := a.str("openid")
	assert.NotEmpty(t, openid)
	a = post(t, s, "/cgi-bin/user/convert_to_userid", q, map[string]any{"openid": openid})
	assert.Equal(t, "zhangsan", a.str("userid"))
	assert.Equal(t, 60111, post(t, s, "/cgi-bin/user/convert_to_openid", q, map[string]any{"userid": "nobody"}).code(t))
}

func TestDepartments(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)

	a := post(t, s, "/cgi-bin/department/create", q, map[string]any{"name": "Backend", "parentid": 2, "order": 7})
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, "created", a.str("errmsg"))
	assert.EqualValues(t, 4, a["id"])

	a = get(t, s, "/cgi-bin/department/get", with(q, "id", "4"))
	require.Equal(t, 0, a.code(t))
	var d Department
	remarshal(t, a["department"], &d)
	assert.Equal(t, Department{ID: 4, Name: "Backend", ParentID: 2, Order: 7, DepartmentLeader: []string{}}, d)

	a = get(t, s, "/cgi-bin/department/list", with(q, "id", "2"))
	var list []Department
	remarshal(t, a["department"], &list)
	require.Len(t, list, 2)
	assert.Equal(t, []string{"zhangsan"}, list[0].DepartmentLeader)
	assert.Equal(t, int64(4), list[1].ID)

	a = get(t, s, "/cgi-bin/department/simplelist", q)
	var simple []map[string]int64
	remarshal(t, a["department_id"], &simple)
	assert.Equal(t, []map[string]int64{
		{"id": 1, "parentid": 0, "order": 100000000}, {"id": 2, "parentid": 1, "order": 100},
		{"id": 3, "parentid": 1, "order": 90}, {"id": 4, "parentid": 2, "order": 7},
	}, simple)

	a = post(t, s, "/cgi-bin/department/update", q, map[string]any{"id": 4, "name": "Platform", "parentid": 3})
	require.Equal(t, 0, a.code(t), "%v", a)
	a = get(t, s, "/cgi-bin/department/get", with(q, "id", "4"))
	remarshal(t, a["department"], &d)
	assert.Equal(t, "Platform", d.Name)
	assert.Equal(t, int64(3), d.ParentID)
	assert.Equal(t, int64(7), d.Order, "omitted fields are unchanged")

	errs := []struct {
		name string
		a    answer
		code int
	}{
		{"create under a missing parent", post(t, s, "/cgi-bin/department/create", q, map[string]any{"name": "X", "parentid": 99}), 60004},
		{"create a sibling name", post(t, s, "/cgi-bin/department/create", q, map[string]any{"name": "Sales", "parentid": 1}), 60008},
		{"create an existing id", post(t, s, "/cgi-bin/department/create", q, map[string]any{"name": "Y", "parentid": 1, "id": 2}), 60008},
		{"create without name", post(t, s, "/cgi-bin/department/create", q, map[string]any{"parentid": 1}), 40058},
		{"move under itself", post(t, s, "/cgi-bin/department/update", q, map[string]any{"id": 3, "parentid": 4}), 40058},
		{"update unknown", post(t, s, "/cgi-bin/department/update", q, map[string]any{"id": 77, "name": "Z"}), 60003},
		{"delete root", get(t, s, "/cgi-bin/department/delete", with(q, "id", "1")), 60007},
		{"delete with children", get(t, s, "/cgi-bin/department/delete", with(q, "id", "3")), 60006},
		{"delete with members", get(t, s, "/cgi-bin/department/delete", with(q, "id", "2")), 60005},
		{"get unknown", get(t, s, "/cgi-bin/department/get", with(q, "id", "77")), 60003},
		{"get without id", get(t, s, "/cgi-bin/department/get", q), 40058},
	}
	for _, e := range errs {
		assert.Equal(t, e.code, e.a.code(t), e.name)
	}

	a = get(t, s, "/cgi-bin/department/delete", with(q, "id", "4"))
	require.Equal(t, 0, a.code(t))
	assert.Equal(t, "deleted", a.str("errmsg"))
	assert.Equal(t, 60003, get(t, s, "/cgi-bin/department/get", with(q, "id", "4")).code(t))
}

func TestTags(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)

	a := post(t, s, "/cgi-bin/tag/create", q, map[string]any{"tagname": "Beta testers"})
	require.Equal(t, 0, a.code(t))
	assert.Equal(t, "created", a.str("errmsg"))
	assert.EqualValues(t, 2, a["tagid"])

	a = post(t, s, "/cgi-bin/tag/addtagusers", q, map[string]any{"tagid": 2, "userlist": []string{"lisi", "ghost"}, "partylist": []int{3, 99}})
	require.Equal(t, 0, a.code(t), "a partial failure is a success")
	assert.Equal(t, "ghost", a.str("invalidlist"))
	assert.Equal(t, []any{float64(99)}, a["invalidparty"])

	a = get(t, s, "/cgi-bin/tag/get", with(q, "tagid", "2"))
	require.Equal(t, 0, a.code(t))
	assert.Equal(t, "Beta testers", a.str("tagname"))
	assert.Equal(t, []any{map[string]any{"userid": "lisi", "name": "李四"}}, a["userlist"])
	assert.Equal(t, []any{float64(3)}, a["partylist"])

	assert.Equal(t, 40070, post(t, s, "/cgi-bin/tag/addtagusers", q, map[string]any{"tagid": 2, "userlist": []string{"ghost"}}).code(t))
	assert.Equal(t, 40031, post(t, s, "/cgi-bin/tag/deltagusers", q, map[string]any{"tagid": 2, "userlist": []string{"ghost"}}).code(t))
	a = post(t, s, "/cgi-bin/tag/deltagusers", q, map[string]any{"tagid": 2, "userlist": []string{"lisi"}, "partylist": []int{3}})
	require.Equal(t, 0, a.code(t))
	a = get(t, s, "/cgi-bin/tag/get", with(q, "tagid", "2"))
	assert.Empty(t, a["userlist"])
	assert.Empty(t, a["partylist"])

	assert.Equal(t, 40071, post(t, s, "/cgi-bin/tag/create", q, map[string]any{"tagname": "Managers"}).code(t))
	assert.Equal(t, 40058, post(t, s, "/cgi-bin/tag/create", q, map[string]any{"tagname": ""}).code(t))
	assert.Equal(t, 0, post(t, s, "/cgi-bin/tag/update", q, map[string]any{"tagid": 2, "tagname": "Alpha"}).code(t))

	a = get(t, s, "/cgi-bin/tag/list", q)
	assert.Equal(t, []any{
		map[string]any{"tagid": float64(1), "tagname": "Managers"},
		map[string]any{"tagid": float64(2), "tagname": "Alpha"},
	}, a["taglist"])

	assert.Equal(t, 0, get(t, s, "/cgi-bin/tag/delete", with(q, "tagid", "2")).code(t))
	assert.Equal(t, 40068, get(t, s, "/cgi-bin/tag/get", with(q, "tagid", "2")).code(t))
	assert.Equal(t, 40068, get(t, s, "/cgi-bin/tag/get", url.Values{"access_token": q["access_token"], "tagid": {"x"}}).code(t))
}

func TestExternalContacts(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)

	a := get(t, s, "/cgi-bin/externalcontact/list", with(q, "userid", "zhangsan"))
	require.Equal(t, 0, a.code(t))
	assert.Equal(t, []any{"wmFakeExternal001", "wmFakeExternal002"}, a["external_userid"])
	assert.Equal(t, 84061, get(t, s, "/cgi-bin/externalcontact/list", with(q, "userid", "lisi")).code(t))
	assert.Equal(t, 60111, get(t, s, "/cgi-bin/externalcontact/list", with(q, "userid", "ghost")).code(t))

	a = get(t, s, "/cgi-bin/externalcontact/get", with(q, "external_userid", "wmFakeExternal002"))
	require.Equal(t, 0, a.code(t))
	var ec ExternalContact
	remarshal(t, a["external_contact"], &ec)
	assert.Equal(t, "韩梅梅", ec.Name)
	assert.Equal(t, 2, ec.Type)
	var follows []FollowUser
	remarshal(t, a["follow_user"], &follows)
	require.Len(t, follows, 2)
	assert.Equal(t, "wangwu", follows[1].UserID)
	assert.Equal(t, 40096, get(t, s, "/cgi-bin/externalcontact/get", with(q, "external_userid", "wmNone")).code(t))

	var got []string
	cursor := ""
	for range 5 {
		a = post(t, s, "/cgi-bin/externalcontact/batch/get_by_user", q,
			map[string]any{"userid_list": []string{"zhangsan", "wangwu"}, "cursor": cursor, "limit": 2})
		require.Equal(t, 0, a.code(t), "%v", a)
		var page []struct {
			Contact ExternalContact `json:"external_contact"`
			Follow  struct {
				UserID string   `json:"userid"`
				TagID  []string `json:"tag_id"`
			} `json:"follow_info"`
		}
		remarshal(t, a["external_contact_list"], &page)
		for _, e := range page {
			got = append(got, e.Follow.UserID+"/"+e.Contact.ExternalUserID)
			if e.Contact.ExternalUserID == "wmFakeExternal001" {
				assert.Equal(t, []string{"etFakeTagVIP"}, e.Follow.TagID)
			}
		}
		if cursor = a.str("next_cursor"); cursor == "" {
			break
		}
	}
	assert.Equal(t, []string{"zhangsan/wmFakeExternal001", "zhangsan/wmFakeExternal002", "wangwu/wmFakeExternal002"}, got)

	a = get(t, s, "/cgi-bin/externalcontact/get_follow_user_list", q)
	assert.Equal(t, []any{"wangwu", "zhangsan"}, a["follow_user"])
}

func TestSetupMethods(t *testing.T) {
	s := newTestServer(t, WithoutDefaults())
	assert.Equal(t, 40013, get(t, s, "/cgi-bin/gettoken", url.Values{"corpid": {DefaultCorpID}, "corpsecret": {DefaultSecret}}).code(t))

	require.NoError(t, s.AddCorp("wwacme", "Acme"))
	require.ErrorIs(t, s.AddCorp("wwacme", "Acme"), ErrSetup)
	require.ErrorIs(t, s.AddApp("wwnone", 1, "s"), ErrSetup)
	require.NoError(t, s.AddApp("wwacme", 1000005, "acme-secret"))
	require.ErrorIs(t, s.AddApp("wwacme", 1000006, "acme-secret"), ErrSetup, "secrets are unique")
	require.NoError(t, s.AddContactsSecret("wwacme", "acme-contacts"))
	require.NoError(t, s.AddDepartment("wwacme", Department{Name: "Ops", ParentID: 1}))
	require.ErrorIs(t, s.AddDepartment("wwacme", Department{Name: "Lost", ParentID: 9}), ErrSetup)
	require.NoError(t, s.AddUser("wwacme", User{UserID: "amy", Name: "Amy", Department: []int64{2}}))
	require.ErrorIs(t, s.AddUser("wwacme", User{UserID: "amy", Name: "Amy"}), ErrSetup)
	require.NoError(t, s.AddTag("wwacme", 0, "Ops team", "amy"))
	require.ErrorIs(t, s.AddTag("wwacme", 0, "Ghosts", "nobody"), ErrSetup)
	require.NoError(t, s.AddExternalContact("wwacme", ExternalContact{ExternalUserID: "wmAcme1", Name: "Bob", Type: 1},
		FollowUser{UserID: "amy", Remark: "Bob"}))
	require.ErrorIs(t, s.AddExternalContact("wwacme", ExternalContact{ExternalUserID: "wmAcme2", Name: "Eve"},
		FollowUser{UserID: "nobody"}), ErrSetup)

	q := url.Values{"access_token": {accessToken(t, s, "wwacme", "acme-secret")}}
	a := get(t, s, "/cgi-bin/user/get", with(q, "userid", "amy"))
	require.Equal(t, 0, a.code(t))
	assert.EqualValues(t, 1, a["status"], "AddUser defaults to active")
	a = get(t, s, "/cgi-bin/tag/list", q)
	assert.Equal(t, []any{map[string]any{"tagid": float64(1), "tagname": "Ops team"}}, a["taglist"])
	a = get(t, s, "/cgi-bin/externalcontact/list", with(q, "userid", "amy"))
	assert.Equal(t, []any{"wmAcme1"}, a["external_userid"])
}
