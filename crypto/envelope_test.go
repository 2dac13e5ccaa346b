package crypto

import (
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xmlEnvelope decodes an envelope with encoding/xml, as the reference for
// ParseEnvelope.
type xmlEnvelope struct {
	XMLName    xml.Name `xml:"xml"`
	ToUserName string
	AgentID    string
	Encrypt    string
}

// checkAgainstXML asserts that encoding/xml, if it accepts body, agrees with
// the Envelope that ParseEnvelope returned for it.
func checkAgainstXML(t *testing.T, body []byte, env Envelope) {
	t.Helper()
	var ref xmlEnvelope
	if err := xml.Unmarshal(body, &ref); err != nil {
		return
	}
	assert.Equal(t, Envelope{ToUserName: ref.ToUserName, AgentID: ref.AgentID, Encrypt: ref.Encrypt}, env, "%q", body)
}

func TestParseEnvelope(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Envelope
	}{
		{"official sample", postBody, Envelope{sampleCorpID, "218", postEncrypt}},
		{"reply shape", postReply, Envelope{Encrypt: postEncrypt}},
		{"whitespace between elements",
			"\r\n <xml>\n\t<ToUserName><![CDATA[corp]]></ToUserName>\r\n\t<AgentID><![CDATA[1]]></AgentID>\n\t<Encrypt><![CDATA[abc=]]></Encrypt>\n</xml>\n",
			Envelope{"corp", "1", "abc="}},
		{"plain character data", "<xml><ToUserName>corp</ToUserName><AgentID>218</AgentID><Encrypt>abc=</Encrypt></xml>",
			Envelope{"corp", "218", "abc="}},
		{"no AgentID", "<xml><ToUserName>corp</ToUserName><Encrypt>abc</Encrypt></xml>", Envelope{"corp", "", "abc"}},
		{"empty AgentID", "<xml><ToUserName>corp</ToUserName><AgentID></AgentID><Encrypt>abc</Encrypt></xml>", Envelope{"corp", "", "abc"}},
		{"empty CDATA AgentID", "<xml><AgentID><![CDATA[]]></AgentID><Encrypt>abc</Encrypt></xml>", Envelope{"", "", "abc"}},
		{"self-closing AgentID", "<xml><AgentID/><Encrypt>abc</Encrypt></xml>", Envelope{"", "", "abc"}},
		{"Encrypt only", "<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>", Envelope{Encrypt: "abc"}},
		{"XML declaration", `<?xml version="1.0" encoding="UTF-8"?>` + "\n<xml><Encrypt>abc</Encrypt></xml>", Envelope{Encrypt: "abc"}},
		{"unknown elements", "<xml><MsgType>x</MsgType><Foo/><Encrypt>abc</Encrypt><Bar_1.x-y><![CDATA[<z>]]></Bar_1.x-y></xml>", Envelope{Encrypt: "abc"}},
		{"markup inside CDATA", "<xml><ToUserName><![CDATA[a<b>&amp;c]]></ToUserName><Encrypt>abc</Encrypt></xml>", Envelope{"a<b>&amp;c", "", "abc"}},
		{"spaces kept in value", "<xml><Encrypt> abc </Encrypt></xml>", Envelope{Encrypt: " abc "}},
		{"newline kept in value", "<xml><Encrypt>ab\ncd</Encrypt></xml>", Envelope{Encrypt: "ab\ncd"}},
		{"brackets in CDATA", "<xml><Encrypt><![CDATA[a]]]]></Encrypt></xml>", Envelope{Encrypt: "a]]"}},
		{"non-ASCII value", "<xml><ToUserName>企业</ToUserName><Encrypt>\tabc</Encrypt></xml>", Envelope{"企业", "", "\tabc"}},
		{"bare declaration", "<?xml?><xml><Encrypt>abc</Encrypt></xml>", Envelope{Encrypt: "abc"}},
		{"greater-than in text", "<xml><AgentID>a>b</AgentID><Encrypt>abc</Encrypt></xml>", Envelope{"", "a>b", "abc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := ParseEnvelope([]byte(tt.body))
			require.NoError(t, err)
			assert.Equal(t, tt.want, env)
			checkAgainstXML(t, []byte(tt.body), env)
		})
	}
}

func TestParseEnvelopeErrors(t *testing.T) {
	tests := []struct{ name, body string }{
		{"empty", ""},
		{"whitespace", " \n\t"},
		{"text", "hello"},
		{"JSON", `{"Encrypt":"abc"}`},
		{"other root", "<root><Encrypt>abc</Encrypt></root>"},
		{"uppercase root", "<XML><Encrypt>abc</Encrypt></XML>"},
		{"root attribute", `<xml a="1"><Encrypt>abc</Encrypt></xml>`},
		{"root namespace prefix", "<w:xml><Encrypt>abc</Encrypt></w:xml>"},
		{"unclosed root", "<xml><Encrypt>abc</Encrypt>"},
		{"truncated", "<xml><Encrypt>abc"},
		{"truncated CDATA", "<xml><Encrypt><![CDATA[abc]]"},
		{"truncated end tag", "<xml><Encrypt>abc</Encrypt"},
		{"no Encrypt", "<xml><ToUserName>corp</ToUserName></xml>"},
		{"empty Encrypt", "<xml><Encrypt></Encrypt></xml>"},
		{"empty CDATA Encrypt", "<xml><Encrypt><![CDATA[]]></Encrypt></xml>"},
		{"self-closing Encrypt", "<xml><Encrypt/></xml>"},
		{"duplicate Encrypt", "<xml><Encrypt>abc</Encrypt><Encrypt>def</Encrypt></xml>"},
		{"duplicate ToUserName", "<xml><ToUserName>a</ToUserName><ToUserName>b</ToUserName><Encrypt>abc</Encrypt></xml>"},
		{"nested Encrypt", "<xml><Foo><Encrypt>abc</Encrypt></Foo></xml>"},
		{"nested element in Encrypt", "<xml><Encrypt>a<b/>c</Encrypt></xml>"},
		{"mixed text and CDATA", "<xml><Encrypt><![CDATA[abc]]>def</Encrypt></xml>"},
		{"two CDATA sections", "<xml><Encrypt><![CDATA[abc]]><![CDATA[def]]></Encrypt></xml>"},
		{"comment", "<xml><!-- hi --><Encrypt>abc</Encrypt></xml>"},
		{"comment in value", "<xml><Encrypt>a<!-- hi -->bc</Encrypt></xml>"},
		{"processing instruction", "<xml><?pi x?><Encrypt>abc</Encrypt></xml>"},
		{"doctype", "<!DOCTYPE xml><xml><Encrypt>abc</Encrypt></xml>"},
		{"entity", "<xml><Encrypt>a&amp;b</Encrypt></xml>"},
		{"character reference", "<xml><Encrypt>&#65;bc</Encrypt></xml>"},
		{"CDATA end in text", "<xml><Encrypt>a]]>b</Encrypt></xml>"},
		{"carriage return in text", "<xml><Encrypt>ab\r\ncd</Encrypt></xml>"},
		{"carriage return in CDATA", "<xml><Encrypt><![CDATA[ab\rcd]]></Encrypt></xml>"},
		{"element attribute", `<xml><Encrypt a="1">abc</Encrypt></xml>`},
		{"space in start tag", "<xml><Encrypt >abc</Encrypt></xml>"},
		{"space in end tag", "<xml><Encrypt>abc</Encrypt ></xml>"},
		{"namespaced Encrypt", "<xml><x:Encrypt>abc</x:Encrypt></xml>"},
		{"mismatched end tag", "<xml><Encrypt>abc</Encrypted></xml>"},
		{"end tag prefix", "<xml><Encrypted>abc</Encrypt></xml>"},
		{"text in root", "<xml>junk<Encrypt>abc</Encrypt></xml>"},
		{"trailing data", "<xml><Encrypt>abc</Encrypt></xml>junk"},
		{"second root", "<xml><Encrypt>abc</Encrypt></xml><xml></xml>"},
		{"bad name start", "<xml><1Encrypt>abc</1Encrypt><Encrypt>abc</Encrypt></xml>"},
		{"unterminated declaration", "<?xml version='1.0'<xml><Encrypt>abc</Encrypt></xml>"},
		{"not a declaration", "<?xml-stylesheet href='a'?><xml><Encrypt>abc</Encrypt></xml>"},
		{"byte order mark", "\ufeff<xml><Encrypt>abc</Encrypt></xml>"},
		{"Encrypt tag in an earlier CDATA", "<xml><ToUserName><![CDATA[<Encrypt>x</Encrypt>]]></ToUserName><Encrypt>abc</Encrypt></xml>"},
		{"Encrypt tag in a later CDATA", "<xml><Encrypt>abc</Encrypt><AgentID><![CDATA[<Encrypt>]]></AgentID></xml>"},
		{"Encrypt tag in its own CDATA", "<xml><Encrypt><![CDATA[abc<Encrypt>]]></Encrypt></xml>"},
		{"Encrypt in a comment", "<xml><!-- <Encrypt>x</Encrypt> --><Encrypt>abc</Encrypt></xml>"},
		{"Encrypt after the root", "<xml><ToUserName>a</ToUserName></xml><Encrypt>abc</Encrypt>"},
		{"Encrypt in a nested element", "<xml><A><Encrypt>abc</Encrypt></A></xml>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := ParseEnvelope([]byte(tt.body))
			require.ErrorIs(t, err, ErrEnvelope)
			assert.Zero(t, env)
			assert.NotContains(t, err.Error(), "abc")
		})
	}
}
