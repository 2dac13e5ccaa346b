package wecomtest

import (
	"slices"
	"strconv"
	"strings"
)

const (
	maxTagName      = 32
	maxTagUserItems = 1000
	maxTagParties   = 100
)

// createTag checks and stores a new tag; a zero id takes the next free one.
func (c *corpState) createTag(id int64, name string) (*tagState, *apiError) {
	if !validName(name, maxTagName) {
		return nil, invalidParam("invalid tagname")
	}
	if id < 0 {
		return nil, errf(codeInvalidTagID, "invalid tagid")
	}
	if id != 0 && c.tags[id] != nil {
		return nil, errf(codeInvalidTagID, "tagid existed")
	}
	if c.tagNamed(name, 0) {
		return nil, errf(codeTagNameExists, "tagname existed")
	}
	if id == 0 {
		for existing := range c.tags {
			id = max(id, existing)
		}
		id++
	}
	t := &tagState{id: id, name: name}
	c.tags[id] = t
	return t, nil
}

func (c *corpState) tagNamed(name string, except int64) bool {
	for _, t := range c.tags {
		if t.id != except && t.name == name {
			return true
		}
	}
	return false
}

func (t *tagState) addUser(userID string) {
	if !slices.ContainsFunc(t.users, func(u string) bool { return strings.EqualFold(u, userID) }) {
		t.users = append(t.users, userID)
	}
}

// tagParam finds the tag named by the tagid query parameter.
func (c *call) tagParam() (*tagState, error) {
	id, err := strconv.ParseInt(c.query.Get("tagid"), 10, 64)
	if err != nil {
		return nil, errf(codeInvalidTagID, "invalid tagid")
	}
	return c.requireTag(id)
}

func (c *call) requireTag(id int64) (*tagState, error) {
	t := c.corp.tags[id]
	if t == nil {
		return nil, errf(codeInvalidTagID, "invalid tagid")
	}
	return t, nil
}

// tagCreate serves POST /cgi-bin/tag/create.
func (s *Server) tagCreate(c *call) (any, error) {
	var in struct {
		Name string  `json:"tagname"`
		ID   flexInt `json:"tagid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	t, err := c.corp.createTag(int64(in.ID), in.Name)
	if err != nil {
		return nil, err
	}
	return obj{"errmsg": "created", "tagid": t.id}, nil
}

// tagUpdate serves POST /cgi-bin/tag/update.
func (s *Server) tagUpdate(c *call) (any, error) {
	var in struct {
		ID   flexInt `json:"tagid"`
		Name string  `json:"tagname"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	t, err := c.requireTag(int64(in.ID))
	if err != nil {
		return nil, err
	}
	if !validName(in.Name, maxTagName) {
		return nil, invalidParam("invalid tagname")
	}
	if c.corp.tagNamed(in.Name, t.id) {
		return nil, errf(codeTagNameExists, "tagname existed")
	}
	t.name = in.Name
	return obj{"errmsg": "updated"}, nil
}

// tagDelete serves GET /cgi-bin/tag/delete.
func (s *Server) tagDelete(c *call) (any, error) {
	t, err := c.tagParam()
	if err != nil {
		return nil, err
	}
	delete(c.corp.tags, t.id)
	return obj{"errmsg": "deleted"}, nil
}

// tagGet serves GET /cgi-bin/tag/get.
func (s *Server) tagGet(c *call) (any, error) {
	t, err := c.tagParam()
	if err != nil {
		return nil, err
	}
	users := make([]obj, 0, len(t.users))
	for _, id := range t.users {
		name := ""
		if u := c.corp.user(id); u != nil {
			name = u.Name
		}
		users = append(users, obj{"userid": id, "name": name})
	}
	parties := slices.Clone(t.parties)
	if parties == nil {
		parties = []int64{}
	}
	return obj{"tagname": t.name, "userlist": users, "partylist": parties}, nil
}

// tagList serves GET /cgi-bin/tag/list.
func (s *Server) tagList(c *call) (any, error) {
	ids := make([]int64, 0, len(c.corp.tags))
	for id := range c.corp.tags {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	list := make([]obj, 0, len(ids))
	for _, id := range ids {
		list = append(list, obj{"tagid": id, "tagname": c.corp.tags[id].name})
	}
	return obj{"taglist": list}, nil
}

// tagMembersRequest is the body of addtagusers and deltagusers.
type tagMembersRequest struct {
	TagID     flexInt   `json:"tagid"`
	UserList  []string  `json:"userlist"`
	PartyList []flexInt `json:"partylist"`
}

// tagMembers decodes and checks a membership change, splitting the items
// into the valid ones and the invalid ones.
func (c *call) tagMembers() (t *tagState, users []string, parties []int64, bad obj, err error) {
	var in tagMembersRequest
	if err := decodeBody(c.body, &in); err != nil {
		return nil, nil, nil, nil, err
	}
	if t, err = c.requireTag(int64(in.TagID)); err != nil {
		return nil, nil, nil, nil, err
	}
	if len(in.UserList) == 0 && len(in.PartyList) == 0 {
		return nil, nil, nil, nil, invalidParam("userlist and partylist are both empty")
	}
	if len(in.UserList) > maxTagUserItems || len(in.PartyList) > maxTagParties {
		return nil, nil, nil, nil, invalidParam("too many userlist or partylist items")
	}
	var badUsers []string
	var badParties []int64
	for _, id := range in.UserList {
		if u := c.corp.user(id); u != nil {
			users = append(users, u.UserID)
		} else {
			badUsers = append(badUsers, id)
		}
	}
	for _, p := range in.PartyList {
		if c.corp.depts[int64(p)] != nil {
			parties = append(parties, int64(p))
		} else {
			badParties = append(badParties, int64(p))
		}
	}
	bad = obj{}
	if len(badUsers) > 0 {
		bad["invalidlist"] = strings.Join(badUsers, "|")
	}
	if len(badParties) > 0 {
		bad["invalidparty"] = badParties
	}
	return t, users, parties, bad, nil
}

// tagAddUsers serves POST /cgi-bin/tag/addtagusers.
func (s *Server) tagAddUsers(c *call) (any, error) {
	t, users, parties, bad, err := c.tagMembers()
	if err != nil {
		return nil, err
	}
	if len(users) == 0 && len(parties) == 0 {
		return nil, errf(codeAddTagUsersInvalid, "all userlist and partylist items are invalid")
	}
	for _, u := range users {
		t.addUser(u)
	}
	for _, p := range parties {
		if !slices.Contains(t.parties, p) {
			t.parties = append(t.parties, p)
		}
	}
	return bad, nil
}

// tagDelUsers serves POST /cgi-bin/tag/deltagusers.
func (s *Server) tagDelUsers(c *call) (any, error) {
	t, users, parties, bad, err := c.tagMembers()
	if err != nil {
		return nil, err
	}
	if len(users) == 0 && len(parties) == 0 {
		return nil, errf(codeDelTagUsersInvalid, "all userlist and partylist items are invalid")
	}
	for _, u := range users {
		t.users = slices.DeleteFunc(t.users, func(m string) bool { return strings.EqualFold(m, u) })
	}
	t.parties = slices.DeleteFunc(t.parties, func(p int64) bool { return slices.Contains(parties, p) })
	bad["errmsg"] = "deleted"
	return bad, nil
}
