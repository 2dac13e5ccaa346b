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
func decodeResponse(path string, resp *http.Response, out any) error {
	data, err := readLimited(resp.Body, MaxResponseSize)
	if err != nil {
		return err
	}
	var env envelope
	if !isJSONObject(data) || json.Unmarshal(data, &env) != nil {
		if resp.StatusCode/100 != 2 {
			return &statusError{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
		}
		return fmt.Errorf("%w: HTTP %d, %d bytes of %q that are not the expected JSON",
			wecom.ErrUnexpectedResponse, resp.StatusCode, len(data), resp.Header.Get("Content-Type"))
	}
	if env.ErrCode != 0 {
		return &wecom.APIError{Code: int(env.ErrCode), Message: env.ErrMsg, Path: path}
	}
	if resp.StatusCode/100 != 2 {
		return &statusError{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%w: decode %s answer: %v", wecom.ErrUnexpectedResponse, path, err)
		}
	}
	return nil
}

// isJSONObject reports whether data looks like a JSON object. WeCom answers
// with one; null, an array or a bare value is not an answer.
func isJSONObject(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '{'
}

// readLimited reads a body of at most limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &readError{err: err}
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: body larger than %d bytes", wecom.ErrUnexpectedResponse, limit)
	}
	return data, nil
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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

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
