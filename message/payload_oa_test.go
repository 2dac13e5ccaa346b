package message

import (
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeDocSample parses the callback sample testdata/docs/<name> and
// decodes it into a new P.
func decodeDocSample[P Payload](t *testing.T, xmlText string) P {
	t.Helper()
	m, err := Parse([]byte(xmlText))
	require.NoError(t, err)
	var p P
	require.NoError(t, m.Decode(&p))
	assert.Equal(t, p.Kind(), m.Kind(), "the sample is of the payload's kind")
	return p
}

// The callback samples of the OA doc pages, stored verbatim: every field
// they carry reaches the payload.
func TestOADocSamples(t *testing.T) {
	t.Run("sys_approval_change (page 91815)", func(t *testing.T) {
		got := decodeDocSample[SysApprovalChange](t, readTestdata(t, "docs/sys_approval_change.xml"))
		pending := func(id string) SpRecordDetail {
			return SpRecordDetail{Approver: ApprovalUser{UserID: id}, SpStatus: 1}
		}
		assert.Equal(t, SysApprovalChange{ApprovalInfo: SysApprovalInfo{
			SpNo: "201910220003", SpName: "示例模板", SpStatus: 1,
			TemplateID: "3TkaH5KFbrG9heEQWLJjhgpFwmqAFB4dLEnapaB7aaa", ApplyTime: 1571728713,
			Applyer: Applyer{UserID: "WuJunJie", Party: "1"},
			SpRecord: []SpRecord{
				{SpStatus: 1, ApproverAttr: 2, Details: []SpRecordDetail{pending("WangXiaoMing"), pending("XiaoGangHuang")}},
				{SpStatus: 1, ApproverAttr: 1, Details: []SpRecordDetail{pending("XiaoHongLiu")}},
			},
			Notifyer: []ApprovalUser{{UserID: "ChengLiang"}},
			ProcessList: ProcessList{NodeList: []ProcessNode{
				{NodeType: 1, SpStatus: 1, ApvRel: 2, SubNodeList: []ProcessItem{
					{UserInfo: ApprovalUser{UserID: "userid1"}, SpYj: 1},
					{UserInfo: ApprovalUser{UserID: "userid2"}, SpYj: 1},
				}},
				{NodeType: 2, SubNodeList: []ProcessItem{{UserInfo: ApprovalUser{UserID: "userid3"}}}},
			}},
			Comments: []SpComment{{CommentUserInfo: ApprovalUser{UserID: "LiuZhi"}, CommentTime: 1571732272,
				CommentContent: "这是一个备注", CommentID: "6750538708562308220"}},
			StatuChangeEvent: 10,
		}}, got)
	})
	t.Run("sys_approval_change acted member", func(t *testing.T) {
		in := strings.Replace(readTestdata(t, "docs/sys_approval_change.xml"),
			"<SpYj>1</SpYj>\n                    <Sptime>0</Sptime>",
			"<SpYj>2</SpYj><Sptime>1571732300</Sptime><MediaIds><![CDATA[WWCISP_M1]]></MediaIds><MediaIds><![CDATA[WWCISP_M2]]></MediaIds>", 1)
		got := decodeDocSample[SysApprovalChange](t, in)
		require.NotEmpty(t, got.ApprovalInfo.ProcessList.NodeList)
		assert.Equal(t, ProcessItem{UserInfo: ApprovalUser{UserID: "userid1"}, SpYj: 2, SpTime: 1571732300,
			MediaIDs: []string{"WWCISP_M1", "WWCISP_M2"}}, got.ApprovalInfo.ProcessList.NodeList[0].SubNodeList[0])
	})
	t.Run("open_approval_change (审批流程引擎, 审批状态变化回调通知)", func(t *testing.T) {
		got := decodeDocSample[OpenApprovalChange](t, readTestdata(t, "docs/open_approval_change.xml"))
		assert.Equal(t, OpenApprovalChange{ApprovalInfo: OpenApprovalInfo{
			ThirdNo: "201806010001", OpenSpName: "付款", OpenTemplateID: "1234567111", OpenSpStatus: 1,
			ApplyTime: 1527837645, ApplyUserName: "jackiejjwu", ApplyUserID: "WuJunJie", ApplyUserParty: "产品部",
			ApplyUserImage: "http://www.qq.com/xxx.png",
			ApprovalNodes: []OpenApprovalNode{{NodeStatus: 1, NodeAttr: 1, NodeType: 1, Items: []OpenApprovalItem{{
				ItemName: "chauvetxiao", ItemUserID: "XiaoWen", ItemParty: "产品部", ItemImage: "http://www.qq.com/xxx.png", ItemStatus: 1,
			}}}},
			NotifyNodes: []OpenNotifyNode{{ItemName: "jinhuiguo", ItemUserID: "GuoJinHui", ItemParty: "行政部", ItemImage: "http://www.qq.com/xxx.png"}},
		}}, got)
	})
	t.Run("open_approval_change step in either spelling", func(t *testing.T) {
		for _, step := range []string{"<ApproverStep >2</ApproverStep >", "<approverstep>2</approverstep>"} {
			in := strings.Replace(readTestdata(t, "docs/open_approval_change.xml"), "<ApproverStep >0</ApproverStep >", step, 1)
			got := decodeDocSample[OpenApprovalChange](t, in)
			assert.Equal(t, 2, got.ApprovalInfo.ApproverStep, step)
		}
	})
	t.Run("template_card_event (page 90240)", func(t *testing.T) {
		got := decodeDocSample[TemplateCardEvent](t, readTestdata(t, "docs/template_card_event.xml"))
		assert.Equal(t, TemplateCardEvent{EventKey: "key111", TaskID: "taskid111", CardType: "text_notice", ResponseCode: "ResponseCode",
			SelectedItems: []SelectedItem{
				{QuestionKey: "QuestionKey1", OptionIDs: []string{"OpitonId1", "OpitonId2"}},
				{QuestionKey: "QuestionKey2", OptionIDs: []string{"OpitonId3", "OpitonId4"}},
			}}, got)
	})
	t.Run("taskcard_click", func(t *testing.T) {
		got := decodeDocSample[TaskcardClick](t, readTestdata(t, "docs/taskcard_click.xml"))
		assert.Equal(t, TaskcardClick{EventKey: "key111", TaskID: "taskid111", AgentID: 1}, got)
	})
	t.Run("living_status_change", func(t *testing.T) {
		got := decodeDocSample[LivingStatusChange](t, readTestdata(t, "docs/living_status_change.xml"))
		assert.Equal(t, LivingStatusChange{LivingID: "LivingId", Status: 1}, got)
	})
	t.Run("meeting_change modify_meeting", func(t *testing.T) {
		got := decodeDocSample[ModifyMeeting](t, readTestdata(t, "docs/meeting_change.xml"))
		assert.Equal(t, ModifyMeeting{MeetingID: "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA"}, got)
	})
	t.Run("add_schedule", func(t *testing.T) {
		got := decodeDocSample[AddSchedule](t, readTestdata(t, "docs/add_schedule.xml"))
		assert.Equal(t, AddSchedule{Schedule{CalID: "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA", ScheduleID: "17c7d2bd9f20d652840f72f59e796AAA"}}, got)
	})
	t.Run("delete_calendar", func(t *testing.T) {
		got := decodeDocSample[DeleteCalendar](t, readTestdata(t, "docs/delete_calendar.xml"))
		assert.Equal(t, DeleteCalendar{Calendar{CalID: "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA"}}, got)
	})
	t.Run("book_meeting_room (会议室, 预定会议室事件)", func(t *testing.T) {
		got := decodeDocSample[BookMeetingRoom](t, readTestdata(t, "docs/book_meeting_room.xml"))
		assert.Equal(t, BookMeetingRoom{MeetingRoomBooking{MeetingRoomID: 1, MeetingID: "mtebsada6e027c123cbafAAA "}}, got)
	})
}

// The schedule, calendar and meeting-room callback samples of their
// current pages (97730 modify_calendar, 97731 modify_schedule, 97732
// delete_schedule, 98111 respond_schedule, 95333 book_meeting_room and
// cancel_meeting_room), stored verbatim: each element after the common
// header is a field of the payload, and reaches it.
func TestOACalendarRoomDocSamples(t *testing.T) {
	sched := Schedule{CalID: "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA", ScheduleID: "17c7d2bd9f20d652840f72f59e796AAA"}
	booking := MeetingRoomBooking{MeetingRoomID: 1, BookingID: "bkebsada6e027c123cbafAAA "}
	cases := []struct {
		file string
		want Payload
		got  func(t *testing.T, xmlText string) Payload
	}{
		{"modify_calendar.xml", ModifyCalendar{Calendar{CalID: "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA"}},
			func(t *testing.T, x string) Payload { return decodeDocSample[ModifyCalendar](t, x) }},
		{"modify_schedule.xml", ModifySchedule{sched},
			func(t *testing.T, x string) Payload { return decodeDocSample[ModifySchedule](t, x) }},
		{"delete_schedule.xml", DeleteSchedule{sched},
			func(t *testing.T, x string) Payload { return decodeDocSample[DeleteSchedule](t, x) }},
		{"respond_schedule.xml", RespondSchedule{sched},
			func(t *testing.T, x string) Payload { return decodeDocSample[RespondSchedule](t, x) }},
		{"book_meeting_room.booking_id.xml", BookMeetingRoom{booking},
			func(t *testing.T, x string) Payload { return decodeDocSample[BookMeetingRoom](t, x) }},
		{"cancel_meeting_room.xml", CancelMeetingRoom{booking},
			func(t *testing.T, x string) Payload { return decodeDocSample[CancelMeetingRoom](t, x) }},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			x := readTestdata(t, "docs/"+tc.file)
			assert.Equal(t, tc.want, tc.got(t, x))
			typed := xmlFieldNames(reflect.TypeOf(tc.want))
			for _, el := range sampleElements(t, x) {
				switch el {
				case "ToUserName", "FromUserName", "CreateTime", "MsgType", "Event":
					continue
				}
				assert.Contains(t, typed, el, "element %s of the page's sample is not typed", el)
			}
		})
	}
}

// sampleElements lists the names of the elements directly inside the
// sample's <xml>.
func sampleElements(t *testing.T, x string) []string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(x))
	var names []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return names
		}
		require.NoError(t, err)
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				names = append(names, el.Name.Local)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// xmlFieldNames lists the xml element names of struct type t's fields,
// those of embedded structs included.
func xmlFieldNames(t reflect.Type) []string {
	var names []string
	for f := range t.Fields() {
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			names = append(names, xmlFieldNames(f.Type)...)
			continue
		}
		if name, _, _ := strings.Cut(f.Tag.Get("xml"), ","); name != "" && name != "-" {
			names = append(names, name)
		}
	}
	return names
}
