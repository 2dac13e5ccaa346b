package work

// Check-in rules written through the API, records added and corrections:
// doc samples (testdata/docs/checkin/manage, provenance in its README) and
// request/errcode/repeat-policy cases.

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

// sampleCheckinGroup is the rule of the add_checkin_option sample.
func sampleCheckinGroup() CheckinGroupSpec {
	return CheckinGroupSpec{
		GroupType: CheckinGroupFixed, GroupName: "打卡规则1",
		CheckinDate: []CheckinDateSpec{{Workdays: []int{1, 2, 3, 4, 5}, CheckinTime: []CheckinTimeSpec{{
			CheckinTime:     CheckinTime{TimeID: 1, WorkSec: 36000, OffWorkSec: 43200, RemindWorkSec: 35400, RemindOffWorkSec: 43200},
			EarliestWorkSec: 35040, LatestWorkSec: 37020, EarliestOffWorkSec: 43140, LatestOffWorkSec: 43800,
		}}}},
		SyncHolidays: true, NeedPhoto: true,
		WiFiMACInfos:           []CheckinWiFi{{WiFiName: "Tencent-WiFi-1", WiFiMAC: "c0:7b:bc:37:f8:d3"}},
		AllowCheckinOffWorkday: true, AllowApplyOffWorkday: true,
		LocInfos: []CheckinLocation{{Lat: 30547030, Lng: 104062890, LocTitle: "腾讯成都大厦",
			LocDetail: "四川省成都市武侯区高新南区天府三街", Distance: 300}},
		Range:           &CheckinGroupRange{UserIDs: []string{"gongjuren", "tester"}, TagIDs: []int64{2}},
		WhiteUsers:      []string{"canno"},
		Reporters:       []string{"brant"},
		OTInfoV2:        json.RawMessage(`{"workdayconf":{"allow_ot":true,"type":0}}`),
		AllowApplyBkCnt: -1, AllowApplyBkDayLimit: -1, OpenFaceLiveDetect: true, BukaLimitNextMonth: -1,
		SyncOutCheckin: true, BukaRemind: &CheckinBukaRemind{OpenRemind: true, BukaRemindDay: 28},
	}
}

func TestCheckinOptionDocSamples(t *testing.T) {
	post := http.MethodPost
	cst := time.FixedZone("CST", 8*3600)
	runDocSamples(t, []docCase{
		{page: 98041, method: post, path: "/cgi-bin/checkin/add_checkin_option", sample: "checkin/manage/add_checkin_option",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Checkin.AddGroup(t.Context(), CheckinAddGroupRequest{EffectiveNow: true, Group: sampleCheckinGroup()})
			}},
		{page: 98041, method: post, path: "/cgi-bin/checkin/update_checkin_option", sample: "checkin/manage/update_checkin_option",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Checkin.UpdateGroup(t.Context(), CheckinUpdateGroupRequest{GroupID: 1, EffectiveNow: true, Group: sampleCheckinGroup()})
			}},
		{page: 99647, method: post, path: "/cgi-bin/checkin/add_checkin_record", sample: "checkin/manage/add_checkin_record",
			// The sample's "notes": "" is an unset note: the SDK leaves it
			// out.
			omitZero: true,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Checkin.AddRecords(t.Context(), []CheckinRecordAdd{{UserID: "userId", Time: time.Unix(1705899000, 0),
					LocationTitle: "1234", LocationDetail: "1234", MediaIDs: []string{"mediaId"}, DeviceType: CheckinDeviceDoor,
					Lat: 22234233, Lng: 1233123, DeviceDetail: "device_detail_test", WiFiName: "Tencent-WiFi", WiFiMAC: "a2:8b:7f:c0:27:4b"}})
			}},
		{page: 95803, method: post, path: "/cgi-bin/checkin/punch_correction", sample: "checkin/manage/punch_correction",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				// Any time on 2022-06-06 in China: the day is sent as its
				// midnight there.
				return nil, c.Checkin.PunchCorrection(t.Context(), CheckinPunchCorrectionRequest{UserID: "zhangsan",
					Day: time.Date(2022, 6, 6, 15, 30, 0, 0, cst), DueAt: 9 * time.Hour,
					CheckinTime: time.Unix(1654486827, 0), Remark: "备注信息"})
			}},
	})
}

// TestCheckinOptionCalls: request, errcode and repeat policy. A rule
// update is set-style and repeated after a transient failure; a new rule,
// records and corrections are sent once.
func TestCheckinOptionCalls(t *testing.T) {
	post := http.MethodPost
	group := CheckinGroupSpec{GroupType: CheckinGroupFree, GroupName: "g"}
	groupBody := `{"grouptype":3,"groupname":"g","sync_holidays":false,"need_photo":false,"note_can_use_local_pic":false,
		"allow_checkin_offworkday":false,"allow_apply_offworkday":false,"type":0,"allow_apply_bk_cnt":0,"option_out_range":0,
		"use_face_detect":false,"allow_apply_bk_day_limit":0,"open_face_live_detect":false,"buka_limit_next_month":0,
		"sync_out_checkin":false,"buka_restriction":0}`
	runAPICases(t, []apiCase{
		{name: "AddGroup", method: post, path: "/cgi-bin/checkin/add_checkin_option", safety: api.Unsafe,
			reply: `{"errcode":0}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Checkin.AddGroup(ctx, CheckinAddGroupRequest{Group: group})
			},
			body: `{"effective_now":false,"group":` + groupBody + `}`},
		{name: "UpdateGroup", method: post, path: "/cgi-bin/checkin/update_checkin_option", safety: api.Idempotent,
			reply: `{"errcode":0}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Checkin.UpdateGroup(ctx, CheckinUpdateGroupRequest{GroupID: 7, EffectiveNow: true, Group: group})
			},
			body: `{"effective_now":true,"group":` + strings.Replace(groupBody, "{", `{"groupid":7,`, 1) + `}`},
		{name: "AddRecords", method: post, path: "/cgi-bin/checkin/add_checkin_record", safety: api.Unsafe,
			reply: `{"errcode":0}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Checkin.AddRecords(ctx, []CheckinRecordAdd{{UserID: "a", Time: time.Unix(5, 0)}, {UserID: "b", Time: time.Unix(6, 0), Notes: "n"}})
			},
			body: `{"records":[{"userid":"a","checkin_time":5},{"userid":"b","checkin_time":6,"notes":"n"}]}`},
		{name: "PunchCorrection", method: post, path: "/cgi-bin/checkin/punch_correction", safety: api.Unsafe,
			reply: `{"errcode":0}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				// No due time (a day off): schedule_checkin_time is left out.
				return nil, c.Checkin.PunchCorrection(ctx, CheckinPunchCorrectionRequest{UserID: "u",
					Day: time.Date(2024, 1, 2, 23, 59, 0, 0, time.UTC), CheckinTime: time.Unix(100, 0)})
			},
			body: `{"userid":"u","schedule_date_time":1704153600,"checkin_time":100,"remark":""}`},
	})
}

func TestCheckinOptionRejectsBadInput(t *testing.T) {
	c, mt := newTestClient(t)
	ctx := t.Context()
	many := make([]CheckinRecordAdd, MaxCheckinRecords+1)
	for i := range many {
		many[i] = CheckinRecordAdd{UserID: "u", Time: time.Unix(1, 0)}
	}
	ok := CheckinGroupSpec{GroupType: CheckinGroupFixed, GroupName: "g"}
	for name, err := range map[string]error{
		"add type":        c.Checkin.AddGroup(ctx, CheckinAddGroupRequest{Group: CheckinGroupSpec{GroupName: "g"}}),
		"add name":        c.Checkin.AddGroup(ctx, CheckinAddGroupRequest{Group: CheckinGroupSpec{GroupType: 1}}),
		"add ot":          c.Checkin.AddGroup(ctx, CheckinAddGroupRequest{Group: CheckinGroupSpec{GroupType: 1, GroupName: "g", OTInfoV2: json.RawMessage(`{`)}}),
		"update id":       c.Checkin.UpdateGroup(ctx, CheckinUpdateGroupRequest{Group: ok}),
		"update group":    c.Checkin.UpdateGroup(ctx, CheckinUpdateGroupRequest{GroupID: 1}),
		"records none":    c.Checkin.AddRecords(ctx, nil),
		"records many":    c.Checkin.AddRecords(ctx, many),
		"record user":     c.Checkin.AddRecords(ctx, []CheckinRecordAdd{{Time: time.Unix(1, 0)}}),
		"record wifi":     c.Checkin.AddRecords(ctx, []CheckinRecordAdd{{UserID: "u", Time: time.Unix(1, 0), WiFiName: "w"}}),
		"record mac":      c.Checkin.AddRecords(ctx, []CheckinRecordAdd{{UserID: "u", Time: time.Unix(1, 0), WiFiName: "w", WiFiMAC: "a2-8b-7f-c0-27-4b"}}),
		"record mac hex":  c.Checkin.AddRecords(ctx, []CheckinRecordAdd{{UserID: "u", Time: time.Unix(1, 0), WiFiMAC: "g2:8b:7f:c0:27:4b"}}),
		"record media":    c.Checkin.AddRecords(ctx, []CheckinRecordAdd{{UserID: "u", Time: time.Unix(1, 0), MediaIDs: []string{"a", "b"}}}),
		"correction":      c.Checkin.PunchCorrection(ctx, CheckinPunchCorrectionRequest{UserID: "u"}),
		"correction due":  c.Checkin.PunchCorrection(ctx, CheckinPunchCorrectionRequest{UserID: "u", Day: time.Unix(1, 0), CheckinTime: time.Unix(1, 0), DueAt: 25 * time.Hour}),
		"correction note": c.Checkin.PunchCorrection(ctx, CheckinPunchCorrectionRequest{UserID: "u", Day: time.Unix(1, 0), CheckinTime: time.Unix(1, 0), Remark: strings.Repeat("x", 513)}),
	} {
		assert.ErrorIs(t, err, ErrInvalidCheckinRequest, name)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing sent")
}

// TestCheckinRangeSendsEveryList: an unset list of the range goes out as
// [], as the page's sample sends partyid.
func TestCheckinRangeSendsEveryList(t *testing.T) {
	b, err := json.Marshal(CheckinGroupRange{UserIDs: []string{"u"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"partyid":[],"userid":["u"],"tagid":[]}`, string(b))
}

// TestCheckinRangeReadsPartyid: the rule answers' samples name the
// departments "partyid"; they reach the caller as the documented
// "party_id" does.
func TestCheckinRangeReadsPartyid(t *testing.T) {
	for _, in := range []string{`{"partyid":[3,"4"],"userid":"u","tagid":[2]}`, `{"party_id":["3",4],"userid":["u"],"tagid":["2"]}`} {
		var r CheckinRange
		require.NoError(t, json.Unmarshal([]byte(in), &r), in)
		assert.Equal(t, CheckinRange{PartyID: []string{"3", "4"}, UserID: []string{"u"}, TagID: []string{"2"}}, r, in)
	}
}

// TestCheckinGroupOpenSpCheckin: the rule answers of the current pages
// (93384, 94204) carry open_sp_checkin; it reaches the caller.
func TestCheckinGroupOpenSpCheckin(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/checkin/getcorpcheckinoption",
		string(readDocSample(t, "checkin/getcorpcheckinoption.response.json", true)))
	groups, err := c.Checkin.CorpOptions(t.Context())
	require.NoError(t, err)
	require.NotEmpty(t, groups)
	assert.True(t, groups[0].OpenSpCheckin)
}
