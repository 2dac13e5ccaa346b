package message

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// referenceHeader decodes doc with encoding/xml into the header fields the
// scanner must reproduce.
func referenceHeader(doc []byte) (Message, error) {
	var m Message
	err := xmlHeader(&m, doc)
	return m, err
}

// headerOf returns the fields of m that parsing fills.
func headerOf(m Message) Message {
	return Message{
		MsgType: m.MsgType, Event: m.Event, ChangeType: m.ChangeType, InfoType: m.InfoType,
		ToUserName: m.ToUserName, FromUserName: m.FromUserName, SuiteID: m.SuiteID, AuthCorpID: m.AuthCorpID,
		MsgID: m.MsgID, AgentID: m.AgentID, CreateTime: m.CreateTime, content: m.content,
	}
}

func TestScanHeader(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		fast bool // the scanner decides (no fallback to encoding/xml)
		ok   bool // the document parses
		want Message
	}{
		{
			name: "official sample", doc: samplePostMsg, fast: true, ok: true,
			want: Message{ToUserName: sampleCorpID, FromUserName: "mycreate", CreateTime: 1409659813, MsgType: "text",
				content: "hello", MsgID: "4561255354251345929", AgentID: 218},
		},
		{
			name: "whitespace and plain text", doc: "\n<xml>\n\t<MsgType>event</MsgType>\n\t<Event>LOCATION</Event>\n\t<AgentID> 7 </AgentID>\n</xml>\n",
			fast: true, ok: true, want: Message{MsgType: "event", Event: "LOCATION", AgentID: 7},
		},
		{
			name: "references", doc: "<xml><Content>&lt;a href=&quot;x&quot;&gt; &amp; &apos;&#x4e2d;&#25991;</Content></xml>",
			fast: true, ok: true, want: Message{content: `<a href="x"> & '中文`},
		},
		{
			name: "carriage returns", doc: "<xml><Content>a\r\nb\rc&#13;\n<![CDATA[\r\n]]></Content></xml>",
			fast: true, ok: true, want: Message{content: "a\nb\nc\r\n\n"},
		},
		{
			name: "mixed content", doc: "<xml><Content>a<![CDATA[<b>]]>c<x>ignored<y/></x>d</Content></xml>",
			fast: true, ok: true, want: Message{content: "a<b>cd"},
		},
		{
			name: "self-closing and empty", doc: "<xml><Content/><MsgType></MsgType><AgentID><![CDATA[]]></AgentID></xml>",
			fast: true, ok: true, want: Message{},
		},
		{
			name: "last occurrence wins", doc: "<xml><MsgType>a</MsgType><MsgType>b</MsgType></xml>",
			fast: true, ok: true, want: Message{MsgType: "b"},
		},
		{
			name: "last occurrence wins over a decoded one", doc: "<xml><MsgType>a&amp;b</MsgType><Event>c</Event><MsgType>x</MsgType></xml>",
			fast: true, ok: true, want: Message{MsgType: "x", Event: "c"},
		},
		{
			name: "decoded last occurrence wins", doc: "<xml><MsgType>x</MsgType><Event>c</Event><MsgType>a&amp;b</MsgType><Content>y</Content></xml>",
			fast: true, ok: true, want: Message{MsgType: "a&b", Event: "c", content: "y"},
		},
		{
			name: "nested header names are not header fields",
			doc:  "<xml><MsgType>event</MsgType><ApprovalInfo><MsgType>x</MsgType><Event>y</Event></ApprovalInfo></xml>",
			fast: true, ok: true, want: Message{MsgType: "event"},
		},
		{
			name: "instruction with TimeStamp", doc: "<xml><SuiteId><![CDATA[s]]></SuiteId><InfoType>suite_ticket</InfoType><TimeStamp>42</TimeStamp><AuthCorpId>c</AuthCorpId></xml>",
			fast: true, ok: true, want: Message{SuiteID: "s", InfoType: "suite_ticket", CreateTime: 42, AuthCorpID: "c"},
		},
		{
			name: "AgentID wins over AgentId", doc: "<xml><AgentId>1</AgentId><AgentID>2</AgentID></xml>",
			fast: true, ok: true, want: Message{AgentID: 2},
		},
		{
			name: "AgentId alone", doc: "<xml><AgentId>1</AgentId></xml>",
			fast: true, ok: true, want: Message{AgentID: 1},
		},

		// Outside the subset: encoding/xml decides.
		{name: "declaration", doc: `<?xml version="1.0" encoding="UTF-8"?><xml><MsgType>text</MsgType></xml>`, ok: true, want: Message{MsgType: "text"}},
		{name: "comment", doc: "<xml><!-- c --><MsgType>text</MsgType></xml>", ok: true, want: Message{MsgType: "text"}},
		{name: "attribute", doc: `<xml><MsgType a="1">text</MsgType></xml>`, ok: true, want: Message{MsgType: "text"}},
		{name: "other root", doc: "<root><MsgType>text</MsgType></root>", ok: true, want: Message{MsgType: "text"}},
		{name: "trailing data", doc: "<xml><MsgType>text</MsgType></xml>junk", ok: true, want: Message{MsgType: "text"}},
		{name: "text between children", doc: "<xml>junk<MsgType>text</MsgType></xml>", ok: true, want: Message{MsgType: "text"}},
		{name: "space in end tag", doc: "<xml><MsgType>text</MsgType ></xml>", ok: true, want: Message{MsgType: "text"}},

		// Malformed: rejected.
		{name: "empty", doc: ""},
		{name: "not XML", doc: "hello"},
		{name: "unclosed root", doc: "<xml><MsgType>text</MsgType>"},
		{name: "unclosed element", doc: "<xml><MsgType>text</xml>"},
		{name: "mismatched tags", doc: "<xml><MsgType>text</Event></xml>"},
		{name: "unterminated CDATA", doc: "<xml><MsgType><![CDATA[text</MsgType></xml>"},
		{name: "bad integer", doc: "<xml><CreateTime>soon</CreateTime></xml>"},
		{name: "blank integer", doc: "<xml><CreateTime> </CreateTime></xml>"},
		{name: "unknown entity", doc: "<xml><MsgType>&nbsp;</MsgType></xml>"},
		{name: "bare ampersand", doc: "<xml><MsgType>a & b</MsgType></xml>"},
		{name: "NUL reference", doc: "<xml><MsgType>&#0;</MsgType></xml>"},
		{name: "invalid UTF-8", doc: "<xml><MsgType>\xff</MsgType></xml>"},
		{name: "control character", doc: "<xml><MsgType>\x01</MsgType></xml>"},
		{name: "CDATA end in text", doc: "<xml><MsgType>a]]>b</MsgType></xml>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := []byte(tt.doc)
			var scanned Message
			scanErr := scanHeader(&scanned, doc)
			assert.Equal(t, tt.fast, scanErr == nil, "scanner decided: %v", scanErr)

			ref, refErr := referenceHeader(doc)
			m, err := Parse(doc)
			if !tt.ok {
				require.ErrorIs(t, err, ErrParse)
				require.Error(t, refErr)
				return
			}
			require.NoError(t, err)
			require.NoError(t, refErr)
			assert.Equal(t, tt.want, headerOf(*m))
			assert.Equal(t, tt.want, headerOf(ref))
		})
	}
}

func TestMessageDecode(t *testing.T) {
	m, err := Parse([]byte(samplePostMsg))
	require.NoError(t, err)
	assert.Equal(t, Kind{MsgType: "text"}, m.Kind())
	assert.False(t, m.IsInstruction())

	var text Text
	require.NoError(t, m.Decode(&text))
	assert.Equal(t, Text{Content: "hello", MsgID: "4561255354251345929"}, text)

	// Any struct decodes through encoding/xml.
	var custom struct {
		XMLName xml.Name `xml:"xml"`
		Content string   `xml:"Content"`
		AgentID int      `xml:"AgentID"`
	}
	require.NoError(t, m.Decode(&custom))
	assert.Equal(t, "hello", custom.Content)
	assert.Equal(t, 218, custom.AgentID)

	var wrong struct {
		XMLName xml.Name `xml:"other"`
	}
	assert.ErrorIs(t, m.Decode(&wrong), ErrParse)
	var bad struct {
		Content int `xml:"Content"`
	}
	assert.ErrorIs(t, m.Decode(&bad), ErrParse)
}

// referenceCDATA is scanCDATA written plainly: the section ends at the
// first "]]>", its characters must be XML characters, and it needs
// decoding if it holds a carriage return.
func referenceCDATA(b []byte, i int) (end int, decode, ok bool) {
	n := bytes.Index(b[i:], []byte("]]>"))
	if n < 0 {
		return 0, false, false
	}
	content := b[i : i+n]
	for len(content) > 0 {
		r, size := utf8.DecodeRune(content)
		if r == utf8.RuneError && size == 1 || !isInCharacterRange(r) {
			return 0, false, false
		}
		decode = decode || r == '\r'
		content = content[size:]
	}
	return i + n, decode, true
}

func TestScanCDATAMatchesReference(t *testing.T) {
	base := strings.Repeat("ZA4HuQypHxnRrA+A6SOHGPpA4BXk/=", 3) // long enough for the fast path
	inserts := []string{"", "\x00", "\x01", "\x1f", "\t", "\n", "\r", "\r\n", "\x7f", "é", "\xff", "\xc3", "]", "]]", "]>", "<", "&", "\ufffe"}
	for _, ins := range inserts {
		for pos := 0; pos <= len(base); pos += 3 {
			for _, tail := range []string{"]]></Encrypt>", "]]>", "]]", ""} {
				doc := []byte("<![CDATA[" + base[:pos] + ins + base[pos:] + tail)
				gotEnd, gotDecode, gotOK := scanCDATA(doc, len("<![CDATA["))
				wantEnd, wantDecode, wantOK := referenceCDATA(doc, len("<![CDATA["))
				require.Equal(t, wantOK, gotOK, "%q", doc)
				if wantOK {
					require.Equal(t, wantEnd, gotEnd, "%q", doc)
					require.Equal(t, wantDecode, gotDecode, "%q", doc)
				}
			}
		}
	}
}

func TestPrintableASCII(t *testing.T) {
	for n := 0; n <= 40; n++ {
		p := bytes.Repeat([]byte{'a'}, n)
		assert.True(t, printableASCII(p), "len %d", n)
		for pos := 0; pos < n; pos++ {
			for _, c := range []byte{0x00, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff} {
				q := bytes.Clone(p)
				q[pos] = c
				assert.Equal(t, c >= 0x20 && c < 0x80, printableASCII(q), "len %d, %#x at %d", n, c, pos)
			}
		}
	}
}
