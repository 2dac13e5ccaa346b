package work

// The doc-sample table of package work's own areas (contacts, messages,
// apps, check-in, approval, media). Samples: testdata/docs; machinery:
// docsample_test.go. Page numbers are developer.work.weixin.qq.com/document/path/<page>.

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestWorkDocSamples(t *testing.T) {
	runDocSamples(t, []docCase{
		{
			page: 91983, method: http.MethodPost, path: "/cgi-bin/oa/getapprovaldetail",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					SpNo string `json:"sp_no"`
				}](t, req)
				return c.Approval.Detail(t.Context(), in.SpNo)
			},
		},
		{
			// The process_list of page 91983 (its field table; the page's
			// sample shows the older sp_record only), with an approver who
			// has not acted sending "sptime": "".
			name: "oa/getapprovaldetail process_list", page: 91983,
			method: http.MethodPost, path: "/cgi-bin/oa/getapprovaldetail",
			sample: "oa/getapprovaldetail.process_list",
			body:   `{"sp_no":"202001010001"}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Approval.Detail(t.Context(), "202001010001")
			},
		},
		{
			page: 91853, method: http.MethodPost, path: "/cgi-bin/oa/applyevent",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				e := decodeSample[ApplyEvent](t, req)
				return c.Approval.Apply(t.Context(), &e)
			},
		},
		// Messages: page 90236 (message/send), 94515 (template_msg), 94888
		// (update_template_card), 90250 (linkedcorp/message/send).
		{
			// The doc's "PartyID1|PartyID2" and "TagID1 | TagID2" stand for
			// numeric ids, and its zero flags are what the SDK leaves out.
			name: "message/send text", page: 90236, method: http.MethodPost, path: "/cgi-bin/message/send",
			sample: "message/send.text",
			body: `{"touser":"UserID1|UserID2|UserID3","toparty":"1|2","totag":"3|4","msgtype":"text","agentid":1,
				"text":{"content":"你的快递已到，请携带工卡前往邮件中心领取。\n出发前可查看<a href=\"https://work.weixin.qq.com\">邮件中心视频实况</a>，聪明避开排队。"},
				"enable_duplicate_check":1,"duplicate_check_interval":1800}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Text Text `json:"text"`
				}](t, req)
				return c.Message.Send(t.Context(), SendRequest{
					To:  Recipients{Users: []string{"UserID1", "UserID2", "UserID3"}, Parties: []int64{1, 2}, Tags: []int64{3, 4}},
					Msg: in.Text, AgentID: 1, DuplicateCheckInterval: 1800 * time.Second,
				})
			},
		},
		{
			name: "message/send news", page: 90236, method: http.MethodPost, path: "/cgi-bin/message/send",
			sample: "message/send.news", omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					News News `json:"news"`
				}](t, req)
				return c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"UserID1", "UserID2", "UserID3"}}, Msg: in.News, AgentID: 1})
			},
			// toparty and totag of the sample are placeholders for numbers
			skipBody: []string{"toparty", "totag", "duplicate_check_interval"},
		},
		{
			name: "message/send template_msg", page: 94515, method: http.MethodPost, path: "/cgi-bin/message/send",
			sample: "message/send.template_msg", omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Msg     TemplateMsg `json:"template_msg"`
					Tickets []string    `json:"selected_ticket_list"`
					Secs    int64       `json:"duplicate_check_interval"`
				}](t, req)
				return c.Message.Send(t.Context(), SendRequest{
					To: Recipients{Users: []string{"UserID1", "UserID2", "UserID3"}}, Msg: in.Msg, AgentID: 1,
					SelectedTickets: in.Tickets,
				})
			},
			skipBody: []string{"duplicate_check_interval"}, // only with enable_duplicate_check
		},
		{
			name: "message/send template_card", page: 90236, method: http.MethodPost, path: "/cgi-bin/message/send",
			sample: "message/send.template_card", omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Card TemplateCard `json:"template_card"`
				}](t, req)
				return c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"UserID1", "UserID2", "UserID3"}}, Msg: in.Card, AgentID: 1})
			},
			// toparty and totag of the sample are placeholders for numbers
			skipBody: []string{"toparty", "totag", "duplicate_check_interval"},
		},
		{
			name: "message/update_template_card button", page: 94888, method: http.MethodPost, path: "/cgi-bin/message/update_template_card",
			sample: "message/update_template_card.button", omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Message.UpdateTemplateCardButton(t.Context(), CardButtonUpdate{
					To:           Recipients{Users: []string{"userid1", "userid2"}, Parties: []int64{2, 3}, Tags: []int64{44, 55}},
					ResponseCode: "response_code", ReplaceName: "replace_name", TaskID: "taskid", AgentID: 1, EnableIDTrans: true,
				})
			},
		},
		{
			name: "message/update_template_card multiple_interaction", page: 94888, method: http.MethodPost, path: "/cgi-bin/message/update_template_card",
			sample: "message/update_template_card.multiple", omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Card TemplateCard `json:"template_card"`
				}](t, req)
				return c.Message.UpdateTemplateCard(t.Context(), CardUpdate{
					To:           Recipients{Users: []string{"userid1", "userid2"}, Parties: []int64{2, 3}, Tags: []int64{44, 55}},
					ResponseCode: "response_code", Card: in.Card, AgentID: 1, EnableIDTrans: true,
				})
			},
		},
		{
			name: "linkedcorp/message/send text", page: 90250, method: http.MethodPost, path: "/cgi-bin/linkedcorp/message/send",
			sample: "linkedcorp/message/send.text", omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					To    []string `json:"touser"`
					Party []string `json:"toparty"`
					Tag   []int64  `json:"totag"`
					Text  Text     `json:"text"`
				}](t, req)
				return c.LinkedCorp.Send(t.Context(), LinkedCorpSendRequest{
					To: LinkedCorpRecipients{Users: in.To, Parties: in.Party, Tags: in.Tag}, Msg: in.Text, AgentID: 1,
				})
			},
		},
		{
			name: "linkedcorp/message/send news", page: 90250, method: http.MethodPost, path: "/cgi-bin/linkedcorp/message/send",
			sample: "linkedcorp/message/send.news", omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					To    []string `json:"touser"`
					Party []string `json:"toparty"`
					Tag   []int64  `json:"totag"`
					News  News     `json:"news"`
				}](t, req)
				return c.LinkedCorp.Send(t.Context(), LinkedCorpSendRequest{
					To: LinkedCorpRecipients{Users: in.To, Parties: in.Party, Tags: in.Tag}, Msg: in.News, AgentID: 1,
				})
			},
		},
		// Contacts: page 90196 (user/get), 90197 (user/update), 90200
		// (user/simplelist), 90214/90215 (tag members).
		{
			page: 90196, method: http.MethodGet, path: "/cgi-bin/user/get", query: url.Values{"userid": {"zhangsan"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.User.Get(t.Context(), "zhangsan") },
		},
		{
			page: 90197, method: http.MethodPost, path: "/cgi-bin/user/update",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				u := decodeSample[UserUpdate](t, req)
				return nil, c.User.Update(t.Context(), &u)
			},
		},
		{
			page: 90200, method: http.MethodGet, path: "/cgi-bin/user/simplelist",
			query: url.Values{"department_id": {"1"}, "fetch_child": {"1"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.SimpleList(t.Context(), UserListRequest{DepartmentID: 1, FetchChild: true})
			},
		},
		{
			page: 90214, method: http.MethodPost, path: "/cgi-bin/tag/addtagusers",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Tag.AddMembers(t.Context(), decodeSample[TagMembersRequest](t, req))
			},
		},
		{
			page: 90215, method: http.MethodPost, path: "/cgi-bin/tag/deltagusers",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Tag.DeleteMembers(t.Context(), decodeSample[TagMembersRequest](t, req))
			},
		},
		// Workbench: page 92535.
		{
			page: 92535, method: http.MethodPost, path: "/cgi-bin/agent/set_workbench_template",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Agent.SetWorkbenchTemplate(t.Context(), decodeSample[WorkbenchTemplate](t, req))
			},
		},
		{
			page: 92535, method: http.MethodPost, path: "/cgi-bin/agent/get_workbench_template",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Agent.GetWorkbenchTemplate(t.Context(), 1000005)
			},
		},
		{
			page: 92535, method: http.MethodPost, path: "/cgi-bin/agent/set_workbench_data",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.Agent.SetWorkbenchData(t.Context(), decodeSample[WorkbenchUserData](t, req))
			},
		},
		// Check-in: page 90263.
		{
			page: 90263, method: http.MethodPost, path: "/cgi-bin/checkin/getcheckinoption",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Datetime int64    `json:"datetime"`
					UserIDs  []string `json:"useridlist"`
				}](t, req)
				return c.Checkin.Options(t.Context(), time.Unix(in.Datetime, 0), in.UserIDs)
			},
		},
		// Departments: page 90205 (create), 90208 (list), 95351 (get).
		{
			page: 90205, method: http.MethodPost, path: "/cgi-bin/department/create",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				d := decodeSample[Department](t, req)
				return c.Department.Create(t.Context(), &d)
			},
		},
		{
			page: 90208, method: http.MethodGet, path: "/cgi-bin/department/list", query: url.Values{"id": {"2"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Department.List(t.Context(), 2) },
		},
		{
			page: 95351, method: http.MethodGet, path: "/cgi-bin/department/get", query: url.Values{"id": {"2"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Department.Get(t.Context(), 2) },
		},
		// Apps: page 90227 (agent/get), 90228 (agent/set).
		{
			page: 90227, method: http.MethodGet, path: "/cgi-bin/agent/get", query: url.Values{"agentid": {"1000005"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Agent.Get(t.Context(), 1000005) },
		},
		{
			page: 90228, method: http.MethodPost, path: "/cgi-bin/agent/set",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					AgentID        int64  `json:"agentid"`
					LogoMediaID    string `json:"logo_mediaid"`
					Name           string `json:"name"`
					Description    string `json:"description"`
					RedirectDomain string `json:"redirect_domain"`
					HomeURL        string `json:"home_url"`
				}](t, req)
				return nil, c.Agent.Set(t.Context(), AgentSettings{
					AgentID: in.AgentID, LogoMediaID: in.LogoMediaID, Name: in.Name, Description: in.Description,
					RedirectDomain: in.RedirectDomain, HomeURL: in.HomeURL,
					ReportLocation: new(false), ReportEnter: new(false),
				})
			},
		},
		// Batch jobs: page 90975 (invite), 90983 (getresult).
		{
			page: 90975, method: http.MethodPost, path: "/cgi-bin/batch/invite",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Batch.Invite(t.Context(), decodeSample[BatchInvite](t, req))
			},
		},
		{
			page: 90983, method: http.MethodGet, path: "/cgi-bin/batch/getresult", query: url.Values{"jobid": {"JOBID"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Batch.GetResult(t.Context(), "JOBID") },
		},
		// App group chats: page 90245 (create), 90247 (get).
		{
			page: 90245, method: http.MethodPost, path: "/cgi-bin/appchat/create",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.AppChat.Create(t.Context(), decodeSample[AppChatCreateRequest](t, req))
			},
		},
		{
			page: 90247, method: http.MethodGet, path: "/cgi-bin/appchat/get", query: url.Values{"chatid": {"CHATID"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.AppChat.Get(t.Context(), "CHATID") },
		},
		// Check-in records: page 90262.
		{
			page: 90262, method: http.MethodPost, path: "/cgi-bin/checkin/getcheckindata",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Type    CheckinDataType `json:"opencheckindatatype"`
					Start   int64           `json:"starttime"`
					End     int64           `json:"endtime"`
					UserIDs []string        `json:"useridlist"`
				}](t, req)
				return c.Checkin.Data(t.Context(), CheckinDataRequest{Type: in.Type, Start: time.Unix(in.Start, 0), End: time.Unix(in.End, 0), UserIDs: in.UserIDs})
			},
		},
		// Approval lists and templates: page 91816 (getapprovalinfo), 91982
		// (gettemplatedetail).
		{
			// The sample carries the doc's new_cursor in place of the retired
			// integer cursor; the doc quotes the times, the SDK sends them as
			// the numbers the field table documents (uint32).
			page: 91816, method: http.MethodPost, path: "/cgi-bin/oa/getapprovalinfo",
			body: `{"starttime":1569546000,"endtime":1569718800,"new_cursor":"","size":100,"filters":[
				{"key":"template_id","value":"ZLqk8pcsAoaXZ1eY56vpAgfX28MPdYU3ayMaSPHaaa"},{"key":"creator","value":"WuJunJie"},
				{"key":"department","value":"1"},{"key":"sp_status","value":"1"}]}`,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Start   int64            `json:"starttime"`
					End     int64            `json:"endtime"`
					Size    int              `json:"size"`
					Filters []ApprovalFilter `json:"filters"`
				}](t, req)
				return c.Approval.List(t.Context(), ApprovalListRequest{Start: time.Unix(in.Start, 0), End: time.Unix(in.End, 0), Size: in.Size, Filters: in.Filters})
			},
		},
		{
			page: 91982, method: http.MethodPost, path: "/cgi-bin/oa/gettemplatedetail",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					ID string `json:"template_id"`
				}](t, req)
				return c.Approval.TemplateDetail(t.Context(), in.ID)
			},
		},
		// Message recall (page 94867) and task card update (page 91579).
		{
			page: 94867, method: http.MethodPost, path: "/cgi-bin/message/recall",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					MsgID string `json:"msgid"`
				}](t, req)
				return nil, c.Message.Recall(t.Context(), in.MsgID)
			},
		},
		{
			page: 91579, method: http.MethodPost, path: "/cgi-bin/message/update_taskcard",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Message.UpdateTaskCard(t.Context(), decodeSample[TaskCardUpdate](t, req))
			},
		},
		// Check-in reports: page 93374 (getcheckin_daydata), 93380
		// (getcheckinschedulist).
		{
			page: 93374, method: http.MethodPost, path: "/cgi-bin/checkin/getcheckin_daydata",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Checkin.DayData(t.Context(), checkinReportSample(t, req))
			},
		},
		{
			page: 93380, method: http.MethodPost, path: "/cgi-bin/checkin/getcheckinschedulist",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Checkin.Schedules(t.Context(), checkinReportSample(t, req))
			},
		},
		// Members: page 90195 (create), 96067 (list_id), 90202 (openid
		// conversions), 95402 (getuserid), 95895 (get_userid_by_email),
		// 92714 (get_active_stat), 91714 (get_join_qrcode), 90198 (delete),
		// 90199 (batchdelete), 90203 (authsucc), 95884 (open_userid
		// conversions).
		{
			page: 90195, method: http.MethodPost, path: "/cgi-bin/user/create",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				u := decodeSample[User](t, req)
				return nil, c.User.Create(t.Context(), &u)
			},
		},
		{
			page: 96067, method: http.MethodPost, path: "/cgi-bin/user/list_id",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Cursor string `json:"cursor"`
					Limit  int    `json:"limit"`
				}](t, req)
				return c.User.ListIDs(t.Context(), UserIDListRequest{Cursor: in.Cursor, Limit: in.Limit})
			},
		},
		{
			page: 90202, method: http.MethodPost, path: "/cgi-bin/user/convert_to_openid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.ConvertToOpenID(t.Context(), "zhangsan")
			},
		},
		{
			page: 90202, method: http.MethodPost, path: "/cgi-bin/user/convert_to_userid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.ConvertToUserID(t.Context(), "oDjGHs-1yCnGrRovBj2yHij5JAAA")
			},
		},
		{
			page: 95402, method: http.MethodPost, path: "/cgi-bin/user/getuserid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.GetUserIDByMobile(t.Context(), "13430388888")
			},
		},
		{
			page: 95895, method: http.MethodPost, path: "/cgi-bin/user/get_userid_by_email",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.User.GetUserIDByEmail(t.Context(), decodeSample[UserIDByEmailRequest](t, req))
			},
		},
		{
			page: 92714, method: http.MethodPost, path: "/cgi-bin/user/get_active_stat",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.ActiveStat(t.Context(), time.Date(2020, 3, 27, 0, 0, 0, 0, time.UTC))
			},
		},
		{
			page: 91714, method: http.MethodGet, path: "/cgi-bin/corp/get_join_qrcode", query: url.Values{"size_type": {"1"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.User.JoinQRCode(t.Context(), 1) },
		},
		{
			page: 90198, method: http.MethodGet, path: "/cgi-bin/user/delete", query: url.Values{"userid": {"zhangsan"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.User.Delete(t.Context(), "zhangsan")
			},
		},
		{
			page: 90199, method: http.MethodPost, path: "/cgi-bin/user/batchdelete",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.User.BatchDelete(t.Context(), []string{"zhangsan", "lisi"})
			},
		},
		{
			page: 90203, method: http.MethodGet, path: "/cgi-bin/user/authsucc", query: url.Values{"userid": {"zhangsan"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.User.AuthSucc(t.Context(), "zhangsan")
			},
		},
		{
			page: 95884, method: http.MethodPost, path: "/cgi-bin/batch/userid_to_openuserid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.UserIDToOpenUserID(t.Context(), []string{"aaa", "bbb"})
			},
		},
		{
			page: 95884, method: http.MethodPost, path: "/cgi-bin/batch/openuserid_to_userid",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.OpenUserIDToUserID(t.Context(), []string{"xxx", "yyy"}, 100001)
			},
		},
		// Tags: page 90210 (create), 90211 (update), 90212 (delete), 90213
		// (get), 90216 (list).
		{
			page: 90210, method: http.MethodPost, path: "/cgi-bin/tag/create",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Tag.Create(t.Context(), Tag{ID: 12, Name: "UI"})
			},
		},
		{
			page: 90211, method: http.MethodPost, path: "/cgi-bin/tag/update",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Tag.Update(t.Context(), 12, "UI design")
			},
		},
		{
			page: 90212, method: http.MethodGet, path: "/cgi-bin/tag/delete", query: url.Values{"tagid": {"12"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return nil, c.Tag.Delete(t.Context(), 12) },
		},
		{
			page: 90213, method: http.MethodGet, path: "/cgi-bin/tag/get", query: url.Values{"tagid": {"12"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Tag.Get(t.Context(), 12) },
		},
		{
			page: 90216, method: http.MethodGet, path: "/cgi-bin/tag/list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Tag.List(t.Context()) },
		},
		// Departments: page 90206 (update), 90207 (delete), 95350
		// (simplelist).
		{
			page: 90206, method: http.MethodPost, path: "/cgi-bin/department/update",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.Department.Update(t.Context(), &DepartmentUpdate{ID: 2, Name: new("广州研发中心"), NameEn: new("RDGZ"), ParentID: new(int64(1)), Order: new(int64(1))})
			},
		},
		{
			page: 90207, method: http.MethodGet, path: "/cgi-bin/department/delete", query: url.Values{"id": {"2"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return nil, c.Department.Delete(t.Context(), 2) },
		},
		{
			page: 95350, method: http.MethodGet, path: "/cgi-bin/department/simplelist", query: url.Values{"id": {"2"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Department.SimpleList(t.Context(), 2) },
		},
		// Batch imports: page 90980 (syncuser), 90981 (replaceuser), 90982
		// (replaceparty).
		{
			page: 90980, method: http.MethodPost, path: "/cgi-bin/batch/syncuser",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Batch.SyncUser(t.Context(), decodeSample[BatchUserJob](t, req))
			},
		},
		{
			page: 90981, method: http.MethodPost, path: "/cgi-bin/batch/replaceuser", sample: "batch/syncuser",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Batch.ReplaceUser(t.Context(), decodeSample[BatchUserJob](t, req))
			},
		},
		{
			page: 90982, method: http.MethodPost, path: "/cgi-bin/batch/replaceparty",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Batch.ReplaceParty(t.Context(), decodeSample[BatchPartyJob](t, req))
			},
		},
		// App group chats: page 90246 (update), 90248 (send).
		{
			page: 90246, method: http.MethodPost, path: "/cgi-bin/appchat/update",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.AppChat.Update(t.Context(), decodeSample[AppChatUpdateRequest](t, req))
			},
		},
		{
			page: 90248, method: http.MethodPost, path: "/cgi-bin/appchat/send", omitZero: true,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					ChatID string `json:"chatid"`
					Text   Text   `json:"text"`
				}](t, req)
				return nil, c.AppChat.Send(t.Context(), AppChatSendRequest{ChatID: in.ChatID, Msg: in.Text})
			},
		},
		// Apps and menus: page 90227 (agent/list), 90231 (menu/create),
		// 90232 (menu/get), 90233 (menu/delete).
		{
			page: 90227, method: http.MethodGet, path: "/cgi-bin/agent/list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Agent.List(t.Context()) },
		},
		{
			page: 90231, method: http.MethodPost, path: "/cgi-bin/menu/create", query: url.Values{"agentid": {"1000005"}},
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Button []MenuButton `json:"button"`
				}](t, req)
				return nil, c.Menu.Create(t.Context(), 1000005, in.Button)
			},
		},
		{
			page: 90232, method: http.MethodGet, path: "/cgi-bin/menu/get", query: url.Values{"agentid": {"1000005"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Menu.Get(t.Context(), 1000005) },
		},
		{
			page: 90233, method: http.MethodGet, path: "/cgi-bin/menu/delete", query: url.Values{"agentid": {"1000005"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return nil, c.Menu.Delete(t.Context(), 1000005) },
		},
		// Media: page 90253 (upload), 90256 (uploadimg), 95098
		// (upload_attachment); multipart bodies.
		{
			page: 90253, method: http.MethodPost, path: "/cgi-bin/media/upload", query: url.Values{"type": {"image"}},
			checkRequest: assertMultipartFile("media", "a.png", "png"),
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Media.Upload(t.Context(), MediaUpload{Type: MediaImage, Name: "a.png", Body: strings.NewReader("png"), Size: 3})
			},
		},
		{
			page: 90256, method: http.MethodPost, path: "/cgi-bin/media/uploadimg",
			checkRequest: assertMultipartFile("media", "a.png", "png"),
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Media.UploadImage(t.Context(), MediaUpload{Name: "a.png", Body: strings.NewReader("png"), Size: 3})
			},
		},
		{
			page: 95098, method: http.MethodPost, path: "/cgi-bin/media/upload_attachment",
			query:        url.Values{"media_type": {"image"}, "attachment_type": {"1"}},
			checkRequest: assertMultipartFile("media", "a.png", "png"),
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Media.UploadAttachment(t.Context(), MediaUpload{Type: MediaImage, Use: AttachmentForMoments, Name: "a.png", Body: strings.NewReader("png"), Size: 3})
			},
		},
		{
			page: 90201, method: http.MethodGet, path: "/cgi-bin/user/list",
			query: url.Values{"department_id": {"1"}, "fetch_child": {"0"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.List(t.Context(), UserListRequest{DepartmentID: 1})
			},
		},
		// Check-in: page 93387 (getcheckin_monthdata), 93384
		// (getcorpcheckinoption).
		{
			page: 93387, method: http.MethodPost, path: "/cgi-bin/checkin/getcheckin_monthdata",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Checkin.MonthData(t.Context(), checkinReportSample(t, req))
			},
		},
		{
			page: 93384, method: http.MethodPost, path: "/cgi-bin/checkin/getcorpcheckinoption", body: `{}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Checkin.CorpOptions(t.Context()) },
		},
	})
}

// checkinReportSample reads a check-in report request sample.
func checkinReportSample(t *testing.T, req []byte) CheckinReportRequest {
	in := decodeSample[struct {
		Start   int64    `json:"starttime"`
		End     int64    `json:"endtime"`
		UserIDs []string `json:"useridlist"`
	}](t, req)
	return CheckinReportRequest{Start: time.Unix(in.Start, 0), End: time.Unix(in.End, 0), UserIDs: in.UserIDs}
}

// assertMultipartFile returns a checkRequest that finds in the request's
// multipart body the file field, with its file name and content.
func assertMultipartFile(field, name, content string) func(t *testing.T, r recordedRequest) {
	return func(t *testing.T, r recordedRequest) {
		t.Helper()
		body := string(r.Body)
		assert.Contains(t, body, `name="`+field+`"`)
		assert.Contains(t, body, `filename="`+name+`"`)
		assert.Contains(t, body, "\r\n\r\n"+content+"\r\n")
	}
}
