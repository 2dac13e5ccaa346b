package message

import (
	"encoding/xml"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// The string fields of the header, in the order scanHeader keeps them.
const (
	fieldMsgType = iota
	fieldEvent
	fieldChangeType
	fieldInfoType
	fieldToUserName
	fieldFromUserName
	fieldSuiteID
	fieldAuthCorpID
	fieldMsgID
	fieldContent
	numStringFields
)

// stringFields returns pointers to the string fields of m, indexed by the
// constants above.
func stringFields(m *Message) [numStringFields]*string {
	return [numStringFields]*string{
		&m.MsgType, &m.Event, &m.ChangeType, &m.InfoType, &m.ToUserName,
		&m.FromUserName, &m.SuiteID, &m.AuthCorpID, &m.MsgID, &m.content,
	}
}

// valueRange is the range of the document holding the value of a string
// field found by scanHeader, when it needs no decoding.
type valueRange struct{ start, end int }

// scanHeader fills the header of m from raw with the scanner. It returns
// errFallback when raw is outside the scanner's subset, including when an
// integer field does not parse (encoding/xml then reports the error). The
// string fields share one allocation holding just their values.
func scanHeader(m *Message, raw []byte) error {
	s := scanner{b: raw}
	if err := s.open(); err != nil {
		return err
	}
	const (
		seenAgentID = 1 << iota
		seenAgentIDAlt
		seenCreateTime
		seenTimeStamp
	)
	var agentID, agentIDAlt, createTime, timeStamp int64
	// The string fields found: found is their bit set, decodedSet that of
	// those that needed decoding, whose values are in decoded rather than
	// ranges. The last occurrence of a field wins.
	var ranges [numStringFields]valueRange
	var decoded [numStringFields]string
	seen, found, decodedSet := 0, 0, 0
	var e element
	for {
		ok, err := s.next(&e)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		field := -1
		var num *int64
		var bit int
		switch string(e.name) {
		case "MsgType":
			field = fieldMsgType
		case "Event":
			field = fieldEvent
		case "ChangeType":
			field = fieldChangeType
		case "InfoType":
			field = fieldInfoType
		case "ToUserName":
			field = fieldToUserName
		case "FromUserName":
			field = fieldFromUserName
		case "SuiteId":
			field = fieldSuiteID
		case "AuthCorpId":
			field = fieldAuthCorpID
		case "MsgId":
			field = fieldMsgID
		case "Content":
			field = fieldContent
		case "AgentID":
			num, bit = &agentID, seenAgentID
		case "AgentId":
			num, bit = &agentIDAlt, seenAgentIDAlt
		case "CreateTime":
			num, bit = &createTime, seenCreateTime
		case "TimeStamp":
			num, bit = &timeStamp, seenTimeStamp
		default:
			continue
		}
		if field >= 0 {
			found |= 1 << field
			if e.plain {
				ranges[field] = valueRange{e.textStart, e.textEnd}
				decodedSet &^= 1 << field
			} else {
				decoded[field] = string(s.appendValue(nil, &e))
				decodedSet |= 1 << field
			}
			continue
		}
		v := raw[e.textStart:e.textEnd]
		if !e.plain {
			v = s.appendValue(nil, &e)
		}
		n, err := parseXMLInt(v)
		if err != nil {
			return errFallback
		}
		*num = n
		seen |= bit
	}
	setStringFields(m, raw, &ranges, found&^decodedSet)
	for f := decodedSet; f != 0; f &= f - 1 {
		i := bits.TrailingZeros(uint(f))
		*stringFields(m)[i] = decoded[i]
	}
	m.AgentID = agentIDAlt
	if seen&seenAgentID != 0 {
		m.AgentID = agentID
	}
	m.CreateTime = timeStamp
	if seen&seenCreateTime != 0 {
		m.CreateTime = createTime
	}
	return nil
}

// setStringFields sets the string fields of m in the bit set plain to
// their ranges of raw, copied into one string which they slice.
func setStringFields(m *Message, raw []byte, ranges *[numStringFields]valueRange, plain int) {
	total := 0
	for f := plain; f != 0; f &= f - 1 {
		r := &ranges[bits.TrailingZeros(uint(f))]
		total += r.end - r.start
	}
	var b strings.Builder
	b.Grow(total)
	for f := plain; f != 0; f &= f - 1 {
		r := &ranges[bits.TrailingZeros(uint(f))]
		b.Write(raw[r.start:r.end])
	}
	all := b.String()
	dst := stringFields(m)
	for f := plain; f != 0; f &= f - 1 {
		i := bits.TrailingZeros(uint(f))
		n := ranges[i].end - ranges[i].start
		*dst[i], all = all[:n], all[n:]
	}
}

// parseXMLInt parses an integer element the way encoding/xml does:
// strconv.ParseInt of the value without surrounding white space, 0 for an
// empty value.
func parseXMLInt(v []byte) (int64, error) {
	if len(v) == 0 {
		return 0, nil
	}
	// Fast path: up to 18 plain digits cannot overflow.
	if len(v) <= 18 {
		var n int64
		for _, c := range v {
			d := c - '0'
			if d > 9 {
				return strconv.ParseInt(strings.TrimSpace(string(v)), 10, 64)
			}
			n = n*10 + int64(d)
		}
		return n, nil
	}
	return strconv.ParseInt(strings.TrimSpace(string(v)), 10, 64)
}

// pick returns the value of the first present element, or 0.
func pick(first, second *int64) int64 {
	switch {
	case first != nil:
		return *first
	case second != nil:
		return *second
	}
	return 0
}

// xmlHeaderFields is the header as encoding/xml decodes it. It defines what
// the scanner must produce.
type xmlHeaderFields struct {
	MsgType      string `xml:"MsgType"`
	Event        string `xml:"Event"`
	ChangeType   string `xml:"ChangeType"`
	InfoType     string `xml:"InfoType"`
	ToUserName   string `xml:"ToUserName"`
	FromUserName string `xml:"FromUserName"`
	SuiteID      string `xml:"SuiteId"`
	AuthCorpID   string `xml:"AuthCorpId"`
	MsgID        string `xml:"MsgId"`
	Content      string `xml:"Content"`
	AgentID      *int64 `xml:"AgentID"`
	AgentIDAlt   *int64 `xml:"AgentId"`
	CreateTime   *int64 `xml:"CreateTime"`
	TimeStamp    *int64 `xml:"TimeStamp"`
}

// xmlHeader fills the header of m from raw with encoding/xml.
func xmlHeader(m *Message, raw []byte) error {
	var h xmlHeaderFields
	if err := xml.Unmarshal(raw, &h); err != nil {
		return fmt.Errorf("%w: %s", ErrParse, xmlDetail(err))
	}
	*m = Message{
		MsgType:      h.MsgType,
		Event:        h.Event,
		ChangeType:   h.ChangeType,
		InfoType:     h.InfoType,
		ToUserName:   h.ToUserName,
		FromUserName: h.FromUserName,
		SuiteID:      h.SuiteID,
		AuthCorpID:   h.AuthCorpID,
		MsgID:        h.MsgID,
		AgentID:      pick(h.AgentID, h.AgentIDAlt),
		CreateTime:   pick(h.CreateTime, h.TimeStamp),
		content:      h.Content,
	}
	return nil
}
