// Package openwork serves WeCom service providers (服务商): third-party
// suites (第三方应用) and customized apps (代开发应用) installed in many corps.
//
// A [Provider] holds the provider's corp id and secret (provider_access_token).
// Its [Suite]s, one per suite or customized-app template, receive a
// suite_ticket on their instruction callback URL every ten minutes; the
// callback handler stores it in the shared cache, and every instance reads it
// from there to obtain the suite_access_token. The install flow (pre-auth
// code, install URL, permanent code) runs on the suite, and [Suite.Corp]
// returns the same *work.Client a self-built app uses, acting on behalf of
// one authorized corp.
package openwork
