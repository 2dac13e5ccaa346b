package work

// The doc-sample table of calendars, schedules, meeting rooms, journals
// and vacations. Samples: testdata/docs/oa/{calendar,schedule,meetingroom,
// journal,vacation} (provenance in testdata/docs/oa/README.calendar.md);
// machinery: docsample_test.go. Pages:
// developer.work.weixin.qq.com/document/path/<page>.

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func calTestTime(n int64) time.Time { return time.Unix(n, 0) }

// sampleReminders are the reminders of the schedule samples.
func sampleReminders(offsets []time.Duration, exclude ...time.Time) *ScheduleReminders {
	return &ScheduleReminders{Remind: true, Before: time.Hour, Offsets: offsets, Timezone: 8,
		Repeat: &ScheduleRepeat{Type: RepeatWorkdays, Until: calTestTime(1606976813), Custom: true, Interval: 1,
			DaysOfWeek: []int{3, 7}, DaysOfMonth: []int{10, 21}, Exclude: exclude}}
}

func TestCalendarDocSamples(t *testing.T) {
	post := http.MethodPost
	runDocSamples(t, []docCase{
		{page: 93647, method: post, path: "/cgi-bin/oa/calendar/add", sample: "oa/calendar/add",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				yes := true
				return c.Calendar.Create(t.Context(), CalendarCreateRequest{AgentID: 1000014, Calendar: Calendar{
					Organizer: "userid1", ReadOnly: &yes, SetAsDefault: true, Summary: "test_summary", Color: "#FF3030",
					Description: "test_describe", Public: true, CorpCalendar: true,
					PublicRange: &CalendarRange{UserIDs: []string{"abel", "jack"}, PartyIDs: []int64{1232, 34353}},
					Shares:      []CalendarShare{{UserID: "userid2"}, {UserID: "userid3", ReadOnly: &yes}},
				}})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA", got.(*CalendarCreated).CalID)
			}},
		// The refused shares (fail_result) of the current page's answer;
		// no copy of that answer was found (built from the page's table).
		{name: "calendar/add fail_result (table)", page: 93647, method: post, path: "/cgi-bin/oa/calendar/add",
			sample: "oa/calendar/add",
			reply: `{"errcode":0,"errmsg":"ok","cal_id":"wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA",` +
				`"fail_result":{"shares":[{"errcode":60111,"errmsg":"userid not found","userid":"userid2"}]}}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Calendar.Create(t.Context(), decodeSample[CalendarCreateRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, []ShareFailure{{60111, "userid not found", "userid2"}}, got.(*CalendarCreated).FailResult.Shares)
			}},
		{page: 97716, method: post, path: "/cgi-bin/oa/calendar/update", sample: "oa/calendar/update",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[CalendarUpdateRequest](t, req)
				assert.Equal(t, "test_describe_1", in.Calendar.Description)
				require.NotNil(t, in.Calendar.ReadOnly)
				assert.True(t, *in.Calendar.ReadOnly)
				require.NotNil(t, in.Calendar.Shares[1].ReadOnly)
				assert.Nil(t, in.Calendar.Shares[0].ReadOnly, "unset readonly stays unset")
				return c.Calendar.Update(t.Context(), in)
			}},
		{page: 97717, method: post, path: "/cgi-bin/oa/calendar/get", sample: "oa/calendar/get",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Calendar.Get(t.Context(), "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA")
			},
			check: func(t *testing.T, got any) {
				cal := got.([]Calendar)[0]
				assert.True(t, cal.Public)
				assert.True(t, cal.CorpCalendar)
				assert.Equal(t, []string{"admin1", "admin2"}, cal.Admins)
				assert.Nil(t, cal.Shares[0].ReadOnly)
				require.NotNil(t, cal.Shares[1].ReadOnly)
				assert.True(t, *cal.Shares[1].ReadOnly)
				assert.Equal(t, []int64{1232, 34353}, cal.PublicRange.PartyIDs)
			}},
		{page: 97718, method: post, path: "/cgi-bin/oa/calendar/del", sample: "oa/calendar/del",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Calendar.Delete(t.Context(), "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA")
			}},

		{page: 93648, method: post, path: "/cgi-bin/oa/schedule/add", sample: "oa/schedule/add",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Schedule.Create(t.Context(), ScheduleCreateRequest{AgentID: 1000014, Schedule: Schedule{
					Admins: []string{"admin1", "admin2"}, Start: calTestTime(1571274600), End: calTestTime(1571320210), WholeDay: true,
					Attendees: []ScheduleAttendee{{UserID: "userid2"}}, Summary: "需求评审会议", Description: "2.0版本需求初步评审",
					Reminders: sampleReminders([]time.Duration{0, time.Hour}), Location: "广州国际媒体港10楼1005会议室", CalID: "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA",
				}})
			}},
		{page: 97720, method: post, path: "/cgi-bin/oa/schedule/update", sample: "oa/schedule/update",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[ScheduleUpdateRequest](t, req)
				assert.Equal(t, sampleReminders([]time.Duration{0, time.Hour}), in.Schedule.Reminders, "typed repeat rule")
				assert.Equal(t, ScheduleUpdateRequest{OpMode: OpThisOne, OpStart: calTestTime(1571274600), Schedule: Schedule{
					ScheduleID: "17c7d2bd9f20d652840f72f59e796AAA", Admins: []string{"admin1", "admin2"},
					Start: calTestTime(1571274600), End: calTestTime(1571320210), WholeDay: true, Attendees: []ScheduleAttendee{{UserID: "userid2"}},
					Summary: "test_summary", Description: "test_description", Location: "test_place", Reminders: in.Schedule.Reminders,
				}}, in)
				return c.Schedule.Update(t.Context(), in)
			}},
		// The mirror's update sample: the earlier organizer form, with
		// allow_active_join and only_organizer_create_chat.
		{name: "schedule/update (mirror)", page: 97720, method: post, path: "/cgi-bin/oa/schedule/update",
			sample: "oa/schedule/update.mirror",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[ScheduleUpdateRequest](t, req)
				assert.True(t, in.Schedule.AllowActiveJoin)
				assert.True(t, in.Schedule.OnlyOrganizerCreateChat)
				assert.Equal(t, "userid1", in.Schedule.Organizer)
				return c.Schedule.Update(t.Context(), in)
			}},
		{page: 97721, method: post, path: "/cgi-bin/oa/schedule/add_attendees", sample: "oa/schedule/add_attendees",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Schedule.AddAttendees(t.Context(), decodeSample[ScheduleAttendeesRequest](t, req))
			}},
		{page: 97722, method: post, path: "/cgi-bin/oa/schedule/del_attendees", sample: "oa/schedule/del_attendees",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Schedule.RemoveAttendees(t.Context(), decodeSample[ScheduleAttendeesRequest](t, req))
			}},
		{page: 97724, method: post, path: "/cgi-bin/oa/schedule/get", sample: "oa/schedule/get",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Schedule.Get(t.Context(), "17c7d2bd9f20d652840f72f59e796AAA")
			},
			check: func(t *testing.T, got any) {
				s := got.([]Schedule)[0]
				assert.Equal(t, sampleReminders([]time.Duration{-time.Hour}, calTestTime(1571361000)), s.Reminders)
				assert.Equal(t, AttendeeAccepted, s.Attendees[0].Status)
				assert.Equal(t, ScheduleCancelled, s.Status)
				assert.Equal(t, []string{"admin1", "admin2"}, s.Admins)
				assert.True(t, s.WholeDay)
				assert.Equal(t, calTestTime(1571579410), s.End)
			}},
		{page: 97723, method: post, path: "/cgi-bin/oa/schedule/get_by_calendar", sample: "oa/schedule/get_by_calendar",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Schedule.ListByCalendar(t.Context(), decodeSample[ScheduleListRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				s := got.([]Schedule)[0]
				assert.Equal(t, int64(100), s.Sequence)
				assert.Equal(t, sampleReminders(nil), s.Reminders)
			}},
		{page: 97725, method: post, path: "/cgi-bin/oa/schedule/del", sample: "oa/schedule/del",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Schedule.Delete(t.Context(), ScheduleDeleteRequest{ScheduleID: "17c7d2bd9f20d652840f72f59e796AAA",
					OpMode: OpThisOne, OpStart: calTestTime(1571274600)})
			}},

		// Rooms: page 93619; bookings: page 93620.
		{page: 93619, method: post, path: "/cgi-bin/oa/meetingroom/add", sample: "oa/meetingroom/add",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.MeetingRoom.Add(t.Context(), decodeSample[MeetingRoom](t, req))
			}},
		{page: 93619, method: post, path: "/cgi-bin/oa/meetingroom/list", sample: "oa/meetingroom/list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.MeetingRoom.List(t.Context(), decodeSample[MeetingRoomFilter](t, req))
			},
			check: func(t *testing.T, got any) {
				rooms := got.([]MeetingRoom)
				require.Len(t, rooms, 2)
				assert.True(t, rooms[0].NeedApproval)
				assert.Equal(t, []RoomEquipment{EquipmentTV, EquipmentPhone, EquipmentProjector}, rooms[0].Equipment)
			}},
		{page: 93619, method: post, path: "/cgi-bin/oa/meetingroom/edit", sample: "oa/meetingroom/edit",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.MeetingRoom.Edit(t.Context(), decodeSample[MeetingRoom](t, req))
			}},
		{page: 93619, method: post, path: "/cgi-bin/oa/meetingroom/del", sample: "oa/meetingroom/del",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.MeetingRoom.Delete(t.Context(), 1)
			}},
		{page: 93620, method: post, path: "/cgi-bin/oa/meetingroom/get_booking_info", sample: "oa/meetingroom/get_booking_info",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.MeetingRoom.Bookings(t.Context(), BookingQuery{MeetingRoomID: 1, Start: calTestTime(1593532800), End: calTestTime(1593619200),
					City: "深圳", Building: "腾讯大厦", Floor: "18F"})
			},
			check: func(t *testing.T, got any) {
				rooms := got.([]RoomBookings)
				require.Len(t, rooms, 2)
				assert.Equal(t, "mtebsada6e027c123cbafAAA", rooms[0].Schedule[0].MeetingID)
				assert.Equal(t, BookingBooked, rooms[0].Schedule[0].Status)
				assert.Empty(t, rooms[1].Schedule)
			}},
		{page: 93620, method: post, path: "/cgi-bin/oa/meetingroom/book", sample: "oa/meetingroom/book",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.MeetingRoom.Book(t.Context(), BookRequest{MeetingRoomID: 1, Subject: "周会", Start: calTestTime(1593532800),
					End: calTestTime(1593619200), Booker: "zhangsan", Attendees: []string{"lisi", "wangwu"}})
			}},
		{page: 93620, method: post, path: "/cgi-bin/oa/meetingroom/book_by_schedule", sample: "oa/meetingroom/book_by_schedule",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.MeetingRoom.BookBySchedule(t.Context(), decodeSample[BookByScheduleRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				b := got.(*Booked)
				assert.Equal(t, []time.Time{calTestTime(1672502400), calTestTime(1675180800), calTestTime(1677600000)}, b.ConflictDates)
				assert.Equal(t, calTestTime(1672502400), b.ConflictDate, "the deprecated field keeps the first date")
			}},
		{page: 93620, method: post, path: "/cgi-bin/oa/meetingroom/book_by_meeting", sample: "oa/meetingroom/book_by_meeting",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.MeetingRoom.BookByMeeting(t.Context(), decodeSample[BookByMeetingRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				assert.Len(t, got.(*Booked).ConflictDates, 3)
			}},
		{page: 93620, method: post, path: "/cgi-bin/oa/meetingroom/cancel_book", sample: "oa/meetingroom/cancel_book",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.MeetingRoom.CancelBooking(t.Context(), CancelBookingRequest{BookingID: "bkebsada6e027c123cbafAAA",
					KeepSchedule: true, Date: calTestTime(1593619200)})
			}},
		{name: "cancel_book by meeting", page: 93620, method: post, path: "/cgi-bin/oa/meetingroom/cancel_book",
			sample: "oa/meetingroom/cancel_book.meeting",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.MeetingRoom.CancelBooking(t.Context(), CancelBookingRequest{MeetingID: "mt42b34949gsaseb6e027c123cbafAAA",
					KeepSchedule: true})
			}},
		{page: 93620, method: post, path: "/cgi-bin/oa/meetingroom/bookinfo/get", sample: "oa/meetingroom/bookinfo/get",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.MeetingRoom.Booking(t.Context(), decodeSample[BookingInfoRequest](t, req))
			}},
		{page: 93620, method: post, path: "/cgi-bin/oa/meetingroom/get_booking_info_by_meeting_id",
			sample: "oa/meetingroom/get_booking_info_by_meeting_id",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.MeetingRoom.BookingByMeeting(t.Context(), decodeSample[BookingByMeetingRequest](t, req))
			},
			check: func(t *testing.T, got any) {
				b := got.(*BookingInfo)
				require.Len(t, b.Schedules, 1, "the page sends a list")
				assert.Equal(t, "mtebsada6e027c123cbafAAA", b.Schedule.MeetingID)
				assert.Equal(t, calTestTime(1593662400), b.Schedule.End)
			}},

		// Journal: pages 93393 (list), 93394 (detail), 93395 (stats), 96108 (export).
		{page: 93393, method: post, path: "/cgi-bin/oa/journal/get_record_list", sample: "oa/journal/get_record_list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Journal.List(t.Context(), JournalListRequest{Start: calTestTime(1606230000), End: calTestTime(1606361304), Limit: 10,
					Filters: []JournalFilter{{"creator", "kele"}, {"department", "1"}, {"template_id", "3TmALk1ogfgKiQE3e3jRwnTUhMTh8vca1N8zUVNUx"}}})
			}},
		{page: 93394, method: post, path: "/cgi-bin/oa/journal/get_record_detail", sample: "oa/journal/get_record_detail",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Journal.Record(t.Context(), "41eJejN57EJNzr8HrZfmKyCN7xwKw1qRxCZUxCVuo9fsWVMSKac6nk4q8rARTDaVNdx")
			}},
		{page: 93395, method: post, path: "/cgi-bin/oa/journal/get_stat_list", sample: "oa/journal/get_stat_list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Journal.Stats(t.Context(), JournalStatRequest{TemplateID: "3TmALk1ogfgKiQE3e3jRwnTUhMTh8vca1N8zUVNUx",
					Start: calTestTime(1604160000), End: calTestTime(1606363092)})
			}},
		{page: 96108, method: post, path: "/cgi-bin/oa/journal/export_doc", sample: "oa/journal/export_doc",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Journal.ExportDoc(t.Context(), decodeSample[JournalExportRequest](t, req))
			}},
		{page: 96108, method: post, path: "/cgi-bin/oa/journal/get_export_doc_result", sample: "oa/journal/get_export_doc_result",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Journal.ExportDocResult(t.Context(), "JOBID")
			}},

		// Vacation: pages 93375 (corp config), 93376 (balances), 93377 (set).
		{page: 93375, method: http.MethodGet, path: "/cgi-bin/oa/vacation/getcorpconf", sample: "oa/vacation/getcorpconf",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Vacation.CorpConfig(t.Context())
			},
			check: func(t *testing.T, got any) {
				v := got.([]VacationType)[0]
				assert.Equal(t, 24*time.Hour, v.PerDay)
				assert.Equal(t, 5*24*time.Hour, v.QuotaAttr.AutoresetDuration)
				assert.True(t, v.QuotaAttr.AtEntryDate)
				require.NotNil(t, v.QuotaAttr.Rules)
				assert.True(t, v.QuotaAttr.Rules.BasedOnActualWorkTime)
				assert.Equal(t, []VacationQuotaRule{{5 * 24 * time.Hour, 0, 1}, {6 * 24 * time.Hour, 1, 2}, {7 * 24 * time.Hour, 2, 0}},
					v.QuotaAttr.Rules.List)
				assert.Equal(t, 2, v.QuotaAttr.Rules.List[2].Begin)
			}},
		{page: 93376, method: post, path: "/cgi-bin/oa/vacation/getuservacationquota", sample: "oa/vacation/getuservacationquota",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Vacation.UserQuotas(t.Context(), "ZhangSan")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, 7*24*time.Hour, got.([]VacationQuota)[0].Left)
			}},
		{page: 93377, method: post, path: "/cgi-bin/oa/vacation/setoneuserquota", sample: "oa/vacation/setoneuserquota",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Vacation.SetUserQuota(t.Context(), SetQuotaRequest{UserID: "ZhangSan", VacationID: 1,
					Left: 7 * 24 * time.Hour, TimeAttr: VacationByHour, Remarks: "PLACE_HOLDER"})
			}},
	})
}
