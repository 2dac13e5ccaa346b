package work_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// The meeting and living events reach their typed handlers through the
// client's callback handler, with their ids, sent as the pages print them
// (modify_meeting 99081, cancel_meeting 99082, living_status_change 94145;
// only CreateTime differs from one to the next, so that none is taken for
// a repeat). The meeting_change kinds package message does not type
// (meeting_start 98333, delete_recording 98404) and the start statistics
// event (99648) reach the fallback, not a meeting handler.
func TestMeetingCallbacksRoute(t *testing.T) {
	fake := wecomtest.NewServer()
	defer fake.Close()
	c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1000014, Secret: "meeting-secret", Token: cbToken, EncodingAESKey: cbKey})
	require.NoError(t, err)
	got := make(chan string, 8)
	r := message.NewRouter()
	message.On(r, func(_ context.Context, m *message.Message, p *message.ModifyMeeting) (message.Reply, error) {
		got <- "modify_meeting " + m.FromUserName + " " + p.MeetingID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.CancelMeeting) (message.Reply, error) {
		got <- "cancel_meeting " + p.MeetingID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.LivingStatusChange) (message.Reply, error) {
		got <- fmt.Sprintf("living_status_change %s %d", p.LivingID, p.Status)
		return nil, nil
	})
	r.Fallback(message.HandlerFunc(func(_ context.Context, m *message.Message) (message.Reply, error) {
		got <- "fallback " + m.Event
		return nil, nil
	}))
	h, err := c.CallbackHandler(r)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	cfg := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey, ReceiverID: "wwcorp", AgentID: "1000014"}

	const meetingID = `<MeetingId><![CDATA[wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA]]></MeetingId>`
	cases := []struct{ name, body, want string }{
		{"modify_meeting", `<FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>%d</CreateTime>` +
			`<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[meeting_change]]></Event>` +
			`<ChangeType><![CDATA[modify_meeting]]></ChangeType>` + meetingID,
			"modify_meeting fromUser wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA"},
		{"cancel_meeting", `<FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>%d</CreateTime>` +
			`<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[meeting_change]]></Event>` +
			`<ChangeType><![CDATA[cancel_meeting]]></ChangeType>` + meetingID,
			"cancel_meeting wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA"},
		{"living_status_change", `<FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>%d</CreateTime>` +
			`<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[living_status_change]]></Event>` +
			`<LivingId><![CDATA[LivingId]]></LivingId><Status>1</Status><AgentID>1</AgentID>`,
			"living_status_change LivingId 1"},
		{"meeting_start", `<FromUserName><![CDATA[userId]]></FromUserName><FromUserTmpOpenId><![CDATA[tmpOpenId]]></FromUserTmpOpenId>` +
			`<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[meeting_change]]></Event>` +
			`<ChangeType><![CDATA[meeting_start]]></ChangeType>` + meetingID,
			"fallback meeting_change"},
		{"delete_recording", `<FromUserName><![CDATA[userId]]></FromUserName><FromUserTmpOpenId><![CDATA[tmpOpenId]]></FromUserTmpOpenId>` +
			`<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[meeting_change]]></Event>` +
			`<ChangeType><![CDATA[delete_recording]]></ChangeType>` + meetingID,
			"fallback meeting_change"},
		{"start_meeting", `<FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>%d</CreateTime>` +
			`<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[meeting_statistics]]></Event>` +
			`<ChangeType><![CDATA[start_meeting]]></ChangeType><Status>1</Status>`,
			"fallback meeting_statistics"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			event := `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName>` + fmt.Sprintf(tc.body, 1348831860+i) + `</xml>`
			require.Equal(t, 1, strings.Count(event, "<CreateTime>"))
			reply, err := fake.SendCallback(t.Context(), srv.URL+"/callback", cfg, []byte(event))
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, reply.StatusCode)
			select {
			case g := <-got:
				assert.Equal(t, tc.want, g)
			default:
				t.Fatalf("%s reached no handler", tc.name)
			}
			select {
			case g := <-got:
				t.Fatalf("%s handled twice (%s)", tc.name, g)
			default:
			}
		})
	}
}
