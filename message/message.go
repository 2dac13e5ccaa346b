package message

import (
	"encoding/xml"
	"fmt"
)

// Message is one decrypted callback: its routing header, parsed once, and
// the raw XML for decoding the rest.
//
// The header fields hold the top-level elements of the same name. Field
// values follow encoding/xml: an element's character data with entity
// references decoded, the last occurrence winning if an element repeats.
type Message struct {
	// MsgType is the message type ("text", "image", ..., "event"); empty for
	// third-party instruction callbacks.
	MsgType string
	// Event is the event name when MsgType is "event", as sent (note the
	// upper-case "LOCATION"); routing compares it case-insensitively.
	Event string
	// ChangeType further qualifies change_contact, change_external_contact
	// and similar events and instruction callbacks.
	ChangeType string
	// InfoType is the type of a third-party instruction callback
	// (suite_ticket, create_auth, ...); empty for messages and events.
	InfoType string
	// ToUserName is the receiving corp's CorpID.
	ToUserName string
	// FromUserName is the sender's UserID, or "sys" for system events.
	FromUserName string
	// SuiteID is the SuiteId element of instruction callbacks.
	SuiteID string
	// AuthCorpID is the AuthCorpId element of instruction callbacks: the
	// authorizing corp.
	AuthCorpID string
	// MsgID is the MsgId element of messages (a 64-bit number kept as
	// sent); empty for events.
	MsgID string
	// AgentID is the application's agent id from the AgentID element (or
	// the AgentId spelling used by taskcard_click); 0 when absent.
	AgentID int64
	// CreateTime is the Unix time in seconds of the CreateTime element, or
	// of the TimeStamp element of instruction callbacks.
	CreateTime int64
	// ReceiverID is the receive id found in the decrypted message: the
	// CorpID of a self-built app or of the authorizing corp in third-party
	// data callbacks, the SuiteID in instruction callbacks. It is set by
	// [Server]; [Parse] leaves it empty.
	ReceiverID string
	// Raw is the decrypted XML document. Handlers must not modify it.
	Raw []byte

	// content is the Content element, kept for decoding Text without
	// encoding/xml; valid when scanned is set.
	content string
	scanned bool
	// subset: Raw is in the scanner's subset, so that decodeFast can
	// fill flat structs from it.
	subset bool
}

// Kind returns the routing kind of m.
func (m *Message) Kind() Kind {
	return Kind{MsgType: m.MsgType, Event: m.Event, ChangeType: m.ChangeType, InfoType: m.InfoType}
}

// IsInstruction reports whether m is a third-party instruction callback
// (it has an InfoType), which is answered with the literal "success".
func (m *Message) IsInstruction() bool { return m.InfoType != "" }

// Decode decodes the XML of m into v, a pointer to a payload struct such as
// *[Text] or to any struct with encoding/xml field tags, as
// [encoding/xml.Unmarshal] does. Flat structs (fields of string, number
// and bool kinds, and slices of them, named after top-level elements) are
// filled by the scanner that parsed the header, without encoding/xml;
// other structs are decoded by encoding/xml. The result is the same either
// way. Errors wrap [ErrParse].
func (m *Message) Decode(v any) error {
	if d, ok := v.(messageDecoder); ok && m.scanned {
		return d.decodeMessage(m)
	}
	if m.subset {
		if done, err := decodeFast(m, v); done {
			if err != nil {
				return fmt.Errorf("%w: decoding %T: %s", ErrParse, v, xmlDetail(err))
			}
			return nil
		}
	}
	if err := xml.Unmarshal(m.Raw, v); err != nil {
		return fmt.Errorf("%w: decoding %T: %s", ErrParse, v, xmlDetail(err))
	}
	return nil
}

// messageDecoder is implemented by payloads that can be filled from a
// parsed header alone.
type messageDecoder interface {
	decodeMessage(m *Message) error
}

// Parse parses a decrypted callback document into a Message. Raw aliases
// raw. Errors wrap [ErrParse].
func Parse(raw []byte) (*Message, error) {
	m := new(Message)
	if err := parseInto(m, raw); err != nil {
		return nil, err
	}
	return m, nil
}

// parseInto fills m from raw: with the scanner when the document is in its
// subset, else with encoding/xml.
func parseInto(m *Message, raw []byte) error {
	if err := scanHeader(m, raw); err == nil {
		m.Raw = raw
		m.scanned = true
		m.subset = true
		return nil
	}
	*m = Message{}
	if err := xmlHeader(m, raw); err != nil {
		return err
	}
	m.Raw = raw
	m.scanned = true
	return nil
}
