package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFields(t *testing.T) {
	f := Begin("pkg.T").Str("ID", "id", "a\"b\n<c>").Int("N", "n", -3).Bool("On", "on", true).
		Secret("Key", "key", "s3cret").Secret("Empty", "empty", "")
	assert.Equal(t, `pkg.T{ID: "a\"b\n<c>", N: -3, On: true, Key: [redacted], Empty: ""}`, f.String())

	var m map[string]any
	require.NoError(t, json.Unmarshal(f.JSON(), &m), string(f.JSON()))
	assert.Equal(t, map[string]any{"ID": "a\"b\n<c>", "N": -3.0, "On": true, "Key": "[redacted]", "Empty": ""}, m)

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "v", f.LogValue())
	assert.Contains(t, buf.String(), `"v":{"id":"a\"b\n<c>","n":-3,"on":true,"key":"[redacted]","empty":""}`)
	assert.NotContains(t, buf.String()+f.String()+string(f.JSON()), "s3cret")

	assert.Equal(t, "pkg.E{}", Begin("pkg.E").String())
	assert.Equal(t, "{}", string(Begin("pkg.E").JSON()))
	assert.Equal(t, "", Secret(""))
	assert.Equal(t, Mark, Secret("x"))
}

type formatted struct{}

func (formatted) Format(s fmt.State, _ rune) { Format(s, "T{}") }

func TestFormatIgnoresVerbAndFlags(t *testing.T) {
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10.2v", "%-20s"} {
		assert.Equal(t, "T{}", fmt.Sprintf(verb, formatted{}), verb)
	}
}
