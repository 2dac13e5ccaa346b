package oauth

import (
	"fmt"
	"log/slog"

	"github.com/wecomkit/wecom/internal/redact"
)

// The clients describe themselves by their ids: printing one with any fmt
// verb, or logging it with log/slog, never walks into its options, whose
// cache holds access tokens.

func (c *Client) fields() *redact.Fields {
	return redact.Begin("oauth.Client").Str("CorpID", "corp_id", c.cfg.CorpID).Int("AgentID", "agent_id", c.cfg.AgentID)
}

// String names the client's corp and agent.
func (c *Client) String() string {
	if c == nil {
		return "oauth.Client(nil)"
	}
	return c.fields().String()
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb.
func (c *Client) Format(s fmt.State, _ rune) { redact.Format(s, c.String()) }

// LogValue describes the client to log/slog by its corp and agent.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("oauth.Client(nil)")
	}
	return c.fields().LogValue()
}

func (c *SuiteClient) fields() *redact.Fields {
	return redact.Begin("oauth.SuiteClient").Str("SuiteID", "suite_id", c.cfg.SuiteID)
}

// String names the client's suite.
func (c *SuiteClient) String() string {
	if c == nil {
		return "oauth.SuiteClient(nil)"
	}
	return c.fields().String()
}

// GoString is String, for %#v.
func (c *SuiteClient) GoString() string { return c.String() }

// Format prints String for every verb.
func (c *SuiteClient) Format(s fmt.State, _ rune) { redact.Format(s, c.String()) }

// LogValue describes the client to log/slog by its suite.
func (c *SuiteClient) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("oauth.SuiteClient(nil)")
	}
	return c.fields().LogValue()
}

func (c *ProviderClient) fields() *redact.Fields {
	return redact.Begin("oauth.ProviderClient").Str("CorpID", "corp_id", c.cfg.CorpID)
}

// String names the client's provider.
func (c *ProviderClient) String() string {
	if c == nil {
		return "oauth.ProviderClient(nil)"
	}
	return c.fields().String()
}

// GoString is String, for %#v.
func (c *ProviderClient) GoString() string { return c.String() }

// Format prints String for every verb.
func (c *ProviderClient) Format(s fmt.State, _ rune) { redact.Format(s, c.String()) }

// LogValue describes the client to log/slog by its provider.
func (c *ProviderClient) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("oauth.ProviderClient(nil)")
	}
	return c.fields().LogValue()
}

// Format prints id as fmt prints any struct, with the user ticket (a
// credential that reads the member's sensitive fields) redacted.
func (id Identity) Format(s fmt.State, verb rune) {
	type identity Identity
	id.UserTicket = redact.Secret(id.UserTicket)
	_, _ = fmt.Fprintf(s, fmt.FormatString(s, verb), identity(id))
}

// LogValue describes id to log/slog with the user ticket redacted.
func (id Identity) LogValue() slog.Value {
	type identity Identity
	id.UserTicket = redact.Secret(id.UserTicket)
	return slog.AnyValue(identity(id))
}

// Format prints id as fmt prints any struct, with the user ticket redacted.
func (id SuiteIdentity) Format(s fmt.State, verb rune) {
	type suiteIdentity SuiteIdentity
	id.UserTicket = redact.Secret(id.UserTicket)
	_, _ = fmt.Fprintf(s, fmt.FormatString(s, verb), suiteIdentity(id))
}

// LogValue describes id to log/slog with the user ticket redacted.
func (id SuiteIdentity) LogValue() slog.Value {
	type suiteIdentity SuiteIdentity
	id.UserTicket = redact.Secret(id.UserTicket)
	return slog.AnyValue(suiteIdentity(id))
}
