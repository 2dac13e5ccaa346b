package wecom

//go:generate go run ./internal/errcodes/gen

import (
	"errors"
	"strconv"
	"strings"
)

// APIError is a non-zero errcode returned by WeCom.
//
// Its Error method shows the endpoint path, the code and WeCom's message,
// never a query string (a Path that carries one is cut at the "?"), so no
// access token or secret can leak through it.
type APIError struct {
	// Code is WeCom's errcode.
	Code int
	// Message is WeCom's errmsg, as sent.
	Message string
	// Path is the endpoint path, such as "/cgi-bin/user/get".
	Path string
}

// Error implements the error interface. For a documented code it shows the
// code's meaning in parentheses, for example
//
//	wecom: /cgi-bin/user/get: errcode 60111 (userid not found): <errmsg>
func (e *APIError) Error() string {
	if e == nil {
		return "wecom: <nil APIError>"
	}
	path, _, _ := strings.Cut(e.Path, "?")
	var b strings.Builder
	b.Grow(len("wecom: : errcode -2147483648 (): ") + len(path) + len(codeText(e.Code)) + len(e.Message))
	b.WriteString("wecom: ")
	if path != "" {
		b.WriteString(path)
		b.WriteString(": ")
	}
	writeCode(&b, e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Is reports whether target is the [ErrorCode] of e, so that
// errors.Is(err, wecom.ErrUserNotFound) holds for an *APIError with code
// 60111 however deeply err wraps it.
func (e *APIError) Is(target error) bool {
	c, ok := target.(ErrorCode)
	return ok && e != nil && int(c) == e.Code
}

// ErrorCode is one of WeCom's errcodes used as a sentinel error. Every code
// on WeCom's global error-code page has a named constant of this type
// (ErrUserNotFound, ErrRateLimited, ErrInvalidAccessToken, ... in
// errcodes_gen.go), and errors.Is(err, code) reports whether err carries an
// [*APIError] with that code. A code WeCom does not document works the same
// way through a conversion: errors.Is(err, wecom.ErrorCode(12345)).
type ErrorCode int

// Error returns "wecom: errcode N (meaning)", or "wecom: errcode N" for a
// code that has no documented meaning.
func (c ErrorCode) Error() string {
	var b strings.Builder
	b.WriteString("wecom: ")
	writeCode(&b, int(c))
	return b.String()
}

// Text returns the short English meaning of the code, or "" when WeCom does
// not document it.
func (c ErrorCode) Text() string { return codeText(int(c)) }

// CodeText returns the short English meaning of a WeCom errcode (as
// "userid not found" for 60111), or "" for 0 and for codes WeCom does not
// document.
func CodeText(code int) string { return codeText(code) }

// writeCode writes "errcode N" and, for a documented code, " (meaning)".
func writeCode(b *strings.Builder, code int) {
	var num [20]byte
	b.WriteString("errcode ")
	b.Write(strconv.AppendInt(num[:0], int64(code), 10))
	if text := codeText(code); text != "" {
		b.WriteString(" (")
		b.WriteString(text)
		b.WriteString(")")
	}
}

// Error codes that the SDK itself reacts to, as plain ints. Every documented
// code, these included, also has a typed [ErrorCode] constant named ErrXxx
// (CodeRateLimited is ErrRateLimited) that works with errors.Is.
const (
	CodeSystemBusy           = -1     // system busy; retried with back-off only when safe
	CodeInvalidCredential    = 40001  // wrong secret, or an invalid access_token
	CodeInvalidAccessToken   = 40014  // access_token invalid
	CodeAccessTokenExpired   = 42001  // access_token expired
	CodeInvalidSuiteToken    = 40082  // suite_access_token invalid
	CodeSuiteTokenExpired    = 42009  // suite_access_token expired
	CodeInvalidSuiteTicket   = 40085  // suite_ticket missing or expired
	CodeInvalidPermanentCode = 40084  // permanent_code invalid
	CodeOAuthCodeExpired     = 42003  // OAuth code expired
	CodeRateLimited          = 45009  // API call frequency exceeded
	CodeConcurrencyLimited   = 45033  // concurrent calls to one API exceeded
	CodeAllRecipientsInvalid = 81013  // message/send: no valid recipient
	CodeCheckinSystemFailure = 301022 // check-in data: system failure
)

// ErrCode returns the WeCom errcode carried by err, or 0 when err does not
// wrap an *APIError.
func ErrCode(err error) int {
	var e *APIError
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// IsTokenInvalid reports whether err is WeCom saying that the access token,
// suite token or provider token it was given is invalid or expired.
//
// 40001 from gettoken itself is not: there it means that the secret is
// wrong, and asking again with it only risks getting the IP banned.
func IsTokenInvalid(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case CodeInvalidCredential:
		return e.Path != gettokenPath
	case CodeInvalidAccessToken, CodeAccessTokenExpired, CodeInvalidSuiteToken, CodeSuiteTokenExpired:
		return true
	}
	return false
}

// gettokenPath is the endpoint that trades a corp id and secret for an
// access token.
const gettokenPath = "/cgi-bin/gettoken"

// IsRateLimited reports whether err is one of WeCom's frequency or
// concurrency limits (45009, 45033).
func IsRateLimited(err error) bool {
	c := ErrCode(err)
	return c == CodeRateLimited || c == CodeConcurrencyLimited
}

// Sentinel errors for failures that are not WeCom errcodes.
var (
	// ErrUnexpectedResponse is returned when WeCom answers with a body the
	// SDK cannot read as the endpoint's response (an HTML error page, a
	// truncated or oversized body, a non-2xx status without JSON).
	ErrUnexpectedResponse = errors.New("wecom: unexpected response")
	// ErrConfig is returned by constructors given an incomplete or invalid
	// configuration.
	ErrConfig = errors.New("wecom: invalid configuration")
)
