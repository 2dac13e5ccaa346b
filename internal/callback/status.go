package callback

import (
	"errors"
	"net/http"

	"github.com/wecomkit/wecom/crypto"
)

// Status returns the HTTP status code a callback server answers for err,
// given the sentinels of its package:
//
//   - nil: 200;
//   - crypto.ErrSignature: 401;
//   - Handler, Reply: 500 — checked before the input errors, since a
//     handler may return an error wrapping, say, Parse from its own decoding;
//   - BadRequest, Parse, crypto.ErrEnvelope, crypto.ErrCiphertext,
//     crypto.ErrReceiverID: 400;
//   - Timestamp: 403;
//   - Method: 405;
//   - BodyTooLarge: 413;
//   - QueueFull, InProgress, ServerClosed: 503;
//   - anything else: 500, so that WeCom sends the callback again.
func (e Errors) Status(err error) int {
	is := func(targets ...error) bool {
		for _, t := range targets {
			if t != nil && errors.Is(err, t) {
				return true
			}
		}
		return false
	}
	switch {
	case err == nil:
		return http.StatusOK
	case is(crypto.ErrSignature):
		return http.StatusUnauthorized
	case is(e.Handler, e.Reply):
		return http.StatusInternalServerError
	case is(e.BadRequest, e.Parse, crypto.ErrEnvelope, crypto.ErrCiphertext, crypto.ErrReceiverID):
		return http.StatusBadRequest
	case is(e.Timestamp):
		return http.StatusForbidden
	case is(e.Method):
		return http.StatusMethodNotAllowed
	case is(e.BodyTooLarge):
		return http.StatusRequestEntityTooLarge
	case is(e.QueueFull, e.InProgress, e.ServerClosed):
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}
