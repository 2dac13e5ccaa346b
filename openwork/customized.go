package openwork

import (
	"context"
	"fmt"
	"net/http"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/work"
)

// Customized-app (代开发) management. WeCom documents no API that lists a
// provider's templates or describes one app of a template: templates are
// managed in the provider console, and an installed app is described by
// Suite.AuthInfo (auth_info.agent, is_customized_app).

// ClaimCustomizedApp moves a corp's self-built app that the provider
// developed to this customized-app template (agent/claim_customized_app,
// page 99617): app is the self-built app's client, whose access token
// makes the call; the template's suite_access_token goes in the body. A
// provider that submitted the migration in its console calls it too,
// before resetting the app's secret or submitting it for review, to prove
// it owns the app. The suite must be a template (SuiteConfig.Customized).
// Repeated after a transient failure: claiming again changes nothing.
func (s *Suite) ClaimCustomizedApp(ctx context.Context, app *work.Client) error {
	return s.migrate(ctx, app, "/cgi-bin/agent/claim_customized_app")
}

// MigrateToCustomizedApp is the older name of ClaimCustomizedApp
// (agent/migrate_to_customized_app, page 96072): same credentials, body
// and answer.
func (s *Suite) MigrateToCustomizedApp(ctx context.Context, app *work.Client) error {
	return s.migrate(ctx, app, "/cgi-bin/agent/migrate_to_customized_app")
}

func (s *Suite) migrate(ctx context.Context, app *work.Client, path string) error {
	if !s.cfg.Customized {
		return fmt.Errorf("%w: openwork: suite %s is not a customized-app template (SuiteConfig.Customized)", wecom.ErrConfig, s.cfg.SuiteID)
	}
	if app == nil {
		return fmt.Errorf("%w: openwork: %s needs the self-built app's client", wecom.ErrConfig, path)
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	return app.Do(ctx, http.MethodPost, path, suiteTokenBody{SuiteAccessToken: tok}, nil, wecom.Idempotent())
}

// suiteTokenBody carries a suite_access_token in a request body; it never
// prints the token.
type suiteTokenBody struct {
	SuiteAccessToken string `json:"suite_access_token"`
}

// String hides the token.
func (suiteTokenBody) String() string { return "{suite_access_token: [redacted]}" }

// GoString is String, for %#v.
func (b suiteTokenBody) GoString() string { return b.String() }
