package work

import (
	"fmt"
	"net/http"

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
)

// CallbackHandler returns the http.Handler of the app's callback URL
// (接收消息服务器): it verifies the URL when WeCom checks it, and decrypts,
// parses and routes every message and event to r (nil: none), answering
// with an empty body or the encrypted passive reply a handler returns.
// It uses the Token and EncodingAESKey of the client's Config, and the
// corp id as receive id.
//
// Pass message.WithDedup(cache, 0) to drop WeCom's re-sends (with a Redis
// cache when the service runs on several machines), and
// message.WithAsync to acknowledge at once when handlers are slow: WeCom
// waits 5 seconds.
func (c *Client) CallbackHandler(r *message.Router, opts ...message.ServerOption) (http.Handler, error) {
	mc, err := crypto.New(c.cfg.Token, c.cfg.EncodingAESKey, c.cfg.CorpID)
	if err != nil {
		return nil, fmt.Errorf("work: callback handler of %s: %w", c.cfg.CorpID, err)
	}
	if r == nil {
		r = message.NewRouter()
	}
	return message.NewServer(mc, r, opts...), nil
}
