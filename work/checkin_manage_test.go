package work

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

func TestCheckinManageDocSamples(t *testing.T) {
	post := http.MethodPost
	runDocSamples(t, []docCase{
		{page: 93385, method: post, path: "/cgi-bin/checkin/setcheckinschedulist", sample: "checkin/manage/setcheckinschedulist",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Checkin.SetSchedules(t.Context(), CheckinSetSchedulesRequest{GroupID: 226,
					Month: time.Date(2020, 12, 31, 23, 0, 0, 0, time.UTC), Items: []CheckinScheduleItem{{UserID: "james", Day: 5, ScheduleID: 234}}})
			}},
		{page: 93378, method: post, path: "/cgi-bin/checkin/addcheckinuserface", sample: "checkin/manage/addcheckinuserface",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Checkin.AddUserFace(t.Context(), "james", []byte("PLACEHOLDER"))
			}},
		{page: 98041, method: post, path: "/cgi-bin/checkin/clear_checkin_option_array_field", sample: "checkin/manage/clear_checkin_option_array_field",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Checkin.ClearOptionFields(t.Context(), decodeSample[CheckinClearFieldsRequest](t, req))
			}},
		{page: 98041, method: post, path: "/cgi-bin/checkin/del_checkin_option", sample: "checkin/manage/del_checkin_option",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Checkin.DeleteGroup(t.Context(), decodeSample[CheckinDeleteGroupRequest](t, req))
			}},
	})
}

func TestCheckinManageRules(t *testing.T) {
	c, mt := newTestClient(t)
	ctx := t.Context()
	for i, err := range []error{
		c.Checkin.SetSchedules(ctx, CheckinSetSchedulesRequest{GroupID: 1, Items: []CheckinScheduleItem{{UserID: "u", Day: 1}}}),
		c.Checkin.AddUserFace(ctx, "u", nil),
		c.Checkin.ClearOptionFields(ctx, CheckinClearFieldsRequest{GroupID: 1}),
		c.Checkin.DeleteGroup(ctx, CheckinDeleteGroupRequest{}),
	} {
		assert.ErrorIs(t, err, ErrInvalidCheckinRequest, "case %d", i+1)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing sent")

	for _, tc := range []struct {
		path   string
		safety api.Safety
		call   func() error
	}{
		{"/cgi-bin/checkin/setcheckinschedulist", api.Idempotent, func() error {
			return c.Checkin.SetSchedules(ctx, CheckinSetSchedulesRequest{GroupID: 1, Month: time.Now(), Items: []CheckinScheduleItem{{UserID: "u", Day: 1}}})
		}},
		{"/cgi-bin/checkin/addcheckinuserface", api.Idempotent, func() error { return c.Checkin.AddUserFace(ctx, "u", []byte{1}) }},
		{"/cgi-bin/checkin/clear_checkin_option_array_field", api.Idempotent, func() error {
			return c.Checkin.ClearOptionFields(ctx, CheckinClearFieldsRequest{GroupID: 1, Fields: []CheckinOptionField{2}})
		}},
		{"/cgi-bin/checkin/del_checkin_option", api.Unsafe, func() error {
			return c.Checkin.DeleteGroup(ctx, CheckinDeleteGroupRequest{GroupID: 1})
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
