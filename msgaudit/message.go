package msgaudit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Message is one archived message, decrypted.
type Message struct {
	// Seq is the record's sequence number: pass the last one handled to
	// Messages to resume after it.
	Seq uint64
	// ID is the message id (msgid), unique: use it to drop duplicates.
	// An id ending in "_external" is a message with external contacts.
	ID string
	// PublicKeyVersion is the version of the key the record was
	// encrypted with.
	PublicKeyVersion int
	// Action is "send", "recall" or "switch" (a member switched corps;
	// Content is then *Switch).
	Action string
	// From is the sender: a userid, an external userid ("wm…", "wo…") or
	// a robot ("wb…").
	From string
	// ToList are the receivers.
	ToList []string
	// RoomID is the group chat; "" for a one-to-one chat.
	RoomID string
	// Time is when the message was sent (msgtime, in milliseconds).
	Time time.Time
	// Type is the msgtype, e.g. "text"; "switch" for a switch record.
	Type string
	// Content is the typed content: *Text, *Image, ... one type per
	// msgtype the docs list, or *Unknown for any other type (and for
	// content whose shape could not be read).
	Content Content
	// Raw is the whole decrypted message as WeCom sent it.
	Raw json.RawMessage
}

// Content is the typed content of a Message.
type Content interface {
	// MsgType is the msgtype it is the content of.
	MsgType() string
}

// MediaFile names a media file of the archive and what to check it
// against; Media downloads it.
type MediaFile struct {
	// SDKFileID is the file's sdkfileid.
	SDKFileID string
	// Size is its size in bytes as the message announced it; 0 when
	// unknown (not checked).
	Size int64
	// MD5Sum is its MD5 in hex as announced; "" when unknown (not
	// checked).
	MD5Sum string
}

// Int is an integer WeCom sends as a JSON number or as a string holding
// one ("" is 0).
type Int int64

// UnmarshalJSON implements json.Unmarshaler. A value of another shape is
// read as 0 rather than failing the message.
func (n *Int) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = Int(v)
	} else if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		*n = Int(f)
	}
	return nil
}

// Float is a number WeCom sends as a JSON number or as a string holding
// one.
type Float float64

// UnmarshalJSON implements json.Unmarshaler; another shape reads as 0.
func (f *Float) UnmarshalJSON(b []byte) error {
	if v, err := strconv.ParseFloat(string(bytes.Trim(b, `"`)), 64); err == nil {
		*f = Float(v)
	}
	return nil
}

// Bool is a flag WeCom sends as true/false, 1/0 or a string of those.
type Bool bool

// UnmarshalJSON implements json.Unmarshaler; another shape reads as false.
func (v *Bool) UnmarshalJSON(b []byte) error {
	switch string(bytes.Trim(b, `"`)) {
	case "true", "1":
		*v = true
	default:
		*v = false
	}
	return nil
}

// Text is a text message.
type Text struct {
	Content string `json:"content"`
}

// Image is a picture (jpg); download it with Media(ctx, c.File(), w).
type Image struct {
	MD5Sum    string `json:"md5sum"`
	FileSize  Int    `json:"filesize"`
	SDKFileID string `json:"sdkfileid"`
}

// Revoke is a recalled message (action "recall").
type Revoke struct {
	// PreMsgID is the id of the message recalled.
	PreMsgID string `json:"pre_msgid"`
}

// Agree records that an external contact agreed to archiving.
type Agree struct {
	UserID    string `json:"userid"`
	AgreeTime Int    `json:"agree_time"`
}

// Disagree records that an external contact refused archiving.
type Disagree struct {
	UserID       string `json:"userid"`
	DisagreeTime Int    `json:"disagree_time"`
}

// Voice is a voice message (amr).
type Voice struct {
	MD5Sum     string `json:"md5sum"`
	VoiceSize  Int    `json:"voice_size"`
	PlayLength Int    `json:"play_length"`
	SDKFileID  string `json:"sdkfileid"`
}

// Video is a video (mp4).
type Video struct {
	MD5Sum     string `json:"md5sum"`
	FileSize   Int    `json:"filesize"`
	PlayLength Int    `json:"play_length"`
	SDKFileID  string `json:"sdkfileid"`
}

// Card is a shared contact card.
type Card struct {
	CorpName string `json:"corpname"`
	UserID   string `json:"userid"`
}

// Location is a shared location.
type Location struct {
	Longitude Float  `json:"longitude"`
	Latitude  Float  `json:"latitude"`
	Address   string `json:"address"`
	Title     string `json:"title"`
	Zoom      Int    `json:"zoom"`
}

// Emotion is a sticker; Type is 1 for gif, 2 for png.
type Emotion struct {
	Type      Int    `json:"type"`
	Width     Int    `json:"width"`
	Height    Int    `json:"height"`
	ImageSize Int    `json:"imagesize"`
	MD5Sum    string `json:"md5sum"`
	SDKFileID string `json:"sdkfileid"`
}

// File is a file.
type File struct {
	MD5Sum    string `json:"md5sum"`
	FileName  string `json:"filename"`
	FileExt   string `json:"fileext"`
	FileSize  Int    `json:"filesize"`
	SDKFileID string `json:"sdkfileid"`
}

// Link is a link card.
type Link struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	LinkURL     string `json:"link_url"`
	ImageURL    string `json:"image_url"`
}

// Weapp is a mini program card.
type Weapp struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Username    string `json:"username"`
	DisplayName string `json:"displayname"`
}

// ChatRecord is a forwarded chat history.
type ChatRecord struct {
	Title string           `json:"title"`
	Items []ChatRecordItem `json:"item"`
}

// ChatRecordItem is one message of a ChatRecord. Type is e.g.
// "ChatRecordText" or "ChatRecordImage"; Content is that message's JSON,
// as a string.
type ChatRecordItem struct {
	Type         string `json:"type"`
	MsgTime      Int    `json:"msgtime"`
	Content      string `json:"content"`
	FromChatroom Bool   `json:"from_chatroom"`
}

// Todo is a to-do item.
type Todo struct {
	Title   string `json:"title"`
	Content string `json:"content"`
}

// Vote is a vote (VoteType 101 starts one, 102 casts one).
type Vote struct {
	VoteTitle string   `json:"votetitle"`
	VoteItems []string `json:"voteitem"`
	VoteType  Int      `json:"votetype"`
	VoteID    string   `json:"voteid"`
}

// Collect is a form (填表).
type Collect struct {
	RoomName   string          `json:"room_name"`
	Creator    string          `json:"creator"`
	CreateTime string          `json:"create_time"`
	Title      string          `json:"title"`
	Details    []CollectDetail `json:"details"`
}

// CollectDetail is one question of a Collect form.
type CollectDetail struct {
	ID   Int    `json:"id"`
	Ques string `json:"ques"`
	Type string `json:"type"`
}

// RedPacket is a red packet; TotalAmount is in fen.
type RedPacket struct {
	Type        Int    `json:"type"`
	Wish        string `json:"wish"`
	TotalCount  Int    `json:"totalcnt"`
	TotalAmount Int    `json:"totalamount"`
}

// ExternalRedPacket is a red packet exchanged with WeChat users (互通红包).
type ExternalRedPacket RedPacket

// Meeting is a meeting invitation.
type Meeting struct {
	Topic       string `json:"topic"`
	StartTime   Int    `json:"starttime"`
	EndTime     Int    `json:"endtime"`
	Address     string `json:"address"`
	Remarks     string `json:"remarks"`
	MeetingType Int    `json:"meetingtype"`
	MeetingID   Int    `json:"meetingid"`
	Status      Int    `json:"status"`
}

// Doc is an online document (msgtype docmsg).
type Doc struct {
	Title      string `json:"title"`
	DocCreator string `json:"doc_creator"`
	LinkURL    string `json:"link_url"`
}

// Markdown is a markdown message.
type Markdown struct {
	Content string `json:"content"`
}

// News is a news (图文) message.
type News struct {
	Items []NewsItem `json:"item"`
}

// NewsItem is one article of a News message.
type NewsItem struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url"`
	PicURL      string `json:"picurl"`
}

// Calendar is a calendar event.
type Calendar struct {
	Title         string   `json:"title"`
	CreatorName   string   `json:"creatorname"`
	AttendeeNames []string `json:"attendeename"`
	StartTime     Int      `json:"starttime"`
	EndTime       Int      `json:"endtime"`
	Place         string   `json:"place"`
	Remarks       string   `json:"remarks"`
}

// Mixed is a message of several parts (text and images, say).
type Mixed struct {
	Items []MixedItem `json:"item"`
}

// MixedItem is one part of a Mixed message: Type is a msgtype and Content
// that type's JSON, as a string.
type MixedItem struct {
	Type    string `json:"type"`
	Content string `json:"content"`
}

// MeetingVoiceCall is the recording of a voice meeting.
type MeetingVoiceCall struct {
	// VoiceID is the message's voiceid.
	VoiceID         string            `json:"-"`
	EndTime         Int               `json:"endtime"`
	SDKFileID       string            `json:"sdkfileid"`
	DemoFileData    []DemoFileData    `json:"demofiledata"`
	ShareScreenData []ShareScreenData `json:"sharescreendata"`
}

// DemoFileData is a document shown during a MeetingVoiceCall.
type DemoFileData struct {
	FileName     string `json:"filename"`
	DemoOperator string `json:"demooperator"`
	StartTime    Int    `json:"starttime"`
	EndTime      Int    `json:"endtime"`
}

// ShareScreenData is a screen shared during a MeetingVoiceCall.
type ShareScreenData struct {
	Share     string `json:"share"`
	StartTime Int    `json:"starttime"`
	EndTime   Int    `json:"endtime"`
}

// VoipDocShare is a document shared during a call.
type VoipDocShare struct {
	// VoipID is the message's voipid.
	VoipID    string `json:"-"`
	FileName  string `json:"filename"`
	MD5Sum    string `json:"md5sum"`
	FileSize  Int    `json:"filesize"`
	SDKFileID string `json:"sdkfileid"`
}

// SphFeed is a WeChat Channels (视频号) post.
type SphFeed struct {
	FeedType Int    `json:"feed_type"`
	SphName  string `json:"sph_name"`
	FeedDesc string `json:"feed_desc"`
}

// VoipText is a voice or video call (音视频通话).
type VoipText struct {
	// VoipID is the message's voipid.
	VoipID       string `json:"-"`
	CallDuration Int    `json:"callduration"`
	InviteType   Int    `json:"invitetype"`
}

// QyDiskFile is a WeDrive (微盘) file.
type QyDiskFile struct {
	FileName string `json:"filename"`
}

// Switch records that a member switched corps (action "switch"); it is
// not a message.
type Switch struct {
	User string
	Time time.Time
}

// Unknown is the content of a msgtype this package does not type, or of
// one whose content could not be read; Raw is the whole message.
type Unknown struct {
	Type string
	Raw  json.RawMessage
}

// MsgType implementations.
func (*Text) MsgType() string              { return "text" }
func (*Image) MsgType() string             { return "image" }
func (*Revoke) MsgType() string            { return "revoke" }
func (*Agree) MsgType() string             { return "agree" }
func (*Disagree) MsgType() string          { return "disagree" }
func (*Voice) MsgType() string             { return "voice" }
func (*Video) MsgType() string             { return "video" }
func (*Card) MsgType() string              { return "card" }
func (*Location) MsgType() string          { return "location" }
func (*Emotion) MsgType() string           { return "emotion" }
func (*File) MsgType() string              { return "file" }
func (*Link) MsgType() string              { return "link" }
func (*Weapp) MsgType() string             { return "weapp" }
func (*ChatRecord) MsgType() string        { return "chatrecord" }
func (*Todo) MsgType() string              { return "todo" }
func (*Vote) MsgType() string              { return "vote" }
func (*Collect) MsgType() string           { return "collect" }
func (*RedPacket) MsgType() string         { return "redpacket" }
func (*ExternalRedPacket) MsgType() string { return "external_redpacket" }
func (*Meeting) MsgType() string           { return "meeting" }
func (*Doc) MsgType() string               { return "docmsg" }
func (*Markdown) MsgType() string          { return "markdown" }
func (*News) MsgType() string              { return "news" }
func (*Calendar) MsgType() string          { return "calendar" }
func (*Mixed) MsgType() string             { return "mixed" }
func (*MeetingVoiceCall) MsgType() string  { return "meeting_voice_call" }
func (*VoipDocShare) MsgType() string      { return "voip_doc_share" }
func (*SphFeed) MsgType() string           { return "sphfeed" }
func (*VoipText) MsgType() string          { return "voiptext" }
func (*QyDiskFile) MsgType() string        { return "qydiskfile" }
func (*Switch) MsgType() string            { return "switch" }
func (u *Unknown) MsgType() string         { return u.Type }

// File returns what Media needs to download the picture.
func (c *Image) File() MediaFile {
	return MediaFile{SDKFileID: c.SDKFileID, Size: int64(c.FileSize), MD5Sum: c.MD5Sum}
}

// File returns what Media needs to download the recording.
func (c *Voice) File() MediaFile {
	return MediaFile{SDKFileID: c.SDKFileID, Size: int64(c.VoiceSize), MD5Sum: c.MD5Sum}
}

// File returns what Media needs to download the video.
func (c *Video) File() MediaFile {
	return MediaFile{SDKFileID: c.SDKFileID, Size: int64(c.FileSize), MD5Sum: c.MD5Sum}
}

// File returns what Media needs to download the sticker.
func (c *Emotion) File() MediaFile {
	return MediaFile{SDKFileID: c.SDKFileID, Size: int64(c.ImageSize), MD5Sum: c.MD5Sum}
}

// File returns what Media needs to download the file.
func (c *File) File() MediaFile {
	return MediaFile{SDKFileID: c.SDKFileID, Size: int64(c.FileSize), MD5Sum: c.MD5Sum}
}

// File returns what Media needs to download the shared document.
func (c *VoipDocShare) File() MediaFile {
	return MediaFile{SDKFileID: c.SDKFileID, Size: int64(c.FileSize), MD5Sum: c.MD5Sum}
}

// File returns what Media needs to download the recording (its size and
// md5 are not announced).
func (c *MeetingVoiceCall) File() MediaFile { return MediaFile{SDKFileID: c.SDKFileID} }

// contentKinds maps a msgtype to a new content value and the key its
// content is under (most types use their msgtype; a few do not).
var contentKinds = map[string]struct {
	key  string
	make func() Content
}{
	"text":               {"text", func() Content { return new(Text) }},
	"image":              {"image", func() Content { return new(Image) }},
	"revoke":             {"revoke", func() Content { return new(Revoke) }},
	"agree":              {"agree", func() Content { return new(Agree) }},
	"disagree":           {"disagree", func() Content { return new(Disagree) }},
	"voice":              {"voice", func() Content { return new(Voice) }},
	"video":              {"video", func() Content { return new(Video) }},
	"card":               {"card", func() Content { return new(Card) }},
	"location":           {"location", func() Content { return new(Location) }},
	"emotion":            {"emotion", func() Content { return new(Emotion) }},
	"file":               {"file", func() Content { return new(File) }},
	"link":               {"link", func() Content { return new(Link) }},
	"weapp":              {"weapp", func() Content { return new(Weapp) }},
	"chatrecord":         {"chatrecord", func() Content { return new(ChatRecord) }},
	"todo":               {"todo", func() Content { return new(Todo) }},
	"vote":               {"vote", func() Content { return new(Vote) }},
	"collect":            {"collect", func() Content { return new(Collect) }},
	"redpacket":          {"redpacket", func() Content { return new(RedPacket) }},
	"external_redpacket": {"redpacket", func() Content { return new(ExternalRedPacket) }},
	"meeting":            {"meeting", func() Content { return new(Meeting) }},
	"docmsg":             {"doc", func() Content { return new(Doc) }},
	"markdown":           {"info", func() Content { return new(Markdown) }},
	"news":               {"info", func() Content { return new(News) }},
	"calendar":           {"calendar", func() Content { return new(Calendar) }},
	"mixed":              {"mixed", func() Content { return new(Mixed) }},
	"meeting_voice_call": {"meeting_voice_call", func() Content { return new(MeetingVoiceCall) }},
	"voip_doc_share":     {"voip_doc_share", func() Content { return new(VoipDocShare) }},
	"sphfeed":            {"sphfeed", func() Content { return new(SphFeed) }},
	"voiptext":           {"voiptext", func() Content { return new(VoipText) }},
	"qydiskfile":         {"info", func() Content { return new(QyDiskFile) }},
}

// ParseMessage decodes a decrypted message (the JSON DecryptData returns).
// Only JSON that is not an object fails; a field of an unexpected shape is
// left zero, and content that cannot be read, or of a msgtype not listed
// above, is *Unknown. seq and keyVersion come from the record.
func ParseMessage(raw []byte, seq uint64, keyVersion int) (*Message, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, fmt.Errorf("msgaudit: record %d: the decrypted message is not a JSON object", seq)
	}
	m := &Message{
		Seq:              seq,
		PublicKeyVersion: keyVersion,
		ID:               str(obj["msgid"]),
		Action:           str(obj["action"]),
		From:             str(obj["from"]),
		RoomID:           str(obj["roomid"]),
		Type:             str(obj["msgtype"]),
		Raw:              json.RawMessage(bytes.Clone(raw)),
	}
	if ms := integer(obj["msgtime"]); ms != 0 {
		m.Time = time.UnixMilli(ms)
	}
	var to []string
	if json.Unmarshal(obj["tolist"], &to) == nil {
		m.ToList = to
	} else if s := str(obj["tolist"]); s != "" {
		m.ToList = []string{s}
	}
	if m.Action == "switch" && m.Type == "" {
		m.Type = "switch"
		sw := &Switch{User: str(obj["user"])}
		if ms := integer(obj["time"]); ms != 0 {
			sw.Time = time.UnixMilli(ms)
			m.Time = sw.Time
		}
		m.Content = sw
		return m, nil
	}
	m.Content = decodeContent(m.Type, obj, m.Raw)
	return m, nil
}

// decodeContent reads the content of msgtype typ out of the message obj.
func decodeContent(typ string, obj map[string]json.RawMessage, raw json.RawMessage) Content {
	kind, ok := contentKinds[typ]
	if !ok {
		return &Unknown{Type: typ, Raw: raw}
	}
	b, ok := obj[kind.key]
	if !ok {
		b, ok = obj[typ]
	}
	c := kind.make()
	if !ok || json.Unmarshal(b, c) != nil {
		return &Unknown{Type: typ, Raw: raw}
	}
	switch c := c.(type) {
	case *MeetingVoiceCall:
		c.VoiceID = str(obj["voiceid"])
	case *VoipDocShare:
		c.VoipID = str(obj["voipid"])
	case *VoipText:
		c.VoipID = str(obj["voipid"])
	}
	return c
}

// str reads a JSON string (or number, as its text); anything else is "".
func str(b json.RawMessage) string {
	var s string
	if json.Unmarshal(b, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(b, &n) == nil {
		return n.String()
	}
	return ""
}

// integer reads a JSON number or a string holding one; anything else is 0.
func integer(b json.RawMessage) int64 {
	var n Int
	_ = n.UnmarshalJSON(b)
	return int64(n)
}
