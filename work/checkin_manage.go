package work

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// CheckinScheduleItem assigns one member a shift on one day of a month.
type CheckinScheduleItem struct {
	UserID string `json:"userid"`
	// Day is the day of the month, 1-31.
	Day int `json:"day"`
	// ScheduleID is the shift (CheckinShift.ScheduleID); 0 is a day off.
	ScheduleID int64 `json:"schedule_id"`
}

// CheckinSetSchedulesRequest is the body of checkin/setcheckinschedulist:
// shifts of members of a shift-based group (排班制) for one month.
type CheckinSetSchedulesRequest struct {
	GroupID int64
	// Month is any time in the month the items are for.
	Month time.Time
	Items []CheckinScheduleItem
}

// MarshalJSON encodes r as WeCom reads it (yearmonth as 202012).
func (r CheckinSetSchedulesRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		GroupID   int64                 `json:"groupid"`
		Items     []CheckinScheduleItem `json:"items"`
		YearMonth int                   `json:"yearmonth"`
	}{r.GroupID, r.Items, r.Month.Year()*100 + int(r.Month.Month())})
}

// SetSchedules sets the shifts of members (checkin/setcheckinschedulist).
// A repeat sets the same shifts again.
func (s *CheckinService) SetSchedules(ctx context.Context, req CheckinSetSchedulesRequest) error {
	if req.GroupID == 0 || req.Month.IsZero() || len(req.Items) == 0 {
		return fmt.Errorf("%w: groupid, month and items are required", ErrInvalidCheckinRequest)
	}
	return (*service)(s).post(ctx, "/cgi-bin/checkin/setcheckinschedulist", req, nil, api.Idempotent)
}

// AddUserFace records the face photo of a member for face check-in
// (checkin/addcheckinuserface); face is the image file, which is sent
// base64-encoded. A repeat records the same face again.
func (s *CheckinService) AddUserFace(ctx context.Context, userID string, face []byte) error {
	if userID == "" || len(face) == 0 {
		return fmt.Errorf("%w: userid and a face image are required", ErrInvalidCheckinRequest)
	}
	body := map[string]string{"userid": userID, "userface": base64.StdEncoding.EncodeToString(face)}
	return (*service)(s).post(ctx, "/cgi-bin/checkin/addcheckinuserface", body, nil, api.Idempotent)
}

// CheckinOptionField is an array field of a check-in group that
// checkin/clear_checkin_option_array_field empties (clear_field), by the
// number the page gives it (its table maps numbers to the group's array
// fields: Wi-Fi, locations, range, white list, special days, ...).
type CheckinOptionField int

// CheckinClearFieldsRequest is the body of
// checkin/clear_checkin_option_array_field.
type CheckinClearFieldsRequest struct {
	GroupID int64                `json:"groupid"`
	Fields  []CheckinOptionField `json:"clear_field"`
	// EffectiveNow applies the change today rather than tomorrow.
	EffectiveNow bool `json:"effective_now"`
}

// ClearOptionFields empties array fields of a check-in group
// (checkin/clear_checkin_option_array_field). A repeat clears them again.
func (s *CheckinService) ClearOptionFields(ctx context.Context, req CheckinClearFieldsRequest) error {
	if req.GroupID == 0 || len(req.Fields) == 0 {
		return fmt.Errorf("%w: groupid and clear_field are required", ErrInvalidCheckinRequest)
	}
	return (*service)(s).post(ctx, "/cgi-bin/checkin/clear_checkin_option_array_field", req, nil, api.Idempotent)
}

// CheckinDeleteGroupRequest is the body of checkin/del_checkin_option.
type CheckinDeleteGroupRequest struct {
	GroupID int64 `json:"groupid"`
	// EffectiveNow deletes it today rather than tomorrow.
	EffectiveNow bool `json:"effective_now"`
}

// DeleteGroup deletes a check-in group (checkin/del_checkin_option). Not
// repeated after a transient failure.
func (s *CheckinService) DeleteGroup(ctx context.Context, req CheckinDeleteGroupRequest) error {
	if req.GroupID == 0 {
		return fmt.Errorf("%w: groupid is required", ErrInvalidCheckinRequest)
	}
	return (*service)(s).post(ctx, "/cgi-bin/checkin/del_checkin_option", req, nil, api.Unsafe)
}
