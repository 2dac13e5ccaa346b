package aibot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

// responsePath is the path of every response_url.
const responsePath = "/cgi-bin/aibot/response"

// Responder posts to the response_url of a message: a markdown message or
// a template card after the passive reply's window. A response_url is
// valid for one hour and for one post: Respond sends it once, without an
// access token, and never repeats it, whatever the retry policy.
//
// The post goes to the API host of the options (wecom.WithBaseURL,
// qyapi.weixin.qq.com by default), with the path and response_code of the
// URL, so that a forged response_url cannot send it elsewhere.
type Responder struct {
	core *api.Client
}

// NewResponder returns a Responder configured by opts (HTTP client, base
// URL, logger, timeout).
func NewResponder(opts ...wecom.Option) *Responder {
	return &Responder{core: api.New(wecom.NewOptions(opts...))}
}

// Respond posts reply, a [MarkdownReply] or a [CardReply], to responseURL.
// WeCom's refusal is a *wecom.APIError; the response_code is never part of
// an error or a log record.
func (r *Responder) Respond(ctx context.Context, responseURL string, reply Reply) error {
	u, err := url.Parse(responseURL)
	if err != nil || u.Path != responsePath || u.Query().Get("response_code") == "" {
		return fmt.Errorf("%w: not a response_url of a robot callback", wecom.ErrConfig)
	}
	if reply == nil {
		return fmt.Errorf("%w: nothing to respond", wecom.ErrConfig)
	}
	body, err := marshalReply(reply)
	if err != nil {
		return fmt.Errorf("wecom/aibot: respond: %w", err)
	}
	return r.core.Do(ctx, nil, api.Request{
		Method: http.MethodPost,
		Path:   responsePath,
		Query:  url.Values{"response_code": {u.Query().Get("response_code")}},
		Body:   json.RawMessage(body),
		Safety: api.Never,
	}, nil)
}
