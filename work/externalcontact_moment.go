package work

import (
	"context"
	"iter"
	"net/url"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the moment (客户朋友圈) endpoints.
const (
	pathAddMomentTask         = "/cgi-bin/externalcontact/add_moment_task"
	pathGetMomentTaskResult   = "/cgi-bin/externalcontact/get_moment_task_result"
	pathCancelMomentTask      = "/cgi-bin/externalcontact/cancel_moment_task"
	pathGetMomentList         = "/cgi-bin/externalcontact/get_moment_list"
	pathGetMomentTask         = "/cgi-bin/externalcontact/get_moment_task"
	pathGetMomentCustomerList = "/cgi-bin/externalcontact/get_moment_customer_list"
	pathGetMomentSendResult   = "/cgi-bin/externalcontact/get_moment_send_result"
	pathGetMomentComments     = "/cgi-bin/externalcontact/get_moment_comments"
)

// MomentAttachment is one attachment of a moment: at most 9 images, or 1
// video, or 1 link, never mixed. Build it with NewMomentImage,
// NewMomentVideo or NewMomentLink.
type MomentAttachment struct {
	MsgType AttachmentType `json:"msgtype"`
	Image   *MomentMedia   `json:"image,omitempty"`
	Video   *MomentMedia   `json:"video,omitempty"`
	Link    *MomentLink    `json:"link,omitempty"`
}

// MomentMedia is an image or video of a moment, by the media id of
// media/upload_attachment.
type MomentMedia struct {
	MediaID string `json:"media_id"`
}

// MomentLink is a link of a moment.
type MomentLink struct {
	Title string `json:"title,omitempty"`
	URL   string `json:"url"`
	// MediaID is the cover image, when posting.
	MediaID string `json:"media_id,omitempty"`
}

// NewMomentImage returns an image attachment of a moment.
func NewMomentImage(mediaID string) MomentAttachment {
	return MomentAttachment{MsgType: AttachmentTypeImage, Image: &MomentMedia{MediaID: mediaID}}
}

// NewMomentVideo returns a video attachment of a moment.
func NewMomentVideo(mediaID string) MomentAttachment {
	return MomentAttachment{MsgType: AttachmentTypeVideo, Video: &MomentMedia{MediaID: mediaID}}
}

// NewMomentLink returns a link attachment of a moment; coverMediaID is the
// media id of its cover image.
func NewMomentLink(title, link, coverMediaID string) MomentAttachment {
	return MomentAttachment{MsgType: AttachmentTypeLink, Link: &MomentLink{Title: title, URL: link, MediaID: coverMediaID}}
}

// AddMomentTaskRequest is a moment for members to post to their customers'
// moments. Text and Attachments cannot both be empty.
type AddMomentTaskRequest struct {
	// Text is at most 2000 characters.
	Text        *CustomerText      `json:"text,omitempty"`
	Attachments []MomentAttachment `json:"attachments,omitempty"`
	// VisibleRange: nil means every member in the app's visibility posts
	// to all their customers.
	VisibleRange *MomentVisibleRange `json:"visible_range,omitempty"`
}

// MomentVisibleRange says who posts a moment and which customers see it.
type MomentVisibleRange struct {
	Senders   *MomentSenders   `json:"sender_list,omitempty"`
	Customers *MomentCustomers `json:"external_contact_list,omitempty"`
}

// MomentSenders are the members who post a moment.
type MomentSenders struct {
	UserIDs       []string `json:"user_list,omitempty"`
	DepartmentIDs []int64  `json:"department_list,omitempty"`
}

// MomentCustomers selects the customers who see a moment by corp tags.
type MomentCustomers struct {
	TagIDs []string `json:"tag_list,omitempty"`
}

// AddMomentTask creates a moment task and returns the id of the
// asynchronous job that creates it (add_moment_task); follow it with
// MomentTaskResult. Like AddMsgTemplate it notifies the members who are to
// post, so it is never repeated after a failure.
func (s *ExternalContactService) AddMomentTask(ctx context.Context, req *AddMomentTaskRequest) (string, error) {
	if req == nil {
		return "", ErrNilRequest
	}
	var out struct {
		JobID string `json:"jobid"`
	}
	if err := (*service)(s).post(ctx, pathAddMomentTask, req, lenient(&out), api.Never); err != nil {
		return "", err
	}
	return out.JobID, nil
}

// MomentJobStatus is the state of a moment-creating job.
type MomentJobStatus int

// States of a moment-creating job.
const (
	MomentJobStarted  MomentJobStatus = 1 // started
	MomentJobRunning  MomentJobStatus = 2 // in progress
	MomentJobFinished MomentJobStatus = 3 // finished; Result is set
)

// MomentJob is the state of the job of add_moment_task.
type MomentJob struct {
	Status MomentJobStatus `json:"status"`
	// Type is "add_moment_task".
	Type   string           `json:"type"`
	Result *MomentJobResult `json:"result,omitempty"`
}

// MomentJobResult is the outcome of a finished moment-creating job. A
// non-zero ErrCode is the job's failure, reported here as data.
type MomentJobResult struct {
	ErrCode  int    `json:"errcode"`
	ErrMsg   string `json:"errmsg,omitempty"`
	MomentID string `json:"moment_id,omitempty"`
	// InvalidSenders are the members and departments that could not post.
	InvalidSenders *MomentSenders `json:"invalid_sender_list,omitempty"`
	// InvalidCustomers are the tags that could not be used.
	InvalidCustomers *MomentCustomers `json:"invalid_external_contact_list,omitempty"`
}

// MomentTaskResult returns the state of the job of add_moment_task
// (get_moment_task_result).
func (s *ExternalContactService) MomentTaskResult(ctx context.Context, jobID string) (*MomentJob, error) {
	return getAs[MomentJob](ctx, (*service)(s), pathGetMomentTaskResult, url.Values{"jobid": {jobID}})
}

// CancelMomentTask stops a corp moment that members have not all posted
// yet (cancel_moment_task).
func (s *ExternalContactService) CancelMomentTask(ctx context.Context, momentID string) error {
	return (*service)(s).post(ctx, pathCancelMomentTask, momentIDBody{MomentID: momentID}, nil, api.Unsafe)
}

// MomentListRequest selects moments by creation time.
type MomentListRequest struct {
	StartTime int64 `json:"start_time"`
	EndTime   int64 `json:"end_time"`
	// Creator keeps the moments of one member.
	Creator    string        `json:"creator,omitempty"`
	FilterType CreatorFilter `json:"filter_type,omitempty"`
	// Cursor is "" for the first page, then the previous NextCursor.
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size (default and maximum 20).
	Limit int `json:"limit,omitempty"`
}

// MomentVisibleType says who can see a moment.
type MomentVisibleType int

// Visibilities of moments.
const (
	MomentVisiblePartly MomentVisibleType = 0 // some customers
	MomentVisiblePublic MomentVisibleType = 1 // public
)

// Moment is a moment record.
type Moment struct {
	MomentID string `json:"moment_id"`
	// Creator is empty for moments created through add_moment_task.
	Creator     string            `json:"creator,omitempty"`
	CreateTime  int64             `json:"create_time"`
	CreateType  CreateType        `json:"create_type"`
	VisibleType MomentVisibleType `json:"visible_type"`
	Text        *CustomerText     `json:"text,omitempty"`
	Images      []MomentMedia     `json:"image,omitempty"`
	Video       *MomentVideo      `json:"video,omitempty"`
	Link        *MomentLink       `json:"link,omitempty"`
	Location    *MomentLocation   `json:"location,omitempty"`
}

// MomentVideo is the video of a moment record.
type MomentVideo struct {
	MediaID      string `json:"media_id"`
	ThumbMediaID string `json:"thumb_media_id,omitempty"`
}

// MomentLocation is the place of a moment record.
type MomentLocation struct {
	Latitude  string `json:"latitude"`
	Longitude string `json:"longitude"`
	Name      string `json:"name"`
}

// MomentList is one page of get_moment_list.
type MomentList struct {
	Moments    []Moment `json:"moment_list"`
	NextCursor string   `json:"next_cursor"`
}

func (p *MomentList) page() ([]Moment, string) { return p.Moments, p.NextCursor }

// MomentList returns one page of moment records (get_moment_list).
func (s *ExternalContactService) MomentList(ctx context.Context, req MomentListRequest) (*MomentList, error) {
	return postAs[MomentList](ctx, (*service)(s), pathGetMomentList, req, api.Idempotent)
}

// AllMoments yields every moment record req selects, following the cursor
// from the first page (req.Cursor is ignored).
func (s *ExternalContactService) AllMoments(ctx context.Context, req MomentListRequest) iter.Seq2[Moment, error] {
	return walkPages[Moment](ctx, func(ctx context.Context, cursor string) (*MomentList, error) {
		r := req
		r.Cursor = cursor
		return s.MomentList(ctx, r)
	})
}

// MomentPageRequest selects a page of a moment's records.
type MomentPageRequest struct {
	MomentID string `json:"moment_id"`
	// UserID is the posting member; MomentCustomerList and
	// MomentSendResult only.
	UserID string `json:"userid,omitempty"`
	// Cursor is "" for the first page, then the previous NextCursor.
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size (WeCom's default when 0).
	Limit int `json:"limit,omitempty"`
}

// MomentPublishStatus is whether a member posted a corp moment.
type MomentPublishStatus int

// States of a member's moment task.
const (
	MomentUnpublished MomentPublishStatus = 0
	MomentPublished   MomentPublishStatus = 1
)

// MomentTask is a member's task of posting a corp moment.
type MomentTask struct {
	UserID        string              `json:"userid"`
	PublishStatus MomentPublishStatus `json:"publish_status"`
}

// MomentTaskList is one page of get_moment_task.
type MomentTaskList struct {
	Tasks      []MomentTask `json:"task_list"`
	NextCursor string       `json:"next_cursor"`
}

func (p *MomentTaskList) page() ([]MomentTask, string) { return p.Tasks, p.NextCursor }

// MomentTask returns one page of the members' tasks of a corp moment
// (get_moment_task); req.UserID is not used.
func (s *ExternalContactService) MomentTask(ctx context.Context, req MomentPageRequest) (*MomentTaskList, error) {
	req.UserID = ""
	return postAs[MomentTaskList](ctx, (*service)(s), pathGetMomentTask, req, api.Idempotent)
}

// AllMomentTasks yields every member's task of the corp moment
// req.MomentID, following get_moment_task's cursor from the first page
// (req.Cursor is ignored).
func (s *ExternalContactService) AllMomentTasks(ctx context.Context, req MomentPageRequest) iter.Seq2[MomentTask, error] {
	return walkPages[MomentTask](ctx, func(ctx context.Context, cursor string) (*MomentTaskList, error) {
		r := req
		r.Cursor = cursor
		return s.MomentTask(ctx, r)
	})
}

// MomentCustomer is a customer a member's moment was meant for or reached.
type MomentCustomer struct {
	// UserID is the member (get_moment_customer_list only).
	UserID         string `json:"userid,omitempty"`
	ExternalUserID string `json:"external_userid"`
}

// MomentCustomerList is one page of get_moment_customer_list or
// get_moment_send_result.
type MomentCustomerList struct {
	Customers  []MomentCustomer `json:"customer_list"`
	NextCursor string           `json:"next_cursor"`
}

func (p *MomentCustomerList) page() ([]MomentCustomer, string) { return p.Customers, p.NextCursor }

// MomentCustomerList returns one page of the customers a member chose to
// show a moment to (get_moment_customer_list).
func (s *ExternalContactService) MomentCustomerList(ctx context.Context, req MomentPageRequest) (*MomentCustomerList, error) {
	return s.momentCustomers(ctx, pathGetMomentCustomerList, req)
}

// AllMomentCustomers yields every customer a member chose to show a moment
// to, following get_moment_customer_list's cursor from the first page
// (req.Cursor is ignored).
func (s *ExternalContactService) AllMomentCustomers(ctx context.Context, req MomentPageRequest) iter.Seq2[MomentCustomer, error] {
	return s.allMomentCustomers(ctx, pathGetMomentCustomerList, req)
}

// MomentSendResult returns one page of the customers who can see a
// member's posted moment (get_moment_send_result).
func (s *ExternalContactService) MomentSendResult(ctx context.Context, req MomentPageRequest) (*MomentCustomerList, error) {
	return s.momentCustomers(ctx, pathGetMomentSendResult, req)
}

// AllMomentSendResults yields every customer who can see a member's posted
// moment, following get_moment_send_result's cursor from the first page
// (req.Cursor is ignored).
func (s *ExternalContactService) AllMomentSendResults(ctx context.Context, req MomentPageRequest) iter.Seq2[MomentCustomer, error] {
	return s.allMomentCustomers(ctx, pathGetMomentSendResult, req)
}

func (s *ExternalContactService) momentCustomers(ctx context.Context, path string, req MomentPageRequest) (*MomentCustomerList, error) {
	return postAs[MomentCustomerList](ctx, (*service)(s), path, req, api.Idempotent)
}

func (s *ExternalContactService) allMomentCustomers(ctx context.Context, path string, req MomentPageRequest) iter.Seq2[MomentCustomer, error] {
	return walkPages[MomentCustomer](ctx, func(ctx context.Context, cursor string) (*MomentCustomerList, error) {
		r := req
		r.Cursor = cursor
		return s.momentCustomers(ctx, path, r)
	})
}

// MomentInteraction is a comment or a like on a moment, by a customer
// (ExternalUserID) or a member (UserID), never both.
type MomentInteraction struct {
	ExternalUserID string `json:"external_userid,omitempty"`
	UserID         string `json:"userid,omitempty"`
	CreateTime     int64  `json:"create_time"`
}

// MomentInteractions are the comments and likes on a member's moment.
type MomentInteractions struct {
	Comments []MomentInteraction `json:"comment_list"`
	Likes    []MomentInteraction `json:"like_list"`
}

// MomentComments returns the comments and likes on the moment momentID as
// posted by member userID (get_moment_comments).
func (s *ExternalContactService) MomentComments(ctx context.Context, momentID, userID string) (*MomentInteractions, error) {
	return postAs[MomentInteractions](ctx, (*service)(s), pathGetMomentComments, momentIDBody{MomentID: momentID, UserID: userID}, api.Idempotent)
}

// momentIDBody is the body of cancel_moment_task and get_moment_comments.
type momentIDBody struct {
	MomentID string `json:"moment_id"`
	UserID   string `json:"userid,omitempty"`
}
