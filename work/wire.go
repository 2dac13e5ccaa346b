package work

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
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
		if raw, ok := plainJSONString(b); ok {
			*s = looseString(raw)
			return nil
		}
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

// plainJSONString returns the text of the JSON string literal b when it
// reads as written: quoted, valid UTF-8, without an escape sequence or a
// byte JSON forbids in a string. encoding/json would decode such a
// literal to the same text; ok is false for every other b, which is left
// to encoding/json.
func plainJSONString(b []byte) (text []byte, ok bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return nil, false
	}
	text = b[1 : len(b)-1]
	for _, c := range text {
		if c < 0x20 || c == '"' || c == '\\' {
			return nil, false
		}
	}
	return text, utf8.Valid(text)
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
	b = bytes.TrimSpace(b)
	if isNull(b) {
		return nil
	}
	if raw, ok := plainJSONString(b); ok { // the usual "a|b" or ""
		*l = splitBarBytes(raw)
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

// splitBarBytes is splitBar of a string in bytes, which it converts only
// when there is a part to keep, into one string that the parts share.
func splitBarBytes(b []byte) []string {
	n := 0
	for part := range bytes.SplitSeq(b, []byte("|")) {
		if len(part) > 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	s := string(b)
	out := make([]string, 0, n)
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

// decodeLenient decodes the JSON b into v (a non-nil pointer) like
// json.Unmarshal, except that one field of an unexpected shape never
// fails the whole answer. When the plain decode fails on anything but the
// JSON syntax, b is decoded again after each value is brought to the
// shape of the Go field it lands in: a number sent as a string ("12", and
// "" for 0), a string id sent as a number, a flag sent as 1/0 or "1"/"0";
// a value that cannot be brought to shape (an object where a number
// belongs, a value its type's own UnmarshalJSON rejects) is dropped,
// leaving the field's zero value (in a list, the element's zero value,
// which keeps the list aligned with its siblings).
//
// The plain decode runs first, so well-formed answers cost nothing more.
func decodeLenient(b []byte, v any) error {
	return decodeLenientAfter(b, v, json.Unmarshal(b, v))
}

// decodeLenientAfter is decodeLenient once the plain decode of b has
// returned err (into v or into a value of the same shape).
func decodeLenientAfter(b []byte, v any, err error) error {
	var syntaxErr *json.SyntaxError
	if err == nil || errors.As(err, &syntaxErr) {
		return err
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tree any
	if dec.Decode(&tree) != nil {
		return err
	}
	tree, ok := shapeTo(tree, rv.Type().Elem())
	if !ok {
		return err
	}
	fixed, merr := json.Marshal(tree)
	if merr != nil {
		return err
	}
	rv.Elem().SetZero() // forget what the failed decode filled in
	return json.Unmarshal(fixed, v)
}

// lenientAnswer wraps the destination of an API answer so that the answer
// is decoded with decodeLenient.
type lenientAnswer struct{ v any }

// decodesLeniently is implemented by answer types whose own decoding is
// already lenient (their UnmarshalJSON goes through decodeLenient, or all
// their fields are loose types); lenient passes them through unwrapped,
// which spares the wrapper's second scan of the answer.
type decodesLeniently interface{ decodesLeniently() }

// lenient returns a destination for service.get/post that decodes into v
// leniently.
func lenient(v any) any {
	if _, ok := v.(decodesLeniently); ok {
		return v
	}
	return &lenientAnswer{v}
}

// UnmarshalJSON implements json.Unmarshaler.
func (l *lenientAnswer) UnmarshalJSON(b []byte) error { return decodeLenient(b, l.v) }

// DecodeAnswer implements api.AnswerDecoder, so that the core hands over
// the answer without scanning it first: decodeLenient's json.Unmarshal
// rejects invalid JSON itself.
func (l *lenientAnswer) DecodeAnswer(b []byte) error { return decodeLenient(b, l.v) }

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// shapeTo brings the generic JSON value val (as decoded with UseNumber) to
// the shape that encoding/json expects for type t. It reports false when
// val cannot be brought to shape and should be dropped.
func shapeTo(val any, t reflect.Type) (any, bool) {
	if val == nil {
		return nil, true
	}
	if t.Implements(jsonUnmarshalerType) || reflect.PointerTo(t).Implements(jsonUnmarshalerType) {
		// The type decodes itself: keep the value if it accepts it.
		raw, err := json.Marshal(val)
		if err != nil || json.Unmarshal(raw, reflect.New(t).Interface()) != nil {
			return nil, false
		}
		return val, true
	}
	if _, isStr := val.(string); isStr && (t.Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType)) {
		return val, true
	}
	switch t.Kind() {
	case reflect.Pointer:
		return shapeTo(val, t.Elem())
	case reflect.Interface:
		return val, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return shapeNumber(val, t)
	case reflect.String:
		switch x := val.(type) {
		case string:
			return x, true
		case json.Number:
			return x.String(), true
		case bool:
			return strconv.FormatBool(x), true
		}
		return nil, false
	case reflect.Bool:
		switch x := val.(type) {
		case bool:
			return x, true
		case json.Number:
			f, err := x.Float64()
			return f != 0, err == nil
		case string:
			switch strings.TrimSpace(x) {
			case "", "0", "false":
				return false, true
			case "1", "true":
				return true, true
			}
		}
		return nil, false
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			_, isStr := val.(string)
			return val, isStr // []byte travels as base64
		}
		list, isList := val.([]any)
		if !isList {
			return nil, false // "" or an object where a list belongs
		}
		out := make([]any, 0, len(list))
		for _, it := range list {
			if v, ok := shapeTo(it, t.Elem()); ok {
				out = append(out, v)
			} else {
				out = append(out, nil) // keeps the positions of the others
			}
		}
		return out, true
	case reflect.Map:
		obj, isObj := val.(map[string]any)
		if !isObj {
			return nil, false
		}
		for k, it := range obj {
			if v, ok := shapeTo(it, t.Elem()); ok {
				obj[k] = v
			} else {
				delete(obj, k)
			}
		}
		return obj, true
	case reflect.Struct:
		obj, isObj := val.(map[string]any)
		if !isObj {
			return nil, false
		}
		fields := jsonFields(t)
		for k, it := range obj {
			ft, known := fields[k]
			if !known {
				ft, known = fields[strings.ToLower(k)]
			}
			if !known {
				continue // encoding/json ignores it
			}
			if v, ok := shapeTo(it, ft); ok {
				obj[k] = v
			} else {
				delete(obj, k)
			}
		}
		return obj, true
	}
	return nil, false // chan, func, complex: nothing JSON can fill
}

// shapeNumber brings val to a JSON number for the numeric type t.
func shapeNumber(val any, t reflect.Type) (any, bool) {
	var s string
	switch x := val.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
		if s == "" {
			return json.Number("0"), true
		}
	case bool:
		if x {
			return json.Number("1"), true
		}
		return json.Number("0"), true
	default:
		return nil, false
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		if _, err := strconv.ParseFloat(s, t.Bits()); err != nil {
			return nil, false
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if _, err := strconv.ParseUint(s, 10, t.Bits()); err != nil {
			return nil, false
		}
	default:
		if _, err := strconv.ParseInt(s, 10, t.Bits()); err != nil {
			return nil, false
		}
	}
	return json.Number(s), true
}

// fieldCache maps a struct type to jsonFields' answer.
var fieldCache sync.Map // reflect.Type → map[string]reflect.Type

// jsonFields returns, for the struct type t, the type of the field each
// JSON key fills, under the key as encoding/json names it and under its
// lower-case form (encoding/json matches keys case-insensitively). Fields
// of embedded structs are included; a field that encoding/json decodes
// from a quoted string (",string") is left out, so its value passes
// unchanged.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	addJSONFields(t, m, 0)
	fieldCache.Store(t, m)
	return m
}

func addJSONFields(t reflect.Type, m map[string]reflect.Type, depth int) {
	if depth > 8 {
		return
	}
	// A field of t itself hides one of the same name in an embedded
	// struct, as encoding/json has it: direct fields first.
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			et := ft
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				embedded = append(embedded, et)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if slices.Contains(strings.Split(opts, ","), "string") {
			continue
		}
		if _, taken := m[name]; !taken {
			m[name] = ft
		}
		if low := strings.ToLower(name); low != name {
			if _, taken := m[low]; !taken {
				m[low] = ft
			}
		}
	}
	for _, et := range embedded {
		addJSONFields(et, m, depth+1)
	}
}
