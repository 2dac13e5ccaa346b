// Package message receives WeCom (企业微信) callbacks: it verifies and
// decrypts what WeCom POSTs to a callback URL, parses it once into a
// [Message], routes it to a typed handler and answers with the right
// acknowledgement or an encrypted passive reply.
//
// # Serving a callback URL
//
// A [Server] is the http.Handler of one callback URL, built from the
// [crypto.MsgCrypt] of the URL's Token and EncodingAESKey and a [Handler],
// usually a [Router]:
//
//	c, err := crypto.New(token, encodingAESKey, corpID)
//	...
//	r := message.NewRouter()
//	message.On(r, func(ctx context.Context, m *message.Message, t *message.Text) (message.Reply, error) {
//		return &message.TextReply{Content: "you said " + t.Content}, nil
//	})
//	message.On(r, func(ctx context.Context, m *message.Message, u *message.CreateUser) (message.Reply, error) {
//		return nil, sync(ctx, u.UserID)
//	})
//	http.Handle("/wecom/callback", message.NewServer(c, r))
//
// The Server answers WeCom's URL verification (GET) and callbacks (POST).
// Third-party instruction callbacks (those with an InfoType: suite_ticket,
// create_auth, ...) are answered "success"; messages and events with an
// empty body, or the encrypted passive reply the handler returns (see
// [Reply]). Bad input is answered 4xx without reaching any handler; a
// handler error is answered 500 so that WeCom sends the callback again
// ([StatusCode] lists the codes). [Server.HandleCallback] serves callbacks
// received by other HTTP frameworks.
//
// # Messages and payloads
//
// A [Message] holds the routing header (MsgType, Event, ChangeType,
// InfoType, ...) and the decrypted XML in Raw; [Message.Decode] decodes the
// rest into any struct. The package has one typed payload per documented
// message, event (with its change types) and instruction callback — [Text],
// [LocationReport], [CreateUser], [SysApprovalChange], [TemplateCardEvent],
// [SuiteTicket], [CreateAuth], ... — each with a Kind method, so that
// [On] registers a handler for it without strings. Comma-separated lists
// decode into [List] and [IntList], repeated elements into slices.
// Callbacks of kinds this package does not know reach the router's
// fallback with their Message.
//
// # Routing
//
// A [Router] picks the handler of the most specific registered [Kind]:
// InfoType+ChangeType, InfoType, MsgType+Event+ChangeType, MsgType+Event,
// MsgType, then the fallback. [Router.Use] adds middleware.
//
// # Options
//
// [WithMaxBodySize] bounds the request body (1 MiB by default),
// [WithErrorHandler] and [WithLogger] report failures, [WithHook] runs code
// before every handler (openwork stores pushed suite_tickets this way),
// [WithDedup] answers WeCom's re-sends (and replays) of a handled callback
// without handling it again, through a token.Cache, [WithReplayWindow]
// changes the replay window (on by default), [WithHandlerTimeout] the
// handler's deadline (WeCom's wait by default), and [WithAsync]
// acknowledges at once and runs handlers on a bounded pool of workers.
//
// # Deployment
//
// A Server has no timeouts on reading requests: it reads the whole body (up
// to the limit; a larger Content-Length is refused before reading, a
// chunked body is cut off just past the limit) before it can check the
// signature, so a client that sends slowly holds a goroutine for as long
// as the http.Server lets it. Serve it with an http.Server that sets
// ReadHeaderTimeout and ReadTimeout (a few seconds: WeCom sends the whole
// request at once and gives up after 5 s anyway), WriteTimeout and
// IdleTimeout; the zero http.Server waits forever.
//
// Handling has a deadline: WeCom waits 5 s for the answer to a message or
// event and 1 s for an instruction callback, then drops the connection and
// sends the callback again (three attempts in all). The handler's context
// ends a margin before that (4.5 s and 800 ms from the arrival of the
// request), and so do the calls the Server makes to its de-duplication
// cache and the hooks (openwork's suite_ticket store), so that even with a
// hung cache the answer goes out in time. A handler that overruns is
// logged at level Warn; give slow work to [WithAsync], whose handlers get
// a minute of their own after the answer ([WithHandlerTimeout] changes
// both).
//
// The signature proves that a request comes from someone who knows the
// Token, not that it is new: a captured request can be sent again. So the
// Server refuses, with 403, a request whose signed timestamp is more than
// five minutes from its clock ([WithReplayWindow]; keep the clock
// synchronised with NTP), and with [WithDedup] it recognises every copy of
// a callback the window lets through, WeCom's re-sends as well as replays:
// none reaches a handler twice, and each gets the answer the first copy got
// (the same encrypted passive reply). A copy that arrives while the first
// is still being handled gets 503, so that WeCom tries again once the
// outcome is known. Use a cache shared by every instance (Redis) when the
// service runs on several. Serve over HTTPS. The decrypted document is
// trusted no further than that: any document parses in time linear in its
// size or is refused with 400, and the log and error messages of this
// package never contain the Token, the EncodingAESKey, or anything of a
// message beyond its kind (MsgType, Event, ChangeType, InfoType) and the
// names of its elements.
//
// # Parsing
//
// The header is read by a small scanner for the subset of XML WeCom sends,
// about twenty times faster than encoding/xml; documents outside that
// subset go to encoding/xml, so the scanner never decides that a document
// is invalid, and for every document it reads it yields what encoding/xml
// yields (a differential fuzz test checks this). The same scanner fills
// flat structs in [Message.Decode] (most payloads, and a handler's own
// structs of string, number and bool fields); nested ones are decoded with
// encoding/xml. Before any of this, the signature is checked over the
// Encrypt element found by a search of the body, so that a forged request
// costs no parsing.
package message
