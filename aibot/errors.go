package aibot

import (
	"errors"

	cb "github.com/wecomkit/wecom/internal/callback"
)

// Sentinel errors. Errors reported by this package wrap one of these or one
// of the sentinels of package crypto, so that [errors.Is] tells bad input
// from a failing handler. [StatusCode] maps them to HTTP status codes.
var (
	// ErrBadRequest reports a callback request that lacks a required query
	// parameter or carries a malformed one.
	ErrBadRequest = errors.New("wecom/aibot: bad callback request")
	// ErrParse reports a decrypted callback that is not a JSON object.
	ErrParse = errors.New("wecom/aibot: malformed callback")
	// ErrBodyTooLarge reports a request body above the configured limit.
	ErrBodyTooLarge = errors.New("wecom/aibot: request body too large")
	// ErrMethod reports an HTTP method other than GET and POST.
	ErrMethod = errors.New("wecom/aibot: method not allowed")
	// ErrHandler wraps every error returned by a [Handler] or a hook, and a
	// recovered panic.
	ErrHandler = errors.New("wecom/aibot: handler failed")
	// ErrQueueFull reports a callback refused because the asynchronous
	// queue is full (see [WithAsync]); WeCom retries it.
	ErrQueueFull = errors.New("wecom/aibot: callback queue full")
	// ErrInProgress reports a copy of a callback that arrived while the
	// first copy is still being handled; it is answered 503 so that WeCom
	// sends it again.
	ErrInProgress = errors.New("wecom/aibot: callback already being handled")
	// ErrTimestamp reports a correctly signed request whose timestamp is
	// outside the replay window (see [WithReplayWindow]).
	ErrTimestamp = errors.New("wecom/aibot: callback timestamp out of range")
	// ErrServerClosed reports a callback received after [Server.Shutdown].
	ErrServerClosed = errors.New("wecom/aibot: server shut down")
	// ErrReply reports a passive reply that could not be built or encrypted.
	ErrReply = errors.New("wecom/aibot: cannot build reply")
	// ErrStreamExpired reports a write to a stream, or a refresh of one,
	// past WeCom's limit (6 minutes after the stream was opened, see
	// [StreamLimit]): WeCom no longer shows its updates.
	ErrStreamExpired = errors.New("wecom/aibot: stream past its 6-minute limit")
	// ErrStreamFinished reports a write to a stream that was finished.
	ErrStreamFinished = errors.New("wecom/aibot: stream already finished")
	// ErrMedia reports a media file that cannot be downloaded or
	// decrypted.
	ErrMedia = errors.New("wecom/aibot: cannot decrypt media")
)

// StatusCode returns the HTTP status code [Server] answers for err:
//
//   - nil: 200;
//   - [crypto.ErrSignature]: 401;
//   - [ErrBadRequest], [ErrParse], [crypto.ErrEnvelope],
//     [crypto.ErrCiphertext], [crypto.ErrReceiverID]: 400;
//   - [ErrTimestamp]: 403;
//   - [ErrMethod]: 405;
//   - [ErrBodyTooLarge]: 413;
//   - [ErrQueueFull], [ErrInProgress], [ErrServerClosed]: 503;
//   - anything else, in particular [ErrHandler] and [ErrReply]: 500, so
//     that WeCom sends the callback again.
func StatusCode(err error) int { return errs.Status(err) }

// errs are the package's sentinels, as the shared callback pipeline wraps
// them and maps them to status codes.
var errs = cb.Errors{
	BadRequest: ErrBadRequest, BodyTooLarge: ErrBodyTooLarge, Handler: ErrHandler,
	QueueFull: ErrQueueFull, InProgress: ErrInProgress, Timestamp: ErrTimestamp,
	ServerClosed: ErrServerClosed, Parse: ErrParse, Method: ErrMethod, Reply: ErrReply,
	Prefix: "wecom/aibot", AsyncOption: "aibot.WithAsync",
}
