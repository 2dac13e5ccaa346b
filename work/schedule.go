package work

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// ScheduleService wraps oa/schedule (日程): schedules with attendees,
// reminders and repeat rules, in a calendar of the app.
type ScheduleService service

// RepeatType is how a schedule repeats (repeat_type).
type RepeatType int

// Values of RepeatType.
const (
	RepeatDaily    RepeatType = 0 // every day
	RepeatWeekly   RepeatType = 1 // every week
	RepeatMonthly  RepeatType = 2 // every month
	RepeatYearly   RepeatType = 5 // every year
	RepeatWorkdays RepeatType = 7 // every working day
)

// ScheduleRepeat is the repeat rule of a schedule.
type ScheduleRepeat struct {
	Type RepeatType
	// Until is the last day it repeats; zero repeats forever.
	Until time.Time
	// Custom rules: every Interval days/weeks/months/years, on
	// DaysOfWeek (1-7, Monday is 1) of a weekly rule or DaysOfMonth (1-31)
	// of a monthly one.
	Custom      bool
	Interval    int
	DaysOfWeek  []int
	DaysOfMonth []int
	// Exclude lists the start times of occurrences that were removed.
	Exclude []time.Time
}

// ScheduleReminders are a schedule's reminders and repeat rule
// (reminders).
type ScheduleReminders struct {
	// Remind turns reminders on; Before is how long before the start the
	// reminder fires (0, 5, 15 min, 1 h or 1 day).
	Remind bool
	Before time.Duration
	// Offsets lists several reminders as offsets from the start
	// (remind_time_diffs): -5*time.Minute is five minutes before; for a
	// whole-day schedule 9*time.Hour is 9:00 that day.
	Offsets []time.Duration
	// Repeat, when set, makes the schedule repeat.
	Repeat *ScheduleRepeat
	// Timezone is the UTC offset in hours the repeat rule is read in
	// (-12 to +12; WeCom's default is 8).
	Timezone int
}

type remindersWire struct {
	IsRemind         oneZero     `json:"is_remind"`
	RemindBefore     looseInt    `json:"remind_before_event_secs,omitempty"`
	RemindTimeDiffs  []looseInt  `json:"remind_time_diffs,omitempty"`
	IsRepeat         oneZero     `json:"is_repeat"`
	RepeatType       RepeatType  `json:"repeat_type,omitempty"`
	RepeatUntil      looseInt    `json:"repeat_until,omitempty"`
	IsCustomRepeat   oneZero     `json:"is_custom_repeat,omitempty"`
	RepeatInterval   int         `json:"repeat_interval,omitempty"`
	RepeatDayOfWeek  []int       `json:"repeat_day_of_week,omitempty"`
	RepeatDayOfMonth []int       `json:"repeat_day_of_month,omitempty"`
	Timezone         int         `json:"timezone,omitempty"`
	ExcludeTimeList  []startTime `json:"exclude_time_list,omitempty"`
}

type startTime struct {
	StartTime looseInt `json:"start_time"`
}

// MarshalJSON encodes r as WeCom reads it.
func (r ScheduleReminders) MarshalJSON() ([]byte, error) {
	w := remindersWire{IsRemind: oneZero(r.Remind), RemindBefore: looseInt(r.Before / time.Second), Timezone: r.Timezone}
	for _, d := range r.Offsets {
		w.RemindTimeDiffs = append(w.RemindTimeDiffs, looseInt(d/time.Second))
	}
	if p := r.Repeat; p != nil {
		w.IsRepeat = true
		w.RepeatType, w.RepeatUntil = p.Type, looseInt(calUnix(p.Until))
		w.IsCustomRepeat, w.RepeatInterval = oneZero(p.Custom), p.Interval
		w.RepeatDayOfWeek, w.RepeatDayOfMonth = p.DaysOfWeek, p.DaysOfMonth
		for _, t := range p.Exclude {
			w.ExcludeTimeList = append(w.ExcludeTimeList, startTime{looseInt(calUnix(t))})
		}
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes reminders leniently.
func (r *ScheduleReminders) UnmarshalJSON(b []byte) error {
	var w remindersWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*r = ScheduleReminders{Remind: bool(w.IsRemind), Before: time.Duration(w.RemindBefore) * time.Second, Timezone: w.Timezone}
	for _, d := range w.RemindTimeDiffs {
		r.Offsets = append(r.Offsets, time.Duration(d)*time.Second)
	}
	if w.IsRepeat {
		p := &ScheduleRepeat{Type: w.RepeatType, Until: calTime(w.RepeatUntil), Custom: bool(w.IsCustomRepeat),
			Interval: w.RepeatInterval, DaysOfWeek: w.RepeatDayOfWeek, DaysOfMonth: w.RepeatDayOfMonth}
		for _, e := range w.ExcludeTimeList {
			p.Exclude = append(p.Exclude, calTime(e.StartTime))
		}
		r.Repeat = p
	}
	return nil
}

// AttendeeStatus is an attendee's answer to a schedule (response_status).
type AttendeeStatus int

// Values of AttendeeStatus.
const (
	AttendeePending   AttendeeStatus = 0 // not answered
	AttendeeAccepted  AttendeeStatus = 1
	AttendeeTentative AttendeeStatus = 2
	AttendeeDeclined  AttendeeStatus = 3
)

// ScheduleAttendee is one attendee of a schedule.
type ScheduleAttendee struct {
	UserID string `json:"userid"`
	// Status is read back only.
	Status AttendeeStatus `json:"response_status,omitempty"`
}

// ScheduleStatus is a schedule's state (status).
type ScheduleStatus int

// Values of ScheduleStatus.
const (
	ScheduleActive    ScheduleStatus = 0
	ScheduleCancelled ScheduleStatus = 1
)

// Schedule is one schedule. On create leave ScheduleID empty; on update
// it names the schedule.
type Schedule struct {
	ScheduleID string
	CalID      string // the calendar; empty: the app's default calendar
	Admins     []string
	// Organizer is the organizer of the earlier form of the schedule
	// calls (organizer): read back, and sent when set.
	Organizer   string
	Start, End  time.Time
	WholeDay    bool
	Attendees   []ScheduleAttendee
	Summary     string
	Description string
	Location    string
	Reminders   *ScheduleReminders
	Status      ScheduleStatus // read back only
	// AllowActiveJoin lets members who are not attendees join the
	// schedule (allow_active_join; sent only when true).
	AllowActiveJoin bool
	// OnlyOrganizerCreateChat lets only the organizer start a group chat
	// for the schedule (only_organizer_create_chat; sent only when true).
	OnlyOrganizerCreateChat bool
	// Sequence is the schedule's version, raised by each change (read
	// back only; get_by_calendar).
	Sequence int64
}

type scheduleWire struct {
	ScheduleID  string             `json:"schedule_id,omitempty"`
	Admins      []string           `json:"admins,omitempty"`
	Organizer   string             `json:"organizer,omitempty"`
	StartTime   looseInt           `json:"start_time"`
	EndTime     looseInt           `json:"end_time"`
	IsWholeDay  oneZero            `json:"is_whole_day,omitempty"`
	Attendees   []ScheduleAttendee `json:"attendees,omitempty"`
	Summary     string             `json:"summary,omitempty"`
	Description string             `json:"description,omitempty"`
	Reminders   *ScheduleReminders `json:"reminders,omitempty"`
	Location    string             `json:"location,omitempty"`
	CalID       string             `json:"cal_id,omitempty"`
	Status      ScheduleStatus     `json:"status,omitempty"`
	Sequence    looseInt           `json:"sequence,omitempty"`
	ActiveJoin  bool               `json:"allow_active_join,omitempty"`
	OnlyOrgChat oneZero            `json:"only_organizer_create_chat,omitempty"`
}

// MarshalJSON encodes s as WeCom reads it.
func (s Schedule) MarshalJSON() ([]byte, error) {
	return json.Marshal(scheduleWire{ScheduleID: s.ScheduleID, Admins: s.Admins, Organizer: s.Organizer,
		ActiveJoin: s.AllowActiveJoin, OnlyOrgChat: oneZero(s.OnlyOrganizerCreateChat), StartTime: looseInt(calUnix(s.Start)),
		EndTime: looseInt(calUnix(s.End)), IsWholeDay: oneZero(s.WholeDay), Attendees: s.Attendees, Summary: s.Summary,
		Description: s.Description, Reminders: s.Reminders, Location: s.Location, CalID: s.CalID})
}

// UnmarshalJSON decodes a schedule leniently.
func (s *Schedule) UnmarshalJSON(b []byte) error {
	var w scheduleWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*s = Schedule{ScheduleID: w.ScheduleID, CalID: w.CalID, Admins: w.Admins, Organizer: w.Organizer,
		Start: calTime(w.StartTime), End: calTime(w.EndTime), WholeDay: bool(w.IsWholeDay), Attendees: w.Attendees,
		Summary: w.Summary, Description: w.Description, Location: w.Location, Reminders: w.Reminders, Status: w.Status,
		Sequence: int64(w.Sequence), AllowActiveJoin: w.ActiveJoin, OnlyOrganizerCreateChat: bool(w.OnlyOrgChat)}
	return nil
}

// ScheduleCreateRequest is the body of oa/schedule/add.
type ScheduleCreateRequest struct {
	Schedule Schedule `json:"schedule"`
	AgentID  int64    `json:"agentid,omitempty"`
}

// Create creates a schedule and returns its id (oa/schedule/add). It is
// not repeated after a transient failure: a repeat would create a second
// schedule and notify the attendees twice.
func (s *ScheduleService) Create(ctx context.Context, req ScheduleCreateRequest) (string, error) {
	if err := checkPeriod(req.Schedule.Start, req.Schedule.End, ErrInvalidCalendarRequest); err != nil {
		return "", err
	}
	out, err := postAs[struct {
		ScheduleID string `json:"schedule_id"`
	}](ctx, (*service)(s), "/cgi-bin/oa/schedule/add", req, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.ScheduleID, nil
}

// RepeatOpMode says which occurrences of a repeating schedule a change or
// cancellation applies to (op_mode).
type RepeatOpMode int

// Values of RepeatOpMode.
const (
	OpAll       RepeatOpMode = 0 // every occurrence
	OpThisOne   RepeatOpMode = 1 // the occurrence starting at OpStart
	OpThisOnOff RepeatOpMode = 2 // that occurrence and the ones after it
)

// ScheduleUpdateRequest is the body of oa/schedule/update.
type ScheduleUpdateRequest struct {
	// SkipAttendees leaves the attendees as they are.
	SkipAttendees bool
	// OpMode and OpStart select occurrences of a repeating schedule.
	OpMode   RepeatOpMode
	OpStart  time.Time
	Schedule Schedule
}

type scheduleUpdateWire struct {
	SkipAttendees oneZero      `json:"skip_attendees"`
	OpMode        RepeatOpMode `json:"op_mode,omitempty"`
	OpStartTime   looseInt     `json:"op_start_time,omitempty"`
	Schedule      Schedule     `json:"schedule"`
}

// MarshalJSON encodes r as WeCom reads it.
func (r ScheduleUpdateRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(scheduleUpdateWire{oneZero(r.SkipAttendees), r.OpMode, looseInt(calUnix(r.OpStart)), r.Schedule})
}

// UnmarshalJSON decodes a request body (for tests and fakes).
func (r *ScheduleUpdateRequest) UnmarshalJSON(b []byte) error {
	var w scheduleUpdateWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*r = ScheduleUpdateRequest{bool(w.SkipAttendees), w.OpMode, calTime(w.OpStartTime), w.Schedule}
	return nil
}

// Update changes a schedule (oa/schedule/update) and returns its id,
// which is a new one when a single occurrence of a repeating schedule was
// split off. It is not repeated after a transient failure: WeCom notifies
// the attendees of each change.
func (s *ScheduleService) Update(ctx context.Context, req ScheduleUpdateRequest) (string, error) {
	if req.Schedule.ScheduleID == "" {
		return "", errCalendarArg("schedule.schedule_id")
	}
	out, err := postAs[struct {
		ScheduleID string `json:"schedule_id"`
	}](ctx, (*service)(s), "/cgi-bin/oa/schedule/update", req, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.ScheduleID, nil
}

// ScheduleAttendeesRequest is the body of oa/schedule/add_attendees and
// del_attendees.
type ScheduleAttendeesRequest struct {
	ScheduleID string             `json:"schedule_id"`
	Attendees  []ScheduleAttendee `json:"attendees"`
}

// check refuses a request without a schedule id or attendees.
func (r ScheduleAttendeesRequest) check() error {
	switch {
	case r.ScheduleID == "":
		return errCalendarArg("schedule_id")
	case len(r.Attendees) == 0:
		return errCalendarArg("attendees")
	}
	for i, a := range r.Attendees {
		if a.UserID == "" {
			return errCalendarArg(fmt.Sprintf("attendees[%d].userid", i))
		}
	}
	return nil
}

// AddAttendees adds attendees to a schedule (oa/schedule/add_attendees).
// Not repeated after a transient failure (the attendees are notified).
func (s *ScheduleService) AddAttendees(ctx context.Context, req ScheduleAttendeesRequest) error {
	if err := req.check(); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/oa/schedule/add_attendees", req, nil, api.Unsafe)
}

// RemoveAttendees removes attendees from a schedule
// (oa/schedule/del_attendees). Not repeated after a transient failure.
func (s *ScheduleService) RemoveAttendees(ctx context.Context, req ScheduleAttendeesRequest) error {
	if err := req.check(); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/oa/schedule/del_attendees", req, nil, api.Unsafe)
}

// Get returns the schedules of the given ids (oa/schedule/get; 1 to
// 1,000 ids, others are refused before anything is sent).
func (s *ScheduleService) Get(ctx context.Context, scheduleIDs ...string) ([]Schedule, error) {
	if err := checkCalendarIDs("schedule_id_list", scheduleIDs); err != nil {
		return nil, err
	}
	out, err := postAs[struct {
		ScheduleList []Schedule `json:"schedule_list"`
	}](ctx, (*service)(s), "/cgi-bin/oa/schedule/get", map[string][]string{"schedule_id_list": scheduleIDs}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.ScheduleList, nil
}

// ScheduleListRequest is the body of oa/schedule/get_by_calendar.
type ScheduleListRequest struct {
	CalID  string `json:"cal_id"`
	Offset int    `json:"offset,omitempty"`
	// Limit is the page size: 1 to 1,000; 0 is WeCom's default (500).
	Limit int `json:"limit,omitempty"`
}

// ListByCalendar returns one page of the schedules of a calendar
// (oa/schedule/get_by_calendar).
func (s *ScheduleService) ListByCalendar(ctx context.Context, req ScheduleListRequest) ([]Schedule, error) {
	if req.CalID == "" {
		return nil, errCalendarArg("cal_id")
	}
	if req.Offset < 0 || req.Limit < 0 || req.Limit > maxCalendarIDs {
		return nil, fmt.Errorf("%w: offset %d, limit %d: the limit is 1 to %d (0: WeCom's default)", ErrInvalidCalendarRequest, req.Offset, req.Limit, maxCalendarIDs)
	}
	out, err := postAs[struct {
		ScheduleList []Schedule `json:"schedule_list"`
	}](ctx, (*service)(s), "/cgi-bin/oa/schedule/get_by_calendar", req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.ScheduleList, nil
}

// AllByCalendar yields every schedule of a calendar from req.Offset on,
// page after page of req.Limit (default 500), until a short page. An
// error is yielded once and ends the sequence.
func (s *ScheduleService) AllByCalendar(ctx context.Context, req ScheduleListRequest) iter.Seq2[Schedule, error] {
	return func(yield func(Schedule, error) bool) {
		if req.Limit <= 0 {
			req.Limit = 500
		}
		for {
			page, err := s.ListByCalendar(ctx, req)
			if err != nil {
				yield(Schedule{}, err)
				return
			}
			for _, sc := range page {
				if !yield(sc, nil) {
					return
				}
			}
			if len(page) < req.Limit {
				return
			}
			req.Offset += len(page)
		}
	}
}

// ScheduleDeleteRequest is the body of oa/schedule/del.
type ScheduleDeleteRequest struct {
	ScheduleID string
	// OpMode and OpStart select occurrences of a repeating schedule.
	OpMode  RepeatOpMode
	OpStart time.Time
}

// MarshalJSON encodes r as WeCom reads it.
func (r ScheduleDeleteRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ScheduleID  string       `json:"schedule_id"`
		OpMode      RepeatOpMode `json:"op_mode,omitempty"`
		OpStartTime int64        `json:"op_start_time,omitempty"`
	}{r.ScheduleID, r.OpMode, calUnix(r.OpStart)})
}

// Delete cancels a schedule (oa/schedule/del). Not repeated after a
// transient failure.
func (s *ScheduleService) Delete(ctx context.Context, req ScheduleDeleteRequest) error {
	if req.ScheduleID == "" {
		return errCalendarArg("schedule_id")
	}
	return (*service)(s).post(ctx, "/cgi-bin/oa/schedule/del", req, nil, api.Unsafe)
}
