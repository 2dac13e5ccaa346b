package work

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Samples: testdata/docs/meeting/record (the public mirror of the pages'
// samples; page numbers not confirmed, see testdata/docs/meeting/README.md).
func TestMeetingRecordDocSamples(t *testing.T) {
	runDocSamples(t, []docCase{
		{page: 99193, method: http.MethodPost, path: "/cgi-bin/meeting/record/get_statistics",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.RecordStatistics(t.Context(), MeetingRecordStatsRequest{MeetingRecordID: "record",
					MeetingID: "MEETINGID", Start: time.Unix(16666666, 0), End: time.Unix(1788888888, 0)})
			}},
		{page: 99192, method: http.MethodPost, path: "/cgi-bin/meeting/record/update_sharing_config",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Meeting.UpdateRecordSharing(t.Context(), MeetingRecordSharingRequest{MeetingRecordID: "record",
					MeetingID: "MEETINGID", Sharing: MeetingRecordSharing{EnableSharing: true, EnablePassword: true,
						Password: "123352", Expires: time.Unix(1999999999, 0), AllowDownload: true}})
			}},
	})
}

func TestMeetingRecordRejectsBadInput(t *testing.T) {
	c, _ := newTestClient(t)
	_, err := c.Meeting.RecordStatistics(t.Context(), MeetingRecordStatsRequest{MeetingRecordID: "r", MeetingID: "m"})
	assert.True(t, errors.Is(err, ErrInvalidMeeting))
	assert.True(t, errors.Is(c.Meeting.UpdateRecordSharing(t.Context(), MeetingRecordSharingRequest{}), ErrInvalidMeeting))
}
