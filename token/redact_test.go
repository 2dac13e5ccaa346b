package token_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/redact/redacttest"
	"github.com/wecomkit/wecom/token"
)

// A MemoryCache holds tokens and tickets: printed or logged, directly or
// through the options that carry it, it shows how many, never which.
func TestMemoryCacheRedactsItself(t *testing.T) {
	const canary = "TOKEN-canary-in-cache-31"
	c := token.NewMemoryCache()
	require.NoError(t, c.Set(context.Background(), "wecom:access_token:ww1:1:abc", canary, time.Hour))
	opts := wecom.NewOptions(wecom.WithCache(c))
	type holder struct{ Cache token.Cache }
	for name, v := range map[string]any{"cache": c, "options": opts, "&options": &opts, "holder": holder{c}} {
		t.Run(name, func(t *testing.T) {
			redacttest.AssertHidden(t, v, canary)
		})
	}
	assert.Equal(t, "token.MemoryCache{Entries: 1}", c.String())
	assert.Contains(t, redacttest.Renderings(c)["slog json"], `"v":{"entries":1}`)

	// A source holding that cache shows its key only.
	src := token.NewCachedSource(c, "wecom:access_token:ww1:1:abc", func(context.Context) (string, time.Duration, error) {
		return canary, time.Hour, nil
	})
	tok, err := src.Token(context.Background())
	require.NoError(t, err)
	require.Equal(t, canary, tok)
	redacttest.AssertHidden(t, src, canary)
	assert.Equal(t, `token.CachedSource{Key: "wecom:access_token:ww1:1:abc"}`, src.String())

	var none *token.MemoryCache
	assert.Equal(t, "token.MemoryCache(nil)", none.String())
	assert.Equal(t, "token.MemoryCache{Entries: 0}", new(token.MemoryCache).String(), "the zero value is usable")
}
