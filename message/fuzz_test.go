package message

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wecomkit/wecom/crypto"
)

// fuzzSeeds are documents that exercise the scanner's paths.
var fuzzSeeds = []string{
	samplePostMsg,
	samplePostBody,
	taskcardClickXML,
	"<xml><Content>&lt;a&gt;&#x4e2d;&#25991;&amp;&apos;&quot;</Content><CreateTime> 12 </CreateTime></xml>",
	"<xml><Content>a\r\nb\rc&#13;\n<![CDATA[\r\n]]></Content></xml>",
	"<xml><Content>a<![CDATA[<b>]]>c<x>ignored<y/></x>d</Content><MsgType/></xml>",
	"<xml><MsgType>a</MsgType><MsgType>b</MsgType><AgentId>1</AgentId><AgentID>2</AgentID></xml>",
	"<xml><ApprovalInfo><MsgType>x</MsgType><Items><Item><![CDATA[y]]></Item></Items></ApprovalInfo></xml>",
	`<?xml version="1.0"?><xml><MsgType a="1">text</MsgType><!-- c --></xml>`,
	"<xml><MsgType>a]]>b</MsgType><Event>&#0;</Event></xml>",
	"<xml><CreateTime>soon</CreateTime><TimeStamp>1</TimeStamp></xml>",
}

// FuzzParseHeader is the differential test of the scanner against
// encoding/xml: whenever the scanner reads a document, encoding/xml must
// read it too and agree on every header field and on the Text payload; and
// Parse, with its fallback, must accept
// exactly the documents encoding/xml accepts. Typed payloads must decode or
// fail, never panic.
func FuzzParseHeader(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, name := range testdataXML(f) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		ref, refErr := referenceHeader(doc)

		var scanned Message
		if err := scanHeader(&scanned, doc); err == nil {
			if refErr != nil {
				t.Fatalf("scanner read a document encoding/xml rejects (%v): %q", refErr, doc)
			}
			if got, want := headerOf(scanned), headerOf(ref); !reflect.DeepEqual(got, want) {
				t.Fatalf("scanner and encoding/xml disagree on %q:\n got %+v\nwant %+v", doc, got, want)
			}
		}

		m, err := Parse(doc)
		if (err == nil) != (refErr == nil) {
			t.Fatalf("Parse error %v, encoding/xml error %v, for %q", err, refErr, doc)
		}
		if err != nil {
			return
		}
		if got, want := headerOf(*m), headerOf(ref); !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse and encoding/xml disagree on %q:\n got %+v\nwant %+v", doc, got, want)
		}

		var fast, slow Text
		if err := m.Decode(&fast); err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(doc, &slow); err != nil {
			t.Fatalf("encoding/xml cannot decode Text from a document it parsed: %v", err)
		}
		if fast != slow {
			t.Fatalf("Text: fast %+v, encoding/xml %+v", fast, slow)
		}

		for _, p := range payloadPrototypes {
			v := reflect.New(reflect.TypeOf(p)).Interface()
			_ = m.Decode(v)
		}
	})
}

// payloadPrototypes holds a value of payload types with nested or custom
// decoding, decoded from every fuzzed document.
var payloadPrototypes = []Payload{
	CreateUser{}, UpdateTag{}, SysApprovalChange{}, OpenApprovalChange{}, TaskcardClick{},
	TemplateCardEvent{}, SuiteContactChange{}, AutoActivate{}, RegisterCorp{}, PicWeixin{},
}

// testdataXML lists the sample documents of testdata/.
func testdataXML(tb testing.TB) []string {
	names, err := filepath.Glob(filepath.Join("testdata", "*.xml"))
	if err != nil {
		tb.Fatal(err)
	}
	return names
}

// FuzzServeCallback sends arbitrary decrypted documents through a Server
// whose router has a typed handler for every payload: the server must
// answer 200 or 400 (the handlers never fail), never panic, and a document
// it rejects must not reach a handler.
func FuzzServeCallback(f *testing.F) {
	cases := payloadCases(f)
	for _, tc := range cases {
		f.Add([]byte(tc.xml))
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, doc := range adversarialDocuments() {
		if len(doc) < 1024 {
			f.Add([]byte(doc))
		}
	}
	c := newCrypt(f, sampleCorpID)
	r := NewRouter()
	var got any
	for _, tc := range cases {
		tc.register(r, &got)
	}
	reached := false
	r.Use(func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) (Reply, error) {
			reached = true
			return next.ServeMessage(ctx, m)
		})
	})
	s := NewServer(c, r, WithDedup(nil, 0)) // seeds repeat MsgIds; every one must be parsed
	f.Fuzz(func(t *testing.T, doc []byte) {
		reached = false
		enc, err := c.Encrypt(doc)
		if err != nil {
			t.Fatal(err)
		}
		w := post(s, signedCallback(enc))
		switch w.Code {
		case http.StatusOK:
			if !reached {
				t.Fatalf("200 without reaching the router for %q", doc)
			}
		case http.StatusBadRequest:
			if _, err := Parse(doc); err == nil && !reached {
				t.Fatalf("400 for a document that parses, without reaching the router: %q", doc)
			}
		default:
			t.Fatalf("status %d for %q", w.Code, doc)
		}
	})
}

// FuzzCallbackQuery checks the query parser against url.ParseQuery: on any
// query that url.ParseQuery reads without error and that holds each
// callback parameter at most once, both find the same values.
func FuzzCallbackQuery(f *testing.F) {
	f.Add("msg_signature=" + sampleGetSignature + "&timestamp=" + sampleGetTimestamp + "&nonce=" + sampleGetNonce +
		"&echostr=" + url.QueryEscape(sampleGetEchostr))
	f.Add("corpid=ww1&msg%5Fsignature=a%2Bb&timestamp=1&nonce=n&x=%zz&echostr=a+b")
	f.Add("msg_signature=a;b&timestamp=&nonce=n&nonce=m")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := parseCallbackQuery(raw, true)
		values, perr := url.ParseQuery(raw)
		if perr != nil {
			return
		}
		for _, key := range []string{"msg_signature", "timestamp", "nonce", "echostr"} {
			if len(values[key]) > 1 {
				return
			}
		}
		want := callbackQuery{values.Get("msg_signature"), values.Get("timestamp"), values.Get("nonce"), values.Get("echostr")}
		complete := want.signature != "" && want.timestamp != "" && want.nonce != "" && want.echostr != ""
		if (err == nil) != complete {
			t.Fatalf("error %v for %q (url.ParseQuery: %+v)", err, raw, want)
		}
		if err == nil && q != want {
			t.Fatalf("%q: got %+v, url.ParseQuery %+v", raw, q, want)
		}
	})
}

// FuzzServeEnvelope sends arbitrary POST bodies to a Server, signed over
// what a search finds after the first "<Encrypt>" (the value the Server
// checks the signature against), so that the fuzzer gets past the
// signature: the Server must answer 200 only for envelopes that
// crypto.ParseEnvelope accepts, never refuse the signature of one, and
// never panic. Seeds, in
// testdata/fuzz/FuzzServeEnvelope, include forged shapes that hide a
// second well-signed ciphertext.
func FuzzServeEnvelope(f *testing.F) {
	f.Add([]byte(samplePostBody))
	c := newCrypt(f, sampleCorpID)
	s := NewServer(c, NewRouter(), WithReplayWindow(0))
	f.Fuzz(func(t *testing.T, body []byte) {
		enc := body
		if i := bytes.Index(body, []byte("<Encrypt>")); i >= 0 {
			enc = body[i+len("<Encrypt>"):]
			if rest, ok := bytes.CutPrefix(enc, []byte("<![CDATA[")); ok {
				if end := bytes.Index(rest, []byte("]]>")); end >= 0 {
					enc = rest[:end]
				}
			} else if end := bytes.IndexByte(enc, '<'); end >= 0 {
				enc = enc[:end]
			}
		}
		cb := signedCallback(string(enc))
		cb.body = body
		w := post(s, cb)
		switch w.Code {
		case http.StatusOK:
			if _, err := crypto.ParseEnvelope(body); err != nil {
				t.Fatalf("200 for an envelope ParseEnvelope rejects (%v): %q", err, body)
			}
		case http.StatusUnauthorized:
			// Signed over the Encrypt element of any envelope it accepts.
			if env, err := crypto.ParseEnvelope(body); err == nil {
				t.Fatalf("401 for an envelope signed over its Encrypt %q: %q", env.Encrypt, body)
			}
		case http.StatusBadRequest:
		default:
			t.Fatalf("status %d for %q", w.Code, body)
		}
	})
}
