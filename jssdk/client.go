package jssdk

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/token"
)

const (
	corpTicketPath  = "/cgi-bin/get_jsapi_ticket"
	agentTicketPath = "/cgi-bin/ticket/get"
)

// Config identifies the app whose pages are signed.
type Config struct {
	// CorpID is the corp's id: the appId of wx.config and the corpid of
	// wx.agentConfig. A third-party app uses the installing corp's id.
	CorpID string
	// AgentID is the app's id, the agentid of wx.agentConfig; the access
	// token must belong to this app. 0 allows wx.config only.
	AgentID int64
}

// Client hands out the JS-SDK tickets of one app and signs pages with
// them. It is safe for concurrent use.
type Client struct {
	cfg         Config
	core        *api.Client
	auth        *api.Auth
	corpTicket  *token.CachedSource
	agentTicket *token.CachedSource
	now         func() time.Time
}

// New returns a Client for the app of cfg. cfg.CorpID is required;
// accessToken is the app's access-token source (the one a work.Client
// uses; for a third-party app, the installing corp's token) and is
// required too. opts configure the HTTP core, cache and logger as for the
// work package. A work.Client has one already, in its JSSDK field.
func New(cfg Config, accessToken token.Invalidator, opts ...wecom.Option) (*Client, error) {
	switch {
	case cfg.CorpID == "":
		return nil, fmt.Errorf("%w: jssdk: CorpID is required", wecom.ErrConfig)
	case accessToken == nil:
		return nil, fmt.Errorf("%w: jssdk: an access-token source is required", wecom.ErrConfig)
	}
	o := wecom.NewOptions(opts...)
	c := &Client{cfg: cfg, core: api.New(o), now: time.Now, auth: api.AccessToken(accessToken)}
	c.corpTicket = token.NewCachedSource(o.Cache, TicketKey(cfg.CorpID),
		c.fetchTicket(corpTicketPath, nil), token.WithLogger(o.Logger))
	c.agentTicket = token.NewCachedSource(o.Cache, AgentTicketKey(cfg.CorpID, cfg.AgentID),
		c.fetchTicket(agentTicketPath, url.Values{"type": {"agent_config"}}), token.WithLogger(o.Logger))
	return c, nil
}

// TicketKey is the cache key of a corp's jsapi_ticket.
func TicketKey(corpID string) string { return "wecom:jsapi_ticket:" + corpID }

// AgentTicketKey is the cache key of an app's agent_config ticket.
func AgentTicketKey(corpID string, agentID int64) string {
	return "wecom:agent_config_ticket:" + corpID + ":" + strconv.FormatInt(agentID, 10)
}

// Ticket returns the corp's jsapi_ticket, the one wx.config is signed with
// (GET get_jsapi_ticket), cached until shortly before it expires.
func (c *Client) Ticket(ctx context.Context) (string, error) {
	if err := c.check(false); err != nil {
		return "", err
	}
	return c.corpTicket.Token(ctx)
}

// AgentTicket returns the app's agent_config ticket, the one
// wx.agentConfig is signed with (GET ticket/get?type=agent_config), cached
// until shortly before it expires.
func (c *Client) AgentTicket(ctx context.Context) (string, error) {
	if err := c.check(true); err != nil {
		return "", err
	}
	return c.agentTicket.Token(ctx)
}

// TicketSource returns the cached source of the corp's jsapi_ticket.
func (c *Client) TicketSource() *token.CachedSource { return c.corpTicket }

// AgentTicketSource returns the cached source of the app's agent_config
// ticket.
func (c *Client) AgentTicketSource() *token.CachedSource { return c.agentTicket }

func (c *Client) check(agent bool) error {
	switch {
	case c.cfg.CorpID == "":
		return fmt.Errorf("%w: jssdk: CorpID is required", wecom.ErrConfig)
	case c.auth == nil:
		return fmt.Errorf("%w: jssdk: no access-token source", wecom.ErrConfig)
	case agent && c.cfg.AgentID == 0:
		return fmt.Errorf("%w: jssdk: AgentID is required for wx.agentConfig", wecom.ErrConfig)
	}
	return nil
}

// fetchTicket asks WeCom for a ticket; a read, so repeated after a
// transient failure.
func (c *Client) fetchTicket(path string, q url.Values) token.FetchFunc {
	return func(ctx context.Context) (string, time.Duration, error) {
		if c.auth == nil {
			return "", 0, fmt.Errorf("%w: jssdk: no access-token source", wecom.ErrConfig)
		}
		var out struct {
			Ticket    string `json:"ticket"`
			ExpiresIn int64  `json:"expires_in"`
		}
		err := c.core.Do(ctx, c.auth, api.Request{
			Method: http.MethodGet,
			Path:   path,
			Query:  q,
			Safety: api.Idempotent,
		}, &out)
		if err != nil {
			return "", 0, err
		}
		if out.Ticket == "" {
			return "", 0, fmt.Errorf("%w: %s: no ticket in the answer", wecom.ErrUnexpectedResponse, path)
		}
		return out.Ticket, time.Duration(out.ExpiresIn) * time.Second, nil
	}
}
