package work

// The official docs' samples as the oracle (DESIGN.md, second wave).
//
// Each wrapped method is described once as a docCase: the samples of its
// doc page are stored verbatim under testdata/docs as
// <sample>.request.json (the body the doc shows; absent for a GET or a
// body-less call) and <sample>.response.json (the answer the doc shows).
// runDocSamples then checks, for each case:
//   - the request: method, path, access_token, the exact query, and the
//     body, compared with the request sample as JSON values (documented
//     keys with documented types: 1 and "1" differ);
//   - the answer: the call succeeds on the response sample, and every
//     documented value of it (each non-empty string, each number other
//     than 0 and 1, each true) reaches the caller somewhere in the
//     returned value, unless its path is listed in skip.
//
// Table files: docsample_<area>_test.go, one table per helper; all of them
// use runDocSamples and nothing else from here changes shape.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docCase is one documented endpoint run through its typed method.
type docCase struct {
	// name names the subtest; "" uses sample.
	name string
	// page is the doc page: developer.work.weixin.qq.com/document/path/<page>.
	page int
	// method and path are the request's, e.g. http.MethodPost and
	// "/cgi-bin/user/create".
	method, path string
	// sample is the base name of the samples under testdata/docs, e.g.
	// "user/create" for user/create.request.json and
	// user/create.response.json; "" uses path without "/cgi-bin/".
	sample string
	// query is the exact query expected besides access_token (nil: none).
	query url.Values
	// body, when set, is the body expected instead of the request sample
	// (for a documented sample the SDK cannot send as is; say why in a
	// comment).
	body string
	// omitZero compares the body with the request sample less its keys
	// whose value is false, 0 or "": the SDK leaves unset fields out, and
	// WeCom reads a missing key as its zero.
	omitZero bool
	// skipBody lists top-level keys of the request sample left out of the
	// comparison (placeholders the doc prints where the SDK sends a
	// number, say), with the reason in a comment.
	skipBody []string
	// checkRequest, when set, replaces the body comparison (a multipart
	// upload, say, whose doc shows no JSON body).
	checkRequest func(t *testing.T, r recordedRequest)
	// reply, when set, is the answer given instead of the response sample.
	reply string
	// call invokes the method with t.Context(); req is the request sample
	// (nil when there is none), to be decoded into the method's request
	// type (decodeSample) or read when building its arguments. It returns
	// the method's result (nil for methods that return only an error).
	call func(t *testing.T, c *Client, req []byte) (any, error)
	// skip lists the response sample's paths whose values the result need
	// not carry (errcode and errmsg never need to), e.g. "info.sp_no" or
	// "list[].name", with the reason in a comment.
	skip []string
	// check, when set, asserts more about the result.
	check func(t *testing.T, got any)
}

// runDocSamples runs every case as a subtest.
func runDocSamples(t *testing.T, cases []docCase) {
	t.Helper()
	for _, tc := range cases {
		sample := tc.sample
		if sample == "" {
			sample = strings.TrimPrefix(tc.path, "/cgi-bin/")
		}
		name := tc.name
		if name == "" {
			name = sample
		}
		t.Run(name, func(t *testing.T) {
			reqSample := readDocSample(t, sample+".request.json", false)
			respSample := readDocSample(t, sample+".response.json", tc.reply == "")
			reply := tc.reply
			if reply == "" {
				reply = string(respSample)
			}
			c, mt := newTestClient(t)
			rec := stubJSON(t, mt, tc.method, tc.path, reply)
			got, err := tc.call(t, c, reqSample)
			require.NoError(t, err, "doc page %d", tc.page)
			require.Equal(t, 1, rec.count(), "requests sent")
			r := rec.last(t)
			assertCall(t, r, tc.method, tc.path)
			assertQuery(t, r, tc.query)
			switch {
			case tc.checkRequest != nil:
				tc.checkRequest(t, r)
			case tc.body != "":
				assertJSONBody(t, r, tc.body)
			case reqSample != nil:
				assertJSONBody(t, r, expectedBody(t, reqSample, tc.omitZero, tc.skipBody))
			default:
				assert.Empty(t, r.Body, "request body")
			}
			if tc.reply == "" {
				assertReachesCaller(t, respSample, got, tc.skip)
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

// readDocSample reads testdata/docs/<name>; nil when it does not exist and
// is not required. Samples are stored as the doc prints them; the few
// that carry // comments or trailing commas are cleaned to JSON here.
func readDocSample(t *testing.T, name string, required bool) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "docs", filepath.FromSlash(name)))
	if os.IsNotExist(err) && !required {
		return nil
	}
	require.NoError(t, err)
	b = cleanDocJSON(b)
	require.True(t, json.Valid(b), "testdata/docs/%s is not JSON once cleaned:\n%s", name, b)
	return b
}

// cleanDocJSON removes // line comments outside strings and commas before
// a closing bracket, which doc pages sometimes print in their samples.
func cleanDocJSON(b []byte) []byte {
	var out bytes.Buffer
	inStr, esc := false, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inStr {
			out.WriteByte(c)
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		switch {
		case c == '"':
			inStr = true
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
			out.WriteByte('\n')
			continue
		case c == '}' || c == ']':
			trimmed := bytes.TrimRight(out.Bytes(), " \t\r\n")
			if len(trimmed) > 0 && trimmed[len(trimmed)-1] == ',' {
				out.Truncate(len(trimmed) - 1)
			}
		}
		out.WriteByte(c)
	}
	return out.Bytes()
}

// assertReachesCaller checks that every documented value of the answer
// sample resp is found in got: each string that is not empty (or, for
// "a|b", each of its parts), each number other than 0 and 1 (as its
// decimal text; a Unix time may reach the caller as a time.Time), each
// true. Values under the paths in skip, and errcode and errmsg, are not
// checked.
func assertReachesCaller(t *testing.T, resp []byte, got any, skip []string) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(resp))
	dec.UseNumber()
	var tree any
	require.NoError(t, dec.Decode(&tree))
	have := map[string]bool{}
	collectValues(reflect.ValueOf(got), have, 0)
	var missing []string
	for _, l := range docLeaves(tree, "") {
		if l.path == "errcode" || l.path == "errmsg" || skipped(l.path, skip) {
			continue
		}
		if !valueReached(l.val, have) {
			missing = append(missing, fmt.Sprintf("%s = %v", l.path, l.val))
		}
	}
	sort.Strings(missing)
	missing = slices.Compact(missing)
	assert.Empty(t, missing, "documented values that do not reach the caller")
}

// skipped reports whether path is one of skip or under one of them.
func skipped(path string, skip []string) bool {
	for _, s := range skip {
		if path == s || strings.HasPrefix(path, s+".") || strings.HasPrefix(path, s+"[]") {
			return true
		}
	}
	return false
}

// valueReached reports whether the documented leaf val is among have.
func valueReached(val any, have map[string]bool) bool {
	switch v := val.(type) {
	case string:
		if v == "" || have[v] {
			return true
		}
		if strings.Contains(v, "|") {
			for part := range strings.SplitSeq(v, "|") {
				if part != "" && !have[part] {
					return false
				}
			}
			return true
		}
		return false
	case json.Number:
		s := v.String()
		if s == "0" || s == "1" || have[s] {
			return true
		}
		if f, err := v.Float64(); err == nil && have[strconv.FormatFloat(f, 'f', -1, 64)] {
			return true
		}
		return false
	case bool:
		return !v || have["true"]
	}
	return true // null
}

// expectedBody returns the request sample b less its top-level keys in
// skip and, with omitZero, less the object keys whose value is false, 0
// or "".
func expectedBody(t *testing.T, b []byte, omitZero bool, skip []string) string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tree any
	require.NoError(t, dec.Decode(&tree))
	if obj, ok := tree.(map[string]any); ok {
		for _, k := range skip {
			delete(obj, k)
		}
	}
	if !omitZero {
		out, err := json.Marshal(tree)
		require.NoError(t, err)
		return string(out)
	}
	var strip func(v any) any
	strip = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, it := range x {
				switch z := it.(type) {
				case bool:
					if !z {
						delete(x, k)
						continue
					}
				case string:
					if z == "" {
						delete(x, k)
						continue
					}
				case json.Number:
					if f, err := z.Float64(); err == nil && f == 0 {
						delete(x, k)
						continue
					}
				}
				x[k] = strip(it)
			}
		case []any:
			for i, it := range x {
				x[i] = strip(it)
			}
		}
		return v
	}
	out, err := json.Marshal(strip(tree))
	require.NoError(t, err)
	return string(out)
}

// docLeaf is one leaf of a decoded JSON value and its path: "a.b",
// "list[].c".
type docLeaf struct {
	path string
	val  any
}

// docLeaves flattens a decoded JSON value into its leaves.
func docLeaves(v any, path string) []docLeaf {
	switch x := v.(type) {
	case map[string]any:
		var out []docLeaf
		for k, it := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			out = append(out, docLeaves(it, p)...)
		}
		return out
	case []any:
		var out []docLeaf
		for _, it := range x {
			out = append(out, docLeaves(it, path+"[]")...)
		}
		return out
	}
	return []docLeaf{{path, v}}
}

// collectValues records every exported value reachable from v as text: the
// strings, numbers and trues; a time.Time as its Unix seconds and
// milliseconds; a time.Duration in seconds, minutes and nanoseconds; a
// json.RawMessage by its leaves, unless it is a field left out of JSON
// (json:"-"), the raw copy some types keep of a value they also model.
func collectValues(v reflect.Value, have map[string]bool, depth int) {
	if depth > 32 || !v.IsValid() {
		return
	}
	if v.Type() == reflect.TypeFor[time.Time]() {
		tm := v.Interface().(time.Time)
		if !tm.IsZero() {
			have[strconv.FormatInt(tm.Unix(), 10)] = true
			have[strconv.FormatInt(tm.UnixMilli(), 10)] = true
		}
		return
	}
	if v.Type() == reflect.TypeFor[time.Duration]() {
		d := time.Duration(v.Int())
		have[strconv.FormatInt(int64(d/time.Second), 10)] = true
		have[strconv.FormatInt(int64(d/time.Minute), 10)] = true
		have[strconv.FormatInt(int64(d), 10)] = true
		return
	}
	if v.Type() == reflect.TypeFor[json.RawMessage]() {
		if raw := v.Bytes(); len(raw) > 0 {
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber()
			var tree any
			if dec.Decode(&tree) == nil {
				for _, leaf := range docLeaves(tree, "") {
					switch x := leaf.val.(type) {
					case string:
						have[x] = true
					case json.Number:
						have[x.String()] = true
					case bool:
						have[strconv.FormatBool(x)] = true
					}
				}
			}
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectValues(v.Elem(), have, depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || (f.Tag.Get("json") == "-" && f.Type == reflect.TypeFor[json.RawMessage]()) {
				continue // a raw copy of what is modelled does not count
			}
			collectValues(v.Field(i), have, depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectValues(v.Index(i), have, depth+1)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			collectValues(iter.Key(), have, depth+1)
			collectValues(iter.Value(), have, depth+1)
		}
	case reflect.String:
		have[v.String()] = true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		have[strconv.FormatInt(v.Int(), 10)] = true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		have[strconv.FormatUint(v.Uint(), 10)] = true
	case reflect.Float32, reflect.Float64:
		have[strconv.FormatFloat(v.Float(), 'f', -1, 64)] = true
	case reflect.Bool:
		if v.Bool() {
			have["true"] = true
		}
	}
}

// decodeSample decodes a request sample into a new T, for calls whose
// request type is the documented body. It decodes leniently (a flag the
// doc writes as 1 fills a bool); the body comparison then checks that
// what is sent has the documented types.
func decodeSample[T any](t testing.TB, req []byte) T {
	t.Helper()
	var v T
	require.NoError(t, decodeLenient(req, &v), "request sample does not fit %T", v)
	return v
}
