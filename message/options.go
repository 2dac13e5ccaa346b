package message

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	cb "github.com/wecomkit/wecom/internal/callback"
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
//
// SetNX stores value under key for ttl unless key already holds a value,
// and reports whether it stored it.
type SetNXer = cb.SetNXer

// DefaultDedupTTL is how long [WithDedup] remembers a callback by default:
// WeCom re-sends within seconds, and twice the default replay window is
// the longest a callback can be accepted.
const DefaultDedupTTL = 2 * DefaultReplayWindow

// WithDedup sets where the server remembers the callbacks it has handled,
// so that WeCom's re-sends, and replays, of one are not handled again. A
// Server de-duplicates by default, in a cache of its own in memory: that
// covers copies that reach the same process. Give every instance of a
// service the same shared cache (Redis; work.Client.CallbackHandler and
// the openwork handlers pass the client's cache) so that a copy that
// reaches another instance is recognised too. Each callback is remembered
// for ttl (<= 0 means [DefaultDedupTTL]; a ttl under twice the replay window
// is raised to it, see [WithReplayWindow]). A copy of a handled callback
// reaches neither hooks nor handler: it gets the answer the first copy got
// — the same encrypted passive reply, byte for byte, when there was one
// (stored with the key, up to 64 KiB; it is ciphertext), otherwise the plain
// acknowledgement (an empty body or "success"). A nil cache turns
// de-duplication off (for a handler that is idempotent on its own).
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
// two or three cache calls, all made within the handler's deadline (see
// [WithHandlerTimeout]), so that a hung cache cannot hold the answer past
// WeCom's wait.
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
// values but is not cancelled when the request ends; its deadline is one
// minute after a worker starts the callback (see [WithHandlerTimeout]). Call
// [Server.Shutdown] to drain the queue. workers and queue below 1 count
// as 1.
func WithAsync(workers, queue int) ServerOption {
	return func(s *Server) {
		s.asyncWorkers, s.asyncQueue = max(workers, 1), max(queue, 1)
	}
}

// DefaultReplayWindow is how far from the server's clock the timestamp
// of a request may be by default (see [WithReplayWindow]).
const DefaultReplayWindow = 5 * time.Minute

// WithReplayWindow sets how far from the server's clock the signed
// timestamp of a request (URL verification or callback) may be: a request
// outside the window is refused with 403 and [ErrTimestamp] before any
// hook or handler sees it, so that a captured request cannot be replayed
// later. The default is [DefaultReplayWindow]; d <= 0 turns the check off
// (do that only when replays cannot matter).
//
// WeCom signs each request when it sends it and re-sends an unanswered
// callback within seconds (three attempts in all), so its genuine re-sends
// are always inside the window; what the window bounds is the clock
// difference of the two sides plus network delays. Keep the server's
// clock synchronised (NTP): with a clock off by more than the window every
// request is refused.
//
// Inside the window, replays are what [WithDedup] refuses: the server
// remembers each callback for at least twice the window, the longest a
// callback can be accepted, so that every copy the window lets through is
// recognised.
func WithReplayWindow(d time.Duration) ServerOption {
	return func(s *Server) { s.window = max(d, 0) }
}

// WithHandlerTimeout sets the time the handler is given, which its
// context's deadline enforces (an API call made with that context gives up
// when it passes). d <= 0 removes the deadline.
//
// By default a handler gets what WeCom waits for the answer minus a
// margin for the bookkeeping and the answer itself, counted from the
// arrival of the request: 4.5 s for messages and events (WeCom waits 5 s),
// 800 ms for third-party instruction callbacks (WeCom waits 1 s). The
// de-duplication claim and the hooks run within the same deadline, so that
// a hung cache cannot hold the answer back. A handler that runs past its
// deadline or past WeCom's wait is logged at level Warn: WeCom has given up
// on the answer and sends the callback again; use [WithAsync].
//
// In asynchronous mode (see [WithAsync]) the answer does not wait for the
// handler: d counts from when a worker starts the callback, one minute by
// default, and the hooks keep WeCom's budget.
func WithHandlerTimeout(d time.Duration) ServerOption {
	return func(s *Server) {
		s.timeout = max(d, 0)
		s.timeoutSet = true
	}
}
