package message

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCatalogueIsComplete checks that Catalogue holds exactly the payload
// types the payload tests cover (which TestEveryPayloadIsTested checks
// against the declarations), each once.
func TestCatalogueIsComplete(t *testing.T) {
	got := map[string]Kind{}
	for _, p := range Catalogue() {
		name := reflect.TypeOf(p).Name()
		_, dup := got[name]
		assert.False(t, dup, "%s listed twice", name)
		got[name] = p.Kind()
	}
	want := map[string]Kind{}
	for _, tc := range payloadCases(t) {
		want[tc.name] = tc.want.(Payload).Kind()
	}
	assert.Equal(t, want, got, "every payload type is listed in Catalogue (message/catalogue.go)")
}
