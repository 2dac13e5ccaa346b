package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/wecomkit/wecom"
)

// MaxResponseSize bounds a JSON response body; a larger one is an error
// rather than a memory blow-up.
const MaxResponseSize = 32 << 20

// envelope is the part of every answer the core reads itself.
type envelope struct {
	ErrCode lenientInt `json:"errcode"`
	ErrMsg  string     `json:"errmsg"`
}

// decodeResponse reads a JSON answer: errcode first, then out. It returns
// nil, a *wecom.APIError, or an error wrapping wecom.ErrUnexpectedResponse
// (or, when reading the body fails because the context ended, that error).
//
// The answer is read into a pooled buffer and decoded once: a scan of its
// top-level keys picks errcode and errmsg (no reflection, no copies), then,
// on success, encoding/json fills out in a single pass, which also
// validates the document. out must not keep the bytes it is given (as the
// json.Unmarshaler contract already requires).
func decodeResponse(path string, resp *http.Response, out any) error {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := readLimited(buf, resp.Body, MaxResponseSize, resp.ContentLength); err != nil {
		return err
	}
	data := buf.Bytes()
	code, msg, ok := scanEnvelope(data)
	if ok && out == nil && code == 0 {
		ok = json.Valid(data)
	}
	if !ok {
		if resp.StatusCode/100 != 2 {
			return &statusError{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
		}
		return fmt.Errorf("%w: HTTP %d, %d bytes of %q that are not the expected JSON",
			wecom.ErrUnexpectedResponse, resp.StatusCode, len(data), resp.Header.Get("Content-Type"))
	}
	if code != 0 {
		return &wecom.APIError{Code: code, Message: errMessage(msg), Path: path}
	}
	if resp.StatusCode/100 != 2 {
		return &statusError{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
	}
	if out != nil {
		if err := unmarshal(data, out); err != nil {
			return fmt.Errorf("%w: decode %s answer: %v", wecom.ErrUnexpectedResponse, path, err)
		}
	}
	return nil
}

// AnswerDecoder is implemented by a destination that decodes a whole
// answer itself and fails on invalid JSON as json.Unmarshal does (such as
// a lenient wrapper that hands the answer to json.Unmarshal): the core
// hands it the answer as read, without a validity scan of its own. As with
// json.Unmarshaler, data is only lent: it is reused once DecodeAnswer
// returns.
type AnswerDecoder interface {
	DecodeAnswer(data []byte) error
}

// unmarshal decodes data into out. An AnswerDecoder gets the answer as it
// is. Another destination that decodes itself (a json.Unmarshaler) is
// handed the answer once it is known to be valid JSON: encoding/json would
// scan it twice more before calling the same method.
func unmarshal(data []byte, out any) error {
	if d, ok := out.(AnswerDecoder); ok {
		return d.DecodeAnswer(data)
	}
	if u, ok := out.(json.Unmarshaler); ok {
		if !json.Valid(data) {
			return errors.New("invalid JSON")
		}
		return u.UnmarshalJSON(bytes.TrimSpace(data))
	}
	return json.Unmarshal(data, out)
}

// errMessage returns errmsg's text from its raw JSON value: a string
// unquoted, anything else as it was written, absent as "".
func errMessage(raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	if string(raw) == "null" {
		return ""
	}
	return string(raw)
}

// isJSONObject reports whether data looks like a JSON object. WeCom answers
// with one; null, an array or a bare value is not an answer.
func isJSONObject(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '{'
}

// scanEnvelope reads the top level of a JSON object and returns its
// errcode (lenient, see lenientInt; 0 when absent) and the raw value of
// its errmsg. Nested values are skipped, not decoded. ok is false when
// data is not a JSON object or errcode is not an integer. A duplicated key
// counts with its last value, as in encoding/json, and keys match without
// regard to case, as they do there.
func scanEnvelope(data []byte) (code int, msg []byte, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return 0, nil, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return 0, nil, skipSpace(data, i+1) == len(data)
	}
	var rawCode []byte
	for {
		if i >= len(data) || data[i] != '"' {
			return 0, nil, false
		}
		end := skipString(data, i)
		if end < 0 {
			return 0, nil, false
		}
		key := data[i+1 : end-1]
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return 0, nil, false
		}
		i = skipSpace(data, i+1)
		end = skipValue(data, i)
		if end < 0 {
			return 0, nil, false
		}
		switch {
		case keyIs(key, "errcode"):
			rawCode = data[i:end]
		case keyIs(key, "errmsg"):
			msg = data[i:end]
		}
		i = skipSpace(data, end)
		if i >= len(data) {
			return 0, nil, false
		}
		if data[i] == '}' {
			break
		}
		if data[i] != ',' {
			return 0, nil, false
		}
		i = skipSpace(data, i+1)
	}
	if skipSpace(data, i+1) != len(data) {
		return 0, nil, false
	}
	if rawCode != nil {
		if n, ok := smallInt(rawCode); ok {
			return n, msg, true
		}
		var n lenientInt
		if n.UnmarshalJSON(rawCode) != nil {
			return 0, nil, false
		}
		code = int(n)
	}
	return code, msg, true
}

// smallInt parses the common form of an errcode, a short run of digits
// with an optional minus sign, without allocating; anything else is left
// to lenientInt.
func smallInt(b []byte) (int, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// keyIs reports whether the raw key (still escaped) names want, compared
// as encoding/json compares a key with a field name.
func keyIs(raw []byte, want string) bool {
	if bytes.IndexByte(raw, '\\') < 0 {
		return bytes.EqualFold(raw, []byte(want))
	}
	var k string
	if json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &k) != nil {
		return false
	}
	return strings.EqualFold(k, want)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index after the string that starts at data[i]
// (a '"'), or -1 when it does not end.
func skipString(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipValue returns the index after the value that starts at data[i], or
// -1 when there is none. Objects and arrays are matched by brackets with
// strings skipped; their insides are not checked (encoding/json checks
// them when it decodes the answer).
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end := skipString(data, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(data) {
		c := data[j]
		if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			break
		}
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// bufPool holds the buffers answers are read into and bodies encoded in.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooled is the largest buffer kept for reuse; a rare large answer
// does not pin its memory.
const maxPooled = 64 << 10

func getBuffer() *bytes.Buffer { return bufPool.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooled {
		return
	}
	b.Reset()
	bufPool.Put(b)
}

// readLimited reads a body of at most limit bytes into buf; size is the
// announced length (-1 when unknown), used to size buf once.
func readLimited(buf *bytes.Buffer, r io.Reader, limit, size int64) error {
	if size > 0 && size <= limit {
		// +1: the read that sees EOF needs room. An announced length is
		// trusted only up to what the pool keeps: a large claim is grown
		// into as the bytes actually arrive.
		buf.Grow(int(min(size, maxPooled)) + 1)
	}
	for {
		if buf.Available() == 0 {
			buf.Grow(512)
		}
		b := buf.AvailableBuffer()
		b = b[:cap(b)]
		if room := limit + 1 - int64(buf.Len()); int64(len(b)) > room {
			b = b[:room]
		}
		n, err := r.Read(b)
		buf.Write(b[:n])
		if int64(buf.Len()) > limit {
			return fmt.Errorf("%w: body larger than %d bytes", wecom.ErrUnexpectedResponse, limit)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &readError{err: err}
		}
	}
}

// readError is a failure while reading an answer's body: a truncated
// answer, a connection reset, a context that ended. Unless the context
// ended, it wraps wecom.ErrUnexpectedResponse; it is worth a retry.
type readError struct{ err error }

func (e *readError) Error() string { return "reading the answer: " + e.err.Error() }

func (e *readError) Unwrap() []error {
	if errors.Is(e.err, context.Canceled) || errors.Is(e.err, context.DeadlineExceeded) {
		return []error{e.err}
	}
	return []error{e.err, wecom.ErrUnexpectedResponse}
}

// statusError is a non-2xx HTTP answer without a WeCom errcode.
type statusError struct {
	code        int
	contentType string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("HTTP %d (%s)", e.code, e.contentType)
}

func (e *statusError) Unwrap() error { return wecom.ErrUnexpectedResponse }

// encodeJSON marshals v without HTML escaping, so "<a href>" in a message
// goes on the wire as written.
func encodeJSON(v any) ([]byte, error) {
	e := encoderPool.Get().(*encoder)
	defer func() {
		if e.buf.Cap() <= maxPooled {
			e.buf.Reset()
			encoderPool.Put(e)
		}
	}()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.Clone(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))), nil
}

// encoder is a reusable JSON encoder and its buffer.
type encoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var encoderPool = sync.Pool{New: func() any {
	e := new(encoder)
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}}

// lenientInt decodes an errcode sent as a JSON number or as a string
// holding one. A number written with a fraction or exponent is accepted
// when it is a whole number ("1.0", "4e4"); null and "" are 0. Anything
// else, and anything outside the range of int, is an error, which makes
// the answer unexpected rather than silently successful.
type lenientInt int64

var errNotInteger = errors.New("errcode is not an integer")

func (n *lenientInt) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		*n = 0
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(b, &s); err != nil {
			return errNotInteger
		}
		if s = strings.TrimSpace(s); s == "" {
			*n = 0
			return nil
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return errNotInteger
		}
		v = int64(f)
	}
	if int64(int(v)) != v {
		return errNotInteger
	}
	*n = lenientInt(v)
	return nil
}

// isJSONAnswer reports whether a binary endpoint answered with JSON (its
// error form) rather than the file.
func isJSONAnswer(h http.Header) bool {
	if h.Get("Content-Disposition") != "" {
		return false
	}
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return mt == "application/json" || mt == "text/plain" || mt == "text/json"
}
