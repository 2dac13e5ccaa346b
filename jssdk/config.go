package jssdk

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
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
	page, err := signableURL(pageURL)
	if err != nil {
		return nil, err
	}
	ticket, err := c.Ticket(ctx)
	if err != nil {
		return nil, fmt.Errorf("jssdk: wx.config: %w", err)
	}
	nonce, ts, err := c.nonceAndTime()
	if err != nil {
		return nil, err
	}
	p := applyConfigOptions(opts)
	return &WXConfig{
		Beta:      true,
		Debug:     p.debug,
		AppID:     c.cfg.CorpID,
		Timestamp: ts,
		NonceStr:  nonce,
		Signature: Sign(ticket, nonce, ts, page),
		JSAPIList: p.apis,
	}, nil
}

// AgentConfig returns the signed parameters of wx.agentConfig for the page
// at pageURL (its fragment, if any, is ignored), with a fresh nonce and the
// current time. The client's Config needs an AgentID.
func (c *Client) AgentConfig(ctx context.Context, pageURL string, opts ...ConfigOption) (*WXAgentConfig, error) {
	page, err := signableURL(pageURL)
	if err != nil {
		return nil, err
	}
	ticket, err := c.AgentTicket(ctx)
	if err != nil {
		return nil, fmt.Errorf("jssdk: wx.agentConfig: %w", err)
	}
	nonce, ts, err := c.nonceAndTime()
	if err != nil {
		return nil, err
	}
	p := applyConfigOptions(opts)
	return &WXAgentConfig{
		CorpID:    c.cfg.CorpID,
		AgentID:   strconv.FormatInt(c.cfg.AgentID, 10),
		Timestamp: ts,
		NonceStr:  nonce,
		Signature: Sign(ticket, nonce, ts, page),
		JSAPIList: p.apis,
	}, nil
}

func (c *Client) nonceAndTime() (string, int64, error) {
	nonce, err := randomAlnum(nonceLength)
	if err != nil {
		return "", 0, fmt.Errorf("jssdk: nonce: %w", err)
	}
	return nonce, c.now().Unix(), nil
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
