package work

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

var (
	approvalStart = time.Unix(1569546000, 0)
	approvalEnd   = time.Unix(1569718800, 0)
)

func TestApprovalList(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovalinfo",
		`{"errcode":0,"errmsg":"ok","sp_no_list":["201909270001","201909270002"],"new_next_cursor":"CURSOR-2"}`)

	page, err := c.Approval.List(context.Background(), ApprovalListRequest{
		Start: approvalStart, End: approvalEnd, Cursor: "CURSOR-1", Size: 50,
		Filters: []ApprovalFilter{
			{Key: FilterTemplateID, Value: "ZLqk8pcsAoaXZ1eY56vpAgfX28MPdYU3ayMaSPHaaa"},
			{Key: FilterSpStatus, Value: "1"},
		},
	})
	require.NoError(t, err)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/oa/getapprovalinfo")
	assertJSONBody(t, r, `{
		"starttime": 1569546000, "endtime": 1569718800, "new_cursor": "CURSOR-1", "size": 50,
		"filters": [
			{"key": "template_id", "value": "ZLqk8pcsAoaXZ1eY56vpAgfX28MPdYU3ayMaSPHaaa"},
			{"key": "sp_status", "value": "1"}
		]
	}`)
	assert.Equal(t, &ApprovalPage{SpNos: []string{"201909270001", "201909270002"}, NextCursor: "CURSOR-2"}, page)
}

func TestApprovalListDefaults(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovalinfo", `{"errcode":0,"errmsg":"ok","sp_no_list":["1"]}`)

	page, err := c.Approval.List(context.Background(), ApprovalListRequest{Start: approvalStart, End: approvalEnd})
	require.NoError(t, err)

	assertJSONBody(t, rec.last(t), `{"starttime":1569546000,"endtime":1569718800,"new_cursor":"","size":100}`)
	assert.Equal(t, &ApprovalPage{SpNos: []string{"1"}}, page, "no new_next_cursor: the list is complete")
}

func TestApprovalListCursorForms(t *testing.T) {
	tests := []struct {
		name, cursor, want string
	}{
		{"string", `"abc"`, "abc"},
		{"empty string", `""`, ""},
		{"null", `null`, ""},
		{"number", `12`, "12"},
		{"zero", `0`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovalinfo",
				`{"errcode":0,"sp_no_list":[],"new_next_cursor":`+tt.cursor+`}`)
			page, err := c.Approval.List(context.Background(), ApprovalListRequest{Start: approvalStart, End: approvalEnd})
			require.NoError(t, err)
			assert.Equal(t, tt.want, page.NextCursor)
		})
	}

	// An unreadable cursor is dropped: the page is the last one.
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovalinfo", `{"errcode":0,"sp_no_list":["1"],"new_next_cursor":{"x":1}}`)
	page, err := c.Approval.List(context.Background(), ApprovalListRequest{Start: approvalStart, End: approvalEnd})
	require.NoError(t, err)
	assert.Equal(t, &ApprovalPage{SpNos: []string{"1"}}, page)
}

func TestApprovalListRejectsBadRequests(t *testing.T) {
	tests := []struct {
		name string
		req  ApprovalListRequest
	}{
		{"no start", ApprovalListRequest{End: approvalEnd}},
		{"no end", ApprovalListRequest{Start: approvalStart}},
		{"end before start", ApprovalListRequest{Start: approvalEnd, End: approvalStart}},
		{"size over 100", ApprovalListRequest{Start: approvalStart, End: approvalEnd, Size: 101}},
		{"negative size", ApprovalListRequest{Start: approvalStart, End: approvalEnd, Size: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			page, err := c.Approval.List(context.Background(), tt.req)
			assert.Nil(t, page)
			require.ErrorIs(t, err, ErrInvalidApprovalRequest)

			var n int
			for _, err := range c.Approval.All(context.Background(), tt.req) {
				n++
				require.ErrorIs(t, err, ErrInvalidApprovalRequest)
			}
			assert.Equal(t, 1, n, "All yields the error once")
			assert.Zero(t, mt.GetTotalCallCount(), "nothing sent")
		})
	}
}

// stubApprovalPages answers getapprovalinfo by the request's new_cursor
// from pages.
func stubApprovalPages(t *testing.T, mt *httpmock.MockTransport, pages map[string]string) *recorder {
	t.Helper()
	return stubPages(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovalinfo", "new_cursor", pages)
}

// cursorsOf returns the new_cursor of each recorded request.
func cursorsOf(t *testing.T, rec *recorder) []string {
	t.Helper()
	var out []string
	for _, r := range rec.all() {
		var body approvalListBody
		decodeBody(t, r, &body)
		out = append(out, body.NewCursor)
	}
	return out
}

var threeApprovalPages = map[string]string{
	"":   `{"errcode":0,"sp_no_list":["a","b"],"new_next_cursor":"c1"}`,
	"c1": `{"errcode":0,"sp_no_list":["c"],"new_next_cursor":"c2"}`,
	"c2": `{"errcode":0,"sp_no_list":["d","e"]}`,
}

func TestApprovalAllFollowsCursor(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubApprovalPages(t, mt, threeApprovalPages)

	var got []string
	for spNo, err := range c.Approval.All(context.Background(), ApprovalListRequest{
		Start: approvalStart, End: approvalEnd, Filters: []ApprovalFilter{{Key: FilterCreator, Value: "WuJunJie"}},
	}) {
		require.NoError(t, err)
		got = append(got, spNo)
	}

	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, got)
	assert.Equal(t, []string{"", "c1", "c2"}, cursorsOf(t, rec))
	for _, r := range rec.all() {
		assertCall(t, r, http.MethodPost, "/cgi-bin/oa/getapprovalinfo")
		var body approvalListBody
		decodeBody(t, r, &body)
		assert.Equal(t, []ApprovalFilter{{Key: FilterCreator, Value: "WuJunJie"}}, body.Filters, "every page keeps the filters")
		assert.Equal(t, int64(1569546000), body.StartTime)
	}
}

func TestApprovalAllStartsAtRequestCursor(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubApprovalPages(t, mt, threeApprovalPages)

	var got []string
	for spNo, err := range c.Approval.All(context.Background(), ApprovalListRequest{Start: approvalStart, End: approvalEnd, Cursor: "c1"}) {
		require.NoError(t, err)
		got = append(got, spNo)
	}
	assert.Equal(t, []string{"c", "d", "e"}, got)
	assert.Equal(t, []string{"c1", "c2"}, cursorsOf(t, rec))
}

func TestApprovalAllStopsWhenCallerBreaks(t *testing.T) {
	tests := []struct {
		name      string
		take      int
		wantPages int
	}{
		{"inside the first page", 1, 1},
		{"at the end of the first page", 2, 1},
		{"inside the second page", 3, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubApprovalPages(t, mt, threeApprovalPages)

			var got []string
			for spNo, err := range c.Approval.All(context.Background(), ApprovalListRequest{Start: approvalStart, End: approvalEnd}) {
				require.NoError(t, err)
				got = append(got, spNo)
				if len(got) == tt.take {
					break
				}
			}
			assert.Equal(t, []string{"a", "b", "c"}[:tt.take], got)
			assert.Equal(t, tt.wantPages, rec.count(), "no page fetched after the break")
		})
	}
}

func TestApprovalAllYieldsErrorOnceThenStops(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubApprovalPages(t, mt, map[string]string{
		"":   `{"errcode":0,"sp_no_list":["a","b"],"new_next_cursor":"c1"}`,
		"c1": `{"errcode":301025,"errmsg":"no permission"}`,
		"c2": `{"errcode":0,"sp_no_list":["never"]}`,
	})

	var got []string
	var errs []error
	for spNo, err := range c.Approval.All(context.Background(), ApprovalListRequest{Start: approvalStart, End: approvalEnd}) {
		if err != nil {
			errs = append(errs, err)
			assert.Empty(t, spNo)
			continue // a caller that keeps going still gets nothing more
		}
		got = append(got, spNo)
	}
	assert.Equal(t, []string{"a", "b"}, got)
	require.Len(t, errs, 1)
	requireAPIError(t, errs[0], 301025, "/cgi-bin/oa/getapprovalinfo")
	assert.Equal(t, []string{"", "c1"}, cursorsOf(t, rec))
}

func TestApprovalAllStopsOnRepeatedCursor(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubApprovalPages(t, mt, map[string]string{
		"":   `{"errcode":0,"sp_no_list":["a"],"new_next_cursor":"c1"}`,
		"c1": `{"errcode":0,"sp_no_list":["b"],"new_next_cursor":"c1"}`,
	})
	var got []string
	for spNo, err := range c.Approval.All(context.Background(), ApprovalListRequest{Start: approvalStart, End: approvalEnd}) {
		require.NoError(t, err)
		got = append(got, spNo)
	}
	assert.Equal(t, []string{"a", "b"}, got)
	assert.Equal(t, 2, rec.count())
}

const approvalDetailJSON = `{
	"errcode": 0, "errmsg": "ok",
	"info": {
		"sp_no": "201909270002", "sp_name": "全字段", "sp_status": 1,
		"template_id": "Bs5KJ2NT4ncf4ZygaE8MB3779yUW8nsMaJd3mmE9v", "apply_time": 1569584428,
		"applyer": {"userid": "WuJunJie", "partyid": "2"},
		"sp_record": [{
			"sp_status": 1, "approverattr": 2,
			"details": [
				{"approver": {"userid": "WuJunJie"}, "speech": "", "sp_status": 1, "sptime": 0, "media_id": []},
				{"approver": {"userid": "WangXiaoMing"}, "speech": "同意", "sp_status": 2, "sptime": 1569584500, "media_id": ["M1"]}
			]
		}],
		"notifyer": [{"userid": "LiuXiaoGang"}],
		"apply_data": {"contents": [
			{"control": "Text", "id": "Text-1", "title": [{"text": "文本控件", "lang": "zh_CN"}],
				"value": {"text": "文本填写的内容", "tips": [], "members": [], "departments": [], "files": [], "children": [], "stat_field": []}},
			{"control": "Number", "id": "Number-1", "value": {"new_number": "700"}},
			{"control": "Money", "id": "Money-1", "value": {"new_money": "700.12"}},
			{"control": "Date", "id": "Date-1", "value": {"date": {"type": "day", "s_timestamp": "1569859200"}}},
			{"control": "Selector", "id": "Selector-1", "value": {"selector": {"type": "multi",
				"options": [{"key": "option-1", "value": [{"text": "选项1", "lang": "zh_CN"}]}]}}},
			{"control": "Contact", "id": "Contact-1", "value": {"members": [{"userid": "WuJunJie", "name": "Jackie"}]}},
			{"control": "Contact", "id": "Contact-2", "value": {"departments": [{"openapi_id": "2", "name": "销售部"}]}},
			{"control": "File", "id": "File-1", "value": {"files": [{"file_id": "WWCISP_F1"}]}},
			{"control": "Table", "id": "Table-1", "value": {"children": [{"list": [
				{"control": "Text", "id": "Text-2", "value": {"text": "明细"}}
			]}]}},
			{"control": "Vacation", "id": "vacation-1", "value": {"vacation": {
				"selector": {"type": "single", "options": [{"key": "1", "value": [{"text": "年假", "lang": "zh_CN"}]}]},
				"attendance": {"date_range": {"type": "halfday", "new_begin": 1568592000, "new_end": 1568764800, "new_duration": 86400}, "type": 1}
			}}},
			{"control": "Attendance", "id": "smart-time", "value": {"attendance": {
				"date_range": {"type": "hour", "new_begin": 1568700000, "new_end": 1568710000, "new_duration": 10000, "perday_duration": 28800},
				"type": 5,
				"slice_info": {"duration": 10000, "state": 1, "day_items": [{"daytime": 1568649600, "duration": 10000}]}
			}}},
			{"control": "PunchCorrection", "id": "pc-1", "value": {"punch_correction": {"state": "迟到", "time": 1568700000, "version": 1, "daymonthyear": 1568649600}}},
			{"control": "Location", "id": "Location-1", "value": {"location": {"latitude": "30.547030", "longitude": "104.062890", "title": "腾讯成都大厦", "address": "天府三街", "time": 1568700000}}},
			{"control": "RelatedApproval", "id": "Related-1", "value": {"related_approval": [{"sp_no": "201909270001"}]}},
			{"control": "Formula", "id": "Formula-1", "value": {"formula": {"value": "5.0"}}},
			{"control": "DateRange", "id": "DateRange-1", "value": {"date_range": {"type": "halfday", "new_begin": 1570550400, "new_end": 1570593600, "new_duration": 86400}}},
			{"control": "BankAccount", "id": "Bank-1", "value": {"bank_account": {"account_type": 2, "account_name": "张三",
				"account_number": "6222", "remark": "", "bank": {"bank_alias": "招商银行", "bank_alias_code": "CMB",
				"province": "广东", "province_code": 44, "city": "深圳", "city_code": "4403",
				"bank_branch_name": "深圳分行", "bank_branch_id": "308584000013"}}}},
			{"control": "Tips", "id": "Tips-1", "value": {"new_tips": {"tips_content": [{"text": {"sub_text": []}, "lang": "zh_CN"}]}}}
		]},
		"comments": [{"commentUserInfo": {"userid": "WuJunJie"}, "commenttime": 1569584111,
			"commentcontent": "这是备注信息", "commentid": "6741314136717778040", "media_id": ["WWCISP_C1"]}],
		"process_list": {"node_list": [{"node_type": 1, "sp_status": 1}]}
	}
}`

func TestApprovalDetail(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovaldetail", approvalDetailJSON)

	d, err := c.Approval.Detail(context.Background(), "201909270002")
	require.NoError(t, err)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/oa/getapprovaldetail")
	assertJSONBody(t, r, `{"sp_no":"201909270002"}`)

	assert.Equal(t, "201909270002", d.SpNo)
	assert.Equal(t, "全字段", d.SpName)
	assert.Equal(t, ApprovalPending, d.SpStatus)
	assert.Equal(t, "Bs5KJ2NT4ncf4ZygaE8MB3779yUW8nsMaJd3mmE9v", d.TemplateID)
	assert.Equal(t, int64(1569584428), d.ApplyTime)
	assert.Equal(t, "WuJunJie", d.Applyer.UserID)
	assert.Equal(t, "2", d.Applyer.PartyID)

	require.Len(t, d.SpRecord, 1)
	node := d.SpRecord[0]
	assert.Equal(t, ApprovalNodePending, node.SpStatus)
	assert.Equal(t, ApproverAll, node.ApproverAttr)
	require.Len(t, node.Details, 2)
	assert.Equal(t, "WangXiaoMing", node.Details[1].Approver.UserID)
	assert.Equal(t, "同意", node.Details[1].Speech)
	assert.Equal(t, ApprovalNodeAgreed, node.Details[1].SpStatus)
	assert.Equal(t, int64(1569584500), node.Details[1].SpTime)
	assert.Equal(t, []string{"M1"}, node.Details[1].MediaID)
	assert.Equal(t, []ApprovalUser{{UserID: "LiuXiaoGang"}}, d.Notifyer)

	require.Len(t, d.Comments, 1)
	assert.Equal(t, ApprovalComment{
		CommentUserInfo: ApprovalUser{UserID: "WuJunJie"}, CommentTime: 1569584111,
		CommentContent: "这是备注信息", CommentID: "6741314136717778040", MediaID: []string{"WWCISP_C1"},
	}, d.Comments[0])
	assert.Equal(t, &ApprovalProcessList{NodeList: []ApprovalProcessNode{{NodeType: NodeApprover, SpStatus: ApprovalNodePending}}}, d.ProcessList)

	ctl := map[string]ApprovalControl{}
	for _, cc := range d.ApplyData.Contents {
		ctl[cc.ID] = cc
	}
	require.Len(t, ctl, 18)

	text := ctl["Text-1"]
	assert.Equal(t, ControlText, text.Control)
	assert.Equal(t, []ApprovalText{{Text: "文本控件", Lang: "zh_CN"}}, text.Title)
	assert.Equal(t, "文本填写的内容", text.Value.Text)
	assert.Equal(t, "700", ctl["Number-1"].Value.Number)
	assert.Equal(t, "700.12", ctl["Money-1"].Value.Money)
	assert.Equal(t, &ApprovalDate{Type: DateDay, Timestamp: "1569859200"}, ctl["Date-1"].Value.Date)
	assert.Equal(t, &ApprovalSelector{Type: SelectorMulti, Options: []ApprovalOption{
		{Key: "option-1", Value: []ApprovalText{{Text: "选项1", Lang: "zh_CN"}}},
	}}, ctl["Selector-1"].Value.Selector)
	assert.Equal(t, []ApprovalMember{{UserID: "WuJunJie", Name: "Jackie"}}, ctl["Contact-1"].Value.Members)
	assert.Equal(t, []ApprovalDepartment{{OpenAPIID: "2", Name: "销售部"}}, ctl["Contact-2"].Value.Departments)
	assert.Equal(t, []ApprovalFile{{FileID: "WWCISP_F1"}}, ctl["File-1"].Value.Files)

	rows := ctl["Table-1"].Value.Children
	require.Len(t, rows, 1)
	require.Len(t, rows[0].List, 1)
	assert.Equal(t, "明细", rows[0].List[0].Value.Text)

	vac := ctl["vacation-1"].Value.Vacation
	require.NotNil(t, vac)
	assert.Equal(t, "1", vac.Selector.Options[0].Key)
	assert.Equal(t, AttendanceLeave, vac.Attendance.Type)
	assert.Equal(t, ApprovalDateRange{Type: "halfday", Begin: 1568592000, End: 1568764800, Duration: 86400}, vac.Attendance.DateRange)

	att := ctl["smart-time"].Value.Attendance
	require.NotNil(t, att)
	assert.Equal(t, AttendanceOvertime, att.Type)
	assert.Equal(t, int64(28800), att.DateRange.PerdayDuration)
	require.NotNil(t, att.SliceInfo)
	assert.Equal(t, int64(10000), att.SliceInfo.Duration)
	require.Len(t, att.SliceInfo.DayItems, 1)
	assert.Equal(t, int64(1568649600), att.SliceInfo.DayItems[0].Daytime)

	assert.Equal(t, &ApprovalPunchCorrection{State: "迟到", Time: 1568700000, Version: 1, DayMonthYear: 1568649600}, ctl["pc-1"].Value.PunchCorrection)
	assert.Equal(t, &ApprovalLocation{Latitude: "30.547030", Longitude: "104.062890", Title: "腾讯成都大厦", Address: "天府三街", Time: 1568700000}, ctl["Location-1"].Value.Location)
	assert.Equal(t, []ApprovalRelated{{SpNo: "201909270001"}}, ctl["Related-1"].Value.RelatedApproval)
	assert.Equal(t, &ApprovalFormula{Value: "5.0"}, ctl["Formula-1"].Value.Formula)
	assert.Equal(t, &ApprovalDateRange{Type: "halfday", Begin: 1570550400, End: 1570593600, Duration: 86400}, ctl["DateRange-1"].Value.DateRange)

	bank := ctl["Bank-1"].Value.BankAccount
	require.NotNil(t, bank)
	assert.Equal(t, 2, bank.AccountType)
	assert.Equal(t, "6222", bank.AccountNumber)
	assert.Equal(t, "招商银行", bank.Bank.BankAlias)
	assert.Equal(t, json.Number("44"), bank.Bank.ProvinceCode, "a number")
	assert.Equal(t, json.Number("4403"), bank.Bank.CityCode, "a string holding a number")
	assert.Equal(t, "308584000013", bank.Bank.BankBranchID)

	// Keys the type does not model survive in Raw.
	var tips map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(ctl["Tips-1"].Value.Raw, &tips))
	assert.Contains(t, tips, "new_tips")
	assert.JSONEq(t, `{"new_number": "700"}`, string(ctl["Number-1"].Value.Raw))
}

func TestApprovalDetailErrors(t *testing.T) {
	c, mt := newTestClient(t)
	d, err := c.Approval.Detail(context.Background(), "")
	assert.Nil(t, d)
	require.ErrorIs(t, err, ErrInvalidApprovalRequest)
	assert.Zero(t, mt.GetTotalCallCount())

	for _, code := range []int{301025, 48002} {
		c, mt := newTestClient(t)
		stubError(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovaldetail", code)
		d, err := c.Approval.Detail(context.Background(), "201909270002")
		assert.Nil(t, d)
		requireAPIError(t, err, code, "/cgi-bin/oa/getapprovaldetail")
	}

	// One odd field never fails the call: it is dropped, the rest decoded.
	c, mt = newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovaldetail",
		`{"errcode":0,"info":{"sp_no":"1","sp_status":"approved","apply_time":"","sp_record":[{"details":[{"sptime":"","sp_status":"2"}]}]}}`)
	d, err = c.Approval.Detail(context.Background(), "1")
	require.NoError(t, err)
	assert.Equal(t, "1", d.SpNo)
	assert.Zero(t, d.SpStatus)
	require.Len(t, d.SpRecord, 1)
	assert.Equal(t, ApprovalNodeAgreed, d.SpRecord[0].Details[0].SpStatus)
}

func TestApprovalReadsAreRetried(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubError(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovaldetail", -1)
	_, err := c.Approval.Detail(context.Background(), "201909270002")
	requireAPIError(t, err, -1, "/cgi-bin/oa/getapprovaldetail")
	assert.Equal(t, 3, rec.count(), "an idempotent read is retried up to MaxAttempts")
}

func TestApprovalApply(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/applyevent", `{"errcode":0,"errmsg":"ok","sp_no":"202001010001"}`)

	spNo, err := c.Approval.Apply(context.Background(), &ApplyEvent{
		CreatorUserID:       "WangXiaoMing",
		TemplateID:          "3Tka1eD6v6JfzhDMqPd3aMkFdxqtJMc2ZRioeFXkaaa",
		UseTemplateApprover: ApproversInRequest,
		ChooseDepartment:    2,
		Approver: []ApprovalApprover{
			{Attr: ApproverAll, UserID: []string{"WuJunJie", "WangXiaoMing"}},
			{Attr: ApproverAny, UserID: []string{"LiuXiaoGang"}},
		},
		Notifyer:   []string{"WuJunJie", "WangXiaoMing"},
		NotifyType: NotifyOnSubmit,
		ApplyData: ApprovalApplyData{Contents: []ApprovalControl{
			{Control: ControlText, ID: "Text-15111111111", Value: ApprovalValue{Text: "文本填写的内容"}},
			{Control: ControlDate, ID: "Date-1", Value: ApprovalValue{Date: &ApprovalDate{Type: DateHour, Timestamp: "1569859200"}}},
			{Control: ControlSelector, ID: "Selector-1", Value: ApprovalValue{Selector: &ApprovalSelector{
				Type: SelectorSingle, Options: []ApprovalOption{{Key: "option-1"}},
			}}},
			{Control: ControlContact, ID: "Contact-1", Value: ApprovalValue{Members: []ApprovalMember{{UserID: "WuJunJie"}}}},
			{Control: ControlTable, ID: "Table-1", Value: ApprovalValue{Children: []ApprovalTableRow{{List: []ApprovalControl{
				{Control: ControlMoney, ID: "Money-1", Value: ApprovalValue{Money: "700.12"}},
			}}}}},
		}},
		SummaryList: []ApprovalSummary{
			{SummaryInfo: []ApprovalText{{Text: "摘要第1行", Lang: "zh_CN"}}},
		},
	})
	require.NoError(t, err)
	assert.Equal(t, "202001010001", spNo)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/oa/applyevent")
	assertJSONBody(t, r, `{
		"creator_userid": "WangXiaoMing",
		"template_id": "3Tka1eD6v6JfzhDMqPd3aMkFdxqtJMc2ZRioeFXkaaa",
		"use_template_approver": 0,
		"choose_department": 2,
		"approver": [
			{"attr": 2, "userid": ["WuJunJie", "WangXiaoMing"]},
			{"attr": 1, "userid": ["LiuXiaoGang"]}
		],
		"notifyer": ["WuJunJie", "WangXiaoMing"],
		"notify_type": 1,
		"apply_data": {"contents": [
			{"control": "Text", "id": "Text-15111111111", "value": {"text": "文本填写的内容"}},
			{"control": "Date", "id": "Date-1", "value": {"date": {"type": "hour", "s_timestamp": "1569859200"}}},
			{"control": "Selector", "id": "Selector-1", "value": {"selector": {"type": "single", "options": [{"key": "option-1"}]}}},
			{"control": "Contact", "id": "Contact-1", "value": {"members": [{"userid": "WuJunJie"}]}},
			{"control": "Table", "id": "Table-1", "value": {"children": [{"list": [
				{"control": "Money", "id": "Money-1", "value": {"new_money": "700.12"}}
			]}]}}
		]},
		"summary_list": [{"summary_info": [{"text": "摘要第1行", "lang": "zh_CN"}]}]
	}`)
}

func TestApprovalApplyWithTemplateFlow(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/applyevent", `{"errcode":0,"sp_no":"202001010002"}`)

	spNo, err := c.Approval.Apply(context.Background(), &ApplyEvent{
		CreatorUserID: "a", TemplateID: "t", UseTemplateApprover: ApproversFromTemplate,
		ApplyData: ApprovalApplyData{Contents: []ApprovalControl{{Control: ControlText, ID: "Text-1", Value: ApprovalValue{Text: "x"}}}},
	})
	require.NoError(t, err)
	assert.Equal(t, "202001010002", spNo)
	assertJSONBody(t, rec.last(t), `{"creator_userid":"a","template_id":"t","use_template_approver":1,
		"apply_data":{"contents":[{"control":"Text","id":"Text-1","value":{"text":"x"}}]}}`)
}

func TestApprovalApplyErrors(t *testing.T) {
	for _, e := range []*ApplyEvent{nil, {TemplateID: "t"}, {CreatorUserID: "a"}} {
		c, mt := newTestClient(t)
		spNo, err := c.Approval.Apply(context.Background(), e)
		assert.Empty(t, spNo)
		require.ErrorIs(t, err, ErrInvalidApprovalRequest)
		assert.Zero(t, mt.GetTotalCallCount())
	}

	c, mt := newTestClient(t)
	stubError(t, mt, http.MethodPost, "/cgi-bin/oa/applyevent", 301025)
	spNo, err := c.Approval.Apply(context.Background(), &ApplyEvent{CreatorUserID: "a", TemplateID: "t"})
	assert.Empty(t, spNo)
	requireAPIError(t, err, 301025, "/cgi-bin/oa/applyevent")
}

func TestApprovalApplyIsNotRepeated(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubError(t, mt, http.MethodPost, "/cgi-bin/oa/applyevent", -1)
	_, err := c.Approval.Apply(context.Background(), &ApplyEvent{CreatorUserID: "a", TemplateID: "t"})
	requireAPIError(t, err, -1, "/cgi-bin/oa/applyevent")
	assert.Equal(t, 1, rec.count(), "a submission is not repeated after system busy")

	// A raw call the caller marks idempotent is repeated.
	rec2 := stubError(t, mt, http.MethodPost, "/cgi-bin/oa/applyevent", -1)
	err = c.Do(context.Background(), http.MethodPost, "/cgi-bin/oa/applyevent", &ApplyEvent{CreatorUserID: "a", TemplateID: "t"}, nil, wecom.Idempotent())
	requireAPIError(t, err, -1, "/cgi-bin/oa/applyevent")
	assert.Equal(t, 3, rec2.count(), "repeated when the caller marks it idempotent")
}

func TestApprovalTemplateDetail(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/oa/gettemplatedetail", `{
		"errcode": 0, "errmsg": "ok",
		"template_names": [{"text": "全字段", "lang": "zh_CN"}],
		"template_content": {"controls": [
			{"property": {"control": "Selector", "id": "Selector-1", "title": [{"text": "单选", "lang": "zh_CN"}],
				"placeholder": [{"text": "请选择", "lang": "zh_CN"}], "require": 1, "un_print": 0},
			 "config": {"selector": {"type": "single", "options": [{"key": "option-1", "value": [{"text": "A", "lang": "zh_CN"}]}]}}},
			{"property": {"control": "Date", "id": "Date-1", "title": [], "placeholder": [], "require": 0, "un_print": 1},
			 "config": {"date": {"type": "hour"}}},
			{"property": {"control": "Contact", "id": "Contact-1", "require": 0, "un_print": 0},
			 "config": {"contact": {"type": "multi", "mode": "department"}}},
			{"property": {"control": "Table", "id": "Table-1", "require": 0, "un_print": 0},
			 "config": {"table": {"children": [{"property": {"control": "Text", "id": "Text-2", "require": 1, "un_print": 0}}], "stat_field": []}}},
			{"property": {"control": "Attendance", "id": "Att-1", "require": 1, "un_print": 0},
			 "config": {"attendance": {"date_range": {"type": "hour"}, "type": 3}}},
			{"property": {"control": "Vacation", "id": "Vac-1", "require": 1, "un_print": 0},
			 "config": {"vacation_list": {"item": [{"id": 1, "name": [{"text": "年假", "lang": "zh_CN"}]}]}}},
			{"property": {"control": "Tips", "id": "Tips-1", "require": 0, "un_print": 0},
			 "config": {"tips": {"tips_content": [{"text": {"sub_text": [{"type": 1, "content": {"plain_text": {"content": "说明"}}}]}, "lang": "zh_CN"}]}}}
		]}
	}`)

	tpl, err := c.Approval.TemplateDetail(context.Background(), "ZLqk8pcsAoaXZ1eY56vpAgfX28MPdYU3ayMaSPHaaa")
	require.NoError(t, err)

	r := rec.last(t)
	assertCall(t, r, http.MethodPost, "/cgi-bin/oa/gettemplatedetail")
	assertJSONBody(t, r, `{"template_id":"ZLqk8pcsAoaXZ1eY56vpAgfX28MPdYU3ayMaSPHaaa"}`)

	assert.Equal(t, []ApprovalText{{Text: "全字段", Lang: "zh_CN"}}, tpl.TemplateNames)
	ctls := tpl.TemplateContent.Controls
	require.Len(t, ctls, 7)

	sel := ctls[0]
	assert.Equal(t, TemplateControlProperty{
		Control: ControlSelector, ID: "Selector-1",
		Title: []ApprovalText{{Text: "单选", Lang: "zh_CN"}}, Placeholder: []ApprovalText{{Text: "请选择", Lang: "zh_CN"}},
		Require: 1,
	}, sel.Property)
	require.NotNil(t, sel.Config.Selector)
	assert.Equal(t, SelectorSingle, sel.Config.Selector.Type)
	assert.Equal(t, []ApprovalOption{{Key: "option-1", Value: []ApprovalText{{Text: "A", Lang: "zh_CN"}}}}, sel.Config.Selector.Options)
	assert.Nil(t, sel.Config.Date)

	require.NotNil(t, ctls[1].Config.Date)
	assert.Equal(t, DateHour, ctls[1].Config.Date.Type)
	assert.Equal(t, 1, ctls[1].Property.UnPrint)
	require.NotNil(t, ctls[2].Config.Contact)
	assert.Equal(t, "department", ctls[2].Config.Contact.Mode)
	require.NotNil(t, ctls[3].Config.Table)
	require.Len(t, ctls[3].Config.Table.Children, 1)
	assert.Equal(t, "Text-2", ctls[3].Config.Table.Children[0].Property.ID)
	require.NotNil(t, ctls[4].Config.Attendance)
	assert.Equal(t, AttendanceBusinessTrip, ctls[4].Config.Attendance.Type)
	assert.Equal(t, "hour", ctls[4].Config.Attendance.DateRange.Type)
	require.NotNil(t, ctls[5].Config.VacationList)
	require.Len(t, ctls[5].Config.VacationList.Item, 1)
	assert.Equal(t, int64(1), ctls[5].Config.VacationList.Item[0].ID)
	assert.Contains(t, string(ctls[6].Config.Tips), `"说明"`)
}

func TestApprovalTemplateDetailErrors(t *testing.T) {
	c, mt := newTestClient(t)
	tpl, err := c.Approval.TemplateDetail(context.Background(), "")
	assert.Nil(t, tpl)
	require.ErrorIs(t, err, ErrInvalidApprovalRequest)
	assert.Zero(t, mt.GetTotalCallCount())

	c, mt = newTestClient(t)
	stubError(t, mt, http.MethodPost, "/cgi-bin/oa/gettemplatedetail", 48002)
	tpl, err = c.Approval.TemplateDetail(context.Background(), "t")
	assert.Nil(t, tpl)
	requireAPIError(t, err, 48002, "/cgi-bin/oa/gettemplatedetail")
}

func TestApprovalListAPIError(t *testing.T) {
	c, mt := newTestClient(t)
	stubError(t, mt, http.MethodPost, "/cgi-bin/oa/getapprovalinfo", 48002)
	page, err := c.Approval.List(context.Background(), ApprovalListRequest{Start: approvalStart, End: approvalEnd})
	assert.Nil(t, page)
	requireAPIError(t, err, 48002, "/cgi-bin/oa/getapprovalinfo")
	assert.NotContains(t, err.Error(), testToken)
}

func TestApprovalAPICases(t *testing.T) {
	runAPICases(t, []apiCase{
		{
			name: "List", method: http.MethodPost, path: "/cgi-bin/oa/getapprovalinfo", safety: api.Idempotent,
			reply: `{"errcode":0,"sp_no_list":["1","2"],"new_next_cursor":"n"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Approval.List(ctx, ApprovalListRequest{Start: approvalStart, End: approvalEnd, Size: 2})
			},
			body: `{"starttime":1569546000,"endtime":1569718800,"new_cursor":"","size":2}`,
			want: &ApprovalPage{SpNos: []string{"1", "2"}, NextCursor: "n"},
		},
		{
			name: "Apply", method: http.MethodPost, path: "/cgi-bin/oa/applyevent",
			reply: `{"errcode":0,"sp_no":"202001010003"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Approval.Apply(ctx, &ApplyEvent{CreatorUserID: "a", TemplateID: "t", UseTemplateApprover: ApproversFromTemplate})
			},
			body: `{"creator_userid":"a","template_id":"t","use_template_approver":1,"apply_data":{}}`,
			want: "202001010003",
		},
		{
			name: "TemplateDetail", method: http.MethodPost, path: "/cgi-bin/oa/gettemplatedetail", safety: api.Idempotent,
			reply: `{"errcode":0,"template_names":[{"text":"请假","lang":"zh_CN"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Approval.TemplateDetail(ctx, "t")
			},
			body: `{"template_id":"t"}`,
			want: &ApprovalTemplate{TemplateNames: []ApprovalText{{Text: "请假", Lang: "zh_CN"}}},
		},
	})
}
