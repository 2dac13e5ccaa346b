package work_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// The calendar, schedule and meeting-room events (日程 / 会议室 callbacks,
// pages 93704 and 95338) reach their typed handlers through the client's
// callback handler, with their ids.
func TestCalendarCallbacksRoute(t *testing.T) {
	fake := wecomtest.NewServer()
	defer fake.Close()
	c, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1000014, Secret: "oa-secret", Token: cbToken, EncodingAESKey: cbKey})
	require.NoError(t, err)
	got := make(chan string, 8)
	r := message.NewRouter()
	message.On(r, func(_ context.Context, _ *message.Message, p *message.ModifyCalendar) (message.Reply, error) {
		got <- "modify_calendar " + p.CalID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.DeleteCalendar) (message.Reply, error) {
		got <- "delete_calendar " + p.CalID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.AddSchedule) (message.Reply, error) {
		got <- "add_schedule " + p.CalID + " " + p.ScheduleID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.ModifySchedule) (message.Reply, error) {
		got <- "modify_schedule " + p.CalID + " " + p.ScheduleID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.DeleteSchedule) (message.Reply, error) {
		got <- "delete_schedule " + p.CalID + " " + p.ScheduleID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.RespondSchedule) (message.Reply, error) {
		got <- "respond_schedule " + p.ScheduleID
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.BookMeetingRoom) (message.Reply, error) {
		got <- fmt.Sprintf("book_meeting_room %d %s", p.MeetingRoomID, p.BookingID)
		return nil, nil
	})
	message.On(r, func(_ context.Context, _ *message.Message, p *message.CancelMeetingRoom) (message.Reply, error) {
		got <- fmt.Sprintf("cancel_meeting_room %d %s %s", p.MeetingRoomID, p.MeetingID, p.BookingID)
		return nil, nil
	})
	h, err := c.CallbackHandler(r)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	cfg := wecomtest.CallbackConfig{Token: cbToken, EncodingAESKey: cbKey, ReceiverID: "wwcorp", AgentID: "1000014"}
	cases := []struct{ event, fields, want string }{
		{"modify_calendar", `<CalId><![CDATA[wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA]]></CalId>`,
			"modify_calendar wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA"},
		{"delete_calendar", `<CalId><![CDATA[wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA]]></CalId>`,
			"delete_calendar wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA"},
		{"add_schedule", `<CalId><![CDATA[wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA]]></CalId><ScheduleId><![CDATA[17c7d2bd9f20d652840f72f59e796AAA]]></ScheduleId>`,
			"add_schedule wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA 17c7d2bd9f20d652840f72f59e796AAA"},
		{"modify_schedule", `<CalId><![CDATA[wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA]]></CalId><ScheduleId><![CDATA[17c7d2bd9f20d652840f72f59e796AAA]]></ScheduleId>`,
			"modify_schedule wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA 17c7d2bd9f20d652840f72f59e796AAA"},
		{"delete_schedule", `<CalId><![CDATA[wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA]]></CalId><ScheduleId><![CDATA[17c7d2bd9f20d652840f72f59e796AAA]]></ScheduleId>`,
			"delete_schedule wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA 17c7d2bd9f20d652840f72f59e796AAA"},
		{"respond_schedule", `<CalId><![CDATA[wcjgewCwAAqeJcPI1d8Pwbjt7nttzAAA]]></CalId><ScheduleId><![CDATA[17c7d2bd9f20d652840f72f59e796AAA]]></ScheduleId>`,
			"respond_schedule 17c7d2bd9f20d652840f72f59e796AAA"},
		{"book_meeting_room", `<MeetingRoomId>1</MeetingRoomId><BookingId><![CDATA[bkebsada6e027c123cbafAAA]]></BookingId>`,
			"book_meeting_room 1 bkebsada6e027c123cbafAAA"},
		{"cancel_meeting_room", `<MeetingRoomId>2</MeetingRoomId><MeetingId><![CDATA[mtebsada6e027c123cbafAAA]]></MeetingId><BookingId><![CDATA[bk2]]></BookingId>`,
			"cancel_meeting_room 2 mtebsada6e027c123cbafAAA bk2"},
		// A booking made without a meeting carries no MeetingId.
		{"cancel_meeting_room", `<MeetingRoomId>3</MeetingRoomId><BookingId><![CDATA[bk3]]></BookingId>`,
			"cancel_meeting_room 3  bk3"},
	}
	for i, tc := range cases {
		event := fmt.Sprintf(`<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>`+
			`<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[%s]]></Event>%s</xml>`,
			1403610513+i, tc.event, tc.fields)
		reply, err := fake.SendCallback(t.Context(), srv.URL+"/callback", cfg, []byte(event))
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, reply.StatusCode, tc.event)
		select {
		case g := <-got:
			assert.Equal(t, tc.want, g)
		default:
			t.Fatalf("%s did not reach its handler", tc.event)
		}
	}

	// WeCom delivers again when it got no answer in time: the same event
	// reaches its handler once.
	event := `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
		`<CreateTime>1403610999</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[book_meeting_room]]></Event>` +
		`<MeetingRoomId>7</MeetingRoomId><BookingId><![CDATA[bk7]]></BookingId></xml>`
	for range 2 {
		reply, err := fake.SendCallback(t.Context(), srv.URL+"/callback", cfg, []byte(event))
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, reply.StatusCode)
	}
	require.Len(t, got, 1, "handled once")
	assert.Equal(t, "book_meeting_room 7 bk7", <-got)
}
