package aibot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Message types (the msgtype of a callback).
const (
	MsgTypeText   = "text"
	MsgTypeImage  = "image"
	MsgTypeMixed  = "mixed"
	MsgTypeVoice  = "voice"
	MsgTypeFile   = "file"
	MsgTypeStream = "stream" // a stream refresh, see [Streams]
	MsgTypeEvent  = "event"
)

// Event types (Event.EventType).
const (
	// EventEnterChat: the user entered the bot's single chat for the first
	// time today; answer with a [TextReply] or a [CardReply] (welcome).
	EventEnterChat = "enter_chat"
	// EventTemplateCard: the user clicked a button of, or submitted, a
	// template card; answer with a [CardUpdateReply] within 5 s.
	EventTemplateCard = "template_card_event"
	// EventFeedback: the user rated a reply (thumbs up or down) that
	// carried a feedback id.
	EventFeedback = "feedback_event"
)

// Chat types (Message.ChatType).
const (
	ChatSingle = "single"
	ChatGroup  = "group"
)

// Message is a decrypted callback of an intelligent robot: a user's
// message, a stream refresh or an event. The field matching MsgType is
// set; a type this package does not know leaves them all nil and reaches
// the handler with its JSON in Raw.
type Message struct {
	MsgID       string `json:"msgid"` // unique per callback: the de-duplication key
	CreateTime  int64  `json:"-"`     // Unix time, set for events
	AIBotID     string `json:"aibotid"`
	ChatID      string `json:"chatid"`   // group chats only
	ChatType    string `json:"chattype"` // ChatSingle or ChatGroup
	From        From   `json:"from"`
	ResponseURL string `json:"response_url"` // see Responder: single use, valid one hour
	MsgType     string `json:"msgtype"`

	Text   *Text      `json:"text,omitempty"`
	Image  *Image     `json:"image,omitempty"` // single chats only
	Mixed  *Mixed     `json:"mixed,omitempty"`
	Voice  *Voice     `json:"voice,omitempty"` // single chats only
	File   *File      `json:"file,omitempty"`  // single chats only
	Quote  *Quote     `json:"quote,omitempty"` // the message the user quoted, if any
	Stream *StreamRef `json:"stream,omitempty"`
	Event  *Event     `json:"event,omitempty"`

	// Raw is the decrypted JSON document, whatever its type.
	Raw json.RawMessage `json:"-"`

	replier *WSReplier // the long connection's, for the frame of m
}

// From is who sent a callback.
type From struct {
	UserID string `json:"userid"`
	CorpID string `json:"corpid"` // third-party bots only
}

// Text is a text message; in groups it starts with the @-mention.
type Text struct {
	Content string `json:"content"`
}

// Image is an image message: URL points to the file encrypted with the
// bot's EncodingAESKey (see [Media]).
type Image struct {
	URL string `json:"url"`
}

// Voice is a voice message, already transcribed to text.
type Voice struct {
	Content string `json:"content"`
}

// File is a file message: URL points to the file encrypted with the bot's
// EncodingAESKey (see [Media]).
type File struct {
	URL string `json:"url"`
}

// Mixed is a message of text and images.
type Mixed struct {
	Items []MixedItem `json:"msg_item"`
}

// MixedItem is one part of a [Mixed] message.
type MixedItem struct {
	MsgType string `json:"msgtype"` // MsgTypeText or MsgTypeImage
	Text    *Text  `json:"text,omitempty"`
	Image   *Image `json:"image,omitempty"`
}

// Quote is the message a user quoted.
type Quote struct {
	MsgType string `json:"msgtype"`
	Text    *Text  `json:"text,omitempty"`
	Image   *Image `json:"image,omitempty"`
	Mixed   *Mixed `json:"mixed,omitempty"`
	Voice   *Voice `json:"voice,omitempty"`
	File    *File  `json:"file,omitempty"`
}

// StreamRef names the stream a refresh callback asks about.
type StreamRef struct {
	ID string `json:"id"`
}

// Event is the event of a callback whose MsgType is MsgTypeEvent. The
// field matching EventType is set; Raw holds the whole event object, for
// the types this package does not know.
type Event struct {
	EventType    string             `json:"eventtype"`
	EnterChat    *struct{}          `json:"enter_chat,omitempty"`
	TemplateCard *TemplateCardEvent `json:"template_card_event,omitempty"`
	Feedback     *FeedbackEvent     `json:"feedback_event,omitempty"`
	Raw          json.RawMessage    `json:"-"`
}

// TemplateCardEvent is a click on, or a submission of, a template card.
type TemplateCardEvent struct {
	CardType      string        `json:"card_type"`
	EventKey      string        `json:"event_key"`
	TaskID        string        `json:"task_id"`
	SelectedItems SelectedItems `json:"selected_items"`
}

// SelectedItems are the choices submitted with a vote or multiple-choice
// card.
type SelectedItems struct {
	Items []SelectedItem `json:"selected_item"`
}

// SelectedItem is the choice made for one question of a card.
type SelectedItem struct {
	QuestionKey string    `json:"question_key"`
	OptionIDs   OptionIDs `json:"option_ids"`
}

// OptionIDs are the ids of the options chosen.
type OptionIDs struct {
	IDs []string `json:"option_id"`
}

// FeedbackEvent is a user's rating of a reply sent with a feedback id.
type FeedbackEvent struct {
	ID      string `json:"id"`      // the feedback id given with the reply
	Type    int    `json:"type"`    // 1 accurate, 2 inaccurate, 3 rating withdrawn
	Content string `json:"content"` // the user's comment, if any
	// InaccurateReasons are the reasons ticked for an inaccurate answer.
	InaccurateReasons []int `json:"inaccurate_reason_list"`
}

// Kind names the type of m for logs and errors: its msgtype, or
// "event:" and the event type.
func (m *Message) Kind() string {
	if m.MsgType == MsgTypeEvent && m.Event != nil {
		return "event:" + m.Event.EventType
	}
	if m.MsgType == "" {
		return "unknown"
	}
	return m.MsgType
}

// parseMessage decodes a decrypted callback. It fails only when plain is
// not a JSON object: a field of an unexpected type is left zero and the
// rest decoded, so that one odd field never loses a callback.
func parseMessage(plain []byte) (*Message, error) {
	plain = bytes.TrimSpace(plain)
	if len(plain) == 0 || plain[0] != '{' {
		return nil, fmt.Errorf("%w: not a JSON object", ErrParse)
	}
	m := &Message{Raw: plain}
	if scanMessage(m, plain) {
		return m, nil
	}
	// Malformed, or beyond the scanner: encoding/json decides and
	// describes the error.
	*m = Message{Raw: plain}
	type fields Message
	w := struct {
		*fields
		CreateTime looseInt `json:"create_time"`
	}{fields: (*fields)(m)}
	if err := lenient(json.Unmarshal(plain, &w)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrParse, syntaxDetail(err))
	}
	m.CreateTime = int64(w.CreateTime)
	return m, nil
}

// UnmarshalJSON decodes an event leniently and keeps its JSON in Raw.
func (e *Event) UnmarshalJSON(b []byte) error {
	type fields Event
	if err := lenient(json.Unmarshal(b, (*fields)(e))); err != nil {
		return err
	}
	e.Raw = b
	return nil
}

// syntaxDetail describes a JSON error without quoting the document.
func syntaxDetail(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return "JSON syntax error at offset " + strconv.FormatInt(syn.Offset, 10)
	}
	return "invalid JSON"
}

// lenient drops the type errors of encoding/json, which decodes the rest
// of the document anyway.
func lenient(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return nil
	}
	return err
}

// looseInt is a number sent as a JSON number or a string; anything else
// decodes as 0.
type looseInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *looseInt) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseInt(string(bytes.Trim(b, `"`)), 10, 64)
	if err == nil {
		*n = looseInt(v)
	}
	return nil
}
