package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
)

// sensitiveWords mark query parameters whose values never reach a log line
// or an error string: a parameter whose lower-cased name contains one of
// them is sensitive (access_token, suite_access_token, corpsecret, code,
// auth_code, permanent_code, ticket, user_ticket, key, js_code, ...).
// Redacting a harmless parameter by mistake costs nothing; missing a
// secret would.
var sensitiveWords = []string{"token", "secret", "ticket", "code", "key", "password", "passwd", "session", "sign"}

// redacted replaces a sensitive value.
const redacted = "REDACTED"

// minScrubLen is the length under which a credential's value is not
// searched for in free text: replacing every "1" of a message would make it
// unreadable, and no credential is that short.
const minScrubLen = 6

func isSensitive(name string) bool {
	name = strings.ToLower(name)
	for _, w := range sensitiveWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// requestSecrets lists the values to keep out of errors and logs for a
// request: its credential, its sensitive query values, and the string
// values its JSON body carries under a sensitive key (suite_secret,
// suite_ticket, permanent_code, auth_code, provider_secret, ...), at any
// depth. Each is listed as it is and as it appears in a URL. It is called
// only once an attempt has failed: a successful call pays nothing for it.
func requestSecrets(q url.Values, body []byte, tok string) []string {
	var out []string
	add := func(v string) {
		if len(v) < minScrubLen {
			return
		}
		out = append(out, v)
		if e := url.QueryEscape(v); e != v {
			out = append(out, e)
		}
	}
	add(tok)
	for name, vs := range q {
		if isSensitive(name) {
			for _, v := range vs {
				add(v)
			}
		}
	}
	if len(body) > 0 {
		bodySecrets(body, add)
	}
	return out
}

// bodySecrets calls add with every string value of a JSON document that
// sits under a sensitive object key, directly or in an array (a nested
// object starts again from its own keys). A document that does not parse
// yields what was read before the fault.
func bodySecrets(body []byte, add func(string)) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	// One frame per open object or array: for an object, whether the next
	// string is a key, and the last key; an array inherits its key.
	type frame struct {
		object    bool
		expectKey bool
		sensitive bool
	}
	var stack []frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				if top != nil && top.object {
					top.expectKey = true
				}
				stack = append(stack, frame{object: true, expectKey: true})
			case '[':
				sensitive := top != nil && top.sensitive
				if top != nil && top.object {
					top.expectKey = true
				}
				stack = append(stack, frame{sensitive: sensitive})
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			switch {
			case top != nil && top.object && top.expectKey:
				top.expectKey = false
				top.sensitive = isSensitive(v)
			default:
				if top != nil && top.sensitive {
					add(v)
				}
				if top != nil && top.object {
					top.expectKey = true
				}
			}
		default: // numbers, booleans, null
			if n, ok := v.(json.Number); ok && top != nil && top.sensitive {
				add(n.String())
			}
			if top != nil && top.object {
				top.expectKey = true
			}
		}
	}
}

// scrub replaces every occurrence of a secret in s.
func scrub(s string, secrets []string) string {
	for _, v := range secrets {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, redacted)
		}
	}
	return s
}

// redactURL replaces the values of sensitive query parameters, and any
// password, with "REDACTED".
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	if u.RawQuery != "" {
		q := u.Query()
		for name := range q {
			if isSensitive(name) {
				q.Set(name, redacted)
			}
		}
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// redact returns err without credentials. net/http's *url.Error quotes the
// whole URL, token included: it is rebuilt with the URL redacted. If a
// credential still shows anywhere in the error or in an error it wraps (a
// transport that quotes the URL some other way), the error is replaced by
// an opaque one with the credentials cut out of its message, which still
// matches, through errors.Is, what the original matched (context errors,
// io.ErrUnexpectedEOF, wecom.ErrUnexpectedResponse), but hands out none of
// the original errors through errors.As.
func redact(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue == err {
		err = &url.Error{Op: ue.Op, URL: redactURL(ue.URL), Err: ue.Err}
	}
	if !leaks(err, secrets) {
		return err
	}
	return &scrubbedError{msg: redactURLsIn(scrub(err.Error(), secrets)), orig: err}
}

// leaks reports whether err or any error it wraps shows a secret or a URL
// with an unredacted sensitive parameter.
func leaks(err error, secrets []string) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	if scrub(msg, secrets) != msg || redactURLsIn(msg) != msg {
		return true
	}
	switch e := err.(type) {
	case interface{ Unwrap() error }:
		return leaks(e.Unwrap(), secrets)
	case interface{ Unwrap() []error }:
		for _, inner := range e.Unwrap() {
			if leaks(inner, secrets) {
				return true
			}
		}
	}
	return false
}

// redactURLsIn redacts sensitive parameters in free text: every
// "name=value" whose name is sensitive has its value, up to the next
// separator, replaced.
func redactURLsIn(s string) string {
	var b strings.Builder
	rest := s
	for {
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			b.WriteString(rest)
			return b.String()
		}
		nameStart := strings.LastIndexAny(rest[:eq], "?&; \t\n\"'") + 1
		name := rest[nameStart:eq]
		start := eq + 1
		if start < len(rest) && (rest[start] == '"' || rest[start] == '\'') {
			start++ // a quoted value
		}
		end := strings.IndexAny(rest[start:], "&; \t\n\"'#")
		if end < 0 {
			end = len(rest)
		} else {
			end += start
		}
		b.WriteString(rest[:start])
		if name != "" && isSensitive(name) && end > start && rest[start:end] != redacted {
			b.WriteString(redacted)
		} else {
			b.WriteString(rest[start:end])
		}
		rest = rest[end:]
	}
}

// scrubbedError stands for an error whose message showed a credential.
type scrubbedError struct {
	msg  string
	orig error
}

func (e *scrubbedError) Error() string { return e.msg }

// Is reports whether the original error matches target; it never hands the
// original out.
func (e *scrubbedError) Is(target error) bool { return errors.Is(e.orig, target) }
