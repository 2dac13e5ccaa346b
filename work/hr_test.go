package work

// The doc-sample table of hr (花名册). Samples: testdata/docs/hr.

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
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

// TestHRUpdateDocSample: hr/update_staff_info (page 99133) against the
// mirror's copy of the page's samples.
func TestHRUpdateDocSample(t *testing.T) {
	runDocSamples(t, []docCase{
		{page: 99133, method: http.MethodPost, path: "/cgi-bin/hr/update_staff_info",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.HR.UpdateStaffInfo(t.Context(), decodeSample[HRStaffUpdateRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				r := got.(*HRStaffUpdateResult)
				require.Len(t, r.Inserted, 1)
				assert.Equal(t, HRGroupResult{GroupType: HREducation, Idx: 1, Result: 4}, r.Inserted[0])
				assert.Equal(t, 20, r.Removed[0].SubIdx)
			}},
	})
}

// TestHRCalls: request, errcode and repeat policy. Field updates alone
// set the same values again and are repeated; removals and inserts are
// sent once.
func TestHRCalls(t *testing.T) {
	runAPICases(t, []apiCase{
		{name: "UpdateStaffInfo fields", method: http.MethodPost, path: "/cgi-bin/hr/update_staff_info", safety: api.Idempotent,
			reply: `{"errcode":0,"update_results":[{"fieldid":11004,"sub_idx":0,"result":1}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.HR.UpdateStaffInfo(ctx, HRStaffUpdateRequest{UserID: "u", Update: []HRFieldUpdate{{FieldID: 11004, ValueUint32: 2}}})
			},
			body: `{"userid":"u","update_items":[{"fieldid":11004,"sub_idx":0,"value_uint32":2}]}`,
			want: &HRStaffUpdateResult{Updated: []HRFieldResult{{FieldID: 11004, Result: 1}}}},
		{name: "UpdateStaffInfo insert", method: http.MethodPost, path: "/cgi-bin/hr/update_staff_info", safety: api.Unsafe,
			reply: `{"errcode":0,"insert_result":[{"group_type":4,"idx":2,"result":1}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.HR.UpdateStaffInfo(ctx, HRStaffUpdateRequest{UserID: "u", Insert: []HRGroupInsert{{GroupType: HREmergencyContacts,
					Items: []HRFieldUpdate{{FieldID: 17001, ValueString: "n"}}}}})
			},
			body: `{"userid":"u","insert_items":[{"group_type":4,"item":[{"fieldid":17001,"sub_idx":0,"value_string":"n"}]}]}`,
			want: &HRStaffUpdateResult{Inserted: []HRGroupResult{{GroupType: HREmergencyContacts, Idx: 2, Result: 1}}}},
		{name: "UpdateStaffInfo remove", method: http.MethodPost, path: "/cgi-bin/hr/update_staff_info", safety: api.Unsafe,
			reply: `{"errcode":0,"remove_results":[{"group_type":1,"sub_idx":1,"result":1}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.HR.UpdateStaffInfo(ctx, HRStaffUpdateRequest{UserID: "u", Remove: []HRGroupEntry{{GroupType: HREducation, SubIdx: 1}}})
			},
			body: `{"userid":"u","remove_items":[{"group_type":1,"sub_idx":1}]}`,
			want: &HRStaffUpdateResult{Removed: []HRGroupResult{{GroupType: HREducation, SubIdx: 1, Result: 1}}}},
	})
}

// TestHRStaffInfoReadsMirrorSpelling: the mirror's copy of the answer
// names the list "fieldinfo"; it is read as well as the page's
// "field_info".
func TestHRStaffInfoReadsMirrorSpelling(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/hr/get_staff_info",
		`{"errcode":0,"fieldinfo":[{"fieldid":11004,"sub_idx":0,"result":1,"value_type":3,"value_uint32":1}]}`)
	got, err := c.HR.StaffInfo(t.Context(), HRStaffInfoRequest{UserID: "u", GetAll: true})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.EqualValues(t, 11004, got[0].FieldID)
}

func TestHRRejectsBadInput(t *testing.T) {
	c, _ := newTestClient(t)
	_, err := c.HR.StaffInfo(t.Context(), HRStaffInfoRequest{})
	assert.True(t, errors.Is(err, ErrInvalidHR))
	_, err = c.HR.StaffInfo(t.Context(), HRStaffInfoRequest{UserID: "u"})
	assert.True(t, errors.Is(err, ErrInvalidHR))
	_, err = c.HR.UpdateStaffInfo(t.Context(), HRStaffUpdateRequest{Update: []HRFieldUpdate{{FieldID: 1}}})
	assert.True(t, errors.Is(err, ErrInvalidHR))
	_, err = c.HR.UpdateStaffInfo(t.Context(), HRStaffUpdateRequest{UserID: "u"})
	assert.True(t, errors.Is(err, ErrInvalidHR))
}
