package token

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// String describes the cache by its number of entries, never by what they
// hold: its values are tokens, tickets and other credentials.
func (c *MemoryCache) String() string {
	if c == nil {
		return "token.MemoryCache(nil)"
	}
	return "token.MemoryCache{Entries: " + strconv.Itoa(c.len()) + "}"
}

// GoString is String, for %#v.
func (c *MemoryCache) GoString() string { return c.String() }

// Format prints String for every verb, so that no verb prints a stored
// credential.
func (c *MemoryCache) Format(s fmt.State, _ rune) { _, _ = io.WriteString(s, c.String()) }

// LogValue describes the cache to log/slog by its number of entries.
func (c *MemoryCache) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("token.MemoryCache(nil)")
	}
	return slog.GroupValue(slog.Int("entries", c.len()))
}

func (c *MemoryCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries)
}

// String names the source by its cache key, never by its credential.
func (s *CachedSource) String() string {
	if s == nil {
		return "token.CachedSource(nil)"
	}
	return "token.CachedSource{Key: " + strconv.Quote(s.key) + "}"
}

// GoString is String, for %#v.
func (s *CachedSource) GoString() string { return s.String() }

// Format prints String for every verb: %s or %q would otherwise expand the
// cache the source holds, and print the credentials stored in it.
func (s *CachedSource) Format(st fmt.State, _ rune) { _, _ = io.WriteString(st, s.String()) }

// LogValue describes the source to log/slog by its cache key.
func (s *CachedSource) LogValue() slog.Value {
	if s == nil {
		return slog.StringValue("token.CachedSource(nil)")
	}
	return slog.GroupValue(slog.String("key", s.key))
}
