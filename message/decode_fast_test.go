package message

import (
	"encoding/xml"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Flat structs of every shape the fast path fills.
type (
	probeString string
	probeInt    int16

	probeScalars struct {
		XMLName      xml.Name `xml:"xml"`
		MsgType      string
		Content      string `xml:"Content"`
		Event        string `xml:"Event,omitempty"`
		FromUserName probeString
		Int          int      `xml:"I"`
		Int8         int8     `xml:"I8"`
		Int16        probeInt `xml:"I16"`
		Int32        int32    `xml:"I32"`
		Int64        int64    `xml:"CreateTime"`
		Uint         uint     `xml:"U"`
		Uint8        uint8    `xml:"U8"`
		Uint16       uint16   `xml:"U16"`
		Uint32       uint32   `xml:"U32"`
		Uintptr      uintptr  `xml:"UP"`
		Float32      float32  `xml:"F32"`
		Float64      float64  `xml:"F"`
		Bool         bool     `xml:"B"`
		Unknown      string   `xml:"Unk,omitempty"`
		Skipped      string   `xml:"-"`
		unexported   string
	}

	probeSlices struct {
		Strings []string      `xml:"S"`
		Ints    []int16       `xml:"I"`
		Uints   []uint8Alias  `xml:"U"`
		Floats  []float64     `xml:"F"`
		Bools   []bool        `xml:"B"`
		Names   []probeString `xml:"MsgType"`
		Content string
	}
	uint8Alias uint16

	// probeEmbedded has embedded structs, whose fields encoding/xml
	// flattens; its own MsgID hides theirs.
	probeEmbedded struct {
		EmbeddedA
		MsgID int64 `xml:"MsgId"`
	}
	EmbeddedA struct {
		EmbeddedB
		Title string
		MsgId string // named as the element it fills
	}
	EmbeddedB struct {
		Content string
		Title   []string
		I       int `xml:"I"`
	}

	// probeOtherRoot has an XMLName of another type: encoding/xml leaves
	// it alone.
	probeOtherRoot struct {
		XMLName string `xml:"xml"`
		Content string
	}
)

// Structs the fast path leaves to encoding/xml, each for one reason.
type (
	slowNested struct {
		Content string
		Inner   struct{ A string }
	}
	slowPath struct {
		A string `xml:"Content>A"`
	}
	slowAttr struct {
		A string `xml:"a,attr"`
	}
	slowCharData struct {
		Text string `xml:",chardata"`
	}
	slowInnerXML struct {
		Inner string `xml:",innerxml"`
	}
	slowAny struct {
		Any string `xml:",any"`
	}
	slowComment struct {
		C string `xml:",comment"`
	}
	slowNamespace struct {
		A string `xml:"urn:x Content"`
	}
	slowEmbeddedPointer struct {
		*Image
	}
	slowEmbeddedConflict struct {
		EmbeddedB
		EmbeddedC
	}
	EmbeddedC struct {
		Content string
	}
	slowConflict struct {
		A       string `xml:"Content"`
		Content string
	}
	slowRoot struct {
		XMLName xml.Name `xml:"root"`
	}
	slowList struct {
		Items List `xml:"Content"`
	}
	slowBytes struct {
		Raw []byte `xml:"Content"`
	}
	slowPointer struct {
		P *string `xml:"Content"`
	}
	slowMap struct {
		M map[string]string `xml:"Content"`
	}
	slowInterface struct {
		I any `xml:"Content"`
	}
	slowText struct {
		T textValue `xml:"Content"`
	}
	slowStructs struct {
		Items []struct{ A string } `xml:"Content"`
	}
)

type textValue struct{ s string }

func (t *textValue) UnmarshalText(b []byte) error { t.s = string(b); return nil }

func TestDecodeFastPlans(t *testing.T) {
	for _, v := range []any{probeScalars{}, probeSlices{}, probeEmbedded{}, probeOtherRoot{}, userText{}, Image{}, Location{}, Link{}, ModifyCalendar{}, OpenOrder{}} {
		assert.NotNil(t, planFor(reflect.TypeOf(v)), "%T takes the fast path", v)
	}
	for _, v := range []any{
		slowNested{}, slowPath{}, slowAttr{}, slowCharData{}, slowInnerXML{}, slowAny{}, slowComment{},
		slowNamespace{}, slowEmbeddedPointer{}, slowEmbeddedConflict{}, slowConflict{}, slowRoot{}, slowList{}, slowBytes{}, slowPointer{},
		slowMap{}, slowInterface{}, slowText{}, slowStructs{}, TaskcardClick{}, CreateUser{}, "", 0,
	} {
		assert.Nil(t, planFor(reflect.TypeOf(v)), "%T is left to encoding/xml", v)
	}
}

// probeTypes are decoded from every document by the tests below.
var probeTypes = []any{
	probeScalars{}, probeSlices{}, probeEmbedded{}, probeOtherRoot{}, userText{},
	slowNested{}, slowPath{}, slowAttr{}, slowCharData{}, slowInnerXML{}, slowAny{}, slowComment{},
	slowNamespace{}, slowEmbeddedPointer{}, slowEmbeddedConflict{}, slowConflict{}, slowRoot{}, slowList{}, slowBytes{}, slowPointer{},
	slowMap{}, slowInterface{}, slowText{}, slowStructs{},
}

// compareDecode decodes doc, parsed into m, into a new value of typ with
// Message.Decode and with encoding/xml, both starting from a copy of
// start, and fails unless the values and the errors are the same.
func compareDecode(t *testing.T, m *Message, doc []byte, typ reflect.Type, start reflect.Value) {
	t.Helper()
	fast := reflect.New(typ)
	slow := reflect.New(typ)
	if start.IsValid() {
		fast.Elem().Set(start)
		slow.Elem().Set(start)
	}
	ferr := m.Decode(fast.Interface())
	serr := xml.Unmarshal(doc, slow.Interface())
	if serr != nil {
		serr = fmt.Errorf("%w: decoding %T: %s", ErrParse, slow.Interface(), xmlDetail(serr))
	}
	if fmt.Sprint(ferr) != fmt.Sprint(serr) {
		t.Fatalf("%v from %q: Decode error %v, encoding/xml %v", typ, doc, ferr, serr)
	}
	if !reflect.DeepEqual(fast.Elem().Interface(), slow.Elem().Interface()) &&
		fmt.Sprintf("%#v", fast.Elem()) != fmt.Sprintf("%#v", slow.Elem()) { // NaN
		t.Fatalf("%v from %q:\nDecode       %#v\nencoding/xml %#v", typ, doc, fast.Elem(), slow.Elem())
	}
}

func TestDecodeFastMatchesEncodingXML(t *testing.T) {
	// Every payload type of the catalogue, and the probes, decoded from
	// every sample document: the payload's own and all the others.
	var docs [][]byte
	var types []reflect.Type
	for _, tc := range payloadCases(t) {
		docs = append(docs, []byte(tc.xml))
		types = append(types, reflect.TypeOf(tc.want))
	}
	for _, name := range testdataXML(t) {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		docs = append(docs, b)
	}
	for _, s := range append(fuzzSeeds, decodeFastSeeds...) {
		docs = append(docs, []byte(s))
	}
	for _, p := range probeTypes {
		types = append(types, reflect.TypeOf(p))
	}
	fast := 0
	for _, doc := range docs {
		m, err := Parse(doc)
		if err != nil {
			continue
		}
		for _, typ := range types {
			if m.subset && planFor(typ) != nil {
				fast++
			}
			compareDecode(t, m, doc, typ, reflect.Value{})
		}
	}
	assert.Greater(t, fast, len(docs)*len(probeTypes)/10, "the fast path is exercised")

	// Values already in the struct stay unless an element replaces them;
	// slices grow.
	doc := []byte("<xml><Content>new</Content><S>c</S><I>7</I></xml>")
	m, err := Parse(doc)
	require.NoError(t, err)
	compareDecode(t, m, doc, reflect.TypeFor[probeSlices](), reflect.ValueOf(probeSlices{
		Strings: []string{"a", "b"}, Ints: []int16{1}, Floats: []float64{2}, Content: "old",
	}))
	compareDecode(t, m, doc, reflect.TypeFor[probeScalars](), reflect.ValueOf(probeScalars{
		MsgType: "kept", Content: "old", Int: 5, Skipped: "kept", unexported: "kept",
	}))
}

// decodeFastSeeds exercise the conversions of the fast path.
var decodeFastSeeds = []string{
	"<xml><I>12</I><I8>-128</I8><I16> 7 </I16><I32>+5</I32><CreateTime>9223372036854775807</CreateTime>" +
		"<U>18446744073709551615</U><U8>255</U8><U16>0</U16><U32>4294967295</U32><UP>1</UP>" +
		"<F32>1.5e3</F32><F> -0.25 </F><B> true </B><MsgType>text</MsgType><FromUserName>u</FromUserName></xml>",
	"<xml><I8>128</I8></xml>",
	"<xml><U8>256</U8></xml>",
	"<xml><U>-1</U></xml>",
	"<xml><I>1<![CDATA[2]]>3</I><F>NaN</F><B>1</B></xml>",
	"<xml><B>yes</B></xml>",
	"<xml><I></I><U/><F32></F32><B/><CreateTime/></xml>",
	"<xml><I>123456789012345678901</I></xml>",
	"<xml><S>a</S><S/><S><![CDATA[b]]></S><I>1</I><I>x</I><I>3</I></xml>",
	"<xml><I>1</I><I>2</I><U>3</U><F>4</F><B>false</B><MsgType>a</MsgType><MsgType>b</MsgType></xml>",
	"<xml><Content>a&amp;b&#x4e2d;\r\n<x>nested</x></Content><S>&lt;</S></xml>",
	"<xml><MsgType>text</MsgType><Content>x</Content><Content>y</Content></xml>",
	"<xml><I16>40000</I16></xml>",
	"<xml><F32>1e40</F32></xml>",
	"<xml><Title>t</Title><Title>u</Title><MsgId>12</MsgId><Content>c</Content><I>3</I></xml>",
	"<xml><Title>t</Title><MsgId>x</MsgId><Content>c</Content></xml>",
}

// FuzzDecodeFast is the differential test of the fast path of Decode
// against encoding/xml, over every probe type (and so every kind and
// every reason to fall back) and the payloads with nested shapes.
func FuzzDecodeFast(f *testing.F) {
	for _, s := range append(fuzzSeeds, decodeFastSeeds...) {
		f.Add([]byte(s))
	}
	for _, name := range testdataXML(f) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	var types []reflect.Type
	for _, p := range probeTypes {
		types = append(types, reflect.TypeOf(p))
	}
	for _, p := range []any{Text{}, Image{}, Location{}, Link{}, CreateUser{}, TaskcardClick{}, SysApprovalChange{}} {
		types = append(types, reflect.TypeOf(p))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		m, err := Parse(doc)
		if err != nil {
			return
		}
		for _, typ := range types {
			compareDecode(t, m, doc, typ, reflect.Value{})
		}
	})
}

func TestDecodeFastAllocations(t *testing.T) {
	// A user's flat struct is filled from the scanner: the header's
	// strings are shared, and no parser state is allocated (encoding/xml
	// took 71 allocations for the same struct).
	m, err := Parse([]byte(samplePostMsg))
	require.NoError(t, err)
	var v userText
	allocs := testing.AllocsPerRun(100, func() {
		v = userText{}
		if err := m.Decode(&v); err != nil {
			t.Fatal(err)
		}
	})
	assert.Equal(t, userText{
		ToUserName: sampleCorpID, FromUserName: "mycreate", CreateTime: 1409659813, MsgType: "text",
		Content: "hello", MsgID: "4561255354251345929", AgentID: 218,
	}, v)
	assert.LessOrEqual(t, allocs, 1.0)
}

func TestDecodeFastReplacedRaw(t *testing.T) {
	// Handlers must not change Raw; if one replaces it anyway, Decode
	// reads the new document, with encoding/xml when the scanner cannot.
	m, err := Parse([]byte(samplePostMsg))
	require.NoError(t, err)
	m.Raw = []byte(`<?xml version="1.0"?><xml><Content>other</Content></xml>`)
	var v userText
	require.NoError(t, m.Decode(&v))
	assert.Equal(t, userText{Content: "other"}, v)

	m.Raw = []byte("<xml><Content>cut")
	assert.ErrorIs(t, m.Decode(&v), ErrParse)
}
