package message

import (
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLists(t *testing.T) {
	var doc struct {
		Users List    `xml:"Users"`
		Depts IntList `xml:"Depts"`
		Empty List    `xml:"Empty"`
	}
	err := xml.Unmarshal([]byte("<xml><Users><![CDATA[ zhangsan, lisi,,wangwu ]]></Users><Users>zhaoliu</Users>"+
		"<Depts>1, 2,3</Depts><Empty></Empty></xml>"), &doc)
	require.NoError(t, err)
	assert.Equal(t, List{"zhangsan", "lisi", "wangwu", "zhaoliu"}, doc.Users, "items trimmed, empty ones dropped, repeats appended")
	assert.Equal(t, IntList{1, 2, 3}, doc.Depts)
	assert.Nil(t, doc.Empty)

	out, err := xml.Marshal(struct {
		XMLName xml.Name `xml:"xml"`
		Users   List     `xml:"Users"`
		Depts   IntList  `xml:"Depts"`
	}{Users: List{"a", "b"}, Depts: IntList{1, 2}})
	require.NoError(t, err)
	assert.Equal(t, "<xml><Users>a,b</Users><Depts>1,2</Depts></xml>", string(out))

	var bad struct {
		Depts IntList `xml:"Depts"`
	}
	err = xml.Unmarshal([]byte("<xml><Depts>1,x</Depts></xml>"), &bad)
	assert.EqualError(t, err, "element Depts: item 2 is not an integer", "the error names the item without quoting it")
}
