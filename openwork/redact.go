package openwork

import (
	"fmt"
	"log/slog"

	"github.com/wecomkit/wecom/internal/redact"
)

// Config, SuiteConfig, CorpConfig, Provider and Suite describe themselves
// without their secrets, whatever prints them: every fmt verb (%v, %+v, %#v,
// %s, %q, %d, ...), log/slog's text and JSON handlers, and encoding/json.
// Secrets (provider and suite secrets, callback tokens, EncodingAESKeys,
// permanent codes) show as [redacted] when set and "" when empty; ids show
// as they are. A value held in an unexported field of another struct is out
// of reach of its methods: fmt prints such fields raw.

func (cfg Config) fields() *redact.Fields {
	return redact.Begin("openwork.Config").
		Str("CorpID", "corp_id", cfg.CorpID).
		Secret("ProviderSecret", "provider_secret", cfg.ProviderSecret).
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
// Reading a Config from JSON is unaffected.
func (cfg Config) MarshalJSON() ([]byte, error) { return cfg.fields().JSON(), nil }

func (cfg SuiteConfig) fields() *redact.Fields {
	return redact.Begin("openwork.SuiteConfig").
		Str("SuiteID", "suite_id", cfg.SuiteID).
		Secret("SuiteSecret", "suite_secret", cfg.SuiteSecret).
		Secret("Token", "token", cfg.Token).
		Secret("EncodingAESKey", "encoding_aes_key", cfg.EncodingAESKey).
		Bool("Customized", "customized", cfg.Customized).
		Str("InstallBaseURL", "install_base_url", cfg.InstallBaseURL)
}

// String describes cfg without its secrets.
func (cfg SuiteConfig) String() string { return cfg.fields().String() }

// GoString is String, for %#v.
func (cfg SuiteConfig) GoString() string { return cfg.String() }

// Format prints String for every verb, so that no verb prints a secret.
func (cfg SuiteConfig) Format(s fmt.State, _ rune) { redact.Format(s, cfg.String()) }

// LogValue describes cfg to log/slog without its secrets.
func (cfg SuiteConfig) LogValue() slog.Value { return cfg.fields().LogValue() }

// MarshalJSON writes the keys encoding/json would write, with the secrets
// replaced by "[redacted]": a SuiteConfig marshaled and read back has lost
// them. Reading a SuiteConfig from JSON is unaffected.
func (cfg SuiteConfig) MarshalJSON() ([]byte, error) { return cfg.fields().JSON(), nil }

// Format prints String for every verb: %d or %x would otherwise print the
// permanent code as fmt prints any struct.
func (cfg CorpConfig) Format(s fmt.State, _ rune) { redact.Format(s, cfg.String()) }

// MarshalJSON writes the keys encoding/json would write, with the
// permanent code replaced by "[redacted]".
func (cfg CorpConfig) MarshalJSON() ([]byte, error) {
	return redact.Begin("openwork.CorpConfig").
		Str("CorpID", "corp_id", cfg.CorpID).
		Secret("PermanentCode", "permanent_code", cfg.PermanentCode).
		Int("AgentID", "agent_id", cfg.AgentID).
		JSON(), nil
}

func (p *Provider) fields() *redact.Fields {
	return redact.Begin("openwork.Provider").Str("CorpID", "corp_id", p.cfg.CorpID)
}

// String names the provider by its corp id, and nothing secret.
func (p *Provider) String() string {
	if p == nil {
		return "openwork.Provider(nil)"
	}
	return p.fields().String()
}

// GoString is String, for %#v.
func (p *Provider) GoString() string { return p.String() }

// Format prints String for every verb: printing a Provider never walks
// into its configuration, token source or cache.
func (p *Provider) Format(s fmt.State, _ rune) { redact.Format(s, p.String()) }

// LogValue describes the provider to log/slog by its corp id.
func (p *Provider) LogValue() slog.Value {
	if p == nil {
		return slog.StringValue("openwork.Provider(nil)")
	}
	return p.fields().LogValue()
}

func (s *Suite) fields() *redact.Fields {
	f := redact.Begin("openwork.Suite").Str("SuiteID", "suite_id", s.cfg.SuiteID)
	if s.p != nil {
		f.Str("ProviderCorpID", "provider_corp_id", s.p.cfg.CorpID)
	}
	return f.Bool("Customized", "customized", s.cfg.Customized)
}

// String names the suite and its provider, and nothing secret.
func (s *Suite) String() string {
	if s == nil {
		return "openwork.Suite(nil)"
	}
	return s.fields().String()
}

// GoString is String, for %#v.
func (s *Suite) GoString() string { return s.String() }

// Format prints String for every verb: printing a Suite never walks into
// its configuration, tokens or the clients of its corps.
func (s *Suite) Format(st fmt.State, _ rune) { redact.Format(st, s.String()) }

// LogValue describes the suite to log/slog by its id and provider.
func (s *Suite) LogValue() slog.Value {
	if s == nil {
		return slog.StringValue("openwork.Suite(nil)")
	}
	return s.fields().LogValue()
}

// Format prints a as fmt prints any struct, with the permanent code and the
// access token redacted. encoding/json still writes them, for storage.
func (a Authorization) Format(s fmt.State, verb rune) {
	type authorization Authorization
	a.PermanentCode, a.AccessToken = redact.Secret(a.PermanentCode), redact.Secret(a.AccessToken)
	_, _ = fmt.Fprintf(s, fmt.FormatString(s, verb), authorization(a))
}

// LogValue describes a to log/slog with the permanent code and the access
// token redacted.
func (a Authorization) LogValue() slog.Value {
	type authorization Authorization
	a.PermanentCode, a.AccessToken = redact.Secret(a.PermanentCode), redact.Secret(a.AccessToken)
	return slog.AnyValue(authorization(a))
}
