// Package api is the one HTTP core every WeCom call goes through.
//
// It puts the right credential in the query string, encodes JSON bodies and
// multipart uploads, streams binary downloads, decodes errcode/errmsg into
// *wecom.APIError, refreshes a rejected token and repeats the call once,
// retries transient failures with back-off when that is safe, and logs
// through log/slog without ever writing a credential.
package api
