package oauth_test

// The official docs' samples as the oracle, as in work and openwork: each
// endpoint's request sample goes through its method (body compared as JSON
// values, the exact query checked), and each documented value of its
// response sample (every non-empty string, every number other than 0 and
// 1, every true) must reach the caller. The samples are stored verbatim
// under testdata/docs; README.md there says where each came from.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/oauth"
)

// docClients are the package's three clients, sharing one transport and
// one token source.
type docClients struct {
	corp     *oauth.Client
	suite    *oauth.SuiteClient
	provider *oauth.ProviderClient
}

// oauthDocCase is one documented endpoint run through its method.
type oauthDocCase struct {
	name string
	// page is the doc page: developer.work.weixin.qq.com/document/path/<page>.
	page         int
	method, path string
	// credential is the query parameter carrying the token.
	credential string
	// query is the rest of the exact query the doc's request shows.
	query url.Values
	// request is the request sample's file under testdata/docs ("": none).
	request string
	// response is the response sample's file under testdata/docs.
	response string
	// call invokes the method; req is the request sample (nil if none).
	call func(t *testing.T, c docClients, req []byte) (any, error)
	// check, when set, asserts more about the result.
	check func(t *testing.T, got any)
}

// ticketOrCode reads the user_ticket or auth_code of a request sample.
func ticketOrCode(t *testing.T, req []byte) (ticket, code string) {
	t.Helper()
	var in struct {
		UserTicket string `json:"user_ticket"`
		AuthCode   string `json:"auth_code"`
	}
	require.NoError(t, json.Unmarshal(req, &in))
	return in.UserTicket, in.AuthCode
}

func TestDocSamples(t *testing.T) {
	cases := []oauthDocCase{
		{
			name: "auth/getuserinfo member", page: 91023,
			method: http.MethodGet, path: "/cgi-bin/auth/getuserinfo", credential: "access_token",
			query:    url.Values{"code": {"CODE"}},
			response: "getuserinfo.member.response.json",
			call: func(t *testing.T, c docClients, _ []byte) (any, error) {
				return c.corp.UserFromCode(t.Context(), "CODE")
			},
			check: func(t *testing.T, got any) { assert.True(t, got.(*oauth.Identity).IsMember()) },
		},
		{
			name: "auth/getuserinfo non-member", page: 91023,
			method: http.MethodGet, path: "/cgi-bin/auth/getuserinfo", credential: "access_token",
			query:    url.Values{"code": {"CODE"}},
			response: "getuserinfo.nonmember.response.json",
			call: func(t *testing.T, c docClients, _ []byte) (any, error) {
				return c.corp.UserFromCode(t.Context(), "CODE")
			},
			check: func(t *testing.T, got any) { assert.False(t, got.(*oauth.Identity).IsMember()) },
		},
		{
			name: "auth/getuserdetail", page: 95833,
			method: http.MethodPost, path: "/cgi-bin/auth/getuserdetail", credential: "access_token",
			request: "getuserdetail.request.json", response: "getuserdetail.response.json",
			call: func(t *testing.T, c docClients, req []byte) (any, error) {
				ticket, _ := ticketOrCode(t, req)
				return c.corp.UserDetail(t.Context(), ticket)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, oauth.GenderMale, got.(*oauth.UserDetail).Gender) },
		},
		{
			name: "service/auth/getuserinfo3rd member", page: 91121,
			method: http.MethodGet, path: "/cgi-bin/service/auth/getuserinfo3rd", credential: "suite_access_token",
			query:    url.Values{"code": {"CODE"}},
			response: "getuserinfo3rd.member.response.json",
			call: func(t *testing.T, c docClients, _ []byte) (any, error) {
				return c.suite.UserFromCode(t.Context(), "CODE")
			},
			check: func(t *testing.T, got any) {
				id := got.(*oauth.SuiteIdentity)
				assert.True(t, id.IsMember())
				assert.Equal(t, "2h0m0s", id.UserTicketTTL().String())
			},
		},
		{
			name: "service/auth/getuserinfo3rd non-member", page: 91121,
			method: http.MethodGet, path: "/cgi-bin/service/auth/getuserinfo3rd", credential: "suite_access_token",
			query:    url.Values{"code": {"CODE"}},
			response: "getuserinfo3rd.nonmember.response.json",
			call: func(t *testing.T, c docClients, _ []byte) (any, error) {
				return c.suite.UserFromCode(t.Context(), "CODE")
			},
			check: func(t *testing.T, got any) { assert.False(t, got.(*oauth.SuiteIdentity).IsMember()) },
		},
		{
			// The mirror's copy keeps the page's earlier answer, with
			// CorpId/UserId/OpenId/DeviceId capitalised.
			name: "service/auth/getuserinfo3rd earlier keys", page: 91121,
			method: http.MethodGet, path: "/cgi-bin/service/auth/getuserinfo3rd", credential: "suite_access_token",
			query:    url.Values{"code": {"CODE"}},
			response: "getuserinfo3rd.skit.response.json",
			call: func(t *testing.T, c docClients, _ []byte) (any, error) {
				return c.suite.UserFromCode(t.Context(), "CODE")
			},
		},
		{
			name: "service/auth/getuserdetail3rd", page: 91122,
			method: http.MethodPost, path: "/cgi-bin/service/auth/getuserdetail3rd", credential: "suite_access_token",
			request: "getuserdetail3rd.request.json", response: "getuserdetail3rd.response.json",
			call: func(t *testing.T, c docClients, req []byte) (any, error) {
				ticket, _ := ticketOrCode(t, req)
				return c.suite.UserDetail(t.Context(), ticket)
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, oauth.GenderMale, got.(*oauth.SuiteUserDetail).Gender)
			},
		},
		{
			name: "service/get_login_info", page: 91125,
			method: http.MethodPost, path: "/cgi-bin/service/get_login_info", credential: "access_token",
			request: "get_login_info.request.json", response: "get_login_info.response.json",
			call: func(t *testing.T, c docClients, req []byte) (any, error) {
				_, code := ticketOrCode(t, req)
				return c.provider.LoginInfo(t.Context(), code)
			},
			check: func(t *testing.T, got any) {
				info := got.(*oauth.LoginInfo)
				assert.Equal(t, oauth.LoginUserCreator, info.UserType)
				require.Len(t, info.Agents, 3)
				assert.Equal(t, oauth.AgentAuthManage, info.Agents[0].AuthType)
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var req []byte
			if tc.request != "" {
				req = readSample(t, tc.request)
			}
			resp := readSample(t, tc.response)
			mt := httpmock.NewMockTransport()
			tok := &staticToken{tok: testToken}
			opts := testOptions(mt)
			c := docClients{
				corp:     mustNew(t, oauth.Config{CorpID: testCorpID, AgentID: testAgentID}, tok, opts...),
				suite:    mustSuite(t, oauth.SuiteConfig{SuiteID: "wwsuite1"}, tok, opts...),
				provider: mustProvider(t, oauth.ProviderConfig{CorpID: "wwprovider"}, tok, opts...),
			}
			rec := stub(mt, tc.method, tc.path, http.StatusOK, string(resp))

			got, err := tc.call(t, c, req)
			require.NoError(t, err, "doc page %d", tc.page)
			require.Equal(t, 1, rec.count(), "requests sent")
			r, body := rec.last(t)
			assert.Equal(t, tc.method, r.Method)
			assert.Equal(t, tc.path, r.URL.Path)
			want := url.Values{tc.credential: {testToken}}
			for k, v := range tc.query {
				want[k] = v
			}
			assert.Equal(t, want, r.URL.Query(), "query")
			if req != nil {
				requireJSONBody(t, string(req), body)
			} else {
				assert.Empty(t, body, "request body")
			}
			assertSampleReached(t, resp, got)
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

// readSample reads testdata/docs/<name>.
func readSample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "docs", name))
	require.NoError(t, err)
	require.True(t, json.Valid(b), "testdata/docs/%s is not JSON", name)
	return b
}

// assertSampleReached checks that every documented value of the response
// sample resp (errcode and errmsg aside) is somewhere in got, the value
// the caller receives: each non-empty string, each number other than 0
// and 1, each true.
func assertSampleReached(t *testing.T, resp []byte, got any) {
	t.Helper()
	out, err := json.Marshal(got)
	require.NoError(t, err)
	have := map[string]bool{}
	walkLeaves(decodeTree(t, out), "", func(_ string, v string) { have[v] = true })
	var missing []string
	walkLeaves(decodeTree(t, resp), "", func(path, v string) {
		if path == "errcode" || path == "errmsg" || v == "" || v == "0" || v == "1" || v == "false" {
			return
		}
		if !have[v] {
			missing = append(missing, path+" = "+v)
		}
	})
	sort.Strings(missing)
	assert.Empty(t, missing, "documented values that do not reach the caller")
}

func decodeTree(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tree any
	require.NoError(t, dec.Decode(&tree))
	return tree
}

// walkLeaves calls fn with the path and text of each scalar under v (a
// string as is; a number, bool as JSON prints them; null skipped).
func walkLeaves(v any, path string, fn func(path, text string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			walkLeaves(e, p, fn)
		}
	case []any:
		for _, e := range v {
			walkLeaves(e, path+"[]", fn)
		}
	case string:
		fn(path, v)
	case json.Number, bool:
		fn(path, fmt.Sprint(v))
	}
}
