package api

import (
	"errors"
	"net/url"
	"strings"
)

// sensitiveParams are query parameters whose values never reach a log line
// or an error string.
var sensitiveParams = []string{
	"access_token", "suite_access_token", "provider_access_token",
	"corpsecret", "secret", "code", "auth_code", "permanent_code", "pre_auth_code",
	"ticket", "suite_ticket", "user_ticket", "key", "js_code",
}

// redactURL replaces the values of sensitive query parameters with
// "REDACTED".
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	if u.RawQuery == "" {
		return raw
	}
	q := u.Query()
	for name := range q {
		if isSensitive(name) {
			q.Set(name, "REDACTED")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func isSensitive(name string) bool {
	name = strings.ToLower(name)
	for _, s := range sensitiveParams {
		if name == s {
			return true
		}
	}
	return false
}

// redact rebuilds a transport error so that its message carries no
// credential: net/http's *url.Error quotes the whole URL.
func redact(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	return &url.Error{Op: ue.Op, URL: redactURL(ue.URL), Err: ue.Err}
}
