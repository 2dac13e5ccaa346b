package api

import (
	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
)

// Auth names the credential a request carries and when WeCom has rejected it.
type Auth struct {
	// Param is the query parameter that carries the credential.
	Param string
	// Source hands out the credential and drops it when it is rejected.
	Source token.Invalidator
	// Invalid reports whether an errcode means the credential is invalid.
	Invalid func(code int) bool
}

// AccessToken is the Auth of the corp APIs: access_token in the query,
// invalid on 40001, 40014 and 42001.
func AccessToken(src token.Invalidator) *Auth {
	return &Auth{Param: "access_token", Source: src, Invalid: corpTokenInvalid}
}

// SuiteAccessToken is the Auth of the suite APIs: suite_access_token in the
// query, invalid on 40082, 42009, 40014 and 42001.
func SuiteAccessToken(src token.Invalidator) *Auth {
	return &Auth{Param: "suite_access_token", Source: src, Invalid: suiteTokenInvalid}
}

// ProviderAccessToken is the Auth of the provider APIs:
// provider_access_token in the query, invalid on 40014 and 42001.
func ProviderAccessToken(src token.Invalidator) *Auth {
	return &Auth{Param: "provider_access_token", Source: src, Invalid: providerTokenInvalid}
}

// WithParam returns a copy of a that carries its credential under another
// query parameter name, for the few endpoints that spell it differently
// (service/get_login_info takes the provider token as access_token).
func (a *Auth) WithParam(name string) *Auth {
	if a == nil {
		return nil
	}
	c := *a
	c.Param = name
	return &c
}

func corpTokenInvalid(code int) bool {
	switch code {
	case wecom.CodeInvalidCredential, wecom.CodeInvalidAccessToken, wecom.CodeAccessTokenExpired:
		return true
	}
	return false
}

func suiteTokenInvalid(code int) bool {
	switch code {
	case wecom.CodeInvalidSuiteToken, wecom.CodeSuiteTokenExpired,
		wecom.CodeInvalidAccessToken, wecom.CodeAccessTokenExpired:
		return true
	}
	return false
}

func providerTokenInvalid(code int) bool {
	return code == wecom.CodeInvalidAccessToken || code == wecom.CodeAccessTokenExpired
}
