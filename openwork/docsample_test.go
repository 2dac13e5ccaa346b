package openwork

// The official docs' samples as the oracle of the provider and suite
// endpoints: each case sends the documented request sample through the
// method (the body WeCom receives equals the sample) and answers with the
// documented response sample, whose every field must reach the caller.
// The samples are stored verbatim in testdata/docs (see its README).

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/token"
)

// docCase is one method checked against its doc page's samples.
type docCase struct {
	name   string
	page   string // developer.work.weixin.qq.com/document/path/<page>
	method string
	path   string
	// request is the sample file of the request body ("": none); when
	// wantBody is set it is compared instead (the SDK sends a documented
	// variant, explained in the case).
	request  string
	wantBody string
	// response is the sample file of the answer; reply, when set, is the
	// answer instead (built from the page's field table where no copy of
	// its sample was found).
	response string
	reply    string
	// under names the member of the answer the method returns ("": the
	// whole answer).
	under string
	// skip lists answer members the method deliberately does not return.
	skip []string
	call func(ctx context.Context, p *Provider, s *Suite) (any, error)
}

func docCases() []docCase {
	return []docCase{
		{
			name: "Suite.PermanentCode", page: "90603", method: http.MethodPost, path: "/cgi-bin/service/get_permanent_code",
			wantBody: `{"auth_code":"auth_code_value"}`, response: "get_permanent_code.response.json",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.PermanentCode(ctx, "auth_code_value")
			},
		},
		{
			name: "Suite.AuthInfo", page: "90604", method: http.MethodPost, path: "/cgi-bin/service/get_auth_info",
			request: "get_auth_info.request.json", response: "get_auth_info.response.json",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.AuthInfo(ctx, "auth_corpid_value", "code_value")
			},
		},
		{
			name: "Suite.AdminList", page: "90606", method: http.MethodPost, path: "/cgi-bin/service/get_admin_list",
			request: "get_admin_list.request.json", response: "get_admin_list.response.json", under: "admin",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.AdminList(ctx, "auth_corpid_value", 1000046)
			},
		},
		{
			name: "Suite.SetSessionInfo", page: "90602", method: http.MethodPost, path: "/cgi-bin/service/set_session_info",
			request: "set_session_info.request.json",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return nil, s.SetSessionInfo(ctx, SessionInfoRequest{PreAuthCode: "xxxxx", AuthType: AuthTypeTest, AppIDs: []int64{1, 2, 3}})
			},
		},
		{
			// The sample shows a legacy multi-app suite (appid) asking for
			// the PNG buffer (result_type 1); the SDK names the suite and
			// always asks for a URL (result_type 2), both documented values.
			name: "Suite.AppQRCodeURL", page: "95430", method: http.MethodPost, path: "/cgi-bin/service/get_app_qrcode",
			wantBody: `{"suite_id":"wwsuite1","state":"test","style":0,"result_type":2}`,
			response: "get_app_qrcode.response.json", under: "qrcode",
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.AppQRCodeURL(ctx, "test", QRCodeFramedPrint)
			},
		},
		{
			name: "Provider.CustomizedAuthURL", page: "95823", method: http.MethodPost, path: "/cgi-bin/service/get_customized_auth_url",
			request: "get_customized_auth_url.request.json", response: "get_customized_auth_url.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.CustomizedAuthURL(ctx, "test", "dk1", "dk2")
			},
		},
		{
			name: "Suite.PreAuthCode", page: "90601", method: http.MethodGet, path: "/cgi-bin/service/get_pre_auth_code",
			reply: `{"errcode":0,"errmsg":"ok","pre_auth_code":"Cx_Dk6qiBE0Dmx4EmlT3oRfArPvwSQ-oa3NL_fwHM7VI08r52wazoZX2Rhpz1dEw","expires_in":1200}`,
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.PreAuthCode(ctx)
			},
		},
		{
			// The v2 answer carries no access token and no auth_info.
			name: "Suite.PermanentCodeV2", page: "100776", method: http.MethodPost, path: "/cgi-bin/service/v2/get_permanent_code",
			wantBody: `{"auth_code":"auth_code_value"}`,
			reply: `{"errcode":0,"errmsg":"ok","permanent_code":"xxxx","auth_corp_info":{"corpid":"xxxx","corp_name":"name"},` +
				`"auth_user_info":{"userid":"aa","open_userid":"xxxxxx","name":"xxx","avatar":"http://xxx"},` +
				`"register_code_info":{"register_code":"1111","template_id":"tpl111","state":"state001"},"state":"state001"}`,
			call: func(ctx context.Context, _ *Provider, s *Suite) (any, error) {
				return s.PermanentCodeV2(ctx, "auth_code_value")
			},
		},
		{
			name: "Provider.OpenCorpID", page: "95604", method: http.MethodPost, path: "/cgi-bin/service/corpid_to_opencorpid",
			wantBody: `{"corpid":"xxxxx"}`, reply: `{"errcode":0,"errmsg":"ok","open_corpid":"xxxx"}`, under: "open_corpid",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.OpenCorpID(ctx, "xxxxx")
			},
		},
		{
			name: "Provider.RegisterCode", page: "90581", method: http.MethodPost, path: "/cgi-bin/service/get_register_code",
			wantBody: `{"template_id":"TEMPLATEID","corp_name":"腾讯科技","admin_name":"张三","admin_mobile":"13800000000","state":"STATE","follow_user":"zhangsan"}`,
			reply:    `{"errcode":0,"errmsg":"ok","register_code":"pIKi3wRPNWCGF-pyP-YU5KWjDDD","expires_in":600}`,
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.RegisterCode(ctx, RegisterCodeRequest{TemplateID: "TEMPLATEID", CorpName: "腾讯科技", AdminName: "张三",
					AdminMobile: "13800000000", State: "STATE", FollowUser: "zhangsan"})
			},
		},
		{
			name: "Provider.LoginInfo", page: "91125", method: http.MethodPost, path: "/cgi-bin/service/get_login_info",
			wantBody: `{"auth_code":"xxxxx"}`,
			reply: `{"errcode":0,"errmsg":"ok","usertype":1,"user_info":{"userid":"xxxx","open_userid":"xxx","name":"xxxx","avatar":"xxxx"},` +
				`"corp_info":{"corpid":"wx6c698d13f7a409a4"},"agent":[{"agentid":0,"auth_type":1},{"agentid":1,"auth_type":1},{"agentid":2,"auth_type":1}],` +
				`"auth_info":{"department":[{"id":2,"writable":true}]}}`,
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.LoginInfo(ctx, "xxxxx")
			},
		},
		{
			name: "Provider.RegisterInfo", page: "90582", method: http.MethodPost, path: "/cgi-bin/service/get_register_info",
			wantBody: `{"register_code":"1111"}`, response: "get_register_info.response.json",
			call: func(ctx context.Context, p *Provider, _ *Suite) (any, error) {
				return p.RegisterInfo(ctx, "1111")
			},
		},
	}
}

func TestDocSamples(t *testing.T) {
	for _, tc := range append(append(docCases(), licenseDocCases()...), tailDocCases()...) {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			p, err := New(Config{CorpID: "wwprovider", ProviderSecret: "PROVIDER-SECRET"}, f.options(token.NewMemoryCache())...)
			require.NoError(t, err)
			s, err := p.Suite(SuiteConfig{SuiteID: "wwsuite1", SuiteSecret: "SUITE-SECRET"})
			require.NoError(t, err)
			suiteTokenResponder(f, "SUITE-TOKEN")
			f.on(http.MethodPost, "/cgi-bin/service/get_provider_token", func(url.Values, map[string]any) any {
				return map[string]any{"provider_access_token": "PTOKEN", "expires_in": 7200}
			})
			answer := json.RawMessage(`{"errcode":0,"errmsg":"ok"}`)
			switch {
			case tc.response != "":
				answer = readDocSample(t, tc.response)
			case tc.reply != "":
				answer = json.RawMessage(tc.reply)
			}
			var sent map[string]any
			f.on(tc.method, tc.path, func(_ url.Values, body map[string]any) any {
				sent = body
				return answer
			})
			ctx := context.Background()
			require.NoError(t, s.SetTicket(ctx, "TICKET-1"))

			got, err := tc.call(ctx, p, s)
			require.NoError(t, err)
			require.Equal(t, 1, f.count(tc.path), "requests sent")

			switch {
			case tc.wantBody != "":
				var want map[string]any
				require.NoError(t, json.Unmarshal([]byte(tc.wantBody), &want))
				assert.Equal(t, want, sent, "body sent")
			case tc.request != "":
				var want map[string]any
				require.NoError(t, json.Unmarshal(readDocSample(t, tc.request), &want))
				assert.Equal(t, want, sent, "body sent: the doc's request sample")
			}
			if tc.response != "" || tc.reply != "" {
				assertReachesCaller(t, answer, got, tc.under, tc.skip...)
			}
		})
	}
}

// readDocSample returns a sample file of testdata/docs.
func readDocSample(t *testing.T, name string) json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "docs", name))
	require.NoError(t, err)
	require.True(t, json.Valid(b), "%s is not JSON", name)
	return b
}

// assertReachesCaller checks that every field of a documented answer
// (but errcode and errmsg) reaches the caller: each leaf of the sample is
// found, with its value, at the same place in the JSON form of got. under
// selects the member of the answer got stands for; skip lists members of
// the answer that got deliberately leaves out. A zero leaf may be missing
// (an omitempty field holding it).
func assertReachesCaller(t *testing.T, sample []byte, got any, under string, skip ...string) {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(sample, &doc))
	delete(doc, "errcode")
	delete(doc, "errmsg")
	for _, k := range skip {
		delete(doc, k)
	}
	var want any = doc
	if under != "" {
		want = doc[under]
	}
	b, err := json.Marshal(got)
	require.NoError(t, err)
	var have any
	require.NoError(t, json.Unmarshal(b, &have))
	for _, miss := range missingLeaves("", want, have) {
		t.Errorf("documented field lost: %s", miss)
	}
}

// missingLeaves lists the leaves of want that have is missing or holds
// with another value.
func missingLeaves(path string, want, have any) []string {
	switch w := want.(type) {
	case map[string]any:
		h, _ := have.(map[string]any)
		var out []string
		for k, v := range w {
			hv, ok := h[k]
			if !ok {
				if !isZeroLeaf(v) {
					out = append(out, path+"."+k)
				}
				continue
			}
			out = append(out, missingLeaves(path+"."+k, v, hv)...)
		}
		return out
	case []any:
		h, _ := have.([]any)
		if len(h) != len(w) {
			if len(w) == 0 {
				return nil
			}
			return []string{fmt.Sprintf("%s (%d items, got %d)", path, len(w), len(h))}
		}
		var out []string
		for i := range w {
			out = append(out, missingLeaves(fmt.Sprintf("%s[%d]", path, i), w[i], h[i])...)
		}
		return out
	default:
		if fmt.Sprint(want) != fmt.Sprint(have) {
			return []string{fmt.Sprintf("%s = %v, got %v", strings.TrimPrefix(path, "."), want, have)}
		}
		return nil
	}
}

// isZeroLeaf reports whether v is a JSON zero value: "", 0, false, null,
// an empty list or object.
func isZeroLeaf(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case float64:
		return x == 0
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}
