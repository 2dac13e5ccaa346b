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
	// DefaultLifetime is used when WeCom's answer carries no expires_in.
	DefaultLifetime = 2 * time.Hour
)

// CachedSource is a Source backed by a Cache and a FetchFunc.
//
// Hits are served from memory without locks or allocations. An entry is
// refreshed in the background once it is within the refresh-ahead window of
// expiry, while callers keep getting the still-valid one. Concurrent misses
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
	logger       *slog.Logger
	now          func() time.Time

	group      singleflight.Group
	cur        atomic.Pointer[entry]
	refreshing atomic.Bool
}

type entry struct {
	token     string
	raw       string // the value as stored in the cache
	refreshAt time.Time
	expireAt  time.Time
}

// SourceOption configures a CachedSource.
type SourceOption func(*CachedSource)

// WithMargin sets how much of a credential's lifetime is cut off before it
// is cached; at most a tenth of the lifetime is cut. Default DefaultMargin.
func WithMargin(d time.Duration) SourceOption { return func(s *CachedSource) { s.margin = d } }

// WithRefreshAhead sets how long before expiry a background refresh starts;
// at most a tenth of the cached lifetime. Default DefaultRefreshAhead.
func WithRefreshAhead(d time.Duration) SourceOption {
	return func(s *CachedSource) { s.refreshAhead = d }
}

// WithLockTTL sets the lifetime of the cross-process refresh lock.
// Default DefaultLockTTL.
func WithLockTTL(d time.Duration) SourceOption { return func(s *CachedSource) { s.lockTTL = d } }

// WithLogger sets the logger for cache failures and background refreshes.
func WithLogger(l *slog.Logger) SourceOption { return func(s *CachedSource) { s.logger = l } }

// NewCachedSource returns a Source that keeps the credential fetched by
// fetch in cache under key. The key names the credential's kind and owner
// (e.g. "wecom:access_token:CORPID:AGENTID") and must never contain a secret.
func NewCachedSource(cache Cache, key string, fetch FetchFunc, opts ...SourceOption) *CachedSource {
	s := &CachedSource{
		cache:        cache,
		key:          key,
		fetch:        fetch,
		margin:       DefaultMargin,
		refreshAhead: DefaultRefreshAhead,
		lockTTL:      DefaultLockTTL,
		pollEvery:    50 * time.Millisecond,
		now:          time.Now,
	}
	for _, o := range opts {
		o(s)
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	return s
}

// Key returns the cache key of the credential.
func (s *CachedSource) Key() string { return s.key }

// Token implements Source.
func (s *CachedSource) Token(ctx context.Context) (string, error) {
	if e := s.cur.Load(); e != nil {
		now := s.now()
		if now.Before(e.refreshAt) {
			return e.token, nil
		}
		if now.Before(e.expireAt) {
			s.refreshInBackground(ctx, e)
			return e.token, nil
		}
	}
	e, err := s.do(ctx, "")
	if err != nil {
		return "", err
	}
	return e.token, nil
}

// do runs one load for all concurrent callers; each caller stops waiting
// when its own context ends.
func (s *CachedSource) do(ctx context.Context, stale string) (*entry, error) {
	ch := s.group.DoChan(s.key, func() (any, error) {
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*s.lockTTL+time.Minute)
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

func (s *CachedSource) refreshInBackground(ctx context.Context, e *entry) {
	if !s.refreshing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer s.refreshing.Store(false)
		bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*s.lockTTL+time.Minute)
		defer cancel()
		if _, err := s.do(bctx, e.raw); err != nil {
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
	locker, _ := s.cache.(Locker)
	if locker == nil || !cacheOK {
		return s.fetchAndStore(ctx)
	}
	for {
		release, err := locker.TryLock(ctx, s.key+":lock", s.lockTTL)
		if err != nil {
			s.logger.LogAttrs(ctx, slog.LevelError, "wecom: token lock failed, fetching without it",
				slog.String("key", s.key), slog.String("error", err.Error()))
			return s.fetchAndStore(ctx)
		}
		if release != nil {
			defer func() {
				if err := release(context.WithoutCancel(ctx)); err != nil {
					s.logger.LogAttrs(ctx, slog.LevelWarn, "wecom: token lock release failed",
						slog.String("key", s.key), slog.String("error", err.Error()))
				}
			}()
			// Another process may have stored a value between our read
			// and the lock.
			if e, _ := s.read(ctx, stale); e != nil {
				return e, nil
			}
			return s.fetchAndStore(ctx)
		}
		// Another process is fetching: wait for its value, at most for
		// the lock's lifetime, then try to take the lock ourselves.
		if e, err := s.wait(ctx, stale); e != nil || err != nil {
			return e, err
		}
	}
}

func (s *CachedSource) wait(ctx context.Context, stale string) (*entry, error) {
	deadline := s.now().Add(s.lockTTL)
	t := time.NewTimer(s.pollEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("token: %s: waiting for another process's refresh: %w", s.key, ctx.Err())
		case <-t.C:
		}
		e, ok := s.read(ctx, stale)
		if e != nil {
			return e, nil
		}
		if !ok {
			return s.fetchAndStore(ctx)
		}
		if !s.now().Before(deadline) {
			return nil, nil
		}
		t.Reset(s.pollEvery)
	}
}

// usable returns e if it is live and is not the stale value being replaced.
func (s *CachedSource) usable(e *entry, stale string) *entry {
	if e == nil || (stale != "" && e.raw == stale) || !s.now().Before(e.expireAt) {
		return nil
	}
	return e
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
	if e != nil {
		s.cur.Store(e)
	}
	return e, true
}

func (s *CachedSource) fetchAndStore(ctx context.Context) (*entry, error) {
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
	ttl := expiresIn - min(s.margin, expiresIn/10)
	expireAt := s.now().Add(ttl)
	e := s.newEntry(tok, strconv.FormatInt(expireAt.UnixMilli(), 10)+":"+tok, expireAt)
	if err := s.cache.Set(ctx, s.key, e.raw, ttl); err != nil {
		s.logger.LogAttrs(ctx, slog.LevelError, "wecom: token cache write failed",
			slog.String("key", s.key), slog.String("error", err.Error()))
	}
	s.cur.Store(e)
	return e, nil
}

func (s *CachedSource) newEntry(tok, raw string, expireAt time.Time) *entry {
	ttl := expireAt.Sub(s.now())
	return &entry{
		token:     tok,
		raw:       raw,
		expireAt:  expireAt,
		refreshAt: expireAt.Add(-min(s.refreshAhead, max(ttl, 0)/10)),
	}
}

// decode parses a cached value; anything unreadable counts as a miss.
func (s *CachedSource) decode(raw string) *entry {
	ms, tok, ok := strings.Cut(raw, ":")
	if !ok || tok == "" {
		return nil
	}
	n, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return nil
	}
	return s.newEntry(tok, raw, time.UnixMilli(n))
}

// Invalidate implements Invalidator. It drops stale from memory and, with a
// compare-and-delete, from the cache; a fresher value that another goroutine
// or process stored meanwhile is kept.
func (s *CachedSource) Invalidate(ctx context.Context, stale string) error {
	e := s.cur.Load()
	if e == nil || e.token != stale {
		return nil
	}
	s.cur.CompareAndSwap(e, nil)
	if err := compareAndDelete(ctx, s.cache, s.key, e.raw); err != nil {
		return fmt.Errorf("token: invalidate %s: %w", s.key, err)
	}
	return nil
}
