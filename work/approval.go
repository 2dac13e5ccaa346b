package work

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// ApprovalService wraps the API of approvals (审批).
//
// Its calls need the token of the 审批 app or of a self-built app allowed
// to call the approval API. A self-built app only sees forms whose
// applicant is in its visibility. Reads are retried on transient
// failures; Apply is not, because a repeat could create a second form.
type ApprovalService service

// ErrInvalidApprovalRequest is returned, wrapped with the reason, for an
// approval request that is rejected before anything is sent.
var ErrInvalidApprovalRequest = errors.New("work: invalid approval request")

// MaxApprovalPageSize is the largest page getapprovalinfo returns.
const MaxApprovalPageSize = 100

// ApprovalStatus is the state of an application (sp_status of the form).
type ApprovalStatus int

// Values of ApprovalStatus.
const (
	ApprovalPending                ApprovalStatus = 1  // in approval (审批中)
	ApprovalApproved               ApprovalStatus = 2  // approved (已通过)
	ApprovalRejected               ApprovalStatus = 3  // rejected (已驳回)
	ApprovalWithdrawn              ApprovalStatus = 4  // withdrawn (已撤销)
	ApprovalWithdrawnAfterApproval ApprovalStatus = 6  // withdrawn after approval (通过后撤销)
	ApprovalDeleted                ApprovalStatus = 7  // deleted (已删除)
	ApprovalPaid                   ApprovalStatus = 10 // paid (已支付)
)

// ApprovalNodeStatus is the state of one approval node or approver
// (sp_status within sp_record).
type ApprovalNodeStatus int

// Values of ApprovalNodeStatus.
const (
	ApprovalNodePending   ApprovalNodeStatus = 1 // waiting (审批中)
	ApprovalNodeAgreed    ApprovalNodeStatus = 2 // agreed (已同意)
	ApprovalNodeRejected  ApprovalNodeStatus = 3 // rejected (已驳回)
	ApprovalNodeForwarded ApprovalNodeStatus = 4 // forwarded (已转审)
	// The values below appear in the newer flow (ProcessList).
	ApprovalNodeReturned       ApprovalNodeStatus = 11 // returned to a chosen approver (退回给指定审批人)
	ApprovalNodeAddedApprover  ApprovalNodeStatus = 12 // an approver added (加签)
	ApprovalNodeAgreedAndAdded ApprovalNodeStatus = 13 // agreed and added an approver (同意并加签)
	ApprovalNodeHandled        ApprovalNodeStatus = 14 // handled (已办理)
	ApprovalNodeTransferred    ApprovalNodeStatus = 15 // transferred (已转交)
)

// ApprovalNodeType is the role of a node of the newer flow (type,
// node_type).
type ApprovalNodeType int

// Values of ApprovalNodeType.
const (
	NodeApprover ApprovalNodeType = 1 // approvers (审批人)
	NodeNotifyee ApprovalNodeType = 2 // members copied (抄送人)
	NodeHandler  ApprovalNodeType = 3 // handlers (办理人)
)

// ApprovalRelation says how the members of a node of the newer flow
// decide (apv_rel).
type ApprovalRelation int

// Values of ApprovalRelation.
const (
	RelationAll     ApprovalRelation = 1 // every member must agree (会签)
	RelationAny     ApprovalRelation = 2 // one member decides (或签)
	RelationInTurns ApprovalRelation = 3 // members decide one after the other (依次审批)
)

// ApproverAttr says how a node with several approvers decides
// (approverattr, attr).
type ApproverAttr int

// Values of ApproverAttr.
const (
	ApproverAny ApproverAttr = 1 // one approver decides (或签)
	ApproverAll ApproverAttr = 2 // every approver must agree (会签)
)

// ControlType is the type of a form control (control).
type ControlType string

// Values of ControlType.
const (
	ControlText            ControlType = "Text"
	ControlTextarea        ControlType = "Textarea"
	ControlNumber          ControlType = "Number"
	ControlMoney           ControlType = "Money"
	ControlDate            ControlType = "Date"
	ControlSelector        ControlType = "Selector"
	ControlContact         ControlType = "Contact"
	ControlTips            ControlType = "Tips"
	ControlFile            ControlType = "File"
	ControlTable           ControlType = "Table"
	ControlVacation        ControlType = "Vacation"
	ControlAttendance      ControlType = "Attendance"
	ControlPunchCorrection ControlType = "PunchCorrection"
	ControlLocation        ControlType = "Location"
	ControlRelatedApproval ControlType = "RelatedApproval"
	ControlFormula         ControlType = "Formula"
	ControlDateRange       ControlType = "DateRange"
	ControlBankAccount     ControlType = "BankAccount"
)

// ApprovalFilterKey is what an ApprovalFilter matches on.
type ApprovalFilterKey string

// Values of ApprovalFilterKey. Filters of different keys must all match;
// filters of one key match if any does (only department may be given
// several times).
const (
	FilterTemplateID ApprovalFilterKey = "template_id" // the template id
	FilterCreator    ApprovalFilterKey = "creator"     // the applicant's userid
	FilterDepartment ApprovalFilterKey = "department"  // the applicant's department id
	FilterSpStatus   ApprovalFilterKey = "sp_status"   // an ApprovalStatus, as a decimal string
	FilterRecordType ApprovalFilterKey = "record_type" // the kind of form
)

// ApprovalFilter narrows getapprovalinfo.
type ApprovalFilter struct {
	Key   ApprovalFilterKey `json:"key"`
	Value string            `json:"value"`
}

// ApprovalListRequest asks for the numbers (sp_no) of the forms submitted
// in a period.
type ApprovalListRequest struct {
	// Start and End bound the submission time (sent as Unix seconds).
	// WeCom limits the period to about a month.
	Start, End time.Time
	// Cursor is the page to fetch: "" for the first, then the previous
	// page's NextCursor.
	Cursor string
	// Size is the page size, at most MaxApprovalPageSize; zero means the
	// maximum. A self-built app may get fewer forms than asked for, as it
	// sees only those of applicants in its visibility.
	Size int
	// Filters narrow the list.
	Filters []ApprovalFilter
}

// ApprovalPage is one page of getapprovalinfo.
type ApprovalPage struct {
	// SpNos are the form numbers of the page.
	SpNos []string
	// NextCursor fetches the next page; "" when the list is complete.
	NextCursor string
}

func (p *ApprovalPage) page() ([]string, string) { return p.SpNos, p.NextCursor }

// approvalListBody is the body of getapprovalinfo.
type approvalListBody struct {
	StartTime int64            `json:"starttime"`
	EndTime   int64            `json:"endtime"`
	NewCursor string           `json:"new_cursor"`
	Size      int              `json:"size"`
	Filters   []ApprovalFilter `json:"filters,omitempty"`
}

// List returns one page of the form numbers matching req
// (getapprovalinfo, with the string cursor new_cursor/new_next_cursor).
func (s *ApprovalService) List(ctx context.Context, req ApprovalListRequest) (*ApprovalPage, error) {
	if err := checkPeriod(req.Start, req.End, ErrInvalidApprovalRequest); err != nil {
		return nil, err
	}
	size := req.Size
	if size == 0 {
		size = MaxApprovalPageSize
	}
	if size < 0 || size > MaxApprovalPageSize {
		return nil, fmt.Errorf("%w: size %d not in 1..%d", ErrInvalidApprovalRequest, req.Size, MaxApprovalPageSize)
	}
	body := approvalListBody{
		StartTime: req.Start.Unix(),
		EndTime:   req.End.Unix(),
		NewCursor: req.Cursor,
		Size:      size,
		Filters:   req.Filters,
	}
	var out struct {
		SpNoList      []string    `json:"sp_no_list"`
		NewNextCursor looseString `json:"new_next_cursor"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/oa/getapprovalinfo", body, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	next := string(out.NewNextCursor)
	if next == "0" { // the retired integer cursor ended the list with 0
		next = ""
	}
	return &ApprovalPage{SpNos: out.SpNoList, NextCursor: next}, nil
}

// All yields the number of every form matching req, starting at
// req.Cursor ("" for the beginning) and following the cursor until the
// list is complete. An error is yielded once and ends the sequence;
// breaking out of the loop stops fetching.
func (s *ApprovalService) All(ctx context.Context, req ApprovalListRequest) iter.Seq2[string, error] {
	first := req.Cursor
	return walkPages[string](ctx, func(ctx context.Context, cursor string) (*ApprovalPage, error) {
		r := req
		r.Cursor = cursor
		if cursor == "" {
			r.Cursor = first
		}
		return s.List(ctx, r)
	})
}

// ApprovalText is a text in one language.
type ApprovalText struct {
	Text string `json:"text"`
	Lang string `json:"lang,omitempty"` // e.g. "zh_CN"
}

// ApprovalUser names a member by userid.
type ApprovalUser struct {
	UserID string `json:"userid"`
}

// ApprovalDetail is a submitted form (getapprovaldetail's info).
type ApprovalDetail struct {
	SpNo       string         `json:"sp_no"`
	SpName     string         `json:"sp_name"` // the template's name
	SpStatus   ApprovalStatus `json:"sp_status"`
	TemplateID string         `json:"template_id"`
	ApplyTime  int64          `json:"apply_time"` // Unix seconds
	Applyer    struct {
		UserID  string `json:"userid"`
		PartyID string `json:"partyid"` // the applicant's department
	} `json:"applyer"`
	SpRecord  []ApprovalNode    `json:"sp_record"` // the approval flow, node by node
	Notifyer  []ApprovalUser    `json:"notifyer"`  // members copied
	ApplyData ApprovalApplyData `json:"apply_data"`
	Comments  []ApprovalComment `json:"comments"`
	// ProcessList is the flow in its newer form (process_list): every node,
	// approvers, members copied and handlers alike, in order.
	ProcessList *ApprovalProcessList `json:"process_list,omitempty"`
}

// ApprovalProcessList is the flow of a submitted form in its newer form.
type ApprovalProcessList struct {
	NodeList []ApprovalProcessNode `json:"node_list"`
}

// ApprovalProcessNode is one node of ApprovalProcessList.
type ApprovalProcessNode struct {
	NodeType    ApprovalNodeType   `json:"node_type"`
	SpStatus    ApprovalNodeStatus `json:"sp_status"` // approver and handler nodes
	ApvRel      ApprovalRelation   `json:"apv_rel"`   // approver and handler nodes
	SubNodeList []ApprovalSubNode  `json:"sub_node_list"`
}

// ApprovalSubNode is one member of an ApprovalProcessNode.
type ApprovalSubNode struct {
	UserID   string             `json:"userid"`
	Speech   string             `json:"speech"` // the member's opinion
	SpYj     ApprovalNodeStatus `json:"sp_yj"`  // the member's decision
	SpTime   int64              `json:"sptime"` // Unix seconds; 0 not yet acted
	MediaIDs []string           `json:"media_ids"`
}

// ApprovalNode is one node of the approval flow.
type ApprovalNode struct {
	SpStatus     ApprovalNodeStatus `json:"sp_status"`
	ApproverAttr ApproverAttr       `json:"approverattr"`
	Details      []struct {
		Approver ApprovalUser       `json:"approver"`
		Speech   string             `json:"speech"` // the approver's opinion
		SpStatus ApprovalNodeStatus `json:"sp_status"`
		SpTime   int64              `json:"sptime"`   // Unix seconds; 0 not yet acted
		MediaID  []string           `json:"media_id"` // attachments of the opinion
	} `json:"details"`
}

// ApprovalComment is a comment (备注) on a form.
type ApprovalComment struct {
	CommentUserInfo ApprovalUser `json:"commentUserInfo"`
	CommentTime     int64        `json:"commenttime"` // Unix seconds
	CommentContent  string       `json:"commentcontent"`
	CommentID       string       `json:"commentid"`
	MediaID         []string     `json:"media_id"`
}

// ApprovalApplyData is the content of a form (apply_data).
type ApprovalApplyData struct {
	Contents []ApprovalControl `json:"contents,omitempty"`
}

// ApprovalControl is one control of a form with its value.
type ApprovalControl struct {
	Control ControlType    `json:"control"`
	ID      string         `json:"id"` // from TemplateDetail
	Title   []ApprovalText `json:"title,omitempty"`
	Value   ApprovalValue  `json:"value"`
}

// ApprovalValue is the value of a control; which field is set depends on
// the control type.
//
// Raw holds the value exactly as WeCom sent it (not sent by Apply), for
// the keys this type does not model.
type ApprovalValue struct {
	Text            string                   `json:"text,omitempty"`       // Text, Textarea
	Number          string                   `json:"new_number,omitempty"` // Number
	Money           string                   `json:"new_money,omitempty"`  // Money
	Date            *ApprovalDate            `json:"date,omitempty"`
	Selector        *ApprovalSelector        `json:"selector,omitempty"`
	Members         []ApprovalMember         `json:"members,omitempty"`     // Contact (members)
	Departments     []ApprovalDepartment     `json:"departments,omitempty"` // Contact (departments)
	Files           []ApprovalFile           `json:"files,omitempty"`
	Children        []ApprovalTableRow       `json:"children,omitempty"` // Table
	Vacation        *ApprovalVacation        `json:"vacation,omitempty"`
	Attendance      *ApprovalAttendance      `json:"attendance,omitempty"`
	PunchCorrection *ApprovalPunchCorrection `json:"punch_correction,omitempty"`
	Location        *ApprovalLocation        `json:"location,omitempty"`
	RelatedApproval []ApprovalRelated        `json:"related_approval,omitempty"`
	Formula         *ApprovalFormula         `json:"formula,omitempty"`
	DateRange       *ApprovalDateRange       `json:"date_range,omitempty"`
	BankAccount     *ApprovalBankAccount     `json:"bank_account,omitempty"`

	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the modelled keys and keeps the whole value in Raw.
func (v *ApprovalValue) UnmarshalJSON(b []byte) error {
	type plain ApprovalValue
	var p plain
	if err := decodeLenient(b, &p); err != nil {
		return err
	}
	*v = ApprovalValue(p)
	v.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// DateType is how a Date control shows its value.
type DateType string

// Values of DateType.
const (
	DateDay  DateType = "day"  // a date
	DateHour DateType = "hour" // a date and a time
)

// ApprovalDate is the value of a Date control.
type ApprovalDate struct {
	Type      DateType `json:"type"`
	Timestamp string   `json:"s_timestamp"` // Unix seconds, as a string
}

// SelectorType says whether a Selector allows one option or several.
type SelectorType string

// Values of SelectorType.
const (
	SelectorSingle SelectorType = "single"
	SelectorMulti  SelectorType = "multi"
)

// ApprovalSelector is the value of a Selector control.
type ApprovalSelector struct {
	Type    SelectorType     `json:"type"`
	Options []ApprovalOption `json:"options"`
}

// ApprovalOption is a chosen option; its Key comes from TemplateDetail.
type ApprovalOption struct {
	Key   string         `json:"key"`
	Value []ApprovalText `json:"value,omitempty"`
}

// ApprovalMember is a member chosen in a Contact control.
type ApprovalMember struct {
	UserID string `json:"userid"`
	Name   string `json:"name,omitempty"`
}

// ApprovalDepartment is a department chosen in a Contact control.
type ApprovalDepartment struct {
	OpenAPIID string `json:"openapi_id"`
	Name      string `json:"name,omitempty"`
}

// ApprovalFile is an attachment of a File control; FileID is a media_id
// from media/upload.
type ApprovalFile struct {
	FileID string `json:"file_id"`
}

// ApprovalTableRow is one row of a Table control.
type ApprovalTableRow struct {
	List []ApprovalControl `json:"list"`
}

// ApprovalVacation is the value of a Vacation (leave) control.
type ApprovalVacation struct {
	Selector   ApprovalSelector   `json:"selector"` // the leave type
	Attendance ApprovalAttendance `json:"attendance"`
}

// AttendanceType is the kind of an Attendance control.
type AttendanceType int

// Values of AttendanceType.
const (
	AttendanceLeave        AttendanceType = 1 // leave (请假)
	AttendanceBusinessTrip AttendanceType = 3 // business trip (出差)
	AttendanceOuting       AttendanceType = 4 // outing (外出)
	AttendanceOvertime     AttendanceType = 5 // overtime (加班)
)

// ApprovalAttendance is the value of an Attendance control (business
// trip, outing, overtime), or the period of a Vacation.
type ApprovalAttendance struct {
	DateRange ApprovalDateRange `json:"date_range"`
	Type      AttendanceType    `json:"type"`
	// SliceInfo splits the duration by day (forms since 2020-10).
	SliceInfo *struct {
		Duration int64 `json:"duration,omitempty"` // seconds
		State    int   `json:"state,omitempty"`    // 1 computed, 2 edited by the user
		DayItems []struct {
			Daytime  int64 `json:"daytime"`  // midnight of the day, Unix seconds
			Duration int64 `json:"duration"` // seconds
		} `json:"day_items,omitempty"`
	} `json:"slice_info,omitempty"`
}

// ApprovalDateRange is a period: the value of a DateRange control, or of
// an attendance. Type is "halfday" or "hour" (or "day" in attendances);
// Apply leaves unset fields out.
type ApprovalDateRange struct {
	Type           string `json:"type,omitempty"`
	Begin          int64  `json:"new_begin,omitempty"`    // Unix seconds
	End            int64  `json:"new_end,omitempty"`      // Unix seconds
	Duration       int64  `json:"new_duration,omitempty"` // seconds
	PerdayDuration int64  `json:"perday_duration,omitempty"`
}

// ApprovalPunchCorrection is the value of a PunchCorrection control.
type ApprovalPunchCorrection struct {
	State        string `json:"state"` // the anomaly corrected
	Time         int64  `json:"time"`  // Unix seconds
	Version      int    `json:"version,omitempty"`
	DayMonthYear int64  `json:"daymonthyear,omitempty"` // midnight of the day (version 1)
}

// ApprovalLocation is the value of a Location control.
type ApprovalLocation struct {
	Latitude  string `json:"latitude"`
	Longitude string `json:"longitude"`
	Title     string `json:"title"`
	Address   string `json:"address"`
	Time      int64  `json:"time"`
}

// ApprovalRelated is a form referred to by a RelatedApproval control. Apply
// sends only SpNo; Detail reads the rest too.
type ApprovalRelated struct {
	SpNo          string         `json:"sp_no"`
	TemplateNames []ApprovalText `json:"template_names,omitempty"` // the form's template
	SpStatus      ApprovalStatus `json:"sp_status,omitempty"`
	Name          string         `json:"name,omitempty"`        // the applicant's name
	CreateTime    int64          `json:"create_time,omitempty"` // Unix seconds
}

// ApprovalFormula is the value of a Formula control, computed by WeCom.
type ApprovalFormula struct {
	Value string `json:"value"`
}

// ApprovalBankAccount is the value of a BankAccount control.
type ApprovalBankAccount struct {
	AccountType   int    `json:"account_type"` // 1 corporate, 2 personal
	AccountName   string `json:"account_name"`
	AccountNumber string `json:"account_number"`
	Remark        string `json:"remark,omitempty"`
	Bank          struct {
		BankAlias      string      `json:"bank_alias"`
		BankAliasCode  string      `json:"bank_alias_code"`
		Province       string      `json:"province"`
		ProvinceCode   json.Number `json:"province_code,omitempty"`
		City           string      `json:"city"`
		CityCode       json.Number `json:"city_code,omitempty"`
		BankBranchName string      `json:"bank_branch_name"`
		BankBranchID   string      `json:"bank_branch_id"`
	} `json:"bank"`
}

// Detail returns the form numbered spNo (getapprovaldetail).
func (s *ApprovalService) Detail(ctx context.Context, spNo string) (*ApprovalDetail, error) {
	if spNo == "" {
		return nil, fmt.Errorf("%w: no sp_no", ErrInvalidApprovalRequest)
	}
	var out struct {
		Info ApprovalDetail `json:"info"`
	}
	body := struct {
		SpNo string `json:"sp_no"`
	}{spNo}
	if err := (*service)(s).post(ctx, "/cgi-bin/oa/getapprovaldetail", body, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out.Info, nil
}

// ApproverSource says where the approvers of a new form come from
// (use_template_approver).
type ApproverSource int

// Values of ApproverSource.
const (
	// ApproversInRequest takes Approver, Notifyer and NotifyType from the
	// ApplyEvent.
	ApproversInRequest ApproverSource = 0
	// ApproversFromTemplate uses the flow set on the template in the admin
	// console, conditions included.
	ApproversFromTemplate ApproverSource = 1
)

// NotifyType is when the members in Notifyer are copied (notify_type).
type NotifyType int

// Values of NotifyType.
const (
	NotifyOnSubmit      NotifyType = 1 // when the form is submitted (WeCom's default)
	NotifyAfterApproval NotifyType = 2 // once it is approved
	NotifyBoth          NotifyType = 3 // both
)

// ApplyEvent is a form to submit on behalf of a member (applyevent).
type ApplyEvent struct {
	// CreatorUserID is the applicant; it must be in the app's visibility.
	CreatorUserID string `json:"creator_userid"`
	TemplateID    string `json:"template_id"`
	// UseTemplateApprover selects the approvers' source.
	UseTemplateApprover ApproverSource `json:"use_template_approver"`
	// ChooseDepartment is the applicant's department the form is filed
	// under; zero means the main department.
	ChooseDepartment int64 `json:"choose_department,omitempty"`
	// Process lists the nodes of the flow in the newer form: approvers,
	// members copied and handlers, in order (ApproversInRequest only).
	// WeCom prefers it to Approver and Notifyer, the older form.
	Process *ApprovalProcess `json:"process,omitempty"`
	// Approver lists the nodes of the flow (ApproversInRequest only).
	Approver []ApprovalApprover `json:"approver,omitempty"`
	// Notifyer lists the userids copied (ApproversInRequest only).
	Notifyer   []string   `json:"notifyer,omitempty"`
	NotifyType NotifyType `json:"notify_type,omitempty"`
	// ApplyData fills the template's controls; required controls must
	// have a value.
	ApplyData ApprovalApplyData `json:"apply_data"`
	// SummaryList is the summary shown on cards and lists, at most 3
	// lines, each in one or more languages.
	SummaryList []ApprovalSummary `json:"summary_list,omitempty"`
}

// ApprovalProcess is the flow of a new form in the newer form (process).
type ApprovalProcess struct {
	NodeList []ApprovalProcessStep `json:"node_list"`
}

// ApprovalProcessStep is one node of an ApprovalProcess.
type ApprovalProcessStep struct {
	Type ApprovalNodeType `json:"type"`
	// ApvRel is how several members decide; required for approver and
	// handler nodes.
	ApvRel ApprovalRelation `json:"apv_rel,omitempty"`
	UserID []string         `json:"userid"`
}

// ApprovalApprover is one node of the flow of a new form (the older form).
type ApprovalApprover struct {
	Attr   ApproverAttr `json:"attr"`
	UserID []string     `json:"userid"`
}

// ApprovalSummary is one line of a form's summary.
type ApprovalSummary struct {
	SummaryInfo []ApprovalText `json:"summary_info"`
}

// Apply submits a form on behalf of e.CreatorUserID and returns its
// number (applyevent). It is not repeated after a transient failure,
// since a repeat could file the form twice.
func (s *ApprovalService) Apply(ctx context.Context, e *ApplyEvent) (string, error) {
	if e == nil || e.CreatorUserID == "" || e.TemplateID == "" {
		return "", fmt.Errorf("%w: creator_userid and template_id are required", ErrInvalidApprovalRequest)
	}
	var out struct {
		SpNo string `json:"sp_no"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/oa/applyevent", e, lenient(&out), api.Unsafe); err != nil {
		return "", err
	}
	return out.SpNo, nil
}

// ApprovalTemplate describes a template (gettemplatedetail).
type ApprovalTemplate struct {
	TemplateNames   []ApprovalText `json:"template_names"`
	TemplateContent struct {
		Controls []TemplateControl `json:"controls"`
	} `json:"template_content"`
}

// TemplateControl is one control of a template.
type TemplateControl struct {
	Property TemplateControlProperty `json:"property"`
	Config   TemplateControlConfig   `json:"config"`
}

// TemplateControlProperty is what every control of a template has.
type TemplateControlProperty struct {
	Control     ControlType    `json:"control"`
	ID          string         `json:"id"`
	Title       []ApprovalText `json:"title"`
	Placeholder []ApprovalText `json:"placeholder"`
	Require     int            `json:"require"`  // 1 required
	UnPrint     int            `json:"un_print"` // 1 left out of prints
}

// TemplateControlConfig is the extra configuration of some control types;
// the field of the control's type is set. The text of a Tips control is
// kept as raw JSON.
type TemplateControlConfig struct {
	Date *struct {
		Type DateType `json:"type"`
	} `json:"date,omitempty"`
	Selector *struct {
		Type    SelectorType     `json:"type"`
		Options []ApprovalOption `json:"options"`
	} `json:"selector,omitempty"`
	Contact *struct {
		Type SelectorType `json:"type"`
		Mode string       `json:"mode"` // "user" or "department"
	} `json:"contact,omitempty"`
	Table *struct {
		Children []TemplateControl `json:"children"`
	} `json:"table,omitempty"`
	Attendance *struct {
		DateRange struct {
			Type string `json:"type"` // "hour" or "halfday"
		} `json:"date_range"`
		Type AttendanceType `json:"type"`
	} `json:"attendance,omitempty"`
	VacationList *struct {
		Item []struct {
			ID   int64          `json:"id"`
			Name []ApprovalText `json:"name"`
		} `json:"item"`
	} `json:"vacation_list,omitempty"`
	Tips json.RawMessage `json:"tips,omitempty"`
}

// TemplateDetail returns the controls of the template templateID
// (gettemplatedetail); their ids and option keys are what ApplyEvent
// needs.
func (s *ApprovalService) TemplateDetail(ctx context.Context, templateID string) (*ApprovalTemplate, error) {
	if templateID == "" {
		return nil, fmt.Errorf("%w: no template_id", ErrInvalidApprovalRequest)
	}
	body := struct {
		TemplateID string `json:"template_id"`
	}{templateID}
	return postAs[ApprovalTemplate](ctx, (*service)(s), "/cgi-bin/oa/gettemplatedetail", body, api.Idempotent)
}
