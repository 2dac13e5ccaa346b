// Command meeting-room plans a meeting: it finds a meeting room that is
// free for a time window and seats everyone, creates the schedule (日程)
// for the attendees, and books the room for that schedule
// (book_by_schedule), so that the booking, the schedule and the room stay
// linked: cancelling the booking frees the room, and WeCom refuses to move
// the schedule while the room is held.
//
// Without environment variables it runs against a fake WeCom holding three
// rooms, one of them already booked for the window:
//
//	go run ./examples/meeting-room
//
// Against a real corp, use the secret of an app allowed to call the
// meeting-room and schedule APIs (会议室 / 日程 - 可调用接口的应用), the
// booker and the attendees (userids); WECOM_START (RFC 3339, default: the
// next full hour), WECOM_MINUTES (default 60), WECOM_SUBJECT and
// WECOM_CAL_ID (default: the app's default calendar) are optional:
//
//	WECOM_CORP_ID=ww... WECOM_SECRET=... WECOM_AGENT_ID=1000002 \
//	WECOM_BOOKER=zhangsan WECOM_ATTENDEES=lisi,wangwu go run ./examples/meeting-room
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/work"
)

func main() { demo.Main("meeting-room", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	if env("WECOM_CORP_ID") == "" {
		return runOffline(ctx, stdout)
	}
	v, err := env.Require("WECOM_CORP_ID", "WECOM_SECRET", "WECOM_BOOKER", "WECOM_ATTENDEES")
	if err != nil {
		return err
	}
	agentID, err := env.Int64("WECOM_AGENT_ID")
	if err != nil {
		return err
	}
	m := meeting{Subject: env.Or("WECOM_SUBJECT", "Weekly sync"), Booker: v["WECOM_BOOKER"],
		Attendees: strings.Split(v["WECOM_ATTENDEES"], ","), CalID: env("WECOM_CAL_ID")}
	m.Start = time.Now().Truncate(time.Hour).Add(time.Hour)
	if s := env("WECOM_START"); s != "" {
		if m.Start, err = time.Parse(time.RFC3339, s); err != nil {
			return fmt.Errorf("WECOM_START: %w", err)
		}
	}
	minutes, err := strconv.Atoi(env.Or("WECOM_MINUTES", "60"))
	if err != nil || minutes <= 0 {
		return fmt.Errorf("WECOM_MINUTES: want a positive number of minutes")
	}
	m.End = m.Start.Add(time.Duration(minutes) * time.Minute)
	c, err := work.New(work.Config{CorpID: v["WECOM_CORP_ID"], AgentID: agentID, Secret: v["WECOM_SECRET"]})
	if err != nil {
		return err
	}
	_, err = plan(ctx, c, m, stdout)
	return err
}

// meeting is what to plan.
type meeting struct {
	Subject    string
	Start, End time.Time
	Booker     string
	Attendees  []string
	// CalID is the calendar of the schedule; "" is the app's default.
	CalID string
}

// planned is the outcome of plan.
type planned struct {
	Room       work.MeetingRoom
	ScheduleID string
	BookingID  string
}

// errNoRoom is returned when no room is free and large enough.
var errNoRoom = errors.New("no free meeting room seats everyone in that window")

// plan finds the smallest free room that seats the booker and the
// attendees, creates the schedule and books the room for it. When the
// booking fails (someone was faster), the schedule is deleted again so
// that the attendees are not left with a meeting without a room.
func plan(ctx context.Context, c *work.Client, m meeting, out io.Writer) (*planned, error) {
	room, err := freeRoom(ctx, c, m, out)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "free room: %s (%d seats)\n", room.Name, room.Capacity)

	attendees := make([]work.ScheduleAttendee, len(m.Attendees))
	for i, id := range m.Attendees {
		attendees[i] = work.ScheduleAttendee{UserID: id}
	}
	scheduleID, err := c.Schedule.Create(ctx, work.ScheduleCreateRequest{Schedule: work.Schedule{
		CalID: m.CalID, Start: m.Start, End: m.End, Summary: m.Subject, Location: room.Name, Attendees: attendees,
		Reminders: &work.ScheduleReminders{Remind: true, Before: 15 * time.Minute},
	}})
	if err != nil {
		return nil, fmt.Errorf("create the schedule: %w", err)
	}
	fmt.Fprintf(out, "schedule %s for %s\n", scheduleID, strings.Join(m.Attendees, ", "))

	booked, err := c.MeetingRoom.BookBySchedule(ctx, work.BookByScheduleRequest{
		MeetingRoomID: room.MeetingRoomID, ScheduleID: scheduleID, Booker: m.Booker})
	if err != nil {
		if derr := c.Schedule.Delete(ctx, work.ScheduleDeleteRequest{ScheduleID: scheduleID}); derr != nil {
			err = errors.Join(err, fmt.Errorf("delete the schedule again: %w", derr))
		}
		return nil, fmt.Errorf("book %s: %w", room.Name, err)
	}
	fmt.Fprintf(out, "booked %s for the schedule: booking %s\n", room.Name, booked.BookingID)
	return &planned{Room: room, ScheduleID: scheduleID, BookingID: booked.BookingID}, nil
}

// freeRoom returns the smallest room with enough seats that no booking
// holds during the window.
func freeRoom(ctx context.Context, c *work.Client, m meeting, out io.Writer) (work.MeetingRoom, error) {
	rooms, err := c.MeetingRoom.List(ctx, work.MeetingRoomFilter{})
	if err != nil {
		return work.MeetingRoom{}, fmt.Errorf("list rooms: %w", err)
	}
	bookings, err := c.MeetingRoom.Bookings(ctx, work.BookingQuery{Start: m.Start, End: m.End})
	if err != nil {
		return work.MeetingRoom{}, fmt.Errorf("room bookings: %w", err)
	}
	busy := map[int64]bool{}
	for _, r := range bookings {
		for _, b := range r.Schedule {
			// A cancelled booking frees the room; the others hold it.
			if b.Status != work.BookingCancelled && b.Start.Before(m.End) && m.Start.Before(b.End) {
				busy[r.MeetingRoomID] = true
			}
		}
	}
	seats := len(m.Attendees) + 1
	slices.SortStableFunc(rooms, func(a, b work.MeetingRoom) int { return cmp.Compare(a.Capacity, b.Capacity) })
	for _, r := range rooms {
		switch {
		case r.Capacity < seats:
		case busy[r.MeetingRoomID]:
			fmt.Fprintf(out, "%s (%d seats) is booked then\n", r.Name, r.Capacity)
		default:
			return r, nil
		}
	}
	return work.MeetingRoom{}, errNoRoom
}
