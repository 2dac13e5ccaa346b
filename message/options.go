package message

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/wecomkit/wecom/token"
)

// DefaultMaxBodySize is the default limit on the size of a callback body.
const DefaultMaxBodySize = 1 << 20

// ServerOption configures a [Server].
type ServerOption func(*Server)

// WithMaxBodySize sets the largest request body accepted, in bytes
// (default [DefaultMaxBodySize]); larger bodies get 413. n <= 0 keeps the
// default.
func WithMaxBodySize(n int64) ServerOption {
	return func(s *Server) {
		if n > 0 {
			s.maxBody = n
		}
	}
}

// WithErrorHandler sets a function called with every error the server
// meets: rejected requests (wrapping [crypto.ErrSignature], [ErrParse],
// ...), failing handlers ([ErrHandler]), and non-fatal trouble such as an
// unreachable de-duplication cache. r is the request, or nil for callbacks
// given to [Server.HandleCallback]; its body has been read. The function
// must be safe for concurrent use; a panic in it is recovered and ignored.
func WithErrorHandler(f func(r *http.Request, err error)) ServerOption {
	return func(s *Server) { s.onError = f }
}

// WithLogger sets the logger of the server, silent by default. Errors are
// logged at level Warn (bad input) or Error (handler failures), without
// message contents; dropped re-sends at level Debug. A panic in the
// logger's handler is recovered and ignored.
func WithLogger(l *slog.Logger) ServerOption {
	return func(s *Server) {
		if l != nil {
			s.logger = l
		}
	}
}

// WithHook adds a function run for every message after de-duplication and
// before the handler, in the request's goroutine and before the answer,
// even in asynchronous mode: what it does is done when WeCom gets its
// answer. An error fails the callback like a handler error (500, so WeCom
// retries). openwork uses a hook to store pushed suite_tickets; keep hooks
// fast, instruction callbacks must be answered within 1 s.
func WithHook(f func(ctx context.Context, m *Message) error) ServerOption {
	return func(s *Server) {
		if f != nil {
			s.hooks = append(s.hooks, f)
		}
	}
}

// SetNXer is implemented by caches that can store a key only if it is
// absent, atomically (Redis SET NX). [WithDedup] uses it when the cache
// offers it.
type SetNXer interface {
	// SetNX stores value under key for ttl unless key already holds a
	// value, and reports whether it stored it.
	SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error)
}

// DefaultDedupTTL is how long [WithDedup] remembers a callback by default:
// WeCom re-sends within seconds.
const DefaultDedupTTL = 5 * time.Minute

// WithDedup makes the server drop WeCom's re-sends of a callback it has
// already handled, remembering each callback in cache for ttl (<= 0 means
// [DefaultDedupTTL]). A re-send gets the plain acknowledgement (an empty
// body or "success") and reaches neither hooks nor handler.
//
// A message is known by its MsgId; an event (even one with a MsgId) or an
// instruction callback by the corp or suite, FromUserName, CreateTime,
// Event or InfoType, ChangeType and a digest of its whole document, which
// covers its own ids (UserID, ExternalUserID, ChatId, SpNo, ...): two
// different events in the same second are both delivered, and WeCom's
// re-sends, which repeat the document, are recognised. Keys start with
// "wecom:callback:" and contain no secret.
//
// A callback is stored as being handled before the hooks run, and as
// handled once the handler (or, in asynchronous mode, the queued job) has
// succeeded. A copy that arrives while the first is still being handled —
// WeCom re-sends after 5 s without an answer — is refused with 503
// ([ErrInProgress]) so that WeCom tries again: acknowledging it would lose
// the callback if the first attempt then failed. If handling fails, the
// key is deleted so that the re-send is handled. So each callback costs
// two or three cache calls.
//
// With a cache implementing [SetNXer] the check is atomic; otherwise it is
// a Get then a Set, and two copies arriving at the same instant may both
// pass. A cache error never drops a message: the message is delivered and
// the error reported to the error handler. Each cache call is bounded by
// token.TimeoutCache with token.DefaultCacheTimeout, unless cache already is
// (as the cache of work.Client.Cache is): a hung Redis costs a callback at
// most that per call.
func WithDedup(cache token.Cache, ttl time.Duration) ServerOption {
	return func(s *Server) {
		if cache == nil {
			s.dedup = nil
			return
		}
		if ttl <= 0 {
			ttl = DefaultDedupTTL
		}
		s.dedup = &deduper{cache: token.TimeoutCache(cache, token.DefaultCacheTimeout), ttl: ttl}
	}
}

// WithAsync makes the server acknowledge every valid callback at once and
// run the handler on a pool of workers goroutines fed by a queue of queue
// callbacks (WeCom waits 5 s for messages and events, 1 s for instruction
// callbacks). When the queue is full the server answers 503 so that WeCom
// sends the callback again, rather than blocking or dropping it; the place
// in the queue is secured before anything else, so such a callback leaves
// no trace in the de-duplication cache and its re-send is handled.
//
// In this mode handlers cannot reply passively: a returned Reply is
// discarded (send messages with the API instead), and handler errors only
// reach the error handler. Handlers get a context that keeps the request's
// values but is not cancelled when the request ends. Call
// [Server.Shutdown] to drain the queue. workers and queue below 1 count
// as 1.
func WithAsync(workers, queue int) ServerOption {
	return func(s *Server) {
		s.asyncWorkers, s.asyncQueue = max(workers, 1), max(queue, 1)
	}
}

// WithMaxClockSkew makes the server refuse, with 403 and [ErrTimestamp],
// correctly signed requests (URL verification and callbacks) whose
// timestamp parameter is more than d away from the server's clock. It
// bounds how long a captured request can be replayed; [WithDedup] drops
// replays only while it remembers them. d <= 0, the default, turns the
// check off.
//
// WeCom signs each request when it sends it and re-sends a callback within
// seconds, so a few minutes (the clock difference of the two sides plus
// network delays) is a safe value; five minutes is common. Keep the
// server's clock synchronised (NTP): with a wrong clock every callback is
// refused.
func WithMaxClockSkew(d time.Duration) ServerOption {
	return func(s *Server) { s.maxSkew = max(d, 0) }
}
