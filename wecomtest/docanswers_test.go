package wecomtest

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/wecomtest/internal/gendocanswers/answers"
	"github.com/wecomkit/wecom/work"
)

// The embedded answers are what the SDK's doc-sample tables say today:
// run go generate ./wecomtest after adding a doc case or a sample.
func TestDocAnswersAreUpToDate(t *testing.T) {
	res, err := answers.Build("..")
	require.NoError(t, err)
	assert.Empty(t, res.Unread, "doc cases the generator cannot read: give them constant paths and answers")
	src, err := answers.Source(res)
	require.NoError(t, err)
	onDisk, err := os.ReadFile("docanswers_gen.json")
	require.NoError(t, err)
	if string(src) != string(onDisk) {
		var stale map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(onDisk, &stale), "docanswers_gen.json: run go generate ./wecomtest")
		var changed []string
		for path, want := range res.Map() {
			if got, ok := stale[path]; !ok || string(got) != string(want) {
				changed = append(changed, path)
			}
			delete(stale, path)
		}
		slices.Sort(changed)
		t.Errorf("docanswers_gen.json is stale: run go generate ./wecomtest\nnew or changed: %v\ngone: %v",
			changed, slices.Sorted(maps.Keys(stale)))
	}
	assert.Equal(t, string(onDisk), string(docAnswersJSON), "the embedded copy is the file (rebuild)")

	table := docAnswers()
	require.NotEmpty(t, table, "docanswers_gen.json decodes")
	for path, sample := range table {
		var v struct {
			Code *json.Number `json:"errcode"`
		}
		if !assert.NoError(t, json.Unmarshal(sample, &v), path) {
			continue
		}
		if v.Code != nil {
			assert.Equal(t, "0", v.Code.String(), "%s: a documented answer succeeds", path)
		}
	}
}

// unansweredPaths are the SDK's endpoints that neither a route nor a
// documented answer serves, each with the reason.
var unansweredPaths = map[string]string{
	"/cgi-bin/media/get/jssdk": "binary download (高清语音 as speex): its page shows a file, no JSON sample; stub it with Handle",
}

// Every endpoint an SDK method calls is answered: by a route modelling
// it, by its documentation sample, or it is one of unansweredPaths.
func TestEveryMethodPathIsAnswered(t *testing.T) {
	var modelled, documented, excepted, missing []string
	for _, path := range slices.Compact(slices.Sorted(maps.Values(methodPaths))) {
		_, routed := routes[path]
		_, answered := documentedAnswer(path)
		_, excused := unansweredPaths[path]
		switch {
		case routed:
			modelled = append(modelled, path)
		case answered:
			documented = append(documented, path)
		case excused:
			excepted = append(excepted, path)
		default:
			missing = append(missing, path)
		}
	}
	assert.Empty(t, missing, "SDK endpoints the fake does not answer: model them, add a doc case with a sample, or list them in unansweredPaths with the reason")
	called := slices.Collect(maps.Values(methodPaths))
	for path := range unansweredPaths {
		switch {
		case !slices.Contains(called, path):
			t.Errorf("unansweredPaths lists %s, which no SDK method calls (or methods_gen.go is stale: run go generate ./wecomtest)", path)
		case !slices.Contains(excepted, path):
			t.Errorf("unansweredPaths lists %s, which is answered now: drop it", path)
		}
	}
	t.Logf("SDK endpoints: %d modelled by routes, %d answered with their doc sample, %d exceptions, %d unanswered",
		len(modelled), len(documented), len(excepted), len(missing))
}

// newDocClient returns a work client of the default corp pointed at s.
func newDocClient(t *testing.T, s *Server) *work.Client {
	t.Helper()
	c, err := work.New(work.Config{CorpID: DefaultCorpID, AgentID: DefaultAgentID, Secret: DefaultSecret},
		wecom.WithBaseURL(s.URL()))
	require.NoError(t, err)
	return c
}

// sampleOf decodes the documented answer of path into a T.
func sampleOf[T any](t *testing.T, path string) T {
	t.Helper()
	raw, ok := docAnswers()[path]
	require.True(t, ok, "no documented answer for %s", path)
	var v T
	require.NoError(t, json.Unmarshal(raw, &v))
	return v
}

// Methods no route models get their page's response sample, decoded by
// the SDK as the real answer would be.
func TestDocumentedAnswersThroughTheSDK(t *testing.T) {
	s := newTestServer(t)
	c := newDocClient(t, s)
	ctx := t.Context()

	const quotaPath = "/cgi-bin/externalcontact/customer_acquisition_quota"
	quota, err := c.CustomerAcquisition.Quota(ctx)
	require.NoError(t, err)
	wantQuota := sampleOf[work.AcquisitionQuota](t, quotaPath)
	require.NotZero(t, wantQuota.Total)
	assert.Equal(t, wantQuota, *quota)
	assert.Equal(t, 1, s.Calls("CustomerAcquisition.Quota"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			q, err := c.CustomerAcquisition.Quota(ctx)
			if assert.NoError(t, err) {
				assert.Equal(t, wantQuota, *q, "the shared sample is never altered")
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 9, s.Calls("CustomerAcquisition.Quota"))

	const rulesPath = "/cgi-bin/externalcontact/get_intercept_rule_list"
	rules, err := c.Intercept.Rules(ctx)
	require.NoError(t, err)
	wantRules := sampleOf[struct {
		List []work.InterceptRuleSummary `json:"rule_list"`
	}](t, rulesPath).List
	require.NotEmpty(t, wantRules)
	assert.Equal(t, wantRules, rules)

	// An OA path: the leave types of oa/vacation/getcorpconf.
	const vacationPath = "/cgi-bin/oa/vacation/getcorpconf"
	types, err := c.Vacation.CorpConfig(ctx)
	require.NoError(t, err)
	wantTypes := sampleOf[struct {
		Lists []struct {
			ID      int64  `json:"id"`
			Name    string `json:"name"`
			PerDay  int64  `json:"perday_duration"`
			Enter   int    `json:"enter_comp_time_limit"`
			Expires struct {
				Duration int `json:"duration"`
			} `json:"expire_rule"`
		} `json:"lists"`
	}](t, vacationPath).Lists
	require.Len(t, types, len(wantTypes))
	require.NotEmpty(t, types)
	for i, w := range wantTypes {
		assert.Equal(t, w.ID, types[i].ID)
		assert.Equal(t, w.Name, types[i].Name)
		assert.Equal(t, time.Duration(w.PerDay)*time.Second, types[i].PerDay)
		assert.Equal(t, w.Enter, types[i].EnterCompTimeLimit)
	}
}

// Provider and suite endpoints answer their samples too, with the
// provider and suite tokens the fake issued.
func TestDocumentedAnswersForProviderAndSuite(t *testing.T) {
	s := newTestServer(t)
	ctx := t.Context()
	p, err := openwork.New(openwork.Config{CorpID: DefaultProviderCorpID, ProviderSecret: DefaultProviderSecret},
		wecom.WithBaseURL(s.URL()))
	require.NoError(t, err)

	found, err := p.Contact.Search(ctx, openwork.ContactSearchRequest{AuthCorpID: "wwcorp", QueryWord: "zhang"})
	require.NoError(t, err)
	want := sampleOf[openwork.ContactSearch](t, "/cgi-bin/service/contact/search")
	require.NotEmpty(t, want.QueryResult.User.UserID)
	assert.Equal(t, want, *found)
	assert.Equal(t, 1, s.Calls("Provider.Contact.Search"))

	su, err := p.Suite(openwork.SuiteConfig{SuiteID: DefaultSuiteID, SuiteSecret: DefaultSuiteSecret})
	require.NoError(t, err)
	require.NoError(t, su.SetTicket(ctx, s.IssueSuiteTicket(DefaultSuiteID)))
	session, err := su.JSCode2Session(ctx, "CODE")
	require.NoError(t, err)
	wantSession := sampleOf[openwork.MiniProgramSession](t, "/cgi-bin/service/miniprogram/jscode2session")
	require.NotEmpty(t, wantSession.SessionKey)
	assert.Equal(t, wantSession, *session)

	assert.Equal(t, 40082, get(t, s, "/cgi-bin/service/miniprogram/jscode2session",
		with(nil, "suite_access_token", "forged")).code(t), "a suite token the fake did not issue")
}

// Documented answers keep the fake's credential checks and faults.
func TestDocumentedAnswerCredentialsAndFaults(t *testing.T) {
	s := newTestServer(t)
	const path = "/cgi-bin/externalcontact/get_intercept_rule_list"
	_, routed := routes[path]
	require.False(t, routed, "the test needs a path no route models")

	q := appToken(t, s)
	assert.Equal(t, 0, post(t, s, path, q, `{}`).code(t))
	assert.Equal(t, 40014, post(t, s, path, with(nil, "access_token", "forged"), `{}`).code(t), "a token the fake did not issue")
	assert.Equal(t, 41001, post(t, s, path, nil, `{}`).code(t), "no token at all")
	assert.Equal(t, 404, post(t, s, "/cgi-bin/externalcontact/no_such_call", q, `{}`).code(t), "undocumented paths stay unknown")

	// Through the SDK: an injected errcode by method name, then a
	// refresh after the token expired, then a Handle that overrides.
	c := newDocClient(t, s)
	ctx := t.Context()
	before := s.Calls("Intercept.Rules")
	require.NoError(t, s.FailNext("Intercept.Rules", 60011, ""))
	_, err := c.Intercept.Rules(ctx)
	apiErr, ok := errors.AsType[*wecom.APIError](err)
	require.True(t, ok, "got %v", err)
	assert.Equal(t, 60011, apiErr.Code)

	rules, err := c.Intercept.Rules(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, rules)
	tokens := s.Calls("/cgi-bin/gettoken")
	s.ExpireTokens()
	_, err = c.Intercept.Rules(ctx)
	require.NoError(t, err, "an expired token is refused with 42001 and the SDK refreshes it")
	assert.Equal(t, tokens+1, s.Calls("/cgi-bin/gettoken"))

	s.Handle("Intercept.Rules", func(*http.Request, []byte) (any, error) {
		return `{"rule_list":[{"rule_id":"mine","rule_name":"own stub","create_time":1700000000}]}`, nil
	})
	rules, err = c.Intercept.Rules(ctx)
	require.NoError(t, err)
	assert.Equal(t, []work.InterceptRuleSummary{{RuleID: "mine", RuleName: "own stub", CreateTime: 1700000000}}, rules)
	s.Handle("Intercept.Rules", nil)
	rules, err = c.Intercept.Rules(ctx)
	require.NoError(t, err)
	assert.NotEqual(t, "mine", rules[0].RuleID, "removing the stub brings the documented answer back")
	assert.Equal(t, before+6, s.Calls("Intercept.Rules"), "each call counted, the refused one and its retry too")
}
