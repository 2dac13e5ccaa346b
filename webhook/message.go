package webhook

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Message is a message a robot can post: Text, Markdown, MarkdownV2,
// Image, News, File, Voice or TemplateCard.
type Message interface {
	// body returns the JSON body of webhook/send.
	body() (map[string]any, error)
}

func envelope(msgType string, payload any) map[string]any {
	return map[string]any{"msgtype": msgType, msgType: payload}
}

// MentionAll, in MentionedList or MentionedMobileList, mentions everybody.
const MentionAll = "@all"

// Text is a text message of up to 2048 bytes, mentioning members by user
// id (MentionedList) or mobile number (MentionedMobileList); MentionAll
// mentions everybody.
type Text struct {
	Content             string   `json:"content"`
	MentionedList       []string `json:"mentioned_list,omitempty"`
	MentionedMobileList []string `json:"mentioned_mobile_list,omitempty"`
}

func (m Text) body() (map[string]any, error) {
	if m.Content == "" {
		return nil, fmt.Errorf("%w: text: empty content", ErrInvalidMessage)
	}
	return envelope("text", m), nil
}

// Markdown is a markdown message of up to 4096 bytes in WeCom's subset
// (headings, bold, links, code, quotes, <@userid> mentions and
// <font color="info|comment|warning">).
type Markdown struct {
	Content string `json:"content"`
}

func (m Markdown) body() (map[string]any, error) {
	if m.Content == "" {
		return nil, fmt.Errorf("%w: markdown: empty content", ErrInvalidMessage)
	}
	return envelope("markdown", m), nil
}

// MarkdownV2 is a markdown_v2 message: fuller markdown (tables, lists,
// images, code blocks) without mentions or font colours.
type MarkdownV2 struct {
	Content string `json:"content"`
}

func (m MarkdownV2) body() (map[string]any, error) {
	if m.Content == "" {
		return nil, fmt.Errorf("%w: markdown_v2: empty content", ErrInvalidMessage)
	}
	return envelope("markdown_v2", m), nil
}

// Image is a JPG or PNG image of up to 2 MB, sent inline as base64 with
// its MD5 (of the raw bytes). NewImage fills both.
type Image struct {
	Base64 string `json:"base64"`
	MD5    string `json:"md5"`
}

// NewImage returns the Image of the raw bytes data.
func NewImage(data []byte) Image {
	sum := md5.Sum(data)
	return Image{Base64: base64.StdEncoding.EncodeToString(data), MD5: hex.EncodeToString(sum[:])}
}

func (m Image) body() (map[string]any, error) {
	if m.Base64 == "" || m.MD5 == "" {
		return nil, fmt.Errorf("%w: image: base64 and md5 are required", ErrInvalidMessage)
	}
	return envelope("image", m), nil
}

// Article is one article of a News message.
type Article struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url"`
	PicURL      string `json:"picurl,omitempty"`
}

// News is a message of 1 to 8 articles.
type News struct {
	Articles []Article `json:"articles"`
}

func (m News) body() (map[string]any, error) {
	if len(m.Articles) == 0 || len(m.Articles) > 8 {
		return nil, fmt.Errorf("%w: news: 1 to 8 articles", ErrInvalidMessage)
	}
	for i, a := range m.Articles {
		if a.Title == "" || a.URL == "" {
			return nil, fmt.Errorf("%w: news: article %d needs a title and a url", ErrInvalidMessage, i)
		}
	}
	return envelope("news", m), nil
}

// File is a file uploaded with UploadMedia (MediaFile).
type File struct {
	MediaID string `json:"media_id"`
}

func (m File) body() (map[string]any, error) {
	if m.MediaID == "" {
		return nil, fmt.Errorf("%w: file: empty media id", ErrInvalidMessage)
	}
	return envelope("file", m), nil
}

// Voice is a recording uploaded with UploadMedia (MediaVoice).
type Voice struct {
	MediaID string `json:"media_id"`
}

func (m Voice) body() (map[string]any, error) {
	if m.MediaID == "" {
		return nil, fmt.Errorf("%w: voice: empty media id", ErrInvalidMessage)
	}
	return envelope("voice", m), nil
}

// looseNumber reads a number WeCom may send as a string.
type looseNumber int64

func (n *looseNumber) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil // one odd field never fails an upload
	}
	*n = looseNumber(v)
	return nil
}

var _ json.Unmarshaler = (*looseNumber)(nil)
