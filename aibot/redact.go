package aibot

import (
	"fmt"
	"log/slog"

	"github.com/wecomkit/wecom/internal/redact"
)

// A Media holds the bot's AES key (its IV is half of it): it describes
// itself without it, whatever prints it.

// String describes md without its key.
func (md *Media) String() string {
	return redact.Begin("aibot.Media").Secret("Key", "key", "set").String()
}

// GoString is String, for %#v.
func (md *Media) GoString() string { return md.String() }

// Format prints String for every verb.
func (md *Media) Format(s fmt.State, _ rune) { redact.Format(s, md.String()) }

// LogValue describes md to log/slog without its key.
func (md *Media) LogValue() slog.Value {
	return redact.Begin("aibot.Media").Secret("Key", "key", "set").LogValue()
}

// MarshalJSON describes md without its key.
func (md *Media) MarshalJSON() ([]byte, error) {
	return redact.Begin("aibot.Media").Secret("Key", "key", "set").JSON(), nil
}

// String describes s by its MsgCrypt, which describes itself without its
// token or key.
func (s *Server) String() string { return "aibot.Server{crypt: " + s.crypt.String() + "}" }

// GoString is String, for %#v.
func (s *Server) GoString() string { return s.String() }

// Format prints String for every verb.
func (s *Server) Format(st fmt.State, _ rune) { redact.Format(st, s.String()) }

// LogValue describes s to log/slog without secrets.
func (s *Server) LogValue() slog.Value { return slog.GroupValue(slog.Any("crypt", s.crypt)) }

// WSConfig and Client describe themselves without the secret, whatever
// prints them; BotID and URL show as they are.

func (cfg WSConfig) fields() *redact.Fields {
	return redact.Begin("aibot.WSConfig").
		Str("BotID", "bot_id", cfg.BotID).
		Secret("Secret", "secret", cfg.Secret).
		Str("URL", "url", cfg.URL)
}

// String describes cfg without its secret.
func (cfg WSConfig) String() string { return cfg.fields().String() }

// GoString is String, for %#v.
func (cfg WSConfig) GoString() string { return cfg.String() }

// Format prints String for every verb.
func (cfg WSConfig) Format(s fmt.State, _ rune) { redact.Format(s, cfg.String()) }

// LogValue describes cfg to log/slog without its secret.
func (cfg WSConfig) LogValue() slog.Value { return cfg.fields().LogValue() }

// MarshalJSON writes cfg with the secret replaced by "[redacted]".
func (cfg WSConfig) MarshalJSON() ([]byte, error) { return cfg.fields().JSON(), nil }

// String names the client's bot, and nothing secret.
func (c *Client) String() string {
	if c == nil {
		return "aibot.Client(nil)"
	}
	return redact.Begin("aibot.Client").Str("BotID", "bot_id", c.cfg.BotID).String()
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb.
func (c *Client) Format(s fmt.State, _ rune) { redact.Format(s, c.String()) }

// LogValue describes c to log/slog without its secret.
func (c *Client) LogValue() slog.Value {
	return redact.Begin("aibot.Client").Str("BotID", "bot_id", c.cfg.BotID).LogValue()
}
