package openwork

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/token"
)

// TestInstallFlow plays a whole installation: suite_ticket push, suite
// token, pre-auth code, install URL, create_auth push, permanent code, and
// a call on the authorized corp's behalf — for a third-party suite and for
// a customized app.
func TestInstallFlow(t *testing.T) {
	for _, customized := range []bool{false, true} {
		name := map[bool]string{false: "third-party", true: "customized"}[customized]
		t.Run(name, func(t *testing.T) {
			f := newFake(t)
			cache := token.NewMemoryCache()
			p, err := New(Config{CorpID: "wwprovider"}, f.options(cache)...)
			require.NoError(t, err)
			s, err := p.Suite(SuiteConfig{SuiteID: "wwsuite1", SuiteSecret: "SUITE-SECRET", Token: cbToken, EncodingAESKey: cbKey, Customized: customized})
			require.NoError(t, err)
			ctx := context.Background()

			suiteTokenResponder(f, "SUITE-TOKEN-1") // asserts suite_ticket == TICKET-1
			f.on(http.MethodGet, "/cgi-bin/service/get_pre_auth_code", func(q url.Values, _ map[string]any) any {
				assert.Equal(t, "SUITE-TOKEN-1", q.Get("suite_access_token"))
				return map[string]any{"pre_auth_code": "PRE-1", "expires_in": 1200}
			})
			f.on(http.MethodPost, "/cgi-bin/service/get_permanent_code", func(q url.Values, body map[string]any) any {
				assert.Equal(t, "SUITE-TOKEN-1", q.Get("suite_access_token"))
				assert.Equal(t, "AUTH-CODE-1", body["auth_code"])
				return json.RawMessage(`{"permanent_code":"PERM-A","auth_corp_info":{"corpid":"wwcorpA","corp_name":"A"},
					"auth_info":{"agent":[{"agentid":1000012,"name":"App","is_customized_app":` + map[bool]string{false: "false", true: "true"}[customized] + `}]}}`)
			})
			f.on(http.MethodPost, "/cgi-bin/service/get_corp_token", func(q url.Values, body map[string]any) any {
				assert.Equal(t, "SUITE-TOKEN-1", q.Get("suite_access_token"))
				assert.Equal(t, map[string]any{"auth_corpid": "wwcorpA", "permanent_code": "PERM-A"}, body)
				return map[string]any{"access_token": "CORP-TOKEN-A", "expires_in": 7200}
			})
			f.on(http.MethodGet, "/cgi-bin/gettoken", func(q url.Values, _ map[string]any) any {
				assert.Equal(t, "wwcorpA", q.Get("corpid"))
				assert.Equal(t, "PERM-A", q.Get("corpsecret"))
				return map[string]any{"errcode": 0, "access_token": "CORP-TOKEN-A", "expires_in": 7200}
			})
			userGetResponder(f, map[string]string{"CORP-TOKEN-A": "wwcorpA"})

			// The instruction callback: the handler stores tickets and
			// hands create_auth to the application.
			authCodes := make(chan string, 1)
			r := message.NewRouter()
			message.On(r, func(_ context.Context, _ *message.Message, ca *message.CreateAuth) (message.Reply, error) {
				authCodes <- ca.AuthCode
				return nil, nil
			})
			h, err := s.CallbackHandler(r)
			require.NoError(t, err)

			rec := post(t, h, "/suite", "wwsuite1", ticketXML("wwsuite1", "TICKET-1"))
			require.Equal(t, "success", rec.Body.String())

			install, err := s.InstallURL(ctx, "https://app.example.com/installed", "s1")
			require.NoError(t, err)
			assert.Equal(t, "https://open.work.weixin.qq.com/3rdapp/install?suite_id=wwsuite1&pre_auth_code=PRE-1"+
				"&redirect_uri=https%3A%2F%2Fapp.example.com%2Finstalled&state=s1", install)

			createAuth := "<xml><SuiteId><![CDATA[wwsuite1]]></SuiteId><AuthCode><![CDATA[AUTH-CODE-1]]></AuthCode>" +
				"<InfoType><![CDATA[create_auth]]></InfoType><TimeStamp>1700000001</TimeStamp><State><![CDATA[s1]]></State></xml>"
			rec = post(t, h, "/suite", "wwsuite1", createAuth)
			require.Equal(t, "success", rec.Body.String())

			auth, err := s.PermanentCode(ctx, <-authCodes)
			require.NoError(t, err)
			agent := auth.AuthInfo.Agents[0]
			assert.Equal(t, customized, agent.IsCustomizedApp)

			corp, err := s.Corp(CorpConfig{CorpID: auth.AuthCorpInfo.CorpID, PermanentCode: auth.PermanentCode, AgentID: agent.AgentID})
			require.NoError(t, err)
			u, err := corp.User.Get(ctx, "zhangsan")
			require.NoError(t, err)
			assert.Equal(t, "wwcorpA", u.Name, "the call carried the corp's token")
			if customized {
				assert.Equal(t, 1, f.count("/cgi-bin/gettoken"))
				assert.Zero(t, f.count("/cgi-bin/service/get_corp_token"))
			} else {
				assert.Equal(t, 1, f.count("/cgi-bin/service/get_corp_token"))
				assert.Zero(t, f.count("/cgi-bin/gettoken"))
			}
			assert.Equal(t, 1, f.count("/cgi-bin/service/get_suite_token"))
		})
	}
}
