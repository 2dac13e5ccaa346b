package main

import (
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demotest"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/wecomtest/testclient"
)

// TestOffline runs the example against the fake: the smallest room is
// taken, the next one is booked for the schedule.
func TestOffline(t *testing.T) {
	demotest.Offline(t, run,
		"A-4 (4 seats) is booked then",
		"free room: B-6 (6 seats)",
		"for lisi, wangwu, zhaoliu",
		"booked B-6 for the schedule: booking bk",
		"lisi tries to book B-6 too: refused with errcode",
		"booker zhangsan",
	)
}

// The booking and the schedule exist in the fake, linked, for the window.
func TestOfflineLeavesBookingAndSchedule(t *testing.T) {
	fake := wecomtest.NewTestServer(t)
	p, err := offline(t.Context(), io.Discard, fake)
	require.NoError(t, err)

	var sched *wecomtest.Schedule
	for _, sc := range fake.Schedules(wecomtest.DefaultCorpID, "") {
		if sc.ScheduleID == p.ScheduleID {
			sched = &sc
		}
	}
	require.NotNil(t, sched, "the schedule exists")
	assert.False(t, sched.Deleted)
	assert.Equal(t, "需求评审", sched.Summary)
	assert.Equal(t, []string{"lisi", "wangwu", "zhaoliu"}, sched.Attendees)
	assert.Equal(t, "B-6", sched.Location)
	assert.Contains(t, fake.Calendars(wecomtest.DefaultCorpID), sched.CalID, "in the example's calendar")

	var live []wecomtest.RoomBooking
	for _, b := range fake.Bookings(p.Room.MeetingRoomID) {
		if !b.Cancelled {
			live = append(live, b)
		}
	}
	require.Len(t, live, 1, "one booking of the room, the refused one not stored")
	assert.Equal(t, p.BookingID, live[0].BookingID)
	assert.Equal(t, p.ScheduleID, live[0].ScheduleID, "booked for the schedule")
	assert.Equal(t, "zhangsan", live[0].Booker)
	assert.True(t, live[0].Start.Equal(sched.Start) && live[0].End.Equal(sched.End))
	assert.Equal(t, time.Hour, live[0].End.Sub(live[0].Start))
}

func TestOnlineNeedsSettings(t *testing.T) {
	demotest.Refused(t, run, map[string]string{"WECOM_CORP_ID": "wwcorp"},
		"WECOM_SECRET", "WECOM_BOOKER", "WECOM_ATTENDEES")
}

// When the booking is refused (someone was faster), plan deletes the
// schedule it made, so that nobody is invited to a meeting without a room.
func TestPlanDeletesTheScheduleWhenTheBookingFails(t *testing.T) {
	fake := wecomtest.NewTestServer(t)
	_, err := fake.AddMeetingRoom(wecomtest.DefaultCorpID, wecomtest.MeetingRoom{Name: "A-4", Capacity: 4})
	require.NoError(t, err)
	c := testclient.Work(t, fake)
	require.NoError(t, fake.FailNext("/cgi-bin/oa/meetingroom/book_by_schedule", wecomtest.CodeRoomBooked, "booked"))
	start := time.Now().Truncate(time.Hour).Add(24 * time.Hour)
	_, err = plan(t.Context(), c, meeting{Subject: "sync", Start: start, End: start.Add(time.Hour), Booker: "zhangsan",
		Attendees: []string{"lisi"}}, io.Discard)
	require.ErrorIs(t, err, wecom.ErrInvalidParam)
	assert.Contains(t, err.Error(), "book A-4")
	schedules := fake.Schedules(wecomtest.DefaultCorpID, "")
	require.Len(t, schedules, 1)
	assert.True(t, schedules[0].Deleted, "the schedule made for the meeting is deleted again")
	assert.Empty(t, fake.Bookings(1))
}
