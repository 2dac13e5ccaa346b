// Package api is the one HTTP core every WeCom call goes through.
//
// It puts the right credential in the query string, encodes JSON bodies,
// streams multipart uploads and binary downloads, decodes errcode/errmsg
// into *wecom.APIError, refreshes a rejected token and repeats the call
// once, retries transient failures with back-off when that is safe, and
// logs through log/slog without ever writing a credential or a secret the
// request carried.
//
// Whether a request may be repeated is its Safety; the delivery paths
// (IsDelivery: message/send, kf/send_msg, webhook/send, ...) are Never
// whatever a request says, for typed methods and raw Do alike, and a GET
// that is not Idempotent is made non-replayable by net/http's Transport.
//
// JSON calls and downloads go through resty; uploads are sent with the same
// *http.Client directly, because resty reads a streamed body whole into
// memory. The client's timeout bounds each attempt of a JSON call; for a
// file it bounds the wait for the answer and each pause in the stream.
package api
