package openwork

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/work"
)

// newClaimFixture is a customized-app template and a corp's self-built
// app on one scripted WeCom: the template's token is SUITE_ACCESS_TOKEN
// (the page's placeholder), the app's APP-TOKEN.
func newClaimFixture(t *testing.T, customized bool) (*fake, *Suite, *work.Client) {
	t.Helper()
	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider", ProviderSecret: "PROVIDER-SECRET"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	s, err := p.Suite(SuiteConfig{SuiteID: "wwsuite1", SuiteSecret: "SUITE-SECRET", Customized: customized})
	require.NoError(t, err)
	suiteTokenResponder(f, "SUITE_ACCESS_TOKEN")
	require.NoError(t, s.SetTicket(context.Background(), "TICKET-1"))
	f.on(http.MethodGet, "/cgi-bin/gettoken", func(q url.Values, _ map[string]any) any {
		assert.Equal(t, "wwcorp", q.Get("corpid"))
		return map[string]any{"errcode": 0, "access_token": "APP-TOKEN", "expires_in": 7200}
	})
	app, err := work.New(work.Config{CorpID: "wwcorp", AgentID: 1000002, Secret: "APP-SECRET"}, f.options(token.NewMemoryCache())...)
	require.NoError(t, err)
	return f, s, app
}

// The claim is made with the self-built app's access token and carries
// the template's suite_access_token in the body, as the page's request
// sample shows; both paths (the current claim_customized_app and the
// checklist's migrate_to_customized_app) send the same.
func TestClaimCustomizedAppSendsThePageSample(t *testing.T) {
	want := readDocSample(t, "agent/claim_customized_app.request.json")
	for _, tc := range []struct {
		path string
		call func(*Suite, context.Context, *work.Client) error
	}{
		{"/cgi-bin/agent/claim_customized_app", (*Suite).ClaimCustomizedApp},
		{"/cgi-bin/agent/migrate_to_customized_app", (*Suite).MigrateToCustomizedApp},
	} {
		t.Run(tc.path, func(t *testing.T) {
			f, s, app := newClaimFixture(t, true)
			var sent map[string]any
			f.on(http.MethodPost, tc.path, func(q url.Values, body map[string]any) any {
				assert.Equal(t, "APP-TOKEN", q.Get("access_token"), "the self-built app's credential")
				assert.Empty(t, q.Get("suite_access_token"), "the template's token goes in the body only")
				sent = body
				return json.RawMessage(`{"errcode":0,"errmsg":"ok"}`)
			})
			require.NoError(t, tc.call(s, context.Background(), app))
			var doc map[string]any
			require.NoError(t, json.Unmarshal(want, &doc))
			assert.Equal(t, doc, sent, "body sent: the page's request sample")
			assert.Equal(t, 1, f.count(tc.path))
		})
	}
}

func TestClaimCustomizedAppErrors(t *testing.T) {
	ctx := context.Background()

	// A third-party suite is no template: refused before anything is sent.
	f, s, app := newClaimFixture(t, false)
	err := s.ClaimCustomizedApp(ctx, app)
	require.ErrorIs(t, err, wecom.ErrConfig)
	assert.Zero(t, f.count("/cgi-bin/agent/claim_customized_app"))
	assert.Zero(t, f.count("/cgi-bin/service/get_suite_token"))

	_, s, _ = newClaimFixture(t, true)
	require.ErrorIs(t, s.ClaimCustomizedApp(ctx, nil), wecom.ErrConfig)

	// WeCom's refusal reaches the caller as an APIError, and the suite
	// token never appears in it.
	f, s, app = newClaimFixture(t, true)
	f.on(http.MethodPost, "/cgi-bin/agent/claim_customized_app", func(url.Values, map[string]any) any {
		return json.RawMessage(`{"errcode":48002,"errmsg":"api forbidden"}`)
	})
	err = s.ClaimCustomizedApp(ctx, app)
	var ae *wecom.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 48002, int(ae.Code))
	assert.NotContains(t, err.Error(), "SUITE_ACCESS_TOKEN")
	assert.Equal(t, 1, f.count("/cgi-bin/agent/claim_customized_app"), "an errcode is not repeated")
}
