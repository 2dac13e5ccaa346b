package wecomtest

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Each credential of a claim is checked: the query's app token, then the
// body's template token; a refused claim records nothing.
func TestClaimCustomizedAppChecksBothTokens(t *testing.T) {
	s := newTestServer(t)
	s.IssueSuiteTicket(DefaultTemplateID)
	s.IssueSuiteTicket(DefaultSuiteID)
	tpl := suiteToken(t, s, DefaultTemplateID, DefaultTemplateSecret)
	app := appToken(t, s)
	const path = "/cgi-bin/agent/claim_customized_app"
	body := map[string]any{"suite_access_token": tpl}

	for _, tc := range []struct {
		name  string
		query url.Values
		body  any
		code  int
	}{
		{"no app token", nil, body, 41001},
		{"unknown app token", url.Values{"access_token": {"nope"}}, body, 40014},
		{"suite token as app token", url.Values{"access_token": {tpl}}, body, 40014},
		{"contacts token", url.Values{"access_token": {accessToken(t, s, DefaultCorpID, DefaultContactsSecret)}}, body, 48002},
		{"no body", app, "", 40058},
		{"not JSON", app, "{", 40058},
		{"no suite token", app, map[string]any{}, 41022},
		{"unknown suite token", app, map[string]any{"suite_access_token": "nope"}, 40082},
		{"app token as suite token", app, map[string]any{"suite_access_token": app.Get("access_token")}, 40082},
		{"third-party suite token", app, map[string]any{"suite_access_token": suiteToken(t, s, DefaultSuiteID, DefaultSuiteSecret)}, 40082},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.code, post(t, s, path, tc.query, tc.body).code(t))
		})
	}
	assert.Empty(t, s.CustomizedClaims())

	// An expired template token answers 42009.
	s.ExpireTokens()
	assert.Equal(t, 42009, post(t, s, path, appToken(t, s), body).code(t))
	assert.Empty(t, s.CustomizedClaims())

	assert.Equal(t, 0, post(t, s, path, appToken(t, s), map[string]any{
		"suite_access_token": suiteToken(t, s, DefaultTemplateID, DefaultTemplateSecret),
	}).code(t))
	assert.Equal(t, []CustomizedClaim{{TemplateID: DefaultTemplateID, CorpID: DefaultCorpID, AgentID: DefaultAgentID}}, s.CustomizedClaims())
}
