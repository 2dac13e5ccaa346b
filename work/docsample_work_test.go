package work

// The doc-sample table of package work's own areas (contacts, messages,
// apps, check-in, approval, media). Samples: testdata/docs; machinery:
// docsample_test.go. Page numbers are developer.work.weixin.qq.com/document/path/<page>.

import (
	"net/http"
	"testing"
)

func TestWorkDocSamples(t *testing.T) {
	runDocSamples(t, []docCase{
		{
			page: 91983, method: http.MethodPost, path: "/cgi-bin/oa/getapprovaldetail",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					SpNo string `json:"sp_no"`
				}](t, req)
				return c.Approval.Detail(t.Context(), in.SpNo)
			},
		},
		{
			// The process_list of page 91983 (its field table; the page's
			// sample shows the older sp_record only), with an approver who
			// has not acted sending "sptime": "".
			name: "oa/getapprovaldetail process_list", page: 91983,
			method: http.MethodPost, path: "/cgi-bin/oa/getapprovaldetail",
			sample: "oa/getapprovaldetail.process_list",
			body:   `{"sp_no":"202001010001"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Approval.Detail(t.Context(), "202001010001")
			},
		},
		{
			page: 91853, method: http.MethodPost, path: "/cgi-bin/oa/applyevent",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				e := decodeSample[ApplyEvent](t, req)
				return c.Approval.Apply(t.Context(), &e)
			},
		},
	})
}
