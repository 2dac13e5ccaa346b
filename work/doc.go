// Package work is the client of a self-built app (自建应用) or a customized
// app (代开发应用): a corp id, an agent id and a secret, and typed methods for
// every documented area of WeCom's server API, grouped in services on a
// [Client] (c.User.Get, c.Message.Send, c.ExternalContact.List, ...).
package work
