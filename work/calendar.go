package work

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// CalendarService wraps oa/calendar (日历): calendars of an app, with their
// admins, shares, colour and public range.
//
// Its calls need the token of an app that has the 日程 permission; a
// calendar is visible only to the app that created it.
type CalendarService service

// ErrInvalidCalendarRequest is returned, wrapped with the reason, for a
// calendar, schedule or meeting-room request rejected before anything is
// sent (a missing id, a reversed period).
var ErrInvalidCalendarRequest = errors.New("work: invalid calendar request")

// errCalendarArg is the refusal, before anything is sent, of a calendar,
// schedule or meeting-room request without the argument what, which WeCom
// always refuses.
func errCalendarArg(what string) error {
	return fmt.Errorf("%w: %s is required", ErrInvalidCalendarRequest, what)
}

// maxCalendarIDs is the most ids oa/calendar/get and oa/schedule/get take.
const maxCalendarIDs = 1000

// checkCalendarIDs refuses an empty id list (key), or one of more than
// maxCalendarIDs ids.
func checkCalendarIDs(key string, ids []string) error {
	switch {
	case len(ids) == 0:
		return errCalendarArg(key)
	case len(ids) > maxCalendarIDs:
		return fmt.Errorf("%w: %s holds %d ids, at most %d are taken", ErrInvalidCalendarRequest, key, len(ids), maxCalendarIDs)
	}
	return nil
}

// calTime is the time of the Unix seconds n; the zero time for 0.
func calTime(n looseInt) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(int64(n), 0)
}

// calUnix is the Unix seconds of t; 0 for the zero time.
func calUnix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// CalendarPermission is what a share of a calendar allows (permission).
type CalendarPermission int

// Values of CalendarPermission.
const (
	CalendarPermissionView CalendarPermission = 1 // may see details (可查看)
	CalendarPermissionBusy CalendarPermission = 3 // sees busy/free only (仅查看闲忙状态)
)

// CalendarShare is one member a calendar is shared with.
type CalendarShare struct {
	UserID     string
	Permission CalendarPermission
	// ReadOnly is the share's readonly flag of the earlier form of the
	// calendar calls (1: may only view and leave the calendar; WeCom's
	// default when unset). nil leaves it out.
	ReadOnly *bool
}

type calendarShareWire struct {
	UserID     string             `json:"userid"`
	Permission CalendarPermission `json:"permission,omitempty"`
	ReadOnly   *oneZero           `json:"readonly,omitempty"`
}

// MarshalJSON encodes s as WeCom reads it (readonly as 1 or 0 when set).
func (s CalendarShare) MarshalJSON() ([]byte, error) {
	return json.Marshal(calendarShareWire{s.UserID, s.Permission, optFlag(s.ReadOnly)})
}

// UnmarshalJSON decodes a share leniently.
func (s *CalendarShare) UnmarshalJSON(b []byte) error {
	var w calendarShareWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*s = CalendarShare{UserID: w.UserID, Permission: w.Permission, ReadOnly: flagPtr(w.ReadOnly)}
	return nil
}

// optFlag is p as a 1/0 flag; nil for nil.
func optFlag(p *bool) *oneZero {
	if p == nil {
		return nil
	}
	f := oneZero(*p)
	return &f
}

// flagPtr is f as a *bool; nil for nil.
func flagPtr(f *oneZero) *bool {
	if f == nil {
		return nil
	}
	b := bool(*f)
	return &b
}

// CalendarRange is who may subscribe to a public calendar (public_range).
type CalendarRange struct {
	UserIDs  []string `json:"userids,omitempty"`
	PartyIDs []int64  `json:"partyids,omitempty"`
}

// Calendar is one calendar. On create, leave CalID empty; on update it
// names the calendar.
type Calendar struct {
	CalID  string   `json:"cal_id,omitempty"`
	Admins []string `json:"admins,omitempty"`
	// Organizer is the organizer of the earlier form of the calendar
	// calls (organizer; set on create only, read back).
	Organizer string `json:"-"`
	// ReadOnly is the organizer's readonly flag of that form (readonly;
	// WeCom's default when unset is 1). nil leaves it out.
	ReadOnly    *bool  `json:"-"`
	Summary     string `json:"summary"`
	Color       string `json:"color"` // RGB such as "#FF3030"
	Description string `json:"description,omitempty"`
	// SetAsDefault makes it the app's default calendar (create only).
	SetAsDefault bool `json:"-"`
	// Public makes it a public calendar (create only; read back).
	Public bool `json:"-"`
	// CorpCalendar makes it an all-staff calendar (create only; read back).
	CorpCalendar bool            `json:"-"`
	Shares       []CalendarShare `json:"shares,omitempty"`
	PublicRange  *CalendarRange  `json:"public_range,omitempty"`
}

type calendarWire struct {
	CalID        string          `json:"cal_id,omitempty"`
	Admins       []string        `json:"admins,omitempty"`
	Organizer    string          `json:"organizer,omitempty"`
	ReadOnly     *oneZero        `json:"readonly,omitempty"`
	SetAsDefault oneZero         `json:"set_as_default,omitempty"`
	Summary      string          `json:"summary"`
	Color        string          `json:"color"`
	Description  string          `json:"description,omitempty"`
	IsPublic     oneZero         `json:"is_public,omitempty"`
	PublicRange  *CalendarRange  `json:"public_range,omitempty"`
	IsCorp       oneZero         `json:"is_corp_calendar,omitempty"`
	Shares       []CalendarShare `json:"shares,omitempty"`
}

// MarshalJSON encodes c as WeCom reads it (flags as 1, unset ones left out).
func (c Calendar) MarshalJSON() ([]byte, error) {
	return json.Marshal(calendarWire{CalID: c.CalID, Admins: c.Admins, Organizer: c.Organizer,
		ReadOnly: optFlag(c.ReadOnly), SetAsDefault: oneZero(c.SetAsDefault),
		Summary: c.Summary, Color: c.Color, Description: c.Description, IsPublic: oneZero(c.Public),
		PublicRange: c.PublicRange, IsCorp: oneZero(c.CorpCalendar), Shares: c.Shares})
}

// UnmarshalJSON decodes a calendar leniently.
func (c *Calendar) UnmarshalJSON(b []byte) error {
	var w calendarWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*c = Calendar{CalID: w.CalID, Admins: w.Admins, Organizer: w.Organizer, ReadOnly: flagPtr(w.ReadOnly),
		SetAsDefault: bool(w.SetAsDefault), Summary: w.Summary,
		Color: w.Color, Description: w.Description, Public: bool(w.IsPublic), CorpCalendar: bool(w.IsCorp),
		Shares: w.Shares, PublicRange: w.PublicRange}
	return nil
}

// ShareFailure is one member a calendar or schedule could not be shared
// with, and why.
type ShareFailure struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
	UserID  string `json:"userid"`
}

// CalendarFailures lists the shares WeCom refused (fail_result).
type CalendarFailures struct {
	Shares []ShareFailure `json:"shares"`
}

// CalendarCreated is the answer of [CalendarService.Create].
type CalendarCreated struct {
	CalID      string           `json:"cal_id"`
	FailResult CalendarFailures `json:"fail_result"`
}

// CalendarCreateRequest is the body of oa/calendar/add.
type CalendarCreateRequest struct {
	Calendar Calendar `json:"calendar"`
	// AgentID, when set, is the app the calendar belongs to (for an app
	// that acts for others, such as a third-party suite).
	AgentID int64 `json:"agentid,omitempty"`
}

// Create creates a calendar (oa/calendar/add). It is not repeated after a
// transient failure: a repeat would create a second calendar.
func (s *CalendarService) Create(ctx context.Context, req CalendarCreateRequest) (*CalendarCreated, error) {
	switch {
	case req.Calendar.Summary == "":
		return nil, errCalendarArg("calendar.summary")
	case req.Calendar.Color == "":
		return nil, errCalendarArg("calendar.color")
	}
	return postAs[CalendarCreated](ctx, (*service)(s), "/cgi-bin/oa/calendar/add", req, api.Unsafe)
}

// CalendarUpdateRequest is the body of oa/calendar/update. Calendar.CalID
// is required; SetAsDefault, Public and CorpCalendar cannot be changed.
type CalendarUpdateRequest struct {
	// SkipPublicRange leaves the public range as it is (Calendar.PublicRange
	// is then ignored).
	SkipPublicRange bool
	Calendar        Calendar
}

// MarshalJSON encodes r as WeCom reads it.
func (r CalendarUpdateRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Skip     oneZero  `json:"skip_public_range"`
		Calendar Calendar `json:"calendar"`
	}{oneZero(r.SkipPublicRange), r.Calendar})
}

// UnmarshalJSON decodes a request body (for tests and fakes).
func (r *CalendarUpdateRequest) UnmarshalJSON(b []byte) error {
	var w struct {
		Skip     oneZero  `json:"skip_public_range"`
		Calendar Calendar `json:"calendar"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*r = CalendarUpdateRequest{SkipPublicRange: bool(w.Skip), Calendar: w.Calendar}
	return nil
}

// Update changes a calendar (oa/calendar/update) and returns the shares
// WeCom refused. A repeat sets the same values again.
func (s *CalendarService) Update(ctx context.Context, req CalendarUpdateRequest) (*CalendarFailures, error) {
	if req.Calendar.CalID == "" {
		return nil, errCalendarArg("calendar.cal_id")
	}
	var out struct {
		FailResult CalendarFailures `json:"fail_result"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/oa/calendar/update", req, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out.FailResult, nil
}

// Get returns the calendars of the given ids (oa/calendar/get; 1 to
// 1,000 ids, others are refused before anything is sent).
func (s *CalendarService) Get(ctx context.Context, calIDs ...string) ([]Calendar, error) {
	if err := checkCalendarIDs("cal_id_list", calIDs); err != nil {
		return nil, err
	}
	out, err := postAs[struct {
		CalendarList []Calendar `json:"calendar_list"`
	}](ctx, (*service)(s), "/cgi-bin/oa/calendar/get", map[string][]string{"cal_id_list": calIDs}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.CalendarList, nil
}

// Delete deletes a calendar (oa/calendar/del). It is not repeated after a
// transient failure: a repeat after a lost answer would fail.
func (s *CalendarService) Delete(ctx context.Context, calID string) error {
	if calID == "" {
		return errCalendarArg("cal_id")
	}
	return (*service)(s).post(ctx, "/cgi-bin/oa/calendar/del", map[string]string{"cal_id": calID}, nil, api.Unsafe)
}
