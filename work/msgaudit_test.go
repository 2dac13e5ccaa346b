package work

// The chat archive's HTTP API (会话内容存档): doc samples of pages 91614
// (get_permit_user_list), 91782 (check_single_agree, check_room_agree),
// 92951 (groupchat/get) and 91774 (get_robot_info, on the page of the
// Finance SDK).

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

func TestMsgAuditDocSamples(t *testing.T) {
	runDocSamples(t, []docCase{
		{
			page: 91614, method: http.MethodPost, path: pathMsgAuditPermitUsers, sample: "msgaudit/get_permit_user_list",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Type int `json:"type"`
				}](t, req)
				return c.MsgAudit.PermitUsers(t.Context(), MsgAuditPermitType(in.Type))
			},
		},
		{
			name: "msgaudit/get_permit_user_list any", page: 91614, method: http.MethodPost, path: pathMsgAuditPermitUsers,
			sample: "msgaudit/get_permit_user_list",
			// type is optional: without it WeCom lists every edition.
			body: `{}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.MsgAudit.PermitUsers(t.Context(), MsgAuditPermitAny)
			},
		},
		{
			page: 91782, method: http.MethodPost, path: pathMsgAuditSingleAgree, sample: "msgaudit/check_single_agree",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					Info []MsgAuditPair `json:"info"`
				}](t, req)
				return c.MsgAudit.CheckSingleAgree(t.Context(), in.Info)
			},
			check: func(t *testing.T, got any) {
				a := got.([]MsgAuditAgreement)
				require.Len(t, a, 3)
				assert.Equal(t, MsgAuditAgree, a[0].Status)
				assert.Equal(t, MsgAuditDisagree, a[1].Status)
				assert.Equal(t, int64(1562766651), a[2].StatusChangeTime)
			},
		},
		{
			page: 91782, method: http.MethodPost, path: pathMsgAuditRoomAgree, sample: "msgaudit/check_room_agree",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					RoomID string `json:"roomid"`
				}](t, req)
				return c.MsgAudit.CheckRoomAgree(t.Context(), in.RoomID)
			},
		},
		{
			page: 92951, method: http.MethodPost, path: pathMsgAuditGroupChatGet, sample: "msgaudit/groupchat/get",
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				in := decodeSample[struct {
					RoomID string `json:"roomid"`
				}](t, req)
				return c.MsgAudit.GroupChat(t.Context(), in.RoomID)
			},
			check: func(t *testing.T, got any) {
				g := got.(*MsgAuditGroupChat)
				require.Len(t, g.Members, 2)
				assert.Equal(t, MsgAuditGroupMember{MemberID: "xujinsheng", JoinTime: 1592377076}, g.Members[1])
			},
		},
		{
			page: 91774, method: http.MethodGet, path: pathMsgAuditRobotInfo, sample: "msgaudit/get_robot_info",
			query: url.Values{"robot_id": {"wbxxxxxxxxxxxxxxxxxxxxxxxx"}},
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.MsgAudit.RobotInfo(t.Context(), "wbxxxxxxxxxxxxxxxxxxxxxxxx")
			},
		},
		{
			// WeCom's numbers as strings, "" for 0: decoded, not failed.
			name: "msgaudit/groupchat/get lenient", page: 92951, method: http.MethodPost, path: pathMsgAuditGroupChatGet,
			sample: "msgaudit/groupchat/get", body: `{"roomid":"wr1"}`,
			reply: `{"errcode":0,"errmsg":"ok","roomname":"r","room_create_time":"1592361604","members":[{"memberid":"a","jointime":""}]}`,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.MsgAudit.GroupChat(t.Context(), "wr1")
			},
			check: func(t *testing.T, got any) {
				g := got.(*MsgAuditGroupChat)
				assert.Equal(t, int64(1592361604), g.CreateTime)
				assert.Equal(t, []MsgAuditGroupMember{{MemberID: "a"}}, g.Members)
			},
		},
	})
}

// Bad input is refused before anything is sent.
func TestMsgAuditInvalidRequests(t *testing.T) {
	c, mt := newTestClient(t)
	ctx := t.Context()
	calls := map[string]func() error{
		"no pairs":   func() error { _, err := c.MsgAudit.CheckSingleAgree(ctx, nil); return err },
		"empty pair": func() error { _, err := c.MsgAudit.CheckSingleAgree(ctx, []MsgAuditPair{{UserID: "u"}}); return err },
		"room agree": func() error { _, err := c.MsgAudit.CheckRoomAgree(ctx, ""); return err },
		"group chat": func() error { _, err := c.MsgAudit.GroupChat(ctx, ""); return err },
		"robot info": func() error { _, err := c.MsgAudit.RobotInfo(ctx, ""); return err },
	}
	for name, call := range calls {
		assert.ErrorIs(t, call(), ErrInvalidMsgAuditRequest, name)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "requests sent")
}

// An archive errcode reaches the caller as its named code.
func TestMsgAuditExpired(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodPost, pathMsgAuditGroupChatGet, `{"errcode":301052,"errmsg":"msgaudit expired"}`)
	_, err := c.MsgAudit.GroupChat(t.Context(), "wr1")
	assert.ErrorIs(t, err, wecom.ErrMsgAuditExpired)
	var apiErr *wecom.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
}
