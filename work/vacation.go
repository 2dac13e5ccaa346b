package work

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// VacationService wraps oa/vacation (假期): the corp's leave types and the
// members' leave balances.
//
// Its calls need the token of an app listed under 审批 → 可调用接口的应用.
type VacationService service

// VacationTimeAttr is the unit a leave type is taken in (time_attr).
type VacationTimeAttr int

// Values of VacationTimeAttr.
const (
	VacationByDay  VacationTimeAttr = 0
	VacationByHour VacationTimeAttr = 1
)

// VacationMonthDay is a day of the year.
type VacationMonthDay struct {
	Month int `json:"month"`
	Day   int `json:"day"`
}

// VacationQuotaAttr is how a leave type's balance is granted (quota_attr):
// Type 1 each year on AutoresetTime with AutoresetDuration, 2 by the
// number of years worked, 3 by hand (or for no quota).
type VacationQuotaAttr struct {
	Type              int
	AutoresetTime     time.Time
	AutoresetDuration time.Duration
	QuotaRuleType     int
	// QuotaRules is the rule table as WeCom sends it; Rules is the same
	// table decoded.
	QuotaRules json.RawMessage
	// Rules is quota_rules decoded (nil when WeCom sent none).
	Rules *VacationQuotaRules
	// AtEntryDate grants the balance on the member's entry date
	// (at_entry_date).
	AtEntryDate bool
	// AutoResetMonthDay is the day of the month balances are reset on
	// (auto_reset_month_day; 0: none).
	AutoResetMonthDay int
}

// VacationQuotaRules is the table of balances by years worked
// (quota_rules).
type VacationQuotaRules struct {
	List []VacationQuotaRule
	// BasedOnActualWorkTime counts the years of actual work
	// (based_on_actual_work_time) rather than those at the corp.
	BasedOnActualWorkTime bool
}

// VacationQuotaRule is one row of the table: Quota for members with
// between Begin and End years (End 0: no upper bound).
type VacationQuotaRule struct {
	Quota      time.Duration
	Begin, End int
}

// UnmarshalJSON decodes the attribute leniently.
func (q *VacationQuotaAttr) UnmarshalJSON(b []byte) error {
	var w struct {
		Type              int             `json:"type"`
		AutoresetTime     looseInt        `json:"autoreset_time"`
		AutoresetDuration looseInt        `json:"autoreset_duration"`
		QuotaRuleType     int             `json:"quota_rule_type"`
		QuotaRules        json.RawMessage `json:"quota_rules"`
		AtEntryDate       oneZero         `json:"at_entry_date"`
		AutoResetMonthDay looseInt        `json:"auto_reset_month_day"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*q = VacationQuotaAttr{Type: w.Type, AutoresetTime: calTime(w.AutoresetTime),
		AutoresetDuration: time.Duration(w.AutoresetDuration) * time.Second, QuotaRuleType: w.QuotaRuleType,
		QuotaRules: w.QuotaRules, AtEntryDate: bool(w.AtEntryDate), AutoResetMonthDay: int(w.AutoResetMonthDay)}
	if len(w.QuotaRules) > 0 && !isNull(w.QuotaRules) {
		var rw struct {
			List []struct {
				Quota looseInt `json:"quota"`
				Begin looseInt `json:"begin"`
				End   looseInt `json:"end"`
			} `json:"list"`
			BasedOnActualWorkTime oneZero `json:"based_on_actual_work_time"`
		}
		// One odd rule table never fails the call: it stays in QuotaRules.
		if decodeLenient(w.QuotaRules, &rw) == nil {
			rules := &VacationQuotaRules{BasedOnActualWorkTime: bool(rw.BasedOnActualWorkTime)}
			for _, r := range rw.List {
				rules.List = append(rules.List, VacationQuotaRule{Quota: time.Duration(r.Quota) * time.Second,
					Begin: int(r.Begin), End: int(r.End)})
			}
			q.Rules = rules
		}
	}
	return nil
}

// VacationExpireRule is when an unused balance expires (expire_rule).
type VacationExpireRule struct {
	Type                 int              `json:"type"`
	Duration             int              `json:"duration"`
	Date                 VacationMonthDay `json:"date"`
	ExternDurationEnable bool             `json:"extern_duration_enable"`
	ExternDuration       VacationMonthDay `json:"extern_duration"`
}

// VacationType is one leave type of the corp.
type VacationType struct {
	ID       int64
	Name     string
	TimeAttr VacationTimeAttr
	// DurationType 0 counts natural days, 1 working days.
	DurationType int
	QuotaAttr    VacationQuotaAttr
	// PerDay is how long one day of leave lasts.
	PerDay             time.Duration
	IsNewOvertime      bool
	EnterCompTimeLimit int
	ExpireRule         VacationExpireRule
}

// UnmarshalJSON decodes a leave type leniently.
func (v *VacationType) UnmarshalJSON(b []byte) error {
	var w struct {
		ID                 int64              `json:"id"`
		Name               string             `json:"name"`
		TimeAttr           VacationTimeAttr   `json:"time_attr"`
		DurationType       int                `json:"duration_type"`
		QuotaAttr          VacationQuotaAttr  `json:"quota_attr"`
		PerdayDuration     looseInt           `json:"perday_duration"`
		IsNewOvertime      oneZero            `json:"is_newovertime"`
		EnterCompTimeLimit int                `json:"enter_comp_time_limit"`
		ExpireRule         VacationExpireRule `json:"expire_rule"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*v = VacationType{w.ID, w.Name, w.TimeAttr, w.DurationType, w.QuotaAttr, time.Duration(w.PerdayDuration) * time.Second,
		bool(w.IsNewOvertime), w.EnterCompTimeLimit, w.ExpireRule}
	return nil
}

// CorpConfig returns the corp's leave types (oa/vacation/getcorpconf).
func (s *VacationService) CorpConfig(ctx context.Context) ([]VacationType, error) {
	out, err := getAs[struct {
		Lists []VacationType `json:"lists"`
	}](ctx, (*service)(s), "/cgi-bin/oa/vacation/getcorpconf", nil)
	if err != nil {
		return nil, err
	}
	return out.Lists, nil
}

// VacationQuota is a member's balance of one leave type.
type VacationQuota struct {
	ID           int64
	Name         string
	Assigned     time.Duration // assignduration
	Used         time.Duration // usedduration
	Left         time.Duration // leftduration
	RealAssigned time.Duration // real_assignduration
}

// UnmarshalJSON decodes a balance leniently.
func (q *VacationQuota) UnmarshalJSON(b []byte) error {
	var w struct {
		ID           int64    `json:"id"`
		Name         string   `json:"vacationname"`
		Assigned     looseInt `json:"assignduration"`
		Used         looseInt `json:"usedduration"`
		Left         looseInt `json:"leftduration"`
		RealAssigned looseInt `json:"real_assignduration"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	sec := func(n looseInt) time.Duration { return time.Duration(n) * time.Second }
	*q = VacationQuota{w.ID, w.Name, sec(w.Assigned), sec(w.Used), sec(w.Left), sec(w.RealAssigned)}
	return nil
}

// UserQuotas returns a member's leave balances
// (oa/vacation/getuservacationquota).
func (s *VacationService) UserQuotas(ctx context.Context, userID string) ([]VacationQuota, error) {
	out, err := postAs[struct {
		Lists []VacationQuota `json:"lists"`
	}](ctx, (*service)(s), "/cgi-bin/oa/vacation/getuservacationquota", map[string]string{"userid": userID}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.Lists, nil
}

// SetQuotaRequest is the body of oa/vacation/setoneuserquota: the new
// balance Left of one leave type of one member, in the leave type's unit
// (whole days for VacationByDay, whole hours for VacationByHour).
type SetQuotaRequest struct {
	UserID     string
	VacationID int64
	Left       time.Duration
	TimeAttr   VacationTimeAttr
	Remarks    string
}

// MarshalJSON encodes r as WeCom reads it.
func (r SetQuotaRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		UserID       string           `json:"userid"`
		VacationID   int64            `json:"vacation_id"`
		LeftDuration int64            `json:"leftduration"`
		TimeAttr     VacationTimeAttr `json:"time_attr"`
		Remarks      string           `json:"remarks,omitempty"`
	}{r.UserID, r.VacationID, int64(r.Left / time.Second), r.TimeAttr, r.Remarks})
}

// SetUserQuota sets a member's balance of one leave type
// (oa/vacation/setoneuserquota). A repeat sets the same balance again.
func (s *VacationService) SetUserQuota(ctx context.Context, req SetQuotaRequest) error {
	if req.UserID == "" || req.VacationID == 0 {
		return fmt.Errorf("%w: userid and vacation_id are required", ErrInvalidCalendarRequest)
	}
	if req.Left < 0 {
		return fmt.Errorf("%w: a negative balance", ErrInvalidCalendarRequest)
	}
	return (*service)(s).post(ctx, "/cgi-bin/oa/vacation/setoneuserquota", req, nil, api.Idempotent)
}
