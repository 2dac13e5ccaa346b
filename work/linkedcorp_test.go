package work

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

func TestLinkedCorpAPI(t *testing.T) {
	runAPICases(t, []apiCase{
		{
			name: "Send", method: http.MethodPost, path: "/cgi-bin/linkedcorp/message/send", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok","invaliduser":["wwcorp/userid1"],"invalidparty":["LinkedId/1"],"invalidtag":["3"]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.LinkedCorp.Send(ctx, LinkedCorpSendRequest{
					To: LinkedCorpRecipients{
						Users:   []string{"userid1", "wwcorp/userid1"},
						Parties: []string{"LinkedId/1", "2"},
						Tags:    []int64{3},
					},
					Msg:  Text{Content: "hello"},
					Safe: SafeConfidential,
				})
			},
			body: `{"touser":["userid1","wwcorp/userid1"],"toparty":["LinkedId/1","2"],"totag":[3],
				"agentid":1000002,"msgtype":"text","text":{"content":"hello"},"safe":1}`,
			want: &LinkedCorpSendResult{InvalidUsers: []string{"wwcorp/userid1"}, InvalidParties: []string{"LinkedId/1"}, InvalidTags: []string{"3"}},
		},
		{
			name: "Send to all", method: http.MethodPost, path: "/cgi-bin/linkedcorp/message/send", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok","invaliduser":[],"invalidparty":[],"invalidtag":[]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.LinkedCorp.Send(ctx, LinkedCorpSendRequest{
					To: LinkedCorpRecipients{All: true, Users: []string{"ignored"}}, Msg: Image{MediaID: "M"}, AgentID: 7,
				})
			},
			body: `{"toall":1,"agentid":7,"msgtype":"image","image":{"media_id":"M"}}`,
			want: &LinkedCorpSendResult{},
		},
	})
}

func TestLinkedCorpSendIsSentOnce(t *testing.T) {
	c, mt := newTestClient(t, wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	rec := stubError(t, mt, http.MethodPost, "/cgi-bin/linkedcorp/message/send", wecom.CodeSystemBusy)
	_, err := c.LinkedCorp.Send(t.Context(), LinkedCorpSendRequest{To: LinkedCorpRecipients{All: true}, Msg: Text{Content: "x"}})
	requireAPIError(t, err, wecom.CodeSystemBusy, "/cgi-bin/linkedcorp/message/send")
	assert.Equal(t, 1, rec.count())
}

func TestLinkedCorpSendInvalid(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/linkedcorp/message/send", `{"errcode":0}`)
	_, err := c.LinkedCorp.Send(t.Context(), LinkedCorpSendRequest{Msg: Text{Content: "x"}})
	require.ErrorIs(t, err, ErrInvalidMessage, "no recipients")
	_, err = c.LinkedCorp.Send(t.Context(), LinkedCorpSendRequest{To: LinkedCorpRecipients{All: true}})
	require.ErrorIs(t, err, ErrInvalidMessage, "no message")
	assert.Zero(t, rec.count())

	noAgent, err := NewWithTokenSource(Config{CorpID: testCorpID}, fixedToken("T"))
	require.NoError(t, err)
	_, err = noAgent.LinkedCorp.Send(t.Context(), LinkedCorpSendRequest{To: LinkedCorpRecipients{All: true}, Msg: Text{Content: "x"}})
	require.ErrorIs(t, err, ErrInvalidMessage, "no agent id")
}
