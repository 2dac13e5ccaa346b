package wecom

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/wecomkit/wecom/token"
)

// DefaultBaseURL is the origin of every WeCom server API.
const DefaultBaseURL = "https://qyapi.weixin.qq.com"

// DefaultTimeout is the per-attempt timeout when no WithTimeout option is
// given (see Options.Timeout).
const DefaultTimeout = 30 * time.Second

// Options is the configuration shared by the work and openwork clients.
// Build it with [NewOptions]; set it through [Option] values.
type Options struct {
	// HTTPClient sends the requests. Default: a client of its own with
	// http.DefaultTransport.
	HTTPClient *http.Client
	// BaseURL is the API origin. Default: DefaultBaseURL.
	BaseURL string
	// Cache stores tokens and tickets. Default: one in-memory cache per
	// client. Share one cache (Redis) between instances of a service.
	// NewOptions bounds every call to it with token.TimeoutCache (see
	// CacheTimeout).
	Cache token.Cache
	// CacheTimeout bounds each call to Cache (and to its lock, SetNX and
	// compare-and-delete), or the caller's deadline if sooner, even when the
	// cache's client ignores contexts. A call that runs out fails, and its
	// caller carries on as with a cache that is down: a token is fetched
	// directly, a callback is handled without de-duplication. A cache that
	// token.TimeoutCache already bounds keeps its own limit. Default:
	// token.DefaultCacheTimeout (250ms).
	CacheTimeout time.Duration
	// Logger receives debug and error records; credentials never reach it.
	// Default: a logger that discards everything.
	Logger *slog.Logger
	// Timeout bounds each HTTP attempt of a JSON call as a whole. For a file
	// upload or download it bounds the wait for the answer and each pause in
	// the file's stream, not the transfer's total length, so a large file on
	// a slow link is not cut short while it moves; bound a whole call with
	// its context. Default: DefaultTimeout.
	Timeout time.Duration
	// Retry says how failures other than an invalid token are retried.
	Retry RetryPolicy
}

// RetryPolicy controls back-off retries after WeCom's rate limits (45009,
// 45033), "system busy" (-1), 5xx answers and network errors.
//
// Only requests that are safe to repeat are retried. Every typed method
// knows whether it is: reads and writes that set a state (tag members,
// set-style updates) are retried, writes that create or delete something
// are not, and a request that delivers something to people (a message, a
// welcome message, a mass send, a customer-service or robot reply) is never
// repeated, whatever the policy or the caller says. A call through a
// client's Do method is not retried unless the caller marks it with
// [Idempotent]:
//
//	err := c.Do(ctx, http.MethodPost, "/cgi-bin/tag/addtagusers", in, &out, wecom.Idempotent())
//
// Retries after an invalid or expired token are separate: such a call is
// repeated exactly once with a fresh token, whatever the policy says,
// because WeCom rejected it before doing anything.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts, the first included.
	// 1 disables retries. Default: 3.
	MaxAttempts int
	// BaseDelay is the wait before the first retry; it doubles for each
	// further retry, with jitter. Default: 500ms.
	BaseDelay time.Duration
	// MaxDelay caps one wait. Default: 5s.
	MaxDelay time.Duration
}

// Option configures a client.
type Option func(*Options)

// WithHTTPClient sets the HTTP client used for every request.
func WithHTTPClient(c *http.Client) Option { return func(o *Options) { o.HTTPClient = c } }

// WithBaseURL sets the API origin, for example a wecomtest.Server's URL.
func WithBaseURL(u string) Option { return func(o *Options) { o.BaseURL = u } }

// WithCache sets the cache that holds tokens and tickets.
func WithCache(c token.Cache) Option { return func(o *Options) { o.Cache = c } }

// WithCacheTimeout sets the limit of each cache call (see
// Options.CacheTimeout).
func WithCacheTimeout(d time.Duration) Option { return func(o *Options) { o.CacheTimeout = d } }

// WithLogger sets the logger. The SDK is silent without one.
func WithLogger(l *slog.Logger) Option { return func(o *Options) { o.Logger = l } }

// WithTimeout sets the per-attempt timeout (see Options.Timeout).
func WithTimeout(d time.Duration) Option { return func(o *Options) { o.Timeout = d } }

// WithRetry sets the back-off retry policy.
func WithRetry(p RetryPolicy) Option { return func(o *Options) { o.Retry = p } }

// NewOptions applies opts over the defaults; nil options are skipped, and
// a zero or negative Timeout, CacheTimeout, MaxAttempts, BaseDelay or
// MaxDelay gets its default.
func NewOptions(opts ...Option) Options {
	var o Options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	if o.Cache == nil {
		o.Cache = token.NewMemoryCache()
	}
	if o.CacheTimeout <= 0 {
		o.CacheTimeout = token.DefaultCacheTimeout
	}
	o.Cache = token.TimeoutCache(o.Cache, o.CacheTimeout)
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Retry.MaxAttempts <= 0 {
		o.Retry.MaxAttempts = 3
	}
	if o.Retry.BaseDelay <= 0 {
		o.Retry.BaseDelay = 500 * time.Millisecond
	}
	if o.Retry.MaxDelay <= 0 {
		o.Retry.MaxDelay = 5 * time.Second
	}
	return o
}
