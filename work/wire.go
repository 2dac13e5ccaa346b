package work

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The wire types below read the fields that WeCom sends in more than one
// form. Like the standard library's decoders they leave their value alone
// on a JSON null.

// looseInt is an integer sent as a JSON number or as a string holding one;
// "" and "null" are 0.
type looseInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *looseInt) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("%s is not an integer", b)
	}
	*n = looseInt(v)
	return nil
}

// oneZero is a flag that WeCom takes as 1 or 0 and sends as 1 or 0 (a
// number or a string) or, now and then, as true or false.
type oneZero bool

// MarshalJSON encodes b as 1 or 0.
func (b oneZero) MarshalJSON() ([]byte, error) {
	if b {
		return []byte("1"), nil
	}
	return []byte("0"), nil
}

// UnmarshalJSON accepts 1/0, "1"/"0" (any integer: not 0 is true) and
// true/false.
func (b *oneZero) UnmarshalJSON(data []byte) error {
	switch string(data) {
	case "true", "false":
		*b = string(data) == "true"
		return nil
	}
	if isNull(data) {
		return nil
	}
	var n looseInt
	if err := n.UnmarshalJSON(data); err != nil {
		return err
	}
	*b = n != 0
	return nil
}

// looseString is a JSON string, or an integer number kept as its decimal
// text, for ids and cursors that WeCom sends either way.
type looseString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *looseString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case isNull(b):
		return nil
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = looseString(v)
		return nil
	case isIntegerLiteral(b):
		*s = looseString(b)
		return nil
	}
	return fmt.Errorf("%s is neither a string nor an integer", b)
}

// isIntegerLiteral reports whether b is a JSON number without a fraction
// or an exponent.
func isIntegerLiteral(b []byte) bool {
	digits := bytes.TrimPrefix(b, []byte("-"))
	if len(digits) == 0 {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// looseStrings is a list of ids sent as a JSON array of strings or
// integers, or as a single one; [] is an empty list.
type looseStrings []string

// UnmarshalJSON implements json.Unmarshaler.
func (l *looseStrings) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if isNull(b) {
		return nil
	}
	var items []looseString
	if b[0] == '[' {
		if err := json.Unmarshal(b, &items); err != nil {
			return fmt.Errorf("id list: %w", err)
		}
	} else {
		var one looseString
		if err := one.UnmarshalJSON(b); err != nil {
			return fmt.Errorf("id list: %w", err)
		}
		items = []looseString{one}
	}
	out := make(looseStrings, len(items))
	for i, it := range items {
		out[i] = string(it)
	}
	*l = out
	return nil
}

// idList is a looseStrings whose strings may each join several ids with
// "|", as WeCom's answers about invalid recipients do: every string is
// split at "|" and empty parts are dropped; a list with no id is nil.
type idList []string

// UnmarshalJSON implements json.Unmarshaler.
func (l *idList) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var items looseStrings
	if err := items.UnmarshalJSON(b); err != nil {
		return err
	}
	var out idList
	for _, it := range items {
		out = append(out, splitBar(it)...)
	}
	*l = out
	return nil
}

// userIDList is an idList of userids, which WeCom never sends as a bare
// number.
type userIDList []string

// UnmarshalJSON implements json.Unmarshaler.
func (l *userIDList) UnmarshalJSON(b []byte) error {
	if isIntegerLiteral(bytes.TrimSpace(b)) {
		return fmt.Errorf("user id list: %s is not a string", b)
	}
	return (*idList)(l).UnmarshalJSON(b)
}

// splitBar splits "a|b" into its non-empty parts; nil when there are none.
func splitBar(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, "|") {
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// isNull reports whether b is the JSON null (or nothing).
func isNull(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) == 0 || string(b) == "null"
}
