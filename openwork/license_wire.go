package openwork

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
)

// looseAnswer decodes an answer of the license and provider endpoints
// leniently: where WeCom sends a number as a string ("1", "" for 0) or a
// string as a number, the field is converted to the type the struct
// declares instead of failing the call. Well-formed answers decode in one
// pass; only a mismatched field costs a second one.
type looseAnswer struct{ v any }

// DecodeAnswer implements the answer decoder of internal/api.
func (l *looseAnswer) DecodeAnswer(b []byte) error { return decodeLoose(b, l.v) }

// UnmarshalJSON lets a looseAnswer be used with encoding/json too.
func (l *looseAnswer) UnmarshalJSON(b []byte) error { return decodeLoose(b, l.v) }

func loose(v any) any {
	if v == nil {
		return nil
	}
	return &looseAnswer{v}
}

// decodeLoose unmarshals b into v, repairing the fields whose JSON type
// does not match (at most 32 of them) and dropping any it cannot repair.
func decodeLoose(b []byte, v any) error {
	err := json.Unmarshal(b, v)
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err
	}
	var doc any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if d.Decode(&doc) != nil {
		return err
	}
	for range 32 {
		if te.Field == "" {
			return nil // the root itself: leave v as decoded so far
		}
		repair(doc, strings.Split(te.Field, "."), te.Type)
		fixed, merr := json.Marshal(doc)
		if merr != nil {
			return nil
		}
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv.Elem().SetZero()
		}
		err = json.Unmarshal(fixed, v)
		if !errors.As(err, &te) {
			return err
		}
	}
	return nil
}

// repair converts the member at path (in every element of the lists on
// the way) to the kind t wants, or deletes it when it cannot.
func repair(doc any, path []string, t reflect.Type) {
	switch x := doc.(type) {
	case []any:
		for _, e := range x {
			repair(e, path, t)
		}
	case map[string]any:
		val, ok := x[path[0]]
		if !ok {
			return
		}
		if len(path) > 1 {
			repair(val, path[1:], t)
			return
		}
		if nv, ok := convert(val, t); ok {
			x[path[0]] = nv
		} else {
			delete(x, path[0])
		}
	}
}

// convert returns val as the kind t wants; a value already of that kind
// (another element of the same list) is kept as it is.
func convert(val any, t reflect.Type) (any, bool) {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n, ok := val.(json.Number); ok {
			return n, true
		}
		s, ok := val.(string)
		if !ok {
			return nil, false
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, true
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, true
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return int64(f), true
		}
	case reflect.Float32, reflect.Float64:
		if n, ok := val.(json.Number); ok {
			return n, true
		}
		if s, ok := val.(string); ok {
			if s == "" {
				return 0, true
			}
			if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
				return f, true
			}
		}
	case reflect.String:
		switch n := val.(type) {
		case string:
			return n, true
		case json.Number:
			return n.String(), true
		case bool:
			return strconv.FormatBool(n), true
		}
	case reflect.Bool:
		switch n := val.(type) {
		case bool:
			return n, true
		case json.Number:
			return n.String() != "0", true
		case string:
			return n == "1" || n == "true", true
		}
	}
	return nil, false
}
