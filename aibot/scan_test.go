package aibot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowParse decodes with encoding/json only, the reference of scanMessage.
func slowParse(t testing.TB, doc []byte) (*Message, error) {
	t.Helper()
	m := &Message{Raw: doc}
	type fields Message
	w := struct {
		*fields
		CreateTime looseInt `json:"create_time"`
	}{fields: (*fields)(m)}
	err := lenient(json.Unmarshal(doc, &w))
	m.CreateTime = int64(w.CreateTime)
	return m, err
}

var scanSeeds = []string{
	sampleText, sampleImage, sampleMixed, sampleVoice, sampleFile, sampleEnterChat, sampleCardEvent, sampleFeedback,
	refreshOf("S1", "M1"),
	`{"msgid":"a\"b\\c\/d\u00e9\ud83d\ude00","msgtype":"text","text":{"content":"line\nbreak\ttab"}}`,
	`{"msgid":1,"chattype":{"x":[1,2,{"y":"}"}]},"from":[],"quote":null,"create_time":"12"}`,
	`{"mixed":{"msg_item":[{"msgtype":"image","image":{"url":"U"}},5,{"msgtype":"text"}]}}`,
	`{"stream":{"id":"S","extra":true}, "msgtype" : "stream" }`,
	`{}`,
}

func TestScanMessageMatchesEncodingJSON(t *testing.T) {
	var m Message
	require.True(t, scanMessage(&m, []byte(`{"msgtype":"text","text":"not an object"}`)))
	assert.Nil(t, m.Text, "a payload of the wrong type is left out")
	for _, doc := range scanSeeds {
		want, err := slowParse(t, []byte(doc))
		require.NoError(t, err, doc)
		var got Message
		got.Raw = []byte(doc)
		require.True(t, scanMessage(&got, []byte(doc)), doc)
		assert.Equal(t, want, &got, doc)
	}
}

func TestScanRejectsMalformed(t *testing.T) {
	for _, doc := range []string{``, `{`, `{"msgid":"x"`, `{"msgid":"x",}x`, `{"msgid" "x"}`, `{"a":[}`, `{} extra`, `{"a":tru e}`} {
		var m Message
		assert.False(t, scanMessage(&m, []byte(doc)), doc)
		_, err := parseMessage([]byte(doc))
		if strings.TrimSpace(doc) != "" && doc[0] == '{' {
			assert.ErrorIs(t, err, ErrParse, doc)
		}
	}
}

func TestEncryptField(t *testing.T) {
	for doc, want := range map[string]string{
		`{"encrypt":"abc+/="}`:                                "abc+/=",
		` { "other": {"encrypt":"no"}, "encrypt" : "a\/b" } `: "a/b",
	} {
		got, ok := encryptField([]byte(doc))
		require.True(t, ok, doc)
		assert.Equal(t, want, string(got))
	}
	for _, doc := range []string{`{}`, `{"encrypt":""}`, `{"encrypt":1}`, `["encrypt"]`, `{"encrypt":"x"`, `<xml/>`} {
		_, ok := encryptField([]byte(doc))
		assert.False(t, ok, doc)
	}
}

// FuzzScanMessage checks scanMessage against encoding/json: on any document
// both accept, they decode the same message.
func FuzzScanMessage(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		var got Message
		got.Raw = []byte(doc)
		ok := scanMessage(&got, []byte(doc))
		want, _ := slowParse(t, []byte(doc))
		var strict struct{ Message }
		err := json.Unmarshal([]byte(doc), &strict) // type errors too: the scanner leaves such payloads nil
		if !ok || err != nil || !json.Valid([]byte(doc)) || strings.Contains(strings.ToLower(doc), `"event"`) {
			return
		}
		if strings.ContainsFunc(doc, func(r rune) bool { return r < 0x20 || r >= 0x80 || ('A' <= r && r <= 'Z') }) {
			// Control characters and invalid UTF-8, which encoding/json
			// rewrites or rejects; keys in another case, which it matches
			// and the scanner, reading WeCom's lower-case keys, does not.
			return
		}
		assert.Equal(t, want, &got)
	})
}
