package work

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// MeetingRoomService wraps oa/meetingroom (会议室): rooms with their
// equipment, and bookings by time, by schedule and by meeting.
type MeetingRoomService service

// RoomEquipment is a piece of a meeting room's equipment (equipment).
type RoomEquipment int

// Values of RoomEquipment.
const (
	EquipmentTV         RoomEquipment = 1 // 电视
	EquipmentPhone      RoomEquipment = 2 // 电话
	EquipmentProjector  RoomEquipment = 3 // 投影
	EquipmentWhiteboard RoomEquipment = 4 // 白板
	EquipmentVideo      RoomEquipment = 5 // 视频
)

// RoomCoordinate is where a room is (strings, as WeCom sends them).
type RoomCoordinate struct {
	Latitude  string `json:"latitude"`
	Longitude string `json:"longitude"`
}

// RoomRange is who may book a room (range).
type RoomRange struct {
	UserList       []string `json:"user_list,omitempty"`
	DepartmentList []int64  `json:"department_list,omitempty"`
}

// MeetingRoom is one meeting room. MeetingRoomID is set by WeCom.
type MeetingRoom struct {
	MeetingRoomID int64
	Name          string
	Capacity      int
	City          string
	Building      string
	Floor         string
	Equipment     []RoomEquipment
	Coordinate    *RoomCoordinate
	Range         *RoomRange
	// NeedApproval is read back only (need_approval, 1 or 0): bookings of
	// the room need an approval. Add and Edit never send it.
	NeedApproval bool
}

type meetingRoomWire struct {
	MeetingRoomID int64           `json:"meetingroom_id,omitempty"`
	Name          string          `json:"name"`
	Capacity      int             `json:"capacity"`
	City          string          `json:"city,omitempty"`
	Building      string          `json:"building,omitempty"`
	Floor         string          `json:"floor,omitempty"`
	Equipment     []RoomEquipment `json:"equipment,omitempty"`
	Coordinate    *RoomCoordinate `json:"coordinate,omitempty"`
	Range         *RoomRange      `json:"range,omitempty"`
	NeedApproval  oneZero         `json:"need_approval,omitempty"`
}

// MarshalJSON encodes r as WeCom reads it (need_approval as 1 when set).
func (r MeetingRoom) MarshalJSON() ([]byte, error) {
	return json.Marshal(meetingRoomWire{r.MeetingRoomID, r.Name, r.Capacity, r.City, r.Building, r.Floor,
		r.Equipment, r.Coordinate, r.Range, oneZero(r.NeedApproval)})
}

// UnmarshalJSON decodes a room leniently; need_approval may be 1/0, "1"
// or true/false.
func (r *MeetingRoom) UnmarshalJSON(data []byte) error {
	var w meetingRoomWire
	if err := decodeLenient(data, &w); err != nil {
		return err
	}
	*r = MeetingRoom{w.MeetingRoomID, w.Name, w.Capacity, w.City, w.Building, w.Floor,
		w.Equipment, w.Coordinate, w.Range, bool(w.NeedApproval)}
	return nil
}

// Add creates a meeting room and returns its id (oa/meetingroom/add). Not
// repeated after a transient failure (a repeat would add a second room).
func (s *MeetingRoomService) Add(ctx context.Context, room MeetingRoom) (int64, error) {
	if room.Name == "" {
		return 0, errCalendarArg("name")
	}
	room.MeetingRoomID, room.NeedApproval = 0, false
	out, err := postAs[struct {
		MeetingRoomID int64 `json:"meetingroom_id"`
	}](ctx, (*service)(s), "/cgi-bin/oa/meetingroom/add", room, api.Unsafe)
	if err != nil {
		return 0, err
	}
	return out.MeetingRoomID, nil
}

// MeetingRoomFilter narrows oa/meetingroom/list; the zero value lists every
// room.
type MeetingRoomFilter struct {
	City      string          `json:"city,omitempty"`
	Building  string          `json:"building,omitempty"`
	Floor     string          `json:"floor,omitempty"`
	Equipment []RoomEquipment `json:"equipment,omitempty"`
}

// List returns the rooms matching f (oa/meetingroom/list).
func (s *MeetingRoomService) List(ctx context.Context, f MeetingRoomFilter) ([]MeetingRoom, error) {
	out, err := postAs[struct {
		List []MeetingRoom `json:"meetingroom_list"`
	}](ctx, (*service)(s), "/cgi-bin/oa/meetingroom/list", f, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.List, nil
}

// Edit changes the room room.MeetingRoomID (oa/meetingroom/edit).
func (s *MeetingRoomService) Edit(ctx context.Context, room MeetingRoom) error {
	if room.MeetingRoomID == 0 {
		return errCalendarArg("meetingroom_id")
	}
	room.NeedApproval = false
	return (*service)(s).post(ctx, "/cgi-bin/oa/meetingroom/edit", room, nil, api.Idempotent)
}

// Delete deletes a room (oa/meetingroom/del). Not repeated after a
// transient failure.
func (s *MeetingRoomService) Delete(ctx context.Context, meetingRoomID int64) error {
	if meetingRoomID == 0 {
		return errCalendarArg("meetingroom_id")
	}
	return (*service)(s).post(ctx, "/cgi-bin/oa/meetingroom/del", map[string]int64{"meetingroom_id": meetingRoomID}, nil, api.Unsafe)
}

// BookingStatus is the state of a booking (status; page 93620:
// 0 已预定, 1 已取消, 2 申请中, 3 审批中).
type BookingStatus int

// Values of BookingStatus.
const (
	// BookingBooked: the room is booked (已预定).
	BookingBooked BookingStatus = 0
	// BookingCancelled: the booking was cancelled (已取消); it no longer
	// holds the room.
	BookingCancelled BookingStatus = 1
	// BookingAwaitingApprove: the booking of a room that needs an approval
	// was requested (申请中).
	BookingAwaitingApprove BookingStatus = 2
	// BookingInApproval: the booking's approval is under way (审批中).
	BookingInApproval BookingStatus = 3
	// BookingAwaitingRelease is status 3.
	//
	// Deprecated: status 3 is 审批中 (under approval), not a release; use
	// BookingInApproval.
	BookingAwaitingRelease = BookingInApproval
)

// RoomBooking is one booking of a room.
type RoomBooking struct {
	BookingID       string
	MasterBookingID string // the booking a repeat occurrence belongs to
	MeetingID       string // set for a booking by meeting
	ScheduleID      string
	Start, End      time.Time
	Booker          string
	Status          BookingStatus
}

type bookingWire struct {
	BookingID       string        `json:"booking_id"`
	MasterBookingID string        `json:"master_booking_id"`
	MeetingID       string        `json:"meeting_id"`
	ScheduleID      string        `json:"schedule_id"`
	StartTime       looseInt      `json:"start_time"`
	EndTime         looseInt      `json:"end_time"`
	Booker          string        `json:"booker"`
	Status          BookingStatus `json:"status"`
}

// UnmarshalJSON decodes a booking leniently.
func (b *RoomBooking) UnmarshalJSON(data []byte) error {
	var w bookingWire
	if err := decodeLenient(data, &w); err != nil {
		return err
	}
	*b = RoomBooking{BookingID: w.BookingID, MasterBookingID: w.MasterBookingID, MeetingID: w.MeetingID,
		ScheduleID: w.ScheduleID, Start: calTime(w.StartTime), End: calTime(w.EndTime), Booker: w.Booker, Status: w.Status}
	return nil
}

// RoomBookings are the bookings of one room.
type RoomBookings struct {
	MeetingRoomID int64         `json:"meetingroom_id"`
	Schedule      []RoomBooking `json:"schedule"`
}

// BookingQuery is the body of oa/meetingroom/get_booking_info: the rooms
// (one, or those of a city/building/floor) and the period, at most 30 days
// from today on (zero: today).
type BookingQuery struct {
	MeetingRoomID int64
	Start, End    time.Time
	City          string
	Building      string
	Floor         string
}

// MarshalJSON encodes q as WeCom reads it.
func (q BookingQuery) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		MeetingRoomID int64  `json:"meetingroom_id,omitempty"`
		StartTime     int64  `json:"start_time,omitempty"`
		EndTime       int64  `json:"end_time,omitempty"`
		City          string `json:"city,omitempty"`
		Building      string `json:"building,omitempty"`
		Floor         string `json:"floor,omitempty"`
	}{q.MeetingRoomID, calUnix(q.Start), calUnix(q.End), q.City, q.Building, q.Floor})
}

// Bookings returns the bookings of the rooms and period of q
// (oa/meetingroom/get_booking_info).
func (s *MeetingRoomService) Bookings(ctx context.Context, q BookingQuery) ([]RoomBookings, error) {
	if !q.Start.IsZero() || !q.End.IsZero() {
		if err := checkPeriod(q.Start, q.End, ErrInvalidCalendarRequest); err != nil {
			return nil, err
		}
	}
	out, err := postAs[struct {
		BookingList []RoomBookings `json:"booking_list"`
	}](ctx, (*service)(s), "/cgi-bin/oa/meetingroom/get_booking_info", q, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.BookingList, nil
}

// BookRequest is the body of oa/meetingroom/book.
type BookRequest struct {
	MeetingRoomID int64
	Subject       string
	Start, End    time.Time
	Booker        string
	Attendees     []string
}

// MarshalJSON encodes r as WeCom reads it.
func (r BookRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		MeetingRoomID int64    `json:"meetingroom_id"`
		Subject       string   `json:"subject,omitempty"`
		StartTime     int64    `json:"start_time"`
		EndTime       int64    `json:"end_time"`
		Booker        string   `json:"booker"`
		Attendees     []string `json:"attendees,omitempty"`
	}{r.MeetingRoomID, r.Subject, calUnix(r.Start), calUnix(r.End), r.Booker, r.Attendees})
}

// Booked is the answer of a booking: its id and the schedule WeCom
// created (or, by schedule or meeting, the dates of a repeating one that
// conflict with other bookings, when any).
type Booked struct {
	BookingID  string
	ScheduleID string
	// ConflictDate is the first of ConflictDates (the zero time for none).
	//
	// Deprecated: WeCom sends a list of dates; use ConflictDates.
	ConflictDate time.Time
	// ConflictDates are the dates (conflict_date) of the occurrences of a
	// repeating schedule or meeting that could not be booked.
	ConflictDates []time.Time
}

// UnmarshalJSON decodes the answer leniently; conflict_date may be a list
// of Unix seconds (as documented) or a single one.
func (b *Booked) UnmarshalJSON(data []byte) error {
	var w struct {
		BookingID    string          `json:"booking_id"`
		ScheduleID   string          `json:"schedule_id"`
		ConflictDate json.RawMessage `json:"conflict_date"`
	}
	if err := decodeLenient(data, &w); err != nil {
		return err
	}
	*b = Booked{BookingID: w.BookingID, ScheduleID: w.ScheduleID}
	var dates []looseInt
	if raw := bytes.TrimSpace(w.ConflictDate); len(raw) > 0 && raw[0] == '[' {
		// One odd date never fails the call: drop what is not a number.
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) == nil {
			for _, it := range items {
				var n looseInt
				if n.UnmarshalJSON(it) == nil {
					dates = append(dates, n)
				}
			}
		}
	} else if len(raw) > 0 {
		var n looseInt
		if n.UnmarshalJSON(raw) == nil {
			dates = append(dates, n)
		}
	}
	for _, n := range dates {
		if n != 0 {
			b.ConflictDates = append(b.ConflictDates, calTime(n))
		}
	}
	if len(b.ConflictDates) > 0 {
		b.ConflictDate = b.ConflictDates[0]
	}
	return nil
}

// Book books a room for a period (oa/meetingroom/book). Not repeated after
// a transient failure: a repeat after a lost answer would fail as booked.
func (s *MeetingRoomService) Book(ctx context.Context, req BookRequest) (*Booked, error) {
	if err := checkBooking(req.MeetingRoomID, "", "", req.Booker); err != nil {
		return nil, err
	}
	if err := checkPeriod(req.Start, req.End, ErrInvalidCalendarRequest); err != nil {
		return nil, err
	}
	return postAs[Booked](ctx, (*service)(s), "/cgi-bin/oa/meetingroom/book", req, api.Unsafe)
}

// checkBooking refuses a booking without a room or a booker, or, where
// idKey is set, without the schedule or meeting id (id) it books for.
func checkBooking(roomID int64, idKey, id, booker string) error {
	switch {
	case roomID == 0:
		return errCalendarArg("meetingroom_id")
	case idKey != "" && id == "":
		return errCalendarArg(idKey)
	case booker == "":
		return errCalendarArg("booker")
	}
	return nil
}

// BookByScheduleRequest is the body of oa/meetingroom/book_by_schedule.
type BookByScheduleRequest struct {
	MeetingRoomID int64  `json:"meetingroom_id"`
	ScheduleID    string `json:"schedule_id"`
	Booker        string `json:"booker"`
}

// BookBySchedule books a room for the period of a schedule
// (oa/meetingroom/book_by_schedule). Not repeated after a transient failure.
func (s *MeetingRoomService) BookBySchedule(ctx context.Context, req BookByScheduleRequest) (*Booked, error) {
	if err := checkBooking(req.MeetingRoomID, "schedule_id", req.ScheduleID, req.Booker); err != nil {
		return nil, err
	}
	return postAs[Booked](ctx, (*service)(s), "/cgi-bin/oa/meetingroom/book_by_schedule", req, api.Unsafe)
}

// BookByMeetingRequest is the body of oa/meetingroom/book_by_meeting.
type BookByMeetingRequest struct {
	MeetingRoomID int64  `json:"meetingroom_id"`
	MeetingID     string `json:"meetingid"`
	Booker        string `json:"booker"`
}

// BookByMeeting books a room for the period of a meeting
// (oa/meetingroom/book_by_meeting). Not repeated after a transient failure.
func (s *MeetingRoomService) BookByMeeting(ctx context.Context, req BookByMeetingRequest) (*Booked, error) {
	if err := checkBooking(req.MeetingRoomID, "meetingid", req.MeetingID, req.Booker); err != nil {
		return nil, err
	}
	return postAs[Booked](ctx, (*service)(s), "/cgi-bin/oa/meetingroom/book_by_meeting", req, api.Unsafe)
}

// CancelBookingRequest is the body of oa/meetingroom/cancel_book: a
// booking by BookingID, or one by meeting by MeetingID.
type CancelBookingRequest struct {
	BookingID string
	MeetingID string
	// KeepSchedule keeps the schedule the booking created.
	KeepSchedule bool
	// Date, for a repeating booking, cancels the occurrence of that day
	// only.
	Date time.Time
}

// MarshalJSON encodes r as WeCom reads it.
func (r CancelBookingRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		BookingID    string  `json:"booking_id,omitempty"`
		MeetingID    string  `json:"meeting_id,omitempty"`
		KeepSchedule oneZero `json:"keep_schedule,omitempty"`
		CancelDate   int64   `json:"cancel_date,omitempty"`
	}{r.BookingID, r.MeetingID, oneZero(r.KeepSchedule), calUnix(r.Date)})
}

// CancelBooking cancels a booking (oa/meetingroom/cancel_book). Not
// repeated after a transient failure.
func (s *MeetingRoomService) CancelBooking(ctx context.Context, req CancelBookingRequest) error {
	if req.BookingID == "" && req.MeetingID == "" {
		return errCalendarArg("booking_id or meeting_id")
	}
	return (*service)(s).post(ctx, "/cgi-bin/oa/meetingroom/cancel_book", req, nil, api.Unsafe)
}

// BookingInfo is a single booking with its room.
type BookingInfo struct {
	MeetingRoomID int64       `json:"meetingroom_id"`
	Schedule      RoomBooking `json:"schedule"`
	// Schedules are the bookings WeCom sent: get_booking_info_by_meeting_id
	// sends a list (Schedule is then its first entry), bookinfo/get one.
	Schedules []RoomBooking `json:"-"`
}

// UnmarshalJSON decodes the answer leniently; schedule may be one booking
// or a list of them.
func (b *BookingInfo) UnmarshalJSON(data []byte) error {
	var w struct {
		MeetingRoomID looseInt        `json:"meetingroom_id"`
		Schedule      json.RawMessage `json:"schedule"`
	}
	if err := decodeLenient(data, &w); err != nil {
		return err
	}
	*b = BookingInfo{MeetingRoomID: int64(w.MeetingRoomID)}
	raw := bytes.TrimSpace(w.Schedule)
	switch {
	case len(raw) > 0 && raw[0] == '[':
		if err := decodeLenient(raw, &b.Schedules); err != nil {
			return err
		}
	case len(raw) > 0 && raw[0] == '{':
		var one RoomBooking
		if err := one.UnmarshalJSON(raw); err != nil {
			return err
		}
		b.Schedules = []RoomBooking{one}
	}
	if len(b.Schedules) > 0 {
		b.Schedule = b.Schedules[0]
	}
	return nil
}

// BookingInfoRequest is the body of oa/meetingroom/bookinfo/get.
type BookingInfoRequest struct {
	MeetingRoomID int64  `json:"meetingroom_id"`
	BookingID     string `json:"booking_id"`
}

// Booking returns one booking (oa/meetingroom/bookinfo/get).
func (s *MeetingRoomService) Booking(ctx context.Context, req BookingInfoRequest) (*BookingInfo, error) {
	switch {
	case req.MeetingRoomID == 0:
		return nil, errCalendarArg("meetingroom_id")
	case req.BookingID == "":
		return nil, errCalendarArg("booking_id")
	}
	return postAs[BookingInfo](ctx, (*service)(s), "/cgi-bin/oa/meetingroom/bookinfo/get", req, api.Idempotent)
}

// BookingByMeetingRequest is the body of
// oa/meetingroom/get_booking_info_by_meeting_id.
type BookingByMeetingRequest struct {
	MeetingRoomID int64  `json:"meetingroom_id"`
	MeetingID     string `json:"meeting_id"`
}

// BookingByMeeting returns the booking of a room made for a meeting
// (oa/meetingroom/get_booking_info_by_meeting_id).
func (s *MeetingRoomService) BookingByMeeting(ctx context.Context, req BookingByMeetingRequest) (*BookingInfo, error) {
	switch {
	case req.MeetingRoomID == 0:
		return nil, errCalendarArg("meetingroom_id")
	case req.MeetingID == "":
		return nil, errCalendarArg("meeting_id")
	}
	return postAs[BookingInfo](ctx, (*service)(s), "/cgi-bin/oa/meetingroom/get_booking_info_by_meeting_id", req, api.Idempotent)
}
