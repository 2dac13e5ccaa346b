package work

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// TagService wraps the API of tags (标签).
type TagService service

// Tag is a tag of the corp.
type Tag struct {
	// ID is the tag's id; on create, 0 lets WeCom choose one.
	ID int64 `json:"tagid,omitempty"`
	// Name is unique in the corp, at most 32 characters.
	Name string `json:"tagname"`
}

// TagUser is a member carrying a tag.
type TagUser struct {
	UserID string `json:"userid"`
	Name   string `json:"name"`
}

// TagMembers is what tag/get returns: the tag's name, members and
// departments.
type TagMembers struct {
	Name      string    `json:"tagname"`
	UserList  []TagUser `json:"userlist"`
	PartyList []int64   `json:"partylist"`
}

// TagMembersResult is the answer of AddMembers and DeleteMembers. WeCom
// reports members and departments it could not process here, with errcode 0;
// when none could be processed it answers an error (40070 on add, 40031 on
// delete) instead.
type TagMembersResult struct {
	// InvalidList lists the userids that were not processed (WeCom sends
	// them joined by "|").
	InvalidList []string
	// InvalidParty lists the department ids that were not processed.
	InvalidParty []int64
}

// Partial reports whether some members or departments were not processed.
func (r *TagMembersResult) Partial() bool {
	return len(r.InvalidList) > 0 || len(r.InvalidParty) > 0
}

func (*TagMembersResult) decodesLeniently() {}

// UnmarshalJSON decodes invalidlist ("u1|u2", or an array) and
// invalidparty (numbers or strings).
func (r *TagMembersResult) UnmarshalJSON(b []byte) error {
	var w struct {
		InvalidList  userIDList `json:"invalidlist"`
		InvalidParty []looseInt `json:"invalidparty"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*r = TagMembersResult{InvalidList: w.InvalidList}
	for _, id := range w.InvalidParty {
		r.InvalidParty = append(r.InvalidParty, int64(id))
	}
	return nil
}

// Create adds a tag and returns its id (tag/create). tag.ID 0 lets WeCom
// choose the id.
func (s *TagService) Create(ctx context.Context, tag Tag) (int64, error) {
	var out struct {
		TagID int64 `json:"tagid"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/tag/create", tag, lenient(&out), api.Unsafe); err != nil {
		return 0, err
	}
	return out.TagID, nil
}

// Update renames a tag (tag/update).
func (s *TagService) Update(ctx context.Context, tagID int64, name string) error {
	in := struct {
		TagID   int64  `json:"tagid"`
		TagName string `json:"tagname"`
	}{tagID, name}
	return (*service)(s).post(ctx, "/cgi-bin/tag/update", in, nil, api.Idempotent)
}

// Delete removes a tag (tag/delete).
func (s *TagService) Delete(ctx context.Context, tagID int64) error {
	return (*service)(s).getUnsafe(ctx, "/cgi-bin/tag/delete", idQuery("tagid", tagID), nil)
}

// Get returns the members and departments carrying a tag (tag/get).
func (s *TagService) Get(ctx context.Context, tagID int64) (*TagMembers, error) {
	return getAs[TagMembers](ctx, (*service)(s), "/cgi-bin/tag/get", idQuery("tagid", tagID))
}

// TagMembersRequest names a tag and the members and departments to add
// to it or remove from it; at least one of UserIDs and PartyIDs is set.
type TagMembersRequest struct {
	TagID int64 `json:"tagid"`
	// UserIDs are member ids (at most 1000).
	UserIDs []string `json:"userlist,omitempty"`
	// PartyIDs are department ids (at most 100).
	PartyIDs []int64 `json:"partylist,omitempty"`
}

// AddMembers tags members and departments (tag/addtagusers). Only the
// app that created a tag may change its members. Entries WeCom could not
// tag are listed in the result; that is not an error.
func (s *TagService) AddMembers(ctx context.Context, req TagMembersRequest) (*TagMembersResult, error) {
	return postAs[TagMembersResult](ctx, (*service)(s), "/cgi-bin/tag/addtagusers", req, api.Idempotent)
}

// DeleteMembers untags members and departments (tag/deltagusers). Entries
// WeCom could not untag are listed in the result; that is not an error.
func (s *TagService) DeleteMembers(ctx context.Context, req TagMembersRequest) (*TagMembersResult, error) {
	return postAs[TagMembersResult](ctx, (*service)(s), "/cgi-bin/tag/deltagusers", req, api.Idempotent)
}

// List returns the tags of the corp (tag/list).
func (s *TagService) List(ctx context.Context) ([]Tag, error) {
	var out struct {
		TagList []Tag `json:"taglist"`
	}
	if err := (*service)(s).get(ctx, "/cgi-bin/tag/list", nil, lenient(&out)); err != nil {
		return nil, err
	}
	return out.TagList, nil
}
