package testclient_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/wecomtest/testclient"
	"github.com/wecomkit/wecom/work"
)

func TestWorkClientAndTypedSent(t *testing.T) {
	s := wecomtest.NewTestServer(t)
	c := testclient.Work(t, s)
	ctx := context.Background()

	to := work.Recipients{Users: []string{"zhangsan", "lisi"}, Parties: []int64{2}, Tags: []int64{1}}
	_, err := c.Message.Send(ctx, work.SendRequest{To: to, Msg: work.Text{Content: "hello"}})
	require.NoError(t, err)
	_, err = c.Message.Send(ctx, work.SendRequest{To: work.Recipients{All: true}, Msg: work.Markdown{Content: "**hi**"}})
	require.NoError(t, err)

	sent := s.Sent()
	require.Len(t, sent, 2)
	assert.Equal(t, to.Users, sent[0].To.Users, "recipients come back with work.Recipients' types")
	assert.Equal(t, to.Parties, sent[0].To.Parties)
	assert.Equal(t, to.Tags, sent[0].To.Tags)
	require.NotNil(t, sent[0].Text)
	assert.Equal(t, "hello", sent[0].Text.Content)
	assert.True(t, sent[1].To.All)
	require.NotNil(t, sent[1].Markdown)
	assert.Equal(t, "**hi**", sent[1].Markdown.Content)

	assert.Contains(t, c.OAuth.WithRedirectURL("https://app.example.com/cb").AuthCodeURL("st"), s.URL()+"/connect/oauth2/authorize?",
		"the OAuth pages are the fake's")
}

// FailNext takes the method as the test calls it.
func TestFailNextByMethodEndToEnd(t *testing.T) {
	s := wecomtest.NewTestServer(t)
	c := testclient.Work(t, s)
	require.NoError(t, s.FailNext("User.Get", 60111, "userid not found"))
	_, err := c.User.Get(context.Background(), "zhangsan")
	assert.Equal(t, 60111, wecom.ErrCode(err))
	u, err := c.User.Get(context.Background(), "zhangsan")
	require.NoError(t, err)
	assert.Equal(t, "zhangsan", u.UserID)
	assert.Equal(t, 2, s.Calls("User.Get"))
}

// Handle stubs a path the fake does not model, and Do reaches it.
func TestHandleEndToEnd(t *testing.T) {
	s := wecomtest.NewTestServer(t)
	c := testclient.Work(t, s)
	s.Handle("/cgi-bin/kf/account/list", func(r *http.Request, body []byte) (any, error) {
		return `{"account_list":[{"open_kfid":"wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q","name":"咨询客服"}]}`, nil
	})
	var out struct {
		AccountList []struct {
			OpenKFID string `json:"open_kfid"`
			Name     string `json:"name"`
		} `json:"account_list"`
	}
	require.NoError(t, c.Do(context.Background(), http.MethodPost, "/cgi-bin/kf/account/list", map[string]int{"limit": 100}, &out))
	require.Len(t, out.AccountList, 1)
	assert.Equal(t, "咨询客服", out.AccountList[0].Name)
}

func TestSuiteIsReady(t *testing.T) {
	s := wecomtest.NewTestServer(t)
	su := testclient.Suite(t, s)
	pre, err := su.PreAuthCode(context.Background())
	require.NoError(t, err, "the suite has its ticket, so it gets its token")
	assert.NotEmpty(t, pre.Code)

	tpl := testclient.Template(t, s)
	assert.True(t, tpl.Config().Customized)
	_, err = tpl.AccessToken(context.Background())
	require.NoError(t, err)
}
