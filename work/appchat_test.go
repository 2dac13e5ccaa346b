package work

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

func TestAppChatAPI(t *testing.T) {
	runAPICases(t, []apiCase{
		{
			name: "Create", method: http.MethodPost, path: "/cgi-bin/appchat/create",
			reply: `{"errcode":0,"errmsg":"ok","chatid":"CHATID"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.AppChat.Create(ctx, AppChatCreateRequest{Name: "NAME", Owner: "userid1", UserList: []string{"userid1", "userid2"}, ChatID: "CHATID"})
			},
			body: `{"name":"NAME","owner":"userid1","userlist":["userid1","userid2"],"chatid":"CHATID"}`,
			want: "CHATID",
		},
		{
			name: "Create minimal", method: http.MethodPost, path: "/cgi-bin/appchat/create",
			reply: `{"errcode":0,"errmsg":"ok","chatid":"GEN"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.AppChat.Create(ctx, AppChatCreateRequest{UserList: []string{"a", "b"}})
			},
			body: `{"userlist":["a","b"]}`,
			want: "GEN",
		},
		{
			name: "Update", method: http.MethodPost, path: "/cgi-bin/appchat/update",
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.AppChat.Update(ctx, AppChatUpdateRequest{ChatID: "C", Name: "N", Owner: "o",
					AddUserList: []string{"x"}, DelUserList: []string{"y"}})
			},
			body: `{"chatid":"C","name":"N","owner":"o","add_user_list":["x"],"del_user_list":["y"]}`,
		},
		{
			name: "Get", method: http.MethodGet, path: "/cgi-bin/appchat/get", safety: api.Idempotent,
			reply: `{"errcode":0,"errmsg":"ok","chat_info":{"chatid":"CHATID","name":"NAME","owner":"userid2","userlist":["userid1","userid2","userid3"],"chat_type":0}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.AppChat.Get(ctx, "CHATID")
			},
			query: url.Values{"chatid": {"CHATID"}},
			want:  &AppChat{ChatID: "CHATID", Name: "NAME", Owner: "userid2", UserList: []string{"userid1", "userid2", "userid3"}},
		},
		{
			name: "Send", method: http.MethodPost, path: "/cgi-bin/appchat/send", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.AppChat.Send(ctx, AppChatSendRequest{ChatID: "CHATID", Msg: Text{Content: "你的快递已到"}, Safe: SafeConfidential})
			},
			body: `{"chatid":"CHATID","msgtype":"text","text":{"content":"你的快递已到"},"safe":1}`,
		},
		{
			name: "Send mpnews", method: http.MethodPost, path: "/cgi-bin/appchat/send", safety: api.Never,
			reply: `{"errcode":0,"errmsg":"ok"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.AppChat.Send(ctx, AppChatSendRequest{ChatID: "C", Msg: &MPNews{Articles: []MPNewsArticle{{Title: "t", ThumbMediaID: "m", Content: "c"}}}})
			},
			body: `{"chatid":"C","msgtype":"mpnews","mpnews":{"articles":[{"title":"t","thumb_media_id":"m","content":"c"}]}}`,
		},
	})
}

func TestAppChatSendIsSentOnce(t *testing.T) {
	c, mt := newTestClient(t, wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	rec := stubError(t, mt, http.MethodPost, "/cgi-bin/appchat/send", wecom.CodeSystemBusy)
	err := c.AppChat.Send(t.Context(), AppChatSendRequest{ChatID: "C", Msg: Markdown{Content: "x"}})
	requireAPIError(t, err, wecom.CodeSystemBusy, "/cgi-bin/appchat/send")
	assert.Equal(t, 1, rec.count())
}

func TestAppChatSendInvalid(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/appchat/send", `{"errcode":0}`)
	require.ErrorIs(t, c.AppChat.Send(t.Context(), AppChatSendRequest{Msg: Text{Content: "x"}}), ErrInvalidMessage)
	require.ErrorIs(t, c.AppChat.Send(t.Context(), AppChatSendRequest{ChatID: "C"}), ErrInvalidMessage)
	var nilImage *Image
	require.ErrorIs(t, c.AppChat.Send(t.Context(), AppChatSendRequest{ChatID: "C", Msg: nilImage}), ErrInvalidMessage)
	assert.Zero(t, rec.count())
}
