package work

import (
	"context"
	"fmt"
	"net/url"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

// BatchService wraps the API of asynchronous batch jobs (异步批量接口).
type BatchService service

// BatchInvite names who batch/invite invites: members, departments and
// tags (at most 1000 members, 100 departments and 100 tags).
type BatchInvite struct {
	User  []string `json:"user,omitempty"`
	Party []int64  `json:"party,omitempty"`
	Tag   []int64  `json:"tag,omitempty"`
}

// BatchInviteResult lists the entries batch/invite could not invite.
type BatchInviteResult struct {
	InvalidUser  []string `json:"invaliduser"`
	InvalidParty []int64  `json:"invalidparty"`
	InvalidTag   []int64  `json:"invalidtag"`
}

// BatchCallback is where WeCom pushes the batch_job_result event of a job.
// Empty fields fall back to the app's callback settings.
type BatchCallback struct {
	URL            string `json:"url,omitempty"`
	Token          string `json:"token,omitempty"`
	EncodingAESKey string `json:"encodingaeskey,omitempty"`
}

// BatchUserJob imports members from a CSV file uploaded with media/upload
// (type file), for SyncUser and ReplaceUser.
type BatchUserJob struct {
	MediaID string `json:"media_id"`
	// ToInvite says whether WeCom invites the new members; nil means its
	// default, true.
	ToInvite *bool          `json:"to_invite,omitempty"`
	Callback *BatchCallback `json:"callback,omitempty"`
}

// BatchPartyJob imports departments from a CSV file uploaded with
// media/upload (type file), for ReplaceParty.
type BatchPartyJob struct {
	MediaID  string         `json:"media_id"`
	Callback *BatchCallback `json:"callback,omitempty"`
}

// BatchJobStatus is the state of a batch job.
type BatchJobStatus int

// Values of BatchJobStatus.
const (
	BatchJobStarted BatchJobStatus = 1
	BatchJobRunning BatchJobStatus = 2
	BatchJobDone    BatchJobStatus = 3
)

// BatchJobType names the kind of a batch job.
type BatchJobType string

// Values of BatchJobType.
const (
	BatchJobSyncUser     BatchJobType = "sync_user"
	BatchJobReplaceUser  BatchJobType = "replace_user"
	BatchJobInviteUser   BatchJobType = "invite_user" // in the batch_job_result event
	BatchJobReplaceParty BatchJobType = "replace_party"
)

// BatchPartyAction says what replace_party did to a department: a
// combination of its values.
type BatchPartyAction int

// Bits of BatchPartyAction.
const (
	BatchPartyCreated   BatchPartyAction = 1
	BatchPartyRenamed   BatchPartyAction = 2
	BatchPartyMoved     BatchPartyAction = 4
	BatchPartyReordered BatchPartyAction = 8
)

// Has reports whether a includes every bit of b.
func (a BatchPartyAction) Has(b BatchPartyAction) bool { return a&b == b }

// BatchJobResult is the answer of batch/getresult.
type BatchJobResult struct {
	Status BatchJobStatus `json:"status"`
	Type   BatchJobType   `json:"type"`
	// Total is the number of rows of the job.
	Total int `json:"total"`
	// Percentage is the progress, 100 when done.
	Percentage int `json:"percentage"`
	// Result has one entry per row, once the job is done.
	Result []BatchJobItem `json:"result"`
}

// BatchJobItem is the outcome of one row of a batch job. A member job
// (sync_user, replace_user) sets UserID; a department job (replace_party)
// sets PartyID and Action. ErrCode 0 means the row succeeded.
type BatchJobItem struct {
	UserID  string           `json:"userid,omitempty"`
	PartyID int64            `json:"partyid,omitempty"`
	Action  BatchPartyAction `json:"action,omitempty"`
	ErrCode int              `json:"errcode"`
	ErrMsg  string           `json:"errmsg"`
}

// Invite invites members, departments and tags to join (batch/invite).
// Entries WeCom could not invite are listed in the result; that is not an
// error. The invitations are messages, so the call is never repeated after
// a failure.
func (s *BatchService) Invite(ctx context.Context, in BatchInvite) (*BatchInviteResult, error) {
	return postAs[BatchInviteResult](ctx, (*service)(s), "/cgi-bin/batch/invite", in, api.Never)
}

// SyncUser adds and updates members from a CSV file, leaving the others as
// they are (batch/syncuser), and returns the job id.
func (s *BatchService) SyncUser(ctx context.Context, job BatchUserJob) (string, error) {
	return s.start(ctx, "/cgi-bin/batch/syncuser", job)
}

// ReplaceUser makes the members of the corp those of a CSV file
// (batch/replaceuser), and returns the job id.
func (s *BatchService) ReplaceUser(ctx context.Context, job BatchUserJob) (string, error) {
	return s.start(ctx, "/cgi-bin/batch/replaceuser", job)
}

// ReplaceParty makes the departments of the corp those of a CSV file
// (batch/replaceparty), and returns the job id.
func (s *BatchService) ReplaceParty(ctx context.Context, job BatchPartyJob) (string, error) {
	return s.start(ctx, "/cgi-bin/batch/replaceparty", job)
}

func (s *BatchService) start(ctx context.Context, path string, job any) (string, error) {
	var out struct {
		JobID string `json:"jobid"`
	}
	if err := (*service)(s).post(ctx, path, job, lenient(&out), api.Unsafe); err != nil {
		return "", err
	}
	if out.JobID == "" {
		return "", fmt.Errorf("%w: %s: answer carries no jobid", wecom.ErrUnexpectedResponse, path)
	}
	return out.JobID, nil
}

// GetResult returns the progress and, once done, the outcome of a batch job
// (batch/getresult). WeCom keeps the results of the 5 latest jobs only
// (errcode 40089 for older ones).
func (s *BatchService) GetResult(ctx context.Context, jobID string) (*BatchJobResult, error) {
	return getAs[BatchJobResult](ctx, (*service)(s), "/cgi-bin/batch/getresult", url.Values{"jobid": {jobID}})
}
