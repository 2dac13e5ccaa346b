package message

import (
	"fmt"
	"net/url"
	"strings"
)

// callbackQuery holds the query parameters of a callback request.
type callbackQuery struct {
	signature, timestamp, nonce, echostr string
}

// parseCallbackQuery extracts the callback parameters from a raw query
// string as url.ParseQuery would (first value of each key; pairs holding
// ';' ignored), without building a map. Other parameters are ignored.
// Missing or empty parameters, and echostr when wantEcho, are errors
// wrapping ErrBadRequest.
func parseCallbackQuery(raw string, wantEcho bool) (callbackQuery, error) {
	var q callbackQuery
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" || strings.Contains(pair, ";") {
			continue
		}
		key, value, _ := strings.Cut(pair, "=")
		if strings.ContainsAny(key, "%+") {
			k, err := url.QueryUnescape(key)
			if err != nil {
				continue // url.ParseQuery drops such pairs too
			}
			key = k
		}
		var dst *string
		switch key {
		case "msg_signature":
			dst = &q.signature
		case "timestamp":
			dst = &q.timestamp
		case "nonce":
			dst = &q.nonce
		case "echostr":
			dst = &q.echostr
		default:
			continue
		}
		if *dst != "" {
			continue
		}
		if strings.ContainsAny(value, "%+") {
			v, err := url.QueryUnescape(value)
			if err != nil {
				return q, fmt.Errorf("%w: malformed %s parameter", ErrBadRequest, key)
			}
			value = v
		}
		*dst = value
	}
	switch {
	case q.signature == "":
		return q, fmt.Errorf("%w: missing msg_signature parameter", ErrBadRequest)
	case q.timestamp == "":
		return q, fmt.Errorf("%w: missing timestamp parameter", ErrBadRequest)
	case q.nonce == "":
		return q, fmt.Errorf("%w: missing nonce parameter", ErrBadRequest)
	case wantEcho && q.echostr == "":
		return q, fmt.Errorf("%w: missing echostr parameter", ErrBadRequest)
	}
	return q, nil
}
