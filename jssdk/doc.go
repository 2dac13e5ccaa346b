// Package jssdk signs the configuration of WeCom's (企业微信) JS-SDK for a
// web page: wx.config, signed with the corp's jsapi_ticket, and
// wx.agentConfig, signed with the app's agent_config ticket.
//
// Both tickets are fetched with the app's access token and cached (in the
// cache given with wecom.WithCache, shared between instances when it is
// Redis) until shortly before they expire: WeCom allows only 400 fetches
// an hour per corp and 100 per app, and concurrent misses share one fetch.
// Tickets never reach a log line or an error string.
//
// The page asks its server for the parameters of its own URL, without the
// fragment, and passes them on:
//
//	const url = location.href.split('#')[0];
//	const r = await fetch('/jssdk?url=' + encodeURIComponent(url)).then(r => r.json());
//	wx.config({...r.config, jsApiList: ['scanQRCode']});
//	wx.agentConfig({...r.agentConfig, jsApiList: ['selectExternalContact']});
//
// [ConfigHandler] is that server side; [Client.Config] and
// [Client.AgentConfig] return the same structs for a page rendered on the
// server; [Sign] is the bare algorithm.
package jssdk
