package wecomtest

import (
	"encoding/json"
	"strconv"
)

// codeInvalidWebhook is WeCom's answer to a missing or unknown robot key.
const codeInvalidWebhook = 93000

// webhookModel holds what group robots were sent.
type webhookModel struct {
	sent  []WebhookMessage
	media map[string]string // media_id -> key
}

// WebhookMessage is one message a group robot was asked to post
// (webhook/send), as the fake understood it.
type WebhookMessage struct {
	// Key is the robot's key.
	Key string
	// MsgType is the body's msgtype: text, markdown, markdown_v2, image,
	// news, file, voice or template_card.
	MsgType string
	// Content is the content of a text, markdown or markdown_v2 message.
	Content string
	// MentionedList and MentionedMobileList are a text message's mentions.
	MentionedList, MentionedMobileList []string
	// MediaID is a file or voice message's media id.
	MediaID string
	// Body is the whole JSON body as sent.
	Body json.RawMessage
}

// WebhookSent returns the messages group robots were asked to post, in
// order.
func (s *Server) WebhookSent() []WebhookMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]WebhookMessage(nil), s.hooks.sent...)
}

// webhookSend serves POST webhook/send?key=...: a known message type is
// recorded for WebhookSent.
func (s *Server) webhookSend(c *call) (any, error) {
	key := c.query.Get("key")
	if key == "" {
		return nil, errf(codeInvalidWebhook, "invalid webhook url")
	}
	var in struct {
		MsgType string `json:"msgtype"`
		Text    struct {
			Content             string   `json:"content"`
			MentionedList       []string `json:"mentioned_list"`
			MentionedMobileList []string `json:"mentioned_mobile_list"`
		} `json:"text"`
		Markdown   struct{ Content string } `json:"markdown"`
		MarkdownV2 struct{ Content string } `json:"markdown_v2"`
		File       struct {
			MediaID string `json:"media_id"`
		} `json:"file"`
		Voice struct {
			MediaID string `json:"media_id"`
		} `json:"voice"`
	}
	if err := json.Unmarshal(c.body, &in); err != nil {
		return nil, errf(codeInvalidParameter, "invalid json")
	}
	m := WebhookMessage{Key: key, MsgType: in.MsgType, Body: append(json.RawMessage(nil), c.body...)}
	switch in.MsgType {
	case "text":
		if in.Text.Content == "" {
			return nil, errf(codeInvalidParameter, "empty content")
		}
		m.Content, m.MentionedList, m.MentionedMobileList = in.Text.Content, in.Text.MentionedList, in.Text.MentionedMobileList
	case "markdown":
		m.Content = in.Markdown.Content
	case "markdown_v2":
		m.Content = in.MarkdownV2.Content
	case "file", "voice":
		m.MediaID = in.File.MediaID
		if in.MsgType == "voice" {
			m.MediaID = in.Voice.MediaID
		}
		if s.hooks.media[m.MediaID] != key {
			return nil, errf(codeInvalidMediaID, "invalid media_id")
		}
	case "image", "news", "template_card":
	default:
		return nil, errf(codeInvalidMsgType, "invalid message type")
	}
	s.hooks.sent = append(s.hooks.sent, m)
	return obj{}, nil
}

// webhookUploadMedia serves POST webhook/upload_media?key=...&type=file|voice.
func (s *Server) webhookUploadMedia(c *call) (any, error) {
	key, typ := c.query.Get("key"), c.query.Get("type")
	if key == "" {
		return nil, errf(codeInvalidWebhook, "invalid webhook url")
	}
	if typ != "file" && typ != "voice" {
		return nil, errf(codeInvalidMediaType, "invalid media type")
	}
	part, err := c.mediaPart()
	if err != nil {
		return nil, err
	}
	if err := checkSize(len(part.data), 20<<20); err != nil {
		return nil, err
	}
	if s.hooks.media == nil {
		s.hooks.media = map[string]string{}
	}
	id := "3hook" + randomToken(2)
	s.hooks.media[id] = key
	return obj{"type": typ, "media_id": id, "created_at": strconv.FormatInt(s.now().Unix(), 10)}, nil
}
