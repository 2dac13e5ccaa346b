package crypto

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
)

// Envelope holds the fields of the XML body of an encrypted callback POST.
type Envelope struct {
	// ToUserName is the receiver: a CorpID or, for third-party instruction
	// callbacks, a SuiteID.
	ToUserName string
	// AgentID is the application's agent id; it may be empty.
	AgentID string
	// Encrypt is the Base64 ciphertext, never empty.
	Encrypt string
}

// ParseEnvelope extracts the fields of a callback POST body such as
//
//	<xml>
//	  <ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>
//	  <AgentID><![CDATA[218]]></AgentID>
//	  <Encrypt><![CDATA[...]]></Encrypt>
//	</xml>
//
// It returns an error wrapping [ErrEnvelope] if body is not such a document
// or has no non-empty Encrypt element.
//
// ParseEnvelope is a small, strict scanner rather than a general XML parser.
// It accepts exactly this subset of XML:
//
//   - optional whitespace and an optional XML declaration ("<?xml ...?>");
//   - a root element written exactly "<xml>" ... "</xml>", followed by
//     nothing but whitespace;
//   - inside the root, whitespace and child elements "<Name>value</Name>" or
//     "<Name/>", in any order, where Name is an ASCII letter or '_' followed
//     by ASCII letters, digits, '_', '-' or '.', and start and end tags have
//     no attributes or inner spaces;
//   - a value that is either a single CDATA section "<![CDATA[...]]>" or
//     character data without '<', '&' (no entities) or "]]>", and in both
//     cases without carriage returns;
//   - each of ToUserName, AgentID and Encrypt at most once; other children
//     are ignored;
//   - the characters "<Encrypt>" exactly once in the whole body, where the
//     Encrypt element starts (not also inside a CDATA section), so that a
//     search for them finds the Encrypt element: [MsgCrypt.DecryptMsg]
//     checks the signature over the value found so, before it reads the
//     rest of the body.
//
// Anything else (comments, nested elements, attributes, namespaces, mixed
// text and CDATA, duplicates, trailing data) is rejected. For every document
// that ParseEnvelope accepts and encoding/xml also decodes, the two agree on
// the field values.
func ParseEnvelope(body []byte) (Envelope, error) {
	env, err := parseEnvelope(body)
	if err != nil {
		return Envelope{}, err
	}
	return Envelope{
		ToUserName: string(env.toUserName),
		AgentID:    string(env.agentID),
		Encrypt:    string(env.encrypt),
	}, nil
}

// rawEnvelope is an Envelope whose fields alias the parsed body.
type rawEnvelope struct {
	toUserName, agentID, encrypt []byte
}

var (
	cdataEnd   = []byte("]]>")
	encryptTag = []byte("<Encrypt>")
)

func envelopeError(reason string) error {
	return fmt.Errorf("%w: %s", ErrEnvelope, reason)
}

// parseEnvelope implements ParseEnvelope without copying.
func parseEnvelope(body []byte) (rawEnvelope, error) {
	var env rawEnvelope
	p := skipSpace(body)
	if rest, ok := cutPrefix(p, "<?xml"); ok && len(rest) > 0 && (isSpace(rest[0]) || rest[0] == '?') {
		end := bytes.Index(rest, []byte("?>"))
		if end < 0 {
			return env, envelopeError("unterminated XML declaration")
		}
		p = skipSpace(rest[end+2:])
	}
	p, ok := cutPrefix(p, "<xml>")
	if !ok {
		return env, envelopeError("missing <xml> root element")
	}
	const (
		seenToUserName = 1 << iota
		seenAgentID
		seenEncrypt
	)
	seen := 0
	encryptAt := -1 // offset of the Encrypt element in body
	for {
		p = skipSpace(p)
		if rest, ok := cutPrefix(p, "</xml>"); ok {
			p = rest
			break
		}
		at := len(body) - len(p)
		name, value, rest, err := parseElement(p)
		if err != nil {
			return rawEnvelope{}, err
		}
		p = rest
		var field *[]byte
		var bit int
		switch string(name) {
		case "ToUserName":
			field, bit = &env.toUserName, seenToUserName
		case "AgentID":
			field, bit = &env.agentID, seenAgentID
		case "Encrypt":
			field, bit = &env.encrypt, seenEncrypt
			encryptAt = at
		default:
			continue
		}
		if seen&bit != 0 {
			return rawEnvelope{}, envelopeError("duplicate element")
		}
		seen |= bit
		*field = value
	}
	if len(skipSpace(p)) != 0 {
		return rawEnvelope{}, envelopeError("trailing data after </xml>")
	}
	if len(env.encrypt) == 0 {
		return rawEnvelope{}, envelopeError("missing or empty Encrypt element")
	}
	if indexEncryptTag(body) != encryptAt || indexEncryptTag(body[encryptAt+1:]) >= 0 {
		return rawEnvelope{}, envelopeError(`"<Encrypt>" outside the Encrypt element`)
	}
	return env, nil
}

// locateEncrypt returns the value of the Encrypt element of a body that
// parseEnvelope accepts, found without parsing the body: the CDATA section
// or character data after the first "<Encrypt>". For other bodies it
// returns some part of body or an error wrapping ErrEnvelope. Its cost is a
// search through body, and it allocates nothing unless it fails.
func locateEncrypt(body []byte) ([]byte, error) {
	i := indexEncryptTag(body)
	if i < 0 {
		return nil, envelopeError("missing or empty Encrypt element")
	}
	p := body[i+len(encryptTag):]
	var value []byte
	if cdata, ok := cutPrefix(p, "<![CDATA["); ok {
		end := bytes.Index(cdata, cdataEnd)
		if end < 0 {
			return nil, envelopeError("unterminated CDATA section")
		}
		value = cdata[:end]
	} else {
		end := bytes.IndexByte(p, '<')
		if end < 0 {
			return nil, envelopeError("unterminated element")
		}
		value = p[:end]
	}
	if len(value) == 0 {
		return nil, envelopeError("missing or empty Encrypt element")
	}
	return value, nil
}

// parseElement parses one child element "<Name>value</Name>" or "<Name/>" at
// the start of p.
func parseElement(p []byte) (name, value, rest []byte, err error) {
	if len(p) == 0 {
		return nil, nil, nil, envelopeError("unterminated <xml> element")
	}
	if p[0] != '<' {
		return nil, nil, nil, envelopeError("unexpected character data")
	}
	p = p[1:]
	n := nameLen(p)
	if n == 0 {
		return nil, nil, nil, envelopeError("invalid element name")
	}
	name, p = p[:n], p[n:]
	if rest, ok := cutPrefix(p, "/>"); ok {
		return name, nil, rest, nil
	}
	p, ok := cutPrefix(p, ">")
	if !ok {
		return nil, nil, nil, envelopeError("malformed start tag")
	}

	if cdata, ok := cutPrefix(p, "<![CDATA["); ok {
		end := bytes.Index(cdata, cdataEnd)
		if end < 0 {
			return nil, nil, nil, envelopeError("unterminated CDATA section")
		}
		value, p = cdata[:end], cdata[end+len(cdataEnd):]
	} else {
		end := bytes.IndexByte(p, '<')
		if end < 0 {
			return nil, nil, nil, envelopeError("unterminated element")
		}
		value, p = p[:end], p[end:]
		if bytes.IndexByte(value, '&') >= 0 {
			return nil, nil, nil, envelopeError("character references are not supported")
		}
		if bytes.Contains(value, cdataEnd) {
			return nil, nil, nil, envelopeError(`"]]>" outside CDATA section`)
		}
	}
	if bytes.IndexByte(value, '\r') >= 0 {
		return nil, nil, nil, envelopeError("carriage return in element value")
	}

	p, ok = cutPrefix(p, "</")
	if !ok {
		return nil, nil, nil, envelopeError("nested or mixed content")
	}
	if !bytes.HasPrefix(p, name) {
		return nil, nil, nil, envelopeError("mismatched end tag")
	}
	p, ok = cutPrefix(p[len(name):], ">")
	if !ok {
		return nil, nil, nil, envelopeError("mismatched end tag")
	}
	return name, value, p, nil
}

// nameLen returns the length of the element name at the start of p, or 0.
func nameLen(p []byte) int {
	if len(p) == 0 || !(isLetter(p[0]) || p[0] == '_') {
		return 0
	}
	i := 1
	for i < len(p) && (isAlnum(p[i]) || p[i] == '_' || p[i] == '-' || p[i] == '.') {
		i++
	}
	return i
}

func isLetter(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// isSpace reports whether b is XML whitespace.
func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r'
}

func skipSpace(p []byte) []byte {
	for len(p) > 0 && isSpace(p[0]) {
		p = p[1:]
	}
	return p
}

// cutPrefix is bytes.CutPrefix for a string prefix.
func cutPrefix(p []byte, prefix string) ([]byte, bool) {
	if len(p) < len(prefix) || string(p[:len(prefix)]) != prefix {
		return p, false
	}
	return p[len(prefix):], true
}

// Word-at-a-time constants for indexEncryptTag.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// encryptWord is the first eight bytes of "<Encrypt>" as a little-endian
// word.
var encryptWord = binary.LittleEndian.Uint64(encryptTag)

// indexEncryptTag is bytes.Index(b, encryptTag), made for bodies an
// attacker fills with near misses. It jumps from one '<' to the next while
// they are rare; once they are not, it looks eight positions at a time for
// the tag's '<', 'E' and '>' at their offsets and compares the tag only
// where all three are. Either way it takes about half the time
// bytes.Index takes on its worst inputs.
func indexEncryptTag(b []byte) int {
	i := 0
	for fails := 0; fails <= 4+i>>8; fails++ {
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			return -1
		}
		i += k
		if bytes.HasPrefix(b[i:], encryptTag) {
			return i
		}
		i++
	}
	var w0 uint64
	if i+16 <= len(b) {
		w0 = binary.LittleEndian.Uint64(b[i:])
	}
	for ; i+16 <= len(b); i += 8 {
		w1 := binary.LittleEndian.Uint64(b[i+1:])
		w8 := binary.LittleEndian.Uint64(b[i+8:])
		// Each mask has the high bit set in every lane holding the byte
		// (and perhaps in lanes above one that does), so their AND marks
		// every position where the tag may start.
		m := bytesEqual(w0, '<') & bytesEqual(w1, 'E') & bytesEqual(w8, '>')
		for ; m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			if binary.LittleEndian.Uint64(b[j:]) == encryptWord && b[j+8] == '>' {
				return j
			}
		}
		w0 = w8
	}
	if k := bytes.Index(b[i:], encryptTag); k >= 0 {
		return i + k
	}
	return -1
}

// bytesEqual returns a word with the high bit set in every byte of w equal
// to c, and possibly in bytes above one that is.
func bytesEqual(w uint64, c byte) uint64 {
	x := w ^ (lsb * uint64(c))
	return (x - lsb) &^ x & msb
}
