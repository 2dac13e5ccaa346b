package message

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// This file holds a small scanner for the subset of XML that WeCom sends,
// used to read the routing header of a message and fill flat structs (see
// decode_fast.go) without encoding/xml, which costs several microseconds and
// dozens of allocations per document.
//
// The scanner accepts exactly these documents:
//
//   - optional XML whitespace, then the root start tag written "<xml>", the
//     children of the root separated by optional whitespace, "</xml>", and
//     nothing after it but whitespace;
//   - elements "<Name>content</Name>" or "<Name/>", where Name is an ASCII
//     letter or '_' followed by ASCII letters, digits, '_', '-' or '.', and
//     tags carry no attributes and no spaces;
//   - content that is any sequence of character data, CDATA sections and
//     nested elements of the same form, at most maxScanDepth deep;
//   - character data without "]]>", in which '&' starts one of the
//     references &lt; &gt; &amp; &apos; &quot; &#DDD; &#xHHH; naming a
//     character XML allows, and whose characters are valid UTF-8 XML
//     characters (so are those of CDATA sections).
//
// Anything else — a declaration, comments, processing instructions,
// directives, attributes, namespaces, text between the root's children,
// another root name, trailing data, and every ill-formed document — makes
// the scanner give up with errFallback, and the caller hands the document to
// encoding/xml, which decodes it or reports why it cannot. The scanner is so
// never the reason a document is rejected. For every document it accepts,
// encoding/xml accepts it too and yields the same values: the value of an
// element is the concatenation of its own character data (entity references
// decoded, "\r\n" and a lone "\r" turned into "\n", nested elements left
// out), and a repeated element's last occurrence wins. FuzzParseHeader checks
// this against encoding/xml.

// errFallback reports a document outside the scanner's subset.
var errFallback = errors.New("wecom/message: document outside the scanner's XML subset")

// maxScanDepth bounds the nesting the scanner follows (and its recursion).
const maxScanDepth = 32

// scanner walks the children of a document's root element.
type scanner struct {
	b []byte
	i int
}

// element describes one element the scanner has read. Offsets index the
// scanned document.
type element struct {
	name []byte
	// start and end delimit the raw content between the tags.
	start, end int
	// textStart and textEnd delimit the single character-data chunk when
	// simple is set (empty when the element has no content).
	textStart, textEnd int
	// simple: the content is at most one chunk of character data (text or
	// one CDATA section) and no element.
	simple bool
	// plain: simple, and the chunk needs no decoding (no reference, no '\r').
	plain bool
	// cdata: the single chunk is a CDATA section.
	cdata bool
}

// open consumes leading whitespace and the root start tag.
func (s *scanner) open() error {
	s.skipSpace()
	if !hasPrefixAt(s.b, s.i, "<xml>") {
		return errFallback
	}
	s.i += len("<xml>")
	return nil
}

// next reads the next child of the root. It returns ok == false after the
// root's end tag, which must be followed by nothing but whitespace.
func (s *scanner) next(e *element) (ok bool, err error) {
	s.skipSpace()
	if s.i+1 < len(s.b) && s.b[s.i+1] == '/' && hasPrefixAt(s.b, s.i, "</xml>") {
		s.i += len("</xml>")
		s.skipSpace()
		if s.i != len(s.b) {
			return false, errFallback
		}
		return false, nil
	}
	if s.i >= len(s.b) || s.b[s.i] != '<' {
		return false, errFallback
	}
	if s.simpleElement(e) {
		return true, nil
	}
	err = s.element(1, e)
	return err == nil, err
}

// simpleElement reads, if it can, the element whose start tag begins at s.i
// when it is of the common form "<Name>value</Name>" with a value that is
// empty, plain character data or one CDATA section, all needing no decoding.
// It fills e and advances s.i exactly as element would, or reports false
// and leaves both alone for element to deal with.
func (s *scanner) simpleElement(e *element) bool {
	b := s.b
	i := s.i + 1 // skip '<'
	n := nameLen(b[i:])
	if n == 0 {
		return false
	}
	name := b[i : i+n]
	i += n
	if i >= len(b) || b[i] != '>' {
		return false
	}
	i++
	start, textStart, textEnd, cdata := i, i, i, false
	if isCDATAStart(b, i) {
		textStart = i + len("<![CDATA[")
		end, decode, ok := scanCDATA(b, textStart)
		if !ok || decode {
			return false
		}
		textEnd, i, cdata = end, end+len(cdataEnd), true
	} else if i < len(b) && b[i] != '<' {
		end, decode, ok := scanText(b, i)
		if !ok || decode {
			return false
		}
		textEnd, i = end, end
	}
	// The end tag must follow at once.
	k := i + 2 + n
	if k >= len(b) || b[i] != '<' || b[i+1] != '/' || b[k] != '>' || string(b[i+2:k]) != string(name) {
		return false
	}
	*e = element{
		name:  name,
		start: start, end: i,
		textStart: textStart, textEnd: textEnd,
		simple: true, plain: true, cdata: cdata,
	}
	s.i = k + 1
	return true
}

func (s *scanner) skipSpace() {
	for s.i < len(s.b) && isSpace(s.b[s.i]) {
		s.i++
	}
}

// element reads the element whose start tag begins at s.i into e and
// leaves s.i after its end tag. (e is a pointer rather than a result so that
// the scanning loops do not copy it around.)
func (s *scanner) element(depth int, e *element) error {
	*e = element{}
	if depth > maxScanDepth {
		return errFallback
	}
	b := s.b
	i := s.i + 1 // skip '<'
	n := nameLen(b[i:])
	if n == 0 {
		return errFallback
	}
	e.name = b[i : i+n]
	i += n
	if i+1 < len(b) && b[i] == '/' && b[i+1] == '>' {
		i += 2
		e.start, e.end, e.textStart, e.textEnd = i, i, i, i
		e.simple, e.plain = true, true
		s.i = i
		return nil
	}
	if i >= len(b) || b[i] != '>' {
		return errFallback
	}
	i++
	e.start = i
	chunks, nested, decode := 0, false, false
	for {
		if i >= len(b) {
			return errFallback
		}
		if b[i] != '<' {
			// Character data up to the next markup.
			end, d, ok := scanText(b, i)
			if !ok {
				return errFallback
			}
			chunks++
			decode = decode || d
			e.textStart, e.textEnd, e.cdata = i, end, false
			i = end
			continue
		}
		if i+1 >= len(b) {
			return errFallback
		}
		switch b[i+1] {
		case '/':
			j := i + 2
			k := j + len(e.name)
			if k >= len(b) || b[k] != '>' || string(b[j:k]) != string(e.name) {
				return errFallback
			}
			e.end = i
			s.i = k + 1
			e.simple = !nested && chunks <= 1
			e.plain = e.simple && !decode
			if chunks == 0 {
				e.textStart, e.textEnd = e.start, e.start
			}
			return nil
		case '!':
			if !isCDATAStart(b, i) {
				return errFallback // comment or directive
			}
			start := i + len("<![CDATA[")
			end, d, ok := scanCDATA(b, start)
			if !ok {
				return errFallback
			}
			chunks++
			decode = decode || d
			e.textStart, e.textEnd, e.cdata = start, end, true
			i = end + len(cdataEnd)
		case '?':
			return errFallback
		default:
			s.i = i
			var child element
			if err := s.element(depth+1, &child); err != nil {
				return err
			}
			i = s.i
			nested = true
		}
	}
}

var cdataEnd = []byte("]]>")

// Word-at-a-time helpers: the scanners below test eight bytes at once
// for the bytes that need attention and jump to the first of them.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// bytesEqual returns a word with the high bit set in the first byte of w
// equal to c (and possibly in later bytes: only the lowest set bit is
// exact).
func bytesEqual(w uint64, c byte) uint64 {
	x := w ^ (lsb * uint64(c))
	return (x - lsb) &^ x & msb
}

// bytesBelow returns a word with the high bit set in the first byte of w
// below n (n <= 128), with the same caveat as bytesEqual.
func bytesBelow(w uint64, n byte) uint64 {
	return (w - lsb*uint64(n)) &^ w & msb
}

// firstMarked returns the index of the byte of the lowest high bit set in m.
func firstMarked(m uint64) int { return bits.TrailingZeros64(m) >> 3 }

// longCDATA is the number of plain words after which scanCDATA looks for
// the end of a section at once rather than a word at a time.
const longCDATA = 4

// scanCDATA finds the "]]>" that ends the CDATA section whose content starts
// at b[i], validating the content as encoding/xml does. It returns the
// index of the "]]>" and whether the content needs decoding (it holds a
// carriage return).
func scanCDATA(b []byte, i int) (end int, decode, ok bool) {
	clean := 0 // words skipped in a row
	for {
		// Skip to the next control, non-ASCII or ']' byte.
		p := b[i:]
		for len(p) >= 8 {
			w := binary.LittleEndian.Uint64(p)
			if m := w&msb | bytesBelow(w, 0x20) | bytesEqual(w, ']'); m != 0 {
				p = p[firstMarked(m):]
				break
			}
			p = p[8:]
			if clean++; clean == longCDATA {
				// A long section (the Encrypt element of an envelope):
				// it ends at the first "]]>", and if everything up to it
				// is printable ASCII there is nothing more to check.
				if n := bytes.Index(p, cdataEnd); n >= 0 && printableASCII(p[:n]) {
					return len(b) - len(p) + n, decode, true
				}
			}
		}
		i = len(b) - len(p)
		if i >= len(b) {
			return 0, false, false
		}
		switch c := b[i]; {
		case c == ']' && i+2 < len(b) && b[i+1] == ']' && b[i+2] == '>':
			return i, decode, true
		case c >= utf8.RuneSelf:
			n, ok := validRune(b[i:])
			if !ok {
				return 0, false, false
			}
			i += n
		case c == '\r':
			decode = true
			i++
		case c < 0x20 && c != '\t' && c != '\n':
			return 0, false, false
		default:
			i++
		}
	}
}

// printableASCII reports whether every byte of p is in the range 0x20 to
// 0x7f. It tests sixteen bytes per step and branches only once per step.
func printableASCII(p []byte) bool {
	if len(p) < 8 {
		for _, c := range p {
			if c < 0x20 || c >= utf8.RuneSelf {
				return false
			}
		}
		return true
	}
	// A byte below 0x20 sets the high bit of its byte in w - lsb*0x20 (the
	// borrow may mark later bytes too, which only matters when the answer
	// is false anyway); a byte from 0x80 up has the high bit set in w.
	const below = lsb * 0x20
	last := binary.LittleEndian.Uint64(p[len(p)-8:]) // may overlap: harmless
	acc := last | (last - below)
	for len(p) >= 16 {
		w0 := binary.LittleEndian.Uint64(p)
		w1 := binary.LittleEndian.Uint64(p[8:])
		acc |= w0 | (w0 - below) | w1 | (w1 - below)
		if acc&msb != 0 {
			return false
		}
		p = p[16:]
	}
	if len(p) >= 8 {
		w := binary.LittleEndian.Uint64(p)
		acc |= w | (w - below)
	}
	return acc&msb == 0
}

// scanText finds the '<' that ends the character data starting at b[i],
// validating it as encoding/xml does: valid characters, references that
// resolve, no "]]>". It returns the index of the '<' and whether the text
// needs decoding (it holds a reference or a carriage return).
func scanText(b []byte, i int) (end int, decode, ok bool) {
	for {
		// Skip to the next control, non-ASCII, '<', '&' or ']' byte.
		p := b[i:]
		for len(p) >= 8 {
			w := binary.LittleEndian.Uint64(p)
			if m := w&msb | bytesBelow(w, 0x20) | bytesEqual(w, '<') | bytesEqual(w, '&') | bytesEqual(w, ']'); m != 0 {
				p = p[firstMarked(m):]
				break
			}
			p = p[8:]
		}
		i = len(b) - len(p)
		if i >= len(b) {
			return 0, false, false
		}
		switch c := b[i]; {
		case c == '<':
			return i, decode, true
		case c == ']':
			if i+2 < len(b) && b[i+1] == ']' && b[i+2] == '>' {
				return 0, false, false
			}
			i++
		case c == '&':
			n, _, ok := parseReference(b[i:])
			if !ok {
				return 0, false, false
			}
			decode = true
			i += n
		case c >= utf8.RuneSelf:
			n, ok := validRune(b[i:])
			if !ok {
				return 0, false, false
			}
			i += n
		case c == '\r':
			decode = true
			i++
		case c < 0x20 && c != '\t' && c != '\n':
			return 0, false, false
		default:
			i++
		}
	}
}

// validRune checks the multi-byte character at the start of p and returns
// its length.
func validRune(p []byte) (int, bool) {
	r, size := utf8.DecodeRune(p)
	if r == utf8.RuneError && size == 1 || !isInCharacterRange(r) {
		return 0, false
	}
	return size, true
}

// parseReference parses the character or entity reference at the start of
// p ("&...;") and returns its length and the character it stands for.
func parseReference(p []byte) (n int, r rune, ok bool) {
	semi := bytes.IndexByte(p, ';')
	if semi < 0 {
		return 0, 0, false
	}
	body := p[1:semi]
	switch string(body) {
	case "lt":
		return semi + 1, '<', true
	case "gt":
		return semi + 1, '>', true
	case "amp":
		return semi + 1, '&', true
	case "apos":
		return semi + 1, '\'', true
	case "quot":
		return semi + 1, '"', true
	}
	if len(body) < 2 || body[0] != '#' {
		return 0, 0, false
	}
	digits, base := body[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, 0, false
	}
	for _, c := range digits {
		if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
			return 0, 0, false
		}
	}
	v, err := strconv.ParseUint(string(digits), base, 64)
	if err != nil || v > utf8.MaxRune {
		return 0, 0, false
	}
	// string(rune(v)) in encoding/xml turns a surrogate into U+FFFD.
	r = rune(v)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	if !isInCharacterRange(r) {
		return 0, 0, false
	}
	return semi + 1, r, true
}

// appendDecoded appends the decoded value of a validated chunk: references
// replaced (outside CDATA) and "\r\n" or a lone "\r" written as "\n".
func appendDecoded(dst, p []byte, cdata bool) []byte {
	prevCR := false
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '&' && !cdata:
			n, r, _ := parseReference(p[i:])
			dst = utf8.AppendRune(dst, r)
			i += n
			prevCR = false
			continue
		case c == '\r':
			dst = append(dst, '\n')
			prevCR = true
		case c == '\n' && prevCR:
			prevCR = false
		default:
			dst = append(dst, c)
			prevCR = false
		}
		i++
	}
	return dst
}

// appendValue appends the value of e to dst: its own character data,
// decoded, without that of nested elements.
func (s *scanner) appendValue(dst []byte, e *element) []byte {
	if e.plain {
		return append(dst, s.b[e.textStart:e.textEnd]...)
	}
	if e.simple {
		return appendDecoded(dst, s.b[e.textStart:e.textEnd], e.cdata)
	}
	// Mixed content: concatenate the element's own character data.
	sub := scanner{b: s.b, i: e.start}
	for sub.i < e.end {
		b := s.b
		i := sub.i
		switch {
		case b[i] != '<':
			end := i + bytes.IndexByte(b[i:], '<')
			dst = appendDecoded(dst, b[i:end], false)
			sub.i = end
		case isCDATAStart(b, i):
			start := i + len("<![CDATA[")
			end := start + bytes.Index(b[start:], cdataEnd)
			dst = appendDecoded(dst, b[start:end], true)
			sub.i = end + len(cdataEnd)
		default:
			var child element
			if err := sub.element(1, &child); err != nil {
				return dst // unreachable: e was validated
			}
		}
	}
	return dst
}

// Classes of bytes in element names.
const (
	nameStart = 1 << iota // may start a name
	nameChar              // may continue a name
)

var nameClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
			t[c] = nameStart | nameChar
		case '0' <= c && c <= '9', c == '-', c == '.':
			t[c] = nameChar
		}
	}
	return t
}()

// nameLen returns the length of the element name at the start of p, or 0.
func nameLen(p []byte) int {
	if len(p) == 0 || nameClass[p[0]]&nameStart == 0 {
		return 0
	}
	i := 1
	for i < len(p) && nameClass[p[i]]&nameChar != 0 {
		i++
	}
	return i
}

// cdataWord is the first eight bytes of "<![CDATA[" as a little-endian
// word.
var cdataWord = binary.LittleEndian.Uint64([]byte("<![CDATA"))

// isCDATAStart reports whether a CDATA section starts at b[i].
func isCDATAStart(b []byte, i int) bool {
	return len(b)-i >= len("<![CDATA[") && binary.LittleEndian.Uint64(b[i:]) == cdataWord && b[i+8] == '['
}

// isSpace reports whether c is XML whitespace.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func hasPrefixAt(b []byte, i int, prefix string) bool {
	return len(b)-i >= len(prefix) && string(b[i:i+len(prefix)]) == prefix
}

// isInCharacterRange reports whether r may appear in an XML document (the
// Char production of XML 1.0, as encoding/xml applies it).
func isInCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
