package work

// The doc-sample table of hr (花名册). Samples: testdata/docs/hr.

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHRDocSamples(t *testing.T) {
	runDocSamples(t, []docCase{
		{page: 99131, method: http.MethodGet, path: "/cgi-bin/hr/get_fields",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.HR.Fields(t.Context())
			},
			check: func(t *testing.T, got any) {
				g := got.([]HRFieldGroup)
				require.Len(t, g, 2)
				assert.True(t, g[0].Fields[0].Required)
				assert.Equal(t, "秘书", g[0].Fields[2].Options[1].Value)
			}},
		{page: 99132, method: http.MethodPost, path: "/cgi-bin/hr/get_staff_info",
			// The page misspells the second entry's sub_idx as "sud_idx";
			// the SDK sends the documented key.
			body: `{"userid":"xxxxx","get_all":false,"fieldids":[{"fieldid":11004,"sub_idx":0},{"fieldid":14001,"sub_idx":1}]}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.HR.StaffInfo(t.Context(), HRStaffInfoRequest{UserID: "xxxxx",
					Fields: []HRFieldRef{{FieldID: 11004}, {FieldID: 14001, SubIdx: 1}}})
			},
			check: func(t *testing.T, got any) {
				v := got.([]HRFieldValue)
				require.Len(t, v, 3)
				assert.EqualValues(t, 1, v[0].ValueUint32)
				assert.Equal(t, "xx", v[1].ValueMobile.CountryCode)
			}},
	})
}

func TestHRRejectsBadInput(t *testing.T) {
	c, _ := newTestClient(t)
	_, err := c.HR.StaffInfo(t.Context(), HRStaffInfoRequest{})
	assert.True(t, errors.Is(err, ErrInvalidHR))
	_, err = c.HR.StaffInfo(t.Context(), HRStaffInfoRequest{UserID: "u"})
	assert.True(t, errors.Is(err, ErrInvalidHR))
}
