package wecomtest

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Recipients are the recipients of a message/send, with the field names
// and types of work.Recipients, so a test compares them directly.
type Recipients struct {
	// Users are the member ids of touser, as sent, without "@all".
	Users []string
	// Parties are the department ids of toparty.
	Parties []int64
	// Tags are the tag ids of totag.
	Tags []int64
	// All is set when touser was "@all".
	All bool
}

// recipients parses the "|"-joined recipient fields of message/send.
// Ids that are not numbers cannot be a department or a tag: they are
// left out here (WeCom reports them as invalid) and stay in the body.
func recipients(users, parties, tags []string) Recipients {
	var r Recipients
	for _, u := range users {
		if u == "@all" {
			r.All = true
		} else {
			r.Users = append(r.Users, u)
		}
	}
	r.Parties, r.Tags = numbers(parties), numbers(tags)
	return r
}

func numbers(ids []string) []int64 {
	var out []int64
	for _, id := range ids {
		if n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// TextContent is the content of a text or markdown message.
type TextContent struct {
	Content string `json:"content"`
}

// MediaContent is the content of an image, voice, video or file message;
// Title and Description are a video's.
type MediaContent struct {
	MediaID     string `json:"media_id"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
}

// TextCardContent is the content of a textcard message.
type TextCardContent struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url"`
	BtnTxt      string `json:"btntxt,omitempty"`
}

// Article is one article of a news or mpnews message.
type Article struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
	PicURL      string `json:"picurl,omitempty"`
	AppID       string `json:"appid,omitempty"`
	PagePath    string `json:"pagepath,omitempty"`
	BtnTxt      string `json:"btntxt,omitempty"`
	// The fields of an mpnews article.
	ThumbMediaID     string `json:"thumb_media_id,omitempty"`
	Author           string `json:"author,omitempty"`
	ContentSourceURL string `json:"content_source_url,omitempty"`
	Content          string `json:"content,omitempty"`
	Digest           string `json:"digest,omitempty"`
}

// NewsContent is the content of a news or mpnews message.
type NewsContent struct {
	Articles []Article `json:"articles"`
}

// KeyValue is one item of a miniprogram_notice.
type KeyValue struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// MiniProgramNoticeContent is the content of a miniprogram_notice message.
type MiniProgramNoticeContent struct {
	AppID             string     `json:"appid"`
	Page              string     `json:"page,omitempty"`
	Title             string     `json:"title"`
	Description       string     `json:"description,omitempty"`
	EmphasisFirstItem bool       `json:"emphasis_first_item,omitempty"`
	ContentItems      []KeyValue `json:"content_item,omitempty"`
}

// TaskCardButton is a button of a taskcard.
type TaskCardButton struct {
	Key         string `json:"key"`
	Name        string `json:"name"`
	ReplaceName string `json:"replace_name,omitempty"`
	Color       string `json:"color,omitempty"`
	IsBold      bool   `json:"is_bold,omitempty"`
}

// TaskCardContent is the content of a taskcard message.
type TaskCardContent struct {
	Title       string           `json:"title"`
	Description string           `json:"description"`
	URL         string           `json:"url,omitempty"`
	TaskID      string           `json:"task_id"`
	Buttons     []TaskCardButton `json:"btn"`
}

// CardTitle is a title and its description on a template card.
type CardTitle struct {
	Title string `json:"title,omitempty"`
	Desc  string `json:"desc,omitempty"`
}

// CardLink is an entry of a template card's jump_list, or its
// card_action.
type CardLink struct {
	Type     int    `json:"type,omitempty"`
	Title    string `json:"title,omitempty"`
	URL      string `json:"url,omitempty"`
	AppID    string `json:"appid,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
}

// CardButton is a button of a template card's button_list.
type CardButton struct {
	Type  int    `json:"type,omitempty"`
	Text  string `json:"text"`
	Style int    `json:"style,omitempty"`
	Key   string `json:"key,omitempty"`
	URL   string `json:"url,omitempty"`
}

// TemplateCardContent is the content of a template_card message: the
// fields most tests look at. Raw holds the whole card for the others.
type TemplateCardContent struct {
	CardType        string       `json:"card_type"`
	TaskID          string       `json:"task_id,omitempty"`
	MainTitle       CardTitle    `json:"main_title"`
	EmphasisContent CardTitle    `json:"emphasis_content"`
	SubTitleText    string       `json:"sub_title_text,omitempty"`
	JumpList        []CardLink   `json:"jump_list,omitempty"`
	CardAction      CardLink     `json:"card_action"`
	Buttons         []CardButton `json:"button_list,omitempty"`
	// Raw is the template_card object as sent.
	Raw json.RawMessage `json:"-"`
}

// fillContent decodes the payload under the message type into the typed
// field of m; a payload it cannot read leaves the field nil (Body and
// Payload still have it).
func (m *SentMessage) fillContent() {
	raw := m.Payload()
	if raw == nil {
		return
	}
	decode := func(v any) bool { return json.Unmarshal(raw, v) == nil }
	switch m.MsgType {
	case "text":
		var c TextContent
		if decode(&c) {
			m.Text = &c
		}
	case "markdown":
		var c TextContent
		if decode(&c) {
			m.Markdown = &c
		}
	case "image", "voice", "video", "file":
		var c MediaContent
		if decode(&c) {
			m.Media = &c
		}
	case "textcard":
		var c TextCardContent
		if decode(&c) {
			m.TextCard = &c
		}
	case "news", "mpnews":
		var c NewsContent
		if decode(&c) {
			m.News = &c
		}
	case "miniprogram_notice":
		var c MiniProgramNoticeContent
		if decode(&c) {
			m.MiniProgramNotice = &c
		}
	case "taskcard":
		var c TaskCardContent
		if decode(&c) {
			m.TaskCard = &c
		}
	case "template_card":
		var c TemplateCardContent
		if decode(&c) {
			c.Raw = raw
			m.TemplateCard = &c
		}
	}
}

// clone returns a deep copy of a record, its typed content decoded from
// the copied body, so that callers of Sent cannot change the fake's
// records.
func (m SentMessage) clone() SentMessage {
	out := SentMessage{
		Path: m.Path, CorpID: m.CorpID, AgentID: m.AgentID, MsgType: m.MsgType,
		To: Recipients{Users: slices.Clone(m.To.Users), Parties: slices.Clone(m.To.Parties),
			Tags: slices.Clone(m.To.Tags), All: m.To.All},
		ChatID: m.ChatID, MsgID: m.MsgID, Recalled: m.Recalled,
		Body: bytes.Clone(m.Body), Time: m.Time,
	}
	out.fillContent()
	return out
}
