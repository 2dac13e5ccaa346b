package message

import cb "github.com/wecomkit/wecom/internal/callback"

// callbackQuery holds the query parameters of a callback request.
type callbackQuery struct {
	signature, timestamp, nonce, echostr string
}

// parseCallbackQuery extracts the callback parameters from a raw query
// string as url.ParseQuery would (see cb.ParseQuery). Missing or
// empty parameters, and echostr when wantEcho, are errors wrapping
// ErrBadRequest.
func parseCallbackQuery(raw string, wantEcho bool) (callbackQuery, error) {
	q, err := cb.ParseQuery(raw, wantEcho, ErrBadRequest)
	return callbackQuery{signature: q.Signature, timestamp: q.Timestamp, nonce: q.Nonce, echostr: q.Echostr}, err
}
