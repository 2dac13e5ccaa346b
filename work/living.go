package work

// 直播 (living): pages developer.work.weixin.qq.com/document/path/93637
// (create), 93640 (modify), 93638 (cancel), 93874 (delete_replay_data),
// 93641 (get_living_code), 93634 (get_user_all_livingid), 93635
// (get_living_info), 93636 (get_watch_stat), 94442 (get_living_share_info).

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// LivingService calls the living (直播) API. A living's status changes
// reach the app as message.LivingStatusChange callbacks.
type LivingService service

// ErrInvalidLiving is returned, without calling WeCom, for a living request
// that lacks a required field.
var ErrInvalidLiving = errors.New("work: invalid living request")

// LivingType is the kind of a living (直播的类型).
type LivingType int

// The living types WeCom documents.
const (
	LivingGeneral    LivingType = 0 // 通用直播
	LivingSmallClass LivingType = 1 // 小班课 (k12 schools and IT corps only)
	LivingLargeClass LivingType = 2 // 大班课 (k12 schools and IT corps only)
	LivingTraining   LivingType = 3 // 企业培训
	LivingActivity   LivingType = 4 // 活动直播
)

// LivingStatus is the state of a living.
type LivingStatus int

// The living states WeCom documents.
const (
	LivingReserved  LivingStatus = 0 // 预约中
	LivingOnAir     LivingStatus = 1 // 直播中
	LivingEnded     LivingStatus = 2 // 已结束
	LivingExpired   LivingStatus = 3 // 已过期
	LivingCancelled LivingStatus = 4 // 已取消
)

// LivingActivityDetail describes an activity living (活动直播).
type LivingActivityDetail struct {
	// Description is the activity's introduction.
	Description string `json:"description,omitempty"`
	// ImageMediaIDs are up to five media ids of pictures.
	ImageMediaIDs []string `json:"image_list,omitempty"`
}

// LivingCreateRequest is the body of living/create.
type LivingCreateRequest struct {
	// AnchorUserID is the member who hosts the living (required).
	AnchorUserID string
	// Theme is the title, up to 20 UTF-8 characters (required).
	Theme string
	// Start is when the living starts (required).
	Start time.Time
	// Duration is how long it lasts, in whole seconds (required).
	Duration time.Duration
	// Description is the introduction (not for an activity living).
	Description string
	// Type is the kind of living; the zero value is LivingGeneral.
	Type LivingType
	// AgentID is needed only by old third-party multi-app suites.
	AgentID int64
	// RemindBefore is how long before Start members are reminded; zero for
	// no reminder.
	RemindBefore time.Duration
	// ActivityCoverMediaID and ActivityShareMediaID are the cover and the
	// share card picture of an activity living.
	ActivityCoverMediaID, ActivityShareMediaID string
	// ActivityDetail describes an activity living.
	ActivityDetail *LivingActivityDetail
}

// livingCreateWire is LivingCreateRequest as WeCom reads it.
type livingCreateWire struct {
	AnchorUserID         string                `json:"anchor_userid"`
	Theme                string                `json:"theme"`
	LivingStart          int64                 `json:"living_start"`
	LivingDuration       int64                 `json:"living_duration"`
	Description          string                `json:"description,omitempty"`
	Type                 LivingType            `json:"type"`
	AgentID              int64                 `json:"agentid,omitempty"`
	RemindTime           int64                 `json:"remind_time,omitempty"`
	ActivityCoverMediaID string                `json:"activity_cover_mediaid,omitempty"`
	ActivityShareMediaID string                `json:"activity_share_mediaid,omitempty"`
	ActivityDetail       *LivingActivityDetail `json:"activity_detail,omitempty"`
}

// Create schedules a living (living/create) and returns its livingid. It is
// not repeated after a transient failure: a repeat could schedule it twice.
func (s *LivingService) Create(ctx context.Context, req LivingCreateRequest) (string, error) {
	if req.AnchorUserID == "" || req.Theme == "" {
		return "", fmt.Errorf("%w: anchor and theme are required", ErrInvalidLiving)
	}
	if req.Start.IsZero() || req.Duration <= 0 {
		return "", fmt.Errorf("%w: start and a positive duration are required", ErrInvalidLiving)
	}
	in := livingCreateWire{
		AnchorUserID: req.AnchorUserID, Theme: req.Theme,
		LivingStart: req.Start.Unix(), LivingDuration: ceilSeconds(req.Duration),
		Description: req.Description, Type: req.Type, AgentID: req.AgentID,
		RemindTime:           ceilSeconds(req.RemindBefore),
		ActivityCoverMediaID: req.ActivityCoverMediaID, ActivityShareMediaID: req.ActivityShareMediaID,
		ActivityDetail: req.ActivityDetail,
	}
	out, err := postAs[struct {
		LivingID string `json:"livingid"`
	}](ctx, (*service)(s), "/cgi-bin/living/create", in, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.LivingID, nil
}

// LivingModifyRequest is the body of living/modify. Only a living still
// reserved, created by this app, can be modified.
type LivingModifyRequest struct {
	// LivingID names the living (required).
	LivingID string
	// Theme is the new title.
	Theme string
	// Start and Duration are the new time; zero leaves them out.
	Start    time.Time
	Duration time.Duration
	// Description is the new introduction.
	Description string
	// Type is the new kind of living; nil leaves it unchanged.
	Type *LivingType
	// RemindBefore is how long before Start members are reminded.
	RemindBefore time.Duration
}

// Modify changes a reserved living (living/modify).
func (s *LivingService) Modify(ctx context.Context, req LivingModifyRequest) error {
	if req.LivingID == "" {
		return fmt.Errorf("%w: livingid is required", ErrInvalidLiving)
	}
	in := struct {
		LivingID       string      `json:"livingid"`
		Theme          string      `json:"theme,omitempty"`
		LivingStart    int64       `json:"living_start,omitempty"`
		LivingDuration int64       `json:"living_duration,omitempty"`
		Description    string      `json:"description,omitempty"`
		Type           *LivingType `json:"type,omitempty"`
		RemindTime     int64       `json:"remind_time,omitempty"`
	}{req.LivingID, req.Theme, 0, ceilSeconds(req.Duration), req.Description, req.Type, ceilSeconds(req.RemindBefore)}
	if !req.Start.IsZero() {
		in.LivingStart = req.Start.Unix()
	}
	return (*service)(s).post(ctx, "/cgi-bin/living/modify", in, nil, api.Idempotent)
}

// livingIDBody is the body {"livingid": ...}.
type livingIDBody struct {
	LivingID string `json:"livingid"`
}

// Cancel cancels a reserved living (living/cancel).
func (s *LivingService) Cancel(ctx context.Context, livingID string) error {
	if livingID == "" {
		return fmt.Errorf("%w: livingid is required", ErrInvalidLiving)
	}
	return (*service)(s).post(ctx, "/cgi-bin/living/cancel", livingIDBody{livingID}, nil, api.Idempotent)
}

// DeleteReplay deletes a living's replay (living/delete_replay_data).
func (s *LivingService) DeleteReplay(ctx context.Context, livingID string) error {
	if livingID == "" {
		return fmt.Errorf("%w: livingid is required", ErrInvalidLiving)
	}
	return (*service)(s).post(ctx, "/cgi-bin/living/delete_replay_data", livingIDBody{livingID}, nil, api.Idempotent)
}

// LivingCodeRequest names a living and the WeChat user who is to watch it.
type LivingCodeRequest struct {
	// LivingID names the living.
	LivingID string `json:"livingid"`
	// OpenID is the WeChat user's openid (of the corp's official account
	// or mini program).
	OpenID string `json:"openid"`
}

// LivingCode returns the code with which a WeChat user watches a living or
// its replay in WeChat (living/get_living_code).
func (s *LivingService) LivingCode(ctx context.Context, req LivingCodeRequest) (string, error) {
	if req.LivingID == "" || req.OpenID == "" {
		return "", fmt.Errorf("%w: livingid and openid are required", ErrInvalidLiving)
	}
	out, err := postAs[struct {
		LivingCode string `json:"living_code"`
	}](ctx, (*service)(s), "/cgi-bin/living/get_living_code", req, api.Idempotent)
	if err != nil {
		return "", err
	}
	return out.LivingCode, nil
}

// LivingInfo is a living's details (living/get_living_info).
type LivingInfo struct {
	Theme string
	// Start and Duration are when the living ran (or is to run).
	Start    time.Time
	Duration time.Duration
	Status   LivingStatus
	// ReservedStart and ReservedDuration are the time it was booked for.
	ReservedStart    time.Time
	ReservedDuration time.Duration
	Description      string
	AnchorUserID     string
	// MainDepartment is the anchor's main department.
	MainDepartment int64
	// ViewerCount, CommentCount and MicCount count the viewers, the
	// comments and the members who spoke.
	ViewerCount, CommentCount, MicCount int64
	// ReplayOpen reports whether the replay is on; ReplayStatus is set
	// only then.
	ReplayOpen   bool
	ReplayStatus int
	Type         LivingType
	// PushStreamURL is sent for an activity living not yet started.
	PushStreamURL string
	// OnlineCount is the number of current viewers, SubscribeCount the
	// number of people who subscribed.
	OnlineCount, SubscribeCount int64
}

// livingInfoWire is the living_info object as WeCom sends it.
type livingInfoWire struct {
	Theme                 string  `json:"theme"`
	LivingStart           int64   `json:"living_start"`
	LivingDuration        int64   `json:"living_duration"`
	Status                int     `json:"status"`
	ReserveStart          int64   `json:"reserve_start"`
	ReserveLivingDuration int64   `json:"reserve_living_duration"`
	Description           string  `json:"description"`
	AnchorUserID          string  `json:"anchor_userid"`
	MainDepartment        int64   `json:"main_department"`
	ViewerNum             int64   `json:"viewer_num"`
	CommentNum            int64   `json:"comment_num"`
	MicNum                int64   `json:"mic_num"`
	OpenReplay            oneZero `json:"open_replay"`
	ReplayStatus          int     `json:"replay_status"`
	Type                  int     `json:"type"`
	PushStreamURL         string  `json:"push_stream_url"`
	OnlineCount           int64   `json:"online_count"`
	SubscribeCount        int64   `json:"subscribe_count"`
}

// Info returns a living's details (living/get_living_info); only livings
// this app created can be read.
func (s *LivingService) Info(ctx context.Context, livingID string) (*LivingInfo, error) {
	if livingID == "" {
		return nil, fmt.Errorf("%w: livingid is required", ErrInvalidLiving)
	}
	out, err := getAs[struct {
		LivingInfo livingInfoWire `json:"living_info"`
	}](ctx, (*service)(s), "/cgi-bin/living/get_living_info", url.Values{"livingid": {livingID}})
	if err != nil {
		return nil, err
	}
	w := out.LivingInfo
	return &LivingInfo{
		Theme: w.Theme, Start: unixOrZero(w.LivingStart), Duration: seconds(w.LivingDuration),
		Status: LivingStatus(w.Status), ReservedStart: unixOrZero(w.ReserveStart),
		ReservedDuration: seconds(w.ReserveLivingDuration), Description: w.Description,
		AnchorUserID: w.AnchorUserID, MainDepartment: w.MainDepartment,
		ViewerCount: w.ViewerNum, CommentCount: w.CommentNum, MicCount: w.MicNum,
		ReplayOpen: bool(w.OpenReplay), ReplayStatus: w.ReplayStatus, Type: LivingType(w.Type),
		PushStreamURL: w.PushStreamURL, OnlineCount: w.OnlineCount, SubscribeCount: w.SubscribeCount,
	}, nil
}

// LivingViewer is one viewer of a living, from living/get_watch_stat.
type LivingViewer struct {
	// UserID is set for a member, ExternalUserID for anyone else.
	UserID, ExternalUserID string
	// ExternalType is 1 for a WeChat user, 2 for a WeCom user outside the
	// corp (0 for a member).
	ExternalType int
	// Name is an external viewer's name.
	Name string
	// WatchTime is how long they watched.
	WatchTime time.Duration
	// Commented and Mic report whether they commented and spoke.
	Commented, Mic bool
}

// LivingWatchPage is one page of living/get_watch_stat.
type LivingWatchPage struct {
	// Viewers are the members and then the external viewers of the page.
	Viewers []LivingViewer
	// NextKey fetches the next page; Ending reports that there is none.
	NextKey string
	Ending  bool
}

// viewerWire is one entry of stat_info.users or stat_info.external_users.
type viewerWire struct {
	UserID         string  `json:"userid"`
	ExternalUserID string  `json:"external_userid"`
	Type           int     `json:"type"`
	Name           string  `json:"name"`
	WatchTime      int64   `json:"watch_time"`
	IsComment      oneZero `json:"is_comment"`
	IsMic          oneZero `json:"is_mic"`
}

func (w viewerWire) viewer() LivingViewer {
	return LivingViewer{UserID: w.UserID, ExternalUserID: w.ExternalUserID, ExternalType: w.Type,
		Name: w.Name, WatchTime: seconds(w.WatchTime), Commented: bool(w.IsComment), Mic: bool(w.IsMic)}
}

// WatchStatPage returns the page of a living's viewers that starts at
// nextKey ("" for the first) (living/get_watch_stat). Most callers range
// over WatchStats instead.
func (s *LivingService) WatchStatPage(ctx context.Context, livingID, nextKey string) (*LivingWatchPage, error) {
	if livingID == "" {
		return nil, fmt.Errorf("%w: livingid is required", ErrInvalidLiving)
	}
	if nextKey == "" {
		nextKey = "0" // the first page, as the docs have it
	}
	in := struct {
		LivingID string `json:"livingid"`
		NextKey  string `json:"next_key"`
	}{livingID, nextKey}
	out, err := postAs[struct {
		Ending   oneZero `json:"ending"`
		NextKey  string  `json:"next_key"`
		StatInfo struct {
			Users         []viewerWire `json:"users"`
			ExternalUsers []viewerWire `json:"external_users"`
		} `json:"stat_info"`
	}](ctx, (*service)(s), "/cgi-bin/living/get_watch_stat", in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	p := &LivingWatchPage{NextKey: out.NextKey, Ending: bool(out.Ending),
		Viewers: make([]LivingViewer, 0, len(out.StatInfo.Users)+len(out.StatInfo.ExternalUsers))}
	for _, u := range out.StatInfo.Users {
		p.Viewers = append(p.Viewers, u.viewer())
	}
	for _, u := range out.StatInfo.ExternalUsers {
		p.Viewers = append(p.Viewers, u.viewer())
	}
	return p, nil
}

// WatchStats yields every viewer of a living, following next_key until
// WeCom reports the end.
func (s *LivingService) WatchStats(ctx context.Context, livingID string) iter.Seq2[LivingViewer, error] {
	return walk(ctx, func(ctx context.Context, cursor string) ([]LivingViewer, string, error) {
		p, err := s.WatchStatPage(ctx, livingID, cursor)
		if err != nil {
			return nil, "", err
		}
		if p.Ending {
			return p.Viewers, "", nil
		}
		return p.Viewers, p.NextKey, nil
	})
}

// LivingShareInfo tells who watches a living through a share link, from
// the ww_share_code a mini-program mall receives (living/get_living_share_info).
type LivingShareInfo struct {
	LivingID string `json:"livingid"`
	// ViewerUserID or ViewerExternalUserID is the viewer.
	ViewerUserID         string `json:"viewer_userid"`
	ViewerExternalUserID string `json:"viewer_external_userid"`
	// InvitorUserID or InvitorExternalUserID shared the link.
	InvitorUserID         string `json:"invitor_userid"`
	InvitorExternalUserID string `json:"invitor_external_userid"`
}

// ShareInfo returns the viewer and inviter of a share code
// (living/get_living_share_info).
func (s *LivingService) ShareInfo(ctx context.Context, wwShareCode string) (*LivingShareInfo, error) {
	if wwShareCode == "" {
		return nil, fmt.Errorf("%w: ww_share_code is required", ErrInvalidLiving)
	}
	in := struct {
		Code string `json:"ww_share_code"`
	}{wwShareCode}
	return postAs[LivingShareInfo](ctx, (*service)(s), "/cgi-bin/living/get_living_share_info", in, api.Idempotent)
}

// LivingIDListRequest is the body of living/get_user_all_livingid.
type LivingIDListRequest struct {
	// UserID is the member whose livings are listed (required).
	UserID string `json:"userid"`
	// Cursor is the next_cursor of the previous page ("" for the first).
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size, at most 100 (0: WeCom's default).
	Limit int `json:"limit,omitempty"`
}

// LivingIDPage is one page of living/get_user_all_livingid.
type LivingIDPage struct {
	LivingIDs  []string `json:"livingid_list"`
	NextCursor string   `json:"next_cursor"`
}

// UserLivingIDPage returns one page of the livingids of the livings a
// member hosts (living/get_user_all_livingid).
func (s *LivingService) UserLivingIDPage(ctx context.Context, req LivingIDListRequest) (*LivingIDPage, error) {
	if req.UserID == "" {
		return nil, fmt.Errorf("%w: userid is required", ErrInvalidLiving)
	}
	return postAs[LivingIDPage](ctx, (*service)(s), "/cgi-bin/living/get_user_all_livingid", req, api.Idempotent)
}

// UserLivingIDs yields the livingid of every living a member hosts,
// following next_cursor.
func (s *LivingService) UserLivingIDs(ctx context.Context, userID string) iter.Seq2[string, error] {
	return walk(ctx, func(ctx context.Context, cursor string) ([]string, string, error) {
		p, err := s.UserLivingIDPage(ctx, LivingIDListRequest{UserID: userID, Cursor: cursor, Limit: 100})
		if err != nil {
			return nil, "", err
		}
		return p.LivingIDs, p.NextCursor, nil
	})
}

// unixOrZero is the time of a Unix timestamp; the zero time for 0.
func unixOrZero(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0)
}

// seconds is a count of seconds as a duration.
func seconds(n int64) time.Duration { return time.Duration(n) * time.Second }
