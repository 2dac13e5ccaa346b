package message

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testCorpID = "ww4c2c1b4e0a6b5f3e"

// msgXML builds a message document of msgType with the given fields.
func msgXML(msgType, fields string) string {
	return "<xml><ToUserName><![CDATA[" + testCorpID + "]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
		"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[" + msgType + "]]></MsgType>" + fields +
		"<MsgId>7269101829738643456</MsgId><AgentID>1000002</AgentID></xml>"
}

// eventXML builds an event document.
func eventXML(event, changeType, fields string) string {
	x := "<xml><ToUserName><![CDATA[" + testCorpID + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>" +
		"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>"
	if changeType != "" {
		x += "<ChangeType><![CDATA[" + changeType + "]]></ChangeType>"
	}
	return x + fields + "<AgentID>1000002</AgentID></xml>"
}

// infoXML builds a third-party instruction callback document.
func infoXML(infoType, changeType, fields string) string {
	x := "<xml><SuiteId><![CDATA[ww4asffe99e54c0f4c]]></SuiteId><AuthCorpId><![CDATA[wxf8b4f85f3a794e77]]></AuthCorpId>" +
		"<InfoType><![CDATA[" + infoType + "]]></InfoType><TimeStamp>1403610513</TimeStamp>"
	if changeType != "" {
		x += "<ChangeType><![CDATA[" + changeType + "]]></ChangeType>"
	}
	return x + fields + "</xml>"
}

func cdata(name, value string) string {
	return "<" + name + "><![CDATA[" + value + "]]></" + name + ">"
}

// taskcardClickXML is the taskcard_click sample of the documentation, which
// spells AgentId.
const taskcardClickXML = `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[taskcard_click]]></Event>
<EventKey><![CDATA[key111]]></EventKey><TaskId><![CDATA[taskid111]]></TaskId><AgentId>1</AgentId></xml>`

// suiteExternalChatUpdateDocXML is the update sample of the third-party
// 客户群变更事件 page (change_external_chat instruction callback).
const suiteExternalChatUpdateDocXML = `<xml>
	<SuiteId><![CDATA[ww4asffe99e54c0f4c]]></SuiteId>
	<AuthCorpId><![CDATA[wxf8b4f85f3a794e77]]></AuthCorpId>
	<InfoType><![CDATA[change_external_chat]]></InfoType>
	<TimeStamp>1403610513</TimeStamp>
	<ChatId><![CDATA[CHAT_ID]]></ChatId>
	<ChangeType><![CDATA[update]]></ChangeType>
	<UpdateDetail><![CDATA[add_member]]></UpdateDetail>
	<JoinScene>1</JoinScene>
	<QuitScene>0</QuitScene>
	<MemChangeCnt>10</MemChangeCnt>
	<MemChangeList>
		<Item>Jack</Item>
		<Item>Rose</Item>
	</MemChangeList>
	<LastMemVer>9c3f97c2ada667dfb5f6d03308d963e1</LastMemVer>
	<CurMemVer>71217227bbd112ecfe3a49c482195cb4</CurMemVer>
</xml>`

// externalChatUpdateDocXML is the update sample of the app form of the
// same event (page 92130).
const externalChatUpdateDocXML = `<xml>
	<ToUserName><![CDATA[toUser]]></ToUserName>
	<FromUserName><![CDATA[sys]]></FromUserName>
	<CreateTime>1403610513</CreateTime>
	<MsgType><![CDATA[event]]></MsgType>
	<Event><![CDATA[change_external_chat]]></Event>
	<ChatId><![CDATA[CHAT_ID]]></ChatId>
	<ChangeType><![CDATA[update]]></ChangeType>
	<UpdateDetail><![CDATA[add_member]]></UpdateDetail>
	<JoinScene>1</JoinScene>
	<QuitScene>0</QuitScene>
	<MemChangeCnt>10</MemChangeCnt>
	<MemChangeList>
		<Item>Jack</Item>
		<Item>Rose</Item>
	</MemChangeList>
	<LastMemVer>9c3f97c2ada667dfb5f6d03308d963e1</LastMemVer>
	<CurMemVer>71217227bbd112ecfe3a49c482195cb4</CurMemVer>
</xml>`

// payloadCase is a sample document and the payload it must decode into.
type payloadCase struct {
	name     string
	xml      string
	want     any
	register func(r *Router, got *any)
}

func caseOf[P Payload](xml string, want P) payloadCase {
	return payloadCase{
		name: reflect.TypeOf(want).Name(),
		xml:  xml,
		want: want,
		register: func(r *Router, got *any) {
			On(r, func(_ context.Context, _ *Message, p *P) (Reply, error) {
				*got = *p
				return nil, nil
			})
		},
	}
}

func payloadCases(t testing.TB) []payloadCase {
	contactUser := ContactUser{
		UserID: "zhangsan", Name: "张三", Department: IntList{1, 2, 3}, MainDepartment: 1,
		IsLeaderInDept: IntList{1, 0, 0}, DirectLeader: List{"lisi", "wangwu"}, Position: "产品经理",
		Mobile: "13800000000", Gender: 1, Email: "zhangsan@gzdev.com", BizMail: "zhangsan@qyycs2.wecom.work",
		Status: 1, Avatar: "http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0",
		Alias: "zhangsan", Telephone: "020-123456", Address: "广州市",
		ExtAttr: ExtAttr{Items: []ExtAttrItem{
			{Name: "爱好", Type: 0, Text: &ExtAttrText{Value: "旅游"}},
			{Name: "卡号", Type: 1, Web: &ExtAttrWeb{Title: "企业微信", URL: "https://work.weixin.qq.com"}},
		}},
	}
	createUser := readTestdata(t, "create_user.xml")
	updateUser := strings.Replace(strings.Replace(createUser, "create_user", "update_user", 1),
		"<Name>", "<NewUserID><![CDATA[zhangsan2]]></NewUserID><Name>", 1)
	picsInfo := "<SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item>" +
		"<item><PicMd5Sum><![CDATA[a2f7c23b5bf75682a53e7b6d163e1852]]></PicMd5Sum></item></PicList></SendPicsInfo>"
	wantPics := SendPicsInfo{Count: 2, PicList: []PicItem{{"1b5f7c23b5bf75682a53e7b6d163e185"}, {"a2f7c23b5bf75682a53e7b6d163e1852"}}}
	scan := "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>"
	wantScan := ScanCodeInfo{ScanType: "qrcode", ScanResult: "1"}
	extUser := cdata("UserID", "zhangsan") + cdata("ExternalUserID", "woAJ2GCAAAd1asdasdjO4wKmE8Aabj9AAA")
	const extID = "woAJ2GCAAAd1asdasdjO4wKmE8Aabj9AAA"
	sharedApp := "<AppId>1000003</AppId>" + cdata("CorpId", "wwddddccc7775555aaa") + "<AgentId>1000012</AgentId>"
	wantShared := SharedApp{AppID: 1000003, CorpID: "wwddddccc7775555aaa", AgentID: 1000012}
	order := cdata("PaidCorpId", "wxf8b4f85f3a794e77") + cdata("OrderId", "T00000000001") + cdata("OperatorId", "zhangsan")
	wantOrder := AppOrder{PaidCorpID: "wxf8b4f85f3a794e77", OrderID: "T00000000001", OperatorID: "zhangsan"}
	schedule := cdata("CalId", "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA") + cdata("ScheduleId", "17c7d2bd9f20d652840f72f59e796AAA")
	wantSchedule := Schedule{CalID: "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA", ScheduleID: "17c7d2bd9f20d652840f72f59e796AAA"}
	calendar := cdata("CalId", "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA")
	wantCalendar := Calendar{CalID: "wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA"}
	booking := "<MeetingRoomId>1</MeetingRoomId>" + cdata("BookingId", "bkebsada6e027c123cbafAAA")
	wantBooking := MeetingRoomBooking{MeetingRoomID: 1, BookingID: "bkebsada6e027c123cbafAAA"}
	tag := cdata("Id", "etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA") + cdata("TagType", "tag")
	wantTag := ExternalTag{ID: "etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", TagType: "tag"}
	extra := "<ExtraInfo><AuthOpenKfIdList><OpenKfId><![CDATA[wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyAAA]]></OpenKfId>" +
		"<OpenKfId><![CDATA[wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyBBB]]></OpenKfId></AuthOpenKfIdList></ExtraInfo>"
	wantExtra := AuthExtraInfo{AuthOpenKfIDs: []string{"wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyAAA", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyBBB"}}

	return []payloadCase{
		// Messages.
		caseOf(msgXML("text", cdata("Content", "this is a test")), Text{Content: "this is a test", MsgID: "7269101829738643456"}),
		caseOf(msgXML("image", cdata("PicUrl", "http://wx.qlogo.cn/x.jpg")+cdata("MediaId", "2-G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0")),
			Image{PicURL: "http://wx.qlogo.cn/x.jpg", MediaID: "2-G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0", MsgID: "7269101829738643456"}),
		caseOf(msgXML("voice", cdata("MediaId", "media_id")+cdata("Format", "amr")),
			Voice{MediaID: "media_id", Format: "amr", MsgID: "7269101829738643456"}),
		caseOf(msgXML("video", cdata("MediaId", "media_id")+cdata("ThumbMediaId", "thumb_media_id")),
			Video{MediaID: "media_id", ThumbMediaID: "thumb_media_id", MsgID: "7269101829738643456"}),
		caseOf(msgXML("location", "<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale>"+
			cdata("Label", "位置信息")+cdata("AppType", "wxwork")),
			Location{LocationX: 23.134521, LocationY: 113.358803, Scale: 20, Label: "位置信息", MsgID: "7269101829738643456", AppType: "wxwork"}),
		caseOf(msgXML("link", cdata("Title", "this is a title!")+cdata("Description", "this is a description!")+
			cdata("Url", "URL")+cdata("PicUrl", "this is a url")),
			Link{Title: "this is a title!", Description: "this is a description!", URL: "URL", PicURL: "this is a url", MsgID: "7269101829738643456"}),

		// Basic and menu events.
		caseOf(eventXML("subscribe", "", ""), Subscribe{}),
		caseOf(eventXML("unsubscribe", "", ""), Unsubscribe{}),
		caseOf(eventXML("enter_agent", "", cdata("EventKey", "")), EnterAgent{}),
		caseOf(eventXML("LOCATION", "", "<Latitude>23.104105</Latitude><Longitude>113.320107</Longitude><Precision>65.000000</Precision>"+cdata("AppType", "wxwork")),
			LocationReport{Latitude: 23.104105, Longitude: 113.320107, Precision: 65, AppType: "wxwork"}),
		caseOf(eventXML("batch_job_result", "", "<BatchJob><JobId><![CDATA[S0MrnndvRG5fadSlLwiBqiDDbM143UqTmKP3152FZk4]]></JobId>"+
			"<JobType><![CDATA[sync_user]]></JobType><ErrCode>0</ErrCode><ErrMsg><![CDATA[ok]]></ErrMsg></BatchJob>"),
			BatchJobResult{BatchJob: BatchJob{JobID: "S0MrnndvRG5fadSlLwiBqiDDbM143UqTmKP3152FZk4", JobType: "sync_user", ErrMsg: "ok"}}),
		caseOf(eventXML("click", "", cdata("EventKey", "V1001_TODAY_MUSIC")), Click{EventKey: "V1001_TODAY_MUSIC"}),
		caseOf(eventXML("view", "", cdata("EventKey", "https://www.qq.com/")), View{EventKey: "https://www.qq.com/"}),
		caseOf(eventXML("view_miniprogram", "", cdata("EventKey", "pages/index/index")), ViewMiniprogram{EventKey: "pages/index/index"}),
		caseOf(eventXML("scancode_push", "", cdata("EventKey", "6")+scan), ScancodePush{EventKey: "6", ScanCodeInfo: wantScan}),
		caseOf(eventXML("scancode_waitmsg", "", cdata("EventKey", "6")+scan), ScancodeWaitmsg{EventKey: "6", ScanCodeInfo: wantScan}),
		caseOf(eventXML("pic_sysphoto", "", cdata("EventKey", "6")+picsInfo), PicSysphoto{EventKey: "6", SendPicsInfo: wantPics}),
		caseOf(eventXML("pic_photo_or_album", "", cdata("EventKey", "6")+picsInfo), PicPhotoOrAlbum{EventKey: "6", SendPicsInfo: wantPics}),
		caseOf(eventXML("pic_weixin", "", cdata("EventKey", "6")+picsInfo), PicWeixin{EventKey: "6", SendPicsInfo: wantPics}),
		caseOf(eventXML("location_select", "", cdata("EventKey", "6")+"<SendLocationInfo><Location_X><![CDATA[23]]></Location_X>"+
			"<Location_Y><![CDATA[113]]></Location_Y><Scale><![CDATA[15]]></Scale><Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label>"+
			"<Poiname><![CDATA[]]></Poiname></SendLocationInfo>"+cdata("AppType", "wxwork")),
			LocationSelect{EventKey: "6", SendLocationInfo: SendLocationInfo{LocationX: 23, LocationY: 113, Scale: 15, Label: " 广州市海珠区客村艺苑路 106号"}, AppType: "wxwork"}),
		caseOf(eventXML("share_agent_change", "", sharedApp), ShareAgentChange{SharedApp: wantShared}),
		caseOf(eventXML("share_chain_change", "", sharedApp), ShareChainChange{SharedApp: wantShared}),
		caseOf(eventXML("close_inactive_agent", "", ""), CloseInactiveAgent{}),
		caseOf(eventXML("reopen_inactive_agent", "", ""), ReopenInactiveAgent{}),
		caseOf(eventXML("inactive_alert", "", ""), InactiveAlert{}),
		caseOf(eventXML("low_active_alert", "", ""), LowActiveAlert{}),
		caseOf(eventXML("low_active", "", ""), LowActive{}),
		caseOf(eventXML("active_restored", "", ""), ActiveRestored{}),

		// change_contact.
		caseOf(createUser, CreateUser{ContactUser: contactUser}),
		caseOf(updateUser, UpdateUser{ContactUser: contactUser, NewUserID: "zhangsan2"}),
		caseOf(eventXML("change_contact", "delete_user", cdata("UserID", "zhangsan")), DeleteUser{UserID: "zhangsan"}),
		caseOf(eventXML("change_contact", "create_party", "<Id>2</Id>"+cdata("Name", "张三")+"<ParentId><![CDATA[1]]></ParentId><Order>1</Order>"),
			CreateParty{ID: 2, Name: "张三", ParentID: 1, Order: 1}),
		caseOf(eventXML("change_contact", "update_party", "<Id>2</Id>"+cdata("Name", "张三")+"<ParentId><![CDATA[1]]></ParentId>"),
			UpdateParty{ID: 2, Name: "张三", ParentID: 1}),
		caseOf(eventXML("change_contact", "delete_party", "<Id>2</Id>"), DeleteParty{ID: 2}),
		caseOf(eventXML("change_contact", "update_tag", "<TagId>1</TagId>"+cdata("AddUserItems", "zhangsan,lisi")+
			cdata("DelUserItems", "zhangsan1,lisi1")+cdata("AddPartyItems", "1,2")+cdata("DelPartyItems", "3,4")),
			UpdateTag{TagID: 1, AddUserItems: List{"zhangsan", "lisi"}, DelUserItems: List{"zhangsan1", "lisi1"},
				AddPartyItems: IntList{1, 2}, DelPartyItems: IntList{3, 4}}),

		// External contacts.
		caseOf(eventXML("change_external_contact", "add_external_contact", extUser+cdata("State", "teststate")+cdata("WelcomeCode", "WELCOMECODE")),
			AddExternalContact{UserID: "zhangsan", ExternalUserID: extID, State: "teststate", WelcomeCode: "WELCOMECODE"}),
		caseOf(eventXML("change_external_contact", "edit_external_contact", extUser),
			EditExternalContact{UserID: "zhangsan", ExternalUserID: extID}),
		caseOf(eventXML("change_external_contact", "add_half_external_contact", extUser+cdata("State", "teststate")+cdata("WelcomeCode", "WELCOMECODE")),
			AddHalfExternalContact{UserID: "zhangsan", ExternalUserID: extID, State: "teststate", WelcomeCode: "WELCOMECODE"}),
		caseOf(eventXML("change_external_contact", "del_external_contact", extUser+cdata("Source", "DELETE_BY_TRANSFER")),
			DelExternalContact{UserID: "zhangsan", ExternalUserID: extID, Source: "DELETE_BY_TRANSFER"}),
		caseOf(eventXML("change_external_contact", "del_follow_user", extUser),
			DelFollowUser{UserID: "zhangsan", ExternalUserID: extID}),
		caseOf(eventXML("change_external_contact", "transfer_fail", extUser+cdata("FailReason", "customer_refused")),
			TransferFail{UserID: "zhangsan", ExternalUserID: extID, FailReason: "customer_refused"}),
		caseOf(eventXML("change_external_contact", "msg_audit_approved", extUser+cdata("WelcomeCode", "WELCOMECODE")),
			MsgAuditApproved{UserID: "zhangsan", ExternalUserID: extID, WelcomeCode: "WELCOMECODE"}),
		caseOf(eventXML("change_external_chat", "create", cdata("ChatId", "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA")),
			ExternalChatCreate{ChatID: "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA"}),
		caseOf(eventXML("change_external_chat", "dismiss", cdata("ChatId", "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA")),
			ExternalChatDismiss{ChatID: "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA"}),
		caseOf(eventXML("change_external_tag", "create", tag), ExternalTagCreate{ExternalTag: wantTag}),
		caseOf(eventXML("change_external_tag", "update", tag), ExternalTagUpdate{ExternalTag: wantTag}),
		caseOf(eventXML("change_external_tag", "delete", tag), ExternalTagDelete{ExternalTag: wantTag}),
		caseOf(eventXML("change_external_tag", "shuffle", cdata("Id", "etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA")+"<StrategyId>1</StrategyId>"),
			ExternalTagShuffle{ExternalTag: ExternalTag{ID: "etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", StrategyID: 1}}),

		// OA.
		caseOf(readTestdata(t, "open_approval_change.xml"), OpenApprovalChange{ApprovalInfo: OpenApprovalInfo{
			ThirdNo: "201806010001", OpenSpName: "付款", OpenTemplateID: "1234567890", OpenSpStatus: 1, ApplyTime: 1527837645,
			ApplyUserName: "xiaoming", ApplyUserID: "1", ApplyUserParty: "产品部", ApplyUserImage: "http://www.qq.com/xxx.png",
			ApprovalNodes: []OpenApprovalNode{{NodeStatus: 1, NodeAttr: 1, NodeType: 1, Items: []OpenApprovalItem{
				{ItemName: "xiaohong", ItemUserID: "2", ItemImage: "http://www.qq.com/xxx.png", ItemStatus: 1},
				{ItemName: "xiaogang", ItemUserID: "3", ItemImage: "http://www.qq.com/yyy.png", ItemStatus: 2, ItemSpeech: "ok", ItemOpTime: 1527838022},
			}}},
			NotifyNodes: []OpenNotifyNode{{ItemName: "xiaohong", ItemUserID: "2", ItemImage: "http://www.qq.com/xxx.png"}},
		}}),
		caseOf(readTestdata(t, "sys_approval_change.xml"), SysApprovalChange{ApprovalInfo: SysApprovalInfo{
			SpNo: "201910220001", SpName: "报销", SpStatus: 1, TemplateID: "3TkaH5KFbrG9heEQWLJjhgpFNDqbXsTjRhnQMuEc", ApplyTime: 1571728713,
			Applyer: Applyer{UserID: "xiaoming", Party: "2"},
			SpRecord: []SpRecord{
				{SpStatus: 1, ApproverAttr: 1, Details: []SpRecordDetail{
					{Approver: ApprovalUser{UserID: "chuting"}, SpStatus: 1},
					{Approver: ApprovalUser{UserID: "wangwu"}, Speech: "同意", SpStatus: 2, SpTime: 1571732272, MediaIDs: []string{"WWCISP_A", "WWCISP_B"}},
				}},
				{SpStatus: 1, ApproverAttr: 2, Details: []SpRecordDetail{{Approver: ApprovalUser{UserID: "lisi"}, SpStatus: 1}}},
			},
			Notifyer: []ApprovalUser{{UserID: "zhaoliu"}, {UserID: "sunqi"}},
			Comments: []SpComment{{CommentUserInfo: ApprovalUser{UserID: "wangwu"}, CommentTime: 1571732272,
				CommentContent: "请尽快处理 & 回复", CommentID: "6750538708562308235"}},
			StatuChangeEvent: 10,
		}}),
		caseOf(taskcardClickXML,
			TaskcardClick{EventKey: "key111", TaskID: "taskid111", AgentID: 1}),
		caseOf(readTestdata(t, "template_card_event.xml"), TemplateCardEvent{EventKey: "key111", TaskID: "taskid111", CardType: "vote_interaction",
			ResponseCode: "ResponseCode", SelectedItems: []SelectedItem{
				{QuestionKey: "QuestionKey1", OptionIDs: []string{"OptionId1", "OptionId2"}},
				{QuestionKey: "QuestionKey2", OptionIDs: []string{"OptionId3"}},
			}}),
		caseOf(eventXML("template_card_menu_event", "", cdata("EventKey", "key111")+cdata("TaskId", "taskid111")+
			cdata("CardType", "text_notice")+cdata("ResponseCode", "ResponseCode")),
			TemplateCardMenuEvent{EventKey: "key111", TaskID: "taskid111", CardType: "text_notice", ResponseCode: "ResponseCode"}),
		caseOf(eventXML("modify_calendar", "", calendar), ModifyCalendar{Calendar: wantCalendar}),
		caseOf(eventXML("delete_calendar", "", calendar), DeleteCalendar{Calendar: wantCalendar}),
		caseOf(eventXML("add_schedule", "", schedule), AddSchedule{Schedule: wantSchedule}),
		caseOf(eventXML("modify_schedule", "", schedule), ModifySchedule{Schedule: wantSchedule}),
		caseOf(eventXML("delete_schedule", "", schedule), DeleteSchedule{Schedule: wantSchedule}),
		caseOf(eventXML("respond_schedule", "", schedule), RespondSchedule{Schedule: wantSchedule}),
		caseOf(eventXML("book_meeting_room", "", booking), BookMeetingRoom{MeetingRoomBooking: wantBooking}),
		caseOf(eventXML("cancel_meeting_room", "", booking), CancelMeetingRoom{MeetingRoomBooking: wantBooking}),
		caseOf(eventXML("meeting_change", "modify_meeting", cdata("MeetingId", "hyXXXXXXXXXXX")), ModifyMeeting{MeetingID: "hyXXXXXXXXXXX"}),
		caseOf(eventXML("meeting_change", "cancel_meeting", cdata("MeetingId", "hyXXXXXXXXXXX")), CancelMeeting{MeetingID: "hyXXXXXXXXXXX"}),
		caseOf(eventXML("living_status_change", "", cdata("LivingId", "lvOQpTDwAAD2MHSbaJHlxoUjQBpZgOUw")+"<Status>1</Status>"),
			LivingStatusChange{LivingID: "lvOQpTDwAAD2MHSbaJHlxoUjQBpZgOUw", Status: 1}),

		// Other app events.
		caseOf(eventXML("kf_msg_or_event", "", cdata("Token", "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR")+cdata("OpenKfId", "wkxxxxxxx")),
			KfMsgOrEvent{Token: "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR", OpenKfID: "wkxxxxxxx"}),
		caseOf(eventXML("kf_account_auth_change", "", cdata("AuthAddOpenKfId", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyAAA")+
			cdata("AuthAddOpenKfId", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyBBB")+cdata("AuthDelOpenKfId", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyCCC")),
			KfAccountAuthChange{AuthAddOpenKfIDs: []string{"wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyAAA", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyBBB"},
				AuthDelOpenKfIDs: []string{"wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyCCC"}}),
		caseOf(eventXML("msgaudit_notify", "", ""), MsgAuditNotify{}),
		caseOf(eventXML("customer_acquisition", "balance_low", ""), CustomerAcquisitionBalanceLow{}),
		caseOf(eventXML("customer_acquisition", "balance_exhausted", ""), CustomerAcquisitionBalanceExhausted{}),
		caseOf(eventXML("customer_acquisition", "link_unavailable", cdata("LinkId", "cawcde5e8f9e3b6e2e")),
			CustomerAcquisitionLinkUnavailable{LinkID: "cawcde5e8f9e3b6e2e"}),
		caseOf(eventXML("customer_acquisition", "delete_link", cdata("LinkId", "cawcde5e8f9e3b6e2e")),
			CustomerAcquisitionDeleteLink{LinkID: "cawcde5e8f9e3b6e2e"}),
		caseOf(eventXML("customer_acquisition", "customer_start_chat", extUser+cdata("LinkId", "cawcde5e8f9e3b6e2e")),
			CustomerAcquisitionStartChat{UserID: "zhangsan", ExternalUserID: extID, LinkID: "cawcde5e8f9e3b6e2e"}),
		caseOf(eventXML("customer_acquisition", "friend_request", cdata("LinkId", "cawcde5e8f9e3b6e2e")+cdata("State", "STATE")),
			CustomerAcquisitionFriendRequest{LinkID: "cawcde5e8f9e3b6e2e", State: "STATE"}),
		caseOf(eventXML("upload_media_job_finish", "", cdata("JobId", "jobid_S0MrnndvRG5fadSlLwiBqiDDbM143UqTmKP3152FZk4")),
			UploadMediaJobFinish{JobID: "jobid_S0MrnndvRG5fadSlLwiBqiDDbM143UqTmKP3152FZk4"}),
		caseOf(eventXML("wedrive_insufficient_capacity", "", ""), WedriveInsufficientCapacity{}),
		caseOf(eventXML("switch_workbench_mode", "", "<Mode>1</Mode>"), SwitchWorkbenchMode{Mode: 1}),
		caseOf(eventXML("app_email_change", "receive_email", "<Amount>2</Amount>"), AppEmailChange{Amount: 2}),
		caseOf(eventXML("unlicensed_notify", "", ""), UnlicensedNotify{}),
		caseOf(eventXML("change_app_admin", "", ""), ChangeAppAdmin{}),
		caseOf(eventXML("change_school_contact", "create_student", cdata("Id", "student_id")), ChangeSchoolContact{ID: "student_id"}),

		// Third-party instruction callbacks.
		caseOf(infoXML("suite_ticket", "", cdata("SuiteTicket", "asdfasfdasdfasdf")), SuiteTicket{SuiteTicket: "asdfasfdasdfasdf"}),
		caseOf(infoXML("create_auth", "", cdata("AuthCode", "AUTHCODE")+cdata("State", "STATE_VALUE")+extra),
			CreateAuth{AuthCode: "AUTHCODE", State: "STATE_VALUE", ExtraInfo: wantExtra}),
		caseOf(infoXML("change_auth", "", cdata("State", "abc")+extra), ChangeAuth{State: "abc", ExtraInfo: wantExtra}),
		caseOf(infoXML("cancel_auth", "", ""), CancelAuth{}),
		caseOf(infoXML("reset_permanent_code", "", cdata("AuthCode", "AUTHCODE")), ResetPermanentCode{AuthCode: "AUTHCODE"}),
		caseOf(readTestdata(t, "suite_change_contact_update_user.xml"), SuiteContactChange{
			ContactUser: ContactUser{UserID: "zhangsan", Name: "张三", Department: IntList{1, 2, 3}, MainDepartment: 1,
				IsLeaderInDept: IntList{1, 0, 0}, Position: "产品经理", Mobile: "15913215421", Gender: 1, Email: "zhangsan@gzdev.com",
				Status: 1, Avatar: contactUser.Avatar, Alias: "zhangsan", Telephone: "020-111111",
				ExtAttr: ExtAttr{Items: []ExtAttrItem{{Name: "爱好", Type: 0, Text: &ExtAttrText{Value: "旅游"}}}}},
			OpenUserID: "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA", NewUserID: "zhangsan001",
		}),
		caseOf(infoXML("change_external_contact", "transfer_fail", extUser+cdata("FailReason", "customer_limit_exceed")),
			SuiteExternalContactChange{UserID: "zhangsan", ExternalUserID: extID, FailReason: "customer_limit_exceed"}),
		caseOf(suiteExternalChatUpdateDocXML, SuiteExternalChatChange{ChatID: "CHAT_ID", UpdateDetail: "add_member", JoinScene: 1, MemChangeCnt: 10,
			MemChangeList: []string{"Jack", "Rose"}, LastMemVer: "9c3f97c2ada667dfb5f6d03308d963e1", CurMemVer: "71217227bbd112ecfe3a49c482195cb4"}),
		caseOf(externalChatUpdateDocXML, ExternalChatUpdate{ChatID: "CHAT_ID", UpdateDetail: "add_member", JoinScene: 1, MemChangeCnt: 10,
			MemChangeList: []string{"Jack", "Rose"}, LastMemVer: "9c3f97c2ada667dfb5f6d03308d963e1", CurMemVer: "71217227bbd112ecfe3a49c482195cb4"}),
		caseOf(infoXML("change_external_tag", "update", tag), SuiteExternalTagChange{ExternalTag: wantTag}),
		caseOf(infoXML("share_agent_change", "", sharedApp), SuiteShareAgentChange{SharedApp: wantShared}),
		caseOf(infoXML("share_chain_change", "", sharedApp), SuiteShareChainChange{SharedApp: wantShared}),
		caseOf(infoXML("batch_job_result", "", "<BatchJob><JobId><![CDATA[jobid]]></JobId><JobType><![CDATA[replace_party]]></JobType>"+
			"<ErrCode>60011</ErrCode><ErrMsg><![CDATA[no privilege]]></ErrMsg></BatchJob>"),
			SuiteBatchJobResult{BatchJob: BatchJob{JobID: "jobid", JobType: "replace_party", ErrCode: 60011, ErrMsg: "no privilege"}}),
		caseOf(infoXML("corp_arch_auth", "", ""), CorpArchAuth{}),
		caseOf(infoXML("approve_special_auth", "", cdata("AuthType", "customer_acquisition")), ApproveSpecialAuth{AuthType: "customer_acquisition"}),
		caseOf(infoXML("cancel_special_auth", "", cdata("AuthType", "customer_acquisition")), CancelSpecialAuth{AuthType: "customer_acquisition"}),
		caseOf(infoXML("agree_external_userid_migration", "", cdata("ServiceCorpId", "wwddddccc7775555aaa")),
			AgreeExternalUserIDMigration{ServiceCorpID: "wwddddccc7775555aaa"}),
		caseOf(infoXML("change_school_contact", "update_department", "<Id>2</Id><NewId>3</NewId>"), SuiteSchoolContactChange{ID: "2", NewID: "3"}),
		caseOf(infoXML("device_data_auth_change", "", "<AgentID>1000002</AgentID>"), DeviceDataAuthChange{}),
		caseOf(readTestdata(t, "register_corp.xml"), RegisterCorp{ServiceCorpID: "wwddddccc7775555aaa", RegisterCode: "pIKi3wRPNWCGF-pyP-YU5KWjDDD",
			ContactSync: ContactSync{AccessToken: "kf_access_token_placeholder", ExpiresIn: 1800}, AuthUserInfo: AuthUserInfo{UserID: "zhangshan"},
			State: "state1", TemplateID: "tpl1test"}),
		caseOf(infoXML("enter_register_package", "", cdata("ServiceCorpId", "wwddddccc7775555aaa")+cdata("RegisterCode", "pIKi3wRPNWCGF")+
			cdata("State", "state1")+cdata("TemplateId", "tpl1test")+"<AuthUserInfo><UserId><![CDATA[zhangshan]]></UserId></AuthUserInfo>"),
			EnterRegisterPackage{ServiceCorpID: "wwddddccc7775555aaa", RegisterCode: "pIKi3wRPNWCGF", State: "state1", TemplateID: "tpl1test",
				AuthUserInfo: AuthUserInfo{UserID: "zhangshan"}}),
		caseOf(infoXML("open_order", "", order), OpenOrder{AppOrder: wantOrder}),
		caseOf(infoXML("change_order", "", cdata("PaidCorpId", "wxf8b4f85f3a794e77")+cdata("OldOrderId", "T01")+cdata("NewOrderId", "T02")),
			ChangeOrder{AppOrder: AppOrder{PaidCorpID: "wxf8b4f85f3a794e77", OldOrderID: "T01", NewOrderID: "T02"}}),
		caseOf(infoXML("pay_for_app_success", "", order), PayForAppSuccess{AppOrder: wantOrder}),
		caseOf(infoXML("refund", "", order), Refund{AppOrder: wantOrder}),
		caseOf(infoXML("change_editon", "", cdata("PaidCorpId", "wxf8b4f85f3a794e77")), ChangeEdition{AppOrder: AppOrder{PaidCorpID: "wxf8b4f85f3a794e77"}}),
		caseOf(infoXML("license_pay_success", "", cdata("ServiceCorpId", "wwddddccc7775555aaa")+cdata("OrderId", "OI000000")+cdata("BuyerUserId", "zhangsan")),
			LicensePaySuccess{ServiceCorpID: "wwddddccc7775555aaa", OrderID: "OI000000", BuyerUserID: "zhangsan"}),
		caseOf(infoXML("license_refund", "", cdata("ServiceCorpId", "wwddddccc7775555aaa")+cdata("OrderId", "OI000000")+"<OrderStatus>5</OrderStatus>"),
			LicenseRefund{ServiceCorpID: "wwddddccc7775555aaa", OrderID: "OI000000", OrderStatus: 5}),
		caseOf(readTestdata(t, "auto_activate.xml"), AutoActivate{ServiceCorpID: "wwddddccc7775555aaa", Scene: 1, AccountList: []ActivatedAccount{
			{ActiveCode: "XXXXXXXX", Type: 1, ExpireTime: 1403610513, UserID: "userid1", PreviousStatus: 1},
			{ActiveCode: "YYYYYYYY", Type: 2, ExpireTime: 1403610600, UserID: "userid2", PreviousStatus: 3, PreviousActiveCode: "ZZZZZZZZ"},
		}}),
		caseOf(infoXML("unlicensed_notify", "", cdata("ServiceCorpId", "wwddddccc7775555aaa")+"<AgentID>1000002</AgentID>"),
			SuiteUnlicensedNotify{ServiceCorpID: "wwddddccc7775555aaa"}),
	}
}

// TestPayloads sends every sample through a Server and checks that the
// handler registered with On for its payload type gets the expected
// payload, and that the answer fits the kind of callback.
func TestPayloads(t *testing.T) {
	c := newCrypt(t, sampleCorpID)
	for _, tc := range payloadCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			r := NewRouter()
			var got any
			tc.register(r, &got)
			r.Fallback(HandlerFunc(func(context.Context, *Message) (Reply, error) {
				t.Error("sample reached the fallback")
				return nil, nil
			}))
			w := post(NewServer(c, r), sealCallback(t, c, tc.xml))
			require.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, tc.want, got)

			m, err := Parse([]byte(tc.xml))
			require.NoError(t, err)
			if m.IsInstruction() {
				assert.Equal(t, "success", w.Body.String())
			} else {
				assert.Empty(t, w.Body.String())
			}
			// Decode without the fast path agrees.
			direct := reflect.New(reflect.TypeOf(tc.want))
			require.NoError(t, (&Message{Raw: []byte(tc.xml)}).Decode(direct.Interface()))
			assert.Equal(t, tc.want, direct.Elem().Interface())
		})
	}
}

// TestPayloadCatalogueCovered checks that every payload type of the package
// has a sample in TestPayloads, and that no two payloads claim one kind.
func TestPayloadCatalogueCovered(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var declared []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Name.Name != "Kind" || fn.Recv == nil {
				continue
			}
			if id, ok := fn.Recv.List[0].Type.(*ast.Ident); ok { // value receivers only: payloads
				declared = append(declared, id.Name)
			}
		}
	}
	var covered []string
	kinds := map[Kind]string{}
	for _, tc := range payloadCases(t) {
		covered = append(covered, tc.name)
		k := tc.want.(Payload).Kind()
		if other, dup := kinds[k]; dup {
			t.Errorf("%s and %s share the kind %v", other, tc.name, k)
		}
		kinds[k] = tc.name
	}
	sort.Strings(declared)
	sort.Strings(covered)
	assert.Equal(t, declared, covered)
	assert.GreaterOrEqual(t, len(covered), 100)
}
