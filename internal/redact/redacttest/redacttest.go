// Package redacttest checks that a value never prints a secret, whatever
// prints it. It is for the tests of the packages whose types redact
// themselves.
package redacttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// Verbs are the fmt verbs a value is printed with: every verb fmt gives a
// meaning to, with and without the flags that change how structs print.
//
// %p is left out: given a struct value (a mistake go vet reports), fmt
// prints it raw with every method turned off, so no type can redact itself
// there; given a pointer it prints the address.
var Verbs = []string{
	"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "% x", "%d", "%o", "%O", "%b",
	"%e", "%f", "%g", "%t", "%c", "%U", "%10.3v", "%-8s", "%#q",
}

// Renderings returns v as fmt prints it with every verb of Verbs, as
// fmt.Sprint and fmt.Sprintln print it, as encoding/json marshals it
// (indented too), and as log/slog's text and JSON handlers log it as an
// attribute, inside a group and as a message argument. Keys name the way.
func Renderings(v any) map[string]string {
	out := map[string]string{}
	for _, verb := range Verbs {
		out["fmt "+verb] = fmt.Sprintf(verb, v)
	}
	out["fmt.Sprint"] = fmt.Sprint(v)
	out["fmt.Sprintln"] = fmt.Sprintln("x", v)
	out["fmt.Errorf"] = fmt.Errorf("wrapped %v: %w", v, fmt.Errorf("%+v", v)).Error()
	if b, err := json.Marshal(v); err != nil {
		out["json.Marshal"] = "error: " + err.Error()
	} else {
		out["json.Marshal"] = string(b)
	}
	if b, err := json.MarshalIndent(map[string]any{"v": v, "list": []any{v}}, "", " "); err != nil {
		out["json.MarshalIndent"] = "error: " + err.Error()
	} else {
		out["json.MarshalIndent"] = string(b)
	}
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"slog json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		logger := slog.New(h(&buf))
		logger.Info("attr", "v", v)
		logger.Info("any", slog.Any("v", v))
		logger.Info("group", slog.Group("g", slog.Any("v", v)))
		logger.With("with", v).Info("with")
		logger.Info(fmt.Sprintf("message %+v", v))
		out[name] = buf.String()
	}
	return out
}

// AssertHidden fails t for every rendering of v (see Renderings) that
// contains one of secrets, and returns the renderings for further checks.
func AssertHidden(t testing.TB, v any, secrets ...string) map[string]string {
	t.Helper()
	r := Renderings(v)
	for way, text := range r {
		for _, s := range secrets {
			if s != "" && strings.Contains(text, s) {
				t.Errorf("%T printed by %s shows secret %q:\n%s", v, way, s, text)
			}
		}
	}
	return r
}
