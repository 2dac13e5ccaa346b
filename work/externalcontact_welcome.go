package work

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the group welcome-template (入群欢迎语素材) endpoints.
const (
	pathGroupWelcomeAdd  = "/cgi-bin/externalcontact/group_welcome_template/add"
	pathGroupWelcomeEdit = "/cgi-bin/externalcontact/group_welcome_template/edit"
	pathGroupWelcomeGet  = "/cgi-bin/externalcontact/group_welcome_template/get"
	pathGroupWelcomeDel  = "/cgi-bin/externalcontact/group_welcome_template/del"
)

// GroupWelcomeTemplate is a welcome message for customers who join a
// customer group: a text (where %NICKNAME% becomes the customer's name)
// and at most one other part. When several are set WeCom uses the first of
// image, link, mini program, file, video.
type GroupWelcomeTemplate struct {
	// TemplateID identifies the template; set by WeCom on add.
	TemplateID  string                 `json:"template_id,omitempty"`
	Text        *CustomerText          `json:"text,omitempty"`
	Image       *ImageAttachment       `json:"image,omitempty"`
	Link        *LinkAttachment        `json:"link,omitempty"`
	MiniProgram *MiniProgramAttachment `json:"miniprogram,omitempty"`
	File        *FileAttachment        `json:"file,omitempty"`
	Video       *VideoAttachment       `json:"video,omitempty"`
	// AgentID is needed only by legacy multi-app third-party suites.
	AgentID int64 `json:"agentid,omitempty"`
	// SkipNotify, on add, tells WeCom not to notify members that the
	// template is available (notify 0).
	SkipNotify bool `json:"-"`
}

// AddGroupWelcomeTemplate creates a group welcome template and returns its
// id (group_welcome_template/add).
func (s *ExternalContactService) AddGroupWelcomeTemplate(ctx context.Context, tpl *GroupWelcomeTemplate) (string, error) {
	if tpl == nil {
		return "", ErrNilRequest
	}
	t := *tpl
	t.TemplateID = ""
	in := struct {
		GroupWelcomeTemplate
		Notify *oneZero `json:"notify,omitempty"`
	}{GroupWelcomeTemplate: t}
	if tpl.SkipNotify {
		in.Notify = new(oneZero(false))
	}
	var out struct {
		TemplateID string `json:"template_id"`
	}
	if err := (*service)(s).post(ctx, pathGroupWelcomeAdd, in, lenient(&out), api.Never); err != nil {
		return "", err
	}
	return out.TemplateID, nil
}

// EditGroupWelcomeTemplate replaces the template tpl.TemplateID
// (group_welcome_template/edit).
func (s *ExternalContactService) EditGroupWelcomeTemplate(ctx context.Context, tpl *GroupWelcomeTemplate) error {
	if tpl == nil {
		return ErrNilRequest
	}
	return (*service)(s).post(ctx, pathGroupWelcomeEdit, tpl, nil, api.Idempotent)
}

// GroupWelcomeTemplate returns a group welcome template
// (group_welcome_template/get).
func (s *ExternalContactService) GroupWelcomeTemplate(ctx context.Context, templateID string) (*GroupWelcomeTemplate, error) {
	var out GroupWelcomeTemplate
	if err := (*service)(s).post(ctx, pathGroupWelcomeGet, templateIDBody{TemplateID: templateID}, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	if out.TemplateID == "" {
		out.TemplateID = templateID
	}
	return &out, nil
}

// DeleteGroupWelcomeTemplateRequest names the group welcome template to
// delete.
type DeleteGroupWelcomeTemplateRequest struct {
	TemplateID string `json:"template_id"`
	// AgentID is needed only by legacy multi-app third-party suites (0:
	// not sent).
	AgentID int64 `json:"agentid,omitempty"`
}

// DeleteGroupWelcomeTemplate deletes a group welcome template
// (group_welcome_template/del).
func (s *ExternalContactService) DeleteGroupWelcomeTemplate(ctx context.Context, req DeleteGroupWelcomeTemplateRequest) error {
	return (*service)(s).post(ctx, pathGroupWelcomeDel, req, nil, api.Unsafe)
}

// templateIDBody is the body of the get call.
type templateIDBody struct {
	TemplateID string `json:"template_id"`
}
