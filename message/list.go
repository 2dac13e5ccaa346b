package message

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// List is a comma-separated list of strings in a callback, such as the
// userids of AddUserItems ("zhangsan,lisi"). Items are trimmed and empty
// items dropped; a repeated element appends to the list.
type List []string

// UnmarshalXML implements xml.Unmarshaler.
func (l *List) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var s string
	if err := d.DecodeElement(&s, &start); err != nil {
		return err
	}
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			*l = append(*l, item)
		}
	}
	return nil
}

// MarshalXML implements xml.Marshaler: the items joined with commas.
func (l List) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return e.EncodeElement(strings.Join(l, ","), start)
}

// IntList is a comma-separated list of integers in a callback, such as the
// department ids of Department ("1,2") or the flags of IsLeaderInDept
// ("1,0"). Items are trimmed and empty items dropped; a repeated element
// appends to the list.
type IntList []int64

// UnmarshalXML implements xml.Unmarshaler.
func (l *IntList) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var s string
	if err := d.DecodeElement(&s, &start); err != nil {
		return err
	}
	i := 0
	for item := range strings.SplitSeq(s, ",") {
		i++
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		n, err := strconv.ParseInt(item, 10, 64)
		if err != nil {
			// The item itself stays out of the error, which may be logged.
			return fmt.Errorf("element %s: item %d is not an integer", start.Name.Local, i)
		}
		*l = append(*l, n)
	}
	return nil
}

// MarshalXML implements xml.Marshaler: the items joined with commas.
func (l IntList) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	items := make([]string, len(l))
	for i, n := range l {
		items[i] = strconv.FormatInt(n, 10)
	}
	return e.EncodeElement(strings.Join(items, ","), start)
}
