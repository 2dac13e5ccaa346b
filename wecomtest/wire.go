package wecomtest

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// obj is a JSON answer. The dispatcher adds errcode 0 and errmsg "ok"
// unless the handler set errmsg itself ("created", "updated", "deleted").
type obj map[string]any

// bareObj is a JSON answer sent without errcode and errmsg, as WeCom does
// for a successful service/get_corp_token.
type bareObj map[string]any

// apiError is a WeCom errcode answer produced by a handler.
type apiError struct {
	code int
	msg  string
}

func (e *apiError) Error() string { return fmt.Sprintf("errcode %d: %s", e.code, e.msg) }

// errf returns a WeCom errcode with a formatted message.
func errf(code int, format string, args ...any) *apiError {
	return &apiError{code: code, msg: fmt.Sprintf(format, args...)}
}

// invalidParam is errcode 40058, WeCom's answer to bad JSON, missing or
// malformed fields and wrong methods.
func invalidParam(format string, args ...any) *apiError {
	return errf(codeInvalidParameter, format, args...)
}

// errmsg renders a message the way WeCom does for non-zero codes.
func errmsg(code int, msg string) string {
	if code == 0 {
		return msg
	}
	return fmt.Sprintf("%s, hint: [wecomtest], more info at https://open.work.weixin.qq.com/devtool/query?e=%d", msg, code)
}

// errorBody is the JSON of an errcode answer.
func errorBody(code int, msg string) []byte {
	b, _ := json.Marshal(struct {
		Code int    `json:"errcode"`
		Msg  string `json:"errmsg"`
	}{code, errmsg(code, msg)})
	return b
}

// decodeBody decodes a JSON request body into v, answering 40058 when the
// body is empty or not JSON of the right shape.
func decodeBody(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return invalidParam("empty request body")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return invalidParam("invalid request body: %s", jsonProblem(err))
	}
	return nil
}

// jsonProblem describes a decoding error without echoing the input.
func jsonProblem(err error) string {
	switch e := err.(type) {
	case *json.UnmarshalTypeError:
		if e.Field != "" {
			return "field " + e.Field + " has the wrong type"
		}
		return "wrong type"
	case *json.SyntaxError:
		return "malformed JSON"
	default:
		return "malformed JSON"
	}
}

// flexInt is an integer field that WeCom accepts as a JSON number or as a
// string of digits.
type flexInt int64

// UnmarshalJSON accepts 12, "12" and null.
func (n *flexInt) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		return nil
	}
	if unq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(unq)
		if s == "" {
			*n = 0
			return nil
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return errors.New("not an integer")
	}
	*n = flexInt(v)
	return nil
}

// randomToken returns an unguessable credential-like string.
func randomToken(parts int) string {
	var b strings.Builder
	for range parts {
		b.WriteString(rand.Text())
	}
	return b.String()
}

// randomDigits returns n random decimal digits, the first not zero.
func randomDigits(n int) string {
	buf := make([]byte, n)
	_, _ = rand.Read(buf)
	for i := range buf {
		buf[i] = '0' + buf[i]%10
	}
	if n > 0 && buf[0] == '0' {
		buf[0] = '1'
	}
	return string(buf)
}

// splitBar splits WeCom's "a|b|c" lists, dropping empty items.
func splitBar(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, "|") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
