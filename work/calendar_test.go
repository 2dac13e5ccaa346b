package work

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

// oaCalls lists every method of the calendar, schedule, meeting-room,
// journal and vacation services with its repeat policy: reads and
// set-style writes are repeated once after a transient failure, creates,
// deletes, bookings and anything that notifies people are not.
func oaCalls() []struct {
	path   string
	method string
	safety api.Safety
	call   func(ctx context.Context, c *Client) error
} {
	post, get := http.MethodPost, http.MethodGet
	t0, t1 := calTestTime(1593532800), calTestTime(1593619200)
	type call = func(ctx context.Context, c *Client) error
	return []struct {
		path   string
		method string
		safety api.Safety
		call   call
	}{
		{"/cgi-bin/oa/calendar/add", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			_, err := c.Calendar.Create(ctx, CalendarCreateRequest{Calendar: Calendar{Summary: "s", Color: "#FF3030"}})
			return err
		}},
		{"/cgi-bin/oa/calendar/update", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Calendar.Update(ctx, CalendarUpdateRequest{Calendar: Calendar{CalID: "cal"}})
			return err
		}},
		{"/cgi-bin/oa/calendar/get", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Calendar.Get(ctx, "cal")
			return err
		}},
		{"/cgi-bin/oa/calendar/del", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			return c.Calendar.Delete(ctx, "cal")
		}},
		{"/cgi-bin/oa/schedule/add", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			_, err := c.Schedule.Create(ctx, ScheduleCreateRequest{Schedule: Schedule{Start: t0, End: t1}})
			return err
		}},
		{"/cgi-bin/oa/schedule/update", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			_, err := c.Schedule.Update(ctx, ScheduleUpdateRequest{Schedule: Schedule{ScheduleID: "s", Start: t0, End: t1}})
			return err
		}},
		{"/cgi-bin/oa/schedule/add_attendees", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			return c.Schedule.AddAttendees(ctx, ScheduleAttendeesRequest{ScheduleID: "s", Attendees: []ScheduleAttendee{{UserID: "u"}}})
		}},
		{"/cgi-bin/oa/schedule/del_attendees", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			return c.Schedule.RemoveAttendees(ctx, ScheduleAttendeesRequest{ScheduleID: "s", Attendees: []ScheduleAttendee{{UserID: "u"}}})
		}},
		{"/cgi-bin/oa/schedule/get", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Schedule.Get(ctx, "s")
			return err
		}},
		{"/cgi-bin/oa/schedule/get_by_calendar", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Schedule.ListByCalendar(ctx, ScheduleListRequest{CalID: "cal"})
			return err
		}},
		{"/cgi-bin/oa/schedule/del", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			return c.Schedule.Delete(ctx, ScheduleDeleteRequest{ScheduleID: "s"})
		}},
		{"/cgi-bin/oa/meetingroom/add", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.Add(ctx, MeetingRoom{Name: "r", Capacity: 2})
			return err
		}},
		{"/cgi-bin/oa/meetingroom/list", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.List(ctx, MeetingRoomFilter{})
			return err
		}},
		{"/cgi-bin/oa/meetingroom/edit", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			return c.MeetingRoom.Edit(ctx, MeetingRoom{MeetingRoomID: 1, Name: "r"})
		}},
		{"/cgi-bin/oa/meetingroom/del", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			return c.MeetingRoom.Delete(ctx, 1)
		}},
		{"/cgi-bin/oa/meetingroom/get_booking_info", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.Bookings(ctx, BookingQuery{MeetingRoomID: 1})
			return err
		}},
		{"/cgi-bin/oa/meetingroom/book", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.Book(ctx, BookRequest{MeetingRoomID: 1, Start: t0, End: t1, Booker: "u"})
			return err
		}},
		{"/cgi-bin/oa/meetingroom/book_by_schedule", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookBySchedule(ctx, BookByScheduleRequest{MeetingRoomID: 1, ScheduleID: "s", Booker: "u"})
			return err
		}},
		{"/cgi-bin/oa/meetingroom/book_by_meeting", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookByMeeting(ctx, BookByMeetingRequest{MeetingRoomID: 1, MeetingID: "m", Booker: "u"})
			return err
		}},
		{"/cgi-bin/oa/meetingroom/cancel_book", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			return c.MeetingRoom.CancelBooking(ctx, CancelBookingRequest{BookingID: "b"})
		}},
		{"/cgi-bin/oa/meetingroom/bookinfo/get", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.Booking(ctx, BookingInfoRequest{MeetingRoomID: 1, BookingID: "b"})
			return err
		}},
		{"/cgi-bin/oa/meetingroom/get_booking_info_by_meeting_id", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookingByMeeting(ctx, BookingByMeetingRequest{MeetingRoomID: 1, MeetingID: "m"})
			return err
		}},
		{"/cgi-bin/oa/journal/get_record_list", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Journal.List(ctx, JournalListRequest{Start: t0, End: t1})
			return err
		}},
		{"/cgi-bin/oa/journal/get_record_detail", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Journal.Record(ctx, "j")
			return err
		}},
		{"/cgi-bin/oa/journal/get_stat_list", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Journal.Stats(ctx, JournalStatRequest{TemplateID: "t", Start: t0, End: t1})
			return err
		}},
		{"/cgi-bin/oa/journal/export_doc", post, api.Unsafe, func(ctx context.Context, c *Client) error {
			_, err := c.Journal.ExportDoc(ctx, JournalExportRequest{JournalUUID: "j"})
			return err
		}},
		{"/cgi-bin/oa/journal/get_export_doc_result", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Journal.ExportDocResult(ctx, "job")
			return err
		}},
		{"/cgi-bin/oa/vacation/getcorpconf", get, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Vacation.CorpConfig(ctx)
			return err
		}},
		{"/cgi-bin/oa/vacation/getuservacationquota", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			_, err := c.Vacation.UserQuotas(ctx, "u")
			return err
		}},
		{"/cgi-bin/oa/vacation/setoneuserquota", post, api.Idempotent, func(ctx context.Context, c *Client) error {
			return c.Vacation.SetUserQuota(ctx, SetQuotaRequest{UserID: "u", VacationID: 1, Left: time.Hour})
		}},
	}
}

func TestOACallsErrcodeAndRepeatPolicy(t *testing.T) {
	for _, tc := range oaCalls() {
		t.Run(tc.path+"/errcode", func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubError(t, mt, tc.method, tc.path, 60011)
			requireAPIError(t, tc.call(t.Context(), c), 60011, tc.path)
			assert.Equal(t, 1, rec.count())
		})
		t.Run(tc.path+"/repeat policy", func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubSequence(t, mt, tc.method, tc.path, `{"errcode":-1,"errmsg":"system busy"}`, `{"errcode":0,"errmsg":"ok"}`)
			err := tc.call(t.Context(), c)
			if tc.safety == api.Idempotent {
				require.NoError(t, err)
				assert.Equal(t, 2, rec.count(), "retried once")
			} else {
				requireAPIError(t, err, -1, tc.path)
				assert.Equal(t, 1, rec.count(), "not repeated")
			}
		})
	}
}

// Requests that cannot be right are refused before anything is sent.
func TestOAInvalidRequests(t *testing.T) {
	t0, t1 := calTestTime(1593532800), calTestTime(1593619200)
	c, mt := newTestClient(t)
	ctx := t.Context()
	_, err1 := c.Schedule.Create(ctx, ScheduleCreateRequest{Schedule: Schedule{Start: t1, End: t0}})
	_, err2 := c.Schedule.Update(ctx, ScheduleUpdateRequest{})
	_, err3 := c.Schedule.ListByCalendar(ctx, ScheduleListRequest{})
	err4 := c.Schedule.Delete(ctx, ScheduleDeleteRequest{})
	_, err5 := c.Calendar.Update(ctx, CalendarUpdateRequest{})
	err6 := c.MeetingRoom.Edit(ctx, MeetingRoom{Name: "r"})
	_, err7 := c.MeetingRoom.Book(ctx, BookRequest{MeetingRoomID: 1})
	err8 := c.MeetingRoom.CancelBooking(ctx, CancelBookingRequest{KeepSchedule: true})
	_, err9 := c.MeetingRoom.Bookings(ctx, BookingQuery{Start: t1, End: t0})
	_, err10 := c.Journal.List(ctx, JournalListRequest{})
	_, err11 := c.Journal.Stats(ctx, JournalStatRequest{Start: t0, End: t1})
	err12 := c.Vacation.SetUserQuota(ctx, SetQuotaRequest{UserID: "u"})
	err13 := c.Vacation.SetUserQuota(ctx, SetQuotaRequest{UserID: "u", VacationID: 1, Left: -time.Hour})
	for i, err := range []error{err1, err2, err3, err4, err5, err6, err7, err8, err9, err10, err11, err12, err13} {
		assert.ErrorIs(t, err, ErrInvalidCalendarRequest, "case %d", i+1)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing sent")
}

// AllByCalendar pages by offset until a short page, stops when the
// caller breaks and after yielding an error once.
func TestScheduleAllByCalendar(t *testing.T) {
	page := func(ids ...string) string {
		s := `{"errcode":0,"errmsg":"ok","schedule_list":[`
		for i, id := range ids {
			if i > 0 {
				s += ","
			}
			s += fmt.Sprintf(`{"schedule_id":%q,"start_time":"1571274600","end_time":1571320210,"is_whole_day":"1","status":""}`, id)
		}
		return s + "]}"
	}
	answer := func(_ int, r recordedRequest) string {
		var body struct {
			CalID         string `json:"cal_id"`
			Offset, Limit int
		}
		_ = decodeLenient(r.Body, &body)
		if body.CalID != "cal" || body.Limit != 2 {
			return `{"errcode":40058,"errmsg":"bad request"}`
		}
		switch body.Offset {
		case 0:
			return page("a", "b")
		case 2:
			return page("c", "d")
		case 4:
			return page("e")
		}
		return `{"errcode":40058,"errmsg":"bad offset"}`
	}
	t.Run("all pages", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubFunc(t, mt, http.MethodPost, "/cgi-bin/oa/schedule/get_by_calendar", answer)
		var got []string
		for s, err := range c.Schedule.AllByCalendar(t.Context(), ScheduleListRequest{CalID: "cal", Limit: 2}) {
			require.NoError(t, err)
			assert.Equal(t, calTestTime(1571274600), s.Start, "a time sent as a string")
			assert.True(t, s.WholeDay)
			got = append(got, s.ScheduleID)
		}
		assert.Equal(t, []string{"a", "b", "c", "d", "e"}, got)
		assert.Equal(t, 3, rec.count())
	})
	t.Run("break", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubFunc(t, mt, http.MethodPost, "/cgi-bin/oa/schedule/get_by_calendar", answer)
		for range c.Schedule.AllByCalendar(t.Context(), ScheduleListRequest{CalID: "cal", Limit: 2}) {
			break
		}
		assert.Equal(t, 1, rec.count())
	})
	t.Run("error once", func(t *testing.T) {
		c, mt := newTestClient(t)
		stubFunc(t, mt, http.MethodPost, "/cgi-bin/oa/schedule/get_by_calendar", func(n int, r recordedRequest) string {
			if n == 2 {
				return `{"errcode":48002,"errmsg":"api forbidden"}`
			}
			return answer(n, r)
		})
		var got []string
		var errs []error
		for s, err := range c.Schedule.AllByCalendar(t.Context(), ScheduleListRequest{CalID: "cal", Limit: 2}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, s.ScheduleID)
		}
		assert.Equal(t, []string{"a", "b"}, got)
		require.Len(t, errs, 1)
		requireAPIError(t, errs[0], 48002, "/cgi-bin/oa/schedule/get_by_calendar")
	})
}

// Journal.All follows next_cursor until endflag.
func TestJournalAll(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubFunc(t, mt, http.MethodPost, "/cgi-bin/oa/journal/get_record_list", func(_ int, r recordedRequest) string {
		var body struct{ Cursor int64 }
		_ = decodeLenient(r.Body, &body)
		switch body.Cursor {
		case 0:
			return `{"errcode":0,"errmsg":"ok","journaluuid_list":["j1","j2"],"next_cursor":"2","endflag":0}`
		case 2:
			return `{"errcode":0,"errmsg":"ok","journaluuid_list":["j3"],"next_cursor":3,"endflag":1}`
		}
		return `{"errcode":40058,"errmsg":"bad cursor"}`
	})
	var got []string
	for id, err := range c.Journal.All(t.Context(), JournalListRequest{Start: calTestTime(1606230000), End: calTestTime(1606361304)}) {
		require.NoError(t, err)
		got = append(got, id)
	}
	assert.Equal(t, []string{"j1", "j2", "j3"}, got)
	require.Equal(t, 2, rec.count())
	assertJSONBody(t, rec.all()[0], `{"starttime":1606230000,"endtime":1606361304,"cursor":0,"limit":100}`)
}

// One odd field never fails a call: a booking whose times come as strings
// and whose status is "" decodes, and a bad field is left zero.
func TestMeetingRoomLenient(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/meetingroom/bookinfo/get",
		`{"errcode":0,"errmsg":"ok","meetingroom_id":"1","schedule":{"booking_id":"b","start_time":"1593532800","end_time":{"x":1},"status":""}}`)
	got, err := c.MeetingRoom.Booking(t.Context(), BookingInfoRequest{MeetingRoomID: 1, BookingID: "b"})
	require.NoError(t, err)
	assert.Equal(t, int64(1), got.MeetingRoomID)
	assert.Equal(t, "b", got.Schedule.BookingID)
	assert.Equal(t, calTestTime(1593532800), got.Schedule.Start)
	assert.True(t, got.Schedule.End.IsZero())
}

// A room's range (user_list, department_list) reaches the caller; the
// conflict dates of a booking decode from the documented list, from a
// single date, and drop an entry that is not a date.
func TestMeetingRoomRangeAndConflictDates(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/meetingroom/list",
		`{"errcode":0,"errmsg":"ok","meetingroom_list":[{"meetingroom_id":1,"name":"18F","capacity":10,`+
			`"range":{"user_list":["zhangsan","lisi"],"department_list":[1,2]}}]}`)
	rooms, err := c.MeetingRoom.List(t.Context(), MeetingRoomFilter{})
	require.NoError(t, err)
	require.Len(t, rooms, 1)
	assert.Equal(t, &RoomRange{UserList: []string{"zhangsan", "lisi"}, DepartmentList: []int64{1, 2}}, rooms[0].Range)

	for _, tc := range []struct {
		name, answer string
		want         []time.Time
	}{
		{"list", `[1672502400,"1675180800"]`, []time.Time{calTestTime(1672502400), calTestTime(1675180800)}},
		{"single date", `1672502400`, []time.Time{calTestTime(1672502400)}},
		{"odd entry dropped", `[1672502400,{"x":1}]`, []time.Time{calTestTime(1672502400)}},
		{"none", `[]`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b Booked
			require.NoError(t, json.Unmarshal([]byte(`{"booking_id":"bk","conflict_date":`+tc.answer+`}`), &b))
			assert.Equal(t, "bk", b.BookingID)
			assert.Equal(t, tc.want, b.ConflictDates)
			if len(tc.want) > 0 {
				assert.Equal(t, tc.want[0], b.ConflictDate)
			} else {
				assert.True(t, b.ConflictDate.IsZero())
			}
		})
	}
}

// readonly is sent only when set, and an explicit false goes out as 0
// (WeCom's default when it is left out is 1).
func TestCalendarReadOnlyFlag(t *testing.T) {
	no, yes := false, true
	for _, tc := range []struct {
		cal  Calendar
		want string
	}{
		{Calendar{Summary: "s", Color: "#FFFFFF"}, ``},
		{Calendar{Summary: "s", Color: "#FFFFFF", ReadOnly: &no, Shares: []CalendarShare{{UserID: "u", ReadOnly: &no}}}, `"readonly":0`},
		{Calendar{Summary: "s", Color: "#FFFFFF", ReadOnly: &yes}, `"readonly":1`},
	} {
		b, err := json.Marshal(tc.cal)
		require.NoError(t, err)
		if tc.want == "" {
			assert.NotContains(t, string(b), "readonly")
			continue
		}
		assert.Contains(t, string(b), tc.want)
		var back Calendar
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, tc.cal.ReadOnly, back.ReadOnly)
		if len(tc.cal.Shares) > 0 {
			share, err := json.Marshal(tc.cal.Shares[0])
			require.NoError(t, err)
			assert.Equal(t, `{"userid":"u","readonly":0}`, string(share))
		}
	}
}

// What WeCom always refuses — an empty id list, a schedule or attendee
// list missing, a booking without a room, a booker or the id it books
// for — is refused before anything is sent, with ErrInvalidCalendarRequest
// naming the argument.
func TestOARequiredArguments(t *testing.T) {
	t0, t1 := calTestTime(1593532800), calTestTime(1593619200)
	many := make([]string, maxCalendarIDs+1)
	for i := range many {
		many[i] = fmt.Sprint("id", i)
	}
	u := []ScheduleAttendee{{UserID: "u"}}
	cases := []struct {
		name, want string
		call       func(ctx context.Context, c *Client) error
	}{
		{"calendar get without ids", "cal_id_list", func(ctx context.Context, c *Client) error {
			_, err := c.Calendar.Get(ctx)
			return err
		}},
		{"calendar get of more than 1,000 ids", "cal_id_list holds 1001 ids", func(ctx context.Context, c *Client) error {
			_, err := c.Calendar.Get(ctx, many...)
			return err
		}},
		{"calendar create without summary", "calendar.summary", func(ctx context.Context, c *Client) error {
			_, err := c.Calendar.Create(ctx, CalendarCreateRequest{Calendar: Calendar{Color: "#FF3030"}})
			return err
		}},
		{"calendar create without color", "calendar.color", func(ctx context.Context, c *Client) error {
			_, err := c.Calendar.Create(ctx, CalendarCreateRequest{Calendar: Calendar{Summary: "s"}})
			return err
		}},
		{"calendar delete without id", "cal_id", func(ctx context.Context, c *Client) error {
			return c.Calendar.Delete(ctx, "")
		}},
		{"schedule get without ids", "schedule_id_list", func(ctx context.Context, c *Client) error {
			_, err := c.Schedule.Get(ctx)
			return err
		}},
		{"schedule get of more than 1,000 ids", "schedule_id_list holds 1001 ids", func(ctx context.Context, c *Client) error {
			_, err := c.Schedule.Get(ctx, many...)
			return err
		}},
		{"add attendees without schedule id", "schedule_id", func(ctx context.Context, c *Client) error {
			return c.Schedule.AddAttendees(ctx, ScheduleAttendeesRequest{Attendees: u})
		}},
		{"add attendees without attendees", "attendees", func(ctx context.Context, c *Client) error {
			return c.Schedule.AddAttendees(ctx, ScheduleAttendeesRequest{ScheduleID: "s"})
		}},
		{"add attendees with an empty userid", "attendees[1].userid", func(ctx context.Context, c *Client) error {
			return c.Schedule.AddAttendees(ctx, ScheduleAttendeesRequest{ScheduleID: "s", Attendees: []ScheduleAttendee{{UserID: "u"}, {}}})
		}},
		{"remove attendees without schedule id", "schedule_id", func(ctx context.Context, c *Client) error {
			return c.Schedule.RemoveAttendees(ctx, ScheduleAttendeesRequest{Attendees: u})
		}},
		{"remove attendees without attendees", "attendees", func(ctx context.Context, c *Client) error {
			return c.Schedule.RemoveAttendees(ctx, ScheduleAttendeesRequest{ScheduleID: "s"})
		}},
		{"list by calendar with a page over 1,000", "limit 1001", func(ctx context.Context, c *Client) error {
			_, err := c.Schedule.ListByCalendar(ctx, ScheduleListRequest{CalID: "cal", Limit: 1001})
			return err
		}},
		{"list by calendar from a negative offset", "offset -1", func(ctx context.Context, c *Client) error {
			_, err := c.Schedule.ListByCalendar(ctx, ScheduleListRequest{CalID: "cal", Offset: -1})
			return err
		}},
		{"room add without name", "name", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.Add(ctx, MeetingRoom{Capacity: 2})
			return err
		}},
		{"room delete without id", "meetingroom_id", func(ctx context.Context, c *Client) error {
			return c.MeetingRoom.Delete(ctx, 0)
		}},
		{"book without booker", "booker", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.Book(ctx, BookRequest{MeetingRoomID: 1, Start: t0, End: t1})
			return err
		}},
		{"book without room", "meetingroom_id", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.Book(ctx, BookRequest{Start: t0, End: t1, Booker: "u"})
			return err
		}},
		{"book by schedule without schedule id", "schedule_id", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookBySchedule(ctx, BookByScheduleRequest{MeetingRoomID: 1, Booker: "u"})
			return err
		}},
		{"book by schedule without booker", "booker", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookBySchedule(ctx, BookByScheduleRequest{MeetingRoomID: 1, ScheduleID: "s"})
			return err
		}},
		{"book by schedule without room", "meetingroom_id", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookBySchedule(ctx, BookByScheduleRequest{ScheduleID: "s", Booker: "u"})
			return err
		}},
		{"book by meeting without meeting id", "meetingid", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookByMeeting(ctx, BookByMeetingRequest{MeetingRoomID: 1, Booker: "u"})
			return err
		}},
		{"book by meeting without booker", "booker", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookByMeeting(ctx, BookByMeetingRequest{MeetingRoomID: 1, MeetingID: "m"})
			return err
		}},
		{"booking info without booking id", "booking_id", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.Booking(ctx, BookingInfoRequest{MeetingRoomID: 1})
			return err
		}},
		{"booking info without room", "meetingroom_id", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.Booking(ctx, BookingInfoRequest{BookingID: "b"})
			return err
		}},
		{"booking by meeting without meeting id", "meeting_id", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookingByMeeting(ctx, BookingByMeetingRequest{MeetingRoomID: 1})
			return err
		}},
		{"booking by meeting without room", "meetingroom_id", func(ctx context.Context, c *Client) error {
			_, err := c.MeetingRoom.BookingByMeeting(ctx, BookingByMeetingRequest{MeetingID: "m"})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			err := tc.call(t.Context(), c)
			require.ErrorIs(t, err, ErrInvalidCalendarRequest)
			assert.Contains(t, err.Error(), tc.want)
			assert.Zero(t, mt.GetTotalCallCount(), "nothing sent, not even a token request")
		})
	}
}

// need_approval reaches the caller as a bool from each shape WeCom may
// send it in; an odd value never fails the list; Add and Edit never send
// it, and a room marshals it as the page's 1.
func TestMeetingRoomNeedApproval(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want bool
	}{
		{`1`, true}, {`0`, false}, {`true`, true}, {`false`, false}, {`"1"`, true}, {`"0"`, false}, {`""`, false},
		{`null`, false}, {`{"x":1}`, false},
	} {
		t.Run(tc.raw, func(t *testing.T) {
			c, mt := newTestClient(t)
			stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/meetingroom/list",
				`{"errcode":0,"errmsg":"ok","meetingroom_list":[{"meetingroom_id":1,"name":"18F","capacity":"10","need_approval":`+tc.raw+`}]}`)
			rooms, err := c.MeetingRoom.List(t.Context(), MeetingRoomFilter{})
			require.NoError(t, err)
			require.Len(t, rooms, 1)
			assert.Equal(t, tc.want, rooms[0].NeedApproval)
			assert.Equal(t, "18F", rooms[0].Name)
			assert.Equal(t, 10, rooms[0].Capacity)
		})
	}

	b, err := json.Marshal(MeetingRoom{MeetingRoomID: 2, Name: "r", Capacity: 3, NeedApproval: true})
	require.NoError(t, err)
	assert.JSONEq(t, `{"meetingroom_id":2,"name":"r","capacity":3,"need_approval":1}`, string(b))

	c, mt := newTestClient(t)
	add := stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/meetingroom/add", `{"errcode":0,"errmsg":"ok","meetingroom_id":3}`)
	edit := stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/meetingroom/edit", `{"errcode":0,"errmsg":"ok"}`)
	_, err = c.MeetingRoom.Add(t.Context(), MeetingRoom{MeetingRoomID: 9, Name: "r", Capacity: 3, NeedApproval: true})
	require.NoError(t, err)
	require.NoError(t, c.MeetingRoom.Edit(t.Context(), MeetingRoom{MeetingRoomID: 3, Name: "r", Capacity: 3, NeedApproval: true}))
	assert.JSONEq(t, `{"name":"r","capacity":3}`, string(add.last(t).Body))
	assert.JSONEq(t, `{"meetingroom_id":3,"name":"r","capacity":3}`, string(edit.last(t).Body))
}

// Booking states decode to the constants of the page's status table
// (0 booked, 1 cancelled, 2 申请中, 3 审批中); the deprecated name stays
// the value 3.
func TestBookingStatusValues(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/meetingroom/get_booking_info",
		`{"errcode":0,"errmsg":"ok","booking_list":[{"meetingroom_id":1,"schedule":[`+
			`{"booking_id":"b0","status":0},{"booking_id":"b1","status":1},{"booking_id":"b2","status":"2"},{"booking_id":"b3","status":3}]}]}`)
	got, err := c.MeetingRoom.Bookings(t.Context(), BookingQuery{MeetingRoomID: 1})
	require.NoError(t, err)
	require.Len(t, got, 1)
	var states []BookingStatus
	for _, b := range got[0].Schedule {
		states = append(states, b.Status)
	}
	assert.Equal(t, []BookingStatus{BookingBooked, BookingCancelled, BookingAwaitingApprove, BookingInApproval}, states)
	assert.Equal(t, BookingStatus(1), BookingCancelled)
	assert.Equal(t, BookingInApproval, BookingAwaitingRelease)
}
