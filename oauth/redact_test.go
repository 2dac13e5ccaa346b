package oauth_test

import (
	"context"
	"fmt"
	"strings"
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

// An identity's user ticket reads the member's sensitive fields: printed
// with any verb or logged, it shows as [redacted]; encoding/json still
// writes it, for the caller that stores it.
func TestIdentitiesRedactTheirTicket(t *testing.T) {
	const ticket = "USER-TICKET-canary-51"
	id := oauth.Identity{UserID: "zhangsan", UserTicket: ticket}
	sid := oauth.SuiteIdentity{CorpID: "wwc", UserID: "lisi", UserTicket: ticket, ExpiresIn: 1800}
	for name, v := range map[string]any{"Identity": id, "*Identity": &id, "SuiteIdentity": sid, "*SuiteIdentity": &sid} {
		t.Run(name, func(t *testing.T) {
			for way, text := range redacttest.Renderings(v) {
				if strings.HasPrefix(way, "json") {
					assert.Contains(t, text, ticket, "json keeps the ticket: %s", way)
					continue
				}
				assert.NotContains(t, text, ticket, way)
			}
			r := redacttest.Renderings(v)
			assert.Contains(t, r["fmt %+v"], "UserTicket:[redacted]")
			assert.Contains(t, r["slog json"], `"user_ticket":"[redacted]"`)
		})
	}
	assert.Equal(t, "{UserID:zhangsan UserTicket:[redacted] OpenID: ExternalUserID:}", fmt.Sprintf("%+v", id),
		"every other field prints as fmt prints it")
	assert.Equal(t, ticket, id.UserTicket, "the value itself is untouched")
}
