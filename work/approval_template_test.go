package work

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

// Approval templates: page 97437 (create), 97438 (update), 92630
// (copytemplate). Samples: testdata/docs/oa/approval (README.calendar.md).
func TestApprovalTemplateDocSamples(t *testing.T) {
	post := http.MethodPost
	runDocSamples(t, []docCase{
		{page: 97437, method: post, path: "/cgi-bin/oa/approval/create_template", sample: "oa/approval/create_template",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Approval.CreateTemplate(t.Context(), ApprovalTemplateSpec{
					Names: []ApprovalText{{Text: "我的api测试模版", Lang: "zh_CN"}},
					Controls: []TemplateControlSpec{{Property: TemplateControlProperty{Control: "Text", ID: "Text-01",
						Title:       []ApprovalText{{Text: "控件名称", Lang: "zh_CN"}},
						Placeholder: []ApprovalText{{Text: "控件说明", Lang: "zh_CN"}}, UnPrint: 1}}},
				})
			}},
		// Five control types with their config, written from the page's
		// control tables (no copy of such a sample was found).
		{name: "create_template controls (table)", page: 97437, method: post, path: "/cgi-bin/oa/approval/create_template",
			sample: "oa/approval/create_template.controls",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				spec := decodeSample[ApprovalTemplateSpec](t, req)
				require.Len(t, spec.Controls, 5)
				assert.Equal(t, ControlType("Selector"), spec.Controls[2].Property.Control)
				assert.Equal(t, 1, spec.Controls[0].Property.UnPrint)
				return c.Approval.CreateTemplate(t.Context(), spec)
			}},
		{page: 97438, method: post, path: "/cgi-bin/oa/approval/update_template", sample: "oa/approval/update_template",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Approval.UpdateTemplate(t.Context(), decodeSample[ApprovalTemplateSpec](t, req))
			}},
		{page: 92630, method: post, path: "/cgi-bin/oa/approval/copytemplate", sample: "oa/approval/copytemplate",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Approval.CopyTemplate(t.Context(), "1Bs2gZz5csQ1jLdCY8A3WHN9GtFaSYWJDK2S4FU2Fp")
			}},
	})
}

func TestApprovalTemplateRules(t *testing.T) {
	c, mt := newTestClient(t)
	_, err := c.Approval.CreateTemplate(t.Context(), ApprovalTemplateSpec{TemplateID: "x", Names: []ApprovalText{{Text: "a", Lang: "zh_CN"}}})
	assert.ErrorIs(t, err, ErrInvalidApprovalRequest)
	_, err = c.Approval.CreateTemplate(t.Context(), ApprovalTemplateSpec{})
	assert.ErrorIs(t, err, ErrInvalidApprovalRequest)
	assert.ErrorIs(t, c.Approval.UpdateTemplate(t.Context(), ApprovalTemplateSpec{}), ErrInvalidApprovalRequest)
	_, err = c.Approval.CopyTemplate(t.Context(), "")
	assert.ErrorIs(t, err, ErrInvalidApprovalRequest)
	assert.Zero(t, mt.GetTotalCallCount(), "nothing sent")

	// A control without config is sent with "config":{}.
	b, err := json.Marshal(TemplateControlSpec{Property: TemplateControlProperty{Control: "Text", ID: "Text-01"}})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"config":{}`)

	// Creating and copying are not repeated after a transient failure;
	// updating is.
	for _, tc := range []struct {
		path   string
		safety api.Safety
		call   func() error
	}{
		{"/cgi-bin/oa/approval/create_template", api.Unsafe, func() error {
			_, err := c.Approval.CreateTemplate(t.Context(), ApprovalTemplateSpec{Names: []ApprovalText{{Text: "a", Lang: "zh_CN"}}})
			return err
		}},
		{"/cgi-bin/oa/approval/copytemplate", api.Unsafe, func() error {
			_, err := c.Approval.CopyTemplate(t.Context(), "open")
			return err
		}},
		{"/cgi-bin/oa/approval/update_template", api.Idempotent, func() error {
			return c.Approval.UpdateTemplate(t.Context(), ApprovalTemplateSpec{TemplateID: "t"})
		}},
	} {
		rec := stubSequence(t, mt, http.MethodPost, tc.path, `{"errcode":-1,"errmsg":"system busy"}`, `{"errcode":0,"errmsg":"ok"}`)
		err := tc.call()
		if tc.safety == api.Idempotent {
			require.NoError(t, err, tc.path)
			assert.Equal(t, 2, rec.count(), tc.path)
		} else {
			requireAPIError(t, err, -1, tc.path)
			assert.Equal(t, 1, rec.count(), tc.path)
		}
	}
}
