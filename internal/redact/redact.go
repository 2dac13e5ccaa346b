// Package redact renders configuration and client types without their
// secrets, for their String, Format, GoString, LogValue and MarshalJSON
// methods: one rendering for every fmt verb, so that no verb (%v, %+v, %#v,
// %s, %q, %x, %d, ...) can print a secret field the way fmt would print a
// plain struct.
package redact

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// Mark replaces a secret that is set. An empty secret shows as "", so that
// a missing secret can still be told from a present one.
const Mark = "[redacted]"

// Secret returns Mark for a non-empty secret and "" for an empty one.
func Secret(s string) string {
	if s == "" {
		return ""
	}
	return Mark
}

// Fields describes a value as Type{Name: value, ...} and, in parallel, as
// slog attributes and JSON object members. The zero value is not usable;
// start with Begin.
type Fields struct {
	text  strings.Builder
	json  []byte
	attrs []slog.Attr
	n     int
}

// Begin starts the description of a value of the named type, such as
// "work.Config".
func Begin(typeName string) *Fields {
	f := &Fields{json: []byte{'{'}}
	f.text.WriteString(typeName)
	f.text.WriteByte('{')
	return f
}

func (f *Fields) sep(name string) {
	if f.n > 0 {
		f.text.WriteString(", ")
		f.json = append(f.json, ',')
	}
	f.n++
	f.text.WriteString(name)
	f.text.WriteString(": ")
	f.json = appendJSONString(f.json, name)
	f.json = append(f.json, ':')
}

// Str adds a string field shown as it is (quoted). name is the Go field
// name (text and JSON, as encoding/json names an untagged field), key the
// snake_case name of the slog attribute.
func (f *Fields) Str(name, key, v string) *Fields {
	f.sep(name)
	f.text.WriteString(strconv.Quote(v))
	f.json = appendJSONString(f.json, v)
	f.attrs = append(f.attrs, slog.String(key, v))
	return f
}

// Int adds an integer field.
func (f *Fields) Int(name, key string, v int64) *Fields {
	f.sep(name)
	f.text.WriteString(strconv.FormatInt(v, 10))
	f.json = strconv.AppendInt(f.json, v, 10)
	f.attrs = append(f.attrs, slog.Int64(key, v))
	return f
}

// Bool adds a boolean field.
func (f *Fields) Bool(name, key string, v bool) *Fields {
	f.sep(name)
	f.text.WriteString(strconv.FormatBool(v))
	f.json = strconv.AppendBool(f.json, v)
	f.attrs = append(f.attrs, slog.Bool(key, v))
	return f
}

// Secret adds a secret field: Mark when set, "" when empty.
func (f *Fields) Secret(name, key, v string) *Fields {
	f.sep(name)
	if v == "" {
		f.text.WriteString(`""`)
	} else {
		f.text.WriteString(Mark)
	}
	f.json = appendJSONString(f.json, Secret(v))
	f.attrs = append(f.attrs, slog.String(key, Secret(v)))
	return f
}

// String returns the text form, Type{Name: value, ...}.
func (f *Fields) String() string { return f.text.String() + "}" }

// LogValue returns the fields as a slog group.
func (f *Fields) LogValue() slog.Value { return slog.GroupValue(f.attrs...) }

// JSON returns the fields as a JSON object keyed by the Go field names.
func (f *Fields) JSON() []byte { return append(f.json, '}') }

// Format writes text for every verb and flag: a value that describes
// itself with Fields prints the same redacted text whatever the format.
func Format(s fmt.State, text string) {
	_, _ = io.WriteString(s, text)
}

// appendJSONString appends v as a JSON string.
func appendJSONString(b []byte, v string) []byte {
	q, _ := json.Marshal(v) // a string always marshals
	return append(b, q...)
}
