package main

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/message"
)

// TestBuildXMLEveryKind checks that every callback of the catalogue is
// built into a document that package message parses as that kind and
// decodes into its payload type with the sample values.
func TestBuildXMLEveryKind(t *testing.T) {
	kinds := triggerKinds()
	require.Len(t, kinds, len(message.Catalogue())+len(botKinds))
	in := callbackInput{corpID: "wwfakecorp", suiteID: "wwfakesuite", agentID: "1000002", from: "zhangsan", now: time.Unix(1700000000, 0)}
	for _, k := range kinds {
		if k.payload == nil {
			continue
		}
		doc, err := buildXML(k, in)
		require.NoError(t, err, k.name)
		m, err := message.Parse(doc)
		require.NoError(t, err, "%s: %s", k.name, doc)
		assert.Equal(t, k.payload.Kind(), m.Kind(), "%s: %s", k.name, doc)
		p := reflect.New(reflect.TypeOf(k.payload))
		require.NoError(t, m.Decode(p.Interface()), "%s: %s", k.name, doc)
		if p.Elem().NumField() > 0 {
			assert.False(t, p.Elem().IsZero(), "%s decodes no field: %s", k.name, doc)
		}
		found, ok := findKind(k.name)
		assert.True(t, ok && found.name == k.name, k.name)
	}
	// The names the issue uses.
	for _, name := range []string{"text", "change_contact/create_user", "change_external_contact/add_external_contact",
		"suite_ticket", "create_auth", "kf_msg_or_event", "bot/text", "info/suite_ticket", "event/change_contact/create_user"} {
		_, ok := findKind(name)
		assert.True(t, ok, name)
	}
	_, ok := findKind("no_such_kind")
	assert.False(t, ok)
}

func TestBuildXMLCreateUserSample(t *testing.T) {
	k, _ := findKind("change_contact/create_user")
	doc, err := buildXML(k, callbackInput{corpID: "wwc", agentID: "1000002", from: "sys", now: time.Unix(1700000000, 0)})
	require.NoError(t, err)
	s := string(doc)
	assert.True(t, strings.HasPrefix(s, "<xml><ToUserName><![CDATA[wwc]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime>"), s)
	assert.Contains(t, s, "<ChangeType><![CDATA[create_user]]></ChangeType>")
	assert.Equal(t, 1, strings.Count(s, "<ChangeType>"), "the header's elements are not repeated: %s", s)
	assert.Contains(t, s, "<UserID>zhangsan</UserID>")
}
