package aibot

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/crypto"
)

// Samples of the official pages (100719 receiving messages, 101027 events).
const (
	sampleText = `{
    "msgid": "CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=",
    "aibotid": "AIBOTID",
    "chatid": "CHATID",
    "chattype": "group",
    "from": {"userid": "USERID"},
    "response_url": "RESPONSEURL",
    "msgtype": "text",
    "text": {"content": "@RobotA hello robot"},
    "quote": {"msgtype": "text", "text": {"content": "quoted text"}}
}`
	sampleImage = `{"msgid":"CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=","aibotid":"AIBOTID","chattype":"single","from":{"userid":"USERID"},"response_url":"RESPONSEURL","msgtype":"image","image":{"url":"URL"}}`
	sampleMixed = `{"msgid":"CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=","aibotid":"AIBOTID","chatid":"CHATID","chattype":"group","from":{"userid":"USERID"},"response_url":"RESPONSEURL","msgtype":"mixed","mixed":{"msg_item":[{"msgtype":"text","text":{"content":"@机器人 这是今日的测试情况"}},{"msgtype":"image","image":{"url":"URL"}}]}}`
	sampleVoice = `{"msgid":"CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=","aibotid":"AIBOTID","chattype":"single","from":{"userid":"USERID"},"response_url":"RESPONSEURL","msgtype":"voice","voice":{"content":"这是语音转成文本的内容"}}`
	sampleFile  = `{"msgid":"CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=","aibotid":"AIBOTID","chattype":"single","from":{"userid":"USERID"},"response_url":"RESPONSEURL","msgtype":"file","file":{"url":"URL"}}`

	sampleEnterChat = `{"msgid":"CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=","create_time":1700000000,"aibotid":"AIBOTID","from":{"corpid":"wpxxxx","userid":"USERID"},"msgtype":"event","event":{"eventtype":"enter_chat"}}`
	sampleCardEvent = `{"msgid":"CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=","create_time":1700000000,"aibotid":"AIBOTID","chatid":"CHATID","chattype":"group","from":{"userid":"USERID"},"response_url":"RESPONSEURL","msgtype":"event","event":{"eventtype":"template_card_event","template_card_event":{"card_type":"vote_interaction","event_key":"button_replace_text","task_id":"TASKID","selected_items":{"selected_item":[{"question_key":"QUESTIONKEY","option_ids":{"option_id":["one","two"]}}]}}}}`
	sampleFeedback  = `{"msgid":"CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=","create_time":"1700000000","aibotid":"AIBOTID","chattype":"single","from":{"userid":"USERID"},"msgtype":"event","event":{"eventtype":"feedback_event","feedback_event":{"id":"FEEDBACKID","type":2,"content":"not quite","inaccurate_reason_list":[2,4]}}}`
)

// recorder is a handler that keeps what it got and answers with reply.
type recorder struct {
	mu    sync.Mutex
	got   []*Message
	reply Reply
	err   error
}

func (r *recorder) ServeBot(_ context.Context, m *Message) (Reply, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, m)
	return r.reply, r.err
}

func (r *recorder) calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.got)
}

func TestVerifyURL(t *testing.T) {
	c := newCrypt(t)
	s := NewServer(c, nil)
	echostr, err := c.Encrypt([]byte("1616140317555161061"))
	require.NoError(t, err)
	ts := strconv.FormatInt(testTime.Unix(), 10)
	q := url.Values{"msg_signature": {crypto.Signature(testToken, ts, "n", echostr)}, "timestamp": {ts}, "nonce": {"n"}, "echostr": {echostr}}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/bot?"+q.Encode(), nil))
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "1616140317555161061", w.Body.String())

	q.Set("msg_signature", strings.Repeat("0", 40))
	w = httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/bot?"+q.Encode(), nil))
	assert.Equal(t, http.StatusUnauthorized, w.Code)
}

func TestTextMessageTypedAndReplied(t *testing.T) {
	c := newCrypt(t)
	h := &recorder{reply: &StreamReply{ID: "STREAMID", Content: "hi", FeedbackID: "FB"}}
	s := NewServer(c, h)
	w := sign(t, c, sampleText, testTime).post(s)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, contentTypeJSON, w.Header().Get("Content-Type"))
	require.Equal(t, 1, h.calls())
	m := h.got[0]
	assert.Equal(t, "CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=", m.MsgID, "the escaped slash is decoded")
	assert.Equal(t, "AIBOTID", m.AIBotID)
	assert.Equal(t, "CHATID", m.ChatID)
	assert.Equal(t, ChatGroup, m.ChatType)
	assert.Equal(t, "USERID", m.From.UserID)
	assert.Equal(t, "RESPONSEURL", m.ResponseURL)
	assert.Equal(t, MsgTypeText, m.MsgType)
	require.NotNil(t, m.Text)
	assert.Equal(t, "@RobotA hello robot", m.Text.Content)
	require.NotNil(t, m.Quote)
	assert.Equal(t, "quoted text", m.Quote.Text.Content)
	assert.JSONEq(t, sampleText, string(m.Raw))

	assert.JSONEq(t, `{"msgtype":"stream","stream":{"id":"STREAMID","finish":false,"content":"hi","feedback":{"id":"FB"}}}`,
		openReply(t, c, w.Body.Bytes()))
}

func TestTypedMessagesAndEvents(t *testing.T) {
	c := newCrypt(t)
	for _, tt := range []struct {
		name, plain string
		check       func(t *testing.T, m *Message)
	}{
		{"image", sampleImage, func(t *testing.T, m *Message) {
			assert.Equal(t, ChatSingle, m.ChatType)
			assert.Equal(t, "URL", m.Image.URL)
		}},
		{"mixed", sampleMixed, func(t *testing.T, m *Message) {
			require.Len(t, m.Mixed.Items, 2)
			assert.Equal(t, "@机器人 这是今日的测试情况", m.Mixed.Items[0].Text.Content)
			assert.Equal(t, MsgTypeImage, m.Mixed.Items[1].MsgType)
			assert.Equal(t, "URL", m.Mixed.Items[1].Image.URL)
		}},
		{"voice", sampleVoice, func(t *testing.T, m *Message) { assert.Equal(t, "这是语音转成文本的内容", m.Voice.Content) }},
		{"file", sampleFile, func(t *testing.T, m *Message) { assert.Equal(t, "URL", m.File.URL) }},
		{"enter_chat", sampleEnterChat, func(t *testing.T, m *Message) {
			assert.Equal(t, "event:enter_chat", m.Kind())
			assert.Equal(t, int64(1700000000), m.CreateTime)
			assert.Equal(t, "wpxxxx", m.From.CorpID)
			assert.Equal(t, EventEnterChat, m.Event.EventType)
			assert.JSONEq(t, `{"eventtype":"enter_chat"}`, string(m.Event.Raw))
		}},
		{"template_card_event", sampleCardEvent, func(t *testing.T, m *Message) {
			e := m.Event.TemplateCard
			require.NotNil(t, e)
			assert.Equal(t, CardVoteInteraction, e.CardType)
			assert.Equal(t, "button_replace_text", e.EventKey)
			assert.Equal(t, "TASKID", e.TaskID)
			require.Len(t, e.SelectedItems.Items, 1)
			assert.Equal(t, "QUESTIONKEY", e.SelectedItems.Items[0].QuestionKey)
			assert.Equal(t, []string{"one", "two"}, e.SelectedItems.Items[0].OptionIDs.IDs)
		}},
		{"feedback_event", sampleFeedback, func(t *testing.T, m *Message) {
			assert.Equal(t, int64(1700000000), m.CreateTime, "a time sent as a string")
			f := m.Event.Feedback
			require.NotNil(t, f)
			assert.Equal(t, FeedbackEvent{ID: "FEEDBACKID", Type: 2, Content: "not quite", InaccurateReasons: []int{2, 4}}, *f)
		}},
		{"unknown type", `{"msgid":"X1","aibotid":"B","msgtype":"video","video":{"url":"U"}}`, func(t *testing.T, m *Message) {
			assert.Equal(t, "video", m.MsgType)
			assert.Nil(t, m.Text)
			assert.JSONEq(t, `{"msgid":"X1","aibotid":"B","msgtype":"video","video":{"url":"U"}}`, string(m.Raw))
		}},
		{"odd field", `{"msgid":"X2","aibotid":"B","chattype":7,"msgtype":"text","text":{"content":"still here"}}`, func(t *testing.T, m *Message) {
			assert.Empty(t, m.ChatType)
			assert.Equal(t, "still here", m.Text.Content, "one odd field never loses a callback")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := &recorder{}
			w := sign(t, c, tt.plain, testTime).post(NewServer(c, h))
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Empty(t, w.Body.String(), "no reply: an empty body")
			require.Equal(t, 1, h.calls())
			tt.check(t, h.got[0])
		})
	}
}

func TestReplies(t *testing.T) {
	card := &TemplateCard{
		CardType:   CardButtonInteraction,
		MainTitle:  &CardTitle{Title: "欢迎使用企业微信", Desc: "您的好友正在邀请您加入企业微信"},
		ButtonList: []CardButton{{Text: "按钮1", Style: 1, Key: "BUTTONKEYONE"}},
		TaskID:     "TASKID",
	}
	for _, tt := range []struct {
		reply Reply
		want  string
	}{
		{&TextReply{Content: "hello\nI'm RobotA\n"}, `{"msgtype":"text","text":{"content":"hello\nI'm RobotA\n"}}`},
		{&CardReply{Card: card}, `{"msgtype":"template_card","template_card":{"card_type":"button_interaction","main_title":{"title":"欢迎使用企业微信","desc":"您的好友正在邀请您加入企业微信"},"button_list":[{"text":"按钮1","style":1,"key":"BUTTONKEYONE"}],"task_id":"TASKID"}}`},
		{&CardUpdateReply{UserIDs: []string{"USERID1"}, Card: card}, `{"response_type":"update_template_card","userids":["USERID1"],"template_card":{"card_type":"button_interaction","main_title":{"title":"欢迎使用企业微信","desc":"您的好友正在邀请您加入企业微信"},"button_list":[{"text":"按钮1","style":1,"key":"BUTTONKEYONE"}],"task_id":"TASKID"}}`},
		{&StreamReply{ID: "S", Content: "**done**", Finish: true, MsgItems: []MsgItem{ImageItem([]byte("png"))}},
			`{"msgtype":"stream","stream":{"id":"S","finish":true,"content":"**done**","msg_item":[{"msgtype":"image","image":{"base64":"cG5n","md5":"bff139fa05ac583f685a523ab3d110a0"}}]}}`},
		{&StreamReply{ID: "S", Content: "a", MsgItems: []MsgItem{ImageItem([]byte("png"))}, Card: &TemplateCard{CardType: CardTextNotice}},
			`{"msgtype":"stream_with_template_card","stream":{"id":"S","finish":false,"content":"a"},"template_card":{"card_type":"text_notice"}}`},
		{&MarkdownReply{Content: "# hi"}, `{"msgtype":"markdown","markdown":{"content":"# hi"}}`},
	} {
		b, err := tt.reply.MarshalBotReply()
		require.NoError(t, err)
		assert.JSONEq(t, tt.want, string(b))
	}
	_, err := (&StreamReply{}).MarshalBotReply()
	assert.Error(t, err)
	_, err = (&CardReply{}).MarshalBotReply()
	assert.Error(t, err)
}

func TestRejectsBadInput(t *testing.T) {
	c := newCrypt(t)
	h := &recorder{}
	var errs []error
	var mu sync.Mutex
	s := NewServer(c, h, WithErrorHandler(func(_ *http.Request, err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }))

	good := sign(t, c, sampleText, testTime)
	forged := good
	forged.query = url.Values{}
	for k, v := range good.query {
		forged.query[k] = v
	}
	forged.query.Set("msg_signature", strings.Repeat("a", 40))
	assert.Equal(t, http.StatusUnauthorized, forged.post(s).Code)

	old := sign(t, c, sampleText, testTime.Add(-10*time.Minute))
	assert.Equal(t, http.StatusForbidden, old.post(s).Code, "outside the replay window")

	other, err := crypto.New(testToken, testKey, "wwcorp")
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, sign(t, other, sampleText, testTime).post(s).Code, "a bot's receive id is \"\"")

	notJSON := good
	notJSON.body = []byte(`<xml><Encrypt>x</Encrypt></xml>`)
	assert.Equal(t, http.StatusBadRequest, notJSON.post(s).Code)
	assert.Equal(t, http.StatusBadRequest, sign(t, c, `["not an object"]`, testTime).post(s).Code)

	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodPut, "/bot", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)

	assert.Zero(t, h.calls(), "bad input never reaches the handler")
	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, errs)
	assert.ErrorIs(t, errs[0], crypto.ErrSignature)
	for _, err := range errs {
		assert.NotContains(t, err.Error(), testToken)
		assert.NotContains(t, err.Error(), testKey)
	}
}

func TestDedupByMsgID(t *testing.T) {
	c := newCrypt(t)
	h := &recorder{reply: &TextReply{Content: "welcome"}}
	s := NewServer(c, h)
	cb := sign(t, c, sampleEnterChat, testTime)
	first := cb.post(s)
	require.Equal(t, http.StatusOK, first.Code)
	again := cb.post(s)
	require.Equal(t, http.StatusOK, again.Code)
	assert.Equal(t, first.Body.String(), again.Body.String(), "a copy gets the same encrypted reply")
	// WeCom re-sends with a new signature and nonce: still the same msgid.
	resend := sign(t, c, sampleEnterChat, testTime.Add(time.Second)).post(s)
	assert.Equal(t, first.Body.String(), resend.Body.String())
	assert.Equal(t, 1, h.calls(), "handled once")

	// A failed callback is handled again when re-sent.
	h2 := &recorder{err: errors.New("boom")}
	s2 := NewServer(c, h2)
	assert.Equal(t, http.StatusInternalServerError, cb.post(s2).Code)
	assert.Equal(t, http.StatusInternalServerError, cb.post(s2).Code)
	assert.Equal(t, 2, h2.calls())

	// Off: every copy is handled.
	h3 := &recorder{}
	s3 := NewServer(c, h3, WithDedup(nil, 0))
	cb.post(s3)
	cb.post(s3)
	assert.Equal(t, 2, h3.calls())
}

func TestHandlerBudgetAndAsync(t *testing.T) {
	c := newCrypt(t)
	var deadline time.Duration
	s := NewServer(c, HandlerFunc(func(ctx context.Context, _ *Message) (Reply, error) {
		d, ok := ctx.Deadline()
		require.True(t, ok)
		deadline = time.Until(d)
		return nil, nil
	}))
	require.Equal(t, http.StatusOK, sign(t, c, sampleText, testTime).post(s).Code)
	assert.InDelta(t, float64(callbackWait-callbackMargin), float64(deadline), float64(time.Second))

	var handled atomic.Int32
	done := make(chan struct{})
	as := NewServer(c, HandlerFunc(func(context.Context, *Message) (Reply, error) {
		handled.Add(1)
		close(done)
		return &TextReply{Content: "dropped"}, nil
	}), WithAsync(1, 1))
	w := sign(t, c, sampleEnterChat, testTime).post(as)
	require.Equal(t, http.StatusOK, w.Code)
	assert.Empty(t, w.Body.String(), "async mode acknowledges at once")
	<-done
	require.NoError(t, as.Shutdown(context.Background()))
	assert.Equal(t, int32(1), handled.Load())
	assert.Equal(t, http.StatusServiceUnavailable, sign(t, c, sampleText, testTime).post(as).Code)
}

func TestHookAndPanic(t *testing.T) {
	c := newCrypt(t)
	hookErr := errors.New("no")
	h := &recorder{}
	s := NewServer(c, h, WithHook(func(context.Context, *Message) error { return hookErr }))
	assert.Equal(t, http.StatusInternalServerError, sign(t, c, sampleText, testTime).post(s).Code)
	assert.Zero(t, h.calls())

	var got error
	p := NewServer(c, HandlerFunc(func(context.Context, *Message) (Reply, error) { panic("bad") }),
		WithErrorHandler(func(_ *http.Request, err error) { got = err }))
	assert.Equal(t, http.StatusInternalServerError, sign(t, c, sampleText, testTime).post(p).Code)
	assert.ErrorIs(t, got, ErrHandler)
}

func TestHandleCallback(t *testing.T) {
	c := newCrypt(t)
	s := NewServer(c, &recorder{reply: &TextReply{Content: "x"}})
	cb := sign(t, c, sampleEnterChat, testTime)
	resp, err := s.HandleCallback(context.Background(), cb.query.Get("msg_signature"), cb.query.Get("timestamp"), cb.query.Get("nonce"), cb.body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"msgtype":"text","text":{"content":"x"}}`, openReply(t, c, resp))
	_, err = s.HandleCallback(context.Background(), "", "1", "n", cb.body)
	assert.ErrorIs(t, err, ErrBadRequest)
}

func TestStatusCode(t *testing.T) {
	assert.Equal(t, 200, StatusCode(nil))
	assert.Equal(t, 401, StatusCode(crypto.ErrSignature))
	assert.Equal(t, 400, StatusCode(ErrParse))
	assert.Equal(t, 403, StatusCode(ErrTimestamp))
	assert.Equal(t, 413, StatusCode(ErrBodyTooLarge))
	assert.Equal(t, 503, StatusCode(ErrInProgress))
	assert.Equal(t, 500, StatusCode(errors.Join(ErrHandler, ErrParse)))
}
