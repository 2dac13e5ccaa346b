package aibot

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/wecomkit/wecom/token"
)

// Defaults, the same as message.Server's.
const (
	// DefaultMaxBodySize is the default limit on the size of a callback
	// body.
	DefaultMaxBodySize = 1 << 20
	// DefaultReplayWindow is how far from the server's clock the timestamp
	// of a request may be by default (see [WithReplayWindow]).
	DefaultReplayWindow = 5 * time.Minute
	// DefaultDedupTTL is how long [WithDedup] remembers a callback by
	// default.
	DefaultDedupTTL = 2 * DefaultReplayWindow
)

// Option configures a [Server].
type Option func(*Server)

// WithStreams sets where the server finds the streams whose refreshes it
// answers; give every instance of a bot the same [Streams] over a shared
// cache. By default a server has a Streams of its own in memory.
func WithStreams(st *Streams) Option {
	return func(s *Server) {
		if st != nil {
			s.streams = st
		}
	}
}

// WithMaxBodySize sets the largest request body accepted, in bytes
// (default [DefaultMaxBodySize]); larger bodies get 413. n <= 0 keeps the
// default.
func WithMaxBodySize(n int64) Option {
	return func(s *Server) {
		if n > 0 {
			s.maxBody = n
		}
	}
}

// WithErrorHandler sets a function called with every error the server
// meets, as message.WithErrorHandler does. r is nil for callbacks given to
// [Server.HandleCallback].
func WithErrorHandler(f func(r *http.Request, err error)) Option {
	return func(s *Server) { s.onError = f }
}

// WithLogger sets the logger of the server, silent by default. Errors are
// logged without message contents.
func WithLogger(l *slog.Logger) Option {
	return func(s *Server) {
		if l != nil {
			s.logger = l
		}
	}
}

// WithHook adds a function run for every callback after de-duplication
// and before the handler (stream refreshes answered from the stream state
// excepted); an error fails the callback like a handler error.
func WithHook(f func(ctx context.Context, m *Message) error) Option {
	return func(s *Server) {
		if f != nil {
			s.hooks = append(s.hooks, f)
		}
	}
}

// WithDedup sets where the server remembers the callbacks it has handled,
// by msgid, so that WeCom's re-sends and replays are not handled twice: a
// copy gets the answer the first copy got, the same encrypted reply byte
// for byte. By default a server remembers them in memory; give every
// instance the same shared cache (Redis) so that a copy reaching another
// instance is recognised too. ttl <= 0 means [DefaultDedupTTL] (raised to
// twice the replay window); a nil cache turns de-duplication off. The
// rules are those of message.WithDedup; cache calls are bounded by
// token.TimeoutCache.
func WithDedup(cache token.Cache, ttl time.Duration) Option {
	return func(s *Server) {
		if cache == nil {
			s.dedupCache = nil
			return
		}
		if ttl <= 0 {
			ttl = DefaultDedupTTL
		}
		s.dedupCache, s.dedupTTL = token.TimeoutCache(cache, token.DefaultCacheTimeout), ttl
	}
}

// WithAsync acknowledges every callback at once and runs the handler on
// workers goroutines fed by a queue of queue callbacks, as
// message.WithAsync does. Passive replies are then dropped: a stream
// cannot be opened that way (stream refreshes are still answered).
func WithAsync(workers, queue int) Option {
	return func(s *Server) { s.asyncW, s.asyncQ = max(workers, 1), max(queue, 1) }
}

// WithReplayWindow sets how far from the server's clock the signed
// timestamp of a request may be (default [DefaultReplayWindow]); a request
// outside it gets 403 and [ErrTimestamp]. d <= 0 turns the check off.
func WithReplayWindow(d time.Duration) Option {
	return func(s *Server) { s.window = max(d, 0) }
}

// WithHandlerTimeout sets the time the handler is given, which its
// context's deadline enforces; d <= 0 removes the deadline. By default a
// handler gets 4.5 s from the arrival of the request (WeCom waits 5 s),
// shared with the de-duplication claim and the hooks; one that overruns is
// logged at level Warn.
func WithHandlerTimeout(d time.Duration) Option {
	return func(s *Server) {
		s.timeout = max(d, 0)
		s.timeoutSet = true
	}
}
