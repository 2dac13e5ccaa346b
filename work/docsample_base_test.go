package work

// The doc-sample table of the base calls and leftovers of issue 18.
// Samples and their provenance: testdata/docs/base/README.md.

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestBaseDocSamples(t *testing.T) {
	runDocSamples(t, []docCase{
		{
			page: 92521, method: http.MethodGet, path: "/cgi-bin/getcallbackip", sample: "base/getcallbackip",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.CallbackIPs(t.Context()) },
		},
		{
			page: 92520, method: http.MethodGet, path: "/cgi-bin/get_api_domain_ip", sample: "base/get_api_domain_ip",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.APIDomainIPs(t.Context()) },
		},
		{
			page: 99499, method: http.MethodPost, path: "/cgi-bin/auth/get_tfa_info",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.User.TFAInfo(t.Context(), "CODE") },
		},
		{
			page: 99500, method: http.MethodPost, path: "/cgi-bin/user/tfa_succ",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return nil, c.User.TFASucc(t.Context(), decodeSample[TFAInfo](t, req))
			},
		},
		{
			// a POST with the open_userid in the body, as page 94514 shows
			page: 94514, method: http.MethodPost, path: "/cgi-bin/user/check_member_auth",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.CheckMemberAuth(t.Context(), "xxx")
			},
		},
		{
			page: 94513, method: http.MethodPost, path: "/cgi-bin/user/list_member_auth",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.MemberAuthsPage(t.Context(), MemberAuthRequest{Cursor: "NEXT_KEY", Limit: 20})
			},
		},
		{
			page: 94894, method: http.MethodPost, path: "/cgi-bin/user/list_selected_ticket_user",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.User.ListSelectedTicketUser(t.Context(), "xxxx")
			},
		},
		{
			page: 90506, method: http.MethodPost, path: "/cgi-bin/agent/get_admin_list",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Agent.AdminList(t.Context(), 1000046) },
		},
		{
			page: 99052, method: http.MethodPost, path: "/cgi-bin/agent/get_permissions",
			// the page shows no request body; the SDK sends {}
			body: `{}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) { return c.Agent.Permissions(t.Context()) },
			check: func(t *testing.T, got any) {
				assert.Equal(t, []ExpiringPermission{{PermissionName: "xxx:xxx:xx", ExpireTime: time.Unix(1770100000, 0)}}, got.(*AgentPermissions).Expiring)
			},
		},
		{
			page: 90228, method: http.MethodPost, path: "/cgi-bin/agent/set_scope",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Agent.SetScope(t.Context(), decodeSample[AgentScope](t, req))
			},
		},
		{
			page: 92535, method: http.MethodPost, path: "/cgi-bin/agent/batch_set_workbench_data",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Agent.BatchSetWorkbenchData(t.Context(), decodeSample[WorkbenchBatchData](t, req))
			},
		},
		{
			page: 96219, method: http.MethodPost, path: "/cgi-bin/media/upload_by_url",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.Media.UploadByURL(t.Context(), decodeSample[UploadByURLRequest](t, req))
			},
		},
		{
			page: 96219, method: http.MethodPost, path: "/cgi-bin/media/get_upload_by_url_result",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Media.UploadByURLResult(t.Context(), "jobid_xxxxxxxxxxxxxxx")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, time.Unix(1380000000, 0), got.(*UploadByURLResult).Detail.CreatedAt)
			},
		},
		{
			page: 95342, method: http.MethodPost, path: "/cgi-bin/corp/apply_mass_call_ticket",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.CorpGroup.ApplyMassCallTicket(t.Context())
			},
		},
		{
			page: 90269, method: http.MethodPost, path: "/cgi-bin/corp/getopenapprovaldata",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Approval.OpenApprovalData(t.Context(), "thirdNoxxx")
			},
		},
		{
			page: 92369, method: http.MethodPost, path: "/cgi-bin/message/get_statistics",
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.Message.Statistics(t.Context(), StatisticsToday)
			},
		},
		{
			page: 91507, method: http.MethodGet, path: "/cgi-bin/miniprogram/jscode2session",
			query: url.Values{"js_code": {"CODE"}, "grant_type": {"authorization_code"}},
			call:  func(t *testing.T, c *Client, _ []byte) (any, error) { return c.User.Code2Session(t.Context(), "CODE") },
			check: func(t *testing.T, got any) {
				assert.NotContains(t, got.(*MiniProgramLogin).String(), "kJtdi6RF")
			},
		},
	})
}

func TestBaseBadInput(t *testing.T) {
	c, mt := newTestClient(t)
	ctx := t.Context()
	_, err := c.User.TFAInfo(ctx, "")
	assert.ErrorIs(t, err, ErrNilRequest)
	assert.ErrorIs(t, c.User.TFASucc(ctx, TFAInfo{UserID: "u"}), ErrNilRequest)
	_, err = c.User.CheckMemberAuth(ctx, "")
	assert.ErrorIs(t, err, ErrNilRequest)
	_, err = c.User.ListSelectedTicketUser(ctx, "")
	assert.ErrorIs(t, err, ErrNilRequest)
	_, err = c.Agent.BatchSetWorkbenchData(ctx, WorkbenchBatchData{})
	assert.ErrorIs(t, err, ErrNilRequest)
	_, err = c.Media.UploadByURL(ctx, UploadByURLRequest{Type: MediaVideo})
	assert.ErrorIs(t, err, ErrInvalidMedia)
	_, err = c.Media.UploadByURLResult(ctx, "")
	assert.ErrorIs(t, err, ErrInvalidMedia)
	_, err = c.Approval.OpenApprovalData(ctx, "")
	assert.ErrorIs(t, err, ErrNilRequest)
	_, err = c.User.Code2Session(ctx, "")
	assert.ErrorIs(t, err, ErrNilRequest)
	assert.Zero(t, mt.GetTotalCallCount(), "nothing was sent")
}

// upload_by_url starts a job: a transient failure is not repeated (a
// repeat after a lost answer would start a second job).
func TestUploadByURLNotRepeated(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/media/upload_by_url", `{"errcode":-1,"errmsg":"system busy"}`)
	_, err := c.Media.UploadByURL(t.Context(), UploadByURLRequest{Scene: 1, Type: MediaFile, Filename: "a", URL: "https://x", MD5: "m"})
	assert.Error(t, err)
	assert.Equal(t, 1, rec.count())
}
