package message

import (
	"encoding/xml"
	"errors"
	"strconv"
	"strings"

	cb "github.com/wecomkit/wecom/internal/callback"
)

// Sentinel errors. Errors reported by this package wrap one of these or one
// of the sentinels of package crypto, so that [errors.Is] tells bad input
// from a failing handler. [StatusCode] maps them to HTTP status codes.
var (
	// ErrBadRequest reports a callback request that lacks a required query
	// parameter or carries a malformed one.
	ErrBadRequest = errors.New("wecom/message: bad callback request")
	// ErrParse reports a decrypted message that is not well-formed XML, or
	// a payload that cannot be decoded into its typed struct.
	ErrParse = errors.New("wecom/message: malformed message")
	// ErrBodyTooLarge reports a request body above the configured limit.
	ErrBodyTooLarge = errors.New("wecom/message: request body too large")
	// ErrMethod reports an HTTP method other than GET and POST.
	ErrMethod = errors.New("wecom/message: method not allowed")
	// ErrHandler wraps every error returned by a [Handler] or a hook, and a
	// recovered panic.
	ErrHandler = errors.New("wecom/message: handler failed")
	// ErrQueueFull reports a callback refused because the asynchronous
	// queue is full (see [WithAsync]); WeCom retries it.
	ErrQueueFull = errors.New("wecom/message: callback queue full")
	// ErrInProgress reports a copy of a callback that arrived while the
	// first copy is still being handled (see [WithDedup]). It is answered
	// 503 so that WeCom sends the callback again, rather than acknowledged:
	// the first attempt may yet fail.
	ErrInProgress = errors.New("wecom/message: callback already being handled")
	// ErrTimestamp reports a correctly signed request whose timestamp is
	// outside the replay window (see [WithReplayWindow]): a replay, or a
	// server clock that is off.
	ErrTimestamp = errors.New("wecom/message: callback timestamp out of range")
	// ErrServerClosed reports a callback received after [Server.Shutdown].
	ErrServerClosed = errors.New("wecom/message: server shut down")
	// ErrReply reports a passive reply that could not be built or encrypted.
	ErrReply = errors.New("wecom/message: cannot build reply")
)

// StatusCode returns the HTTP status code [Server] answers for err:
//
//   - nil: 200;
//   - [crypto.ErrSignature]: 401;
//   - [ErrBadRequest], [ErrParse], [crypto.ErrEnvelope],
//     [crypto.ErrCiphertext], [crypto.ErrReceiverID]: 400;
//   - [ErrMethod]: 405;
//   - [ErrBodyTooLarge]: 413;
//   - [ErrTimestamp]: 403;
//   - [ErrQueueFull], [ErrInProgress], [ErrServerClosed]: 503;
//   - anything else, in particular [ErrHandler] and [ErrReply]: 500, so
//     that WeCom sends the callback again.
//
// It helps code that serves callbacks with [Server.HandleCallback] outside
// net/http.
func StatusCode(err error) int { return errs.Status(err) }

// errs are the package's sentinels, as the shared callback pipeline wraps
// them and maps them to status codes.
var errs = cb.Errors{
	BadRequest: ErrBadRequest, BodyTooLarge: ErrBodyTooLarge, Handler: ErrHandler,
	QueueFull: ErrQueueFull, InProgress: ErrInProgress, Timestamp: ErrTimestamp,
	ServerClosed: ErrServerClosed, Parse: ErrParse, Method: ErrMethod, Reply: ErrReply,
	Prefix: "wecom/message", AsyncOption: "message.WithAsync",
}

// xmlDetail describes an error of encoding/xml (or of a strconv call it
// made) without the text of the document, which error strings must not
// carry: the values of fields that do not parse and the names of unknown
// entities are left out.
func xmlDetail(err error) string {
	var num *strconv.NumError
	if errors.As(err, &num) {
		return num.Func + ": " + num.Err.Error()
	}
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		msg := syn.Msg
		for _, prefix := range []string{"invalid character entity", "invalid XML name"} {
			if strings.HasPrefix(msg, prefix) {
				msg = prefix
			}
		}
		return "XML syntax error on line " + strconv.Itoa(syn.Line) + ": " + msg
	}
	return err.Error()
}
