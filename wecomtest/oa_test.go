package wecomtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/wecomtest/testclient"
	"github.com/wecomkit/wecom/work"
)

// oaSlot is an hour starting h hours after 2026-12-07 09:00 (UTC+8).
func oaSlot(h int) (time.Time, time.Time) {
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.FixedZone("UTC+8", 8*3600)).Add(time.Duration(h) * time.Hour)
	return start, start.Add(time.Hour)
}

func newOAFake(t *testing.T) (*wecomtest.Server, *work.Client, context.Context) {
	t.Helper()
	s := wecomtest.NewTestServer(t)
	return s, testclient.Work(t, s), t.Context()
}

func attendees(ids ...string) []work.ScheduleAttendee {
	out := make([]work.ScheduleAttendee, len(ids))
	for i, id := range ids {
		out[i] = work.ScheduleAttendee{UserID: id}
	}
	return out
}

func userIDs(list []work.ScheduleAttendee) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.UserID
	}
	return out
}

// The whole loop through the SDK: a calendar, a schedule with attendees
// who change, rooms, a free room found for a slot, booked, a second
// booking of the slot refused, the booking cancelled, the slot booked
// again.
func TestOACalendarScheduleAndRoomBooking(t *testing.T) {
	s, c, ctx := newOAFake(t)
	start, end := oaSlot(1)

	cal, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{
		Summary: "R&D", Color: "#FF3030", Shares: []work.CalendarShare{{UserID: "zhangsan"}, {UserID: "nobody"}}}})
	require.NoError(t, err)
	require.NotEmpty(t, cal.CalID)
	require.Len(t, cal.FailResult.Shares, 1, "a share naming no member is refused")
	assert.Equal(t, "nobody", cal.FailResult.Shares[0].UserID)
	assert.Equal(t, int(wecom.ErrUserNotFound), cal.FailResult.Shares[0].ErrCode)
	got, err := c.Calendar.Get(ctx, cal.CalID)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "R&D", got[0].Summary)
	assert.Equal(t, "#FF3030", got[0].Color)

	id, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: cal.CalID,
		Start: start, End: end, Summary: "周会", Attendees: attendees("lisi", "wangwu")}})
	require.NoError(t, err)
	require.NoError(t, c.Schedule.AddAttendees(ctx, work.ScheduleAttendeesRequest{ScheduleID: id, Attendees: attendees("zhaoliu", "lisi")}))
	require.NoError(t, c.Schedule.RemoveAttendees(ctx, work.ScheduleAttendeesRequest{ScheduleID: id, Attendees: attendees("wangwu")}))
	scs, err := c.Schedule.Get(ctx, id)
	require.NoError(t, err)
	require.Len(t, scs, 1)
	assert.Equal(t, []string{"lisi", "zhaoliu"}, userIDs(scs[0].Attendees), "added once, removed")
	assert.Equal(t, int64(2), scs[0].Sequence, "each change raises the sequence")
	assert.Equal(t, cal.CalID, scs[0].CalID)
	assert.True(t, scs[0].Start.Equal(start) && scs[0].End.Equal(end))

	small, err := c.MeetingRoom.Add(ctx, work.MeetingRoom{Name: "Small", Capacity: 2})
	require.NoError(t, err)
	big, err := c.MeetingRoom.Add(ctx, work.MeetingRoom{Name: "Big", Capacity: 10, City: "深圳", Building: "A", Floor: "18F",
		Equipment: []work.RoomEquipment{work.EquipmentProjector}})
	require.NoError(t, err)
	rooms, err := c.MeetingRoom.List(ctx, work.MeetingRoomFilter{Equipment: []work.RoomEquipment{work.EquipmentProjector}})
	require.NoError(t, err)
	require.Len(t, rooms, 1, "the equipment filter")
	assert.Equal(t, big, rooms[0].MeetingRoomID)

	// Someone holds the big room; the free one for three people is none
	// then, and the big one after the cancellation.
	other, err := c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: big, Subject: "1:1", Start: start.Add(30 * time.Minute),
		End: end.Add(30 * time.Minute), Booker: "wangwu"})
	require.NoError(t, err)
	assert.NotEmpty(t, other.ScheduleID, "book creates the booking's schedule")
	info, err := c.MeetingRoom.Bookings(ctx, work.BookingQuery{Start: start, End: end})
	require.NoError(t, err)
	require.Len(t, info, 2, "every room, booked or not")
	busy := map[int64]int{}
	for _, r := range info {
		busy[r.MeetingRoomID] = len(r.Schedule)
	}
	assert.Equal(t, map[int64]int{small: 0, big: 1}, busy)

	_, err = c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: big, Subject: "周会", Start: start, End: end,
		Booker: "zhangsan", Attendees: []string{"lisi"}})
	require.Error(t, err, "an overlapping booking of the same room")
	assert.ErrorIs(t, err, wecom.ErrorCode(wecomtest.CodeRoomBooked))
	apiErr, ok := errors.AsType[*wecom.APIError](err)
	require.True(t, ok)
	assert.Contains(t, apiErr.Message, "already booked")
	_, err = c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: small, Subject: "周会", Start: start, End: end, Booker: "zhangsan"})
	require.NoError(t, err, "another room of the same slot is free")

	require.NoError(t, c.MeetingRoom.CancelBooking(ctx, work.CancelBookingRequest{BookingID: other.BookingID}))
	one, err := c.MeetingRoom.Booking(ctx, work.BookingInfoRequest{MeetingRoomID: big, BookingID: other.BookingID})
	require.NoError(t, err)
	assert.Equal(t, work.BookingStatus(1), one.Schedule.Status, "cancelled")
	_, err = c.Schedule.Get(ctx, other.ScheduleID)
	assert.ErrorIs(t, err, wecom.ErrScheduleDeleted, "cancelled without keep_schedule: its schedule goes too")
	info, err = c.MeetingRoom.Bookings(ctx, work.BookingQuery{MeetingRoomID: big, Start: start, End: end})
	require.NoError(t, err)
	require.Len(t, info, 1)
	assert.Empty(t, info[0].Schedule, "the slot is free")

	again, err := c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: big, Subject: "周会", Start: start, End: end, Booker: "zhangsan"})
	require.NoError(t, err, "the freed slot books again")
	err = c.MeetingRoom.CancelBooking(ctx, work.CancelBookingRequest{BookingID: other.BookingID})
	assert.ErrorIs(t, err, wecom.ErrInvalidParam, "a cancelled booking cannot be cancelled again")

	bs := s.Bookings(big)
	require.Len(t, bs, 2)
	assert.True(t, bs[0].Cancelled)
	assert.Equal(t, again.BookingID, bs[1].BookingID)
	assert.False(t, bs[1].Cancelled)
	assert.Equal(t, "zhangsan", bs[1].Booker)
	assert.True(t, bs[1].Start.Equal(start) && bs[1].End.Equal(end))
	assert.Equal(t, 4, s.Calls("MeetingRoom.Book"), "no booking was sent twice (the refused one not repeated)")
}

// A room booked for a schedule holds the schedule's period: moving the
// schedule needs the booking cancelled first (90700), a second room for it
// is refused (90498), and deleting the schedule frees the room.
func TestOABookBySchedule(t *testing.T) {
	s, c, ctx := newOAFake(t)
	start, end := oaSlot(2)
	roomA, err := s.AddMeetingRoom(wecomtest.DefaultCorpID, wecomtest.MeetingRoom{Name: "A", Capacity: 6})
	require.NoError(t, err)
	roomB, err := s.AddMeetingRoom(wecomtest.DefaultCorpID, wecomtest.MeetingRoom{Name: "B", Capacity: 6})
	require.NoError(t, err)
	id, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{Start: start, End: end,
		Summary: "评审", Attendees: attendees("lisi")}})
	require.NoError(t, err)

	booked, err := c.MeetingRoom.BookBySchedule(ctx, work.BookByScheduleRequest{MeetingRoomID: roomA, ScheduleID: id, Booker: "zhangsan"})
	require.NoError(t, err)
	require.NotEmpty(t, booked.BookingID)
	bs := s.Bookings(roomA)
	require.Len(t, bs, 1)
	assert.Equal(t, id, bs[0].ScheduleID)
	assert.True(t, bs[0].Start.Equal(start) && bs[0].End.Equal(end), "the schedule's period")
	assert.Equal(t, "A", s.Schedules(wecomtest.DefaultCorpID, "")[0].Location, "booking a room sets the location")

	_, err = c.MeetingRoom.BookBySchedule(ctx, work.BookByScheduleRequest{MeetingRoomID: roomB, ScheduleID: id, Booker: "zhangsan"})
	assert.ErrorIs(t, err, wecom.ErrScheduleHasOtherRoom)
	_, err = c.Schedule.Update(ctx, work.ScheduleUpdateRequest{Schedule: work.Schedule{ScheduleID: id,
		Start: start.Add(time.Hour), End: end.Add(time.Hour), Summary: "评审"}})
	assert.ErrorIs(t, err, wecom.ErrCancelRoomFirst)
	_, err = c.Schedule.Update(ctx, work.ScheduleUpdateRequest{SkipAttendees: true,
		Schedule: work.Schedule{ScheduleID: id, Start: start, End: end, Summary: "评审 v2"}})
	require.NoError(t, err, "same period: no need to cancel")
	assert.Equal(t, int(wecom.ErrOrganizerUnchangeable), rawErrcode(t, s, c, "/cgi-bin/oa/schedule/update",
		fmt.Sprintf(`{"skip_attendees":1,"schedule":{"schedule_id":%q,"organizer":"wangwu","start_time":%d,"end_time":%d}}`,
			id, start.Unix(), end.Unix())))
	got := s.Schedules(wecomtest.DefaultCorpID, "")
	require.Len(t, got, 1)
	assert.Equal(t, "评审 v2", got[0].Summary)
	assert.Equal(t, []string{"lisi"}, got[0].Attendees, "skip_attendees keeps them")

	require.NoError(t, c.Schedule.Delete(ctx, work.ScheduleDeleteRequest{ScheduleID: id}))
	assert.True(t, s.Bookings(roomA)[0].Cancelled, "deleting the schedule frees the room")
	_, err = c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: roomA, Start: start, End: end, Booker: "lisi"})
	require.NoError(t, err)
}

// A room booked for a meeting whose period the fake knows; an unknown
// meeting is 90602; cancel by meeting id.
func TestOABookByMeeting(t *testing.T) {
	s, c, ctx := newOAFake(t)
	start, end := oaSlot(3)
	room, err := s.AddMeetingRoom(wecomtest.DefaultCorpID, wecomtest.MeetingRoom{Name: "A", Capacity: 6})
	require.NoError(t, err)
	require.NoError(t, s.SetMeetingPeriod(wecomtest.DefaultCorpID, "mtFake001", start, end))

	_, err = c.MeetingRoom.BookByMeeting(ctx, work.BookByMeetingRequest{MeetingRoomID: room, MeetingID: "mtUnknown", Booker: "zhangsan"})
	assert.ErrorIs(t, err, wecom.ErrInvalidMeetingIDValue)
	booked, err := c.MeetingRoom.BookByMeeting(ctx, work.BookByMeetingRequest{MeetingRoomID: room, MeetingID: "mtFake001", Booker: "zhangsan"})
	require.NoError(t, err)
	bs := s.Bookings(room)
	require.Len(t, bs, 1)
	assert.Equal(t, booked.BookingID, bs[0].BookingID)
	assert.Equal(t, "mtFake001", bs[0].MeetingID)
	assert.True(t, bs[0].Start.Equal(start) && bs[0].End.Equal(end), "the meeting's period")
	info, err := c.MeetingRoom.BookingByMeeting(ctx, work.BookingByMeetingRequest{MeetingRoomID: room, MeetingID: "mtFake001"})
	require.NoError(t, err)
	require.Len(t, info.Schedules, 1, "a list, as the page sends it")
	assert.Equal(t, booked.BookingID, info.Schedule.BookingID)
	assert.Equal(t, "mtFake001", info.Schedule.MeetingID)
	assert.True(t, info.Schedule.Start.Equal(start))

	_, err = c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: room, Start: start.Add(-30 * time.Minute),
		End: start.Add(time.Minute), Booker: "lisi"})
	assert.ErrorIs(t, err, wecom.ErrorCode(wecomtest.CodeRoomBooked), "overlaps the meeting's booking")
	require.NoError(t, c.MeetingRoom.CancelBooking(ctx, work.CancelBookingRequest{MeetingID: "mtFake001"}))
	assert.True(t, s.Bookings(room)[0].Cancelled)
}

// get_by_calendar pages by offset and limit; AllByCalendar walks them.
func TestOAScheduleGetByCalendarPages(t *testing.T) {
	s, c, ctx := newOAFake(t)
	cal, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "team", Color: "#00AA00"}})
	require.NoError(t, err)
	other, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "other", Color: "#0000AA"}})
	require.NoError(t, err)
	var want []string
	for i := range 7 {
		start, end := oaSlot(i)
		id, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: cal.CalID,
			Start: start, End: end, Summary: fmt.Sprint("s", i)}})
		require.NoError(t, err)
		want = append(want, id)
	}
	_, err = c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: other.CalID,
		Start: time.Unix(1800000000, 0), End: time.Unix(1800003600, 0)}})
	require.NoError(t, err)
	require.NoError(t, c.Schedule.Delete(ctx, work.ScheduleDeleteRequest{ScheduleID: want[6]}))
	want = want[:6]

	page, err := c.Schedule.ListByCalendar(ctx, work.ScheduleListRequest{CalID: cal.CalID, Offset: 4, Limit: 4})
	require.NoError(t, err)
	require.Len(t, page, 2, "offset 4 of 6")
	assert.Equal(t, want[4], page[0].ScheduleID)
	page, err = c.Schedule.ListByCalendar(ctx, work.ScheduleListRequest{CalID: cal.CalID, Offset: 9})
	require.NoError(t, err)
	assert.Empty(t, page, "past the end")

	before := s.Calls("Schedule.ListByCalendar")
	var walked []string
	for sc, err := range c.Schedule.AllByCalendar(ctx, work.ScheduleListRequest{CalID: cal.CalID, Limit: 4}) {
		require.NoError(t, err)
		walked = append(walked, sc.ScheduleID)
	}
	assert.Equal(t, want, walked, "every live schedule of the calendar, in order")
	assert.Equal(t, 2, s.Calls("Schedule.ListByCalendar")-before, "a full page, then a short one")

	_, err = c.Schedule.ListByCalendar(ctx, work.ScheduleListRequest{CalID: cal.CalID, Limit: 1001})
	assert.ErrorIs(t, err, work.ErrInvalidCalendarRequest, "refused before sending")
	assert.Equal(t, int(wecom.ErrPageSizeLimit), rawErrcode(t, s, c, "/cgi-bin/oa/schedule/get_by_calendar",
		`{"cal_id":"`+cal.CalID+`","limit":1001}`))
	_, err = c.Schedule.ListByCalendar(ctx, work.ScheduleListRequest{CalID: "wcUnknown"})
	assert.ErrorIs(t, err, wecom.ErrInvalidCalendarID)
}

// Deleted calendars and schedules answer WeCom's codes; so do unknown and
// empty ids, and another app's calendar.
func TestOADeletedAndForeign(t *testing.T) {
	s, c, ctx := newOAFake(t)
	start, end := oaSlot(0)
	cal, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "x", Color: "#123456"}})
	require.NoError(t, err)
	id, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: cal.CalID, Start: start, End: end}})
	require.NoError(t, err)
	lone, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{Start: start, End: end}})
	require.NoError(t, err)

	// The SDK refuses empty id lists before sending; the fake answers them
	// as WeCom does.
	_, err = c.Schedule.Get(ctx)
	assert.ErrorIs(t, err, work.ErrInvalidCalendarRequest)
	_, err = c.Calendar.Get(ctx)
	assert.ErrorIs(t, err, work.ErrInvalidCalendarRequest)
	assert.Equal(t, int(wecom.ErrEmptyScheduleIDList), rawErrcode(t, s, c, "/cgi-bin/oa/schedule/get", `{"schedule_id_list":[]}`))
	assert.Equal(t, int(wecom.ErrEmptyCalendarIDList), rawErrcode(t, s, c, "/cgi-bin/oa/calendar/get", `{"cal_id_list":[]}`))
	_, err = c.Schedule.Get(ctx, "nosuch")
	assert.ErrorIs(t, err, wecom.ErrInvalidScheduleID)

	// Another app of the corp sees neither.
	require.NoError(t, s.AddApp(wecomtest.DefaultCorpID, 1000099, "other-secret"))
	c2, err := work.New(work.Config{CorpID: wecomtest.DefaultCorpID, AgentID: 1000099, Secret: "other-secret"}, testclient.Options(s)...)
	require.NoError(t, err)
	_, err = c2.Calendar.Get(ctx, cal.CalID)
	assert.ErrorIs(t, err, wecom.ErrOtherAppCalendar)
	err = c2.Schedule.Delete(ctx, work.ScheduleDeleteRequest{ScheduleID: id})
	assert.ErrorIs(t, err, wecom.ErrOtherAppCalendar)

	require.NoError(t, c.Schedule.Delete(ctx, work.ScheduleDeleteRequest{ScheduleID: lone}))
	_, err = c.Schedule.Get(ctx, lone)
	assert.ErrorIs(t, err, wecom.ErrScheduleDeleted)
	err = c.Schedule.AddAttendees(ctx, work.ScheduleAttendeesRequest{ScheduleID: lone, Attendees: attendees("lisi")})
	assert.ErrorIs(t, err, wecom.ErrScheduleDeleted)

	require.NoError(t, c.Calendar.Delete(ctx, cal.CalID))
	_, err = c.Calendar.Get(ctx, cal.CalID)
	assert.ErrorIs(t, err, wecom.ErrCalendarDeleted)
	_, err = c.Schedule.Get(ctx, id)
	assert.ErrorIs(t, err, wecom.ErrScheduleDeleted, "its schedules go with the calendar")
	_, err = c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: cal.CalID, Start: start, End: end}})
	assert.ErrorIs(t, err, wecom.ErrCalendarDeleted)
	assert.Empty(t, s.Calendars(wecomtest.DefaultCorpID))
	for _, sc := range s.Schedules(wecomtest.DefaultCorpID, "") {
		assert.True(t, sc.Deleted, sc.ScheduleID)
	}
}

// Required fields are checked as WeCom does, with its codes.
func TestOAValidation(t *testing.T) {
	s, c, ctx := newOAFake(t)
	start, end := oaSlot(0)
	room, err := s.AddMeetingRoom(wecomtest.DefaultCorpID, wecomtest.MeetingRoom{Name: "A", Capacity: 4})
	require.NoError(t, err)
	calID := func() string {
		cal, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "ok", Color: "#FFFFFF"}})
		require.NoError(t, err)
		return cal.CalID
	}()
	cases := []struct {
		name string
		call func() error
		want error
	}{
		{"calendar without summary", func() error {
			_, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Color: "#FF3030"}})
			return err
		}, work.ErrInvalidCalendarRequest},
		{"calendar with a bad color", func() error {
			_, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "s", Color: "red"}})
			return err
		}, wecom.ErrInvalidColor},
		{"public calendar without public_range", func() error {
			_, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "s", Color: "#FF3030", Public: true}})
			return err
		}, wecom.ErrMissingPublicRange},
		{"update of an unknown calendar", func() error {
			_, err := c.Calendar.Update(ctx, work.CalendarUpdateRequest{Calendar: work.Calendar{CalID: "wcNo", Summary: "s", Color: "#FF3030"}})
			return err
		}, wecom.ErrInvalidCalendarID},
		{"schedule with an unknown calendar", func() error {
			_, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: "wcNo", Start: start, End: end}})
			return err
		}, wecom.ErrInvalidCalendarID},
		{"this occurrence of a schedule that does not repeat", func() error {
			id, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: calID, Start: start, End: end}})
			require.NoError(t, err)
			_, err = c.Schedule.Update(ctx, work.ScheduleUpdateRequest{OpMode: work.OpThisOne, OpStart: start,
				Schedule: work.Schedule{ScheduleID: id, Start: start, End: end}})
			return err
		}, wecom.ErrOnlyThisNeedsRepeat},
		{"attendees call without attendees", func() error {
			id, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: calID, Start: start, End: end}})
			require.NoError(t, err)
			return c.Schedule.AddAttendees(ctx, work.ScheduleAttendeesRequest{ScheduleID: id})
		}, work.ErrInvalidCalendarRequest},
		{"room without capacity", func() error {
			_, err := c.MeetingRoom.Add(ctx, work.MeetingRoom{Name: "r"})
			return err
		}, wecom.ErrInvalidParam},
		{"room with a city but no building", func() error {
			_, err := c.MeetingRoom.Add(ctx, work.MeetingRoom{Name: "r", Capacity: 3, City: "深圳"})
			return err
		}, wecom.ErrInvalidParam},
		{"booking of an unknown room", func() error {
			_, err := c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: 999, Start: start, End: end, Booker: "zhangsan"})
			return err
		}, wecom.ErrInvalidParam},
		{"booking without booker", func() error {
			_, err := c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: room, Start: start, End: end})
			return err
		}, work.ErrInvalidCalendarRequest},
		{"booking by a booker who is not a member", func() error {
			_, err := c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: room, Start: start, End: end, Booker: "nobody"})
			return err
		}, wecom.ErrUserNotFound},
		{"booking info of an unknown booking", func() error {
			_, err := c.MeetingRoom.Booking(ctx, work.BookingInfoRequest{MeetingRoomID: room, BookingID: "bkNo"})
			return err
		}, wecom.ErrInvalidParam},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.ErrorIs(t, tc.call(), tc.want)
		})
	}
	assert.Empty(t, s.Bookings(room), "no refused booking was stored")

	// What the SDK refuses before sending, the fake refuses too.
	for name, body := range map[string]string{
		"schedule without times":           `{"schedule":{"cal_id":"` + calID + `"}}`,
		"schedule ending before it starts": `{"schedule":{"start_time":1800003600,"end_time":1800000000}}`,
	} {
		assert.Equal(t, int(wecom.ErrInvalidParam), rawErrcode(t, s, c, "/cgi-bin/oa/schedule/add", body), name)
	}
	assert.Equal(t, int(wecom.ErrInvalidParam), rawErrcode(t, s, c, "/cgi-bin/oa/calendar/add",
		`{"calendar":{"color":"#FF3030"}}`), "a calendar without summary")
	assert.Equal(t, int(wecom.ErrInvalidParam), rawErrcode(t, s, c, "/cgi-bin/oa/meetingroom/book",
		`{"meetingroom_id":`+strconv.FormatInt(room, 10)+`,"start_time":1800000000,"end_time":1800003600}`), "a booking without booker")
	lone, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: calID, Start: start, End: end}})
	require.NoError(t, err)
	assert.Equal(t, int(wecom.ErrInvalidParam), rawErrcode(t, s, c, "/cgi-bin/oa/schedule/add_attendees",
		`{"schedule_id":"`+lone+`"}`), "an attendees call without attendees")
	assert.Equal(t, int(wecom.ErrInvalidParam), rawErrcode(t, s, c, "/cgi-bin/oa/meetingroom/book",
		`{"meetingroom_id":`+strconv.FormatInt(room, 10)+`,"start_time":1800003600,"end_time":1800000000,"booker":"zhangsan"}`),
		"a booking ending before it starts")
}

// rawErrcode posts body to path with c's access token and returns the
// errcode of the answer.
func rawErrcode(t *testing.T, s *wecomtest.Server, c *work.Client, path, body string) int {
	t.Helper()
	code, _ := rawAnswer(t, s, c, path, body)
	return code
}

// rawAnswer posts body to path with c's access token and returns the
// errcode and errmsg of the answer.
func rawAnswer(t *testing.T, s *wecomtest.Server, c *work.Client, path, body string) (int, string) {
	t.Helper()
	tok, err := c.AccessToken(t.Context())
	require.NoError(t, err)
	resp, err := s.Client().Post(s.URL()+path+"?access_token="+url.QueryEscape(tok), "application/json", strings.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	var out struct {
		ErrCode int    `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out.ErrCode, out.ErrMsg
}

// Calendar updates replace what WeCom lets change; public_range stays
// when skipped.
func TestOACalendarUpdate(t *testing.T) {
	_, c, ctx := newOAFake(t)
	cal, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "v1", Color: "#111111",
		Public: true, PublicRange: &work.CalendarRange{UserIDs: []string{"lisi"}}}})
	require.NoError(t, err)
	fails, err := c.Calendar.Update(ctx, work.CalendarUpdateRequest{SkipPublicRange: true, Calendar: work.Calendar{CalID: cal.CalID,
		Summary: "v2", Color: "#222222", Description: "d", Shares: []work.CalendarShare{{UserID: "ghost"}}}})
	require.NoError(t, err)
	require.Len(t, fails.Shares, 1)
	assert.Equal(t, "ghost", fails.Shares[0].UserID)
	got, err := c.Calendar.Get(ctx, cal.CalID)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "v2", got[0].Summary)
	assert.Equal(t, "#222222", got[0].Color)
	assert.Equal(t, "d", got[0].Description)
	assert.True(t, got[0].Public, "cannot change")
	require.NotNil(t, got[0].PublicRange)
	assert.Equal(t, []string{"lisi"}, got[0].PublicRange.UserIDs)
}

// Every request sample of the pages (as stored beside the SDK's tests)
// has a shape the fake reads: whatever it answers, it is never the
// answer to a malformed body.
func TestOADocRequestSamplesDecode(t *testing.T) {
	s, c, _ := newOAFake(t)
	files, err := filepath.Glob(filepath.Join("..", "work", "testdata", "docs", "oa", "*", "*.request.json"))
	require.NoError(t, err)
	more, err := filepath.Glob(filepath.Join("..", "work", "testdata", "docs", "oa", "meetingroom", "*", "*.request.json"))
	require.NoError(t, err)
	n := 0
	for _, f := range append(files, more...) {
		rel, _ := filepath.Rel(filepath.Join("..", "work", "testdata", "docs", "oa"), f)
		area, _, _ := strings.Cut(rel, string(filepath.Separator))
		if area != "calendar" && area != "schedule" && area != "meetingroom" {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(rel, area+string(filepath.Separator)), ".request.json")
		name, _, _ = strings.Cut(name, ".") // cancel_book.meeting, update.mirror
		path := "/cgi-bin/oa/" + area + "/" + filepath.ToSlash(name)
		body, err := os.ReadFile(f)
		require.NoError(t, err)
		code, msg := rawAnswer(t, s, c, path, string(body))
		assert.NotContains(t, msg, "invalid request body", "%s (%s): errcode %d", rel, path, code)
		n++
	}
	assert.GreaterOrEqual(t, n, 20, "the samples were found")
}

// The id lists of calendar/get and schedule/get hold at most 1,000 ids;
// op_mode is 0, or 1 and 2 for a repeating schedule only (90484) with an
// op_start_time (90482), and nothing else (90485), on update and del
// alike; deleting one occurrence of a repeating schedule keeps the
// schedule.
func TestOAIDListLimitAndOpMode(t *testing.T) {
	s, c, ctx := newOAFake(t)
	start, end := oaSlot(0)
	cal, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "ok", Color: "#FFFFFF"}})
	require.NoError(t, err)
	lone, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: cal.CalID, Start: start, End: end}})
	require.NoError(t, err)
	weekly, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: cal.CalID, Start: start, End: end,
		Reminders: &work.ScheduleReminders{Repeat: &work.ScheduleRepeat{Type: work.RepeatWeekly}}}})
	require.NoError(t, err)

	ids := func(id string, n int) string {
		b, _ := json.Marshal(slices.Repeat([]string{id}, n))
		return string(b)
	}
	code, msg := rawAnswer(t, s, c, "/cgi-bin/oa/calendar/get", `{"cal_id_list":`+ids(cal.CalID, 1001)+`}`)
	assert.Equal(t, int(wecom.ErrInvalidParam), code)
	assert.Contains(t, msg, "at most 1000 cal_id")
	code, msg = rawAnswer(t, s, c, "/cgi-bin/oa/schedule/get", `{"schedule_id_list":`+ids(lone, 1001)+`}`)
	assert.Equal(t, int(wecom.ErrInvalidParam), code)
	assert.Contains(t, msg, "at most 1000 schedule_id")
	code, _ = rawAnswer(t, s, c, "/cgi-bin/oa/schedule/get", `{"schedule_id_list":`+ids(lone, 1000)+`}`)
	assert.Zero(t, code, "1,000 ids are fine")

	upd := func(id string, mode int) int {
		return rawErrcode(t, s, c, "/cgi-bin/oa/schedule/update", fmt.Sprintf(
			`{"op_mode":%d,"op_start_time":%d,"schedule":{"schedule_id":%q,"start_time":%d,"end_time":%d}}`,
			mode, start.Unix(), id, start.Unix(), end.Unix()))
	}
	del := func(id string, mode int) int {
		return rawErrcode(t, s, c, "/cgi-bin/oa/schedule/del", fmt.Sprintf(
			`{"op_mode":%d,"op_start_time":%d,"schedule_id":%q}`, mode, start.Unix(), id))
	}
	assert.Equal(t, int(wecom.ErrInvalidOpMode), upd(weekly, 3))
	assert.Equal(t, int(wecom.ErrInvalidOpMode), del(weekly, -1))
	assert.Equal(t, int(wecom.ErrOnlyThisNeedsRepeat), upd(lone, 2))
	assert.Equal(t, int(wecom.ErrOnlyThisNeedsRepeat), del(lone, 1))
	assert.Equal(t, int(wecom.ErrInvalidOpStartTime), rawErrcode(t, s, c, "/cgi-bin/oa/schedule/update", fmt.Sprintf(
		`{"op_mode":1,"schedule":{"schedule_id":%q,"start_time":%d,"end_time":%d}}`, weekly, start.Unix(), end.Unix())),
		"op_mode 1 without op_start_time")
	assert.Equal(t, int(wecom.ErrInvalidOpStartTime), rawErrcode(t, s, c, "/cgi-bin/oa/schedule/del", fmt.Sprintf(
		`{"op_mode":2,"op_start_time":%d,"schedule_id":%q}`, start.Add(-time.Hour).Unix(), weekly)),
		"op_start_time before the first occurrence")
	assert.Zero(t, del(weekly, 1))
	assert.Zero(t, del(lone, 0))
	deleted := map[string]bool{}
	for _, sc := range s.Schedules(wecomtest.DefaultCorpID, cal.CalID) {
		deleted[sc.ScheduleID] = sc.Deleted
	}
	assert.Equal(t, map[string]bool{lone: true, weekly: false}, deleted, "one occurrence deleted: the schedule stays")
}

// Changing one occurrence (op_mode 1), or it and those after (2), of a
// repeating schedule splits off a new schedule that takes the change and
// whose id the call answers; the repeating schedule stays as it was
// (page 96198). op_mode 1 makes a single schedule.
func TestOAUpdateOneOccurrenceSplitsOffASchedule(t *testing.T) {
	s, c, ctx := newOAFake(t)
	start, end := oaSlot(0)
	weekly, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{Start: start, End: end,
		Summary: "weekly", Attendees: attendees("lisi"),
		Reminders: &work.ScheduleReminders{Repeat: &work.ScheduleRepeat{Type: work.RepeatWeekly}}}})
	require.NoError(t, err)

	next := start.AddDate(0, 0, 7)
	moved, err := c.Schedule.Update(ctx, work.ScheduleUpdateRequest{OpMode: work.OpThisOne, OpStart: next,
		Schedule: work.Schedule{ScheduleID: weekly, Start: next.Add(time.Hour), End: next.Add(2 * time.Hour), Summary: "moved",
			Attendees: attendees("lisi", "wangwu"),
			Reminders: &work.ScheduleReminders{Repeat: &work.ScheduleRepeat{Type: work.RepeatWeekly}}}})
	require.NoError(t, err)
	require.NotEmpty(t, moved)
	assert.NotEqual(t, weekly, moved, "a new schedule for the occurrence")

	got, err := c.Schedule.Get(ctx, weekly, moved)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "weekly", got[0].Summary, "the repeating schedule keeps its fields")
	assert.True(t, got[0].Start.Equal(start))
	assert.Equal(t, []string{"lisi"}, userIDs(got[0].Attendees))
	require.NotNil(t, got[0].Reminders)
	assert.NotNil(t, got[0].Reminders.Repeat, "and still repeats")
	assert.Equal(t, "moved", got[1].Summary, "the split-off schedule takes the change")
	assert.True(t, got[1].Start.Equal(next.Add(time.Hour)))
	assert.Equal(t, []string{"lisi", "wangwu"}, userIDs(got[1].Attendees))
	if got[1].Reminders != nil {
		assert.Nil(t, got[1].Reminders.Repeat, "op_mode 1 splits off a single schedule")
	}

	future, err := c.Schedule.Update(ctx, work.ScheduleUpdateRequest{OpMode: work.OpThisOnOff, OpStart: next.AddDate(0, 0, 7),
		Schedule: work.Schedule{ScheduleID: weekly, Start: next.AddDate(0, 0, 7), End: next.AddDate(0, 0, 7).Add(time.Hour),
			Summary: "from then on", Reminders: &work.ScheduleReminders{Repeat: &work.ScheduleRepeat{Type: work.RepeatWeekly}}}})
	require.NoError(t, err)
	assert.NotContains(t, []string{weekly, moved}, future)
	got, err = c.Schedule.Get(ctx, future)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "from then on", got[0].Summary)
	require.NotNil(t, got[0].Reminders)
	assert.NotNil(t, got[0].Reminders.Repeat, "op_mode 2 splits off a repeating schedule")
	assert.Len(t, s.Schedules(wecomtest.DefaultCorpID, ""), 3)
}

// schedule/update cannot move a schedule to another calendar (page 97720:
// 不可更新…日程所属日历ID): a cal_id in the update is not applied.
func TestOAUpdateKeepsTheCalendar(t *testing.T) {
	s, c, ctx := newOAFake(t)
	start, end := oaSlot(0)
	home, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "home", Color: "#FFFFFF"}})
	require.NoError(t, err)
	other, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{Summary: "other", Color: "#000000"}})
	require.NoError(t, err)
	id, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{CalID: home.CalID, Start: start, End: end}})
	require.NoError(t, err)
	_, err = c.Schedule.Update(ctx, work.ScheduleUpdateRequest{Schedule: work.Schedule{ScheduleID: id, CalID: other.CalID,
		Start: start, End: end, Summary: "renamed"}})
	require.NoError(t, err)
	got, err := c.Schedule.Get(ctx, id)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "renamed", got[0].Summary)
	assert.Equal(t, home.CalID, got[0].CalID, "still in its calendar")
	assert.Len(t, s.Schedules(wecomtest.DefaultCorpID, home.CalID), 1)
	assert.Empty(t, s.Schedules(wecomtest.DefaultCorpID, other.CalID))
}

// A schedule holding a room booking cannot change what the booking
// depends on (page 97720: start_time, end_time, is_whole_day and the
// repeat rule) until the booking is cancelled (90700); other fields can.
func TestOABookedScheduleKeepsItsRoomFields(t *testing.T) {
	s, c, ctx := newOAFake(t)
	start, end := oaSlot(3)
	room, err := s.AddMeetingRoom(wecomtest.DefaultCorpID, wecomtest.MeetingRoom{Name: "A", Capacity: 6})
	require.NoError(t, err)
	id, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{Start: start, End: end, Summary: "s"}})
	require.NoError(t, err)
	_, err = c.MeetingRoom.BookBySchedule(ctx, work.BookByScheduleRequest{MeetingRoomID: room, ScheduleID: id, Booker: "zhangsan"})
	require.NoError(t, err)
	update := func(extra string) int {
		return rawErrcode(t, s, c, "/cgi-bin/oa/schedule/update", fmt.Sprintf(
			`{"skip_attendees":1,"schedule":{"schedule_id":%q,"start_time":%d,"end_time":%d,"summary":"s2"%s}}`,
			id, start.Unix(), end.Unix(), extra))
	}
	assert.Equal(t, int(wecom.ErrCancelRoomFirst), update(`,"is_whole_day":1`))
	assert.Equal(t, int(wecom.ErrCancelRoomFirst), update(`,"reminders":{"is_repeat":1,"repeat_type":1}`))
	assert.Zero(t, update(`,"reminders":{"is_remind":1,"remind_before_event_secs":900}`), "a reminder is no room field")
	assert.Zero(t, update(`,"location":"elsewhere"`))
}
