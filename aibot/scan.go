package aibot

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner reads the JSON of callbacks without reflection: the envelope's
// encrypt field without copying it, and the fields of a message into
// their places. Keys are matched exactly (WeCom sends them in lower case).
// It is lenient where encoding/json is lenient in this
// package (a value of an unexpected type is skipped) and reports syntax
// errors by failing, after which the callers fall back to encoding/json,
// which describes them.
type scanner struct {
	b  []byte
	i  int
	ok bool
}

func newScanner(b []byte) *scanner { return &scanner{b: b, ok: true} }

func (s *scanner) fail() { s.ok = false; s.i = len(s.b) }

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// expect consumes c or fails.
func (s *scanner) expect(c byte) {
	if s.peek() != c {
		s.fail()
		return
	}
	s.i++
}

// rawString consumes a string and returns its contents between the quotes
// and whether they hold an escape. A string without escapes is found with
// memchr speed, so that a forged megabyte costs little; control characters
// are let through (the documents are signed by WeCom).
func (s *scanner) rawString() (raw []byte, escaped bool) {
	if s.peek() != '"' {
		s.fail()
		return nil, false
	}
	start := s.i + 1
	q := bytes.IndexByte(s.b[start:], '"')
	if q < 0 {
		s.fail()
		return nil, false
	}
	if bytes.IndexByte(s.b[start:start+q], '\\') < 0 {
		s.i = start + q + 1
		return s.b[start : start+q], false
	}
	for j := start; j < len(s.b); j++ {
		switch s.b[j] {
		case '"':
			s.i = j + 1
			return s.b[start:j], true
		case '\\':
			j++
		}
	}
	s.fail()
	return nil, false
}

// str consumes a string value; a value of another type is skipped and
// gives "".
func (s *scanner) str() string {
	if s.peek() != '"' {
		s.skip()
		return ""
	}
	raw, escaped := s.rawString()
	if !escaped {
		return string(raw)
	}
	v, ok := unescape(raw)
	if !ok {
		s.fail()
	}
	return string(v)
}

// skip consumes one value of any type.
func (s *scanner) skip() {
	switch s.peek() {
	case '"':
		s.rawString()
	case '{', '[':
		depth := 0
		for s.ok && s.i < len(s.b) {
			switch s.b[s.i] {
			case '"':
				s.rawString()
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					s.i++
					return
				}
			}
			s.i++
		}
		s.fail()
	case 0:
		s.fail()
	default:
		start := s.i
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				if s.i == start {
					s.fail()
				}
				return
			}
			s.i++
		}
	}
}

// object consumes an object, calling field for each key with the scanner
// at the value, which field must consume. A value that is not an object
// is skipped; object reports whether there was one.
func (s *scanner) object(field func(key []byte)) bool {
	if s.peek() != '{' {
		s.skip()
		return false
	}
	s.i++
	if s.peek() == '}' {
		s.i++
		return true
	}
	for s.ok {
		key, escaped := s.rawString()
		if escaped {
			k, ok := unescape(key)
			if !ok {
				s.fail()
			}
			key = k
		}
		s.expect(':')
		if !s.ok {
			return false
		}
		field(key)
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return true
		default:
			s.fail()
		}
	}
	return false
}

// array consumes an array, calling elem with the scanner at each element.
func (s *scanner) array(elem func()) {
	if s.peek() != '[' {
		s.skip()
		return
	}
	s.i++
	if s.peek() == ']' {
		s.i++
		return
	}
	for s.ok {
		elem()
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return
		default:
			s.fail()
		}
	}
}

// rawValue consumes a value and returns its JSON.
func (s *scanner) rawValue() []byte {
	s.ws()
	start := s.i
	s.skip()
	return s.b[start:s.i]
}

// int64 consumes a number, or a string holding one; anything else is 0.
func (s *scanner) int64() int64 {
	v := s.rawValue()
	if len(v) > 1 && v[0] == '"' {
		v = v[1 : len(v)-1]
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// unescape decodes the escapes of a JSON string's contents.
func unescape(raw []byte) ([]byte, bool) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(raw) {
			return nil, false
		}
		switch raw[i] {
		case '"', '\\', '/':
			out = append(out, raw[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(raw[i+1:])
			if !ok {
				return nil, false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if i+6 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					if r2, ok := hex4(raw[i+3:]); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							out = utf8.AppendRune(out, d)
							i += 6
							continue
						}
					}
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default:
			return nil, false
		}
	}
	return out, true
}

// hex4 reads four hex digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// encryptField returns the value of the encrypt field of a callback body
// {"encrypt": "..."}, aliasing body when it holds no escape, without
// looking at the other fields' values beyond skipping them.
func encryptField(body []byte) ([]byte, bool) {
	s := newScanner(body)
	var enc []byte
	s.object(func(key []byte) {
		if string(key) != "encrypt" || s.peek() != '"' {
			s.skip()
			return
		}
		raw, escaped := s.rawString()
		if escaped {
			v, ok := unescape(raw)
			if !ok {
				s.fail()
			}
			raw = v
		}
		enc = raw
	})
	if s.ok && s.peek() != 0 {
		s.fail()
	}
	return enc, s.ok && len(enc) > 0
}

// scanMessage fills m from the JSON document of a callback and reports
// whether it was well formed. Events are decoded by encoding/json.
func scanMessage(m *Message, doc []byte) bool {
	s := newScanner(doc)
	isObject := s.object(func(key []byte) {
		switch string(key) {
		case "msgid":
			m.MsgID = s.str()
		case "create_time":
			m.CreateTime = s.int64()
		case "aibotid":
			m.AIBotID = s.str()
		case "chatid":
			m.ChatID = s.str()
		case "chattype":
			m.ChatType = s.str()
		case "from":
			s.object(func(key []byte) {
				switch string(key) {
				case "userid":
					m.From.UserID = s.str()
				case "corpid":
					m.From.CorpID = s.str()
				default:
					s.skip()
				}
			})
		case "response_url":
			m.ResponseURL = s.str()
		case "msgtype":
			m.MsgType = s.str()
		case "text":
			m.Text = s.text()
		case "image":
			m.Image = s.image()
		case "voice":
			if t := s.text(); t != nil {
				m.Voice = &Voice{Content: t.Content}
			}
		case "file":
			if im := s.image(); im != nil {
				m.File = &File{URL: im.URL}
			}
		case "mixed":
			m.Mixed = s.mixed()
		case "quote":
			q := new(Quote)
			if s.object(func(key []byte) {
				switch string(key) {
				case "msgtype":
					q.MsgType = s.str()
				case "text":
					q.Text = s.text()
				case "image":
					q.Image = s.image()
				case "voice":
					if t := s.text(); t != nil {
						q.Voice = &Voice{Content: t.Content}
					}
				case "file":
					if im := s.image(); im != nil {
						q.File = &File{URL: im.URL}
					}
				case "mixed":
					q.Mixed = s.mixed()
				default:
					s.skip()
				}
			}) {
				m.Quote = q
			}
		case "stream":
			if id, ok := s.field("id"); ok {
				m.Stream = &StreamRef{ID: id}
			}
		case "event":
			raw := s.rawValue()
			if len(raw) > 0 && raw[0] == '{' {
				e := new(Event)
				if json.Unmarshal(raw, e) == nil {
					m.Event = e
				}
			}
		default:
			s.skip()
		}
	})
	return isObject && s.ok && s.peek() == 0
}

// field reads an object and returns the string under key (the last one if
// repeated); ok is false for a value that is not an object.
func (s *scanner) field(key string) (val string, ok bool) {
	ok = s.object(func(k []byte) {
		if string(k) == key {
			val = s.str()
		} else {
			s.skip()
		}
	})
	return val, ok
}

// text reads {"content": "..."}; nil for a value that is not an object.
func (s *scanner) text() *Text {
	if v, ok := s.field("content"); ok {
		return &Text{Content: v}
	}
	return nil
}

// image reads {"url": "..."}; nil for a value that is not an object.
func (s *scanner) image() *Image {
	if v, ok := s.field("url"); ok {
		return &Image{URL: v}
	}
	return nil
}

// mixed reads {"msg_item": [...]}.
func (s *scanner) mixed() *Mixed {
	mx := new(Mixed)
	if !s.object(func(key []byte) {
		if string(key) != "msg_item" {
			s.skip()
			return
		}
		s.array(func() {
			var it MixedItem // kept even when not an object, as encoding/json does
			s.object(func(key []byte) {
				switch string(key) {
				case "msgtype":
					it.MsgType = s.str()
				case "text":
					it.Text = s.text()
				case "image":
					it.Image = s.image()
				default:
					s.skip()
				}
			})
			mx.Items = append(mx.Items, it)
		})
	}) {
		return nil
	}
	return mx
}
