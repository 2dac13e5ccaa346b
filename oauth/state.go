package oauth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/wecomkit/wecom/internal/randstr"
	"github.com/wecomkit/wecom/token"
)

// ErrStateInvalid is returned by Verify for a state that was never issued,
// has expired, was already used, or is malformed.
var ErrStateInvalid = errors.New("oauth: state is invalid, expired or already used")

const (
	// DefaultStateTTL is how long an issued state stays valid when
	// NewStateStore is given no TTL. A code itself lives five minutes.
	DefaultStateTTL = 10 * time.Minute
	// MaxStateLength is the longest state WeCom returns unchanged.
	MaxStateLength = 128
	// stateLength is the length of an issued state: 32 characters of a
	// 62-letter alphabet, about 190 bits.
	stateLength = 32
	// stateValuePrefix marks the values a StateStore writes, so that an
	// empty data string is still a non-empty cache value.
	stateValuePrefix = "v:"
)

// StateKey is the cache key under which a state is stored.
func StateKey(state string) string { return "wecom:oauth_state:" + state }

// StateStore issues the state parameter of a login URL and verifies it
// when WeCom redirects back, so that a callback can only complete a login
// this server started (CSRF protection). Each state is random, bound to
// data the caller chooses (where to go next, a session id), valid for a
// limited time, and accepted once.
//
// States live in a token.Cache: share one (Redis) between the instances of
// a service. With a cache that implements token.CompareAndDeleter (the
// in-memory and Redis caches do), two concurrent verifications of one
// state cannot both succeed, across processes; with another cache that
// holds only within this process.
type StateStore struct {
	cache token.Cache
	ttl   time.Duration
	mu    sync.Mutex // serializes Verify on caches without compare-and-delete
}

// NewStateStore returns a StateStore keeping states in cache for ttl. A nil
// cache is replaced by a new in-memory one; ttl <= 0 means DefaultStateTTL.
// Each cache call is bounded by token.TimeoutCache with
// token.DefaultCacheTimeout, unless cache already is.
func NewStateStore(cache token.Cache, ttl time.Duration) *StateStore {
	if cache == nil {
		cache = token.NewMemoryCache()
	}
	if ttl <= 0 {
		ttl = DefaultStateTTL
	}
	return &StateStore{cache: token.TimeoutCache(cache, token.DefaultCacheTimeout), ttl: ttl}
}

// StateStore returns a StateStore on the client's cache (the one given
// with wecom.WithCache).
func (c *Client) StateStore(ttl time.Duration) *StateStore {
	return NewStateStore(c.opts.Cache, ttl)
}

// Issue returns a new random state (a-zA-Z0-9, as WeCom requires) bound
// to data, and stores it.
func (s *StateStore) Issue(ctx context.Context, data string) (string, error) {
	state, err := randstr.Alnum(stateLength)
	if err != nil {
		return "", fmt.Errorf("oauth: issue state: %w", err)
	}
	if err := s.cache.Set(ctx, StateKey(state), stateValuePrefix+data, s.ttl); err != nil {
		return "", fmt.Errorf("oauth: issue state: %w", err)
	}
	return state, nil
}

// Verify consumes state and returns the data it was issued with. A state
// that was never issued, has expired or was already verified yields
// ErrStateInvalid; a cache failure yields that failure.
func (s *StateStore) Verify(ctx context.Context, state string) (string, error) {
	if !validState(state) {
		return "", ErrStateInvalid
	}
	key := StateKey(state)
	cd, atomic := s.cache.(token.CompareAndDeleter)
	if !atomic {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	raw, err := s.cache.Get(ctx, key)
	if errors.Is(err, token.ErrNotFound) {
		return "", ErrStateInvalid
	}
	if err != nil {
		return "", fmt.Errorf("oauth: verify state: %w", err)
	}
	if atomic {
		deleted, err := cd.CompareAndDelete(ctx, key, raw)
		if err != nil {
			return "", fmt.Errorf("oauth: verify state: %w", err)
		}
		if !deleted {
			return "", ErrStateInvalid // another verification won
		}
	} else if err := s.cache.Delete(ctx, key); err != nil {
		return "", fmt.Errorf("oauth: verify state: %w", err)
	}
	data, ok := strings.CutPrefix(raw, stateValuePrefix)
	if !ok {
		return "", ErrStateInvalid
	}
	return data, nil
}

// validState reports whether s is a state WeCom can carry: 1 to 128
// characters of a-zA-Z0-9.
func validState(s string) bool {
	if s == "" || len(s) > MaxStateLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
