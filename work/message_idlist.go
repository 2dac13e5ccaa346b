package work

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// barList decodes the id lists of WeCom's send answers, which come as
// "a|b" strings from message/send and as arrays (of strings or numbers)
// from linkedcorp/message/send and update_template_card. Empty items are
// dropped; an empty list decodes to nil.
type barList []string

// UnmarshalJSON implements json.Unmarshaler.
func (l *barList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*l = nil
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = splitBar(s)
		return nil
	case b[0] == '[':
		var items []json.RawMessage
		if err := json.Unmarshal(b, &items); err != nil {
			return err
		}
		var out barList
		for _, it := range items {
			var one barList
			if err := one.UnmarshalJSON(it); err != nil {
				return err
			}
			out = append(out, one...)
		}
		*l = out
		return nil
	default: // a bare number
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("id list: %s is neither a string, a number nor an array", b)
		}
		*l = barList{n.String()}
		return nil
	}
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
