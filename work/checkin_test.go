package work

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

var (
	checkinStart = time.Unix(1492617600, 0)
	checkinEnd   = time.Unix(1492790400, 0)
)

func TestCheckinData(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcheckindata", `{
		"errcode": 0, "errmsg": "ok",
		"checkindata": [{
			"userid": "james", "groupname": "打卡一组", "checkin_type": "上班打卡",
			"exception_type": "地点异常;时间异常", "checkin_time": 1492617610,
			"location_title": "依澜府", "location_detail": "四川省成都市武侯区益州大道中段784号附近",
			"wifiname": "办公一区", "notes": "路上堵车", "wifimac": "3c:46:d8:0c:7a:70",
			"mediaids": ["WWCISP_1"], "lat": 30547645, "lng": 104063236,
			"deviceid": "E5FA89F6", "sch_checkin_time": 1492617600,
			"groupid": 1, "schedule_id": 3, "timeline_id": 2
		}, {
			"userid": "paul", "checkin_type": "外出打卡", "exception_type": "", "checkin_time": 1492617620
		}]
	}`)

	got, err := c.Checkin.Data(context.Background(), CheckinDataRequest{
		Type: CheckinDataOnOffDuty, Start: checkinStart, End: checkinEnd, UserIDs: []string{"james", "paul"},
	})
	require.NoError(t, err)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/checkin/getcheckindata")
	assertJSONBody(t, r, `{"opencheckindatatype":1,"starttime":1492617600,"endtime":1492790400,"useridlist":["james","paul"]}`)

	require.Len(t, got, 2)
	assert.Equal(t, CheckinRecord{
		UserID: "james", GroupName: "打卡一组", Type: CheckinOnDuty,
		ExceptionType: "地点异常;时间异常", CheckinTime: 1492617610,
		LocationTitle: "依澜府", LocationDetail: "四川省成都市武侯区益州大道中段784号附近",
		WiFiName: "办公一区", WiFiMAC: "3c:46:d8:0c:7a:70", Notes: "路上堵车",
		MediaIDs: []string{"WWCISP_1"}, Lat: 30547645, Lng: 104063236, DeviceID: "E5FA89F6",
		ScheduledTime: 1492617600, GroupID: 1, ScheduleID: 3, TimelineID: 2,
	}, got[0])
	assert.Equal(t, []string{"地点异常", "时间异常"}, got[0].Exceptions())
	assert.Equal(t, CheckinOutside, got[1].Type)
	assert.Nil(t, got[1].Exceptions())
}

func TestCheckinDataDefaultsToAllTypes(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcheckindata", `{"errcode":0,"errmsg":"ok","checkindata":[]}`)

	got, err := c.Checkin.Data(context.Background(), CheckinDataRequest{Start: checkinStart, End: checkinEnd, UserIDs: []string{"james"}})
	require.NoError(t, err)
	assert.Empty(t, got)

	var body checkinDataBody
	decodeBody(t, rec.last(t), &body)
	assert.Equal(t, CheckinDataAll, body.Type)
}

// stubCheckinBatches answers each request at path with one item per user
// id of its body, {"userid": id} under key, and records the requests; the
// failOnCall-th request (from 1; 0 for none) gets errcode 301022.
func stubCheckinBatches(t *testing.T, mt *httpmock.MockTransport, path, key string, failOnCall int) *recorder {
	t.Helper()
	return stubFunc(t, mt, http.MethodPost, path, func(n int, r recordedRequest) string {
		if n == failOnCall {
			return `{"errcode":301022,"errmsg":"system failure"}`
		}
		var in struct {
			UserIDs []string `json:"useridlist"`
		}
		if err := json.Unmarshal(r.Body, &in); err != nil {
			return `{"errcode":47001,"errmsg":"body is not JSON"}`
		}
		items := make([]map[string]string, len(in.UserIDs))
		for i, id := range in.UserIDs {
			items[i] = map[string]string{"userid": id}
		}
		return mustJSON(map[string]any{"errcode": 0, key: items})
	})
}

func userIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("u%03d", i)
	}
	return ids
}

func TestCheckinDataBatchesUsers(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubCheckinBatches(t, mt, "/cgi-bin/checkin/getcheckindata", "checkindata", 0)
	ids := userIDs(250)

	got, err := c.Checkin.Data(context.Background(), CheckinDataRequest{Start: checkinStart, End: checkinEnd, UserIDs: ids})
	require.NoError(t, err)

	reqs := rec.all()
	require.Len(t, reqs, 3)
	for i, want := range [][]string{ids[:100], ids[100:200], ids[200:]} {
		var body checkinDataBody
		decodeBody(t, reqs[i], &body)
		assert.Equal(t, want, body.UserIDs, "batch %d", i+1)
		assert.Equal(t, int64(1492617600), body.StartTime)
		assert.Equal(t, int64(1492790400), body.EndTime)
	}
	require.Len(t, got, 250)
	for i, r := range got {
		assert.Equal(t, ids[i], r.UserID, "record %d in batch order", i)
	}
}

func TestCheckinDataBatchFailureStops(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubCheckinBatches(t, mt, "/cgi-bin/checkin/getcheckindata", "checkindata", 2)

	got, err := c.Checkin.Data(context.Background(), CheckinDataRequest{Start: checkinStart, End: checkinEnd, UserIDs: userIDs(250)})
	assert.Nil(t, got)
	requireAPIError(t, err, 301022, "/cgi-bin/checkin/getcheckindata")
	assert.Contains(t, err.Error(), "batch 2 of 3")
	assert.Equal(t, 2, rec.count(), "no batch after the failed one")
}

func TestCheckinDataRejectsBadRequests(t *testing.T) {
	users := []string{"james"}
	tests := []struct {
		name string
		req  CheckinDataRequest
	}{
		{"no users", CheckinDataRequest{Start: checkinStart, End: checkinEnd}},
		{"no start", CheckinDataRequest{End: checkinEnd, UserIDs: users}},
		{"no end", CheckinDataRequest{Start: checkinStart, UserIDs: users}},
		{"end before start", CheckinDataRequest{Start: checkinEnd, End: checkinStart, UserIDs: users}},
		{"span over 30 days", CheckinDataRequest{Start: checkinStart, End: checkinStart.Add(MaxCheckinSpan + time.Second), UserIDs: users}},
		{"unknown type", CheckinDataRequest{Type: 4, Start: checkinStart, End: checkinEnd, UserIDs: users}},
		{"negative type", CheckinDataRequest{Type: -1, Start: checkinStart, End: checkinEnd, UserIDs: users}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcheckindata", `{"errcode":0}`)
			got, err := c.Checkin.Data(context.Background(), tt.req)
			assert.Nil(t, got)
			require.ErrorIs(t, err, ErrInvalidCheckinRequest)
			assert.Zero(t, rec.count(), "nothing sent")
		})
	}
}

func TestCheckinDataAcceptsFullSpan(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcheckindata", `{"errcode":0,"checkindata":[]}`)
	_, err := c.Checkin.Data(context.Background(), CheckinDataRequest{
		Start: checkinStart, End: checkinStart.Add(MaxCheckinSpan), UserIDs: []string{"james"},
	})
	require.NoError(t, err)
	assert.Equal(t, 1, rec.count())
}

func TestCheckinDayData(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcheckin_daydata", `{
		"errcode": 0, "errmsg": "ok",
		"datas": [{
			"base_info": {
				"date": 1599062400, "record_type": 1, "name": "张三", "name_ex": "Three Zhang",
				"departs_name": "有家企业/部门A4", "acctid": "ZhangSan",
				"rule_info": {"groupid": 10, "groupname": "规则测试", "scheduleid": 0, "schedulename": "",
					"checkintime": [{"work_sec": 38760, "off_work_sec": 38880}]},
				"day_type": 0
			},
			"summary_info": {"checkin_count": 2, "regular_work_sec": 31, "standard_work_sec": 120,
				"earliest_time": 38827, "lastest_time": 38858},
			"holiday_infos": [{
				"sp_description": {"data": [{"lang": "zh_CN", "text": "09/03 10:00~09/03 10:01"}]},
				"sp_number": "202009030002",
				"sp_title": {"data": [{"lang": "zh_CN", "text": "请假0.1小时"}]}
			}],
			"exception_infos": [{"count": 1, "duration": 60, "exception": 1}, {"count": 1, "duration": 60, "exception": 2}],
			"ot_info": {"ot_status": 1, "ot_duration": 3600, "exception_duration": [], "workday_over_as_money": 54000},
			"sp_items": [{"count": 1, "duration": 360, "time_type": 0, "type": 1, "vacation_id": 2, "name": "年假"}]
		}]
	}`)
	start := time.Unix(1599062400, 0)

	got, err := c.Checkin.DayData(context.Background(), CheckinReportRequest{Start: start, End: start, UserIDs: []string{"ZhangSan"}})
	require.NoError(t, err)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/checkin/getcheckin_daydata")
	assertJSONBody(t, r, `{"starttime":1599062400,"endtime":1599062400,"useridlist":["ZhangSan"]}`)

	require.Len(t, got, 1)
	d := got[0]
	assert.Equal(t, int64(1599062400), d.BaseInfo.Date)
	assert.Equal(t, CheckinRecordFixed, d.BaseInfo.RecordType)
	assert.Equal(t, "张三", d.BaseInfo.Name)
	assert.Equal(t, "Three Zhang", d.BaseInfo.NameEx)
	assert.Equal(t, "ZhangSan", d.BaseInfo.AcctID)
	assert.Equal(t, int64(10), d.BaseInfo.RuleInfo.GroupID)
	assert.Equal(t, []CheckinTime{{WorkSec: 38760, OffWorkSec: 38880}}, d.BaseInfo.RuleInfo.CheckinTime)
	assert.Equal(t, CheckinDaySummary{CheckinCount: 2, RegularWorkSec: 31, StandardWorkSec: 120, EarliestTime: 38827, LatestTime: 38858}, d.SummaryInfo)
	require.Len(t, d.HolidayInfos, 1)
	assert.Equal(t, "202009030002", d.HolidayInfos[0].SpNumber)
	require.Len(t, d.HolidayInfos[0].SpTitle.Data, 1)
	assert.Equal(t, "请假0.1小时", d.HolidayInfos[0].SpTitle.Data[0].Text)
	assert.Equal(t, "09/03 10:00~09/03 10:01", d.HolidayInfos[0].SpDescription.Data[0].Text)
	assert.Equal(t, []CheckinExceptionInfo{{Exception: CheckinLate, Count: 1, Duration: 60}, {Exception: CheckinLeftEarly, Count: 1, Duration: 60}}, d.ExceptionInfos)
	assert.Equal(t, 1, d.OTInfo.Status)
	assert.Equal(t, int64(3600), d.OTInfo.Duration)
	assert.Equal(t, int64(54000), d.OTInfo.WorkdayOverAsMoney)
	assert.Equal(t, []CheckinSpItem{{Type: CheckinSpLeave, VacationID: 2, Count: 1, Duration: 360, Name: "年假"}}, d.SpItems)
}

func TestCheckinMonthData(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcheckin_monthdata", `{
		"errcode": 0, "errmsg": "ok",
		"datas": [{
			"base_info": {"record_type": 1, "name": "张三", "name_ex": "Three Zhang", "departs_name": "有家企业",
				"rule_info": {"groupid": 10, "groupname": "规则测试"}, "acctid": "ZhangSan"},
			"summary_info": {"except_days": 3, "regular_days": 1, "regular_work_sec": 31, "standard_work_sec": 29040, "work_days": 3},
			"exception_infos": [{"count": 2, "duration": 28920, "exception": 4}],
			"sp_items": [{"count": 0, "duration": 0, "time_type": 0, "type": 100, "vacation_id": 0, "name": "外勤次数"}],
			"overwork_info": {"workday_over_sec": 54000, "holidays_over_sec": 1, "restdays_over_sec": 205560,
				"workdays_over_as_vacation": 2, "workdays_over_as_money": 54000,
				"restdays_over_as_vacation": 3, "restdays_over_as_money": 172800,
				"holidays_over_as_vacation": 4, "holidays_over_as_money": 5}
		}]
	}`)
	start, end := time.Unix(1599062400, 0), time.Unix(1599408000, 0)

	got, err := c.Checkin.MonthData(context.Background(), CheckinReportRequest{Start: start, End: end, UserIDs: []string{"ZhangSan"}})
	require.NoError(t, err)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/checkin/getcheckin_monthdata")
	assertJSONBody(t, r, `{"starttime":1599062400,"endtime":1599408000,"useridlist":["ZhangSan"]}`)

	require.Len(t, got, 1)
	m := got[0]
	assert.Equal(t, "ZhangSan", m.BaseInfo.AcctID)
	assert.Equal(t, "规则测试", m.BaseInfo.RuleInfo.GroupName)
	assert.Equal(t, CheckinMonthSummary{WorkDays: 3, RegularDays: 1, ExceptDays: 3, RegularWorkSec: 31, StandardWorkSec: 29040}, m.SummaryInfo)
	assert.Equal(t, []CheckinExceptionInfo{{Exception: CheckinAbsent, Count: 2, Duration: 28920}}, m.ExceptionInfos)
	assert.Equal(t, CheckinSpFieldWork, m.SpItems[0].Type)
	assert.Equal(t, CheckinMonthOvertime{
		WorkdayOverSec: 54000, HolidaysOverSec: 1, RestdaysOverSec: 205560,
		WorkdaysOverAsVacation: 2, WorkdaysOverAsMoney: 54000,
		RestdaysOverAsVacation: 3, RestdaysOverAsMoney: 172800,
		HolidaysOverAsVacation: 4, HolidaysOverAsMoney: 5,
	}, m.OverworkInfo)
}

func TestCheckinSchedules(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcheckinschedulist", `{
		"schedule_list": [{
			"userid": "james", "yearmonth": 202011, "groupid": 11, "groupname": "排班",
			"schedule": {"scheduleList": [
				{"day": 25, "schedule_info": {"schedule_id": 229, "schedule_name": "早班",
					"time_section": [{"id": 1, "work_sec": 32400, "off_work_sec": 43200, "remind_work_sec": 32400, "remind_off_work_sec": 43200}]}},
				{"day": 30, "schedule_info": {"schedule_id": 0, "schedule_name": "休息", "time_section": []}}
			]}
		}],
		"errcode": 0, "errmsg": "ok"
	}`)

	got, err := c.Checkin.Schedules(context.Background(), CheckinReportRequest{Start: checkinStart, End: checkinEnd, UserIDs: []string{"james", "paul"}})
	require.NoError(t, err)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/checkin/getcheckinschedulist")
	assertJSONBody(t, r, `{"starttime":1492617600,"endtime":1492790400,"useridlist":["james","paul"]}`)

	require.Len(t, got, 1)
	s := got[0]
	assert.Equal(t, "james", s.UserID)
	assert.Equal(t, 202011, s.YearMonth)
	assert.Equal(t, int64(11), s.GroupID)
	require.Len(t, s.Schedule.Days, 2)
	d := s.Schedule.Days[0]
	assert.Equal(t, 25, d.Day)
	assert.Equal(t, int64(229), d.Info.ScheduleID)
	assert.Equal(t, "早班", d.Info.ScheduleName)
	require.Len(t, d.Info.TimeSection, 1)
	assert.Equal(t, int64(1), d.Info.TimeSection[0].ID)
	assert.Equal(t, CheckinTime{WorkSec: 32400, OffWorkSec: 43200, RemindWorkSec: 32400, RemindOffWorkSec: 43200}, d.Info.TimeSection[0].CheckinTime)
	assert.Equal(t, "休息", s.Schedule.Days[1].Info.ScheduleName)
}

func TestCheckinReportsBatchUsers(t *testing.T) {
	tests := []struct {
		name, path, key string
		call            func(c *Client, req CheckinReportRequest) (int, []string, error)
	}{
		{"day", "/cgi-bin/checkin/getcheckin_daydata", "datas", func(c *Client, req CheckinReportRequest) (int, []string, error) {
			got, err := c.Checkin.DayData(context.Background(), req)
			return len(got), nil, err
		}},
		{"month", "/cgi-bin/checkin/getcheckin_monthdata", "datas", func(c *Client, req CheckinReportRequest) (int, []string, error) {
			got, err := c.Checkin.MonthData(context.Background(), req)
			return len(got), nil, err
		}},
		{"schedules", "/cgi-bin/checkin/getcheckinschedulist", "schedule_list", func(c *Client, req CheckinReportRequest) (int, []string, error) {
			got, err := c.Checkin.Schedules(context.Background(), req)
			ids := make([]string, len(got))
			for i, s := range got {
				ids[i] = s.UserID
			}
			return len(got), ids, err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubCheckinBatches(t, mt, tt.path, tt.key, 0)
			ids := userIDs(101)
			n, gotIDs, err := tt.call(c, CheckinReportRequest{Start: checkinStart, End: checkinEnd, UserIDs: ids})
			require.NoError(t, err)
			assert.Equal(t, 101, n)
			if gotIDs != nil {
				assert.Equal(t, ids, gotIDs)
			}
			reqs := rec.all()
			require.Len(t, reqs, 2)
			var b1, b2 checkinReportBody
			decodeBody(t, reqs[0], &b1)
			decodeBody(t, reqs[1], &b2)
			assert.Equal(t, ids[:100], b1.UserIDs)
			assert.Equal(t, ids[100:], b2.UserIDs)
		})
	}
}

func TestCheckinReportsRejectBadRequests(t *testing.T) {
	tests := []struct {
		name string
		req  CheckinReportRequest
	}{
		{"no users", CheckinReportRequest{Start: checkinStart, End: checkinEnd}},
		{"no start", CheckinReportRequest{End: checkinEnd, UserIDs: []string{"a"}}},
		{"end before start", CheckinReportRequest{Start: checkinEnd, End: checkinStart, UserIDs: []string{"a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			_, err := c.Checkin.DayData(context.Background(), tt.req)
			require.ErrorIs(t, err, ErrInvalidCheckinRequest)
			_, err = c.Checkin.MonthData(context.Background(), tt.req)
			require.ErrorIs(t, err, ErrInvalidCheckinRequest)
			_, err = c.Checkin.Schedules(context.Background(), tt.req)
			require.ErrorIs(t, err, ErrInvalidCheckinRequest)
			assert.Zero(t, mt.GetTotalCallCount(), "nothing sent, not even gettoken")
		})
	}
}

const checkinGroupJSON = `{
	"grouptype": 1, "groupid": 69,
	"checkindate": [{
		"workdays": [1, 2, 3, 4, 5],
		"checkintime": [{"work_sec": 36000, "off_work_sec": 43200, "remind_work_sec": 35400, "remind_off_work_sec": 43200}],
		"flex_time": 300000, "noneed_offwork": true, "limit_aheadtime": 10800000,
		"flex_on_duty_time": -1, "flex_off_duty_time": 0
	}],
	"spe_workdays": [{"timestamp": 1512144000, "notes": "必须打卡的日期",
		"checkintime": [{"work_sec": 32400, "off_work_sec": 61200, "remind_work_sec": 31800, "remind_off_work_sec": 61200}]}],
	"spe_offdays": [{"timestamp": 1512057600, "notes": "不需要打卡的日期", "checkintime": []}],
	"sync_holidays": true, "groupname": "打卡规则1", "need_photo": true,
	"wifimac_infos": [{"wifiname": "Tencent-WiFi-1", "wifimac": "c0:7b:bc:37:f8:d3"}],
	"note_can_use_local_pic": false, "allow_checkin_offworkday": true, "allow_apply_offworkday": true,
	"loc_infos": [{"lat": 30547030, "lng": 104062890, "loc_title": "腾讯成都大厦", "loc_detail": "天府三街", "distance": 300}],
	"schedulelist": [{
		"schedule_id": 221, "schedule_name": "2",
		"time_section": [{"time_id": 1, "work_sec": 32400, "off_work_sec": 61200, "remind_work_sec": 31800,
			"remind_off_work_sec": 61200, "rest_begin_time": 43200, "rest_end_time": 46800, "allow_rest": true}],
		"limit_aheadtime": 14400000, "noneed_offwork": false, "limit_offtime": 14400,
		"flex_on_duty_time": 0, "flex_off_duty_time": 0, "allow_flex": false,
		"late_rule": {"allow_offwork_after_time": true, "timerules": [{"offwork_after_time": 3600, "onwork_flex_time": 1800}]},
		"max_allow_arrive_early": 0, "max_allow_arrive_late": 0
	}],
	"buka_restriction": 3
}`

// assertCheckinGroup checks the fields of checkinGroupJSON.
func assertCheckinGroup(t *testing.T, g CheckinGroup) {
	t.Helper()
	assert.Equal(t, CheckinGroupFixed, g.GroupType)
	assert.Equal(t, int64(69), g.GroupID)
	assert.Equal(t, "打卡规则1", g.GroupName)
	require.Len(t, g.CheckinDate, 1)
	cd := g.CheckinDate[0]
	assert.Equal(t, []int{1, 2, 3, 4, 5}, cd.Workdays)
	assert.Equal(t, []CheckinTime{{WorkSec: 36000, OffWorkSec: 43200, RemindWorkSec: 35400, RemindOffWorkSec: 43200}}, cd.CheckinTime)
	assert.True(t, cd.NoNeedOffWork)
	assert.Equal(t, int64(10800000), cd.LimitAheadTime)
	assert.Equal(t, int64(300000), cd.FlexTime)
	assert.Equal(t, int64(-1), cd.FlexOnDutyTime)
	require.Len(t, g.SpeWorkdays, 1)
	assert.Equal(t, int64(1512144000), g.SpeWorkdays[0].Timestamp)
	assert.Equal(t, "必须打卡的日期", g.SpeWorkdays[0].Notes)
	assert.Len(t, g.SpeWorkdays[0].CheckinTime, 1)
	require.Len(t, g.SpeOffdays, 1)
	assert.Empty(t, g.SpeOffdays[0].CheckinTime)
	assert.True(t, g.SyncHolidays)
	assert.True(t, g.NeedPhoto)
	assert.True(t, g.AllowCheckinOffWorkday)
	assert.True(t, g.AllowApplyOffWorkday)
	require.Len(t, g.WiFiMACInfos, 1)
	assert.Equal(t, "c0:7b:bc:37:f8:d3", g.WiFiMACInfos[0].WiFiMAC)
	require.Len(t, g.LocInfos, 1)
	assert.Equal(t, int64(30547030), g.LocInfos[0].Lat)
	assert.Equal(t, "腾讯成都大厦", g.LocInfos[0].LocTitle)
	assert.Equal(t, int64(300), g.LocInfos[0].Distance)
	require.Len(t, g.ScheduleList, 1)
	sh := g.ScheduleList[0]
	assert.Equal(t, int64(221), sh.ScheduleID)
	require.Len(t, sh.TimeSection, 1)
	assert.Equal(t, int64(1), sh.TimeSection[0].TimeID)
	assert.Equal(t, int64(43200), sh.TimeSection[0].RestBeginTime)
	assert.True(t, sh.TimeSection[0].AllowRest)
	assert.Equal(t, int64(14400), sh.LimitOffTime)
	assert.True(t, sh.LateRule.AllowOffWorkAfterTime)
	require.Len(t, sh.LateRule.TimeRules, 1)
	assert.Equal(t, int64(1800), sh.LateRule.TimeRules[0].OnWorkFlexTime)
	assert.Equal(t, uint64(3), g.BukaRestriction)
}

func TestCheckinOptions(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcheckinoption",
		`{"errcode":0,"errmsg":"ok","info":[{"userid":"james","group":`+checkinGroupJSON+`}]}`)

	got, err := c.Checkin.Options(context.Background(), time.Unix(1511971200, 0), []string{"james", "paul"})
	require.NoError(t, err)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/checkin/getcheckinoption")
	assertJSONBody(t, r, `{"datetime":1511971200,"useridlist":["james","paul"]}`)

	require.Len(t, got, 1)
	assert.Equal(t, "james", got[0].UserID)
	assertCheckinGroup(t, got[0].Group)
	assert.Nil(t, got[0].Group.Range)
}

func TestCheckinOptionsBatchesAndValidates(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubCheckinBatches(t, mt, "/cgi-bin/checkin/getcheckinoption", "info", 0)
	ids := userIDs(150)

	got, err := c.Checkin.Options(context.Background(), time.Unix(1511971200, 0), ids)
	require.NoError(t, err)
	require.Len(t, got, 150)
	assert.Equal(t, "u149", got[149].UserID)
	assert.Equal(t, 2, rec.count())

	_, err = c.Checkin.Options(context.Background(), time.Time{}, ids)
	require.ErrorIs(t, err, ErrInvalidCheckinRequest)
	_, err = c.Checkin.Options(context.Background(), time.Unix(1511971200, 0), nil)
	require.ErrorIs(t, err, ErrInvalidCheckinRequest)
	assert.Equal(t, 2, rec.count(), "invalid calls send nothing")
}

func TestCheckinCorpOptions(t *testing.T) {
	c, mt := newTestClient(t)
	group := strings.TrimSuffix(checkinGroupJSON, "}") + `,
		"range": {"party_id": [], "userid": ["icef", "LiJingZhong"], "tagid": [2]},
		"create_time": 1606204343, "white_users": ["canno"], "type": 0,
		"reporterinfo": {"reporters": [{"userid": "brant"}], "updatetime": 1606305508},
		"ot_info": {"type": 2, "allow_ot_workingday": true},
		"allow_apply_bk_cnt": -1, "option_out_range": 1, "create_userid": "gaogao",
		"use_face_detect": true, "allow_apply_bk_day_limit": -1, "update_userid": "sandy",
		"offwork_interval_time": 300
	}`
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcorpcheckinoption", `{"errcode":0,"errmsg":"ok","group":[`+group+`]}`)

	got, err := c.Checkin.CorpOptions(context.Background())
	require.NoError(t, err)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/checkin/getcorpcheckinoption")
	assertJSONBody(t, r, `{}`)

	require.Len(t, got, 1)
	g := got[0]
	assertCheckinGroup(t, g)
	require.NotNil(t, g.Range)
	assert.Equal(t, CheckinRange{PartyID: []string{}, UserID: []string{"icef", "LiJingZhong"}, TagID: []string{"2"}}, *g.Range)
	assert.Equal(t, int64(1606204343), g.CreateTime)
	assert.Equal(t, []string{"canno"}, g.WhiteUsers)
	require.Len(t, g.ReporterInfo.Reporters, 1)
	assert.Equal(t, "brant", g.ReporterInfo.Reporters[0].UserID)
	assert.Equal(t, int64(1606305508), g.ReporterInfo.UpdateTime)
	assert.JSONEq(t, `{"type": 2, "allow_ot_workingday": true}`, string(g.OTInfo))
	assert.Equal(t, int64(-1), g.AllowApplyBkCnt)
	assert.Equal(t, 1, g.OptionOutRange)
	assert.Equal(t, "gaogao", g.CreateUserID)
	assert.Equal(t, "sandy", g.UpdateUserID)
	assert.True(t, g.UseFaceDetect)
	assert.Equal(t, int64(300), g.OffWorkIntervalTime)
}

func TestCheckinRangeDecoding(t *testing.T) {
	tests := []struct {
		name, in string
		want     CheckinRange
		wantErr  bool
	}{
		{"lists", `{"party_id":["1","2"],"userid":["a"],"tagid":[3]}`,
			CheckinRange{PartyID: []string{"1", "2"}, UserID: []string{"a"}, TagID: []string{"3"}}, false},
		{"numbers and single values", `{"party_id":[1688852032415111],"userid":"a","tagid":7}`,
			CheckinRange{PartyID: []string{"1688852032415111"}, UserID: []string{"a"}, TagID: []string{"7"}}, false},
		{"null and missing", `{"party_id":null}`, CheckinRange{}, false},
		{"object id, dropped", `{"userid":[{"x":1}],"tagid":[3]}`, CheckinRange{TagID: []string{"3"}}, false},
		{"not an object", `[1]`, CheckinRange{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got CheckinRange
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCheckinAPIErrors(t *testing.T) {
	day := time.Unix(1599062400, 0)
	report := CheckinReportRequest{Start: day, End: day, UserIDs: []string{"a"}}
	calls := []struct {
		path string
		call func(c *Client) error
	}{
		{"/cgi-bin/checkin/getcheckindata", func(c *Client) error {
			_, err := c.Checkin.Data(context.Background(), CheckinDataRequest{Start: day, End: day, UserIDs: []string{"a"}})
			return err
		}},
		{"/cgi-bin/checkin/getcheckin_daydata", func(c *Client) error {
			_, err := c.Checkin.DayData(context.Background(), report)
			return err
		}},
		{"/cgi-bin/checkin/getcheckin_monthdata", func(c *Client) error {
			_, err := c.Checkin.MonthData(context.Background(), report)
			return err
		}},
		{"/cgi-bin/checkin/getcheckinschedulist", func(c *Client) error {
			_, err := c.Checkin.Schedules(context.Background(), report)
			return err
		}},
		{"/cgi-bin/checkin/getcheckinoption", func(c *Client) error {
			_, err := c.Checkin.Options(context.Background(), day, []string{"a"})
			return err
		}},
		{"/cgi-bin/checkin/getcorpcheckinoption", func(c *Client) error {
			_, err := c.Checkin.CorpOptions(context.Background())
			return err
		}},
	}
	for _, code := range []int{48002, 301022} {
		for _, tc := range calls {
			t.Run(fmt.Sprintf("%s/%d", tc.path, code), func(t *testing.T) {
				c, mt := newTestClient(t)
				rec := stubError(t, mt, http.MethodPost, tc.path, code)
				err := tc.call(c)
				requireAPIError(t, err, code, tc.path)
				assert.NotContains(t, err.Error(), testToken)
				assertCall(t, rec.last(t), http.MethodPost, tc.path)
			})
		}
	}
}

func TestCheckinReadsAreRetried(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubError(t, mt, http.MethodPost, "/cgi-bin/checkin/getcorpcheckinoption", -1)
	_, err := c.Checkin.CorpOptions(context.Background())
	requireAPIError(t, err, -1, "/cgi-bin/checkin/getcorpcheckinoption")
	assert.Equal(t, 3, rec.count(), "an idempotent read is retried up to MaxAttempts")
}

// One field of an unexpected shape does not fail the call: it is
// dropped and the rest of the record decoded.
func TestCheckinOddFieldIsDropped(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcheckindata",
		`{"errcode":0,"checkindata":[{"userid":"a","checkin_time":"soon","lat":"30547645"}]}`)
	got, err := c.Checkin.Data(context.Background(), CheckinDataRequest{Start: checkinStart, End: checkinEnd, UserIDs: []string{"a"}})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "a", got[0].UserID)
	assert.Zero(t, got[0].CheckinTime, "the odd time is dropped")
	assert.Equal(t, int64(30547645), got[0].Lat, "a number sent as a string is read")
}

func TestCheckinAPICases(t *testing.T) {
	day := time.Unix(1599062400, 0)
	runAPICases(t, []apiCase{
		{
			name: "CorpOptions", method: http.MethodPost, path: "/cgi-bin/checkin/getcorpcheckinoption", safety: api.Idempotent,
			reply: `{"errcode":0,"group":[{"groupid":1,"groupname":"g"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Checkin.CorpOptions(ctx)
			},
			body: `{}`,
			want: []CheckinGroup{{GroupID: 1, GroupName: "g"}},
		},
		{
			name: "Options", method: http.MethodPost, path: "/cgi-bin/checkin/getcheckinoption", safety: api.Idempotent,
			reply: `{"errcode":0,"info":[{"userid":"a","group":{"groupid":2}}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Checkin.Options(ctx, day, []string{"a"})
			},
			body: `{"datetime":1599062400,"useridlist":["a"]}`,
			want: []CheckinUserOption{{UserID: "a", Group: CheckinGroup{GroupID: 2}}},
		},
		{
			name: "Data", method: http.MethodPost, path: "/cgi-bin/checkin/getcheckindata", safety: api.Idempotent,
			reply: `{"errcode":0,"checkindata":[{"userid":"a","checkin_time":1599062500}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Checkin.Data(ctx, CheckinDataRequest{Type: CheckinDataOutside, Start: day, End: day.Add(time.Hour), UserIDs: []string{"a"}})
			},
			body: `{"opencheckindatatype":2,"starttime":1599062400,"endtime":1599066000,"useridlist":["a"]}`,
			want: []CheckinRecord{{UserID: "a", CheckinTime: 1599062500}},
		},
	})
}
