package work

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

func TestBatchAPI(t *testing.T) {
	cb := &BatchCallback{URL: "https://example.com/cb", Token: "cbtoken", EncodingAESKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"}
	runAPICases(t, []apiCase{
		{
			name: "Invite", method: http.MethodPost, path: "/cgi-bin/batch/invite", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok","invaliduser":["UserID1"],"invalidparty":[2],"invalidtag":[3]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Batch.Invite(ctx, BatchInvite{User: []string{"UserID1", "UserID2"}, Party: []int64{1, 2}, Tag: []int64{3}})
			},
			body: `{"user":["UserID1","UserID2"],"party":[1,2],"tag":[3]}`,
			want: &BatchInviteResult{InvalidUser: []string{"UserID1"}, InvalidParty: []int64{2}, InvalidTag: []int64{3}},
		},
		{
			name: "Invite/users only", method: http.MethodPost, path: "/cgi-bin/batch/invite", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Batch.Invite(ctx, BatchInvite{User: []string{"UserID1"}})
			},
			body: `{"user":["UserID1"]}`,
			want: &BatchInviteResult{},
		},
		{
			name: "SyncUser", method: http.MethodPost, path: "/cgi-bin/batch/syncuser",
			reply: `{"errcode":0,"errmsg":"ok","jobid":"xxxxx"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Batch.SyncUser(ctx, BatchUserJob{MediaID: "xxxxxx", ToInvite: new(false), Callback: cb})
			},
			body: `{"media_id":"xxxxxx","to_invite":false,"callback":{"url":"https://example.com/cb","token":"cbtoken",
				"encodingaeskey":"jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"}}`,
			want: "xxxxx",
		},
		{
			name: "ReplaceUser", method: http.MethodPost, path: "/cgi-bin/batch/replaceuser",
			reply: `{"errcode":0,"errmsg":"ok","jobid":"job2"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Batch.ReplaceUser(ctx, BatchUserJob{MediaID: "m2"})
			},
			body: `{"media_id":"m2"}`,
			want: "job2",
		},
		{
			name: "ReplaceParty", method: http.MethodPost, path: "/cgi-bin/batch/replaceparty",
			reply: `{"errcode":0,"errmsg":"ok","jobid":"job3"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Batch.ReplaceParty(ctx, BatchPartyJob{MediaID: "m3", Callback: &BatchCallback{URL: "https://example.com/cb"}})
			},
			body: `{"media_id":"m3","callback":{"url":"https://example.com/cb"}}`,
			want: "job3",
		},
		{
			name: "GetResult/users", method: http.MethodGet, path: "/cgi-bin/batch/getresult", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","status":3,"type":"replace_user","total":2,"percentage":100,
				"result":[{"userid":"lisi","errcode":0,"errmsg":"ok"},{"userid":"bad","errcode":60104,"errmsg":"mobile existed"}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Batch.GetResult(ctx, "jobid1") },
			query: url.Values{"jobid": {"jobid1"}},
			want: &BatchJobResult{Status: BatchJobDone, Type: BatchJobReplaceUser, Total: 2, Percentage: 100,
				Result: []BatchJobItem{{UserID: "lisi", ErrMsg: "ok"}, {UserID: "bad", ErrCode: 60104, ErrMsg: "mobile existed"}}},
		},
		{
			name: "GetResult/parties", method: http.MethodGet, path: "/cgi-bin/batch/getresult", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","status":3,"type":"replace_party","total":1,"percentage":100,
				"result":[{"action":3,"partyid":5,"errcode":0,"errmsg":"ok"}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Batch.GetResult(ctx, "jobid2") },
			query: url.Values{"jobid": {"jobid2"}},
			want: &BatchJobResult{Status: BatchJobDone, Type: BatchJobReplaceParty, Total: 1, Percentage: 100,
				Result: []BatchJobItem{{PartyID: 5, Action: BatchPartyCreated | BatchPartyRenamed, ErrMsg: "ok"}}},
		},
		{
			name: "GetResult/running", method: http.MethodGet, path: "/cgi-bin/batch/getresult", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","status":2,"type":"sync_user","total":100,"percentage":40}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Batch.GetResult(ctx, "jobid3") },
			query: url.Values{"jobid": {"jobid3"}},
			want:  &BatchJobResult{Status: BatchJobRunning, Type: BatchJobSyncUser, Total: 100, Percentage: 40},
		},
	})
}

func TestBatchPartyActionHas(t *testing.T) {
	a := BatchPartyCreated | BatchPartyMoved
	assert.True(t, a.Has(BatchPartyCreated))
	assert.True(t, a.Has(BatchPartyMoved))
	assert.True(t, a.Has(BatchPartyCreated|BatchPartyMoved))
	assert.False(t, a.Has(BatchPartyRenamed))
	assert.False(t, a.Has(BatchPartyReordered|BatchPartyCreated))
}

func TestBatchJobWithoutJobID(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, "/cgi-bin/batch/syncuser", `{"errcode":0,"errmsg":"ok"}`)
	id, err := c.Batch.SyncUser(t.Context(), BatchUserJob{MediaID: "m"})
	assert.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
	assert.ErrorContains(t, err, "/cgi-bin/batch/syncuser")
	assert.Empty(t, id)
}

func TestBatchGetResultPurged(t *testing.T) {
	c, mt := newTestClient(t)
	stubError(t, mt, http.MethodGet, "/cgi-bin/batch/getresult", 40089)
	res, err := c.Batch.GetResult(t.Context(), "old")
	requireAPIError(t, err, 40089, "/cgi-bin/batch/getresult")
	assert.Nil(t, res)
}
