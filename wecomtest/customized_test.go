package wecomtest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/wecomtest/testclient"
	"github.com/wecomkit/wecom/work"
)

// A customized-app template claims the default corp's self-built app
// through openwork: the claim is recorded once, whichever of the two
// paths made it and however often.
func TestClaimCustomizedAppIsRecorded(t *testing.T) {
	ctx := context.Background()
	s := wecomtest.NewTestServer(t)
	tpl := testclient.Template(t, s)
	app := testclient.Work(t, s)

	require.NoError(t, tpl.ClaimCustomizedApp(ctx, app))
	want := []wecomtest.CustomizedClaim{{
		TemplateID: wecomtest.DefaultTemplateID, CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID,
	}}
	assert.Equal(t, want, s.CustomizedClaims())

	require.NoError(t, tpl.MigrateToCustomizedApp(ctx, app))
	require.NoError(t, tpl.ClaimCustomizedApp(ctx, app))
	assert.Equal(t, want, s.CustomizedClaims(), "a repeated claim changes nothing")
	assert.Equal(t, 2, s.Calls("/cgi-bin/agent/claim_customized_app"))
	assert.Equal(t, 1, s.Calls("/cgi-bin/agent/migrate_to_customized_app"))
}

// The body's suite token must be a live token of a customized-app
// template: a third-party suite's token answers 40082 and nothing is
// recorded.
func TestClaimCustomizedAppRefusesANonTemplateSuiteToken(t *testing.T) {
	ctx := context.Background()
	s := wecomtest.NewTestServer(t)
	// The SDK takes the third-party suite for a template; the fake knows
	// better.
	p := testclient.Provider(t, s)
	su, err := p.Suite(openwork.SuiteConfig{
		SuiteID: wecomtest.DefaultSuiteID, SuiteSecret: wecomtest.DefaultSuiteSecret, Customized: true,
	})
	require.NoError(t, err)
	require.NoError(t, su.SetTicket(ctx, s.IssueSuiteTicket(wecomtest.DefaultSuiteID)))

	for _, claim := range []func(*openwork.Suite, context.Context, *work.Client) error{
		(*openwork.Suite).ClaimCustomizedApp, (*openwork.Suite).MigrateToCustomizedApp,
	} {
		err = claim(su, ctx, testclient.Work(t, s))
		e, ok := errors.AsType[*wecom.APIError](err)
		require.True(t, ok, "%v", err)
		assert.Equal(t, 40082, e.Code)
	}
	assert.Empty(t, s.CustomizedClaims())
}
