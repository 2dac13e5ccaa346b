package aibot

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
)

// Reply is a passive reply to a callback, or the body of a post to a
// response_url (see [Responder]). The types of this package implement it;
// MarshalBotReply returns the plaintext JSON, which the server encrypts.
type Reply interface {
	MarshalBotReply() ([]byte, error)
}

// TextReply is a text welcome: the answer to an [EventEnterChat] event (the
// only callback a text may answer).
type TextReply struct {
	Content string
}

// MarshalBotReply implements Reply.
func (r *TextReply) MarshalBotReply() ([]byte, error) {
	return json.Marshal(textWire{MsgType: MsgTypeText, Text: Text{Content: r.Content}})
}

type textWire struct {
	MsgType string `json:"msgtype"`
	Text    Text   `json:"text"`
}

// MarkdownReply is a markdown message, which only a [Responder] posts (to a
// response_url); a callback cannot be answered with it.
type MarkdownReply struct {
	Content string
}

// MarshalBotReply implements Reply.
func (r *MarkdownReply) MarshalBotReply() ([]byte, error) {
	return json.Marshal(struct {
		MsgType  string `json:"msgtype"`
		Markdown Text   `json:"markdown"`
	}{"markdown", Text{Content: r.Content}})
}

// CardReply is a template card: a welcome (to [EventEnterChat]), an answer
// to a message, or the body of a post to a response_url.
type CardReply struct {
	Card *TemplateCard
}

// MarshalBotReply implements Reply.
func (r *CardReply) MarshalBotReply() ([]byte, error) {
	if r.Card == nil {
		return nil, errors.New("CardReply without a card")
	}
	return json.Marshal(struct {
		MsgType string        `json:"msgtype"`
		Card    *TemplateCard `json:"template_card"`
	}{"template_card", r.Card})
}

// CardUpdateReply answers an [EventTemplateCard] event by replacing the card
// the user clicked, for the users named (none: the one who clicked, as
// WeCom decides).
type CardUpdateReply struct {
	UserIDs []string
	Card    *TemplateCard
}

// MarshalBotReply implements Reply.
func (r *CardUpdateReply) MarshalBotReply() ([]byte, error) {
	if r.Card == nil {
		return nil, errors.New("CardUpdateReply without a card")
	}
	return json.Marshal(struct {
		ResponseType string        `json:"response_type"`
		UserIDs      []string      `json:"userids,omitempty"`
		Card         *TemplateCard `json:"template_card"`
	}{"update_template_card", r.UserIDs, r.Card})
}

// StreamReply is one frame of a streamed answer: the whole content so far
// (markdown), Finish on the last frame. A message answered with a stream
// frame that is not finished is followed by refresh callbacks, which
// [Streams] answers for the streams it opened. MsgItems (images) count only
// on the finishing frame, FeedbackID only on the first; Card, if set, is
// sent with the first frame (stream_with_template_card).
type StreamReply struct {
	ID         string
	Content    string
	Finish     bool
	MsgItems   []MsgItem
	FeedbackID string
	Card       *TemplateCard
}

type streamWire struct {
	ID       string    `json:"id"`
	Finish   bool      `json:"finish"`
	Content  string    `json:"content"`
	MsgItems []MsgItem `json:"msg_item,omitempty"`
	Feedback *feedback `json:"feedback,omitempty"`
}

type feedback struct {
	ID string `json:"id"`
}

// MarshalBotReply implements Reply.
func (r *StreamReply) MarshalBotReply() ([]byte, error) {
	if r.ID == "" {
		return nil, errors.New("StreamReply without an id")
	}
	s := streamWire{ID: r.ID, Finish: r.Finish, Content: r.Content}
	if r.Finish {
		s.MsgItems = r.MsgItems
	}
	if r.FeedbackID != "" {
		s.Feedback = &feedback{ID: r.FeedbackID}
	}
	if r.Card != nil {
		return json.Marshal(struct {
			MsgType string        `json:"msgtype"`
			Stream  streamWire    `json:"stream"`
			Card    *TemplateCard `json:"template_card"`
		}{"stream_with_template_card", s, r.Card})
	}
	return json.Marshal(struct {
		MsgType string     `json:"msgtype"`
		Stream  streamWire `json:"stream"`
	}{MsgTypeStream, s})
}

// MsgItem is an image sent with the finishing frame of a stream.
type MsgItem struct {
	MsgType string     `json:"msgtype"` // "image"
	Image   *ItemImage `json:"image,omitempty"`
}

// ItemImage is an image inline: its bytes in Base64 and their MD5 digest.
type ItemImage struct {
	Base64 string `json:"base64"`
	MD5    string `json:"md5"`
}

// ImageItem returns the MsgItem of an image file's bytes (JPG or PNG).
func ImageItem(data []byte) MsgItem {
	sum := md5.Sum(data)
	return MsgItem{MsgType: MsgTypeImage, Image: &ItemImage{
		Base64: base64.StdEncoding.EncodeToString(data),
		MD5:    hex.EncodeToString(sum[:]),
	}}
}
