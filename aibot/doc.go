// Package aibot serves WeCom's intelligent robots (智能机器人) in API mode:
// the encrypted JSON callbacks of a bot's URL, typed messages and events,
// passive replies (text and template-card welcomes, template cards, card
// updates and streamed answers), streams whose refreshes any instance
// behind a load balancer answers from a shared cache, the decryption of
// the media files users send, and posts to a message's response_url.
//
// A bot's URL is served by a [Server] over a crypto.MsgCrypt made with the
// bot's Token and EncodingAESKey and the receive id "" (a corp's own bot):
//
//	c, err := crypto.New(token, encodingAESKey, "")
//	streams := aibot.NewStreams(cache) // Redis when several instances serve the bot
//	srv := aibot.NewServer(c, aibot.HandlerFunc(func(ctx context.Context, m *aibot.Message) (aibot.Reply, error) {
//		switch {
//		case m.Text != nil:
//			st, err := streams.Open(ctx, aibot.StreamOptions{})
//			if err != nil {
//				return nil, err
//			}
//			go answer(st, m.Text.Content) // st.Append as the answer comes, then st.Finish
//			return st.Reply(), nil
//		case m.Event != nil && m.Event.EventType == aibot.EventEnterChat:
//			return &aibot.TextReply{Content: "Hello"}, nil
//		}
//		return nil, nil
//	}), aibot.WithStreams(streams), aibot.WithDedup(cache, 0))
//	http.Handle("/bot", srv)
//
// The server shares its callback pipeline with message.Server: the
// signature is checked before anything is decrypted, requests outside the
// replay window are refused, each callback is de-duplicated by its msgid
// (a copy gets the first copy's encrypted reply byte for byte), the
// handler's context carries WeCom's 5-second budget minus a margin, and
// every failure reaches the error handler without secrets.
//
// # Long connection
//
// A bot without a public URL serves the same [Handler] over WeCom's long
// connection (WebSocket, bot id and secret, no encryption) with a
// [Client]: Run subscribes, pings, reconnects with back-off and subscribes
// again, and sends the handler's replies as answers to their frames; a
// handler streams with the [WSReplier] of its context, and
// [Client.Send] pushes a message without a user's message first. The
// client uses github.com/coder/websocket, which only programs importing
// this package compile.
package aibot
