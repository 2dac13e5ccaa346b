package work

// 会议 (meeting): who was invited, who attended and who is in a meeting
// now, the member-specific join links and the statistics of meetings
// started. Pages developer.work.weixin.qq.com/document/path/98160
// (get_invitees), 98156 (get_attendee_list), 98157
// (get_realtime_attendee_list), 98818 (create_customer_short_url), 98819
// (get_customer_short_url) and 99651 (statistics/get_start_list).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// nextIfMore is the cursor of the next page: next while WeCom says there
// are more, "" (the end) otherwise.
func nextIfMore(hasMore bool, next string) string {
	if !hasMore {
		return ""
	}
	return next
}

// The meeting lists end on has_more false, whatever next_cursor says.

func (p *MeetingInviteesPage) page() ([]string, string) {
	return p.UserIDs, nextIfMore(p.HasMore, p.NextCursor)
}

func (p *MeetingAttendeesPage) page() ([]MeetingParticipant, string) {
	return p.Attendees, nextIfMore(p.HasMore, p.NextCursor)
}

func (p *MeetingRealtimeAttendeesPage) page() ([]MeetingParticipant, string) {
	return p.Attendees, nextIfMore(p.HasMore, p.NextCursor)
}

func (p *MeetingStartsPage) page() ([]MeetingStart, string) {
	return p.Meetings, nextIfMore(p.HasMore, p.NextCursor)
}

func (p *MeetingRecordPage) page() ([]MeetingRecord, string) {
	return p.Records, nextIfMore(p.HasMore, p.NextCursor)
}

// MeetingInviteesRequest selects one page of a meeting's invitees.
type MeetingInviteesRequest struct {
	// MeetingID names the meeting (required).
	MeetingID string
	// Cursor is the NextCursor of the previous page ("" for the first).
	Cursor string
}

// MeetingInviteesPage is one page of meeting/get_invitees.
type MeetingInviteesPage struct {
	// UserIDs are the members invited.
	UserIDs []string
	// HasMore reports whether NextCursor leads to another page.
	HasMore    bool
	NextCursor string
}

// InviteesPage returns one page of the members invited to a meeting
// (meeting/get_invitees).
func (s *MeetingService) InviteesPage(ctx context.Context, req MeetingInviteesRequest) (*MeetingInviteesPage, error) {
	if req.MeetingID == "" {
		return nil, fmt.Errorf("%w: meetingid is required", ErrInvalidMeeting)
	}
	in := struct {
		MeetingID string `json:"meetingid"`
		Cursor    string `json:"cursor,omitempty"`
	}{req.MeetingID, req.Cursor}
	out, err := postAs[struct {
		HasMore    bool   `json:"has_more"`
		NextCursor string `json:"next_cursor"`
		Invitees   []struct {
			UserID string `json:"userid"`
		} `json:"invitees"`
	}](ctx, (*service)(s), "/cgi-bin/meeting/get_invitees", in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	p := &MeetingInviteesPage{HasMore: out.HasMore, NextCursor: out.NextCursor}
	for _, i := range out.Invitees {
		p.UserIDs = append(p.UserIDs, i.UserID)
	}
	return p, nil
}

// Invitees yields the user id of every member invited to a meeting,
// following the cursor while WeCom reports more.
func (s *MeetingService) Invitees(ctx context.Context, meetingID string) iter.Seq2[string, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*MeetingInviteesPage, error) {
		return s.InviteesPage(ctx, MeetingInviteesRequest{MeetingID: meetingID, Cursor: cursor})
	})
}

// MeetingParticipant is one presence of a member or a guest in a meeting,
// as the attendee lists report it.
type MeetingParticipant struct {
	// UserID is set for a member of the corp; TmpOpenID, the id the
	// meeting gives each participant, for everyone.
	UserID, TmpOpenID string
	// Joined is when they joined; Quit when they left (zero in the
	// real-time list).
	Joined, Quit time.Time
	// InstanceID is the kind of device: 0 phone line (PSTN), 1 PC, 2 Mac,
	// 3 Android, 4 iOS, 5 web, ... as the page lists.
	InstanceID int
	// Role is the role in the meeting and WebinarRole the role in a
	// webinar, as the page lists.
	Role, WebinarRole int
	// JoinType is how they joined, as the page lists.
	JoinType int
	// Net is the network ("WIFI", ...).
	Net string
	// AudioOn, VideoOn and ScreenShared are the microphone, camera and
	// screen-sharing states.
	AudioOn, VideoOn, ScreenShared bool
	// CustomerData is the customer_data of the member-specific link they
	// joined by (CreateCustomerShortURL).
	CustomerData string
}

type meetingParticipantWire struct {
	UserID            string   `json:"userid"`
	TmpOpenID         string   `json:"tmp_openid"`
	JoinTime          looseInt `json:"join_time"`
	QuitTime          looseInt `json:"quit_time"`
	InstanceID        int      `json:"instance_id"`
	Role              int      `json:"role"`
	WebinarRole       int      `json:"webinar_role"`
	JoinType          int      `json:"join_type"`
	Net               string   `json:"net"`
	AudioState        bool     `json:"audio_state"`
	VideoState        bool     `json:"video_state"`
	ScreenSharedState bool     `json:"screen_shared_state"`
	CustomerData      string   `json:"customer_data"`
}

func participants(ws []meetingParticipantWire) []MeetingParticipant {
	var out []MeetingParticipant
	for _, w := range ws {
		out = append(out, MeetingParticipant{UserID: w.UserID, TmpOpenID: w.TmpOpenID,
			Joined: unixOrZero(int64(w.JoinTime)), Quit: unixOrZero(int64(w.QuitTime)),
			InstanceID: w.InstanceID, Role: w.Role, WebinarRole: w.WebinarRole, JoinType: w.JoinType,
			Net: w.Net, AudioOn: w.AudioState, VideoOn: w.VideoState, ScreenShared: w.ScreenSharedState,
			CustomerData: w.CustomerData})
	}
	return out
}

// MeetingAttendeesRequest selects the people who attended a meeting
// (meeting/get_attendee_list).
type MeetingAttendeesRequest struct {
	// MeetingID names the meeting (required).
	MeetingID string
	// SubMeetingID names one occurrence of a repeating meeting (required
	// for one).
	SubMeetingID string
	// Start and End, when set, bound the joining times (at most 31 days;
	// WeCom reads the last 31 days when both are zero).
	Start, End time.Time
	// Cursor is the NextCursor of the previous page ("" for the first);
	// the iterator ignores it.
	Cursor string
	// Limit is the page size, at most 100 (0: WeCom's default); keep it
	// the same across the pages of one listing.
	Limit int
}

// MeetingAttendeesPage is one page of an attendee list.
type MeetingAttendeesPage struct {
	Attendees []MeetingParticipant
	// HasMore reports whether NextCursor leads to another page.
	HasMore    bool
	NextCursor string
}

// AttendeesPage returns one page of the people who attended a meeting
// (meeting/get_attendee_list).
func (s *MeetingService) AttendeesPage(ctx context.Context, req MeetingAttendeesRequest) (*MeetingAttendeesPage, error) {
	if req.MeetingID == "" {
		return nil, fmt.Errorf("%w: meetingid is required", ErrInvalidMeeting)
	}
	if !req.Start.IsZero() && !req.End.IsZero() {
		if err := checkPeriod(req.Start, req.End, ErrInvalidMeeting); err != nil {
			return nil, err
		}
	}
	in := struct {
		MeetingID    string `json:"meetingid"`
		SubMeetingID string `json:"sub_meetingid,omitempty"`
		StartTime    int64  `json:"start_time,omitempty"`
		EndTime      int64  `json:"end_time,omitempty"`
		Cursor       string `json:"cursor,omitempty"`
		Limit        int    `json:"limit,omitempty"`
	}{MeetingID: req.MeetingID, SubMeetingID: req.SubMeetingID, Cursor: req.Cursor, Limit: req.Limit}
	if !req.Start.IsZero() {
		in.StartTime = req.Start.Unix()
	}
	if !req.End.IsZero() {
		in.EndTime = req.End.Unix()
	}
	out, err := postAs[struct {
		HasMore    bool                     `json:"has_more"`
		NextCursor string                   `json:"next_cursor"`
		Attendees  []meetingParticipantWire `json:"attendees"`
	}](ctx, (*service)(s), "/cgi-bin/meeting/get_attendee_list", in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return &MeetingAttendeesPage{Attendees: participants(out.Attendees), HasMore: out.HasMore, NextCursor: out.NextCursor}, nil
}

// Attendees yields everyone who attended a meeting (req.Cursor is
// ignored), following the cursor while WeCom reports more.
func (s *MeetingService) Attendees(ctx context.Context, req MeetingAttendeesRequest) iter.Seq2[MeetingParticipant, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*MeetingAttendeesPage, error) {
		r := req
		r.Cursor = cursor
		return s.AttendeesPage(ctx, r)
	})
}

// MeetingRealtimeAttendeesRequest selects the people in a meeting now
// (meeting/get_realtime_attendee_list).
type MeetingRealtimeAttendeesRequest struct {
	// MeetingID names the meeting (required).
	MeetingID string
	// SubMeetingID names one occurrence of a repeating meeting (required
	// for one).
	SubMeetingID string
	// Cursor is the NextCursor of the previous page ("" for the first);
	// the iterator ignores it.
	Cursor string
	// Limit is the page size, at most 50 (0: WeCom's default); keep it
	// the same across the pages of one listing.
	Limit int
}

// MeetingRealtimeAttendeesPage is one page of the people in a meeting now.
type MeetingRealtimeAttendeesPage struct {
	// Status is the meeting's state, as the page lists.
	Status    int
	Attendees []MeetingParticipant
	// HasMore reports whether NextCursor leads to another page.
	HasMore    bool
	NextCursor string
}

// RealtimeAttendeesPage returns one page of the people in a meeting now;
// those who have left are not listed
// (meeting/get_realtime_attendee_list).
func (s *MeetingService) RealtimeAttendeesPage(ctx context.Context, req MeetingRealtimeAttendeesRequest) (*MeetingRealtimeAttendeesPage, error) {
	if req.MeetingID == "" {
		return nil, fmt.Errorf("%w: meetingid is required", ErrInvalidMeeting)
	}
	in := struct {
		MeetingID    string `json:"meetingid"`
		SubMeetingID string `json:"sub_meetingid,omitempty"`
		Cursor       string `json:"cursor,omitempty"`
		Limit        int    `json:"limit,omitempty"`
	}{req.MeetingID, req.SubMeetingID, req.Cursor, req.Limit}
	out, err := postAs[struct {
		Status     looseInt                 `json:"status"`
		HasMore    bool                     `json:"has_more"`
		NextCursor string                   `json:"next_cursor"`
		Attendees  []meetingParticipantWire `json:"attendees"`
	}](ctx, (*service)(s), "/cgi-bin/meeting/get_realtime_attendee_list", in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return &MeetingRealtimeAttendeesPage{Status: int(out.Status), Attendees: participants(out.Attendees),
		HasMore: out.HasMore, NextCursor: out.NextCursor}, nil
}

// RealtimeAttendees yields everyone in a meeting now (req.Cursor is
// ignored), following the cursor while WeCom reports more.
func (s *MeetingService) RealtimeAttendees(ctx context.Context, req MeetingRealtimeAttendeesRequest) iter.Seq2[MeetingParticipant, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*MeetingRealtimeAttendeesPage, error) {
		r := req
		r.Cursor = cursor
		return s.RealtimeAttendeesPage(ctx, r)
	})
}

// MeetingCustomerShortURLRequest asks for a join link of a meeting that
// carries the caller's own data.
type MeetingCustomerShortURLRequest struct {
	// MeetingID names the meeting (required; not a webinar).
	MeetingID string `json:"meetingid"`
	// CustomerData tells the link apart (required, at most 256 bytes); it
	// comes back in the attendee lists and the join events of whoever
	// joins by it.
	CustomerData string `json:"customer_data"`
}

// MeetingCustomerShortURL is a member-specific join link.
type MeetingCustomerShortURL struct {
	CustomerData string `json:"customer_data"`
	URL          string `json:"meeting_short_url"`
}

// CreateCustomerShortURL creates a join link that carries
// req.CustomerData (meeting/create_customer_short_url). It is not
// repeated after a transient failure: a repeat could create a second
// link.
func (s *MeetingService) CreateCustomerShortURL(ctx context.Context, req MeetingCustomerShortURLRequest) (*MeetingCustomerShortURL, error) {
	if req.MeetingID == "" || req.CustomerData == "" {
		return nil, fmt.Errorf("%w: meetingid and customer_data are required", ErrInvalidMeeting)
	}
	if len(req.CustomerData) > 256 {
		return nil, fmt.Errorf("%w: customer_data is %d bytes, more than 256", ErrInvalidMeeting, len(req.CustomerData))
	}
	out, err := postAs[struct {
		Data json.RawMessage `json:"meeting_short_url_customer_data"`
	}](ctx, (*service)(s), "/cgi-bin/meeting/create_customer_short_url", req, api.Unsafe)
	if err != nil {
		return nil, err
	}
	// The page's sample answers one object, its table a list of them:
	// both are read.
	links, err := customerShortURLs(out.Data)
	if err != nil {
		return nil, fmt.Errorf("work: meeting/create_customer_short_url: %w", err)
	}
	var link MeetingCustomerShortURL
	if len(links) > 0 {
		link = links[0]
	}
	return &link, nil
}

// customerShortURLs reads member-specific links sent as a list or as one
// object (nil for null or nothing).
func customerShortURLs(data json.RawMessage) ([]MeetingCustomerShortURL, error) {
	raw := bytes.TrimSpace(data)
	switch {
	case isNull(raw):
		return nil, nil
	case raw[0] == '[':
		var links []MeetingCustomerShortURL
		if err := decodeLenient(raw, &links); err != nil {
			return nil, err
		}
		return links, nil
	default:
		var link MeetingCustomerShortURL
		if err := decodeLenient(raw, &link); err != nil {
			return nil, err
		}
		return []MeetingCustomerShortURL{link}, nil
	}
}

// MeetingCustomerShortURLListRequest selects the member-specific join
// links of a meeting (meeting/get_customer_short_url).
type MeetingCustomerShortURLListRequest struct {
	// MeetingID names the meeting (required; not a personal meeting
	// number's meeting nor a webinar).
	MeetingID string `json:"meetingid"`
}

// CustomerShortURLs returns every member-specific join link created for
// a meeting with CreateCustomerShortURL, each with its customer_data
// (meeting/get_customer_short_url, 获取用户专属参会链接). Only the
// meetings the calling app created can be read.
func (s *MeetingService) CustomerShortURLs(ctx context.Context, req MeetingCustomerShortURLListRequest) ([]MeetingCustomerShortURL, error) {
	if req.MeetingID == "" {
		return nil, fmt.Errorf("%w: meetingid is required", ErrInvalidMeeting)
	}
	out, err := postAs[struct {
		Data json.RawMessage `json:"meeting_short_url_customer_data_list"`
	}](ctx, (*service)(s), "/cgi-bin/meeting/get_customer_short_url", req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	// The page documents a list; one object is read as a list of one.
	links, err := customerShortURLs(out.Data)
	if err != nil {
		return nil, fmt.Errorf("work: meeting/get_customer_short_url: %w", err)
	}
	return links, nil
}

// MeetingStartType selects the records of meeting/statistics/get_start_list.
type MeetingStartType int

// Values of MeetingStartType.
const (
	// MeetingStarted lists the meetings started.
	MeetingStarted MeetingStartType = 1
	// MeetingStartFailed lists the attempts that failed because the corp
	// had reached its number of simultaneous meetings.
	MeetingStartFailed MeetingStartType = 2
)

// MaxMeetingStartsSpan is the longest period (End - Begin) that
// meeting/statistics/get_start_list accepts.
const MaxMeetingStartsSpan = 30 * 24 * time.Hour

// MeetingStartsRequest selects the records of meetings started by members
// (quick meetings, and booked meetings they entered first).
type MeetingStartsRequest struct {
	// Type selects started or failed meetings (required).
	Type MeetingStartType
	// Begin and End bound the period, at most MaxMeetingStartsSpan, End
	// excluded (required).
	Begin, End time.Time
	// Limit is the page size, at most 1000 (0: WeCom's default, 200).
	Limit int
	// Cursor is the NextCursor of the previous page ("" for the first);
	// the iterator ignores it.
	Cursor string
}

// MeetingStart is one meeting started, or failed to start.
type MeetingStart struct {
	// UserID is the member who started it; for a booked meeting entered
	// first by someone outside the corp, its creator.
	UserID string
	Start  time.Time
}

// MeetingStartsPage is one page of meeting/statistics/get_start_list.
type MeetingStartsPage struct {
	Meetings []MeetingStart
	// HasMore reports whether NextCursor leads to another page. Page
	// 99651 lists has_more in its table but leaves it out of its sample
	// answer: when WeCom leaves it out, HasMore is whether NextCursor is
	// set.
	HasMore    bool
	NextCursor string
}

// StartsPage returns one page of the meetings started by members, newest
// first (meeting/statistics/get_start_list).
func (s *MeetingService) StartsPage(ctx context.Context, req MeetingStartsRequest) (*MeetingStartsPage, error) {
	if req.Type != MeetingStarted && req.Type != MeetingStartFailed {
		return nil, fmt.Errorf("%w: type must be 1 (started) or 2 (failed), not %d", ErrInvalidMeeting, req.Type)
	}
	if err := checkPeriod(req.Begin, req.End, ErrInvalidMeeting); err != nil {
		return nil, err
	}
	// Page 99651: the period may not exceed 30 days. (Pages 98156 and
	// 98192 set 31 days for the attendee and recording lists, but their
	// own sample requests span more: those are left to WeCom.)
	if span := req.End.Sub(req.Begin); span > MaxMeetingStartsSpan {
		return nil, fmt.Errorf("%w: a period of %s is longer than 30 days", ErrInvalidMeeting, span)
	}
	in := struct {
		Type      MeetingStartType `json:"type"`
		BeginTime int64            `json:"begin_time"`
		EndTime   int64            `json:"end_time"`
		Limit     int              `json:"limit,omitempty"`
		Cursor    string           `json:"cursor,omitempty"`
	}{req.Type, req.Begin.Unix(), req.End.Unix(), req.Limit, req.Cursor}
	out, err := postAs[struct {
		HasMore     *bool  `json:"has_more"`
		NextCursor  string `json:"next_cursor"`
		MeetingList []struct {
			UserID    string   `json:"userid"`
			StartTime looseInt `json:"start_time"`
		} `json:"meeting_list"`
	}](ctx, (*service)(s), "/cgi-bin/meeting/statistics/get_start_list", in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	p := &MeetingStartsPage{HasMore: out.NextCursor != "", NextCursor: out.NextCursor}
	if out.HasMore != nil {
		p.HasMore = *out.HasMore
	}
	for _, m := range out.MeetingList {
		p.Meetings = append(p.Meetings, MeetingStart{UserID: m.UserID, Start: unixOrZero(int64(m.StartTime))})
	}
	return p, nil
}

// Starts yields the meetings started by members in the period of req
// (req.Cursor is ignored), following the cursor while WeCom reports more.
func (s *MeetingService) Starts(ctx context.Context, req MeetingStartsRequest) iter.Seq2[MeetingStart, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*MeetingStartsPage, error) {
		r := req
		r.Cursor = cursor
		return s.StartsPage(ctx, r)
	})
}
