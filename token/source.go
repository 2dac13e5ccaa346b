package token

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// Source hands out a valid credential.
type Source interface {
	// Token returns the current credential, fetching it if needed.
	Token(ctx context.Context) (string, error)
}

// Invalidator is a Source that can be told a credential was rejected.
type Invalidator interface {
	Source
	// Invalidate drops stale from the source and its cache, unless a
	// fresher value has replaced it meanwhile.
	Invalidate(ctx context.Context, stale string) error
}

// FetchFunc asks WeCom for a new credential and reports how long it is
// valid for. It must not log or return the credential in an error.
type FetchFunc func(ctx context.Context) (token string, expiresIn time.Duration, err error)

// Defaults of a CachedSource.
const (
	// DefaultMargin is taken off a credential's lifetime before it is
	// cached, so that a cached credential is never one about to expire.
	DefaultMargin = 5 * time.Minute
	// DefaultRefreshAhead is how long before the cached entry expires the
	// source starts refreshing it in the background.
	DefaultRefreshAhead = 5 * time.Minute
	// DefaultLockTTL bounds how long one process may hold the refresh lock
	// of a shared cache; another process takes over after it.
	DefaultLockTTL = 10 * time.Second
	// DefaultLifetime is used when WeCom's answer carries no expires_in
	// (or a value that is not positive).
	DefaultLifetime = 2 * time.Hour
)

const (
	// maxLifetime caps the lifetime of an entry, whatever expires_in or a
	// cached value claim: WeCom's credentials live two hours, so a value
	// said to live longer is a corrupted one, and trusting it would keep
	// the source from ever refreshing on its own.
	maxLifetime = 24 * time.Hour
	// defaultRetryEvery spaces the background refreshes after one failed,
	// so that a failing upstream is not asked on every call.
	defaultRetryEvery = 10 * time.Second
	// pollEvery is how often a process waiting for another one's refresh
	// looks at the shared cache.
	defaultPollEvery = 50 * time.Millisecond
)

// CachedSource is a Source backed by a Cache and a FetchFunc.
//
// Hits are served from memory without locks or allocations. An entry is
// refreshed in the background once it is within the refresh-ahead window of
// expiry, while callers keep getting the still-valid one; after a failed
// background refresh the next one waits a few seconds. Concurrent misses
// share one fetch (singleflight); when the cache is a [Locker], processes
// sharing it share one fetch too: the lock holder fetches, the others wait
// for its value to appear in the cache. If the cache fails, callers still
// get a credential fetched directly, and the failure is logged.
//
// Values are stored in the cache as "<expiry in Unix milliseconds>:<token>"
// with a TTL of the credential's lifetime minus the margin.
type CachedSource struct {
	cache        Cache
	key          string
	fetch        FetchFunc
	margin       time.Duration
	refreshAhead time.Duration
	lockTTL      time.Duration
	pollEvery    time.Duration
	retryEvery   time.Duration
	logger       *slog.Logger
	// now reads the wall clock, which dates the expiries shared through
	// the cache. elapsed reads the time since the source was made on the
	// monotonic clock, which is cheaper (the hit path reads it) and does
	// not jump: an entry's deadlines are kept as elapsed offsets, computed
	// from its wall-clock expiry when the entry is made.
	now     func() time.Time
	elapsed func() time.Duration

	group      singleflight.Group
	cur        atomic.Pointer[entry]
	refreshing atomic.Bool
	// retryAt is the earliest elapsed time at which a background refresh
	// may start after one failed.
	retryAt atomic.Int64
	// rejected is the credential last passed to Invalidate: no copy of it
	// read from the cache is used again.
	rejected atomic.Pointer[string]
}

type entry struct {
	token    string
	raw      string    // the value as stored in the cache
	expireAt time.Time // wall clock, as stored
	// refreshIn and expireIn are the elapsed times (see
	// CachedSource.elapsed) at which the entry is refreshed and expires.
	refreshIn time.Duration
	expireIn  time.Duration
}

// SourceOption configures a CachedSource.
type SourceOption func(*CachedSource)

// WithMargin sets how much of a credential's lifetime is cut off before it
// is cached; at most a tenth of the lifetime is cut. Default DefaultMargin;
// a negative value counts as 0.
func WithMargin(d time.Duration) SourceOption { return func(s *CachedSource) { s.margin = d } }

// WithRefreshAhead sets how long before expiry a background refresh starts;
// at most a tenth of the cached lifetime. Default DefaultRefreshAhead; a
// negative value counts as 0 (no refresh ahead).
func WithRefreshAhead(d time.Duration) SourceOption {
	return func(s *CachedSource) { s.refreshAhead = d }
}

// WithLockTTL sets the lifetime of the cross-process refresh lock.
// Default DefaultLockTTL, which is also used for a value that is not
// positive.
func WithLockTTL(d time.Duration) SourceOption { return func(s *CachedSource) { s.lockTTL = d } }

// WithLogger sets the logger for cache failures and background refreshes.
func WithLogger(l *slog.Logger) SourceOption { return func(s *CachedSource) { s.logger = l } }

// NewCachedSource returns a Source that keeps the credential fetched by
// fetch in cache under key. The key names the credential's kind and owner
// (e.g. "wecom:access_token:CORPID:AGENTID") and must never contain a secret.
// A nil cache is replaced by a new MemoryCache. Every cache call is bounded
// by [TimeoutCache] with DefaultCacheTimeout, unless cache already is one
// (as the cache of wecom.NewOptions is).
func NewCachedSource(cache Cache, key string, fetch FetchFunc, opts ...SourceOption) *CachedSource {
	s := &CachedSource{
		cache:        cache,
		key:          key,
		fetch:        fetch,
		margin:       DefaultMargin,
		refreshAhead: DefaultRefreshAhead,
		lockTTL:      DefaultLockTTL,
		pollEvery:    defaultPollEvery,
		retryEvery:   defaultRetryEvery,
		now:          time.Now,
	}
	start := time.Now()
	s.elapsed = func() time.Duration { return time.Since(start) }
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	if s.cache == nil {
		s.cache = NewMemoryCache()
	}
	s.cache = TimeoutCache(s.cache, DefaultCacheTimeout)
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	s.margin = max(s.margin, 0)
	s.refreshAhead = max(s.refreshAhead, 0)
	if s.lockTTL <= 0 {
		s.lockTTL = DefaultLockTTL
	}
	return s
}

// Key returns the cache key of the credential.
func (s *CachedSource) Key() string { return s.key }

// Token implements Source.
func (s *CachedSource) Token(ctx context.Context) (string, error) {
	if e := s.cur.Load(); e != nil {
		t := s.elapsed()
		if t < e.refreshIn {
			return e.token, nil
		}
		if t < e.expireIn {
			s.refreshInBackground(ctx, e, t)
			return e.token, nil
		}
	}
	e, err := s.do(ctx, "")
	if err != nil {
		return "", err
	}
	return e.token, nil
}

// loadTimeout bounds one load, which may wait for another process's
// refresh, take the lock over and fetch.
func (s *CachedSource) loadTimeout() time.Duration { return 2*s.lockTTL + time.Minute }

// do runs one load for all concurrent callers; each caller stops waiting
// when its own context ends, while the load goes on for the others.
func (s *CachedSource) do(ctx context.Context, stale string) (*entry, error) {
	ch := s.group.DoChan(s.key, func() (any, error) {
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.loadTimeout())
		defer cancel()
		return s.load(lctx, stale)
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*entry), nil
	case <-ctx.Done():
		return nil, fmt.Errorf("token: %s: %w", s.key, ctx.Err())
	}
}

// refreshInBackground starts one refresh of e unless one is running or the
// last one failed moments ago. The goroutine ends when the load does, which
// is bounded by loadTimeout.
func (s *CachedSource) refreshInBackground(ctx context.Context, e *entry, t time.Duration) {
	if int64(t) < s.retryAt.Load() || !s.refreshing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer s.refreshing.Store(false)
		bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.loadTimeout())
		defer cancel()
		if _, err := s.do(bctx, e.raw); err != nil {
			s.retryAt.Store(int64(s.elapsed() + s.retryEvery))
			s.logger.LogAttrs(bctx, slog.LevelWarn, "wecom: background token refresh failed",
				slog.String("key", s.key), slog.String("error", err.Error()))
		}
	}()
}

// load finds a usable entry other than stale: in memory, in the cache, or
// from WeCom.
func (s *CachedSource) load(ctx context.Context, stale string) (*entry, error) {
	if e := s.usable(s.cur.Load(), stale); e != nil {
		return e, nil
	}
	e, cacheOK := s.read(ctx, stale)
	if e != nil {
		return e, nil
	}
	if !cacheOK {
		// The cache just failed: a write would most likely fail too,
		// after making the caller wait for it.
		return s.fetchAndStore(ctx, false)
	}
	locker, _ := s.cache.(Locker)
	if locker == nil {
		return s.fetchAndStore(ctx, true)
	}
	for {
		release, err := locker.TryLock(ctx, s.key+":lock", s.lockTTL)
		if err != nil {
			s.logger.LogAttrs(ctx, slog.LevelError, "wecom: token lock failed, fetching without it",
				slog.String("key", s.key), slog.String("error", err.Error()))
			return s.fetchAndStore(ctx, false)
		}
		if release != nil {
			return s.loadLocked(ctx, stale, release)
		}
		// Another process is fetching: wait for its value, at most for
		// the lock's lifetime, then try to take the lock ourselves.
		if e, err := s.wait(ctx, stale); e != nil || err != nil {
			return e, err
		}
	}
}

// loadLocked fetches while holding the cross-process lock, then releases it.
func (s *CachedSource) loadLocked(ctx context.Context, stale string, release func(context.Context) error) (*entry, error) {
	defer func() {
		if err := release(context.WithoutCancel(ctx)); err != nil {
			s.logger.LogAttrs(ctx, slog.LevelWarn, "wecom: token lock release failed",
				slog.String("key", s.key), slog.String("error", err.Error()))
		}
	}()
	// Another process may have stored a value between our read and the
	// lock.
	e, ok := s.read(ctx, stale)
	if e != nil {
		return e, nil
	}
	return s.fetchAndStore(ctx, ok)
}

// wait polls the cache for the value another process is fetching. It
// returns (nil, nil) when the lock's lifetime has passed without one, so
// that the caller tries to take the lock over. The deadline is measured on
// the wall clock, not on s.now.
func (s *CachedSource) wait(ctx context.Context, stale string) (*entry, error) {
	deadline := time.NewTimer(s.lockTTL)
	defer deadline.Stop()
	poll := time.NewTicker(s.pollEvery)
	defer poll.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("token: %s: waiting for another process's refresh: %w", s.key, ctx.Err())
		case <-deadline.C:
			return nil, nil
		case <-poll.C:
		}
		e, ok := s.read(ctx, stale)
		if e != nil {
			return e, nil
		}
		if !ok {
			return s.fetchAndStore(ctx, false)
		}
	}
}

// usable returns e if it is live, is not the stale value being replaced and
// is not a credential WeCom rejected.
func (s *CachedSource) usable(e *entry, stale string) *entry {
	if e == nil || (stale != "" && e.raw == stale) || s.isRejected(e) || s.elapsed() >= e.expireIn {
		return nil
	}
	return e
}

func (s *CachedSource) isRejected(e *entry) bool {
	r := s.rejected.Load()
	return r != nil && *r == e.token
}

// read looks the key up in the cache. ok is false when the cache failed.
func (s *CachedSource) read(ctx context.Context, stale string) (e *entry, ok bool) {
	raw, err := s.cache.Get(ctx, s.key)
	if errors.Is(err, ErrNotFound) {
		return nil, true
	}
	if err != nil {
		s.logger.LogAttrs(ctx, slog.LevelError, "wecom: token cache read failed",
			slog.String("key", s.key), slog.String("error", err.Error()))
		return nil, false
	}
	e = s.usable(s.decode(raw), stale)
	if e == nil {
		return nil, true
	}
	s.cur.Store(e)
	// Invalidate may have rejected this value between the check above and
	// the store: it marks the value rejected before it clears s.cur, so
	// either it clears our entry or we see the mark here.
	if s.isRejected(e) {
		s.cur.CompareAndSwap(e, nil)
		return nil, true
	}
	return e, true
}

// fetchAndStore fetches a credential and, if store, writes it to the cache.
func (s *CachedSource) fetchAndStore(ctx context.Context, store bool) (*entry, error) {
	if s.fetch == nil {
		return nil, fmt.Errorf("token: fetch %s: no fetch function", s.key)
	}
	tok, expiresIn, err := s.fetch(ctx)
	if err != nil {
		return nil, fmt.Errorf("token: fetch %s: %w", s.key, err)
	}
	if tok == "" {
		return nil, fmt.Errorf("token: fetch %s: empty credential", s.key)
	}
	if expiresIn <= 0 {
		expiresIn = DefaultLifetime
	}
	expiresIn = min(expiresIn, maxLifetime)
	ttl := expiresIn - min(s.margin, expiresIn/10)
	expireAt := s.now().Add(ttl)
	e := s.newEntry(tok, strconv.FormatInt(expireAt.UnixMilli(), 10)+":"+tok, expireAt)
	if !store {
		s.logger.LogAttrs(ctx, slog.LevelWarn, "wecom: token not written to the failing cache",
			slog.String("key", s.key))
	} else if err := s.cache.Set(ctx, s.key, e.raw, ttl); err != nil {
		s.logger.LogAttrs(ctx, slog.LevelError, "wecom: token cache write failed",
			slog.String("key", s.key), slog.String("error", err.Error()))
	}
	// WeCom handed this credential out just now, so it is not rejected
	// (WeCom repeats a token that is still valid).
	if r := s.rejected.Load(); r != nil && *r == tok {
		s.rejected.CompareAndSwap(r, nil)
	}
	s.cur.Store(e)
	return e, nil
}

// newEntry makes the entry of tok, which expires at expireAt on the wall
// clock: what is left of its life now is carried over to the elapsed clock.
func (s *CachedSource) newEntry(tok, raw string, expireAt time.Time) *entry {
	left := max(expireAt.Sub(s.now()), 0)
	expireIn := s.elapsed() + left
	return &entry{
		token:     tok,
		raw:       raw,
		expireAt:  expireAt,
		expireIn:  expireIn,
		refreshIn: expireIn - min(s.refreshAhead, left/10),
	}
}

// decode parses a cached value; anything unreadable counts as a miss. An
// expiry further ahead than maxLifetime is brought back to it.
func (s *CachedSource) decode(raw string) *entry {
	ms, tok, ok := strings.Cut(raw, ":")
	if !ok || tok == "" {
		return nil
	}
	n, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return nil
	}
	expireAt := time.UnixMilli(n)
	if limit := s.now().Add(maxLifetime); expireAt.After(limit) {
		expireAt = limit
	}
	return s.newEntry(tok, raw, expireAt)
}

// Invalidate implements Invalidator. It drops stale from memory and, with a
// compare-and-delete, from the cache; a fresher value that another goroutine
// or process stored meanwhile is kept. The cache is checked even when this
// source no longer holds stale in memory, and the comparison is on the
// credential, not on its stored form, since two processes may store the same
// token with different expiries. A copy of stale that a concurrent load is
// reading from the cache is not used either.
func (s *CachedSource) Invalidate(ctx context.Context, stale string) error {
	if stale == "" {
		return nil
	}
	s.rejected.Store(&stale)
	for {
		e := s.cur.Load()
		if e == nil || e.token != stale || s.cur.CompareAndSwap(e, nil) {
			break
		}
	}
	raw, err := s.cache.Get(ctx, s.key)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("token: invalidate %s: %w", s.key, err)
	}
	if e := s.decode(raw); e == nil || e.token != stale {
		return nil
	}
	if err := compareAndDelete(ctx, s.cache, s.key, raw); err != nil {
		return fmt.Errorf("token: invalidate %s: %w", s.key, err)
	}
	return nil
}
