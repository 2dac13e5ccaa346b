package jssdk

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/wecomkit/wecom/internal/randstr"
)

// ErrInvalidURL is returned for a page URL that is not an absolute http or
// https URL.
var ErrInvalidURL = errors.New("jssdk: page URL must be an absolute http(s) URL")

// WXConfig holds the parameters of wx.config, under the names it takes.
// Marshal it to JSON and pass it on, adding jsApiList when it is empty.
type WXConfig struct {
	// Beta is always true: WeCom requires it for the wx.invoke APIs.
	Beta bool `json:"beta"`
	// Debug makes the client alert every API's result.
	Debug bool `json:"debug,omitempty"`
	// AppID is the corp id.
	AppID     string `json:"appId"`
	Timestamp int64  `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	Signature string `json:"signature"`
	// JSAPIList lists the APIs the page uses, when set with WithJSAPIList.
	JSAPIList []string `json:"jsApiList,omitempty"`
}

// WXAgentConfig holds the parameters of wx.agentConfig, under the names
// it takes.
type WXAgentConfig struct {
	// CorpID is the corp id.
	CorpID string `json:"corpid"`
	// AgentID is the app's id as a string, as WeCom's wx.agentConfig
	// documentation writes it (agentid: '1000247').
	AgentID   string `json:"agentid"`
	Timestamp int64  `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	Signature string `json:"signature"`
	// JSAPIList lists the APIs the page uses, when set with WithJSAPIList.
	JSAPIList []string `json:"jsApiList,omitempty"`
}

// nonceLength is the length of a generated nonceStr.
const nonceLength = 16

// ConfigOption adds optional parameters to a WXConfig or WXAgentConfig.
type ConfigOption func(*configParams)

type configParams struct {
	apis  []string
	debug bool
}

// WithJSAPIList sets jsApiList, the APIs the page will call.
func WithJSAPIList(apis ...string) ConfigOption {
	return func(p *configParams) { p.apis = append([]string(nil), apis...) }
}

// WithDebug sets debug: true in wx.config (wx.agentConfig has no debug).
func WithDebug() ConfigOption { return func(p *configParams) { p.debug = true } }

func applyConfigOptions(opts []ConfigOption) configParams {
	var p configParams
	for _, o := range opts {
		if o != nil {
			o(&p)
		}
	}
	return p
}

// Config returns the signed parameters of wx.config for the page at
// pageURL (its fragment, if any, is ignored), with a fresh nonce and the
// current time.
func (c *Client) Config(ctx context.Context, pageURL string, opts ...ConfigOption) (*WXConfig, error) {
	sig, err := c.sign(ctx, "wx.config", pageURL, c.Ticket)
	if err != nil {
		return nil, err
	}
	p := applyConfigOptions(opts)
	return &WXConfig{
		Beta:      true,
		Debug:     p.debug,
		AppID:     c.cfg.CorpID,
		Timestamp: sig.timestamp,
		NonceStr:  sig.nonce,
		Signature: sig.value,
		JSAPIList: p.apis,
	}, nil
}

// AgentConfig returns the signed parameters of wx.agentConfig for the page
// at pageURL (its fragment, if any, is ignored), with a fresh nonce and the
// current time. The client's Config needs an AgentID.
func (c *Client) AgentConfig(ctx context.Context, pageURL string, opts ...ConfigOption) (*WXAgentConfig, error) {
	sig, err := c.sign(ctx, "wx.agentConfig", pageURL, c.AgentTicket)
	if err != nil {
		return nil, err
	}
	p := applyConfigOptions(opts)
	return &WXAgentConfig{
		CorpID:    c.cfg.CorpID,
		AgentID:   strconv.FormatInt(c.cfg.AgentID, 10),
		Timestamp: sig.timestamp,
		NonceStr:  sig.nonce,
		Signature: sig.value,
		JSAPIList: p.apis,
	}, nil
}

// pageSignature is what wx.config and wx.agentConfig carry of a signature.
type pageSignature struct {
	timestamp int64
	nonce     string
	value     string
}

// sign signs the page at pageURL with the ticket that ticket returns, a
// fresh nonce and the current time; call names the config in errors.
func (c *Client) sign(ctx context.Context, call, pageURL string, ticket func(context.Context) (string, error)) (pageSignature, error) {
	page, err := signableURL(pageURL)
	if err != nil {
		return pageSignature{}, err
	}
	t, err := ticket(ctx)
	if err != nil {
		return pageSignature{}, fmt.Errorf("jssdk: %s: %w", call, err)
	}
	nonce, err := randstr.Alnum(nonceLength)
	if err != nil {
		return pageSignature{}, fmt.Errorf("jssdk: nonce: %w", err)
	}
	ts := c.now().Unix()
	return pageSignature{timestamp: ts, nonce: nonce, value: Sign(t, nonce, ts, page)}, nil
}

// signableURL checks that raw is an absolute http(s) URL and returns it
// as written, without its fragment: the signature covers the exact string
// the page sees as location.href, so it is not re-encoded.
func signableURL(raw string) (string, error) {
	page, _, _ := strings.Cut(raw, "#")
	u, err := url.Parse(page)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", ErrInvalidURL
	}
	return page, nil
}
