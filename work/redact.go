package work

import (
	"fmt"
	"log/slog"

	"github.com/wecomkit/wecom/internal/redact"
)

// Config and Client describe themselves without their secrets, whatever
// prints them: every fmt verb (%v, %+v, %#v, %s, %q, %d, ...), log/slog's
// text and JSON handlers, and encoding/json. Secret, Token and
// EncodingAESKey show as [redacted] when set and "" when empty; CorpID and
// AgentID show as they are. A Config held in an unexported field of another
// struct is out of reach of its methods: fmt prints such fields raw, so
// print the outer struct through its own String, or keep the field
// exported.

func (cfg Config) fields() *redact.Fields {
	return redact.Begin("work.Config").
		Str("CorpID", "corp_id", cfg.CorpID).
		Int("AgentID", "agent_id", cfg.AgentID).
		Secret("Secret", "secret", cfg.Secret).
		Secret("Token", "token", cfg.Token).
		Secret("EncodingAESKey", "encoding_aes_key", cfg.EncodingAESKey)
}

// String describes cfg without its secrets.
func (cfg Config) String() string { return cfg.fields().String() }

// GoString is String, for %#v.
func (cfg Config) GoString() string { return cfg.String() }

// Format prints String for every verb, so that no verb prints a secret.
func (cfg Config) Format(s fmt.State, _ rune) { redact.Format(s, cfg.String()) }

// LogValue describes cfg to log/slog without its secrets.
func (cfg Config) LogValue() slog.Value { return cfg.fields().LogValue() }

// MarshalJSON writes the keys encoding/json would write, with the secrets
// replaced by "[redacted]": a Config marshaled and read back has lost them.
// Reading a Config from JSON (json.Unmarshal) is unaffected.
func (cfg Config) MarshalJSON() ([]byte, error) { return cfg.fields().JSON(), nil }

func (c *Client) fields() *redact.Fields {
	return redact.Begin("work.Client").
		Str("CorpID", "corp_id", c.cfg.CorpID).
		Int("AgentID", "agent_id", c.cfg.AgentID)
}

// String names the client's corp and agent, and nothing secret.
func (c *Client) String() string {
	if c == nil {
		return "work.Client(nil)"
	}
	return c.fields().String()
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb: printing a Client never walks into
// its configuration, token source or cache.
func (c *Client) Format(s fmt.State, _ rune) { redact.Format(s, c.String()) }

// LogValue describes the client to log/slog by its corp and agent.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("work.Client(nil)")
	}
	return c.fields().LogValue()
}
