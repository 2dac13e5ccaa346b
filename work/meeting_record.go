package work

// 会议录制 (meeting/record/*): pages developer.work.weixin.qq.com/document/path/
// 98192 (list), 98206 (delete), 98207 (delete_file), 98208
// (update_sharing_config) and 98209 (get_statistics).

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// MeetingRecordStatsRequest selects the statistics of a recording.
type MeetingRecordStatsRequest struct {
	// MeetingRecordID and MeetingID name the recording (required).
	MeetingRecordID, MeetingID string
	// Start and End bound the days counted (required).
	Start, End time.Time
}

// MeetingRecordDayStats are the views and downloads of one day.
type MeetingRecordDayStats struct {
	// Date is the day, as WeCom writes it ("2006-01-02").
	Date          string `json:"date"`
	ViewCount     int64  `json:"view_count"`
	DownloadCount int64  `json:"download_count"`
}

// RecordStatistics returns a recording's views and downloads per day
// (meeting/record/get_statistics).
func (s *MeetingService) RecordStatistics(ctx context.Context, req MeetingRecordStatsRequest) ([]MeetingRecordDayStats, error) {
	if req.MeetingRecordID == "" || req.MeetingID == "" {
		return nil, fmt.Errorf("%w: meeting_record_id and meetingid are required", ErrInvalidMeeting)
	}
	if err := checkPeriod(req.Start, req.End, ErrInvalidMeeting); err != nil {
		return nil, err
	}
	in := struct {
		MeetingRecordID string `json:"meeting_record_id"`
		MeetingID       string `json:"meetingid"`
		StartTime       int64  `json:"start_time"`
		EndTime         int64  `json:"end_time"`
	}{req.MeetingRecordID, req.MeetingID, req.Start.Unix(), req.End.Unix()}
	out, err := postAs[struct {
		Summaries []MeetingRecordDayStats `json:"summaries"`
	}](ctx, (*service)(s), "/cgi-bin/meeting/record/get_statistics", in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.Summaries, nil
}

// MeetingRecordSharing is how a recording is shared. With EnableSharing
// false the other settings must be left zero: page 98208 forbids them
// when sharing is off (only enable_sharing is sent).
type MeetingRecordSharing struct {
	EnableSharing bool
	// AuthType is who may open the link: 0 members signed in, 1 members
	// of the corp, 2 attendees, 3 everyone, 4 those approved, 5 those
	// with a WeChat invitation link.
	AuthType int
	// EnablePassword protects the link with Password; the page forbids a
	// password without it.
	EnablePassword bool
	Password       string
	// Expires, when set, ends the sharing (sent in milliseconds, as the
	// page says).
	Expires       time.Time
	AllowDownload bool
}

// MeetingRecordSharingRequest changes how a recording is shared.
type MeetingRecordSharingRequest struct {
	// MeetingRecordID and MeetingID name the recording (required).
	MeetingRecordID, MeetingID string
	Sharing                    MeetingRecordSharing
}

// UpdateRecordSharing changes how a recording is shared
// (meeting/record/update_sharing_config).
func (s *MeetingService) UpdateRecordSharing(ctx context.Context, req MeetingRecordSharingRequest) error {
	if req.MeetingRecordID == "" || req.MeetingID == "" {
		return fmt.Errorf("%w: meeting_record_id and meetingid are required", ErrInvalidMeeting)
	}
	sh := req.Sharing
	if !sh.EnableSharing && sh != (MeetingRecordSharing{}) {
		return fmt.Errorf("%w: sharing settings need EnableSharing", ErrInvalidMeeting)
	}
	if sh.Password != "" && !sh.EnablePassword {
		return fmt.Errorf("%w: a password needs EnablePassword", ErrInvalidMeeting)
	}
	type sharing struct {
		EnableSharing       bool   `json:"enable_sharing"`
		SharingAuthType     *int   `json:"sharing_auth_type,omitempty"`
		EnablePassword      *bool  `json:"enable_password,omitempty"`
		Password            string `json:"password,omitempty"`
		EnableSharingExpire *bool  `json:"enable_sharing_expire,omitempty"`
		SharingExpire       int64  `json:"sharing_expire,omitempty"`
		AllowDownload       *bool  `json:"allow_download,omitempty"`
	}
	w := sharing{EnableSharing: sh.EnableSharing}
	if sh.EnableSharing {
		expires := !sh.Expires.IsZero()
		w.SharingAuthType, w.EnablePassword, w.Password = &sh.AuthType, &sh.EnablePassword, sh.Password
		w.EnableSharingExpire, w.AllowDownload = &expires, &sh.AllowDownload
		if expires {
			w.SharingExpire = sh.Expires.UnixMilli()
		}
	}
	in := struct {
		MeetingRecordID string  `json:"meeting_record_id"`
		MeetingID       string  `json:"meetingid"`
		SharingConfig   sharing `json:"sharing_config"`
	}{req.MeetingRecordID, req.MeetingID, w}
	return (*service)(s).post(ctx, "/cgi-bin/meeting/record/update_sharing_config", in, nil, api.Idempotent)
}

// MeetingRecordListRequest selects cloud recordings by meeting, by meeting
// code or by the member who created the meetings (one of the three).
type MeetingRecordListRequest struct {
	// MeetingID, when set, selects the recordings of one meeting;
	// otherwise MeetingCode does; otherwise UserID selects those of the
	// meetings the member created.
	MeetingID, MeetingCode, UserID string
	// Start and End bound the period, at most 31 days (required).
	Start, End time.Time
	// Cursor is the NextCursor of the previous page ("" for the first);
	// the iterator ignores it.
	Cursor string
	// Limit is the page size, at most 20 (0: WeCom's default, 10); keep it
	// the same across the pages of one listing.
	Limit int
}

// MeetingRecordFile is one file of a cloud recording.
type MeetingRecordFile struct {
	RecordFileID string
	// Start and End are when the recording ran. They and SharingExpire
	// are read as Unix milliseconds: the record/list page (98192) does
	// not say, but the sharing settings page (98208) gives sharing_expire
	// in milliseconds and record/get_file's sample (98205) shows the
	// recording times with 13 digits.
	Start, End time.Time
	// Size is the file's size in bytes.
	Size int64
	// SharingState is whether the file is shared (1: shared).
	SharingState int
	SharingURL   string
	// RequiredSameCorp and RequiredAttendee limit the link to members of
	// the corp and to attendees.
	RequiredSameCorp, RequiredAttendee bool
	Password                           string
	SharingExpire                      time.Time
	AllowDownload                      bool
}

// MeetingRecord is a meeting's cloud recording.
type MeetingRecord struct {
	MeetingRecordID string
	MeetingID       string
	MeetingCode     string
	// HostUserID is the member who hosted the meeting.
	HostUserID   string
	Title        string
	MeetingStart time.Time
	// State is the recording's state, as the page lists.
	State int
	Files []MeetingRecordFile
}

type meetingRecordWire struct {
	MeetingRecordID  string   `json:"meeting_record_id"`
	MeetingID        string   `json:"meetingid"`
	MeetingCode      string   `json:"meeting_code"`
	HostUserID       string   `json:"host_user_id"`
	MeetingStartTime looseInt `json:"meeting_start_time"`
	Title            string   `json:"title"`
	State            int      `json:"state"`
	RecordFiles      []struct {
		RecordFileID     string   `json:"record_file_id"`
		RecordStartTime  looseInt `json:"record_start_time"`
		RecordEndTime    looseInt `json:"record_end_time"`
		RecordSize       looseInt `json:"record_size"`
		SharingState     int      `json:"sharing_state"`
		SharingURL       string   `json:"sharing_url"`
		RequiredSameCorp bool     `json:"required_same_corp"`
		RequiredAttendee bool     `json:"required_attendee"`
		Password         string   `json:"password"`
		SharingExpire    looseInt `json:"sharing_expire"`
		AllowDownload    bool     `json:"allow_download"`
	} `json:"record_files"`
}

// unixMilliOrZero is the time of a Unix timestamp in milliseconds; the
// zero time for 0.
func unixMilliOrZero(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

func (w meetingRecordWire) record() MeetingRecord {
	r := MeetingRecord{MeetingRecordID: w.MeetingRecordID, MeetingID: w.MeetingID, MeetingCode: w.MeetingCode,
		HostUserID: w.HostUserID, Title: w.Title, MeetingStart: unixOrZero(int64(w.MeetingStartTime)), State: w.State}
	for _, f := range w.RecordFiles {
		r.Files = append(r.Files, MeetingRecordFile{RecordFileID: f.RecordFileID,
			Start: unixMilliOrZero(int64(f.RecordStartTime)), End: unixMilliOrZero(int64(f.RecordEndTime)),
			Size: int64(f.RecordSize), SharingState: f.SharingState, SharingURL: f.SharingURL,
			RequiredSameCorp: f.RequiredSameCorp, RequiredAttendee: f.RequiredAttendee, Password: f.Password,
			SharingExpire: unixMilliOrZero(int64(f.SharingExpire)), AllowDownload: f.AllowDownload})
	}
	return r
}

// MeetingRecordPage is one page of meeting/record/list.
type MeetingRecordPage struct {
	Records []MeetingRecord
	// HasMore reports whether NextCursor leads to another page.
	HasMore    bool
	NextCursor string
}

// RecordsPage returns one page of cloud recordings (meeting/record/list).
func (s *MeetingService) RecordsPage(ctx context.Context, req MeetingRecordListRequest) (*MeetingRecordPage, error) {
	if req.MeetingID == "" && req.MeetingCode == "" && req.UserID == "" {
		return nil, fmt.Errorf("%w: one of meetingid, meeting_code and userid is required", ErrInvalidMeeting)
	}
	if err := checkPeriod(req.Start, req.End, ErrInvalidMeeting); err != nil {
		return nil, err
	}
	in := struct {
		MeetingID   string `json:"meetingid,omitempty"`
		MeetingCode string `json:"meeting_code,omitempty"`
		StartTime   int64  `json:"start_time"`
		EndTime     int64  `json:"end_time"`
		UserID      string `json:"userid,omitempty"`
		Cursor      string `json:"cursor,omitempty"`
		Limit       int    `json:"limit,omitempty"`
	}{req.MeetingID, req.MeetingCode, req.Start.Unix(), req.End.Unix(), req.UserID, req.Cursor, req.Limit}
	out, err := postAs[struct {
		RecordMeetings []meetingRecordWire `json:"record_meetings"`
		HasMore        bool                `json:"has_more"`
		NextCursor     string              `json:"next_cursor"`
	}](ctx, (*service)(s), "/cgi-bin/meeting/record/list", in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	p := &MeetingRecordPage{HasMore: out.HasMore, NextCursor: out.NextCursor}
	for _, w := range out.RecordMeetings {
		p.Records = append(p.Records, w.record())
	}
	return p, nil
}

// Records yields the cloud recordings req selects (req.Cursor is
// ignored), following the cursor while WeCom reports more.
func (s *MeetingService) Records(ctx context.Context, req MeetingRecordListRequest) iter.Seq2[MeetingRecord, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*MeetingRecordPage, error) {
		r := req
		r.Cursor = cursor
		return s.RecordsPage(ctx, r)
	})
}

// MeetingRecordDeleteRequest names a recording to delete.
type MeetingRecordDeleteRequest struct {
	// MeetingID and MeetingRecordID name the recording (required).
	MeetingID       string `json:"meetingid"`
	MeetingRecordID string `json:"meeting_record_id"`
}

// DeleteRecord deletes every file of a cloud recording
// (meeting/record/delete). It is sent once, never repeated.
func (s *MeetingService) DeleteRecord(ctx context.Context, req MeetingRecordDeleteRequest) error {
	if req.MeetingID == "" || req.MeetingRecordID == "" {
		return fmt.Errorf("%w: meetingid and meeting_record_id are required", ErrInvalidMeeting)
	}
	return (*service)(s).post(ctx, "/cgi-bin/meeting/record/delete", req, nil, api.Unsafe)
}

// MeetingRecordFileDeleteRequest names one recording file to delete.
type MeetingRecordFileDeleteRequest struct {
	// MeetingID and RecordFileID name the file (required).
	MeetingID    string `json:"meetingid"`
	RecordFileID string `json:"record_file_id"`
}

// DeleteRecordFile deletes one file of a cloud recording
// (meeting/record/delete_file). It is sent once, never repeated.
func (s *MeetingService) DeleteRecordFile(ctx context.Context, req MeetingRecordFileDeleteRequest) error {
	if req.MeetingID == "" || req.RecordFileID == "" {
		return fmt.Errorf("%w: meetingid and record_file_id are required", ErrInvalidMeeting)
	}
	return (*service)(s).post(ctx, "/cgi-bin/meeting/record/delete_file", req, nil, api.Unsafe)
}
