package work

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// TemplateControlSpec is one control of a template being created or
// updated: its property, typed, and its config as the JSON WeCom reads
// (its shape depends on the control type: {"date":{"type":"day"}},
// {"selector":{...}}, {"location":{"distance":100}}, ...; nil for none).
type TemplateControlSpec struct {
	Property TemplateControlProperty `json:"property"`
	Config   json.RawMessage         `json:"config"`
}

// MarshalJSON sends a nil Config as {}.
func (c TemplateControlSpec) MarshalJSON() ([]byte, error) {
	cfg := c.Config
	if len(cfg) == 0 {
		cfg = json.RawMessage("{}")
	}
	return json.Marshal(struct {
		Property TemplateControlProperty `json:"property"`
		Config   json.RawMessage         `json:"config"`
	}{c.Property, cfg})
}

// ApprovalTemplateSpec is the body of oa/approval/create_template and,
// with TemplateID, of update_template (which replaces every control).
type ApprovalTemplateSpec struct {
	// TemplateID names the template to update; empty on create.
	TemplateID string
	Names      []ApprovalText
	Controls   []TemplateControlSpec
}

type templateSpecWire struct {
	TemplateID      string         `json:"template_id,omitempty"`
	TemplateName    []ApprovalText `json:"template_name"`
	TemplateContent struct {
		Controls []TemplateControlSpec `json:"controls"`
	} `json:"template_content"`
}

// MarshalJSON encodes t as WeCom reads it.
func (t ApprovalTemplateSpec) MarshalJSON() ([]byte, error) {
	var w templateSpecWire
	w.TemplateID, w.TemplateName, w.TemplateContent.Controls = t.TemplateID, t.Names, t.Controls
	return json.Marshal(w)
}

// UnmarshalJSON decodes a template body (for tests and fakes).
func (t *ApprovalTemplateSpec) UnmarshalJSON(b []byte) error {
	var w templateSpecWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*t = ApprovalTemplateSpec{w.TemplateID, w.TemplateName, w.TemplateContent.Controls}
	return nil
}

// CreateTemplate creates an approval template and returns its id
// (oa/approval/create_template). Not repeated after a transient failure:
// a repeat would create a second template.
func (s *ApprovalService) CreateTemplate(ctx context.Context, spec ApprovalTemplateSpec) (string, error) {
	if spec.TemplateID != "" {
		return "", fmt.Errorf("%w: template_id is set by WeCom on create", ErrInvalidApprovalRequest)
	}
	if len(spec.Names) == 0 {
		return "", fmt.Errorf("%w: template_name is required", ErrInvalidApprovalRequest)
	}
	out, err := postAs[struct {
		TemplateID string `json:"template_id"`
	}](ctx, (*service)(s), "/cgi-bin/oa/approval/create_template", spec, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.TemplateID, nil
}

// UpdateTemplate replaces the name and controls of the template
// spec.TemplateID (oa/approval/update_template). A repeat sets the same
// template again.
func (s *ApprovalService) UpdateTemplate(ctx context.Context, spec ApprovalTemplateSpec) error {
	if spec.TemplateID == "" {
		return fmt.Errorf("%w: template_id is required", ErrInvalidApprovalRequest)
	}
	return (*service)(s).post(ctx, "/cgi-bin/oa/approval/update_template", spec, nil, api.Idempotent)
}

// CopyTemplate copies a template of a third-party app's template library
// (open_template_id) into the corp and returns the new template's id
// (oa/approval/copytemplate). Not repeated after a transient failure.
func (s *ApprovalService) CopyTemplate(ctx context.Context, openTemplateID string) (string, error) {
	if openTemplateID == "" {
		return "", fmt.Errorf("%w: open_template_id is required", ErrInvalidApprovalRequest)
	}
	out, err := postAs[struct {
		TemplateID string `json:"template_id"`
	}](ctx, (*service)(s), "/cgi-bin/oa/approval/copytemplate", map[string]string{"open_template_id": openTemplateID}, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.TemplateID, nil
}
