package wecomtest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendars (日历), schedules (日程) and meeting rooms (会议室): the fake
// keeps them per corp and answers their paths as WeCom does.
//
//   - oa/calendar/add, get, update, del. A calendar belongs to the app
//     that created it: another app's token gets 90466. summary and a
//     "#RRGGBB" color are required (40058, 90473); a public or all-staff
//     calendar needs public_range (90483); shares naming no member come
//     back in fail_result.shares with 60111. get of an unknown id answers
//     90457, of a deleted one 90459, of an empty list 90458.
//   - oa/schedule/add, get, update, del, add_attendees, del_attendees and
//     get_by_calendar (offset, and limit from 1 to 1,000, default 500:
//     90469 above it, 90470 for a negative offset). start_time and
//     end_time are required, end after start; a schedule without cal_id
//     goes to the app's default calendar, if it has one. get of an unknown
//     id answers 90461, of a deleted one 90460 (also after its calendar
//     was deleted), of an empty list 90462; more than 1,000 attendees
//     answer 90464; op_mode 1 or 2 on a schedule that does not repeat
//     answers 90484, without op_start_time 90482; an update with op_mode
//     1 or 2 splits off a new schedule that takes the change (a single one
//     for 1) and answers its id, the repeating one left as it was;
//     changing the organizer answers 90463, a cal_id in an update is not
//     applied (a schedule stays in its calendar); changing the period,
//     is_whole_day or the repeat rule of a schedule that holds a room
//     booking answers 90700 (cancel the booking first). Each
//     change raises the schedule's sequence. Deleting a schedule cancels
//     its room booking.
//   - oa/meetingroom/add, list, edit, del, get_booking_info, book,
//     book_by_schedule, book_by_meeting, cancel_book, bookinfo/get and
//     get_booking_info_by_meeting_id. Room ids count from 1 across the
//     server. A booking that overlaps an active booking of the same room
//     is refused with [CodeRoomBooked]; a schedule that already holds
//     another room answers 90498; a meeting the fake does not know (see
//     [Server.SetMeetingPeriod]) answers 90602. book creates the booking's
//     schedule (organizer: the booker, location: the room);
//     book_by_schedule links the booking to the given schedule. cancel_book
//     frees the slot (get_booking_info no longer lists it; bookinfo/get
//     shows status 1) and deletes the schedule unless keep_schedule is 1.
//     Repeating schedules are booked for their first occurrence only.
//     Where the pages name no errcode (an unknown room or booking, a
//     missing booker, an overlapping booking, a cancelled booking
//     cancelled again) the fake answers 40058: a guess, not WeCom's
//     documented answer.
//
// [Server.Bookings], [Server.Schedules] and [Server.Calendars] read the
// state back, typed; [Server.AddMeetingRoom] adds a room without the API.

// CodeRoomBooked is the errcode the fake answers when a booking overlaps
// an active booking of the same room: 40058 (wecom.ErrInvalidParam), with
// an errmsg that says the room is booked. It is a guess: WeCom's pages
// reachable to this project (the meeting-room pages and the global
// error-code page) name no code for that case, and real WeCom may answer
// another one. Code that must tell a taken slot apart should read
// get_booking_info rather than rely on this errcode.
const CodeRoomBooked = codeInvalidParameter

// Calendar and schedule errcodes (global error-code page, 90313).
const (
	codeInvalidCalendarID     = 90457
	codeEmptyCalendarIDList   = 90458
	codeCalendarDeleted       = 90459
	codeScheduleDeleted       = 90460
	codeInvalidScheduleID     = 90461
	codeEmptyScheduleIDList   = 90462
	codeOrganizerUnchangeable = 90463
	codeTooManyAttendees      = 90464
	codeOtherAppCalendar      = 90466
	codePageSizeLimit         = 90469
	codeInvalidPage           = 90470
	codeInvalidColor          = 90473
	codeMissingPublicRange    = 90483
	codeOnlyThisNeedsRepeat   = 90484
	codeInvalidOpStartTime    = 90482
	codeInvalidOpMode         = 90485
	codeScheduleHasOtherRoom  = 90498
	codeInvalidMeetingID      = 90602
	codeCancelRoomFirst       = 90700
)

const (
	oaDefaultPageSize = 500
	oaMaxPageSize     = 1000
	oaMaxAttendees    = 1000
	oaMaxIDs          = 1000
)

// oaZone is the zone WeCom reads a day in (get_booking_info's default end
// is the next midnight there).
var oaZone = time.FixedZone("UTC+8", 8*3600)

var oaColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

var oaRoutes = map[string]route{
	"/cgi-bin/oa/calendar/add":    {method: mPOST, auth: authCorp, handle: (*Server).calendarAdd},
	"/cgi-bin/oa/calendar/get":    {method: mPOST, auth: authCorp, handle: (*Server).calendarGet},
	"/cgi-bin/oa/calendar/update": {method: mPOST, auth: authCorp, handle: (*Server).calendarUpdate},
	"/cgi-bin/oa/calendar/del":    {method: mPOST, auth: authCorp, handle: (*Server).calendarDel},

	"/cgi-bin/oa/schedule/add":             {method: mPOST, auth: authCorp, handle: (*Server).scheduleAdd},
	"/cgi-bin/oa/schedule/get":             {method: mPOST, auth: authCorp, handle: (*Server).scheduleGet},
	"/cgi-bin/oa/schedule/update":          {method: mPOST, auth: authCorp, handle: (*Server).scheduleUpdate},
	"/cgi-bin/oa/schedule/del":             {method: mPOST, auth: authCorp, handle: (*Server).scheduleDel},
	"/cgi-bin/oa/schedule/add_attendees":   {method: mPOST, auth: authCorp, handle: (*Server).scheduleAddAttendees},
	"/cgi-bin/oa/schedule/del_attendees":   {method: mPOST, auth: authCorp, handle: (*Server).scheduleDelAttendees},
	"/cgi-bin/oa/schedule/get_by_calendar": {method: mPOST, auth: authCorp, handle: (*Server).scheduleGetByCalendar},

	"/cgi-bin/oa/meetingroom/add":                            {method: mPOST, auth: authCorp, handle: (*Server).roomAdd},
	"/cgi-bin/oa/meetingroom/list":                           {method: mPOST, auth: authCorp, handle: (*Server).roomList},
	"/cgi-bin/oa/meetingroom/edit":                           {method: mPOST, auth: authCorp, handle: (*Server).roomEdit},
	"/cgi-bin/oa/meetingroom/del":                            {method: mPOST, auth: authCorp, handle: (*Server).roomDel},
	"/cgi-bin/oa/meetingroom/get_booking_info":               {method: mPOST, auth: authCorp, handle: (*Server).roomBookingInfo},
	"/cgi-bin/oa/meetingroom/book":                           {method: mPOST, auth: authCorp, handle: (*Server).roomBook},
	"/cgi-bin/oa/meetingroom/book_by_schedule":               {method: mPOST, auth: authCorp, handle: (*Server).roomBookBySchedule},
	"/cgi-bin/oa/meetingroom/book_by_meeting":                {method: mPOST, auth: authCorp, handle: (*Server).roomBookByMeeting},
	"/cgi-bin/oa/meetingroom/cancel_book":                    {method: mPOST, auth: authCorp, handle: (*Server).roomCancelBook},
	"/cgi-bin/oa/meetingroom/bookinfo/get":                   {method: mPOST, auth: authCorp, handle: (*Server).roomBookInfoGet},
	"/cgi-bin/oa/meetingroom/get_booking_info_by_meeting_id": {method: mPOST, auth: authCorp, handle: (*Server).roomBookingByMeeting},
}

// oaModel is the calendar, schedule and meeting-room state of a Server,
// guarded by its lock.
type oaModel struct {
	corps    map[string]*oaCorp
	lastRoom int64 // room ids are unique across the server
	seq      int   // ids of calendars, schedules and bookings
}

// oaCorp is the OA state of one corp.
type oaCorp struct {
	calendars map[string]*oaCalendar
	calOrder  []string
	schedules map[string]*oaSchedule
	schOrder  []string
	rooms     map[int64]*oaRoom
	bookings  map[string]*oaBooking
	bookOrder []string
	meetings  map[string]oaPeriod // SetMeetingPeriod
}

type oaPeriod struct{ start, end int64 }

func (p oaPeriod) overlaps(q oaPeriod) bool { return p.start < q.end && q.start < p.end }

type oaCalendar struct {
	w         calendarJSON
	agentID   int64
	isDefault bool
	deleted   bool
}

type oaSchedule struct {
	w       scheduleJSON
	agentID int64
	deleted bool
}

type oaRoom struct{ w roomJSON }

type oaBooking struct {
	id, meetingID, scheduleID string
	roomID                    int64
	period                    oaPeriod
	booker                    string
	cancelled                 bool
	ownSchedule               bool // created by book: deleted on cancel unless keep_schedule
}

// calendarJSON is a calendar with the JSON names of oa/calendar.
type calendarJSON struct {
	CalID          string       `json:"cal_id,omitempty"`
	Admins         []string     `json:"admins,omitempty"`
	Organizer      string       `json:"organizer,omitempty"`
	ReadOnly       *flexInt     `json:"readonly,omitempty"`
	SetAsDefault   flexInt      `json:"set_as_default,omitempty"`
	Summary        string       `json:"summary"`
	Color          string       `json:"color"`
	Description    string       `json:"description,omitempty"`
	Shares         []shareJSON  `json:"shares,omitempty"`
	IsPublic       flexInt      `json:"is_public,omitempty"`
	PublicRange    *publicRange `json:"public_range,omitempty"`
	IsCorpCalendar flexInt      `json:"is_corp_calendar,omitempty"`
}

type shareJSON struct {
	UserID     string   `json:"userid"`
	Permission flexInt  `json:"permission,omitempty"`
	ReadOnly   *flexInt `json:"readonly,omitempty"`
}

type publicRange struct {
	UserIDs  []string  `json:"userids,omitempty"`
	PartyIDs []flexInt `json:"partyids,omitempty"`
}

type shareFailed struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
	UserID  string `json:"userid"`
}

// scheduleJSON is a schedule with the JSON names of oa/schedule.
type scheduleJSON struct {
	ScheduleID  string          `json:"schedule_id,omitempty"`
	Admins      []string        `json:"admins,omitempty"`
	Organizer   string          `json:"organizer,omitempty"`
	StartTime   *flexInt        `json:"start_time,omitempty"`
	EndTime     *flexInt        `json:"end_time,omitempty"`
	IsWholeDay  flexInt         `json:"is_whole_day"`
	Attendees   []attendeeJSON  `json:"attendees"`
	Summary     string          `json:"summary,omitempty"`
	Description string          `json:"description,omitempty"`
	Reminders   json.RawMessage `json:"reminders,omitempty"`
	Location    string          `json:"location,omitempty"`
	CalID       string          `json:"cal_id,omitempty"`
	Status      flexInt         `json:"status"`
	Sequence    flexInt         `json:"sequence"`
	// Flags kept as sent.
	AllowActiveJoin         json.RawMessage `json:"allow_active_join,omitempty"`
	OnlyOrganizerCreateChat json.RawMessage `json:"only_organizer_create_chat,omitempty"`
}

type attendeeJSON struct {
	UserID         string  `json:"userid"`
	ResponseStatus flexInt `json:"response_status"`
}

func (w scheduleJSON) period() oaPeriod {
	var p oaPeriod
	if w.StartTime != nil {
		p.start = int64(*w.StartTime)
	}
	if w.EndTime != nil {
		p.end = int64(*w.EndTime)
	}
	return p
}

// repeatRule is the repeat part of a schedule's reminders.
type repeatRule struct {
	IsRepeat    flexInt   `json:"is_repeat"`
	RepeatType  flexInt   `json:"repeat_type"`
	RepeatUntil flexInt   `json:"repeat_until"`
	IsCustom    flexInt   `json:"is_custom_repeat"`
	Interval    flexInt   `json:"repeat_interval"`
	DaysOfWeek  []flexInt `json:"repeat_day_of_week"`
	DaysOfMonth []flexInt `json:"repeat_day_of_month"`
	Timezone    flexInt   `json:"timezone"`
}

func (r repeatRule) equal(q repeatRule) bool {
	return r.IsRepeat == q.IsRepeat && r.RepeatType == q.RepeatType && r.RepeatUntil == q.RepeatUntil &&
		r.IsCustom == q.IsCustom && r.Interval == q.Interval && r.Timezone == q.Timezone &&
		slices.Equal(r.DaysOfWeek, q.DaysOfWeek) && slices.Equal(r.DaysOfMonth, q.DaysOfMonth)
}

// repeatRule returns the schedule's repeat rule; zero when it has none.
func (w scheduleJSON) repeatRule() repeatRule {
	var r repeatRule
	if len(w.Reminders) > 0 && json.Unmarshal(w.Reminders, &r) != nil {
		return repeatRule{}
	}
	if r.IsRepeat != 1 {
		return repeatRule{}
	}
	return r
}

func (w scheduleJSON) repeats() bool { return w.repeatRule().IsRepeat == 1 }

// sameRoomFields reports whether w and v agree on the fields a room
// booking depends on (page 97720): the period, is_whole_day and the
// repeat rule.
func (w scheduleJSON) sameRoomFields(v scheduleJSON) bool {
	return w.period() == v.period() && w.IsWholeDay == v.IsWholeDay && w.repeatRule().equal(v.repeatRule())
}

func (w scheduleJSON) clone() scheduleJSON {
	w.Admins = slices.Clone(w.Admins)
	w.Attendees = slices.Clone(w.Attendees)
	w.Reminders = slices.Clone(w.Reminders)
	w.AllowActiveJoin = slices.Clone(w.AllowActiveJoin)
	w.OnlyOrganizerCreateChat = slices.Clone(w.OnlyOrganizerCreateChat)
	return w
}

// roomJSON is a meeting room with the JSON names of oa/meetingroom.
type roomJSON struct {
	MeetingRoomID flexInt         `json:"meetingroom_id,omitempty"`
	Name          string          `json:"name"`
	Capacity      *flexInt        `json:"capacity,omitempty"`
	City          string          `json:"city,omitempty"`
	Building      string          `json:"building,omitempty"`
	Floor         string          `json:"floor,omitempty"`
	Equipment     []flexInt       `json:"equipment,omitempty"`
	Coordinate    json.RawMessage `json:"coordinate,omitempty"`
	Range         json.RawMessage `json:"range,omitempty"`
	NeedApproval  flexInt         `json:"need_approval,omitempty"`
}

// oaCorpOf returns the OA state of a corp, creating it; s.mu is held.
func (s *Server) oaCorpOf(corpID string) *oaCorp {
	if s.oa.corps == nil {
		s.oa.corps = map[string]*oaCorp{}
	}
	o := s.oa.corps[corpID]
	if o == nil {
		o = &oaCorp{calendars: map[string]*oaCalendar{}, schedules: map[string]*oaSchedule{},
			rooms: map[int64]*oaRoom{}, bookings: map[string]*oaBooking{}, meetings: map[string]oaPeriod{}}
		s.oa.corps[corpID] = o
	}
	return o
}

// oaID returns a new id with the prefix.
func (s *Server) oaID(prefix string) string {
	s.oa.seq++
	return fmt.Sprintf("%s%06d%s", prefix, s.oa.seq, strings.ToLower(randomToken(1))[:12])
}

// flexBool is a flag WeCom reads as true/false or 1/0.
type flexBool bool

// UnmarshalJSON accepts true, false, 1, 0, "1", "0" and null.
func (f *flexBool) UnmarshalJSON(b []byte) error {
	switch strings.TrimSpace(string(b)) {
	case "true":
		*f = true
		return nil
	case "false", "null":
		*f = false
		return nil
	}
	var n flexInt
	if err := n.UnmarshalJSON(b); err != nil {
		return err
	}
	*f = n != 0
	return nil
}

func agentOf(c *call) int64 {
	if c.token == nil {
		return 0
	}
	return c.token.agentID
}

// ---- calendars ----

// calendar finds a live calendar of the caller's app.
func (o *oaCorp) calendar(c *call, id string) (*oaCalendar, error) {
	cal := o.calendars[id]
	switch {
	case id == "" || cal == nil:
		return nil, errf(codeInvalidCalendarID, "invalid cal_id")
	case cal.agentID != agentOf(c):
		return nil, errf(codeOtherAppCalendar, "calendar created by another app")
	case cal.deleted:
		return nil, errf(codeCalendarDeleted, "calendar deleted")
	}
	return cal, nil
}

// checkShares returns the shares that name no member of the corp.
func checkShares(c *call, shares []shareJSON) []shareFailed {
	failed := []shareFailed{}
	for _, sh := range shares {
		if c.corp.user(sh.UserID) == nil {
			failed = append(failed, shareFailed{ErrCode: codeUserNotFound, ErrMsg: "userid not found", UserID: sh.UserID})
		}
	}
	return failed
}

func validCalendar(w *calendarJSON) error {
	switch {
	case w.Summary == "" || utf8.RuneCountInString(w.Summary) > 128:
		return invalidParam("calendar.summary is required (1 to 128 characters)")
	case !oaColor.MatchString(w.Color):
		return errf(codeInvalidColor, "invalid color: want #RRGGBB")
	}
	return nil
}

func (s *Server) calendarAdd(c *call) (any, error) {
	var in struct {
		Calendar *calendarJSON `json:"calendar"`
		AgentID  flexInt       `json:"agentid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.Calendar == nil {
		return nil, invalidParam("calendar is required")
	}
	w := *in.Calendar
	if err := validCalendar(&w); err != nil {
		return nil, err
	}
	if (w.IsPublic == 1 || w.IsCorpCalendar == 1) && w.PublicRange == nil {
		return nil, errf(codeMissingPublicRange, "a public or all-staff calendar needs public_range")
	}
	o := s.oaCorpOf(c.corp.id)
	failed := checkShares(c, w.Shares)
	w.CalID = "wc" + s.oaID("")
	cal := &oaCalendar{w: w, agentID: agentOf(c), isDefault: w.SetAsDefault == 1}
	cal.w.SetAsDefault = 0
	if cal.isDefault {
		for _, other := range o.calendars {
			if other.agentID == cal.agentID {
				other.isDefault = false
			}
		}
	}
	o.calendars[w.CalID] = cal
	o.calOrder = append(o.calOrder, w.CalID)
	return obj{"cal_id": w.CalID, "fail_result": obj{"shares": failed}}, nil
}

func (s *Server) calendarGet(c *call) (any, error) {
	var in struct {
		IDs []string `json:"cal_id_list"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	return oaGetList(in.IDs, "cal_id", codeEmptyCalendarIDList, "calendar_list", func(id string) (calendarJSON, error) {
		cal, err := o.calendar(c, id)
		if err != nil {
			return calendarJSON{}, err
		}
		return cal.w, nil
	})
}

// oaGetList answers calendar/get and schedule/get: the item of each id,
// in the order asked, under listKey; an empty list answers emptyCode, more
// than oaMaxIDs ids 40058, and the first id find refuses its error.
func oaGetList[W any](ids []string, idKey string, emptyCode int, listKey string, find func(id string) (W, error)) (any, error) {
	if len(ids) == 0 {
		return nil, errf(emptyCode, "%s_list is empty", idKey)
	}
	if len(ids) > oaMaxIDs {
		return nil, invalidParam("at most %d %s", oaMaxIDs, idKey)
	}
	list := make([]W, 0, len(ids))
	for _, id := range ids {
		w, err := find(id)
		if err != nil {
			return nil, err
		}
		list = append(list, w)
	}
	return obj{listKey: list}, nil
}

func (s *Server) calendarUpdate(c *call) (any, error) {
	var in struct {
		Skip     flexInt       `json:"skip_public_range"`
		Calendar *calendarJSON `json:"calendar"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.Calendar == nil {
		return nil, invalidParam("calendar is required")
	}
	w := *in.Calendar
	cal, err := s.oaCorpOf(c.corp.id).calendar(c, w.CalID)
	if err != nil {
		return nil, err
	}
	if err := validCalendar(&w); err != nil {
		return nil, err
	}
	failed := checkShares(c, w.Shares)
	// Whether it is public, all-staff or the default cannot change.
	w.SetAsDefault, w.IsPublic, w.IsCorpCalendar = 0, cal.w.IsPublic, cal.w.IsCorpCalendar
	if in.Skip == 1 {
		w.PublicRange = cal.w.PublicRange
	}
	cal.w = w
	return obj{"fail_result": obj{"shares": failed}}, nil
}

func (s *Server) calendarDel(c *call) (any, error) {
	var in struct {
		CalID string `json:"cal_id"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	cal, err := o.calendar(c, in.CalID)
	if err != nil {
		return nil, err
	}
	cal.deleted, cal.isDefault = true, false
	for _, sc := range o.schedules {
		if sc.w.CalID == in.CalID && !sc.deleted {
			o.deleteSchedule(sc)
		}
	}
	return obj{}, nil
}

// ---- schedules ----

// schedule finds a live schedule of the caller's app.
func (o *oaCorp) schedule(c *call, id string) (*oaSchedule, error) {
	sc := o.schedules[id]
	switch {
	case id == "" || sc == nil:
		return nil, errf(codeInvalidScheduleID, "invalid schedule_id")
	case sc.agentID != agentOf(c):
		return nil, errf(codeOtherAppCalendar, "schedule created by another app")
	case sc.deleted:
		return nil, errf(codeScheduleDeleted, "schedule deleted")
	}
	return sc, nil
}

// deleteSchedule deletes a schedule and cancels its room bookings.
func (o *oaCorp) deleteSchedule(sc *oaSchedule) {
	sc.deleted = true
	for _, b := range o.bookings {
		if b.scheduleID == sc.w.ScheduleID && !b.cancelled {
			b.cancelled = true
		}
	}
}

// activeBooking returns the live booking of a schedule, if any.
func (o *oaCorp) activeBooking(scheduleID string) *oaBooking {
	for _, id := range o.bookOrder {
		if b := o.bookings[id]; b.scheduleID == scheduleID && !b.cancelled {
			return b
		}
	}
	return nil
}

func validAttendees(list []attendeeJSON) error {
	if len(list) > oaMaxAttendees {
		return errf(codeTooManyAttendees, "at most %d attendees", oaMaxAttendees)
	}
	for _, a := range list {
		if a.UserID == "" {
			return invalidParam("attendees.userid is required")
		}
	}
	return nil
}

// validSchedule checks the fields WeCom requires of a schedule.
func validSchedule(w *scheduleJSON) error {
	if w.StartTime == nil || w.EndTime == nil || *w.StartTime <= 0 {
		return invalidParam("schedule.start_time and schedule.end_time are required")
	}
	if *w.EndTime <= *w.StartTime {
		return invalidParam("schedule.end_time must be after start_time")
	}
	if utf8.RuneCountInString(w.Summary) > 128 {
		return invalidParam("schedule.summary is longer than 128 characters")
	}
	return validAttendees(w.Attendees)
}

// dedupAttendees drops repeated userids and resets answers to pending.
func dedupAttendees(list []attendeeJSON) []attendeeJSON {
	out := make([]attendeeJSON, 0, len(list))
	for _, a := range list {
		if !slices.ContainsFunc(out, func(b attendeeJSON) bool { return strings.EqualFold(a.UserID, b.UserID) }) {
			out = append(out, attendeeJSON{UserID: a.UserID})
		}
	}
	return out
}

// addSchedule stores a new schedule; w is valid.
func (s *Server) addSchedule(o *oaCorp, agentID int64, w scheduleJSON) *oaSchedule {
	w.ScheduleID = s.oaID("")
	w.Status = 0
	w.Attendees = dedupAttendees(w.Attendees)
	sc := &oaSchedule{w: w, agentID: agentID}
	o.schedules[w.ScheduleID] = sc
	o.schOrder = append(o.schOrder, w.ScheduleID)
	return sc
}

func (s *Server) scheduleAdd(c *call) (any, error) {
	var in struct {
		Schedule *scheduleJSON `json:"schedule"`
		AgentID  flexInt       `json:"agentid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.Schedule == nil {
		return nil, invalidParam("schedule is required")
	}
	w := in.Schedule.clone()
	if err := validSchedule(&w); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	if w.CalID != "" {
		if _, err := o.calendar(c, w.CalID); err != nil {
			return nil, err
		}
	} else {
		for _, id := range o.calOrder {
			if cal := o.calendars[id]; cal.isDefault && cal.agentID == agentOf(c) {
				w.CalID = id
			}
		}
	}
	sc := s.addSchedule(o, agentOf(c), w)
	return obj{"schedule_id": sc.w.ScheduleID}, nil
}

func (s *Server) scheduleGet(c *call) (any, error) {
	var in struct {
		IDs []string `json:"schedule_id_list"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	return oaGetList(in.IDs, "schedule_id", codeEmptyScheduleIDList, "schedule_list", func(id string) (scheduleJSON, error) {
		sc, err := o.schedule(c, id)
		if err != nil {
			return scheduleJSON{}, err
		}
		return sc.w, nil
	})
}

func (s *Server) scheduleUpdate(c *call) (any, error) {
	var in struct {
		SkipAttendees flexBool      `json:"skip_attendees"`
		OpMode        flexInt       `json:"op_mode"`
		OpStartTime   flexInt       `json:"op_start_time"`
		Schedule      *scheduleJSON `json:"schedule"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.Schedule == nil {
		return nil, invalidParam("schedule is required")
	}
	o := s.oaCorpOf(c.corp.id)
	sc, err := o.schedule(c, in.Schedule.ScheduleID)
	if err != nil {
		return nil, err
	}
	w := in.Schedule.clone()
	if in.SkipAttendees {
		w.Attendees = sc.w.Attendees
	}
	if err := validSchedule(&w); err != nil {
		return nil, err
	}
	if err := checkOpMode(sc, in.OpMode, in.OpStartTime); err != nil {
		return nil, err
	}
	if w.Organizer != "" && !strings.EqualFold(w.Organizer, sc.w.Organizer) {
		return nil, errf(codeOrganizerUnchangeable, "the organizer cannot be changed")
	}
	if b := o.activeBooking(sc.w.ScheduleID); b != nil && !w.sameRoomFields(sc.w) {
		return nil, errf(codeCancelRoomFirst, "cancel the room booking before moving the schedule")
	}
	// The calendar cannot change (page 97720): a cal_id sent is not applied.
	w.CalID = sc.w.CalID
	if !in.SkipAttendees {
		w.Attendees = dedupAttendees(w.Attendees)
	}
	if in.OpMode != 0 {
		// WeCom trims the repeating schedule and splits off a new one that
		// takes the change: a single one for op_mode 1, the rest of the
		// series for 2 (page 96198). The fake keeps the original as it was.
		w.Organizer, w.Sequence = sc.w.Organizer, 0
		if in.OpMode == 1 {
			w.Reminders = singleReminders(w.Reminders)
		}
		return obj{"schedule_id": s.addSchedule(o, sc.agentID, w).w.ScheduleID}, nil
	}
	w.Organizer, w.Status, w.Sequence = sc.w.Organizer, sc.w.Status, sc.w.Sequence+1
	sc.w = w
	return obj{"schedule_id": sc.w.ScheduleID}, nil
}

func (s *Server) scheduleDel(c *call) (any, error) {
	var in struct {
		ScheduleID  string  `json:"schedule_id"`
		OpMode      flexInt `json:"op_mode"`
		OpStartTime flexInt `json:"op_start_time"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	sc, err := o.schedule(c, in.ScheduleID)
	if err != nil {
		return nil, err
	}
	if err := checkOpMode(sc, in.OpMode, in.OpStartTime); err != nil {
		return nil, err
	}
	if in.OpMode != 0 {
		// One occurrence (or the rest) of a repeating schedule: the fake
		// keeps the schedule.
		return obj{}, nil
	}
	o.deleteSchedule(sc)
	return obj{}, nil
}

// checkOpMode checks the op_mode of schedule/update and schedule/del: 0
// (the whole schedule), or 1 and 2 (one occurrence, or it and those
// after) of a repeating schedule, with the start of that occurrence in
// op_start_time (page 96198). The fake does not compute occurrences: a
// missing op_start_time, or one before the schedule starts, answers 90482.
// For op_mode 1 or 2 on a schedule that does not repeat the fake answers
// 90484, as the error-code page names it; page 96198 says 90485 there.
func checkOpMode(sc *oaSchedule, mode, opStart flexInt) error {
	switch mode {
	case 0:
		return nil
	case 1, 2:
		if !sc.w.repeats() {
			return errf(codeOnlyThisNeedsRepeat, "op_mode %d needs a repeating schedule", mode)
		}
		if opStart <= 0 || int64(opStart) < sc.w.period().start {
			return errf(codeInvalidOpStartTime, "invalid op_start_time")
		}
		return nil
	}
	return errf(codeInvalidOpMode, "invalid op_mode")
}

// singleReminders returns reminders with the repeat rule taken out, for
// the single schedule op_mode 1 splits off.
func singleReminders(raw json.RawMessage) json.RawMessage {
	var m map[string]json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil || m == nil {
		return raw
	}
	for _, k := range []string{"repeat_type", "repeat_until", "is_custom_repeat", "repeat_interval",
		"repeat_day_of_week", "repeat_day_of_month"} {
		delete(m, k)
	}
	m["is_repeat"] = json.RawMessage("0")
	b, err := json.Marshal(m)
	if err != nil {
		return raw
	}
	return b
}

// attendeesRequest decodes add_attendees and del_attendees.
func (s *Server) attendeesRequest(c *call) (*oaSchedule, []attendeeJSON, error) {
	var in struct {
		ScheduleID string         `json:"schedule_id"`
		Attendees  []attendeeJSON `json:"attendees"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, nil, err
	}
	sc, err := s.oaCorpOf(c.corp.id).schedule(c, in.ScheduleID)
	if err != nil {
		return nil, nil, err
	}
	if len(in.Attendees) == 0 {
		return nil, nil, invalidParam("attendees is required")
	}
	if err := validAttendees(in.Attendees); err != nil {
		return nil, nil, err
	}
	return sc, in.Attendees, nil
}

func (s *Server) scheduleAddAttendees(c *call) (any, error) {
	sc, add, err := s.attendeesRequest(c)
	if err != nil {
		return nil, err
	}
	all := append(slices.Clone(sc.w.Attendees), add...)
	if err := validAttendees(dedupAttendees(all)); err != nil {
		return nil, err
	}
	// Keep the answers of the attendees already there.
	for _, a := range dedupAttendees(add) {
		if !slices.ContainsFunc(sc.w.Attendees, func(b attendeeJSON) bool { return strings.EqualFold(a.UserID, b.UserID) }) {
			sc.w.Attendees = append(sc.w.Attendees, a)
		}
	}
	sc.w.Sequence++
	return obj{}, nil
}

func (s *Server) scheduleDelAttendees(c *call) (any, error) {
	sc, del, err := s.attendeesRequest(c)
	if err != nil {
		return nil, err
	}
	sc.w.Attendees = slices.DeleteFunc(sc.w.Attendees, func(a attendeeJSON) bool {
		return slices.ContainsFunc(del, func(b attendeeJSON) bool { return strings.EqualFold(a.UserID, b.UserID) })
	})
	sc.w.Sequence++
	return obj{}, nil
}

func (s *Server) scheduleGetByCalendar(c *call) (any, error) {
	var in struct {
		CalID  string   `json:"cal_id"`
		Offset flexInt  `json:"offset"`
		Limit  *flexInt `json:"limit"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	if _, err := o.calendar(c, in.CalID); err != nil {
		return nil, err
	}
	limit := flexInt(oaDefaultPageSize)
	if in.Limit != nil && *in.Limit != 0 {
		limit = *in.Limit
	}
	switch {
	case limit < 0 || limit > oaMaxPageSize:
		return nil, errf(codePageSizeLimit, "limit must be 1 to %d", oaMaxPageSize)
	case in.Offset < 0:
		return nil, errf(codeInvalidPage, "invalid offset")
	}
	var all []scheduleJSON
	for _, id := range o.schOrder {
		if sc := o.schedules[id]; sc.w.CalID == in.CalID && !sc.deleted {
			all = append(all, sc.w)
		}
	}
	page := []scheduleJSON{}
	if int(in.Offset) < len(all) {
		page = all[in.Offset:min(len(all), int(in.Offset+limit))]
	}
	return obj{"schedule_list": page}, nil
}

// ---- meeting rooms ----

func (o *oaCorp) room(id flexInt) (*oaRoom, error) {
	r := o.rooms[int64(id)]
	if r == nil {
		return nil, invalidParam("invalid meetingroom_id")
	}
	return r, nil
}

func validRoom(w *roomJSON) error {
	switch {
	case w.Name == "" || utf8.RuneCountInString(w.Name) > 30:
		return invalidParam("name is required (at most 30 characters)")
	case w.Capacity == nil || *w.Capacity <= 0:
		return invalidParam("capacity is required")
	}
	n := 0
	for _, f := range []string{w.City, w.Building, w.Floor} {
		if f != "" {
			n++
		}
	}
	if n != 0 && n != 3 {
		return invalidParam("city, building and floor go together")
	}
	return nil
}

// addRoom stores a new room; w is valid.
func (s *Server) addRoom(o *oaCorp, w roomJSON) int64 {
	s.oa.lastRoom++
	w.MeetingRoomID, w.NeedApproval = flexInt(s.oa.lastRoom), 0
	o.rooms[s.oa.lastRoom] = &oaRoom{w: w}
	return s.oa.lastRoom
}

func (s *Server) roomAdd(c *call) (any, error) {
	var w roomJSON
	if err := decodeBody(c.body, &w); err != nil {
		return nil, err
	}
	if err := validRoom(&w); err != nil {
		return nil, err
	}
	return obj{"meetingroom_id": s.addRoom(s.oaCorpOf(c.corp.id), w)}, nil
}

// locationFilter is the city/building/floor narrowing of list and
// get_booking_info: each level needs the one above it.
type locationFilter struct {
	City     string `json:"city"`
	Building string `json:"building"`
	Floor    string `json:"floor"`
}

func (f locationFilter) check() error {
	if (f.Building != "" && f.City == "") || (f.Floor != "" && f.Building == "") {
		return invalidParam("building needs city, floor needs building")
	}
	return nil
}

func (f locationFilter) match(w roomJSON) bool {
	return (f.City == "" || f.City == w.City) && (f.Building == "" || f.Building == w.Building) &&
		(f.Floor == "" || f.Floor == w.Floor)
}

// sortedRooms returns the rooms in id order.
func (o *oaCorp) sortedRooms() []*oaRoom {
	ids := make([]int64, 0, len(o.rooms))
	for id := range o.rooms {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]*oaRoom, len(ids))
	for i, id := range ids {
		out[i] = o.rooms[id]
	}
	return out
}

func (s *Server) roomList(c *call) (any, error) {
	var in struct {
		locationFilter
		Equipment []flexInt `json:"equipment"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	list := []roomJSON{}
	for _, r := range s.oaCorpOf(c.corp.id).sortedRooms() {
		if in.match(r.w) && !slices.ContainsFunc(in.Equipment, func(e flexInt) bool { return !slices.Contains(r.w.Equipment, e) }) {
			list = append(list, r.w)
		}
	}
	return obj{"meetingroom_list": list}, nil
}

func (s *Server) roomEdit(c *call) (any, error) {
	var w roomJSON
	if err := decodeBody(c.body, &w); err != nil {
		return nil, err
	}
	r, err := s.oaCorpOf(c.corp.id).room(w.MeetingRoomID)
	if err != nil {
		return nil, err
	}
	if w.Capacity == nil {
		w.Capacity = r.w.Capacity
	}
	if err := validRoom(&w); err != nil {
		return nil, err
	}
	w.NeedApproval = r.w.NeedApproval
	r.w = w
	return obj{}, nil
}

func (s *Server) roomDel(c *call) (any, error) {
	var in struct {
		ID flexInt `json:"meetingroom_id"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	if _, err := o.room(in.ID); err != nil {
		return nil, err
	}
	delete(o.rooms, int64(in.ID))
	for _, b := range o.bookings {
		if b.roomID == int64(in.ID) {
			b.cancelled = true
		}
	}
	return obj{}, nil
}

// bookingJSON is a booking as get_booking_info and bookinfo/get send it.
type bookingJSON struct {
	BookingID  string `json:"booking_id"`
	ScheduleID string `json:"schedule_id,omitempty"`
	MeetingID  string `json:"meeting_id,omitempty"`
	StartTime  int64  `json:"start_time"`
	EndTime    int64  `json:"end_time"`
	Booker     string `json:"booker"`
	Status     int    `json:"status"`
}

func (b *oaBooking) json() bookingJSON {
	status := 0
	if b.cancelled {
		status = 1
	}
	return bookingJSON{BookingID: b.id, ScheduleID: b.scheduleID, MeetingID: b.meetingID,
		StartTime: b.period.start, EndTime: b.period.end, Booker: b.booker, Status: status}
}

func (s *Server) roomBookingInfo(c *call) (any, error) {
	var in struct {
		locationFilter
		ID        flexInt `json:"meetingroom_id"`
		StartTime flexInt `json:"start_time"`
		EndTime   flexInt `json:"end_time"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	now := s.now()
	p := oaPeriod{int64(in.StartTime), int64(in.EndTime)}
	if p.start == 0 {
		p.start = now.Unix()
	}
	if p.end == 0 {
		y, m, d := now.In(oaZone).Date()
		p.end = time.Date(y, m, d+1, 0, 0, 0, 0, oaZone).Unix()
	}
	if p.end <= p.start {
		return nil, invalidParam("end_time must be after start_time")
	}
	o := s.oaCorpOf(c.corp.id)
	if in.ID != 0 {
		if _, err := o.room(in.ID); err != nil {
			return nil, err
		}
	}
	list := []obj{}
	for _, r := range o.sortedRooms() {
		if (in.ID != 0 && r.w.MeetingRoomID != in.ID) || !in.match(r.w) {
			continue
		}
		found := []bookingJSON{}
		for _, id := range o.bookOrder {
			if b := o.bookings[id]; b.roomID == int64(r.w.MeetingRoomID) && !b.cancelled && b.period.overlaps(p) {
				found = append(found, b.json())
			}
		}
		list = append(list, obj{"meetingroom_id": r.w.MeetingRoomID, "schedule": found})
	}
	return obj{"booking_list": list}, nil
}

// book books room for p after checking the booker and the slot.
func (s *Server) book(c *call, o *oaCorp, roomID flexInt, booker string, p oaPeriod) (*oaBooking, error) {
	if _, err := o.room(roomID); err != nil {
		return nil, err
	}
	if booker == "" {
		return nil, invalidParam("booker is required")
	}
	if c.corp.user(booker) == nil {
		return nil, errf(codeUserNotFound, "booker %q not found", booker)
	}
	if p.start <= 0 || p.end <= p.start {
		return nil, invalidParam("start_time and end_time are required, end after start")
	}
	for _, id := range o.bookOrder {
		if b := o.bookings[id]; b.roomID == int64(roomID) && !b.cancelled && b.period.overlaps(p) {
			return nil, errf(CodeRoomBooked, "meeting room already booked in this period")
		}
	}
	b := &oaBooking{id: "bk" + s.oaID(""), roomID: int64(roomID), booker: booker, period: p}
	o.bookings[b.id] = b
	o.bookOrder = append(o.bookOrder, b.id)
	return b, nil
}

func (s *Server) roomBook(c *call) (any, error) {
	var in struct {
		ID        flexInt  `json:"meetingroom_id"`
		Subject   string   `json:"subject"`
		StartTime flexInt  `json:"start_time"`
		EndTime   flexInt  `json:"end_time"`
		Booker    string   `json:"booker"`
		Attendees []string `json:"attendees"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	b, err := s.book(c, o, in.ID, in.Booker, oaPeriod{int64(in.StartTime), int64(in.EndTime)})
	if err != nil {
		return nil, err
	}
	start, end := in.StartTime, in.EndTime
	w := scheduleJSON{Organizer: in.Booker, StartTime: &start, EndTime: &end, Summary: in.Subject,
		Location: o.rooms[int64(in.ID)].w.Name}
	for _, u := range in.Attendees {
		w.Attendees = append(w.Attendees, attendeeJSON{UserID: u})
	}
	sc := s.addSchedule(o, agentOf(c), w)
	b.scheduleID, b.ownSchedule = sc.w.ScheduleID, true
	return obj{"booking_id": b.id, "schedule_id": b.scheduleID}, nil
}

func (s *Server) roomBookBySchedule(c *call) (any, error) {
	var in struct {
		ID         flexInt `json:"meetingroom_id"`
		ScheduleID string  `json:"schedule_id"`
		Booker     string  `json:"booker"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	sc, err := o.schedule(c, in.ScheduleID)
	if err != nil {
		return nil, err
	}
	if prev := o.activeBooking(sc.w.ScheduleID); prev != nil && prev.roomID != int64(in.ID) {
		return nil, errf(codeScheduleHasOtherRoom, "the schedule already holds another meeting room")
	}
	b, err := s.book(c, o, in.ID, in.Booker, sc.w.period())
	if err != nil {
		return nil, err
	}
	b.scheduleID = sc.w.ScheduleID
	if sc.w.Location == "" {
		sc.w.Location = o.rooms[int64(in.ID)].w.Name
	}
	return obj{"booking_id": b.id}, nil
}

func (s *Server) roomBookByMeeting(c *call) (any, error) {
	var in struct {
		ID        flexInt `json:"meetingroom_id"`
		MeetingID string  `json:"meetingid"`
		Booker    string  `json:"booker"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	p, ok := o.meetings[in.MeetingID]
	if !ok {
		return nil, errf(codeInvalidMeetingID, "invalid meetingid")
	}
	b, err := s.book(c, o, in.ID, in.Booker, p)
	if err != nil {
		return nil, err
	}
	b.meetingID = in.MeetingID
	return obj{"booking_id": b.id}, nil
}

func (s *Server) roomCancelBook(c *call) (any, error) {
	var in struct {
		BookingID    string  `json:"booking_id"`
		MeetingID    string  `json:"meeting_id"`
		KeepSchedule flexInt `json:"keep_schedule"`
		CancelDate   flexInt `json:"cancel_date"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	var b *oaBooking
	switch {
	case in.BookingID != "":
		b = o.bookings[in.BookingID]
	case in.MeetingID != "":
		for _, id := range o.bookOrder {
			if bk := o.bookings[id]; bk.meetingID == in.MeetingID && !bk.cancelled {
				b = bk
			}
		}
	default:
		return nil, invalidParam("booking_id or meeting_id is required")
	}
	if b == nil || b.cancelled {
		return nil, invalidParam("invalid booking_id or meeting_id, or the booking was cancelled")
	}
	b.cancelled = true
	if b.ownSchedule && in.KeepSchedule != 1 {
		if sc := o.schedules[b.scheduleID]; sc != nil {
			sc.deleted = true
		}
	}
	return obj{}, nil
}

func (s *Server) roomBookInfoGet(c *call) (any, error) {
	var in struct {
		ID        flexInt `json:"meetingroom_id"`
		BookingID string  `json:"booking_id"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	b := o.bookings[in.BookingID]
	if b == nil || b.roomID != int64(in.ID) {
		return nil, invalidParam("invalid meetingroom_id or booking_id")
	}
	return obj{"meetingroom_id": b.roomID, "schedule": b.json()}, nil
}

func (s *Server) roomBookingByMeeting(c *call) (any, error) {
	var in struct {
		ID        flexInt `json:"meetingroom_id"`
		MeetingID string  `json:"meeting_id"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	o := s.oaCorpOf(c.corp.id)
	if in.MeetingID == "" {
		return nil, invalidParam("meeting_id is required")
	}
	if _, err := o.room(in.ID); err != nil {
		return nil, err
	}
	// A list, as the page's sample has it (a repeating meeting holds one
	// booking per occurrence).
	found := []bookingJSON{}
	for _, id := range o.bookOrder {
		if b := o.bookings[id]; b.meetingID == in.MeetingID && b.roomID == int64(in.ID) {
			found = append(found, b.json())
		}
	}
	return obj{"meetingroom_id": in.ID, "schedule": found}, nil
}

// ---- typed accessors ----

// MeetingRoom is a room of the fake, for [Server.AddMeetingRoom].
type MeetingRoom struct {
	Name     string
	Capacity int
	// City, Building and Floor are set together or not at all.
	City, Building, Floor string
	// Equipment lists WeCom's equipment codes (1 TV, 2 phone, 3
	// projector, 4 whiteboard, 5 video).
	Equipment []int
}

// AddMeetingRoom adds a meeting room to a corp, as oa/meetingroom/add
// does, and returns its id.
func (s *Server) AddMeetingRoom(corpID string, room MeetingRoom) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.corps[corpID] == nil {
		return 0, fmt.Errorf("%w: unknown corp %q", ErrSetup, corpID)
	}
	capacity := flexInt(room.Capacity)
	w := roomJSON{Name: room.Name, Capacity: &capacity, City: room.City, Building: room.Building, Floor: room.Floor}
	for _, e := range room.Equipment {
		w.Equipment = append(w.Equipment, flexInt(e))
	}
	if err := validRoom(&w); err != nil {
		return 0, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	return s.addRoom(s.oaCorpOf(corpID), w), nil
}

// SetMeetingPeriod tells the fake when a meeting (会议, made with
// meeting/create) of a corp takes place, so that
// oa/meetingroom/book_by_meeting can book a room for it.
func (s *Server) SetMeetingPeriod(corpID, meetingID string, start, end time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.corps[corpID] == nil || meetingID == "" || !end.After(start) {
		return fmt.Errorf("%w: unknown corp %q, empty meeting id or reversed period", ErrSetup, corpID)
	}
	s.oaCorpOf(corpID).meetings[meetingID] = oaPeriod{start.Unix(), end.Unix()}
	return nil
}

// RoomBooking is a booking of a meeting room as the fake holds it.
type RoomBooking struct {
	BookingID     string
	MeetingRoomID int64
	// ScheduleID is the schedule booked for (book_by_schedule) or created
	// by the booking (book); MeetingID the meeting of book_by_meeting.
	ScheduleID string
	MeetingID  string
	Booker     string
	Start, End time.Time
	Cancelled  bool
}

// Bookings returns every booking of a meeting room (ids are unique across
// the server), cancelled ones included, oldest first.
func (s *Server) Bookings(meetingRoomID int64) []RoomBooking {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []RoomBooking
	for _, o := range s.oa.corps {
		for _, id := range o.bookOrder {
			b := o.bookings[id]
			if b.roomID != meetingRoomID {
				continue
			}
			out = append(out, RoomBooking{BookingID: b.id, MeetingRoomID: b.roomID, ScheduleID: b.scheduleID,
				MeetingID: b.meetingID, Booker: b.booker, Start: time.Unix(b.period.start, 0),
				End: time.Unix(b.period.end, 0), Cancelled: b.cancelled})
		}
	}
	return out
}

// Schedule is a schedule as the fake holds it.
type Schedule struct {
	ScheduleID string
	CalID      string // "" for a schedule in no calendar of the app
	Organizer  string // as sent; the booker, for a schedule created by a booking
	Summary    string
	Location   string
	Start, End time.Time
	Attendees  []string
	Deleted    bool
}

// Schedules returns the schedules of a corp, deleted ones included,
// oldest first; a non-empty calID keeps those of that calendar.
func (s *Server) Schedules(corpID, calID string) []Schedule {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.oa.corps[corpID]
	if o == nil {
		return nil
	}
	var out []Schedule
	for _, id := range o.schOrder {
		sc := o.schedules[id]
		if calID != "" && sc.w.CalID != calID {
			continue
		}
		p := sc.w.period()
		v := Schedule{ScheduleID: sc.w.ScheduleID, CalID: sc.w.CalID, Organizer: sc.w.Organizer, Summary: sc.w.Summary,
			Location: sc.w.Location, Start: time.Unix(p.start, 0), End: time.Unix(p.end, 0), Deleted: sc.deleted}
		for _, a := range sc.w.Attendees {
			v.Attendees = append(v.Attendees, a.UserID)
		}
		out = append(out, v)
	}
	return out
}

// Calendars returns the ids of a corp's calendars that are not deleted,
// oldest first.
func (s *Server) Calendars(corpID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.oa.corps[corpID]
	if o == nil {
		return nil
	}
	var out []string
	for _, id := range o.calOrder {
		if !o.calendars[id].deleted {
			out = append(out, id)
		}
	}
	return out
}
