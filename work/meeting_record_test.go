package work

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Samples: testdata/docs/meeting/record (checked against the pages' text,
// see testdata/docs/meeting/README.md).
func TestMeetingRecordDocSamples(t *testing.T) {
	runDocSamples(t, []docCase{
		{page: 98209, method: http.MethodPost, path: "/cgi-bin/meeting/record/get_statistics",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.RecordStatistics(t.Context(), MeetingRecordStatsRequest{MeetingRecordID: "record",
					MeetingID: "MEETINGID", Start: time.Unix(16666666, 0), End: time.Unix(1788888888, 0)})
			}},
		{page: 98208, method: http.MethodPost, path: "/cgi-bin/meeting/record/update_sharing_config",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Meeting.UpdateRecordSharing(t.Context(), MeetingRecordSharingRequest{MeetingRecordID: "record",
					MeetingID: "MEETINGID", Sharing: MeetingRecordSharing{EnableSharing: true, EnablePassword: true,
						Password: "123352", Expires: time.UnixMilli(1999999999), AllowDownload: true}})
			}},
	})
}

func TestMeetingRecordRejectsBadInput(t *testing.T) {
	c, _ := newTestClient(t)
	_, err := c.Meeting.RecordStatistics(t.Context(), MeetingRecordStatsRequest{MeetingRecordID: "r", MeetingID: "m"})
	assert.True(t, errors.Is(err, ErrInvalidMeeting))
	assert.True(t, errors.Is(c.Meeting.UpdateRecordSharing(t.Context(), MeetingRecordSharingRequest{}), ErrInvalidMeeting))
}

// TestRecordSharingOff: page 98208 forbids the other settings when
// enable_sharing is false, and a password without enable_password: turning
// sharing off sends enable_sharing alone, and the forbidden combinations
// are refused before sending.
func TestRecordSharingOff(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/meeting/record/update_sharing_config", `{"errcode":0}`)
	require.NoError(t, c.Meeting.UpdateRecordSharing(t.Context(), MeetingRecordSharingRequest{MeetingRecordID: "r", MeetingID: "m"}))
	assert.JSONEq(t, `{"meeting_record_id":"r","meetingid":"m","sharing_config":{"enable_sharing":false}}`, string(rec.last(t).Body))
	for name, sh := range map[string]MeetingRecordSharing{
		"settings without sharing": {AllowDownload: true},
		"password without sharing": {EnablePassword: true, Password: "1234"},
		"password not enabled":     {EnableSharing: true, Password: "1234"},
	} {
		err := c.Meeting.UpdateRecordSharing(t.Context(), MeetingRecordSharingRequest{MeetingRecordID: "r", MeetingID: "m", Sharing: sh})
		assert.True(t, errors.Is(err, ErrInvalidMeeting), "%s: %v", name, err)
	}
	assert.Equal(t, 1, rec.count(), "nothing sent for the refused ones")
}

// TestRecordSharingExpiresInMilliseconds: the page gives sharing_expire
// in milliseconds; an expiry sent in seconds would lie in 1970.
func TestRecordSharingExpiresInMilliseconds(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/meeting/record/update_sharing_config", `{"errcode":0}`)
	exp := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	assert.NoError(t, c.Meeting.UpdateRecordSharing(t.Context(), MeetingRecordSharingRequest{MeetingRecordID: "r", MeetingID: "m",
		Sharing: MeetingRecordSharing{EnableSharing: true, Expires: exp}}))
	assert.JSONEq(t, fmt.Sprintf(`{"meeting_record_id":"r","meetingid":"m","sharing_config":{"enable_sharing":true,
		"sharing_auth_type":0,"enable_password":false,"enable_sharing_expire":true,"sharing_expire":%d,"allow_download":false}}`,
		exp.UnixMilli()), string(rec.last(t).Body))
}
