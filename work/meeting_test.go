package work

// The doc-sample table of the meeting core. Samples: testdata/docs/meeting;
// machinery: docsample_test.go.

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleMeetingSpec is the meeting of the create and update samples.
func sampleMeetingSpec() MeetingSpec {
	return MeetingSpec{
		Title: "新建会议", Start: time.Unix(1600000000, 0), Duration: time.Hour,
		Description: "新建会议描述", Location: "广州媒体港", AgentID: 1000014,
		Invitees: []string{"lisi", "wangwu"},
		Guests:   []MeetingGuest{{Area: "86", PhoneNumber: "135012938457", GuestName: "fifa"}},
		Settings: &MeetingSettings{
			Password: "1234", AllowEnterBeforeHost: true, EnableEnterMute: 1, AllowUnmuteSelf: true,
			WatermarkType: 1, AutoRecordType: "none", EnableInterpreter: true, EnableEnroll: true,
			EnableHostKey: true, HostKey: "meetinghostkey",
			Hosts: &MeetingUsers{UserIDs: []string{"lisi", "wangwu"}}, RemindScope: 1,
			RingUsers: &MeetingUsers{UserIDs: []string{"zhangsan", "lis"}},
		},
		CalID: "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA",
		Reminders: &MeetingReminders{
			Repeat: true, CustomRepeat: true, RepeatUntilType: 1, RepeatUntilCount: 10,
			RepeatUntil: time.Unix(1606976813, 0), RepeatInterval: 1,
			RepeatDaysOfWeek: []int{3, 7}, RepeatDaysOfMonth: []int{10, 21},
			RemindBefore: []time.Duration{0, 15 * time.Minute},
		},
	}
}

func TestMeetingDocSamples(t *testing.T) {
	post := http.MethodPost
	runDocSamples(t, []docCase{
		{page: 98148, method: post, path: "/cgi-bin/meeting/create",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				// The page's create example rings lisi alone, with scope 4.
				spec := sampleMeetingSpec()
				spec.Settings.RemindScope = 4
				spec.Settings.RingUsers = &MeetingUsers{UserIDs: []string{"lisi"}}
				return c.Meeting.Create(t.Context(), MeetingCreateRequest{AdminUserID: "zhangsan", MeetingSpec: spec})
			}},
		{page: 98154, method: post, path: "/cgi-bin/meeting/update",
			// Settings are sent whole: the SDK adds enable_interpreter:
			// false, which the page's example leaves out; the rest is the
			// example.
			checkRequest: func(t *testing.T, r recordedRequest) {
				var body map[string]any
				decodeBody(t, r, &body)
				settings := body["settings"].(map[string]any)
				assert.Equal(t, false, settings["enable_interpreter"])
				delete(settings, "enable_interpreter")
				got, err := json.Marshal(body)
				require.NoError(t, err)
				assert.JSONEq(t, string(readDocSample(t, "meeting/update.request.json", true)), string(got))
			},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				// The page's update example has no agentid, guests or
				// enable_interpreter, and scope 4.
				spec := sampleMeetingSpec()
				spec.AgentID, spec.Guests = 0, nil
				spec.Settings.EnableInterpreter = false
				spec.Settings.RemindScope = 4
				return nil, c.Meeting.Update(t.Context(), MeetingUpdateRequest{MeetingID: "hyxxx", MeetingSpec: spec})
			}},
		{page: 99048, method: post, path: "/cgi-bin/meeting/cancel",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Meeting.Cancel(t.Context(), decodeSample[MeetingCancelRequest](t, req))
			}},
		{page: 99049, method: post, path: "/cgi-bin/meeting/get_info",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.Info(t.Context(), "XXXXXXXXX")
			},
			check: func(t *testing.T, got any) {
				m := got.(*Meeting)
				require.Len(t, m.Attendees, 4)
				assert.Equal(t, "woefd", m.Attendees[3].TmpExternalUserID)
				assert.Equal(t, 5*time.Minute, m.Attendees[0].Cumulative)
				assert.Equal(t, 30*time.Minute, m.Duration)
				assert.True(t, m.Settings.AllowEnterBeforeHost)
				assert.Equal(t, []time.Duration{5 * time.Second, 10 * time.Second}, m.Reminders.RemindBefore)
			}},
		{page: 99050, method: post, path: "/cgi-bin/meeting/get_user_meetingid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.UserMeetingIDPage(t.Context(), MeetingIDListRequest{UserID: "USERID", Cursor: "cursor",
					Begin: time.Unix(1586136317, 0), End: time.Unix(1586236317, 0), Limit: 100})
			}},
		{page: 98162, method: post, path: "/cgi-bin/meeting/set_invitees",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Meeting.SetInvitees(t.Context(), "meetingid", []string{"zhangsan", "lisi"})
			}},
		{page: 99039, method: post, path: "/cgi-bin/meeting/get_guests",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Meeting.Guests(t.Context(), "ID")
			}},
		{page: 99040, method: post, path: "/cgi-bin/meeting/set_guests",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					MeetingID string         `json:"meetingid"`
					Guests    []MeetingGuest `json:"guests"`
				}](t, req)
				return nil, c.Meeting.SetGuests(t.Context(), in.MeetingID, in.Guests)
			}},
	})
}

// TestMeetingUpdateSendsOnlyWhatIsSet: an update of the title alone
// leaves every other field out, so WeCom keeps them.
func TestMeetingUpdateSendsOnlyWhatIsSet(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/meeting/update", `{"errcode":0}`)
	require.NoError(t, c.Meeting.Update(t.Context(), MeetingUpdateRequest{MeetingID: "m1", MeetingSpec: MeetingSpec{Title: "t"}}))
	assert.JSONEq(t, `{"meetingid":"m1","title":"t"}`, string(rec.last(t).Body))
}

// TestUserMeetingIDsIterates follows next_cursor, keeping the period.
func TestUserMeetingIDsIterates(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubSequence(t, mt, http.MethodPost, "/cgi-bin/meeting/get_user_meetingid",
		`{"errcode":0,"next_cursor":"c2","meetingid_list":["m1"]}`,
		`{"errcode":0,"next_cursor":"","meetingid_list":["m2"]}`)
	var got []string
	for id, err := range c.Meeting.UserMeetingIDs(t.Context(), MeetingIDListRequest{UserID: "u", Begin: time.Unix(10, 0), End: time.Unix(20, 0)}) {
		require.NoError(t, err)
		got = append(got, id)
	}
	assert.Equal(t, []string{"m1", "m2"}, got)
	require.Equal(t, 2, rec.count())
	assert.JSONEq(t, `{"userid":"u","cursor":"c2","begin_time":10,"end_time":20}`, string(rec.all()[1].Body))
}

// TestMeetingRejectsBadInput: bad input fails before any request.
func TestMeetingRejectsBadInput(t *testing.T) {
	c, _ := newTestClient(t)
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"create": func() error { _, err := c.Meeting.Create(ctx, MeetingCreateRequest{AdminUserID: "a"}); return err },
		"create0": func() error {
			_, err := c.Meeting.Create(ctx, MeetingCreateRequest{AdminUserID: "a", MeetingSpec: MeetingSpec{Title: "t"}})
			return err
		},
		"update": func() error { return c.Meeting.Update(ctx, MeetingUpdateRequest{}) },
		"cancel": func() error { return c.Meeting.Cancel(ctx, MeetingCancelRequest{}) },
		"info":   func() error { _, err := c.Meeting.Info(ctx, ""); return err },
		"ids":    func() error { _, err := c.Meeting.UserMeetingIDPage(ctx, MeetingIDListRequest{}); return err },
		"reversed": func() error {
			_, err := c.Meeting.UserMeetingIDPage(ctx, MeetingIDListRequest{UserID: "u", Begin: time.Unix(2, 0), End: time.Unix(1, 0)})
			return err
		},
		"invitees": func() error { return c.Meeting.SetInvitees(ctx, "", nil) },
		"guests":   func() error { _, err := c.Meeting.Guests(ctx, ""); return err },
		"setguest": func() error { return c.Meeting.SetGuests(ctx, "", nil) },
	} {
		err := call()
		assert.True(t, errors.Is(err, ErrInvalidMeeting), "%s: %v", name, err)
	}
}

// TestMeetingInfoReadsOtherPageAnswer: the get_info answer as page 93708
// prints it carries agentid and a boolean enable_enter_mute (the newer
// sample has 1); both reach the caller.
func TestMeetingInfoReadsOtherPageAnswer(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/meeting/get_info", `{"errcode":0,"errmsg":"ok","admin_userid":"zhangsan",
		"title":"title","meeting_start":1600000007,"meeting_duration":1800,"main_department":1,"status":1,"agentid":1000014,
		"settings":{"remind_scope":4,"password":"1234","enable_waiting_room":false,"allow_enter_before_host":true,
		"enable_enter_mute":true,"enable_screen_watermark":false,"hosts":{"userid":["lisi","wangwu"]}}}`)
	m, err := c.Meeting.Info(t.Context(), "m")
	require.NoError(t, err)
	assert.EqualValues(t, 1000014, m.AgentID)
	assert.Equal(t, 1, m.Settings.EnableEnterMute)
	assert.Equal(t, []string{"lisi", "wangwu"}, m.Settings.Hosts.UserIDs)
}
