package wecomtest

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	codeMissingUserID = 41009
	maxDeptsPerUser   = 100
	maxDirectLeaders  = 5
	maxBatchDelete    = 200
	maxListIDLimit    = 10000
)

// Fields of user/create and user/update that only WeCom sets.
var readOnlyUserFields = []string{
	"status", "enable", "avatar", "thumb_avatar", "qr_code", "open_userid",
	"to_invite", "avatar_mediaid", "new_userid", "userid",
}

// validUserID reports whether id is 1–64 bytes of letters, digits and _-@.
func validUserID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		b := id[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
			b == '_' || b == '-' || b == '@' || b == '.') {
			return false
		}
	}
	return true
}

// validName reports whether s has 1 to n characters.
func validName(s string, n int) bool {
	c := utf8.RuneCountInString(strings.TrimSpace(s))
	return c > 0 && c <= n && utf8.ValidString(s)
}

// normalizeUser checks u and fills the defaults WeCom applies. self is the
// lower-cased userid u had before, excluded from uniqueness checks.
func (c *corpState) normalizeUser(u *User, self string) *apiError {
	if !validUserID(u.UserID) {
		return errf(codeInvalidUserID, "invalid userid")
	}
	if !validName(u.Name, 64) {
		return errf(codeInvalidUserName, "invalid name")
	}
	if len(u.Department) == 0 {
		u.Department = []int64{1}
	}
	if len(u.Department) > maxDeptsPerUser {
		return invalidParam("too many departments")
	}
	for _, d := range u.Department {
		if c.depts[d] == nil {
			return errf(codeDepartmentNotFound, "department not found: %d", d)
		}
	}
	n := len(u.Department)
	switch len(u.Order) {
	case 0:
		u.Order = make([]int64, n)
	case n:
	default:
		return invalidParam("order must have one item per department")
	}
	switch len(u.IsLeaderInDept) {
	case 0:
		u.IsLeaderInDept = make([]int, n)
	case n:
		for _, v := range u.IsLeaderInDept {
			if v != 0 && v != 1 {
				return invalidParam("is_leader_in_dept items must be 0 or 1")
			}
		}
	default:
		return invalidParam("is_leader_in_dept must have one item per department")
	}
	if u.MainDepartment == 0 {
		u.MainDepartment = u.Department[0]
	} else if !slices.Contains(u.Department, u.MainDepartment) {
		return invalidParam("main_department must be one of department")
	}
	if u.DirectLeader == nil {
		u.DirectLeader = []string{}
	}
	if len(u.DirectLeader) > maxDirectLeaders {
		return invalidParam("too many direct_leader")
	}
	switch u.Gender {
	case "":
		u.Gender = "0"
	case "0", "1", "2":
	default:
		return invalidParam("invalid gender")
	}
	for key, o := range c.users {
		if key == self {
			continue
		}
		if u.Mobile != "" && o.Mobile == u.Mobile {
			return errf(codeMobileExists, "mobile existed")
		}
		if u.Email != "" && strings.EqualFold(o.Email, u.Email) {
			return errf(codeEmailExists, "email existed")
		}
	}
	u.Enable = 1
	if u.Status == 2 {
		u.Enable = 0
	}
	return nil
}

// addUser stores a new member after checking it.
func (c *corpState) addUser(u User) *apiError {
	if c.user(u.UserID) != nil {
		return errf(codeUserIDExists, "userid existed")
	}
	if err := c.normalizeUser(&u, ""); err != nil {
		return err
	}
	c.users[strings.ToLower(u.UserID)] = &u
	return nil
}

// removeUser deletes a member and every reference to it.
func (c *corpState) removeUser(u *User) {
	key := strings.ToLower(u.UserID)
	delete(c.users, key)
	c.replaceUserRefs(u.UserID, "")
}

// replaceUserRefs renames (or, with to == "", removes) a member in tags,
// chats, leaders and follow-up lists.
func (c *corpState) replaceUserRefs(from, to string) {
	edit := func(list []string) []string {
		out := list[:0]
		for _, id := range list {
			if strings.EqualFold(id, from) {
				if to == "" {
					continue
				}
				id = to
			}
			out = append(out, id)
		}
		return out
	}
	for _, t := range c.tags {
		t.users = edit(t.users)
	}
	for _, ch := range c.chats {
		ch.users = edit(ch.users)
		if strings.EqualFold(ch.owner, from) {
			ch.owner = to
		}
	}
	for _, d := range c.depts {
		d.DepartmentLeader = edit(d.DepartmentLeader)
	}
	for _, o := range c.users {
		o.DirectLeader = edit(o.DirectLeader)
	}
	for _, e := range c.externals {
		follows := e.follows[:0]
		for _, f := range e.follows {
			if strings.EqualFold(f.UserID, from) {
				if to == "" {
					continue
				}
				f.UserID = to
			}
			follows = append(follows, f)
		}
		e.follows = follows
	}
}

// patchJSON returns cur with the given JSON fields replaced, skipping the
// listed names; fields absent from the patch keep their value.
func patchJSON[T any](cur T, fields map[string]json.RawMessage, skip ...string) (T, error) {
	var zero T
	b, err := json.Marshal(cur)
	if err != nil {
		return zero, invalidParam("cannot encode current value")
	}
	merged := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &merged); err != nil {
		return zero, invalidParam("cannot encode current value")
	}
	for k, v := range fields {
		if !slices.Contains(skip, k) {
			merged[k] = v
		}
	}
	b, err = json.Marshal(merged)
	if err != nil {
		return zero, invalidParam("invalid request body")
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		return zero, invalidParam("invalid request body: %s", jsonProblem(err))
	}
	return out, nil
}

// userFields decodes the body of user/create or user/update. WeCom takes
// gender as a string; a number is accepted as well.
func userFields(body []byte) (map[string]json.RawMessage, error) {
	var fields map[string]json.RawMessage
	if err := decodeBody(body, &fields); err != nil {
		return nil, err
	}
	if g, ok := fields["gender"]; ok {
		var n json.Number
		if json.Unmarshal(g, &n) == nil {
			fields["gender"], _ = json.Marshal(n.String())
		}
	}
	return fields, nil
}

// enableField reads the optional enable (1/0) of a user body.
func enableField(fields map[string]json.RawMessage) (*int, error) {
	raw, ok := fields["enable"]
	if !ok {
		return nil, nil
	}
	var v flexInt
	if err := json.Unmarshal(raw, &v); err != nil || (v != 0 && v != 1) {
		return nil, invalidParam("enable must be 0 or 1")
	}
	e := int(v)
	return &e, nil
}

// toObj converts a struct to an answer object.
func toObj(v any) obj {
	o := obj{}
	b, err := json.Marshal(v)
	if err != nil {
		return o
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(b, &fields) == nil {
		for k, f := range fields {
			o[k] = f
		}
	}
	return o
}

// userCreate serves POST /cgi-bin/user/create.
func (s *Server) userCreate(c *call) (any, error) {
	fields, err := userFields(c.body)
	if err != nil {
		return nil, err
	}
	enable, err := enableField(fields)
	if err != nil {
		return nil, err
	}
	var id struct {
		UserID string `json:"userid"`
	}
	if err := json.Unmarshal(c.body, &id); err != nil {
		return nil, invalidParam("userid must be a string")
	}
	if id.UserID == "" {
		return nil, errf(codeMissingUserID, "missing userid")
	}
	u, err := patchJSON(User{}, fields, readOnlyUserFields...)
	if err != nil {
		return nil, err
	}
	u.UserID = id.UserID
	u.Status = 4 // invited, not yet activated
	if enable != nil && *enable == 0 {
		u.Status = 2
	}
	if err := c.corp.addUser(u); err != nil {
		return nil, err
	}
	return obj{"errmsg": "created"}, nil
}

// requireUser finds the member named by a userid query parameter.
func (c *call) requireUser(userID string) (*User, error) {
	if userID == "" {
		return nil, errf(codeMissingUserID, "missing userid")
	}
	u := c.corp.user(userID)
	if u == nil {
		return nil, errf(codeUserNotFound, "userid not found")
	}
	return u, nil
}

// userGet serves GET /cgi-bin/user/get.
func (s *Server) userGet(c *call) (any, error) {
	u, err := c.requireUser(c.query.Get("userid"))
	if err != nil {
		return nil, err
	}
	return toObj(u), nil
}

// userUpdate serves POST /cgi-bin/user/update.
func (s *Server) userUpdate(c *call) (any, error) {
	fields, err := userFields(c.body)
	if err != nil {
		return nil, err
	}
	enable, err := enableField(fields)
	if err != nil {
		return nil, err
	}
	var ids struct {
		UserID    string `json:"userid"`
		NewUserID string `json:"new_userid"`
	}
	if err := json.Unmarshal(c.body, &ids); err != nil {
		return nil, invalidParam("userid must be a string")
	}
	cur, err := c.requireUser(ids.UserID)
	if err != nil {
		return nil, err
	}
	u, err := patchJSON(*cur, fields, readOnlyUserFields...)
	if err != nil {
		return nil, err
	}
	if enable != nil {
		switch {
		case *enable == 0:
			u.Status = 2
		case u.Status == 2:
			u.Status = 1
		}
	}
	self := strings.ToLower(cur.UserID)
	if ids.NewUserID != "" && !strings.EqualFold(ids.NewUserID, cur.UserID) {
		if c.corp.user(ids.NewUserID) != nil {
			return nil, errf(codeUserIDExists, "new_userid existed")
		}
		u.UserID = ids.NewUserID
	}
	if err := c.corp.normalizeUser(&u, self); err != nil {
		return nil, err
	}
	delete(c.corp.users, self)
	c.corp.users[strings.ToLower(u.UserID)] = &u
	if u.UserID != cur.UserID {
		c.corp.replaceUserRefs(cur.UserID, u.UserID)
	}
	return obj{"errmsg": "updated"}, nil
}

// userDelete serves GET /cgi-bin/user/delete.
func (s *Server) userDelete(c *call) (any, error) {
	u, err := c.requireUser(c.query.Get("userid"))
	if err != nil {
		return nil, err
	}
	c.corp.removeUser(u)
	return obj{"errmsg": "deleted"}, nil
}

// userBatchDelete serves POST /cgi-bin/user/batchdelete: any unknown
// userid fails the whole call.
func (s *Server) userBatchDelete(c *call) (any, error) {
	var in struct {
		UserIDs []string `json:"useridlist"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if len(in.UserIDs) == 0 || len(in.UserIDs) > maxBatchDelete {
		return nil, invalidParam("useridlist must have 1 to %d items", maxBatchDelete)
	}
	users := make([]*User, 0, len(in.UserIDs))
	for _, id := range in.UserIDs {
		u := c.corp.user(id)
		if u == nil {
			return nil, errf(codeUserNotFound, "userid not found")
		}
		users = append(users, u)
	}
	for _, u := range users {
		if c.corp.user(u.UserID) != nil {
			c.corp.removeUser(u)
		}
	}
	return obj{"errmsg": "deleted"}, nil
}

// deptMembers returns the members of a department (and its subtree when
// fetch_child=1), named by the department_id query parameter.
func (c *call) deptMembers() ([]*User, error) {
	id, err := strconv.ParseInt(c.query.Get("department_id"), 10, 64)
	if err != nil {
		return nil, invalidParam("invalid department_id")
	}
	if c.corp.depts[id] == nil {
		return nil, errf(codeDepartmentNotFound, "department not found")
	}
	depts := map[int64]bool{id: true}
	if c.query.Get("fetch_child") == "1" {
		depts = c.corp.subtree(id)
	}
	var out []*User
	for _, u := range c.corp.sortedUsers() {
		if slices.ContainsFunc(u.Department, func(d int64) bool { return depts[d] }) {
			out = append(out, u)
		}
	}
	return out, nil
}

// userSimpleList serves GET /cgi-bin/user/simplelist.
func (s *Server) userSimpleList(c *call) (any, error) {
	users, err := c.deptMembers()
	if err != nil {
		return nil, err
	}
	list := make([]obj, 0, len(users))
	for _, u := range users {
		item := obj{"userid": u.UserID, "name": u.Name, "department": u.Department}
		if u.OpenUserID != "" {
			item["open_userid"] = u.OpenUserID
		}
		list = append(list, item)
	}
	return obj{"userlist": list}, nil
}

// userList serves GET /cgi-bin/user/list.
func (s *Server) userList(c *call) (any, error) {
	users, err := c.deptMembers()
	if err != nil {
		return nil, err
	}
	list := make([]obj, 0, len(users))
	for _, u := range users {
		list = append(list, toObj(u))
	}
	return obj{"userlist": list}, nil
}

// Cursors of user/list_id are opaque to clients; they carry an offset.
const listIDCursorPrefix = "wecomtest-list-id:"

func encodeCursor(prefix string, offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(prefix + strconv.Itoa(offset)))
}

func decodeCursor(prefix, cursor string) (int, bool) {
	if cursor == "" {
		return 0, true
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return 0, false
	}
	rest, ok := strings.CutPrefix(string(raw), prefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// userListID serves POST /cgi-bin/user/list_id: one entry per member and
// department, paginated by cursor.
func (s *Server) userListID(c *call) (any, error) {
	var in struct {
		Cursor string  `json:"cursor"`
		Limit  flexInt `json:"limit"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.Limit < 0 || in.Limit > maxListIDLimit {
		return nil, invalidParam("limit must be 1 to %d", maxListIDLimit)
	}
	limit := int(in.Limit)
	if limit == 0 {
		limit = maxListIDLimit
	}
	offset, ok := decodeCursor(listIDCursorPrefix, in.Cursor)
	if !ok {
		return nil, invalidParam("invalid cursor")
	}
	var entries []obj
	for _, u := range c.corp.sortedUsers() {
		for _, d := range u.Department {
			entries = append(entries, obj{"userid": u.UserID, "department": d})
		}
	}
	offset = min(offset, len(entries))
	end := min(offset+limit, len(entries))
	next := ""
	if end < len(entries) {
		next = encodeCursor(listIDCursorPrefix, end)
	}
	page := entries[offset:end]
	if page == nil {
		page = []obj{}
	}
	return obj{"next_cursor": next, "dept_user": page}, nil
}

// userGetUserID serves POST /cgi-bin/user/getuserid (by mobile).
func (s *Server) userGetUserID(c *call) (any, error) {
	var in struct {
		Mobile string `json:"mobile"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.Mobile == "" {
		return nil, invalidParam("missing mobile")
	}
	for _, u := range c.corp.sortedUsers() {
		if u.Mobile == in.Mobile {
			return obj{"userid": u.UserID}, nil
		}
	}
	return nil, errf(codeUserIDNotFoundMobile, "user not found")
}

// userGetUserIDByEmail serves POST /cgi-bin/user/get_userid_by_email:
// email_type 1 (default) searches biz_mail, 2 the personal email.
func (s *Server) userGetUserIDByEmail(c *call) (any, error) {
	var in struct {
		Email     string  `json:"email"`
		EmailType flexInt `json:"email_type"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.Email == "" || in.EmailType < 0 || in.EmailType > 2 {
		return nil, invalidParam("missing or invalid email")
	}
	for _, u := range c.corp.sortedUsers() {
		addr := u.BizMail
		if in.EmailType == 2 {
			addr = u.Email
		}
		if addr != "" && strings.EqualFold(addr, in.Email) {
			return obj{"userid": u.UserID}, nil
		}
	}
	return nil, errf(codeUserIDNotFoundMobile, "user not found")
}

// openIDFor derives the stable openid of a member.
func openIDFor(corpID, userID string) string {
	sum := sha1.Sum([]byte(corpID + "/" + strings.ToLower(userID)))
	return "oFake" + hex.EncodeToString(sum[:])[:23]
}

// userConvertToOpenID serves POST /cgi-bin/user/convert_to_openid.
func (s *Server) userConvertToOpenID(c *call) (any, error) {
	var in struct {
		UserID string `json:"userid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	u, err := c.requireUser(in.UserID)
	if err != nil {
		return nil, err
	}
	return obj{"openid": openIDFor(c.corp.id, u.UserID)}, nil
}

// userConvertToUserID serves POST /cgi-bin/user/convert_to_userid.
func (s *Server) userConvertToUserID(c *call) (any, error) {
	var in struct {
		OpenID string `json:"openid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.OpenID == "" {
		return nil, invalidParam("missing openid")
	}
	for _, u := range c.corp.sortedUsers() {
		if openIDFor(c.corp.id, u.UserID) == in.OpenID {
			return obj{"userid": u.UserID}, nil
		}
	}
	return nil, errf(codeUserIDNotFoundMobile, "user not found")
}
