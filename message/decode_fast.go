package message

import (
	"bytes"
	"encoding"
	"encoding/xml"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// This file fills flat structs — fields of string, integer, float and bool
// kinds and slices of them, with encoding/xml tags naming top-level
// elements, possibly in embedded structs — from a document in the
// scanner's subset, without encoding/xml. It covers what a handler
// registered with HandleFunc usually decodes and most payloads of this
// package. Every other struct (nested structs, pointers, attributes,
// custom unmarshalers, invalid or conflicting tags, ...) is left to
// encoding/xml. The result
// is the one encoding/xml gives, error included: fields are set in
// document order, an element's value is its own character data (see
// scan.go), a repeated element overwrites a scalar field and appends to a
// slice, absent elements leave fields alone, and conversions go through
// the same strconv calls (see copyValue in encoding/xml). FuzzDecodeFast
// and TestDecodeFastMatchesEncodingXML check this.

// fastPlan says how to fill one struct type.
type fastPlan struct {
	// fields maps an element name to the field it fills.
	fields map[string]fastField
	// xmlName is the index of an XMLName field of type xml.Name, or -1.
	xmlName int
}

// fastField is one field of a fastPlan.
type fastField struct {
	index []int        // for reflect.Value.FieldByIndex
	kind  reflect.Kind // of the field, or of its elements for a slice
	bits  int          // size of integer and float kinds
	slice bool
	// header is the header string field (see header.go) of the same
	// element, whose string is reused when it holds the same value; -1 if
	// none.
	header int
}

// headerElements maps the names of the header's string elements to their
// fields.
var headerElements = map[string]int{
	"MsgType": fieldMsgType, "Event": fieldEvent, "ChangeType": fieldChangeType,
	"InfoType": fieldInfoType, "ToUserName": fieldToUserName, "FromUserName": fieldFromUserName,
	"SuiteId": fieldSuiteID, "AuthCorpId": fieldAuthCorpID, "MsgId": fieldMsgID, "Content": fieldContent,
}

// xmlRootName is the value encoding/xml gives an XMLName field.
var xmlRootName = reflect.ValueOf(xml.Name{Local: "xml"})

// fastPlans caches a *fastPlan per struct type; a nil plan marks a type
// the fast path leaves to encoding/xml.
var fastPlans sync.Map // map[reflect.Type]*fastPlan

var (
	xmlUnmarshalerType  = reflect.TypeFor[xml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	xmlNameType         = reflect.TypeFor[xml.Name]()
)

// planFor returns the plan of t, or nil if the fast path cannot fill it.
func planFor(t reflect.Type) *fastPlan {
	if p, ok := fastPlans.Load(t); ok {
		return p.(*fastPlan)
	}
	p := makePlan(t)
	fastPlans.Store(t, p)
	return p
}

// unmarshals reports whether encoding/xml decodes t with a method of t
// or *t.
func unmarshals(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	return t.Implements(xmlUnmarshalerType) || pt.Implements(xmlUnmarshalerType) ||
		t.Implements(textUnmarshalerType) || pt.Implements(textUnmarshalerType)
}

// scalarKind reports whether the fast path converts values of kind k as
// encoding/xml does.
func scalarKind(k reflect.Kind) bool {
	switch k {
	case reflect.String, reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// makePlan builds the plan of t following encoding/xml's rules for struct
// fields (typeinfo.go), or returns nil for anything outside the flat
// shapes.
func makePlan(t reflect.Type) *fastPlan {
	if t.Kind() != reflect.Struct || t == xmlNameType || unmarshals(t) {
		return nil
	}
	fields, xmlName, ok := flatFields(t)
	if !ok {
		return nil
	}
	p := &fastPlan{fields: make(map[string]fastField, len(fields)), xmlName: xmlName}
	for _, f := range fields {
		p.fields[f.name] = f.fastField
	}
	return p
}

// namedField is a fastField with its element name and index path.
type namedField struct {
	fastField
	name string
}

// flatFields lists the fields of the struct type t that elements fill,
// with embedded structs flattened as encoding/xml does, and the index of
// an XMLName field of type xml.Name (-1 if none). ok is false if t is not
// a flat struct.
func flatFields(t reflect.Type) (fields []namedField, xmlName int, ok bool) {
	xmlName = -1
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("xml")
		if tag == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		if f.Anonymous {
			// An embedded struct's fields count as t's, behind t's own
			// (Go's rules for promoted fields). Other embedded types, and
			// an embedded XMLName, are left to encoding/xml.
			if !f.IsExported() || f.Type.Kind() != reflect.Struct {
				return nil, 0, false
			}
			inner, innerName, ok := flatFields(f.Type)
			if !ok || innerName >= 0 || hasXMLName(f.Type) {
				return nil, 0, false
			}
			for _, in := range inner {
				in.index = append([]int{i}, in.index...)
				if fields, ok = addField(fields, in); !ok {
					return nil, 0, false
				}
			}
			continue
		}
		if strings.ContainsAny(tag, " >") {
			return nil, 0, false // name space or parent path
		}
		name, flags, _ := strings.Cut(tag, ",")
		for flag := range strings.SplitSeq(flags, ",") {
			switch flag {
			case "attr", "cdata", "chardata", "innerxml", "comment", "any":
				return nil, 0, false
			}
		}
		if f.Name == "XMLName" {
			if name != "" && name != "xml" {
				return nil, 0, false // encoding/xml reports the other root name
			}
			if f.Type == xmlNameType {
				xmlName = i
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		ff := namedField{name: name, fastField: fastField{index: []int{i}, header: -1}}
		if h, ok := headerElements[name]; ok {
			ff.header = h
		}
		ft := f.Type
		if unmarshals(ft) {
			return nil, 0, false
		}
		if ft.Kind() == reflect.Slice {
			ft = ft.Elem()
			if ft.Kind() == reflect.Uint8 || unmarshals(ft) {
				return nil, 0, false // []byte, or elements with their own decoding
			}
			ff.slice = true
		}
		if !scalarKind(ft.Kind()) {
			return nil, 0, false
		}
		ff.kind = ft.Kind()
		switch ff.kind {
		case reflect.String, reflect.Bool:
		default:
			ff.bits = ft.Bits()
		}
		if fields, ok = addField(fields, ff); !ok {
			return nil, 0, false
		}
	}
	return fields, xmlName, true
}

// hasXMLName reports whether the struct type t has a field named XMLName.
func hasXMLName(t reflect.Type) bool {
	_, ok := t.FieldByName("XMLName")
	return ok
}

// addField adds f to fields as addFieldInfo in encoding/xml does: a field
// hides a deeper one of the same name, and two at the same depth are an
// error (ok false).
func addField(fields []namedField, f namedField) ([]namedField, bool) {
	for i, old := range fields {
		if old.name != f.name {
			continue
		}
		switch {
		case len(old.index) < len(f.index):
			return fields, true
		case len(old.index) == len(f.index):
			return nil, false
		default:
			fields[i] = f
			return fields, true
		}
	}
	return append(fields, f), true
}

// errDocumentChanged reports a Message whose Raw was modified after
// parsing, which handlers must not do.
var errDocumentChanged = errors.New("document modified after parsing")

// decodeFast fills v, a pointer to a struct, from m.Raw, which must be in
// the scanner's subset. It reports false, having done nothing, when v is
// not a struct the fast path can fill; otherwise it returns the error
// encoding/xml would return.
func decodeFast(m *Message, v any) (bool, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return false, nil
	}
	p := planFor(rv.Type().Elem())
	if p == nil {
		return false, nil
	}
	s := scanner{b: m.Raw}
	if err := s.open(); err != nil {
		return false, nil // Raw was replaced: nothing is written yet
	}
	sv := rv.Elem()
	if p.xmlName >= 0 {
		sv.Field(p.xmlName).Set(xmlRootName)
	}
	var e element
	var buf []byte // decoded values
	for {
		ok, err := s.next(&e)
		if err != nil {
			return true, errDocumentChanged
		}
		if !ok {
			return true, nil
		}
		f, ok := p.fields[string(e.name)]
		if !ok {
			continue
		}
		value := m.Raw[e.textStart:e.textEnd]
		if !e.plain {
			buf = s.appendValue(buf[:0], &e)
			value = buf
		}
		var fv reflect.Value
		if len(f.index) == 1 {
			fv = sv.Field(f.index[0])
		} else {
			fv = sv.FieldByIndex(f.index)
		}
		if f.header >= 0 && f.kind == reflect.String && !f.slice {
			if h := *stringFields(m)[f.header]; string(value) == h {
				fv.SetString(h) // shares the header's string
				continue
			}
		}
		if !f.slice {
			if err := setScalar(fv, &f, value); err != nil {
				return true, err
			}
			continue
		}
		// As encoding/xml: grow the slice by one element, and take it back
		// if the value does not convert.
		n := fv.Len()
		fv.Grow(1)
		fv.SetLen(n + 1)
		if err := setScalar(fv.Index(n), &f, value); err != nil {
			fv.SetLen(n)
			return true, err
		}
	}
}

// setScalar sets v, of the kind f describes, to value as copyValue in
// encoding/xml does.
func setScalar(v reflect.Value, f *fastField, value []byte) error {
	switch f.kind {
	case reflect.String:
		v.SetString(string(value))
	case reflect.Bool:
		if len(value) == 0 {
			v.SetBool(false)
			return nil
		}
		b, err := strconv.ParseBool(string(bytes.TrimSpace(value)))
		if err != nil {
			return err
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := smallDecimal(value); ok && (f.bits == 64 || n < 1<<(f.bits-1)) {
			v.SetInt(int64(n))
			return nil
		}
		if len(value) == 0 {
			v.SetInt(0)
			return nil
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(value)), 10, f.bits)
		if err != nil {
			return err
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n, ok := smallDecimal(value); ok && (f.bits == 64 || n < 1<<f.bits) {
			v.SetUint(n)
			return nil
		}
		if len(value) == 0 {
			v.SetUint(0)
			return nil
		}
		n, err := strconv.ParseUint(string(bytes.TrimSpace(value)), 10, f.bits)
		if err != nil {
			return err
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		if len(value) == 0 {
			v.SetFloat(0)
			return nil
		}
		x, err := strconv.ParseFloat(string(bytes.TrimSpace(value)), f.bits)
		if err != nil {
			return err
		}
		v.SetFloat(x)
	}
	return nil
}

// smallDecimal parses 1 to 18 ASCII digits, which cannot overflow an
// int64, without allocating.
func smallDecimal(p []byte) (uint64, bool) {
	if len(p) == 0 || len(p) > 18 {
		return 0, false
	}
	var n uint64
	for _, c := range p {
		d := c - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + uint64(d)
	}
	return n, true
}
