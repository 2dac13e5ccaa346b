package work

// Invitees, attendee lists, member-specific links, the statistics of
// meetings started and the recordings list: doc samples (testdata/docs/
// meeting, provenance in its README), request/errcode/repeat-policy cases
// and the iterators.

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

func TestMeetingAttendeeDocSamples(t *testing.T) {
	post := http.MethodPost
	runDocSamples(t, []docCase{
		{page: 98160, method: post, path: "/cgi-bin/meeting/get_invitees",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.InviteesPage(t.Context(), MeetingInviteesRequest{MeetingID: "meetingid11", Cursor: "NIGEIJG"})
			},
			check: func(t *testing.T, got any) {
				p := got.(*MeetingInviteesPage)
				assert.Equal(t, []string{"USERID"}, p.UserIDs)
				assert.True(t, p.HasMore)
			}},
		{page: 98156, method: post, path: "/cgi-bin/meeting/get_attendee_list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.AttendeesPage(t.Context(), MeetingAttendeesRequest{MeetingID: "meetingid11234",
					SubMeetingID: "submeetingid11111", Start: time.Unix(168888888, 0), End: time.Unix(179999999, 0),
					Cursor: "jigeng=", Limit: 100})
			},
			check: func(t *testing.T, got any) {
				p := got.(*MeetingAttendeesPage)
				require.Len(t, p.Attendees, 1)
				a := p.Attendees[0]
				// join_time and quit_time come as strings.
				assert.Equal(t, time.Unix(166666666, 0), a.Joined)
				assert.Equal(t, time.Unix(166666666, 0), a.Quit)
				assert.True(t, a.AudioOn && a.ScreenShared && !a.VideoOn)
				assert.False(t, p.HasMore)
			}},
		{page: 98157, method: post, path: "/cgi-bin/meeting/get_realtime_attendee_list",
			// The page's request misspells cursor as "cursort"; the SDK
			// sends the key its table documents.
			body: `{"meetingid":"meetingid11234","sub_meetingid":"submeetingid11111","cursor":"NGIEMG","limit":50}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.RealtimeAttendeesPage(t.Context(), MeetingRealtimeAttendeesRequest{MeetingID: "meetingid11234",
					SubMeetingID: "submeetingid11111", Cursor: "NGIEMG", Limit: 50})
			},
			check: func(t *testing.T, got any) {
				p := got.(*MeetingRealtimeAttendeesPage)
				assert.Equal(t, 1, p.Status, `"status":"1" read as a number`)
				require.Len(t, p.Attendees, 1)
				assert.True(t, p.Attendees[0].VideoOn)
				assert.True(t, p.Attendees[0].Quit.IsZero())
			}},
		{page: 98818, method: post, path: "/cgi-bin/meeting/create_customer_short_url",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Meeting.CreateCustomerShortURL(t.Context(), decodeSample[MeetingCustomerShortURLRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, &MeetingCustomerShortURL{CustomerData: "CUSTOMERDATA", URL: "URL"}, got)
			}},
		{page: 98819, method: post, path: "/cgi-bin/meeting/get_customer_short_url",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Meeting.CustomerShortURLs(t.Context(), decodeSample[MeetingCustomerShortURLListRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, []MeetingCustomerShortURL{{CustomerData: "CUSTOMERDATA", URL: "URL"}}, got)
			}},
		{page: 99651, method: post, path: "/cgi-bin/meeting/statistics/get_start_list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.StartsPage(t.Context(), MeetingStartsRequest{Type: MeetingStarted,
					Begin: time.Unix(1700000000, 0), End: time.Unix(1700001000, 0), Limit: 1000, Cursor: "CURSOR"})
			},
			check: func(t *testing.T, got any) {
				p := got.(*MeetingStartsPage)
				require.Len(t, p.Meetings, 2)
				assert.Equal(t, MeetingStart{UserID: "USERID2", Start: time.Unix(1700000000, 0)}, p.Meetings[1])
				// The sample leaves has_more out (the page's table lists
				// it): next_cursor alone leads to the next page.
				assert.True(t, p.HasMore)
				assert.Equal(t, "abcd", p.NextCursor)
			}},
		{page: 98192, method: post, path: "/cgi-bin/meeting/record/list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.RecordsPage(t.Context(), MeetingRecordListRequest{MeetingID: "meetingid11234",
					MeetingCode: "MEETINGCODE", UserID: "USERID", Start: time.Unix(16666666, 0), End: time.Unix(178888888, 0),
					Cursor: "NGEING", Limit: 10})
			},
			check: func(t *testing.T, got any) {
				p := got.(*MeetingRecordPage)
				require.Len(t, p.Records, 1)
				r := p.Records[0]
				assert.Equal(t, time.Unix(177777777, 0), r.MeetingStart)
				require.Len(t, r.Files, 1)
				f := r.Files[0]
				assert.Equal(t, time.UnixMilli(1777777), f.End)
				assert.Equal(t, time.UnixMilli(1999999999), f.SharingExpire)
				assert.EqualValues(t, 323235325, f.Size)
				assert.True(t, p.HasMore)
			}},
		{page: 98206, method: post, path: "/cgi-bin/meeting/record/delete",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Meeting.DeleteRecord(t.Context(), decodeSample[MeetingRecordDeleteRequest](t, req))
			}},
		{page: 98207, method: post, path: "/cgi-bin/meeting/record/delete_file",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Meeting.DeleteRecordFile(t.Context(), decodeSample[MeetingRecordFileDeleteRequest](t, req))
			}},
	})
}

// TestMeetingAttendeeCalls: request, errcode and repeat policy. Reads
// are repeated after a transient failure; a new link and the deletions
// are sent once.
func TestMeetingAttendeeCalls(t *testing.T) {
	post := http.MethodPost
	runAPICases(t, []apiCase{
		{name: "InviteesPage", method: post, path: "/cgi-bin/meeting/get_invitees", safety: api.Idempotent,
			reply: `{"errcode":0,"has_more":false,"next_cursor":"","invitees":[{"userid":"a"},{"userid":"b"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Meeting.InviteesPage(ctx, MeetingInviteesRequest{MeetingID: "m"})
			},
			body: `{"meetingid":"m"}`,
			want: &MeetingInviteesPage{UserIDs: []string{"a", "b"}}},
		{name: "AttendeesPage", method: post, path: "/cgi-bin/meeting/get_attendee_list", safety: api.Idempotent,
			reply: `{"errcode":0,"has_more":true,"next_cursor":"n","attendees":[{"userid":"u","join_time":10,"quit_time":"","customer_data":"x"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Meeting.AttendeesPage(ctx, MeetingAttendeesRequest{MeetingID: "m"})
			},
			body: `{"meetingid":"m"}`,
			want: &MeetingAttendeesPage{Attendees: []MeetingParticipant{{UserID: "u", Joined: time.Unix(10, 0), CustomerData: "x"}},
				HasMore: true, NextCursor: "n"}},
		{name: "RealtimeAttendeesPage", method: post, path: "/cgi-bin/meeting/get_realtime_attendee_list", safety: api.Idempotent,
			reply: `{"errcode":0,"status":2,"attendees":[{"tmp_openid":"t","join_time":"20","role":1}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Meeting.RealtimeAttendeesPage(ctx, MeetingRealtimeAttendeesRequest{MeetingID: "m", SubMeetingID: "s", Limit: 5})
			},
			body: `{"meetingid":"m","sub_meetingid":"s","limit":5}`,
			want: &MeetingRealtimeAttendeesPage{Status: 2, Attendees: []MeetingParticipant{{TmpOpenID: "t", Joined: time.Unix(20, 0), Role: 1}}}},
		{name: "CreateCustomerShortURL", method: post, path: "/cgi-bin/meeting/create_customer_short_url", safety: api.Unsafe,
			// The page's table says a list: the first link is read.
			reply: `{"errcode":0,"meeting_short_url_customer_data":[{"customer_data":"d","meeting_short_url":"https://l"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Meeting.CreateCustomerShortURL(ctx, MeetingCustomerShortURLRequest{MeetingID: "m", CustomerData: "d"})
			},
			body: `{"meetingid":"m","customer_data":"d"}`,
			want: &MeetingCustomerShortURL{CustomerData: "d", URL: "https://l"}},
		{name: "CustomerShortURLs", method: post, path: "/cgi-bin/meeting/get_customer_short_url", safety: api.Idempotent,
			reply: `{"errcode":0,"meeting_short_url_customer_data_list":[{"customer_data":"a","meeting_short_url":"https://a"},{"customer_data":"b","meeting_short_url":"https://b"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Meeting.CustomerShortURLs(ctx, MeetingCustomerShortURLListRequest{MeetingID: "m"})
			},
			body: `{"meetingid":"m"}`,
			want: []MeetingCustomerShortURL{{CustomerData: "a", URL: "https://a"}, {CustomerData: "b", URL: "https://b"}}},
		{name: "CustomerShortURLs/one object", method: post, path: "/cgi-bin/meeting/get_customer_short_url", safety: api.Idempotent,
			// Lenient: a single link where the page documents a list.
			reply: `{"errcode":0,"meeting_short_url_customer_data_list":{"customer_data":"a","meeting_short_url":"https://a"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Meeting.CustomerShortURLs(ctx, MeetingCustomerShortURLListRequest{MeetingID: "m"})
			},
			body: `{"meetingid":"m"}`,
			want: []MeetingCustomerShortURL{{CustomerData: "a", URL: "https://a"}}},
		{name: "StartsPage", method: post, path: "/cgi-bin/meeting/statistics/get_start_list", safety: api.Idempotent,
			reply: `{"errcode":0,"has_more":true,"next_cursor":"k","meeting_list":[{"userid":"u","start_time":"30"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Meeting.StartsPage(ctx, MeetingStartsRequest{Type: MeetingStartFailed, Begin: time.Unix(10, 0), End: time.Unix(40, 0)})
			},
			body: `{"type":2,"begin_time":10,"end_time":40}`,
			want: &MeetingStartsPage{Meetings: []MeetingStart{{UserID: "u", Start: time.Unix(30, 0)}}, HasMore: true, NextCursor: "k"}},
		{name: "RecordsPage", method: post, path: "/cgi-bin/meeting/record/list", safety: api.Idempotent,
			reply: `{"errcode":0,"record_meetings":[{"meeting_record_id":"r","meetingid":"m","meeting_start_time":"50","record_files":[{"record_file_id":"f","record_start_time":1000,"record_size":"7"}]}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Meeting.RecordsPage(ctx, MeetingRecordListRequest{UserID: "u", Start: time.Unix(10, 0), End: time.Unix(40, 0), Limit: 20})
			},
			body: `{"userid":"u","start_time":10,"end_time":40,"limit":20}`,
			want: &MeetingRecordPage{Records: []MeetingRecord{{MeetingRecordID: "r", MeetingID: "m", MeetingStart: time.Unix(50, 0),
				Files: []MeetingRecordFile{{RecordFileID: "f", Start: time.UnixMilli(1000), Size: 7}}}}}},
		{name: "DeleteRecord", method: post, path: "/cgi-bin/meeting/record/delete", safety: api.Unsafe,
			reply: `{"errcode":0}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Meeting.DeleteRecord(ctx, MeetingRecordDeleteRequest{MeetingID: "m", MeetingRecordID: "r"})
			},
			body: `{"meetingid":"m","meeting_record_id":"r"}`},
		{name: "DeleteRecordFile", method: post, path: "/cgi-bin/meeting/record/delete_file", safety: api.Unsafe,
			reply: `{"errcode":0}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Meeting.DeleteRecordFile(ctx, MeetingRecordFileDeleteRequest{MeetingID: "m", RecordFileID: "f"})
			},
			body: `{"meetingid":"m","record_file_id":"f"}`},
	})
}

// hasMorePage builds a page for iterCase: the items under listKey, with
// has_more set while there is a next cursor (these lists stop on has_more,
// not on an empty cursor).
func hasMorePage(listKey string, item func(id string) map[string]any) func(ids []string, next string) string {
	return func(ids []string, next string) string {
		list := make([]map[string]any, 0, len(ids))
		for _, id := range ids {
			list = append(list, item(id))
		}
		return mustJSON(map[string]any{"errcode": 0, listKey: list, "next_cursor": next, "has_more": next != ""})
	}
}

func TestMeetingIterators(t *testing.T) {
	post := http.MethodPost
	byUser := func(id string) map[string]any { return map[string]any{"userid": id} }
	runIterCases(t, []iterCase{
		{name: "Invitees", method: post, path: "/cgi-bin/meeting/get_invitees",
			page: hasMorePage("invitees", byUser), body: `{"meetingid":"m"}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] { return c.Meeting.Invitees(ctx, "m") }},
		{name: "Attendees", method: post, path: "/cgi-bin/meeting/get_attendee_list",
			page: hasMorePage("attendees", byUser), body: `{"meetingid":"m","limit":2}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.Meeting.Attendees(ctx, MeetingAttendeesRequest{MeetingID: "m", Cursor: "ignored", Limit: 2}),
					func(p MeetingParticipant) string { return p.UserID })
			}},
		{name: "RealtimeAttendees", method: post, path: "/cgi-bin/meeting/get_realtime_attendee_list",
			page: hasMorePage("attendees", byUser), body: `{"meetingid":"m","sub_meetingid":"s"}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.Meeting.RealtimeAttendees(ctx, MeetingRealtimeAttendeesRequest{MeetingID: "m", SubMeetingID: "s"}),
					func(p MeetingParticipant) string { return p.UserID })
			}},
		{name: "Starts", method: post, path: "/cgi-bin/meeting/statistics/get_start_list",
			page: hasMorePage("meeting_list", byUser), body: `{"type":1,"begin_time":10,"end_time":20}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.Meeting.Starts(ctx, MeetingStartsRequest{Type: MeetingStarted, Begin: time.Unix(10, 0), End: time.Unix(20, 0)}),
					func(m MeetingStart) string { return m.UserID })
			}},
		{name: "Records", method: post, path: "/cgi-bin/meeting/record/list",
			page: hasMorePage("record_meetings", func(id string) map[string]any { return map[string]any{"meeting_record_id": id} }),
			body: `{"meetingid":"m","start_time":10,"end_time":20}`,
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return idsOf(c.Meeting.Records(ctx, MeetingRecordListRequest{MeetingID: "m", Start: time.Unix(10, 0), End: time.Unix(20, 0)}),
					func(r MeetingRecord) string { return r.MeetingRecordID })
			}},
	})
}

// TestMeetingListsStopWithoutHasMore: a cursor WeCom sends with has_more
// false (get_attendee_list's sample does) ends the listing; following it
// would ask for a page that is not there.
func TestMeetingListsStopWithoutHasMore(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/meeting/get_attendee_list",
		`{"errcode":0,"has_more":false,"next_cursor":"jigjegn==","attendees":[{"userid":"a"}]}`)
	var got []string
	for p, err := range c.Meeting.Attendees(t.Context(), MeetingAttendeesRequest{MeetingID: "m"}) {
		require.NoError(t, err)
		got = append(got, p.UserID)
	}
	assert.Equal(t, []string{"a"}, got)
	assert.Equal(t, 1, rec.count())
}

// TestMeetingStartsFollowsNextCursor: get_start_list's sample answer
// (page 99651) has next_cursor but no has_more, so without has_more Starts
// follows the cursor until it is empty; it stops on has_more false when
// WeCom sends one.
func TestMeetingStartsFollowsNextCursor(t *testing.T) {
	req := MeetingStartsRequest{Type: MeetingStarted, Begin: time.Unix(10, 0), End: time.Unix(20, 0)}
	collect := func(t *testing.T, c *Client) []string {
		var got []string
		for m, err := range c.Meeting.Starts(t.Context(), req) {
			require.NoError(t, err)
			got = append(got, m.UserID)
		}
		return got
	}
	t.Run("no has_more", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubSequence(t, mt, http.MethodPost, "/cgi-bin/meeting/statistics/get_start_list",
			`{"errcode":0,"next_cursor":"abcd","meeting_list":[{"userid":"a","start_time":1}]}`,
			`{"errcode":0,"next_cursor":"","meeting_list":[{"userid":"b","start_time":2}]}`)
		assert.Equal(t, []string{"a", "b"}, collect(t, c))
		require.Equal(t, 2, rec.count())
		assert.JSONEq(t, `{"type":1,"begin_time":10,"end_time":20,"cursor":"abcd"}`, string(rec.last(t).Body))
	})
	t.Run("has_more false", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/meeting/statistics/get_start_list",
			`{"errcode":0,"has_more":false,"next_cursor":"abcd","meeting_list":[{"userid":"a","start_time":1}]}`)
		assert.Equal(t, []string{"a"}, collect(t, c))
		assert.Equal(t, 1, rec.count())
	})
}

// TestMeetingStartsTakeThirtyDays: a period of exactly 30 days is sent
// (one second more is refused, in TestMeetingAttendeeRejectsBadInput).
func TestMeetingStartsTakeThirtyDays(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/meeting/statistics/get_start_list", `{"errcode":0}`)
	_, err := c.Meeting.StartsPage(t.Context(), MeetingStartsRequest{Type: MeetingStarted, Begin: time.Unix(0, 0), End: time.Unix(30*86400, 0)})
	require.NoError(t, err)
	assert.Equal(t, 1, rec.count())
}

// TestMeetingAttendeeRejectsBadInput: bad input fails before any request.
func TestMeetingAttendeeRejectsBadInput(t *testing.T) {
	c, mt := newTestClient(t)
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"invitees": func() error { _, err := c.Meeting.InviteesPage(ctx, MeetingInviteesRequest{}); return err },
		"attendees": func() error {
			_, err := c.Meeting.AttendeesPage(ctx, MeetingAttendeesRequest{})
			return err
		},
		"attendees reversed": func() error {
			_, err := c.Meeting.AttendeesPage(ctx, MeetingAttendeesRequest{MeetingID: "m", Start: time.Unix(2, 0), End: time.Unix(1, 0)})
			return err
		},
		"realtime": func() error {
			_, err := c.Meeting.RealtimeAttendeesPage(ctx, MeetingRealtimeAttendeesRequest{})
			return err
		},
		"link": func() error {
			_, err := c.Meeting.CreateCustomerShortURL(ctx, MeetingCustomerShortURLRequest{MeetingID: "m"})
			return err
		},
		"link too long": func() error {
			_, err := c.Meeting.CreateCustomerShortURL(ctx, MeetingCustomerShortURLRequest{MeetingID: "m", CustomerData: fmt.Sprintf("%0257d", 0)})
			return err
		},
		"links": func() error {
			_, err := c.Meeting.CustomerShortURLs(ctx, MeetingCustomerShortURLListRequest{})
			return err
		},
		"starts type": func() error {
			_, err := c.Meeting.StartsPage(ctx, MeetingStartsRequest{Begin: time.Unix(1, 0), End: time.Unix(2, 0)})
			return err
		},
		"starts period": func() error {
			_, err := c.Meeting.StartsPage(ctx, MeetingStartsRequest{Type: MeetingStarted})
			return err
		},
		"records selector": func() error {
			_, err := c.Meeting.RecordsPage(ctx, MeetingRecordListRequest{Start: time.Unix(1, 0), End: time.Unix(2, 0)})
			return err
		},
		"starts over 30 days": func() error {
			_, err := c.Meeting.StartsPage(ctx, MeetingStartsRequest{Type: MeetingStarted, Begin: time.Unix(0, 0), End: time.Unix(30*86400+1, 0)})
			return err
		},
		"records period": func() error {
			_, err := c.Meeting.RecordsPage(ctx, MeetingRecordListRequest{UserID: "u"})
			return err
		},
		"delete": func() error { return c.Meeting.DeleteRecord(ctx, MeetingRecordDeleteRequest{MeetingID: "m"}) },
		"delete file": func() error {
			return c.Meeting.DeleteRecordFile(ctx, MeetingRecordFileDeleteRequest{RecordFileID: "f"})
		},
	} {
		err := call()
		assert.True(t, errors.Is(err, ErrInvalidMeeting), "%s: %v", name, err)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing sent")
}
