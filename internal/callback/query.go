package callback

import (
	"fmt"
	"net/url"
	"strings"
)

// Query holds the query parameters of a callback request.
type Query struct {
	Signature, Timestamp, Nonce, Echostr string
}

// ParseQuery extracts the callback parameters from a raw query
// string as url.ParseQuery would (first value of each key; pairs holding
// ';' ignored), without building a map. Other parameters are ignored.
// Missing or empty parameters, and echostr when wantEcho, are errors
// wrapping errBadRequest.
func ParseQuery(raw string, wantEcho bool, errBadRequest error) (Query, error) {
	var q Query
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
			dst = &q.Signature
		case "timestamp":
			dst = &q.Timestamp
		case "nonce":
			dst = &q.Nonce
		case "echostr":
			dst = &q.Echostr
		default:
			continue
		}
		if *dst != "" {
			continue
		}
		if strings.ContainsAny(value, "%+") {
			v, err := url.QueryUnescape(value)
			if err != nil {
				return q, fmt.Errorf("%w: malformed %s parameter", errBadRequest, key)
			}
			value = v
		}
		*dst = value
	}
	switch {
	case q.Signature == "":
		return q, fmt.Errorf("%w: missing msg_signature parameter", errBadRequest)
	case q.Timestamp == "":
		return q, fmt.Errorf("%w: missing timestamp parameter", errBadRequest)
	case q.Nonce == "":
		return q, fmt.Errorf("%w: missing nonce parameter", errBadRequest)
	case wantEcho && q.Echostr == "":
		return q, fmt.Errorf("%w: missing echostr parameter", errBadRequest)
	}
	return q, nil
}
