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
	})
}
