package work

// Check-in rules written through the API, records added and corrections:
// pages developer.work.weixin.qq.com/document/path/98041
// (add_checkin_option, update_checkin_option), 99647 (add_checkin_record)
// and 95803 (punch_correction).

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// MaxCheckinRecords is the most records checkin/add_checkin_record takes
// at once.
const MaxCheckinRecords = 200

// CheckinGroupSpec is a check-in rule as add_checkin_option and
// update_checkin_option take it. Times of day are seconds after midnight,
// as in CheckinGroup.
//
// The settings the page's example shows are sent whole (a false or 0 is
// sent as such); the lists are sent only when set. On an update a list
// left empty keeps its value: ClearOptionFields empties one.
type CheckinGroupSpec struct {
	GroupType CheckinGroupType `json:"grouptype"`
	GroupName string           `json:"groupname"`
	// CheckinDate are the working days and their hours (fixed and free
	// rules).
	CheckinDate []CheckinDateSpec `json:"checkindate,omitempty"`
	// SpeWorkdays and SpeOffdays are dates that do, or do not, require
	// check-in.
	SpeWorkdays        []CheckinSpecialDay `json:"spe_workdays,omitempty"`
	SpeOffdays         []CheckinSpecialDay `json:"spe_offdays,omitempty"`
	SyncHolidays       bool                `json:"sync_holidays"`
	NeedPhoto          bool                `json:"need_photo"`
	NoteCanUseLocalPic bool                `json:"note_can_use_local_pic"`
	WiFiMACInfos       []CheckinWiFi       `json:"wifimac_infos,omitempty"`
	// AllowCheckinOffWorkday lets members check in on days off;
	// AllowApplyOffWorkday lets them apply for it.
	AllowCheckinOffWorkday bool              `json:"allow_checkin_offworkday"`
	AllowApplyOffWorkday   bool              `json:"allow_apply_offworkday"`
	LocInfos               []CheckinLocation `json:"loc_infos,omitempty"`
	// Range is who the rule applies to.
	Range *CheckinGroupRange `json:"range,omitempty"`
	// WhiteUsers need not check in.
	WhiteUsers []string `json:"white_users,omitempty"`
	// Type is 0 phone, 2 attendance machine, 3 both.
	Type int `json:"type"`
	// Reporters are the members who receive the check-in reports.
	Reporters []string `json:"-"`
	// OTInfoV2 is the overtime setting (ot_info_v2) as JSON, as the page
	// describes it; nil leaves it out.
	OTInfoV2 json.RawMessage `json:"ot_info_v2,omitempty"`
	// AllowApplyBkCnt is how many corrections (补卡) a member may apply for
	// in a month; -1 unlimited.
	AllowApplyBkCnt int64 `json:"allow_apply_bk_cnt"`
	// OptionOutRange is what a check-in outside the range counts as, as
	// the page lists.
	OptionOutRange int  `json:"option_out_range"`
	UseFaceDetect  bool `json:"use_face_detect"`
	// AllowApplyBkDayLimit is how many days back a correction may be
	// applied for; -1 unlimited.
	AllowApplyBkDayLimit int64 `json:"allow_apply_bk_day_limit"`
	OpenFaceLiveDetect   bool  `json:"open_face_live_detect"`
	// BukaLimitNextMonth is the day of the next month until which last
	// month's corrections may be applied for; -1 unlimited.
	BukaLimitNextMonth int64              `json:"buka_limit_next_month"`
	SyncOutCheckin     bool               `json:"sync_out_checkin"`
	BukaRemind         *CheckinBukaRemind `json:"buka_remind,omitempty"`
	// BukaRestriction is a bit set of the anomaly kinds that may not be
	// corrected, as in CheckinGroup.
	BukaRestriction uint64 `json:"buka_restriction"`
	// ScheduleList are the shifts of a by-shift rule.
	ScheduleList []CheckinShift `json:"schedulelist,omitempty"`
}

// CheckinDateSpec is a set of working days with their hours.
type CheckinDateSpec struct {
	// Workdays are weekdays (0 Sunday … 6 Saturday).
	Workdays    []int             `json:"workdays"`
	CheckinTime []CheckinTimeSpec `json:"checkintime"`
	// NoNeedOffWork drops the off-duty check-in.
	NoNeedOffWork bool `json:"noneed_offwork,omitempty"`
	// LimitAheadTime is how early check-in opens, in milliseconds.
	LimitAheadTime int64 `json:"limit_aheadtime,omitempty"`
	// FlexOnDutyTime and FlexOffDutyTime are the allowed lateness and
	// early leave, in seconds.
	FlexOnDutyTime  int64 `json:"flex_on_duty_time"`
	FlexOffDutyTime int64 `json:"flex_off_duty_time"`
}

// CheckinTimeSpec is an on-duty/off-duty pair with the window in which
// each check-in counts, in seconds after midnight.
type CheckinTimeSpec struct {
	CheckinTime
	EarliestWorkSec    int64 `json:"earliest_work_sec,omitempty"`
	LatestWorkSec      int64 `json:"latest_work_sec,omitempty"`
	EarliestOffWorkSec int64 `json:"earliest_off_work_sec,omitempty"`
	LatestOffWorkSec   int64 `json:"latest_off_work_sec,omitempty"`
}

// CheckinWiFi is a Wi-Fi network members may check in on.
type CheckinWiFi struct {
	WiFiName string `json:"wifiname"`
	WiFiMAC  string `json:"wifimac"`
}

// CheckinLocation is a place members may check in at.
type CheckinLocation struct {
	// Lat and Lng are GCJ-02 degrees times 1,000,000.
	Lat, Lng  int64
	LocTitle  string
	LocDetail string
	// Distance is the radius in metres.
	Distance int64
}

// MarshalJSON encodes l as WeCom reads it.
func (l CheckinLocation) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Lat       int64  `json:"lat"`
		Lng       int64  `json:"lng"`
		LocTitle  string `json:"loc_title"`
		LocDetail string `json:"loc_detail"`
		Distance  int64  `json:"distance"`
	}{l.Lat, l.Lng, l.LocTitle, l.LocDetail, l.Distance})
}

// CheckinGroupRange is who a rule applies to, as the rule-writing calls
// take it: every list is sent, an empty one as [].
type CheckinGroupRange struct {
	PartyIDs []int64
	UserIDs  []string
	TagIDs   []int64
}

// MarshalJSON encodes r as WeCom reads it.
func (r CheckinGroupRange) MarshalJSON() ([]byte, error) {
	w := struct {
		PartyID []int64  `json:"partyid"`
		UserID  []string `json:"userid"`
		TagID   []int64  `json:"tagid"`
	}{r.PartyIDs, r.UserIDs, r.TagIDs}
	if w.PartyID == nil {
		w.PartyID = []int64{}
	}
	if w.UserID == nil {
		w.UserID = []string{}
	}
	if w.TagID == nil {
		w.TagID = []int64{}
	}
	return json.Marshal(w)
}

// CheckinBukaRemind is the reminder to apply for corrections.
type CheckinBukaRemind struct {
	OpenRemind bool `json:"open_remind"`
	// BukaRemindDay is the day of the month of the reminder;
	// BukaRemindMonth which month it falls in, as the page lists.
	BukaRemindDay   int `json:"buka_remind_day"`
	BukaRemindMonth int `json:"buka_remind_month"`
}

// MarshalJSON encodes g as WeCom reads it (Reporters under reporterinfo).
func (g CheckinGroupSpec) MarshalJSON() ([]byte, error) {
	type plain CheckinGroupSpec
	type reporter struct {
		UserID string `json:"userid"`
	}
	type reporterInfo struct {
		Reporters []reporter `json:"reporters"`
	}
	w := struct {
		plain
		ReporterInfo *reporterInfo `json:"reporterinfo,omitempty"`
	}{plain: plain(g)}
	if len(g.Reporters) > 0 {
		w.ReporterInfo = &reporterInfo{}
		for _, u := range g.Reporters {
			w.ReporterInfo.Reporters = append(w.ReporterInfo.Reporters, reporter{u})
		}
	}
	return json.Marshal(w)
}

func (g CheckinGroupSpec) check() error {
	if g.GroupType < CheckinGroupFixed || g.GroupType > CheckinGroupFree {
		return fmt.Errorf("%w: grouptype must be 1, 2 or 3, not %d", ErrInvalidCheckinRequest, g.GroupType)
	}
	if g.GroupName == "" {
		return fmt.Errorf("%w: groupname is required", ErrInvalidCheckinRequest)
	}
	if len(g.OTInfoV2) > 0 && !json.Valid(g.OTInfoV2) {
		return fmt.Errorf("%w: ot_info_v2 is not JSON", ErrInvalidCheckinRequest)
	}
	return nil
}

// CheckinAddGroupRequest is the body of checkin/add_checkin_option.
type CheckinAddGroupRequest struct {
	// EffectiveNow applies the rule today rather than tomorrow.
	EffectiveNow bool             `json:"effective_now"`
	Group        CheckinGroupSpec `json:"group"`
}

// AddGroup creates a check-in rule (checkin/add_checkin_option). It is
// not repeated after a transient failure: a repeat could create the rule
// twice.
func (s *CheckinService) AddGroup(ctx context.Context, req CheckinAddGroupRequest) error {
	if err := req.Group.check(); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/checkin/add_checkin_option", req, nil, api.Unsafe)
}

// CheckinUpdateGroupRequest is the body of checkin/update_checkin_option.
type CheckinUpdateGroupRequest struct {
	// GroupID names the rule (required).
	GroupID int64
	// EffectiveNow applies the change today rather than tomorrow.
	EffectiveNow bool
	Group        CheckinGroupSpec
}

// MarshalJSON encodes r as WeCom reads it (the group id inside group).
func (r CheckinUpdateGroupRequest) MarshalJSON() ([]byte, error) {
	g, err := json.Marshal(r.Group)
	if err != nil {
		return nil, err
	}
	// The group's object with groupid first; g is never "{}" (grouptype
	// and groupname are always sent).
	group := append([]byte(fmt.Sprintf(`{"groupid":%d,`, r.GroupID)), g[1:]...)
	return json.Marshal(struct {
		EffectiveNow bool            `json:"effective_now"`
		Group        json.RawMessage `json:"group"`
	}{r.EffectiveNow, group})
}

// UpdateGroup changes a check-in rule (checkin/update_checkin_option). A
// repeat sets the same rule again.
func (s *CheckinService) UpdateGroup(ctx context.Context, req CheckinUpdateGroupRequest) error {
	if req.GroupID == 0 {
		return fmt.Errorf("%w: groupid is required", ErrInvalidCheckinRequest)
	}
	if err := req.Group.check(); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/checkin/update_checkin_option", req, nil, api.Idempotent)
}

// CheckinDeviceType is the kind of device a record comes from.
type CheckinDeviceType int

// Values of CheckinDeviceType.
const (
	CheckinDeviceDoor    CheckinDeviceType = 1 // access control (门禁)
	CheckinDeviceMachine CheckinDeviceType = 2 // attendance machine (考勤机)
	CheckinDeviceOther   CheckinDeviceType = 3
)

// CheckinRecordAdd is one check-in written through the API.
type CheckinRecordAdd struct {
	// UserID and Time are who checked in and when (required).
	UserID string
	Time   time.Time
	// LocationTitle, LocationDetail, Notes and WiFiName are at most 1024
	// characters each.
	LocationTitle, LocationDetail string
	// MediaIDs are attachments (media/upload); at most one (page 99647).
	MediaIDs []string
	Notes    string
	// DeviceType and DeviceDetail (the brand, at most 40 characters)
	// describe the device.
	DeviceType   CheckinDeviceType
	DeviceDetail string
	// Lat and Lng are GCJ-02 degrees times 1,000,000.
	Lat, Lng int64
	// WiFiName and WiFiMAC (required with a name; six hex pairs joined
	// by colons, "a2:8b:7f:c0:27:4b") are the Wi-Fi network.
	WiFiName, WiFiMAC string
}

type checkinRecordAddWire struct {
	UserID         string            `json:"userid"`
	CheckinTime    int64             `json:"checkin_time"`
	LocationTitle  string            `json:"location_title,omitempty"`
	LocationDetail string            `json:"location_detail,omitempty"`
	MediaIDs       []string          `json:"mediaids,omitempty"`
	Notes          string            `json:"notes,omitempty"`
	DeviceType     CheckinDeviceType `json:"device_type,omitempty"`
	Lat            int64             `json:"lat,omitempty"`
	Lng            int64             `json:"lng,omitempty"`
	DeviceDetail   string            `json:"device_detail,omitempty"`
	WiFiName       string            `json:"wifiname,omitempty"`
	WiFiMAC        string            `json:"wifimac,omitempty"`
}

// AddRecords writes check-in records, at most MaxCheckinRecords
// (checkin/add_checkin_record); they count in the check-in details and
// reports once they match a rule. The records are sent once, never
// repeated: a repeat would record them twice.
func (s *CheckinService) AddRecords(ctx context.Context, records []CheckinRecordAdd) error {
	if len(records) == 0 || len(records) > MaxCheckinRecords {
		return fmt.Errorf("%w: %d records; 1 to %d are allowed", ErrInvalidCheckinRequest, len(records), MaxCheckinRecords)
	}
	in := struct {
		Records []checkinRecordAddWire `json:"records"`
	}{make([]checkinRecordAddWire, 0, len(records))}
	for i, r := range records {
		if r.UserID == "" || r.Time.IsZero() {
			return fmt.Errorf("%w: record %d: userid and checkin_time are required", ErrInvalidCheckinRequest, i+1)
		}
		if r.WiFiName != "" && r.WiFiMAC == "" {
			return fmt.Errorf("%w: record %d: wifimac is required with wifiname", ErrInvalidCheckinRequest, i+1)
		}
		if r.WiFiMAC != "" && !isMACAddress(r.WiFiMAC) {
			return fmt.Errorf("%w: record %d: wifimac %q is not six hex pairs joined by colons", ErrInvalidCheckinRequest, i+1, r.WiFiMAC)
		}
		if len(r.MediaIDs) > 1 {
			return fmt.Errorf("%w: record %d: %d media ids; at most 1 is allowed", ErrInvalidCheckinRequest, i+1, len(r.MediaIDs))
		}
		in.Records = append(in.Records, checkinRecordAddWire{UserID: r.UserID, CheckinTime: r.Time.Unix(),
			LocationTitle: r.LocationTitle, LocationDetail: r.LocationDetail, MediaIDs: r.MediaIDs, Notes: r.Notes,
			DeviceType: r.DeviceType, Lat: r.Lat, Lng: r.Lng, DeviceDetail: r.DeviceDetail,
			WiFiName: r.WiFiName, WiFiMAC: r.WiFiMAC})
	}
	return (*service)(s).post(ctx, "/cgi-bin/checkin/add_checkin_record", in, nil, api.Unsafe)
}

// isMACAddress reports whether s matches the pattern page 99647 gives
// wifimac: ^[A-Fa-f0-9]{2}(:[A-Fa-f0-9]{2}){5}$.
func isMACAddress(s string) bool {
	if len(s) != 17 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i%3 == 2 {
			if c != ':' {
				return false
			}
			continue
		}
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// CheckinPunchCorrectionRequest corrects (补卡) a member's check-in.
type CheckinPunchCorrectionRequest struct {
	// UserID is the member (required).
	UserID string
	// Day is the day the check-in was due (required); its date in the
	// time's location is used, sent as that day's midnight.
	Day time.Time
	// DueAt is when on Day the check-in was due, after midnight (the
	// rule's work_sec or off_work_sec); zero leaves it out, for days
	// without a due time (days off, free hours, no rule).
	DueAt time.Duration
	// CheckinTime is the time recorded for the check-in (required); it
	// counts as on time, late or early against DueAt.
	CheckinTime time.Time
	// Remark is a note, at most 512 bytes.
	Remark string
}

// PunchCorrection corrects a member's check-in (checkin/punch_correction).
// It is sent once, never repeated.
func (s *CheckinService) PunchCorrection(ctx context.Context, req CheckinPunchCorrectionRequest) error {
	if req.UserID == "" || req.Day.IsZero() || req.CheckinTime.IsZero() {
		return fmt.Errorf("%w: userid, the day and checkin_time are required", ErrInvalidCheckinRequest)
	}
	if req.DueAt < 0 || req.DueAt >= 24*time.Hour {
		return fmt.Errorf("%w: due time %s is not within a day", ErrInvalidCheckinRequest, req.DueAt)
	}
	if len(req.Remark) > 512 {
		return fmt.Errorf("%w: remark is %d bytes, more than 512", ErrInvalidCheckinRequest, len(req.Remark))
	}
	y, m, d := req.Day.Date()
	in := struct {
		UserID              string `json:"userid"`
		ScheduleDateTime    int64  `json:"schedule_date_time"`
		ScheduleCheckinTime int64  `json:"schedule_checkin_time,omitempty"`
		CheckinTime         int64  `json:"checkin_time"`
		Remark              string `json:"remark"`
	}{req.UserID, time.Date(y, m, d, 0, 0, 0, 0, req.Day.Location()).Unix(), int64(req.DueAt / time.Second),
		req.CheckinTime.Unix(), req.Remark}
	return (*service)(s).post(ctx, "/cgi-bin/checkin/punch_correction", in, nil, api.Unsafe)
}
