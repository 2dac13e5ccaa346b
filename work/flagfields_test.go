package work

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The 1/0 flags of exported types are plain bools at the surface: they
// read 1/0, "1"/"0", true/false and "" (one odd value never fails the
// decode), and marshal as WeCom's 1/0.
func TestFlagFieldsAreBools(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want bool
	}{
		{`1`, true}, {`0`, false}, {`"1"`, true}, {`"0"`, false}, {`true`, true}, {`false`, false}, {`""`, false}, {`null`, false},
		{`[1]`, false},
	} {
		t.Run(tc.raw, func(t *testing.T) {
			var g KFKnowledgeGroup
			require.NoError(t, json.Unmarshal([]byte(`{"group_id":"G","name":"g","is_default":`+tc.raw+`}`), &g))
			assert.Equal(t, KFKnowledgeGroup{GroupID: "G", Name: "g", IsDefault: tc.want}, g)

			var gp KFKnowledgeGroupPage
			require.NoError(t, json.Unmarshal([]byte(`{"next_cursor":"c","has_more":`+tc.raw+`,"group_list":[{"group_id":"G","is_default":1}]}`), &gp))
			assert.Equal(t, KFKnowledgeGroupPage{NextCursor: "c", HasMore: tc.want, GroupList: []KFKnowledgeGroup{{GroupID: "G", IsDefault: true}}}, gp)

			var ip KFIntentPage
			require.NoError(t, json.Unmarshal([]byte(`{"next_cursor":"c","has_more":`+tc.raw+`,"intent_list":[{"group_id":"G","intent_id":"I"}]}`), &ip))
			assert.Equal(t, KFIntentPage{NextCursor: "c", HasMore: tc.want, IntentList: []KFIntentListed{{GroupID: "G", IntentID: "I"}}}, ip)

			var jp JournalPage
			require.NoError(t, json.Unmarshal([]byte(`{"journaluuid_list":["j"],"next_cursor":"2","endflag":`+tc.raw+`}`), &jp))
			assert.Equal(t, JournalPage{JournalUUIDs: []string{"j"}, NextCursor: 2, End: tc.want}, jp)

			var mt KFMenuText
			require.NoError(t, json.Unmarshal([]byte(`{"content":"x","no_newline":`+tc.raw+`}`), &mt))
			assert.Equal(t, KFMenuText{Content: "x", NoNewline: tc.want}, mt)
		})
	}

	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"menu text on the same line", KFMenuText{Content: "x", NoNewline: true}, `{"content":"x","no_newline":1}`},
		{"menu text on its own line", KFMenuText{Content: "x"}, `{"content":"x"}`},
		{"default group", KFKnowledgeGroup{GroupID: "G", Name: "g", IsDefault: true}, `{"group_id":"G","name":"g","is_default":1}`},
		{"group page", KFKnowledgeGroupPage{NextCursor: "c", HasMore: true}, `{"next_cursor":"c","has_more":1,"group_list":null}`},
		{"intent page", KFIntentPage{NextCursor: "c"}, `{"next_cursor":"c","has_more":0,"intent_list":null}`},
		{"last journal page", JournalPage{NextCursor: 3, End: true}, `{"journaluuid_list":null,"next_cursor":3,"endflag":1}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.v)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(b))
		})
	}
}
