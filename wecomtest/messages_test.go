package wecomtest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMessageSendIsRecorded(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	body := `{"touser":"zhangsan|Ghost","toparty":"2|99","totag":"1","msgtype":"text","agentid":1000002,` +
		`"text":{"content":"hello"},"safe":0}`
	a := post(t, s, "/cgi-bin/message/send", q, body)
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, "ghost", a.str("invaliduser"), "invalid userids come back lower-cased")
	assert.Equal(t, "99", a.str("invalidparty"))
	assert.Equal(t, "", a.str("invalidtag"))
	assert.NotEmpty(t, a.str("msgid"))
	assert.NotContains(t, a, "response_code")

	sent := s.Sent()
	require.Len(t, sent, 1)
	m := sent[0]
	assert.Equal(t, "/cgi-bin/message/send", m.Path)
	assert.Equal(t, DefaultCorpID, m.CorpID)
	assert.Equal(t, int64(DefaultAgentID), m.AgentID)
	assert.Equal(t, "text", m.MsgType)
	assert.Equal(t, Recipients{Users: []string{"zhangsan", "Ghost"}, Parties: []int64{2, 99}, Tags: []int64{1}}, m.To)
	require.NotNil(t, m.Text)
	assert.Equal(t, "hello", m.Text.Content)
	assert.Nil(t, m.Markdown)
	assert.Equal(t, a.str("msgid"), m.MsgID)
	assert.JSONEq(t, body, string(m.Body))
	assert.JSONEq(t, `{"content":"hello"}`, string(m.Payload()))

	sent[0].Body[0] = 'X'
	sent[0].To.Users[0] = "X"
	sent[0].Text.Content = "X"
	again := s.Sent()[0]
	assert.JSONEq(t, body, string(again.Body), "Sent returns copies")
	assert.Equal(t, "zhangsan", again.To.Users[0])
	assert.Equal(t, "hello", again.Text.Content)
}

func TestMessageSendToEveryone(t *testing.T) {
	s := newTestServer(t)
	a := post(t, s, "/cgi-bin/message/send", appToken(t, s), map[string]any{
		"touser": "@all", "msgtype": "markdown", "agentid": "1000002", "markdown": map[string]any{"content": "**hi**"},
	})
	require.Equal(t, 0, a.code(t), "%v", a)
	m := s.Sent()[0]
	assert.Equal(t, Recipients{All: true}, m.To)
	require.NotNil(t, m.Markdown)
	assert.Equal(t, "**hi**", m.Markdown.Content)
}

func TestMessageSendErrors(t *testing.T) {
	s := newTestServer(t)
	app := appToken(t, s)
	contacts := map[string][]string{"access_token": {accessToken(t, s, DefaultCorpID, DefaultContactsSecret)}}
	text := func(extra map[string]any) map[string]any {
		m := map[string]any{"touser": "lisi", "msgtype": "text", "agentid": DefaultAgentID, "text": map[string]any{"content": "hi"}}
		for k, v := range extra {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	tests := []struct {
		name  string
		query map[string][]string
		body  any
		code  int
	}{
		{"all recipients invalid", app, text(map[string]any{"touser": "ghost", "toparty": "99", "totag": "7"}), 81013},
		{"no recipient", app, text(map[string]any{"touser": nil}), 81013},
		{"unknown msgtype", app, text(map[string]any{"msgtype": "fax"}), 40008},
		{"missing msgtype", app, text(map[string]any{"msgtype": nil}), 40008},
		{"missing payload", app, text(map[string]any{"text": nil}), 40058},
		{"payload not an object", app, text(map[string]any{"text": "hi"}), 40058},
		{"empty content", app, text(map[string]any{"text": map[string]any{"content": ""}}), 44004},
		{"image without media_id", app, text(map[string]any{"msgtype": "image", "image": map[string]any{}}), 40007},
		{"news without articles", app, text(map[string]any{"msgtype": "news", "news": map[string]any{"articles": []any{}}}), 40058},
		{"bad card type", app, text(map[string]any{"msgtype": "template_card", "template_card": map[string]any{"card_type": "x"}}), 42031},
		{"missing agentid", app, text(map[string]any{"agentid": nil}), 40056},
		{"another app's agentid", app, text(map[string]any{"agentid": 1000099}), 301002},
		{"contacts secret", contacts, text(nil), 48002},
		{"touser as array", app, text(map[string]any{"touser": []string{"lisi"}}), 40058},
		{"malformed JSON", app, `{"touser":"lisi"`, 40058},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.code, post(t, s, "/cgi-bin/message/send", tt.query, tt.body).code(t))
		})
	}
	assert.Empty(t, s.Sent(), "failed sends are not recorded")
}

func TestMessageSendInteractiveCard(t *testing.T) {
	s := newTestServer(t)
	a := post(t, s, "/cgi-bin/message/send", appToken(t, s), map[string]any{
		"touser": "lisi", "msgtype": "template_card", "agentid": DefaultAgentID,
		"template_card": map[string]any{"card_type": "button_interaction", "task_id": "t1"},
	})
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.NotEmpty(t, a.str("response_code"))
}

func TestMessageRecall(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)
	a := post(t, s, "/cgi-bin/message/send", q, map[string]any{
		"touser": "lisi", "msgtype": "text", "agentid": DefaultAgentID, "text": map[string]any{"content": "oops"},
	})
	msgID := a.str("msgid")

	require.NoError(t, s.AddApp(DefaultCorpID, 1000003, "other-secret"))
	other := map[string][]string{"access_token": {accessToken(t, s, DefaultCorpID, "other-secret")}}
	assert.Equal(t, 40058, post(t, s, "/cgi-bin/message/recall", other, map[string]any{"msgid": msgID}).code(t),
		"only the sending app may recall")

	assert.Equal(t, 0, post(t, s, "/cgi-bin/message/recall", q, map[string]any{"msgid": msgID}).code(t))
	assert.True(t, s.Sent()[0].Recalled)
	assert.Equal(t, 40058, post(t, s, "/cgi-bin/message/recall", q, map[string]any{"msgid": msgID}).code(t), "twice")
	assert.Equal(t, 40058, post(t, s, "/cgi-bin/message/recall", q, map[string]any{"msgid": "nope"}).code(t))
}

func TestAppChat(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)

	a := post(t, s, "/cgi-bin/appchat/create", q, map[string]any{
		"name": "Launch", "owner": "lisi", "userlist": []string{"zhangsan", "lisi", "wangwu"}, "chatid": "launch2025",
	})
	require.Equal(t, 0, a.code(t), "%v", a)
	assert.Equal(t, "launch2025", a.str("chatid"))

	a = get(t, s, "/cgi-bin/appchat/get", with(q, "chatid", "launch2025"))
	require.Equal(t, 0, a.code(t))
	assert.Equal(t, map[string]any{
		"chatid": "launch2025", "name": "Launch", "owner": "lisi", "chat_type": float64(0),
		"userlist": []any{"zhangsan", "lisi", "wangwu"},
	}, a["chat_info"])

	a = post(t, s, "/cgi-bin/appchat/update", q, map[string]any{
		"chatid": "launch2025", "name": "Launch v2", "add_user_list": []string{"zhaoliu"}, "del_user_list": []string{"wangwu"},
	})
	require.Equal(t, 0, a.code(t), "%v", a)
	a = get(t, s, "/cgi-bin/appchat/get", with(q, "chatid", "launch2025"))
	info := a["chat_info"].(map[string]any)
	assert.Equal(t, "Launch v2", info["name"])
	assert.Equal(t, []any{"zhangsan", "lisi", "zhaoliu"}, info["userlist"])

	body := `{"chatid":"launch2025","msgtype":"text","text":{"content":"ship it"},"safe":0}`
	require.Equal(t, 0, post(t, s, "/cgi-bin/appchat/send", q, body).code(t))
	sent := s.Sent()
	require.Len(t, sent, 1)
	assert.Equal(t, "/cgi-bin/appchat/send", sent[0].Path)
	assert.Equal(t, "launch2025", sent[0].ChatID)
	assert.Equal(t, int64(DefaultAgentID), sent[0].AgentID)
	assert.JSONEq(t, body, string(sent[0].Body))

	a = post(t, s, "/cgi-bin/appchat/create", q, map[string]any{"name": "Auto", "userlist": []string{"lisi", "zhaoliu"}})
	require.Equal(t, 0, a.code(t))
	assert.NotEmpty(t, a.str("chatid"), "a chatid is generated")

	errs := []struct {
		name string
		a    answer
		code int
	}{
		{"unknown member", post(t, s, "/cgi-bin/appchat/create", q, map[string]any{"userlist": []string{"lisi", "ghost"}}), 86216},
		{"one member", post(t, s, "/cgi-bin/appchat/create", q, map[string]any{"userlist": []string{"lisi"}}), 86006},
		{"owner outside", post(t, s, "/cgi-bin/appchat/create", q, map[string]any{"owner": "wangwu", "userlist": []string{"lisi", "zhaoliu"}}), 86216},
		{"taken chatid", post(t, s, "/cgi-bin/appchat/create", q, map[string]any{"chatid": "launch2025", "userlist": []string{"lisi", "zhaoliu"}}), 86001},
		{"bad chatid", post(t, s, "/cgi-bin/appchat/create", q, map[string]any{"chatid": "no-dash", "userlist": []string{"lisi", "zhaoliu"}}), 86001},
		{"get unknown", get(t, s, "/cgi-bin/appchat/get", with(q, "chatid", "nope")), 86003},
		{"send unknown", post(t, s, "/cgi-bin/appchat/send", q, map[string]any{"chatid": "nope", "msgtype": "text", "text": map[string]any{"content": "x"}}), 86003},
		{"send a card", post(t, s, "/cgi-bin/appchat/send", q, map[string]any{"chatid": "launch2025", "msgtype": "template_card", "template_card": map[string]any{}}), 40008},
	}
	for _, e := range errs {
		assert.Equal(t, e.code, e.a.code(t), e.name)
	}
	assert.Len(t, s.Sent(), 1)
}

func TestSentMessagePayloadOfBadBody(t *testing.T) {
	assert.Nil(t, SentMessage{MsgType: "text", Body: json.RawMessage(`nope`)}.Payload())
}
