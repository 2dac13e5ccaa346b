package openwork

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/work"
)

// userGetResponder answers user/get with the userid and the token it got,
// so tests can see which corp token a call carried.
func userGetResponder(f *fake, tokenOf map[string]string) {
	f.on(http.MethodGet, "/cgi-bin/user/get", func(q url.Values, _ map[string]any) any {
		tok := q.Get("access_token")
		corp, ok := tokenOf[tok]
		if !ok {
			return map[string]any{"errcode": 40014, "errmsg": "invalid access_token"}
		}
		return map[string]any{"userid": q.Get("userid"), "name": corp}
	})
}

func TestThirdPartyCorpUsesGetCorpToken(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, token.NewMemoryCache(), false)
	suiteTokenResponder(f, "SUITE-TOKEN-1")
	f.on(http.MethodPost, "/cgi-bin/service/get_corp_token", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "SUITE-TOKEN-1", q.Get("suite_access_token"))
		corp := body["auth_corpid"].(string)
		assert.Equal(t, "PERM-"+corp, body["permanent_code"])
		// get_corp_token answers without errcode on success.
		return map[string]any{"access_token": "CORP-TOKEN-" + corp, "expires_in": 7200}
	})
	userGetResponder(f, map[string]string{"CORP-TOKEN-wwA": "wwA", "CORP-TOKEN-wwB": "wwB"})
	ctx := context.Background()
	require.NoError(t, s.SetTicket(ctx, "TICKET-1"))

	a := mustCorp(t, s, CorpConfig{CorpID: "wwA", PermanentCode: "PERM-wwA", AgentID: 1000012})
	assert.Same(t, a, mustCorp(t, s, CorpConfig{CorpID: "wwA", PermanentCode: "PERM-wwA", AgentID: 1000012}), "clients are reused")
	b := mustCorp(t, s, CorpConfig{CorpID: "wwB", PermanentCode: "PERM-wwB", AgentID: 1000013})

	// Two authorized corps served concurrently never mix tokens.
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 100 {
		for corp, client := range map[string]*work.Client{"wwA": a, "wwB": b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := client.User.Get(ctx, fmt.Sprintf("user%d", i))
				if err != nil {
					errs <- err
					return
				}
				if got.Name != corp {
					errs <- fmt.Errorf("call for %s carried the token of %s", corp, got.Name)
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.Equal(t, 2, f.count("/cgi-bin/service/get_corp_token"), "one token per corp")
	assert.Equal(t, 1, f.count("/cgi-bin/service/get_suite_token"))
}

func TestCustomizedCorpUsesGettokenWithPermanentCode(t *testing.T) {
	f := newFake(t)
	cache := token.NewMemoryCache()
	s := newSuite(t, f, cache, true)
	f.on(http.MethodGet, "/cgi-bin/gettoken", func(q url.Values, _ map[string]any) any {
		assert.Equal(t, "wwA", q.Get("corpid"))
		assert.Equal(t, "PERM-A", q.Get("corpsecret"), "the permanent code is the secret")
		return map[string]any{"errcode": 0, "access_token": "CUSTOM-TOKEN-A", "expires_in": 7200}
	})
	userGetResponder(f, map[string]string{"CUSTOM-TOKEN-A": "wwA"})

	c := mustCorp(t, s, CorpConfig{CorpID: "wwA", PermanentCode: "PERM-A", AgentID: 1000020})
	u, err := c.User.Get(context.Background(), "zhangsan")
	require.NoError(t, err)
	assert.Equal(t, "zhangsan", u.UserID)
	assert.Equal(t, "wwA", u.Name)
	assert.Zero(t, f.count("/cgi-bin/service/get_corp_token"), "customized apps never use get_corp_token")
	assert.Zero(t, f.count("/cgi-bin/service/get_suite_token"), "nor need a suite token")
}

// Corp refuses, before any network call, a corp it could never get a
// token for, and its configuration never prints the permanent code.
func TestCorpValidatesItsConfig(t *testing.T) {
	f := newFake(t)
	for _, customized := range []bool{false, true} {
		s := newSuite(t, f, token.NewMemoryCache(), customized)
		for _, cfg := range []CorpConfig{{CorpID: "wwA", AgentID: 1}, {PermanentCode: "PERM-SECRET", AgentID: 1}} {
			c, err := s.Corp(cfg)
			require.ErrorIs(t, err, wecom.ErrConfig)
			require.Nil(t, c)
			assert.NotContains(t, err.Error(), "PERM-SECRET")
		}
	}
	assert.Zero(t, f.mt.GetTotalCallCount(), "no network call")

	cfg := CorpConfig{CorpID: "wwA", PermanentCode: "PERM-SECRET", AgentID: 7}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("corp", "cfg", cfg)
	for _, out := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), buf.String()} {
		assert.NotContains(t, out, "PERM-SECRET")
		assert.Contains(t, out, "wwA")
	}
}

func mustCorp(t *testing.T, s *Suite, cfg CorpConfig) *work.Client {
	t.Helper()
	c, err := s.Corp(cfg)
	require.NoError(t, err)
	return c
}
