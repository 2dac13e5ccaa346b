package message

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/wecomkit/wecom/crypto"
)

// scanHeader fills the header of m from raw with the scanner; str is raw as
// a string, which the string fields slice. It returns errFallback when raw
// is outside the scanner's subset, including when an integer field does not
// parse (encoding/xml then reports the error).
func scanHeader(m *Message, raw []byte, str string) error {
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
	seen := 0
	for {
		e, ok, err := s.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		var dst *string
		var num *int64
		var bit int
		switch string(e.name) {
		case "MsgType":
			dst = &m.MsgType
		case "Event":
			dst = &m.Event
		case "ChangeType":
			dst = &m.ChangeType
		case "InfoType":
			dst = &m.InfoType
		case "ToUserName":
			dst = &m.ToUserName
		case "FromUserName":
			dst = &m.FromUserName
		case "SuiteId":
			dst = &m.SuiteID
		case "AuthCorpId":
			dst = &m.AuthCorpID
		case "MsgId":
			dst = &m.MsgID
		case "Content":
			dst = &m.content
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
		v := s.text(str, e)
		if dst != nil {
			*dst = v
			continue
		}
		n, err := parseXMLInt(v)
		if err != nil {
			return errFallback
		}
		*num = n
		seen |= bit
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

// parseXMLInt parses an integer element the way encoding/xml does:
// strconv.ParseInt of the value without surrounding white space, 0 for an
// empty value.
func parseXMLInt(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	// Fast path: up to 18 plain digits cannot overflow.
	if len(v) <= 18 {
		var n int64
		for i := 0; i < len(v); i++ {
			c := v[i] - '0'
			if c > 9 {
				return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			}
			n = n*10 + int64(c)
		}
		return n, nil
	}
	return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
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

// envelopeEncrypt returns the Encrypt element of a callback POST body. The
// result aliases body when the scanner reads it. Errors wrap
// crypto.ErrEnvelope.
func envelopeEncrypt(body []byte) ([]byte, error) {
	encrypt, err := scanEnvelope(body)
	if err != nil {
		var env struct {
			Encrypt string `xml:"Encrypt"`
		}
		if err := xml.Unmarshal(body, &env); err != nil {
			return nil, fmt.Errorf("%w: %s", crypto.ErrEnvelope, xmlDetail(err))
		}
		encrypt = []byte(env.Encrypt)
	}
	if len(encrypt) == 0 {
		return nil, fmt.Errorf("%w: missing or empty Encrypt element", crypto.ErrEnvelope)
	}
	return encrypt, nil
}

// scanEnvelope reads the Encrypt element of body with the scanner.
func scanEnvelope(body []byte) ([]byte, error) {
	s := scanner{b: body}
	if err := s.open(); err != nil {
		return nil, err
	}
	var encrypt []byte
	for {
		e, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			return encrypt, nil
		}
		if string(e.name) == "Encrypt" {
			if !e.plain {
				return nil, errFallback
			}
			encrypt = body[e.textStart:e.textEnd]
		}
	}
}
