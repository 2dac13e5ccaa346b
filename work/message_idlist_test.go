package work

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBarListDecoding(t *testing.T) {
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
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			var v struct {
				L barList `json:"l"`
			}
			require.NoError(t, json.Unmarshal([]byte(`{"l":`+tc.in+`}`), &v))
			assert.Equal(t, tc.want, []string(v.L))
		})
	}
}

func TestBarListRejectsObjects(t *testing.T) {
	var v struct {
		L barList `json:"l"`
	}
	assert.Error(t, json.Unmarshal([]byte(`{"l":{"a":1}}`), &v))
	assert.Error(t, json.Unmarshal([]byte(`{"l":[{"a":1}]}`), &v))
	assert.Error(t, json.Unmarshal([]byte(`{"l":true}`), &v))
}
