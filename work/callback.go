package work

import (
	"fmt"
	"net/http"

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
)

// CallbackHandler returns the http.Handler of the app's callback URL
// (接收消息服务器): it verifies the URL when WeCom checks it, and decrypts
// and parses every message and event and hands it to h — a
// *message.Router, a message.HandlerFunc or any other message.Handler (nil:
// none) — answering with an empty body or the encrypted passive reply h
// returns. It uses the Token and EncodingAESKey of the client's Config, and
// the corp id as receive id.
//
// The server logs to the client's logger (wecom.WithLogger) and
// remembers the callbacks it handled in the client's cache
// (message.WithDedup(c.Cache(), 0)), so that with a shared cache (Redis) a
// re-send or replay reaching any instance is not handled twice; opts come
// after these defaults and override them. Add message.WithAsync to
// acknowledge at once when handlers are slow: WeCom waits 5 seconds.
func (c *Client) CallbackHandler(h message.Handler, opts ...message.ServerOption) (http.Handler, error) {
	mc, err := crypto.New(c.cfg.Token, c.cfg.EncodingAESKey, c.cfg.CorpID)
	if err != nil {
		return nil, fmt.Errorf("work: callback handler of %s: %w", c.cfg.CorpID, err)
	}
	all := append([]message.ServerOption{message.WithLogger(c.opts.Logger), message.WithDedup(c.opts.Cache, 0)}, opts...)
	return message.NewServer(mc, handlerOrEmpty(h), all...), nil
}

// handlerOrEmpty returns h, or an empty *message.Router when h is nil or
// a nil *message.Router, so that a server built without handlers still
// acknowledges every callback.
func handlerOrEmpty(h message.Handler) message.Handler {
	if r, ok := h.(*message.Router); h == nil || (ok && r == nil) {
		return message.NewRouter()
	}
	return h
}
