package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// runOffline plans a meeting against a fake WeCom.
func runOffline(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewServer()
	defer fake.Close()
	fmt.Fprintln(stdout, "offline mode: a fake WeCom at", fake.URL())
	_, err := offline(ctx, stdout, fake)
	return err
}

// offlineRooms are the rooms of the fake corp.
var offlineRooms = []wecomtest.MeetingRoom{
	{Name: "A-4", Capacity: 4, City: "深圳", Building: "腾讯大厦", Floor: "18F", Equipment: []int{1}},
	{Name: "B-6", Capacity: 6, City: "深圳", Building: "腾讯大厦", Floor: "18F", Equipment: []int{1, 3}},
	{Name: "C-12", Capacity: 12, City: "深圳", Building: "腾讯大厦", Floor: "19F", Equipment: []int{3, 5}},
}

// offline sets the fake up (rooms, a calendar, the smallest room taken
// for the window) and plans the meeting on it.
func offline(ctx context.Context, stdout io.Writer, fake *wecomtest.Server) (*planned, error) {
	for _, r := range offlineRooms {
		if _, err := fake.AddMeetingRoom(wecomtest.DefaultCorpID, r); err != nil {
			return nil, err
		}
	}
	c, err := work.New(work.Config{CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID,
		Secret: wecomtest.DefaultSecret}, wecom.WithBaseURL(fake.URL()))
	if err != nil {
		return nil, err
	}
	cal, err := c.Calendar.Create(ctx, work.CalendarCreateRequest{Calendar: work.Calendar{
		Summary: "R&D meetings", Color: "#1E90FF", SetAsDefault: true}})
	if err != nil {
		return nil, err
	}
	// Tomorrow 10:00 to 11:00 in China.
	cst := time.FixedZone("UTC+8", 8*3600)
	y, mo, d := time.Now().In(cst).AddDate(0, 0, 1).Date()
	start := time.Date(y, mo, d, 10, 0, 0, 0, cst)
	m := meeting{Subject: "需求评审", Start: start, End: start.Add(time.Hour), Booker: "zhangsan",
		Attendees: []string{"lisi", "wangwu", "zhaoliu"}, CalID: cal.CalID}

	// wangwu holds A-4 from 10:30.
	rooms, err := c.MeetingRoom.List(ctx, work.MeetingRoomFilter{City: "深圳", Building: "腾讯大厦", Floor: "18F"})
	if err != nil {
		return nil, err
	}
	if _, err := c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: rooms[0].MeetingRoomID, Subject: "1:1",
		Start: start.Add(30 * time.Minute), End: start.Add(90 * time.Minute), Booker: "wangwu"}); err != nil {
		return nil, err
	}

	p, err := plan(ctx, c, m, stdout)
	if err != nil {
		return nil, err
	}

	// The room is the schedule's now: a second booking of the slot is
	// refused, and the booking names the schedule.
	_, err = c.MeetingRoom.Book(ctx, work.BookRequest{MeetingRoomID: p.Room.MeetingRoomID, Start: m.Start, End: m.End, Booker: "lisi"})
	apiErr, refused := errors.AsType[*wecom.APIError](err)
	if !refused {
		return nil, fmt.Errorf("a second booking of %s was not refused: %v", p.Room.Name, err)
	}
	fmt.Fprintf(stdout, "lisi tries to book %s too: refused with errcode %d\n", p.Room.Name, apiErr.Code)
	info, err := c.MeetingRoom.Booking(ctx, work.BookingInfoRequest{MeetingRoomID: p.Room.MeetingRoomID, BookingID: p.BookingID})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "booking %s: room %d, schedule %s, booker %s, %s to %s\n", info.Schedule.BookingID,
		info.MeetingRoomID, info.Schedule.ScheduleID, info.Schedule.Booker,
		info.Schedule.Start.In(cst).Format("15:04"), info.Schedule.End.In(cst).Format("15:04"))
	return p, nil
}
