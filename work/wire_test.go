package work

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeField decodes in as the value of a field of type T.
func decodeField[T any](in string) (T, error) {
	var v struct {
		F T `json:"f"`
	}
	err := json.Unmarshal([]byte(`{"f":`+in+`}`), &v)
	return v.F, err
}

func TestIDListDecoding(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{`"a|b"`, []string{"a", "b"}},
		{`"a"`, []string{"a"}},
		{`""`, nil},
		{`"|a||b|"`, []string{"a", "b"}},
		{`null`, nil},
		{`["a","b"]`, []string{"a", "b"}},
		{`[]`, nil},
		{`[1,2]`, []string{"1", "2"}},
		{`3`, []string{"3"}},
		{`[1688852032415111,"x|y",null]`, []string{"1688852032415111", "x", "y"}},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := decodeField[idList](tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, []string(got))
		})
	}
}

func TestIDListRejectsObjects(t *testing.T) {
	for _, in := range []string{`{"a":1}`, `[{"a":1}]`, `true`, `1.5`, `[[1]]`} {
		_, err := decodeField[idList](in)
		assert.Error(t, err, in)
	}
}

func TestUserIDListRejectsANumber(t *testing.T) {
	got, err := decodeField[userIDList](`"u1|u2"`)
	require.NoError(t, err)
	assert.Equal(t, userIDList{"u1", "u2"}, got)
	_, err = decodeField[userIDList](`12`)
	assert.Error(t, err)
}

func TestLooseIntDecoding(t *testing.T) {
	for in, want := range map[string]looseInt{`7`: 7, `"7"`: 7, `-3`: -3, `""`: 0, `null`: 0, `"null"`: 0} {
		got, err := decodeField[looseInt](in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{`"seven"`, `1.5`, `true`, `[1]`, `{}`} {
		_, err := decodeField[looseInt](in)
		assert.Error(t, err, in)
	}
}

func TestLooseStringDecoding(t *testing.T) {
	for in, want := range map[string]looseString{`"abc"`: "abc", `""`: "", `null`: "", `12`: "12", `-4`: "-4", `0`: "0"} {
		got, err := decodeField[looseString](in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{`1.5`, `1e3`, `true`, `[1]`, `{"x":1}`} {
		_, err := decodeField[looseString](in)
		assert.Error(t, err, in)
	}
}

func TestOneZero(t *testing.T) {
	for in, want := range map[string]oneZero{`1`: true, `0`: false, `"1"`: true, `"0"`: false, `true`: true, `false`: false, `2`: true} {
		got, err := decodeField[oneZero](in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := decodeField[oneZero](`"yes"`)
	assert.Error(t, err)

	b, err := json.Marshal(struct{ On, Off oneZero }{true, false})
	require.NoError(t, err)
	assert.JSONEq(t, `{"On":1,"Off":0}`, string(b))
}

func TestLooseStringsKeepIDsAsGiven(t *testing.T) {
	for in, want := range map[string]looseStrings{
		`["1","2"]`: {"1", "2"}, `[3]`: {"3"}, `"a"`: {"a"}, `7`: {"7"}, `[]`: {}, `null`: nil, `"a|b"`: {"a|b"},
	} {
		got, err := decodeField[looseStrings](in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := decodeField[looseStrings](`[{"x":1}]`)
	assert.Error(t, err)
}

func TestDecodeLenient(t *testing.T) {
	type inner struct {
		N int64 `json:"n"`
	}
	type target struct {
		Time   int64             `json:"sptime"`
		Count  int               `json:"count"`
		Ratio  float64           `json:"ratio"`
		ID     string            `json:"id"`
		On     bool              `json:"on"`
		Inner  inner             `json:"inner"`
		List   []inner           `json:"list"`
		ByKey  map[string]uint32 `json:"by_key"`
		Strs   []string          `json:"strs"`
		Keep   string            `json:"keep"`
		Loose  looseInt          `json:"loose"`
		Quoted int64             `json:"quoted,string"`
		Ptr    *int64            `json:"ptr"`
	}
	in := `{"sptime":"","count":"12","ratio":"1.5","id":1688852,"on":"1",` +
		`"inner":{"n":"7"},"list":[{"n":"8"},{"n":{}}],"by_key":{"a":"3","b":"x"},` +
		`"strs":"","keep":"k","loose":"9","quoted":"10","ptr":"11","unknown":{"a":1}}`
	var got target
	require.NoError(t, decodeLenient([]byte(in), &got))
	eleven := int64(11)
	assert.Equal(t, target{
		Count: 12, Ratio: 1.5, ID: "1688852", On: true,
		Inner: inner{7}, List: []inner{{8}, {0}}, ByKey: map[string]uint32{"a": 3},
		Keep: "k", Loose: 9, Quoted: 10, Ptr: &eleven,
	}, got)

	t.Run("a well-formed answer decodes as json.Unmarshal does", func(t *testing.T) {
		var v target
		require.NoError(t, decodeLenient([]byte(`{"sptime":5,"id":"x"}`), &v))
		assert.Equal(t, target{Time: 5, ID: "x"}, v)
	})
	t.Run("what failed to decode is not left half-filled", func(t *testing.T) {
		v := target{Keep: "old"}
		require.NoError(t, decodeLenient([]byte(`{"count":"x","id":"y"}`), &v))
		assert.Equal(t, target{ID: "y"}, v, "the odd count is dropped, the rest decoded")
	})
	t.Run("a value its own type rejects is dropped", func(t *testing.T) {
		var v target
		require.NoError(t, decodeLenient([]byte(`{"loose":"abc","keep":"k"}`), &v))
		assert.Equal(t, target{Keep: "k"}, v)
	})
	t.Run("syntax errors still fail", func(t *testing.T) {
		var v target
		assert.Error(t, decodeLenient([]byte(`{"count":`), &v))
	})
}

// An answer whose field has another shape than documented still reaches
// the caller: user/get with a numeric userid and a status sent as "".
func TestLenientAnswerThroughMethod(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodGet, "/cgi-bin/user/get", `{"errcode":0,"userid":12,"name":"张三","main_department":"","hide_mobile":"1","enable":"1"}`)
	u, err := c.User.Get(t.Context(), "12")
	require.NoError(t, err)
	assert.Equal(t, "12", u.UserID)
	assert.Equal(t, "张三", u.Name)
	assert.Equal(t, 1, u.HideMobile)
	require.NotNil(t, u.Enable)
	assert.True(t, *u.Enable)
}

// BenchmarkDecodeAnswer measures the lenient decoding of answers on doc
// samples: user/get (User decodes itself leniently, so lenient adds
// nothing) and department/list (an answer struct that lenient wraps),
// each well formed (the fast path) and with a number sent as a string
// (the fallback).
func BenchmarkDecodeAnswer(b *testing.B) {
	user, err := os.ReadFile("testdata/docs/user/get.response.json")
	require.NoError(b, err)
	userOdd := bytes.Replace(user, []byte(`"main_department": 1`), []byte(`"main_department": "1"`), 1)
	depts, err := os.ReadFile("testdata/docs/department/list.response.json")
	require.NoError(b, err)
	deptsOdd := bytes.Replace(depts, []byte(`"order": 10`), []byte(`"order": "10"`), 1)
	type deptList struct {
		Department []Department `json:"department"`
	}
	run := func(name string, data []byte, newOut func() any, wrap bool) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out := newOut()
				if wrap {
					out = lenient(out)
				}
				if err := json.Unmarshal(data, out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("user/get/json.Unmarshal", user, func() any { return new(User) }, false)
	run("user/get/lenient", user, func() any { return new(User) }, true)
	run("user/get/lenient fallback", userOdd, func() any { return new(User) }, true)
	run("department/list/json.Unmarshal", depts, func() any { return new(deptList) }, false)
	run("department/list/lenient", depts, func() any { return new(deptList) }, true)
	run("department/list/lenient fallback", deptsOdd, func() any { return new(deptList) }, true)
}

// Answer types that decode themselves leniently are not wrapped again;
// the others are.
func TestLenientWrapsOnlyWhatNeedsIt(t *testing.T) {
	var u User
	assert.Same(t, &u, lenient(&u).(*User))
	var plain struct{ N int }
	_, wrapped := lenient(&plain).(*lenientAnswer)
	assert.True(t, wrapped)
}

// A string that looseString and idList read without encoding/json reads
// as encoding/json reads it; what they cannot read that way (escapes,
// invalid UTF-8) still goes through encoding/json, and what is not a JSON
// string is still rejected when the method is called directly.
func TestStringFastPathMatchesEncodingJSON(t *testing.T) {
	for _, in := range []string{`"abc"`, `""`, `"张三|李四"`, `"a\"b"`, `"a\\|b"`, `"\u0041|b"`, `"a\/b"`,
		"\"bad\xffutf8\"", "\"\x7f\"", `"a|"`, `"|"`, ` "x" `} {
		var want string
		require.NoError(t, json.Unmarshal([]byte(in), &want), in)
		var s looseString
		require.NoError(t, s.UnmarshalJSON([]byte(in)), in)
		assert.Equal(t, want, string(s), in)
		var l idList
		require.NoError(t, l.UnmarshalJSON([]byte(in)), in)
		assert.Equal(t, splitBar(want), []string(l), in)
	}
	for _, in := range []string{`"a"b"`, "\"a\nb\"", "\"a\tb\"", `"a\"`, `"`, `"\x"`, `"a" "b"`} {
		var s looseString
		assert.Error(t, s.UnmarshalJSON([]byte(in)), in)
		var l idList
		assert.Error(t, l.UnmarshalJSON([]byte(in)), in)
	}
}
