package oauth_test

import (
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/oauth"
)

// An earlier form of get_login_info's page printed the department's id and
// writable flag as strings ("id":"2","writable":"true"); WeCom sends other
// numbers as strings too. Either form decodes to the same value.
func TestLoginInfoNumbersAsStrings(t *testing.T) {
	mt := httpmock.NewMockTransport()
	p := mustProvider(t, oauth.ProviderConfig{CorpID: "wwprovider"}, &staticToken{tok: providerToken}, testOptions(mt)...)
	stub(mt, http.MethodPost, "/cgi-bin/service/get_login_info", 200, `{"errcode":0,"errmsg":"ok","usertype":"2",
		"user_info":{"userid":"lisi"},"corp_info":{"corpid":"wwc"},
		"agent":[{"agentid":"1000002","auth_type":"1"},{"agentid":3,"auth_type":""}],
		"auth_info":{"department":[{"id":"2","writable":"true"},{"id":3,"writable":0},{"id":"","writable":"1"}]}}`)

	info, err := p.LoginInfo(t.Context(), "AUTH_CODE")
	require.NoError(t, err)
	assert.Equal(t, oauth.LoginUserInternalAdmin, info.UserType)
	assert.Equal(t, []oauth.LoginAgent{{AgentID: 1000002, AuthType: oauth.AgentAuthManage}, {AgentID: 3, AuthType: oauth.AgentAuthUse}}, info.Agents)
	assert.Equal(t, []oauth.LoginDepartment{{ID: 2, Writable: true}, {ID: 3}, {Writable: true}}, info.AuthInfo.Departments)
}

func TestLoginInfoUnreadableValues(t *testing.T) {
	for name, answer := range map[string]string{
		"usertype":  `{"errcode":0,"usertype":"admin"}`,
		"agentid":   `{"errcode":0,"usertype":1,"agent":[{"agentid":"x"}]}`,
		"auth_type": `{"errcode":0,"usertype":1,"agent":[{"agentid":1,"auth_type":[]}]}`,
		"writable":  `{"errcode":0,"usertype":1,"auth_info":{"department":[{"id":1,"writable":"yes"}]}}`,
	} {
		t.Run(name, func(t *testing.T) {
			mt := httpmock.NewMockTransport()
			p := mustProvider(t, oauth.ProviderConfig{CorpID: "wwprovider"}, &staticToken{tok: providerToken}, testOptions(mt)...)
			stub(mt, http.MethodPost, "/cgi-bin/service/get_login_info", 200, answer)
			_, err := p.LoginInfo(t.Context(), "AUTH_CODE")
			require.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
		})
	}
}

func TestSuiteIdentityExpiresInAsString(t *testing.T) {
	s, mt, _ := newSuite(t)
	stub(mt, http.MethodGet, "/cgi-bin/service/auth/getuserinfo3rd", 200,
		`{"errcode":0,"errmsg":"ok","corpid":"wwc","userid":"lisi","user_ticket":"T","expires_in":"1800","open_userid":"wwo"}`)
	id, err := s.UserFromCode(t.Context(), "CODE")
	require.NoError(t, err)
	assert.Equal(t, oauth.SuiteIdentity{CorpID: "wwc", UserID: "lisi", UserTicket: "T", ExpiresIn: 1800, OpenUserID: "wwo"}, *id)
	assert.Equal(t, "30m0s", id.UserTicketTTL().String())
}
