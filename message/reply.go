package message

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Reply is a passive reply (被动回复): the answer to a message or event that
// WeCom shows to the member, sent encrypted in the HTTP response. Handlers
// return nil for no reply.
//
// The types of this package cover the documented replies; other
// implementations return their own plaintext XML.
type Reply interface {
	// MarshalReply returns the plaintext XML of the reply to m, created at
	// now. The reply goes from m.ToUserName to m.FromUserName.
	MarshalReply(m *Message, now time.Time) ([]byte, error)
}

// TextReply replies with a text message.
type TextReply struct {
	Content string
}

// MarshalReply implements [Reply].
func (r *TextReply) MarshalReply(m *Message, now time.Time) ([]byte, error) {
	b := appendReplyHeader(nil, m, now, "text")
	b = appendElement(b, "Content", r.Content)
	return append(b, "</xml>"...), nil
}

// ImageReply replies with an image uploaded as temporary media.
type ImageReply struct {
	MediaID string
}

// MarshalReply implements [Reply].
func (r *ImageReply) MarshalReply(m *Message, now time.Time) ([]byte, error) {
	b := appendReplyHeader(nil, m, now, "image")
	b = append(b, "<Image>"...)
	b = appendElement(b, "MediaId", r.MediaID)
	return append(b, "</Image></xml>"...), nil
}

// VoiceReply replies with a voice message uploaded as temporary media.
type VoiceReply struct {
	MediaID string
}

// MarshalReply implements [Reply].
func (r *VoiceReply) MarshalReply(m *Message, now time.Time) ([]byte, error) {
	b := appendReplyHeader(nil, m, now, "voice")
	b = append(b, "<Voice>"...)
	b = appendElement(b, "MediaId", r.MediaID)
	return append(b, "</Voice></xml>"...), nil
}

// VideoReply replies with a video uploaded as temporary media.
type VideoReply struct {
	MediaID     string
	Title       string
	Description string
}

// MarshalReply implements [Reply].
func (r *VideoReply) MarshalReply(m *Message, now time.Time) ([]byte, error) {
	b := appendReplyHeader(nil, m, now, "video")
	b = append(b, "<Video>"...)
	b = appendElement(b, "MediaId", r.MediaID)
	b = appendElement(b, "Title", r.Title)
	b = appendElement(b, "Description", r.Description)
	return append(b, "</Video></xml>"...), nil
}

// Article is one item of a NewsReply.
type Article struct {
	Title       string
	Description string
	// PicURL is the picture shown (large for the first article).
	PicURL string
	// URL is opened when the member taps the article.
	URL string
}

// MaxArticles is the largest number of articles a NewsReply may hold.
const MaxArticles = 8

// NewsReply replies with 1 to MaxArticles articles.
type NewsReply struct {
	Articles []Article
}

// MarshalReply implements [Reply]. It fails if there are no articles or
// more than MaxArticles.
func (r *NewsReply) MarshalReply(m *Message, now time.Time) ([]byte, error) {
	if len(r.Articles) == 0 || len(r.Articles) > MaxArticles {
		return nil, errors.New("news reply needs 1 to 8 articles, got " + strconv.Itoa(len(r.Articles)))
	}
	b := appendReplyHeader(nil, m, now, "news")
	b = append(b, "<ArticleCount>"...)
	b = strconv.AppendInt(b, int64(len(r.Articles)), 10)
	b = append(b, "</ArticleCount><Articles>"...)
	for _, a := range r.Articles {
		b = append(b, "<item>"...)
		b = appendElement(b, "Title", a.Title)
		b = appendElement(b, "Description", a.Description)
		b = appendElement(b, "PicUrl", a.PicURL)
		b = appendElement(b, "Url", a.URL)
		b = append(b, "</item>"...)
	}
	return append(b, "</Articles></xml>"...), nil
}

// UpdateButtonReply answers a template_card_event by replacing the clicked
// card's buttons with one greyed-out button reading ReplaceName.
type UpdateButtonReply struct {
	ReplaceName string
}

// MarshalReply implements [Reply].
func (r *UpdateButtonReply) MarshalReply(m *Message, now time.Time) ([]byte, error) {
	b := appendReplyHeader(nil, m, now, "update_button")
	b = append(b, "<Button>"...)
	b = appendElement(b, "ReplaceName", r.ReplaceName)
	return append(b, "</Button></xml>"...), nil
}

// UpdateTaskCardReply answers a taskcard_click by replacing the task
// card's buttons with one greyed-out button reading ReplaceName.
type UpdateTaskCardReply struct {
	ReplaceName string
}

// MarshalReply implements [Reply].
func (r *UpdateTaskCardReply) MarshalReply(m *Message, now time.Time) ([]byte, error) {
	b := appendReplyHeader(nil, m, now, "update_taskcard")
	b = append(b, "<TaskCard>"...)
	b = appendElement(b, "ReplaceName", r.ReplaceName)
	return append(b, "</TaskCard></xml>"...), nil
}

// appendReplyHeader opens a reply document to m.
func appendReplyHeader(b []byte, m *Message, now time.Time, msgType string) []byte {
	b = append(b, "<xml>"...)
	b = appendElement(b, "ToUserName", m.FromUserName)
	b = appendElement(b, "FromUserName", m.ToUserName)
	b = append(b, "<CreateTime>"...)
	b = strconv.AppendInt(b, now.Unix(), 10)
	b = append(b, "</CreateTime>"...)
	return appendElement(b, "MsgType", msgType)
}

// appendElement appends <name><![CDATA[value]]></name>. A "]]>" in value is
// split across two CDATA sections, and characters XML does not allow
// become U+FFFD, so the document is always well-formed.
func appendElement(b []byte, name, value string) []byte {
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, "><![CDATA["...)
	for {
		i := strings.Index(value, "]]>")
		if i < 0 {
			break
		}
		b = appendXMLChars(b, value[:i+2])
		b = append(b, "]]><![CDATA["...)
		value = value[i+2:]
	}
	b = appendXMLChars(b, value)
	b = append(b, "]]></"...)
	b = append(b, name...)
	return append(b, '>')
}

// appendXMLChars appends s, replacing invalid UTF-8 and characters outside
// XML's range with U+FFFD.
func appendXMLChars(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !isInCharacterRange(r) {
			r = utf8.RuneError
		}
		b = utf8.AppendRune(b, r)
		i += size
	}
	return b
}
