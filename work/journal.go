package work

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// JournalService wraps oa/journal (汇报): report records, their details,
// the statistics of a template, and exporting a report to a document.
//
// Its calls need the token of an app listed under 汇报 → 可调用接口的应用.
type JournalService service

// JournalFilter is one filter of oa/journal/get_record_list: key is
// "creator" (a userid), "department" (an id), "template_id", "receiver"
// or "reportType" (1 daily, 2 weekly, 3 monthly).
type JournalFilter struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// JournalListRequest is the body of oa/journal/get_record_list: records
// submitted in [Start, End] (at most a month), from Cursor on.
type JournalListRequest struct {
	Start, End time.Time
	Cursor     int64
	// Limit is the page size: 1 to 100; 0 is 100.
	Limit   int
	Filters []JournalFilter
}

// MarshalJSON encodes r as WeCom reads it.
func (r JournalListRequest) MarshalJSON() ([]byte, error) {
	limit := r.Limit
	if limit <= 0 {
		limit = 100
	}
	return json.Marshal(struct {
		StartTime int64           `json:"starttime"`
		EndTime   int64           `json:"endtime"`
		Cursor    int64           `json:"cursor"`
		Limit     int             `json:"limit"`
		Filters   []JournalFilter `json:"filters,omitempty"`
	}{calUnix(r.Start), calUnix(r.End), r.Cursor, limit, r.Filters})
}

// JournalPage is one page of journal record ids.
type JournalPage struct {
	JournalUUIDs []string `json:"journaluuid_list"`
	NextCursor   int64    `json:"next_cursor"`
	// End is set on the last page (endflag, 1 or 0).
	End bool `json:"endflag"`
}

type journalPageWire struct {
	JournalUUIDs []string `json:"journaluuid_list"`
	NextCursor   int64    `json:"next_cursor"`
	End          oneZero  `json:"endflag"`
}

// MarshalJSON encodes p as WeCom sends it (endflag as 1 or 0).
func (p JournalPage) MarshalJSON() ([]byte, error) {
	return json.Marshal(journalPageWire{p.JournalUUIDs, p.NextCursor, oneZero(p.End)})
}

// UnmarshalJSON decodes a page leniently (endflag as 1/0, "1" or
// true/false).
func (p *JournalPage) UnmarshalJSON(b []byte) error {
	var w journalPageWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*p = JournalPage{w.JournalUUIDs, w.NextCursor, bool(w.End)}
	return nil
}

// List returns one page of the ids of the report records of a period
// (oa/journal/get_record_list).
func (s *JournalService) List(ctx context.Context, req JournalListRequest) (*JournalPage, error) {
	if err := checkPeriod(req.Start, req.End, ErrInvalidCalendarRequest); err != nil {
		return nil, err
	}
	return postAs[JournalPage](ctx, (*service)(s), "/cgi-bin/oa/journal/get_record_list", req, api.Idempotent)
}

// All yields the ids of every report record of a period, page after page
// from req.Cursor on. An error is yielded once and ends the sequence.
func (s *JournalService) All(ctx context.Context, req JournalListRequest) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for {
			page, err := s.List(ctx, req)
			if err != nil {
				yield("", err)
				return
			}
			for _, id := range page.JournalUUIDs {
				if !yield(id, nil) {
					return
				}
			}
			if page.End || page.NextCursor == req.Cursor || len(page.JournalUUIDs) == 0 {
				return
			}
			req.Cursor = page.NextCursor
		}
	}
}

// JournalUser names a member.
type JournalUser struct {
	UserID string `json:"userid"`
}

// JournalComment is one comment on a report.
type JournalComment struct {
	CommentID   int64
	ToCommentID int64 // the comment it answers; 0 for none
	User        string
	Content     string
	Time        time.Time
}

// UnmarshalJSON decodes a comment leniently.
func (c *JournalComment) UnmarshalJSON(b []byte) error {
	var w struct {
		CommentID   looseInt    `json:"commentid"`
		ToCommentID looseInt    `json:"tocommentid"`
		User        JournalUser `json:"comment_userinfo"`
		Content     string      `json:"content"`
		CommentTime looseInt    `json:"comment_time"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*c = JournalComment{int64(w.CommentID), int64(w.ToCommentID), w.User.UserID, w.Content, calTime(w.CommentTime)}
	return nil
}

// JournalRecord is one report with its content (info of
// oa/journal/get_record_detail). The form reads like an approval's.
type JournalRecord struct {
	JournalUUID   string
	TemplateName  string
	ReportTime    time.Time
	Submitter     string
	Receivers     []string
	ReadReceivers []string
	ApplyData     ApprovalApplyData
	Comments      []JournalComment
}

// UnmarshalJSON decodes a record leniently.
func (r *JournalRecord) UnmarshalJSON(b []byte) error {
	var w struct {
		JournalUUID  string            `json:"journal_uuid"`
		TemplateName string            `json:"template_name"`
		ReportTime   looseInt          `json:"report_time"`
		Submitter    JournalUser       `json:"submitter"`
		Receivers    []JournalUser     `json:"receivers"`
		Readed       []JournalUser     `json:"readed_receivers"`
		ApplyData    ApprovalApplyData `json:"apply_data"`
		Comments     []JournalComment  `json:"comments"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*r = JournalRecord{JournalUUID: w.JournalUUID, TemplateName: w.TemplateName, ReportTime: calTime(w.ReportTime),
		Submitter: w.Submitter.UserID, Receivers: journalUserIDs(w.Receivers), ReadReceivers: journalUserIDs(w.Readed),
		ApplyData: w.ApplyData, Comments: w.Comments}
	return nil
}

func journalUserIDs(us []JournalUser) []string {
	if len(us) == 0 {
		return nil
	}
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.UserID
	}
	return out
}

// Record returns one report with its content
// (oa/journal/get_record_detail).
func (s *JournalService) Record(ctx context.Context, journalUUID string) (*JournalRecord, error) {
	out, err := postAs[struct {
		Info JournalRecord `json:"info"`
	}](ctx, (*service)(s), "/cgi-bin/oa/journal/get_record_detail", map[string]string{"journaluuid": journalUUID}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return &out.Info, nil
}

// JournalStatRequest is the body of oa/journal/get_stat_list: the
// statistics of a template over a period of at most a month.
type JournalStatRequest struct {
	TemplateID string
	Start, End time.Time
}

// MarshalJSON encodes r as WeCom reads it.
func (r JournalStatRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		TemplateID string `json:"template_id"`
		StartTime  int64  `json:"starttime"`
		EndTime    int64  `json:"endtime"`
	}{r.TemplateID, calUnix(r.Start), calUnix(r.End)})
}

// JournalRange is a set of members, departments and tags.
type JournalRange struct {
	UserList  []JournalUser `json:"user_list"`
	PartyList []struct {
		OpenPartyID string `json:"open_partyid"`
	} `json:"party_list"`
	TagList []struct {
		OpenTagID string `json:"open_tagid"`
	} `json:"tag_list"`
	LeaderList []JournalUser `json:"leader_list"`
}

// JournalStatItem is one report (or missing report) of a member in a
// cycle.
type JournalStatItem struct {
	JournalUUID string
	ReportTime  time.Time
	// Flag is 1 when the report was submitted late (补交).
	Flag int
}

// UnmarshalJSON decodes an item leniently.
func (it *JournalStatItem) UnmarshalJSON(b []byte) error {
	var w struct {
		JournalUUID string   `json:"journaluuid"`
		ReportTime  looseInt `json:"reporttime"`
		Flag        int      `json:"flag"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*it = JournalStatItem{w.JournalUUID, calTime(w.ReportTime), w.Flag}
	return nil
}

// JournalStatUser is a member's reports in a cycle.
type JournalStatUser struct {
	User     JournalUser       `json:"user"`
	ItemList []JournalStatItem `json:"itemlist"`
}

// JournalStat is the statistics of one template in one cycle.
type JournalStat struct {
	TemplateID   string
	TemplateName string
	ReportRange  JournalRange
	WhiteRange   JournalRange
	Receivers    JournalRange
	CycleBegin   time.Time
	CycleEnd     time.Time
	StatBegin    time.Time
	StatEnd      time.Time
	Reported     []JournalStatUser
	NotReported  []JournalStatUser
	ReportType   int // 1 daily, 2 weekly, 3 monthly, 4 other
}

// UnmarshalJSON decodes a statistic leniently.
func (st *JournalStat) UnmarshalJSON(b []byte) error {
	var w struct {
		TemplateID   string            `json:"template_id"`
		TemplateName string            `json:"template_name"`
		ReportRange  JournalRange      `json:"report_range"`
		WhiteRange   JournalRange      `json:"white_range"`
		Receivers    JournalRange      `json:"receivers"`
		CycleBegin   looseInt          `json:"cycle_begin_time"`
		CycleEnd     looseInt          `json:"cycle_end_time"`
		StatBegin    looseInt          `json:"stat_begin_time"`
		StatEnd      looseInt          `json:"stat_end_time"`
		Reported     []JournalStatUser `json:"report_list"`
		NotReported  []JournalStatUser `json:"unreport_list"`
		ReportType   int               `json:"report_type"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*st = JournalStat{w.TemplateID, w.TemplateName, w.ReportRange, w.WhiteRange, w.Receivers, calTime(w.CycleBegin),
		calTime(w.CycleEnd), calTime(w.StatBegin), calTime(w.StatEnd), w.Reported, w.NotReported, w.ReportType}
	return nil
}

// Stats returns the statistics of a template over a period
// (oa/journal/get_stat_list).
func (s *JournalService) Stats(ctx context.Context, req JournalStatRequest) ([]JournalStat, error) {
	if req.TemplateID == "" {
		return nil, fmt.Errorf("%w: template_id is required", ErrInvalidCalendarRequest)
	}
	if err := checkPeriod(req.Start, req.End, ErrInvalidCalendarRequest); err != nil {
		return nil, err
	}
	out, err := postAs[struct {
		StatList []JournalStat `json:"stat_list"`
	}](ctx, (*service)(s), "/cgi-bin/oa/journal/get_stat_list", req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.StatList, nil
}

// JournalExportRequest is the body of oa/journal/export_doc: a report
// exported into a WeCom document.
type JournalExportRequest struct {
	JournalUUID string `json:"journaluuid"`
	DocID       string `json:"docid,omitempty"`
}

// ExportDoc starts exporting a report to a document and returns the job
// id (oa/journal/export_doc). Not repeated after a transient failure.
func (s *JournalService) ExportDoc(ctx context.Context, req JournalExportRequest) (string, error) {
	out, err := postAs[struct {
		JobID string `json:"jobid"`
	}](ctx, (*service)(s), "/cgi-bin/oa/journal/export_doc", req, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.JobID, nil
}

// JournalExportResult is the state of an export job: Status 1 running,
// 2 done (URL is the document), 3 failed.
type JournalExportResult struct {
	Status int    `json:"status"`
	URL    string `json:"url"`
}

// ExportDocResult returns the state of an export job
// (oa/journal/get_export_doc_result).
func (s *JournalService) ExportDocResult(ctx context.Context, jobID string) (*JournalExportResult, error) {
	return postAs[JournalExportResult](ctx, (*service)(s), "/cgi-bin/oa/journal/get_export_doc_result", map[string]string{"jobid": jobID}, api.Idempotent)
}
