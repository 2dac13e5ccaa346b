package wecomtest

import (
	"slices"
	"strings"
)

const (
	maxBatchUsers     = 100
	maxBatchLimit     = 100
	defaultBatchLimit = 50
	batchCursorPrefix = "wecomtest-get-by-user:"
)

// sortedExternals returns the customers ordered by external_userid.
func (c *corpState) sortedExternals() []*externalState {
	out := make([]*externalState, 0, len(c.externals))
	for _, e := range c.externals {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *externalState) int {
		return strings.Compare(a.contact.ExternalUserID, b.contact.ExternalUserID)
	})
	return out
}

// followOf returns the follow-up record of a member, or nil.
func (e *externalState) followOf(userID string) *FollowUser {
	for i := range e.follows {
		if strings.EqualFold(e.follows[i].UserID, userID) {
			return &e.follows[i]
		}
	}
	return nil
}

// externalContactList serves GET /cgi-bin/externalcontact/list?userid=.
func (s *Server) externalContactList(c *call) (any, error) {
	u, err := c.requireUser(c.query.Get("userid"))
	if err != nil {
		return nil, err
	}
	ids := []string{}
	for _, e := range c.corp.sortedExternals() {
		if e.followOf(u.UserID) != nil {
			ids = append(ids, e.contact.ExternalUserID)
		}
	}
	if len(ids) == 0 {
		return nil, errf(codeNoExternalContact, "not external contact")
	}
	return obj{"external_userid": ids}, nil
}

// externalContactGet serves GET /cgi-bin/externalcontact/get.
func (s *Server) externalContactGet(c *call) (any, error) {
	e := c.corp.externals[c.query.Get("external_userid")]
	if e == nil {
		return nil, errf(codeInvalidExternalUser, "invalid external userid")
	}
	follows := slices.Clone(e.follows)
	if follows == nil {
		follows = []FollowUser{}
	}
	return obj{"external_contact": e.contact, "follow_user": follows, "next_cursor": ""}, nil
}

// followInfo is a follow-up record in the shape of batch/get_by_user:
// corp tags as tag_id.
func followInfo(f FollowUser) obj {
	o := toObj(f)
	delete(o, "tags")
	ids := []string{}
	for _, t := range f.Tags {
		if t.Type == 1 && t.TagID != "" {
			ids = append(ids, t.TagID)
		}
	}
	o["tag_id"] = ids
	return o
}

// externalContactBatchGetByUser serves POST
// /cgi-bin/externalcontact/batch/get_by_user, paginated by cursor.
func (s *Server) externalContactBatchGetByUser(c *call) (any, error) {
	var in struct {
		UserIDList []string `json:"userid_list"`
		UserID     string   `json:"userid"`
		Cursor     string   `json:"cursor"`
		Limit      flexInt  `json:"limit"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.UserID != "" {
		in.UserIDList = append(in.UserIDList, in.UserID)
	}
	if len(in.UserIDList) == 0 || len(in.UserIDList) > maxBatchUsers {
		return nil, invalidParam("userid_list must have 1 to %d items", maxBatchUsers)
	}
	if in.Limit < 0 || in.Limit > maxBatchLimit {
		return nil, invalidParam("limit must be 1 to %d", maxBatchLimit)
	}
	limit := int(in.Limit)
	if limit == 0 {
		limit = defaultBatchLimit
	}
	offset, ok := decodeCursor(batchCursorPrefix, in.Cursor)
	if !ok {
		return nil, invalidParam("invalid cursor")
	}
	var entries []obj
	for _, id := range in.UserIDList {
		u := c.corp.user(id)
		if u == nil {
			continue
		}
		for _, e := range c.corp.sortedExternals() {
			if f := e.followOf(u.UserID); f != nil {
				entries = append(entries, obj{"external_contact": e.contact, "follow_info": followInfo(*f)})
			}
		}
	}
	offset = min(offset, len(entries))
	end := min(offset+limit, len(entries))
	next := ""
	if end < len(entries) {
		next = encodeCursor(batchCursorPrefix, end)
	}
	page := entries[offset:end]
	if page == nil {
		page = []obj{}
	}
	return obj{"external_contact_list": page, "next_cursor": next}, nil
}

// externalContactFollowUsers serves GET
// /cgi-bin/externalcontact/get_follow_user_list: the members who follow a
// customer.
func (s *Server) externalContactFollowUsers(c *call) (any, error) {
	ids := []string{}
	for _, u := range c.corp.sortedUsers() {
		for _, e := range c.corp.externals {
			if e.followOf(u.UserID) != nil {
				ids = append(ids, u.UserID)
				break
			}
		}
	}
	return obj{"follow_user": ids}, nil
}
