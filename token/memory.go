package token

import (
	"context"
	"sync"
	"time"
)

// MemoryCache is a Cache held in the process's memory. It is safe for
// concurrent use. The zero value is an empty cache ready to use; so is the
// result of NewMemoryCache. Expired entries are swept as new ones are set.
type MemoryCache struct {
	mu      sync.RWMutex
	entries map[string]memoryEntry
	now     func() time.Time
	sets    int
}

type memoryEntry struct {
	value   string
	expires time.Time // zero: never
}

// NewMemoryCache returns an empty in-memory cache.
func NewMemoryCache() *MemoryCache {
	return &MemoryCache{entries: make(map[string]memoryEntry), now: time.Now}
}

func (e memoryEntry) live(now time.Time) bool {
	return e.expires.IsZero() || now.Before(e.expires)
}

func (c *MemoryCache) clock() time.Time {
	if c.now == nil {
		return time.Now()
	}
	return c.now()
}

// Get implements Cache.
func (c *MemoryCache) Get(_ context.Context, key string) (string, error) {
	c.mu.RLock()
	e, ok := c.entries[key]
	c.mu.RUnlock()
	if !ok || !e.live(c.clock()) {
		return "", ErrNotFound
	}
	return e.value, nil
}

// Set implements Cache.
func (c *MemoryCache) Set(_ context.Context, key, value string, ttl time.Duration) error {
	now := c.clock()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.store(key, value, ttl, now)
	return nil
}

// SetNX stores value under key for ttl unless key holds a live value, and
// reports whether it stored it; the check and the store are one atomic
// step. The message package's de-duplication uses it.
func (c *MemoryCache) SetNX(_ context.Context, key, value string, ttl time.Duration) (bool, error) {
	now := c.clock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok && e.live(now) {
		return false, nil
	}
	c.store(key, value, ttl, now)
	return true, nil
}

// store sets key with c.mu held, sweeping expired entries now and then.
func (c *MemoryCache) store(key, value string, ttl time.Duration, now time.Time) {
	e := memoryEntry{value: value}
	if ttl > 0 {
		e.expires = now.Add(ttl)
	}
	if c.entries == nil {
		c.entries = make(map[string]memoryEntry)
	}
	c.entries[key] = e
	c.sets++
	if c.sets%1024 == 0 {
		for k, old := range c.entries {
			if !old.live(now) {
				delete(c.entries, k)
			}
		}
	}
}

// Delete implements Cache.
func (c *MemoryCache) Delete(_ context.Context, key string) error {
	c.mu.Lock()
	delete(c.entries, key)
	c.mu.Unlock()
	return nil
}

// CompareAndDelete implements CompareAndDeleter.
func (c *MemoryCache) CompareAndDelete(_ context.Context, key, old string) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || !e.live(c.clock()) || e.value != old {
		return false, nil
	}
	delete(c.entries, key)
	return true, nil
}
