package wecomtest

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSAPITickets(t *testing.T) {
	s := newTestServer(t)
	q := appToken(t, s)

	a := get(t, s, "/cgi-bin/get_jsapi_ticket", q)
	require.Equal(t, 0, a.code(t))
	corpTicket := a.str("ticket")
	assert.NotEmpty(t, corpTicket)
	assert.EqualValues(t, 7200, a["expires_in"])
	assert.Equal(t, corpTicket, get(t, s, "/cgi-bin/get_jsapi_ticket", q).str("ticket"), "kept while valid")

	a = get(t, s, "/cgi-bin/ticket/get", with(q, "type", "agent_config"))
	require.Equal(t, 0, a.code(t))
	assert.NotEmpty(t, a.str("ticket"))
	assert.NotEqual(t, corpTicket, a.str("ticket"), "the agent ticket differs from the corp ticket")

	assert.Equal(t, 40058, get(t, s, "/cgi-bin/ticket/get", q).code(t), "type is required")
	contacts := url.Values{"access_token": {accessToken(t, s, DefaultCorpID, DefaultContactsSecret)}}
	assert.Equal(t, 48002, get(t, s, "/cgi-bin/ticket/get", with(contacts, "type", "agent_config")).code(t))
	assert.Equal(t, 41001, get(t, s, "/cgi-bin/get_jsapi_ticket", nil).code(t))
}
