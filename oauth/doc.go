// Package oauth logs WeCom (企业微信) users into web pages: it builds the
// in-app OAuth2 authorize URL and the PC web-login URLs, exchanges the code
// WeCom redirects back with for the user's identity, reads the sensitive
// fields a user consented to share, and protects the round trip with a
// one-time state.
//
// A [Client] serves a self-built or customized app (自建/代开发应用): its
// appid is the corp id. A [SuiteClient] serves a third-party app (第三方应用),
// whose appid is the suite id and whose calls carry the suite_access_token.
// A [ProviderClient] serves a service provider's own web login (服务商登录).
//
// The flow of an in-app page:
//
//  1. state, _ := states.Issue(ctx, "/orders/42") — remember where to go
//  2. redirect the browser to c.AuthCodeURL(state); the callback URL is
//     the client's RedirectURL (c.OAuth.WithRedirectURL(u) on a work.Client)
//  3. on the callback: data, err := states.Verify(ctx, r.FormValue("state"))
//  4. id, err := c.UserFromCode(ctx, r.FormValue("code"))
//
// A code is single use and lives five minutes; the exchange is never
// repeated after a transient failure, since WeCom may already have consumed
// the code: the user logs in again instead.
package oauth
