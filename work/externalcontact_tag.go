package work

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the corp customer-tag (企业客户标签) endpoints.
const (
	pathGetCorpTagList = "/cgi-bin/externalcontact/get_corp_tag_list"
	pathAddCorpTag     = "/cgi-bin/externalcontact/add_corp_tag"
	pathEditCorpTag    = "/cgi-bin/externalcontact/edit_corp_tag"
	pathDelCorpTag     = "/cgi-bin/externalcontact/del_corp_tag"
	pathMarkTag        = "/cgi-bin/externalcontact/mark_tag"
)

// CorpTagGroup is a group of corp customer tags.
type CorpTagGroup struct {
	GroupID    string `json:"group_id"`
	GroupName  string `json:"group_name"`
	CreateTime int64  `json:"create_time"`
	// Order sorts groups; a larger value comes first.
	Order int64 `json:"order"`
	// Deleted marks a group deleted since (returned only when asked by id).
	Deleted bool      `json:"deleted,omitempty"`
	Tags    []CorpTag `json:"tag"`
}

// CorpTag is a corp customer tag.
type CorpTag struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	CreateTime int64  `json:"create_time"`
	// Order sorts tags in a group; a larger value comes first.
	Order   int64 `json:"order"`
	Deleted bool  `json:"deleted,omitempty"`
}

// CorpTagsRequest selects corp customer tags: with TagIDs or GroupIDs
// only those are returned (TagIDs win); with neither (the zero value),
// every tag.
type CorpTagsRequest struct {
	TagIDs   []string `json:"tag_id,omitempty"`
	GroupIDs []string `json:"group_id,omitempty"`
}

// CorpTags returns the corp's customer tags, by group (get_corp_tag_list).
func (s *ExternalContactService) CorpTags(ctx context.Context, req CorpTagsRequest) ([]CorpTagGroup, error) {
	var out struct {
		TagGroups []CorpTagGroup `json:"tag_group"`
	}
	if err := (*service)(s).post(ctx, pathGetCorpTagList, req, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.TagGroups, nil
}

// AddCorpTagRequest adds tags to an existing group (GroupID) or to a new
// one (GroupName).
type AddCorpTagRequest struct {
	GroupID   string `json:"group_id,omitempty"`
	GroupName string `json:"group_name,omitempty"`
	// Order of a new group.
	Order int64        `json:"order,omitempty"`
	Tags  []NewCorpTag `json:"tag"`
	// AgentID is needed only by legacy multi-app third-party suites.
	AgentID int64 `json:"agentid,omitempty"`
}

// NewCorpTag is a tag to create.
type NewCorpTag struct {
	Name  string `json:"name"`
	Order int64  `json:"order,omitempty"`
}

// AddCorpTag creates corp customer tags and returns their group with the
// new ids (add_corp_tag).
func (s *ExternalContactService) AddCorpTag(ctx context.Context, req AddCorpTagRequest) (*CorpTagGroup, error) {
	var out struct {
		TagGroup CorpTagGroup `json:"tag_group"`
	}
	if err := (*service)(s).post(ctx, pathAddCorpTag, req, lenient(&out), api.Unsafe); err != nil {
		return nil, err
	}
	return &out.TagGroup, nil
}

// EditCorpTagRequest renames or reorders a tag or a tag group.
type EditCorpTagRequest struct {
	// ID is a tag id or a group id.
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Order: nil leaves the order alone.
	Order *int64 `json:"order,omitempty"`
	// AgentID is needed only by legacy multi-app third-party suites.
	AgentID int64 `json:"agentid,omitempty"`
}

// EditCorpTag renames or reorders a corp customer tag or tag group
// (edit_corp_tag).
func (s *ExternalContactService) EditCorpTag(ctx context.Context, req EditCorpTagRequest) error {
	return (*service)(s).post(ctx, pathEditCorpTag, req, nil, api.Idempotent)
}

// DeleteCorpTagsRequest names the tags and groups to delete; deleting a
// group deletes its tags.
type DeleteCorpTagsRequest struct {
	TagIDs   []string `json:"tag_id,omitempty"`
	GroupIDs []string `json:"group_id,omitempty"`
	// AgentID is needed only by legacy multi-app third-party suites.
	AgentID int64 `json:"agentid,omitempty"`
}

// DeleteCorpTags deletes corp customer tags or tag groups (del_corp_tag).
func (s *ExternalContactService) DeleteCorpTags(ctx context.Context, req DeleteCorpTagsRequest) error {
	return (*service)(s).post(ctx, pathDelCorpTag, req, nil, api.Unsafe)
}

// MarkTagRequest adds and removes corp tags on a customer, as seen by one
// member.
type MarkTagRequest struct {
	UserID         string   `json:"userid"`
	ExternalUserID string   `json:"external_userid"`
	AddTags        []string `json:"add_tag,omitempty"`
	RemoveTags     []string `json:"remove_tag,omitempty"`
}

// MarkTag adds and removes corp tags on a customer (mark_tag).
func (s *ExternalContactService) MarkTag(ctx context.Context, req MarkTagRequest) error {
	return (*service)(s).post(ctx, pathMarkTag, req, nil, api.Idempotent)
}
