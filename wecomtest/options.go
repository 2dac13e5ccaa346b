package wecomtest

import "time"

// Option configures a Server built by [NewServer].
type Option func(*config)

type config struct {
	tokenTTL time.Duration
	now      func() time.Time
	empty    bool
}

// DefaultTokenTTL is the lifetime of the access, suite and provider tokens
// the fake issues, WeCom's 7200 seconds.
const DefaultTokenTTL = 7200 * time.Second

// MaxLatency bounds the latency [Server.SetLatency] can add.
const MaxLatency = 10 * time.Second

// WithTokenTTL sets the lifetime of the tokens the fake issues (default
// [DefaultTokenTTL]). Durations under one second are raised to one second.
func WithTokenTTL(d time.Duration) Option {
	return func(c *config) { c.tokenTTL = max(d, time.Second) }
}

// WithClock sets the clock the fake reads to expire tokens, tickets and
// codes, so that a test can move time forward. now must be safe for
// concurrent use. Default: time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithoutDefaults starts the fake empty: no default corp, app, directory,
// provider or suites. Add them with [Server.AddCorp], [Server.AddApp] and
// the other Add methods.
func WithoutDefaults() Option {
	return func(c *config) { c.empty = true }
}

func newConfig(opts []Option) config {
	c := config{tokenTTL: DefaultTokenTTL, now: time.Now}
	for _, opt := range opts {
		if opt != nil {
			opt(&c)
		}
	}
	return c
}
