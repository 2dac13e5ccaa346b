package oauth_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/redact/redacttest"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/token"
)

// The clients keep their options, whose cache holds tokens: printed with
// any verb or logged, they show their ids only.
func TestClientsRedactThemselves(t *testing.T) {
	const canary = "TOKEN-canary-oauth-41"
	cache := token.NewMemoryCache()
	require.NoError(t, cache.Set(context.Background(), "k", canary, time.Hour))
	same := wecom.WithCache(cache)
	c, err := oauth.New(oauth.Config{CorpID: "wwOAuthVisible", AgentID: 7}, nil, same)
	require.NoError(t, err)
	sc, err := oauth.NewSuite(oauth.SuiteConfig{SuiteID: "wwSuiteVisible"}, nil, same)
	require.NoError(t, err)
	pc, err := oauth.NewProvider(oauth.ProviderConfig{CorpID: "wwProviderVisible"}, nil, same)
	require.NoError(t, err)
	for name, v := range map[string]any{"client": c, "suite": sc, "provider": pc} {
		t.Run(name, func(t *testing.T) {
			r := redacttest.AssertHidden(t, v, canary)
			assert.Contains(t, r["fmt %+v"], "Visible")
			assert.Contains(t, r["slog json"], "Visible")
		})
	}
	assert.Equal(t, `oauth.Client{CorpID: "wwOAuthVisible", AgentID: 7}`, c.String())
	assert.Equal(t, `oauth.SuiteClient{SuiteID: "wwSuiteVisible"}`, sc.String())
	assert.Equal(t, `oauth.ProviderClient{CorpID: "wwProviderVisible"}`, pc.String())
	var nc *oauth.Client
	assert.Equal(t, "oauth.Client(nil)", nc.String())
}
