// Package wecom is a Go SDK for the WeCom (企业微信) server API.
//
// The root package holds what every part of the SDK shares: the error type
// returned for WeCom's errcodes ([APIError]), helpers to inspect it
// ([ErrCode], [IsTokenInvalid], [IsRateLimited]) and the functional
// [Option]s accepted by the clients in the sub-packages:
//
//   - work: the client of a self-built or customized app;
//   - openwork: service providers, third-party suites and customized apps;
//   - message and crypto: encrypted callbacks, routing and replies;
//   - oauth and jssdk: member login in H5 pages and JS-SDK signatures;
//   - token: the token cache and the refreshing token sources;
//   - wecomtest: a fake WeCom for tests.
package wecom
