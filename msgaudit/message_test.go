package msgaudit_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/msgaudit"
)

// contentKey is where a msgtype's content sits in the message, when not
// under its own name (page 91774).
var contentKey = map[string]string{
	"docmsg": "doc", "markdown": "info", "news": "info", "qydiskfile": "info", "external_redpacket": "redpacket",
}

// The message formats of page 91774, one sample per msgtype: every
// documented field reaches the caller through the typed content.
func TestParseMessageDocSamples(t *testing.T) {
	b, err := os.ReadFile("testdata/messages.json")
	require.NoError(t, err)
	var samples []json.RawMessage
	require.NoError(t, json.Unmarshal(b, &samples))
	seen := map[string]bool{}
	for i, raw := range samples {
		var obj map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &obj))
		var head struct {
			MsgID   string   `json:"msgid"`
			Action  string   `json:"action"`
			From    string   `json:"from"`
			ToList  []string `json:"tolist"`
			RoomID  string   `json:"roomid"`
			MsgTime int64    `json:"msgtime"`
			MsgType string   `json:"msgtype"`
		}
		require.NoError(t, json.Unmarshal(raw, &head))
		name := head.MsgType
		if name == "" {
			name = head.Action
		}
		t.Run(name, func(t *testing.T) {
			m, err := msgaudit.ParseMessage(raw, uint64(i+1), 3)
			require.NoError(t, err)
			assert.Equal(t, uint64(i+1), m.Seq)
			assert.Equal(t, 3, m.PublicKeyVersion)
			assert.Equal(t, head.MsgID, m.ID)
			assert.Equal(t, head.Action, m.Action)
			assert.JSONEq(t, string(raw), string(m.Raw))
			if head.Action == "switch" {
				sw, ok := m.Content.(*msgaudit.Switch)
				require.True(t, ok, "%T", m.Content)
				assert.Equal(t, "XuJinSheng", sw.User)
				assert.Equal(t, time.UnixMilli(1554119421840), sw.Time)
				assert.Equal(t, "switch", m.Type)
				seen["switch"] = true
				return
			}
			assert.Equal(t, head.From, m.From)
			assert.Equal(t, head.ToList, m.ToList)
			assert.Equal(t, head.RoomID, m.RoomID)
			assert.Equal(t, time.UnixMilli(head.MsgTime), m.Time)
			assert.Equal(t, head.MsgType, m.Type)
			require.NotNil(t, m.Content)
			_, unknown := m.Content.(*msgaudit.Unknown)
			require.False(t, unknown, "msgtype %s not typed", head.MsgType)
			assert.Equal(t, head.MsgType, m.Content.MsgType())
			key := contentKey[head.MsgType]
			if key == "" {
				key = head.MsgType
			}
			// The typed content, encoded with its own tags, is the
			// documented content: every field and value, none lost.
			got, err := json.Marshal(m.Content)
			require.NoError(t, err)
			assert.JSONEq(t, string(obj[key]), string(got))
			switch c := m.Content.(type) {
			case *msgaudit.MeetingVoiceCall:
				assert.Equal(t, "grb8a4c48a3c094a70982c518d55e40557", c.VoiceID)
			case *msgaudit.VoipDocShare:
				assert.Equal(t, "gr2751c98b19300571f8afb3b74514bd32", c.VoipID)
			case *msgaudit.VoipText:
				assert.Equal(t, "gr2751c98b19300571f8afb3b74514bd33", c.VoipID)
			}
			seen[head.MsgType] = true
		})
	}
	for _, typ := range []string{"text", "image", "revoke", "agree", "disagree", "voice", "video", "card", "location",
		"emotion", "file", "link", "weapp", "chatrecord", "todo", "vote", "collect", "redpacket", "meeting", "docmsg",
		"markdown", "news", "calendar", "mixed", "meeting_voice_call", "voip_doc_share", "external_redpacket", "sphfeed",
		"voiptext", "qydiskfile", "switch"} {
		assert.True(t, seen[typ], "no sample of %s", typ)
	}
}

// Media messages name their file with what Media checks it against.
func TestMediaFiles(t *testing.T) {
	m, err := msgaudit.ParseMessage([]byte(`{"msgid":"a","action":"send","msgtype":"file","file":{"md5sum":"18e93fc2ea884df23b3d2d3b8667b9f0","filename":"x.docx","fileext":"docx","filesize":18181,"sdkfileid":"FID"}}`), 1, 1)
	require.NoError(t, err)
	assert.Equal(t, msgaudit.MediaFile{SDKFileID: "FID", Size: 18181, MD5Sum: "18e93fc2ea884df23b3d2d3b8667b9f0"}, m.Content.(*msgaudit.File).File())
	m, err = msgaudit.ParseMessage([]byte(`{"msgtype":"voice","voice":{"md5sum":"m","voice_size":6810,"play_length":10,"sdkfileid":"V"}}`), 2, 1)
	require.NoError(t, err)
	assert.Equal(t, msgaudit.MediaFile{SDKFileID: "V", Size: 6810, MD5Sum: "m"}, m.Content.(*msgaudit.Voice).File())
}

// One odd field never fails a message: numbers as strings are read,
// other shapes are left zero, unreadable or unknown content keeps its raw
// JSON; only a message that is not a JSON object is an error.
func TestParseMessageLenient(t *testing.T) {
	m, err := msgaudit.ParseMessage([]byte(`{"msgid":"m","action":"send","from":"a","tolist":"b","msgtime":"1691386666454","msgtype":"file",
		"file":{"sdkfileid":"F","md5sum":"d","filename":"a.xls","fileext":"xls","filesize":"32768"}}`), 7, 1)
	require.NoError(t, err)
	assert.Equal(t, time.UnixMilli(1691386666454), m.Time)
	assert.Equal(t, []string{"b"}, m.ToList)
	f, ok := m.Content.(*msgaudit.File)
	require.True(t, ok, "%T", m.Content)
	assert.Equal(t, msgaudit.Int(32768), f.FileSize)

	m, err = msgaudit.ParseMessage([]byte(`{"msgtype":"image","image":{"filesize":{"odd":1},"md5sum":"x","sdkfileid":"I"}}`), 8, 1)
	require.NoError(t, err)
	img, ok := m.Content.(*msgaudit.Image)
	require.True(t, ok, "%T", m.Content)
	assert.Equal(t, "I", img.SDKFileID)
	assert.Zero(t, img.FileSize)

	for name, raw := range map[string]string{
		"unknown type":   `{"msgid":"u","msgtype":"hologram","hologram":{"x":1}}`,
		"content absent": `{"msgid":"u","msgtype":"text"}`,
		"content shape":  `{"msgid":"u","msgtype":"text","text":"not an object"}`,
	} {
		m, err := msgaudit.ParseMessage([]byte(raw), 9, 1)
		require.NoError(t, err, name)
		u, ok := m.Content.(*msgaudit.Unknown)
		require.True(t, ok, "%s: %T", name, m.Content)
		assert.JSONEq(t, raw, string(u.Raw), name)
		assert.Equal(t, m.Type, u.MsgType(), name)
	}
	for _, raw := range []string{``, `null`, `[]`, `"text"`, `{"msgid":`} {
		_, err := msgaudit.ParseMessage([]byte(raw), 10, 1)
		assert.Error(t, err, raw)
	}
}
