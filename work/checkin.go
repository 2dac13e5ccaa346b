package work

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// CheckinService wraps the API of check-in (打卡).
//
// Its calls need a token of an app listed under 打卡 → 可调用接口的应用 (or a
// customized app with the 打卡 permission); others get errcode 48002.
// Errcode 301022 is a transient failure on WeCom's side. Every method is a
// read and is retried on transient failures.
//
// WeCom accepts at most [MaxCheckinUsers] user ids per request; the methods
// of this service split a longer list into batches of that size, call
// WeCom once per batch, one after the other, and concatenate the answers in
// batch order. If a batch fails, the error names it and nothing is
// returned.
type CheckinService service

// Limits of the check-in API.
const (
	// MaxCheckinUsers is the most user ids WeCom accepts in one check-in
	// request; longer lists are sent in batches.
	MaxCheckinUsers = 100
	// MaxCheckinSpan is the longest period getcheckindata accepts
	// (EndTime - StartTime).
	MaxCheckinSpan = 30 * 24 * time.Hour
)

// ErrInvalidCheckinRequest is returned, wrapped with the reason, for a
// check-in request that is rejected before anything is sent: no user ids,
// a missing or reversed period, a period longer than MaxCheckinSpan, an
// unknown data type.
var ErrInvalidCheckinRequest = errors.New("work: invalid check-in request")

// CheckinDataType selects the records getcheckindata returns
// (opencheckindatatype).
type CheckinDataType int

// Values of CheckinDataType.
const (
	CheckinDataOnOffDuty CheckinDataType = 1 // on- and off-duty check-ins (上下班打卡)
	CheckinDataOutside   CheckinDataType = 2 // check-ins while out of the office (外出打卡)
	CheckinDataAll       CheckinDataType = 3 // both (全部打卡)
)

// CheckinType is the kind of one check-in record (checkin_type). WeCom
// sends it in Chinese.
type CheckinType string

// Values of CheckinType known from WeCom's documentation.
const (
	CheckinOnDuty  CheckinType = "上班打卡"
	CheckinOffDuty CheckinType = "下班打卡"
	CheckinOutside CheckinType = "外出打卡"
)

// CheckinDataRequest asks for the check-in records of users over a period.
type CheckinDataRequest struct {
	// Type selects the records; zero means CheckinDataAll.
	Type CheckinDataType
	// Start and End bound the period (sent as Unix seconds); End - Start
	// may not exceed MaxCheckinSpan.
	Start, End time.Time
	// UserIDs are the users whose records are fetched; more than
	// MaxCheckinUsers are fetched in batches.
	UserIDs []string
}

// CheckinRecord is one check-in (打卡记录).
type CheckinRecord struct {
	UserID    string      `json:"userid"`
	GroupName string      `json:"groupname"`    // check-in rule name
	Type      CheckinType `json:"checkin_type"` // 上班打卡, 下班打卡, 外出打卡
	// ExceptionType lists the anomalies, separated by ";" (时间异常, 地点异常,
	// 未打卡, wifi异常, 非常用设备); empty for a normal check-in. See
	// Exceptions.
	ExceptionType  string   `json:"exception_type"`
	CheckinTime    int64    `json:"checkin_time"` // Unix seconds
	LocationTitle  string   `json:"location_title"`
	LocationDetail string   `json:"location_detail"`
	WiFiName       string   `json:"wifiname"`
	WiFiMAC        string   `json:"wifimac"`
	Notes          string   `json:"notes"`
	MediaIDs       []string `json:"mediaids"` // attachments; fetch with media/get
	// Lat and Lng are the location in GCJ-02 degrees times 1,000,000.
	Lat      int64  `json:"lat"`
	Lng      int64  `json:"lng"`
	DeviceID string `json:"deviceid"`
	// ScheduledTime is the standard on- or off-duty time this check-in
	// counts for, in Unix seconds (sch_checkin_time).
	ScheduledTime int64 `json:"sch_checkin_time"`
	GroupID       int64 `json:"groupid"`     // check-in rule id
	ScheduleID    int64 `json:"schedule_id"` // shift id within the rule
	TimelineID    int64 `json:"timeline_id"` // time section id within the shift
}

// Exceptions returns the anomalies of the record, split from
// ExceptionType; nil for a normal check-in.
func (r *CheckinRecord) Exceptions() []string {
	var out []string
	for _, e := range strings.Split(r.ExceptionType, ";") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// checkinDataBody is the body of getcheckindata.
type checkinDataBody struct {
	Type      CheckinDataType `json:"opencheckindatatype"`
	StartTime int64           `json:"starttime"`
	EndTime   int64           `json:"endtime"`
	UserIDs   []string        `json:"useridlist"`
}

// Data returns the check-in records of req.UserIDs between req.Start and
// req.End (getcheckindata). Records are returned whether or not the 打卡
// app is currently enabled.
func (s *CheckinService) Data(ctx context.Context, req CheckinDataRequest) ([]CheckinRecord, error) {
	const path = "/cgi-bin/checkin/getcheckindata"
	typ := req.Type
	if typ == 0 {
		typ = CheckinDataAll
	}
	if typ < CheckinDataOnOffDuty || typ > CheckinDataAll {
		return nil, fmt.Errorf("%w: unknown data type %d", ErrInvalidCheckinRequest, int(req.Type))
	}
	if err := checkPeriod(req.Start, req.End, ErrInvalidCheckinRequest); err != nil {
		return nil, err
	}
	if span := req.End.Sub(req.Start); span > MaxCheckinSpan {
		return nil, fmt.Errorf("%w: period of %s exceeds %s", ErrInvalidCheckinRequest, span, MaxCheckinSpan)
	}
	return checkinBatches(ctx, req.UserIDs, func(ctx context.Context, ids []string) ([]CheckinRecord, error) {
		var out struct {
			CheckinData []CheckinRecord `json:"checkindata"`
		}
		body := checkinDataBody{Type: typ, StartTime: req.Start.Unix(), EndTime: req.End.Unix(), UserIDs: ids}
		err := (*service)(s).post(ctx, path, body, lenient(&out), api.Idempotent)
		return out.CheckinData, err
	})
}

// CheckinReportRequest asks for the daily or monthly reports, or the
// schedules, of users over a period.
type CheckinReportRequest struct {
	// Start and End bound the period (sent as Unix seconds). For reports
	// WeCom expects midnight (0点) of the first and the last day, in the
	// corp's time zone.
	Start, End time.Time
	// UserIDs are the users; more than MaxCheckinUsers are fetched in
	// batches.
	UserIDs []string
}

// checkinReportBody is the body of getcheckin_daydata,
// getcheckin_monthdata and getcheckinschedulist.
type checkinReportBody struct {
	StartTime int64    `json:"starttime"`
	EndTime   int64    `json:"endtime"`
	UserIDs   []string `json:"useridlist"`
}

// CheckinRecordType is the kind of rule a report row falls under
// (record_type).
type CheckinRecordType int

// Values of CheckinRecordType.
const (
	CheckinRecordFixed    CheckinRecordType = 1 // fixed hours (固定上下班)
	CheckinRecordOutside  CheckinRecordType = 2 // out of office (外出)
	CheckinRecordShift    CheckinRecordType = 3 // by shift (按班次上下班)
	CheckinRecordFree     CheckinRecordType = 4 // free check-in (自由签到)
	CheckinRecordOvertime CheckinRecordType = 5 // overtime (加班)
	CheckinRecordNoRule   CheckinRecordType = 7 // no rule (无规则)
)

// CheckinException is an anomaly counted by a report (exception).
type CheckinException int

// Values of CheckinException.
const (
	CheckinLate              CheckinException = 1 // 迟到
	CheckinLeftEarly         CheckinException = 2 // 早退
	CheckinMissing           CheckinException = 3 // 缺卡
	CheckinAbsent            CheckinException = 4 // 旷工
	CheckinLocationException CheckinException = 5 // 地点异常
	CheckinDeviceException   CheckinException = 6 // 设备异常
)

// CheckinSpType is the kind of a leave or attendance item of a report
// (sp_items.type).
type CheckinSpType int

// Values of CheckinSpType.
const (
	CheckinSpLeave        CheckinSpType = 1   // leave (请假)
	CheckinSpCorrection   CheckinSpType = 2   // check-in correction (补卡)
	CheckinSpBusinessTrip CheckinSpType = 3   // business trip (出差)
	CheckinSpOuting       CheckinSpType = 4   // outing (外出)
	CheckinSpFieldWork    CheckinSpType = 100 // field work (外勤)
)

// CheckinRuleInfo is the rule a report row falls under (rule_info).
type CheckinRuleInfo struct {
	GroupID   int64  `json:"groupid"`
	GroupName string `json:"groupname"`
	// ScheduleID and ScheduleName are the day's shift (by-shift rules,
	// daily reports only).
	ScheduleID   int64  `json:"scheduleid"`
	ScheduleName string `json:"schedulename"`
	// CheckinTime is the day's hours (fixed-hours rules, daily reports
	// only).
	CheckinTime []CheckinTime `json:"checkintime"`
}

// CheckinTime is one on-duty/off-duty pair, in seconds after midnight.
type CheckinTime struct {
	TimeID           int64 `json:"time_id,omitempty"`
	WorkSec          int64 `json:"work_sec"`
	OffWorkSec       int64 `json:"off_work_sec"`
	RemindWorkSec    int64 `json:"remind_work_sec,omitempty"`
	RemindOffWorkSec int64 `json:"remind_off_work_sec,omitempty"`
}

// CheckinReportBase is the base_info of a daily or monthly report.
type CheckinReportBase struct {
	Date        int64             `json:"date"` // daily reports: the day, Unix seconds
	RecordType  CheckinRecordType `json:"record_type"`
	Name        string            `json:"name"`
	NameEx      string            `json:"name_ex"`      // alias
	DepartsName string            `json:"departs_name"` // all departments, ";"-separated
	AcctID      string            `json:"acctid"`       // the userid
	RuleInfo    CheckinRuleInfo   `json:"rule_info"`
	// DayType is 0 for a workday report, 1 for a rest day (daily reports).
	DayType int `json:"day_type"`
}

// CheckinExceptionInfo counts one kind of anomaly (exception_infos).
type CheckinExceptionInfo struct {
	Exception CheckinException `json:"exception"`
	Count     int64            `json:"count"`
	Duration  int64            `json:"duration"` // seconds; late, early and absent only
}

// CheckinSpItem counts one kind of leave or attendance item (sp_items).
type CheckinSpItem struct {
	Type       CheckinSpType `json:"type"`
	VacationID int64         `json:"vacation_id"` // the leave type when Type is CheckinSpLeave
	Count      int64         `json:"count"`
	Duration   int64         `json:"duration"`  // seconds
	TimeType   int           `json:"time_type"` // 0 counted in days, 1 in hours
	Name       string        `json:"name"`
}

// CheckinText is a text in several languages (a list of {text, lang}).
type CheckinText struct {
	Data []struct {
		Text string `json:"text"`
		Lang string `json:"lang"`
	} `json:"data"`
}

// CheckinHolidayInfo is an approved leave or attendance form that touches
// the day (holiday_infos).
type CheckinHolidayInfo struct {
	SpNumber      string      `json:"sp_number"` // the approval's sp_no
	SpTitle       CheckinText `json:"sp_title"`
	SpDescription CheckinText `json:"sp_description"`
}

// CheckinDaySummary is the summary_info of a daily report.
type CheckinDaySummary struct {
	CheckinCount    int64 `json:"checkin_count"`
	RegularWorkSec  int64 `json:"regular_work_sec"`  // time actually worked
	StandardWorkSec int64 `json:"standard_work_sec"` // time to work
	EarliestTime    int64 `json:"earliest_time"`     // seconds after midnight
	LatestTime      int64 `json:"lastest_time"`      // sic: WeCom's spelling
}

// CheckinDayOvertime is the ot_info of a daily report; durations are in
// seconds.
type CheckinDayOvertime struct {
	// Status is 0 for no overtime, 1 normal, 2 short of the required time.
	Status                int     `json:"ot_status"`
	Duration              int64   `json:"ot_duration"`
	ExceptionDuration     []int64 `json:"exception_duration"`
	WorkdayOverAsVacation int64   `json:"workday_over_as_vacation"`
	WorkdayOverAsMoney    int64   `json:"workday_over_as_money"`
	RestdayOverAsVacation int64   `json:"restday_over_as_vacation"`
	RestdayOverAsMoney    int64   `json:"restday_over_as_money"`
	HolidayOverAsVacation int64   `json:"holiday_over_as_vacation"`
	HolidayOverAsMoney    int64   `json:"holiday_over_as_money"`
}

// CheckinDayReport is one user's daily report (打卡日报).
type CheckinDayReport struct {
	BaseInfo       CheckinReportBase      `json:"base_info"`
	SummaryInfo    CheckinDaySummary      `json:"summary_info"`
	HolidayInfos   []CheckinHolidayInfo   `json:"holiday_infos"`
	ExceptionInfos []CheckinExceptionInfo `json:"exception_infos"`
	OTInfo         CheckinDayOvertime     `json:"ot_info"`
	SpItems        []CheckinSpItem        `json:"sp_items"`
}

// DayData returns the daily reports of req.UserIDs for the days from
// req.Start to req.End (getcheckin_daydata).
func (s *CheckinService) DayData(ctx context.Context, req CheckinReportRequest) ([]CheckinDayReport, error) {
	return checkinReport[CheckinDayReport](ctx, s, "/cgi-bin/checkin/getcheckin_daydata", req)
}

// CheckinMonthSummary is the summary_info of a monthly report.
type CheckinMonthSummary struct {
	WorkDays        int64 `json:"work_days"`
	RegularDays     int64 `json:"regular_days"`
	ExceptDays      int64 `json:"except_days"`
	RegularWorkSec  int64 `json:"regular_work_sec"`
	StandardWorkSec int64 `json:"standard_work_sec"`
}

// CheckinMonthOvertime is the overwork_info of a monthly report; all
// values are seconds.
type CheckinMonthOvertime struct {
	WorkdayOverSec         int64 `json:"workday_over_sec"`
	HolidaysOverSec        int64 `json:"holidays_over_sec"`
	RestdaysOverSec        int64 `json:"restdays_over_sec"`
	WorkdaysOverAsVacation int64 `json:"workdays_over_as_vacation"`
	WorkdaysOverAsMoney    int64 `json:"workdays_over_as_money"`
	RestdaysOverAsVacation int64 `json:"restdays_over_as_vacation"`
	RestdaysOverAsMoney    int64 `json:"restdays_over_as_money"`
	HolidaysOverAsVacation int64 `json:"holidays_over_as_vacation"`
	HolidaysOverAsMoney    int64 `json:"holidays_over_as_money"`
}

// CheckinMonthReport is one user's report over a period (打卡月报).
type CheckinMonthReport struct {
	BaseInfo       CheckinReportBase      `json:"base_info"`
	SummaryInfo    CheckinMonthSummary    `json:"summary_info"`
	ExceptionInfos []CheckinExceptionInfo `json:"exception_infos"`
	SpItems        []CheckinSpItem        `json:"sp_items"`
	OverworkInfo   CheckinMonthOvertime   `json:"overwork_info"`
}

// MonthData returns the reports of req.UserIDs summed over the days from
// req.Start to req.End (getcheckin_monthdata).
func (s *CheckinService) MonthData(ctx context.Context, req CheckinReportRequest) ([]CheckinMonthReport, error) {
	return checkinReport[CheckinMonthReport](ctx, s, "/cgi-bin/checkin/getcheckin_monthdata", req)
}

// CheckinSchedule is one user's shift schedule for one month
// (getcheckinschedulist's schedule_list).
type CheckinSchedule struct {
	UserID    string `json:"userid"`
	YearMonth int    `json:"yearmonth"` // e.g. 202011
	GroupID   int64  `json:"groupid"`
	GroupName string `json:"groupname"`
	Schedule  struct {
		Days []CheckinScheduleDay `json:"scheduleList"`
	} `json:"schedule"`
}

// CheckinScheduleDay is the shift of one day of a month.
type CheckinScheduleDay struct {
	Day  int `json:"day"` // day of the month
	Info struct {
		ScheduleID   int64  `json:"schedule_id"` // 0 is a rest day
		ScheduleName string `json:"schedule_name"`
		TimeSection  []struct {
			ID int64 `json:"id"`
			CheckinTime
		} `json:"time_section"`
	} `json:"schedule_info"`
}

// Schedules returns the shift schedules of req.UserIDs, whose rule must be
// by shift (按班次上下班), between req.Start and req.End, a period of at
// most one month (getcheckinschedulist).
func (s *CheckinService) Schedules(ctx context.Context, req CheckinReportRequest) ([]CheckinSchedule, error) {
	return checkinReport[CheckinSchedule](ctx, s, "/cgi-bin/checkin/getcheckinschedulist", req)
}

// checkinReport calls one of the endpoints that take a checkinReportBody
// and answer a list under "datas" (reports) or "schedule_list".
func checkinReport[T any](ctx context.Context, s *CheckinService, path string, req CheckinReportRequest) ([]T, error) {
	if err := checkPeriod(req.Start, req.End, ErrInvalidCheckinRequest); err != nil {
		return nil, err
	}
	return checkinBatches(ctx, req.UserIDs, func(ctx context.Context, ids []string) ([]T, error) {
		var out struct {
			Datas        []T `json:"datas"`
			ScheduleList []T `json:"schedule_list"`
		}
		body := checkinReportBody{StartTime: req.Start.Unix(), EndTime: req.End.Unix(), UserIDs: ids}
		if err := (*service)(s).post(ctx, path, body, lenient(&out), api.Idempotent); err != nil {
			return nil, err
		}
		return append(out.Datas, out.ScheduleList...), nil
	})
}

// CheckinUserOption is the check-in rule of one user on one day.
type CheckinUserOption struct {
	UserID string       `json:"userid"`
	Group  CheckinGroup `json:"group"`
}

// Options returns the check-in rules that apply to userIDs on the day
// starting at date (midnight, in the corp's time zone) (getcheckinoption).
// A user's rule may differ from day to day.
func (s *CheckinService) Options(ctx context.Context, date time.Time, userIDs []string) ([]CheckinUserOption, error) {
	if date.IsZero() {
		return nil, fmt.Errorf("%w: no date", ErrInvalidCheckinRequest)
	}
	return checkinBatches(ctx, userIDs, func(ctx context.Context, ids []string) ([]CheckinUserOption, error) {
		var out struct {
			Info []CheckinUserOption `json:"info"`
		}
		body := struct {
			Datetime int64    `json:"datetime"`
			UserIDs  []string `json:"useridlist"`
		}{date.Unix(), ids}
		err := (*service)(s).post(ctx, "/cgi-bin/checkin/getcheckinoption", body, lenient(&out), api.Idempotent)
		return out.Info, err
	})
}

// CorpOptions returns every check-in rule of the corp
// (getcorpcheckinoption).
func (s *CheckinService) CorpOptions(ctx context.Context) ([]CheckinGroup, error) {
	var out struct {
		Group []CheckinGroup `json:"group"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/checkin/getcorpcheckinoption", struct{}{}, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.Group, nil
}

// CheckinGroupType is the kind of a check-in rule (grouptype).
type CheckinGroupType int

// Values of CheckinGroupType.
const (
	CheckinGroupFixed CheckinGroupType = 1 // fixed hours (固定时间上下班)
	CheckinGroupShift CheckinGroupType = 2 // by shift (按班次上下班)
	CheckinGroupFree  CheckinGroupType = 3 // free hours (自由上下班)
)

// CheckinGroup is a check-in rule (打卡规则), as getcheckinoption and
// getcorpcheckinoption return it. Times of day are seconds after
// midnight; LimitAheadTime and FlexTime are milliseconds.
//
// The overtime settings (ot_info), deeply nested and rarely needed, are
// kept as raw JSON in OTInfo.
type CheckinGroup struct {
	GroupType CheckinGroupType `json:"grouptype"`
	GroupID   int64            `json:"groupid"`
	GroupName string           `json:"groupname"`
	// OpenSpCheckin reports whether approval check-in (审批打卡) is on.
	OpenSpCheckin bool `json:"open_sp_checkin"`
	CheckinDate   []struct {
		// Workdays are weekdays (0 Sunday … 6 Saturday) for fixed and
		// free rules.
		Workdays        []int         `json:"workdays"`
		CheckinTime     []CheckinTime `json:"checkintime"`
		NoNeedOffWork   bool          `json:"noneed_offwork"`
		LimitAheadTime  int64         `json:"limit_aheadtime"`
		FlexTime        int64         `json:"flex_time"`
		FlexOnDutyTime  int64         `json:"flex_on_duty_time"`
		FlexOffDutyTime int64         `json:"flex_off_duty_time"`
	} `json:"checkindate"`
	SpeWorkdays            []CheckinSpecialDay `json:"spe_workdays"` // extra days that require check-in
	SpeOffdays             []CheckinSpecialDay `json:"spe_offdays"`  // days that require none
	SyncHolidays           bool                `json:"sync_holidays"`
	NeedPhoto              bool                `json:"need_photo"`
	NoteCanUseLocalPic     bool                `json:"note_can_use_local_pic"`
	AllowCheckinOffWorkday bool                `json:"allow_checkin_offworkday"`
	AllowApplyOffWorkday   bool                `json:"allow_apply_offworkday"`
	WiFiMACInfos           []struct {
		WiFiName string `json:"wifiname"`
		WiFiMAC  string `json:"wifimac"`
	} `json:"wifimac_infos"`
	LocInfos []struct {
		Lat       int64  `json:"lat"` // GCJ-02 degrees times 1,000,000
		Lng       int64  `json:"lng"`
		LocTitle  string `json:"loc_title"`
		LocDetail string `json:"loc_detail"`
		Distance  int64  `json:"distance"` // metres
	} `json:"loc_infos"`
	Range        *CheckinRange `json:"range,omitempty"` // getcorpcheckinoption only
	CreateTime   int64         `json:"create_time"`
	WhiteUsers   []string      `json:"white_users"`
	Type         int           `json:"type"` // 0 phone, 2 attendance machine, 3 both
	ReporterInfo struct {
		Reporters []struct {
			UserID string `json:"userid"`
		} `json:"reporters"`
		UpdateTime int64 `json:"updatetime"`
	} `json:"reporterinfo"`
	OTInfo               json.RawMessage `json:"ot_info,omitempty"`
	AllowApplyBkCnt      int64           `json:"allow_apply_bk_cnt"` // -1 unlimited
	OptionOutRange       int             `json:"option_out_range"`
	CreateUserID         string          `json:"create_userid"`
	UpdateUserID         string          `json:"update_userid"`
	UseFaceDetect        bool            `json:"use_face_detect"`
	AllowApplyBkDayLimit int64           `json:"allow_apply_bk_day_limit"` // -1 unlimited
	ScheduleList         []CheckinShift  `json:"schedulelist"`
	OffWorkIntervalTime  int64           `json:"offwork_interval_time"`
	// BukaRestriction is a bit set of the anomaly kinds that may not be
	// corrected (补卡): bit 0 missing, 1 late, 2 early, 3 other.
	BukaRestriction uint64 `json:"buka_restriction"`
}

// CheckinSpecialDay is a date with its own check-in requirement.
type CheckinSpecialDay struct {
	Timestamp   int64         `json:"timestamp"` // the day, Unix seconds
	Notes       string        `json:"notes"`
	CheckinTime []CheckinTime `json:"checkintime"`
}

// CheckinShift is a shift (班次) of a by-shift rule.
type CheckinShift struct {
	ScheduleID   int64  `json:"schedule_id"`
	ScheduleName string `json:"schedule_name"`
	TimeSection  []struct {
		CheckinTime
		RestBeginTime int64 `json:"rest_begin_time"`
		RestEndTime   int64 `json:"rest_end_time"`
		AllowRest     bool  `json:"allow_rest"`
		// RestTimes are further breaks of the section.
		RestTimes []CheckinRest `json:"rest_times"`
	} `json:"time_section"`
	LimitAheadTime  int64 `json:"limit_aheadtime"`
	NoNeedOffWork   bool  `json:"noneed_offwork"`
	LimitOffTime    int64 `json:"limit_offtime"`
	FlexOnDutyTime  int64 `json:"flex_on_duty_time"`
	FlexOffDutyTime int64 `json:"flex_off_duty_time"`
	AllowFlex       bool  `json:"allow_flex"`
	LateRule        struct {
		AllowOffWorkAfterTime bool `json:"allow_offwork_after_time"`
		TimeRules             []struct {
			OffWorkAfterTime int64 `json:"offwork_after_time"`
			OnWorkFlexTime   int64 `json:"onwork_flex_time"`
		} `json:"timerules"`
	} `json:"late_rule"`
	MaxAllowArriveEarly int64 `json:"max_allow_arrive_early"`
	MaxAllowArriveLate  int64 `json:"max_allow_arrive_late"`
}

// CheckinRest is a break within a shift, in seconds from midnight.
type CheckinRest struct {
	RestBeginTime int64 `json:"rest_begin_time"`
	RestEndTime   int64 `json:"rest_end_time"`
}

// CheckinRange is who a rule applies to. WeCom's documentation shows ids
// both as strings and as numbers, and userid both as a string and as a
// list; all are read into these lists. The departments come as "partyid"
// (the samples of getcorpcheckinoption and add_checkin_option) or
// "party_id"; both are read.
type CheckinRange struct {
	PartyID []string `json:"party_id"`
	UserID  []string `json:"userid"`
	TagID   []string `json:"tagid"`
}

// UnmarshalJSON reads each list from a JSON array of strings or numbers,
// or from a single string or number.
func (r *CheckinRange) UnmarshalJSON(b []byte) error {
	var w struct {
		PartyID    looseStrings `json:"party_id"`
		PartyIDAlt looseStrings `json:"partyid"`
		UserID     looseStrings `json:"userid"`
		TagID      looseStrings `json:"tagid"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return fmt.Errorf("range: %w", err)
	}
	party := w.PartyID
	if party == nil {
		party = w.PartyIDAlt
	}
	*r = CheckinRange{PartyID: party, UserID: w.UserID, TagID: w.TagID}
	return nil
}

// checkinBatches calls fetch for consecutive batches of at most
// MaxCheckinUsers user ids, one after the other, and concatenates the
// answers.
func checkinBatches[T any](ctx context.Context, userIDs []string, fetch func(ctx context.Context, ids []string) ([]T, error)) ([]T, error) {
	if len(userIDs) == 0 {
		return nil, fmt.Errorf("%w: no user ids", ErrInvalidCheckinRequest)
	}
	n := (len(userIDs) + MaxCheckinUsers - 1) / MaxCheckinUsers
	var all []T
	for i := 0; i < n; i++ {
		lo, hi := i*MaxCheckinUsers, min((i+1)*MaxCheckinUsers, len(userIDs))
		items, err := fetch(ctx, userIDs[lo:hi])
		if err != nil {
			if n == 1 {
				return nil, err
			}
			return nil, fmt.Errorf("work: check-in batch %d of %d (users %d-%d): %w", i+1, n, lo+1, hi, err)
		}
		all = append(all, items...)
	}
	return all, nil
}
