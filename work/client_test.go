package work

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
)

func TestNewRequiresCorpIDAndSecret(t *testing.T) {
	for _, cfg := range []Config{{CorpID: "ww"}, {Secret: "s"}, {}} {
		c, err := New(cfg)
		assert.ErrorIs(t, err, wecom.ErrConfig)
		assert.Nil(t, c)
	}
	c, err := NewWithTokenSource(Config{CorpID: "ww"}, nil)
	assert.ErrorIs(t, err, wecom.ErrConfig)
	assert.Nil(t, c)
}

func TestAccessTokenKeyHidesTheSecret(t *testing.T) {
	k1 := AccessTokenKey("wwcorp", 1000002, "secret-one")
	k2 := AccessTokenKey("wwcorp", 1000002, "secret-two")
	assert.True(t, strings.HasPrefix(k1, "wecom:access_token:wwcorp:1000002:"), k1)
	assert.NotEqual(t, k1, k2, "different secrets, different keys")
	assert.NotContains(t, k1, "secret-one")
}

func TestClientAccessToken(t *testing.T) {
	c, mt := newTestClient(t)
	for range 3 {
		tok, err := c.AccessToken(t.Context())
		require.NoError(t, err)
		assert.Equal(t, testToken, tok)
	}
	assert.Equal(t, 1, tokenCalls(mt), "the token is cached")
	assert.Equal(t, Config{CorpID: testCorpID, AgentID: testAgentID, Secret: testSecret}, c.Config())
}

// A token that WeCom declares expired in the middle of a paginated walk is
// refreshed once, the page is fetched again and the walk goes on.
func TestClientTokenExpiredDuringWalk(t *testing.T) {
	c, mt := newTestClient(t)
	var fetched atomic.Int32
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/cgi-bin/gettoken", func(req *http.Request) (*http.Response, error) {
		n := fetched.Add(1)
		return httpmock.NewStringResponse(http.StatusOK,
			fmt.Sprintf(`{"errcode":0,"access_token":"TOKEN-%d","expires_in":7200}`, n)), nil
	})
	expired := false
	rec := stubFunc(t, mt, http.MethodPost, "/cgi-bin/user/list_id", func(_ int, r recordedRequest) string {
		switch cursorOf(r, "cursor") {
		case "":
			return `{"errcode":0,"next_cursor":"c1","dept_user":[{"userid":"u1","department":1},{"userid":"u2","department":1}]}`
		case "c1":
			if !expired {
				expired = true
				return `{"errcode":42001,"errmsg":"access_token expired"}`
			}
			return `{"errcode":0,"next_cursor":"c2","dept_user":[{"userid":"u3","department":1},{"userid":"u4","department":2}]}`
		case "c2":
			return `{"errcode":0,"next_cursor":"","dept_user":[{"userid":"u5","department":2}]}`
		}
		return `{"errcode":40058,"errmsg":"bad cursor"}`
	})

	var got []string
	for du, err := range c.User.AllIDs(t.Context(), UserIDListRequest{Limit: 2}) {
		require.NoError(t, err)
		got = append(got, du.UserID)
	}
	assert.Equal(t, []string{"u1", "u2", "u3", "u4", "u5"}, got, "every item, in order, once")
	assert.Equal(t, int32(2), fetched.Load(), "exactly one refresh")
	type call struct{ cursor, token string }
	var calls []call
	for _, r := range rec.all() {
		calls = append(calls, call{cursorOf(r, "cursor"), r.Query.Get("access_token")})
	}
	assert.Equal(t, []call{{"", "TOKEN-1"}, {"c1", "TOKEN-1"}, {"c1", "TOKEN-2"}, {"c2", "TOKEN-2"}}, calls)
}

// Two apps of one corp share a cache but never each other's token.
func TestClientsOfOneCorpShareACacheNotAToken(t *testing.T) {
	const (
		appSecret      = "app-secret"
		contactsSecret = "contacts-secret"
	)
	tokenOf := map[string]string{appSecret: "TOKEN-APP", contactsSecret: "TOKEN-CONTACTS"}
	// Each test call asks for a userid naming its client; the server
	// checks that the token it carries is that client's.
	wantToken := map[string]string{"app": "TOKEN-APP", "contacts": "TOKEN-CONTACTS"}

	mt := httpmock.NewMockTransport()
	var fetches, mismatches atomic.Int32
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/cgi-bin/gettoken", func(req *http.Request) (*http.Response, error) {
		fetches.Add(1)
		tok, ok := tokenOf[req.URL.Query().Get("corpsecret")]
		if !ok || req.URL.Query().Get("corpid") != testCorpID {
			return httpmock.NewStringResponse(http.StatusOK, `{"errcode":40001,"errmsg":"invalid credential"}`), nil
		}
		time.Sleep(5 * time.Millisecond) // let concurrent callers pile up
		return httpmock.NewStringResponse(http.StatusOK,
			`{"errcode":0,"access_token":"`+tok+`","expires_in":7200}`), nil
	})
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/cgi-bin/user/get", func(req *http.Request) (*http.Response, error) {
		q := req.URL.Query()
		if q.Get("access_token") != wantToken[q.Get("userid")] {
			mismatches.Add(1)
			return httpmock.NewStringResponse(http.StatusOK, `{"errcode":99999,"errmsg":"wrong token"}`), nil
		}
		return httpmock.NewStringResponse(http.StatusOK, `{"errcode":0,"userid":"`+q.Get("userid")+`"}`), nil
	})

	cache := token.NewMemoryCache()
	opts := []wecom.Option{wecom.WithHTTPClient(&http.Client{Transport: mt}), wecom.WithCache(cache)}
	app, err := New(Config{CorpID: testCorpID, AgentID: 1000002, Secret: appSecret}, opts...)
	require.NoError(t, err)
	contacts, err := New(Config{CorpID: testCorpID, AgentID: 0, Secret: contactsSecret}, opts...)
	require.NoError(t, err)

	var (
		wg     sync.WaitGroup
		failed atomic.Int32
	)
	for range 100 {
		for name, c := range map[string]*Client{"app": app, "contacts": contacts} {
			wg.Go(func() {
				u, err := c.User.Get(t.Context(), name)
				if err != nil || u.UserID != name {
					failed.Add(1)
				}
			})
		}
	}
	wg.Wait()
	assert.Zero(t, failed.Load(), "failed calls")
	assert.Zero(t, mismatches.Load(), "calls with another client's token")
	assert.Equal(t, int32(2), fetches.Load(), "one gettoken per secret")

	for secret, tok := range tokenOf {
		agent := int64(1000002)
		if secret == contactsSecret {
			agent = 0
		}
		v, err := cache.Get(t.Context(), AccessTokenKey(testCorpID, agent, secret))
		require.NoError(t, err, "the token lives in the shared cache")
		assert.True(t, strings.HasSuffix(v, tok), "cache holds %q", v)
	}
}

func TestClientDo(t *testing.T) {
	t.Run("GET with query", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubJSON(t, mt, http.MethodGet, "/cgi-bin/agent/get",
			`{"errcode":0,"errmsg":"ok","agentid":1000002,"name":"HR助手"}`)
		var out struct {
			AgentID int64  `json:"agentid"`
			Name    string `json:"name"`
		}
		require.NoError(t, c.Do(t.Context(), http.MethodGet, "/cgi-bin/agent/get?agentid=1000002", nil, &out))
		r := rec.last(t)
		assertCall(t, r, http.MethodGet, "/cgi-bin/agent/get")
		assert.Equal(t, "1000002", r.Query.Get("agentid"))
		assert.Empty(t, r.Body)
		assert.Equal(t, int64(1000002), out.AgentID)
		assert.Equal(t, "HR助手", out.Name)
	})
	t.Run("POST with body", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/corp/get_unwrapped",
			`{"errcode":0,"errmsg":"ok","items":[{"id":"a"},{"id":"b"}]}`)
		in := map[string]any{"limit": 2, "name": "<b>x</b>"}
		var out struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		require.NoError(t, c.Do(t.Context(), http.MethodPost, "/cgi-bin/corp/get_unwrapped", in, &out))
		r := rec.last(t)
		assertCall(t, r, http.MethodPost, "/cgi-bin/corp/get_unwrapped")
		assertJSONBody(t, r, `{"limit":2,"name":"<b>x</b>"}`)
		require.Len(t, out.Items, 2)
		assert.Equal(t, "b", out.Items[1].ID)
	})
	t.Run("errcode", func(t *testing.T) {
		c, mt := newTestClient(t)
		stubError(t, mt, http.MethodPost, "/cgi-bin/corp/get_unwrapped", 48002)
		err := c.Do(t.Context(), http.MethodPost, "/cgi-bin/corp/get_unwrapped?debug=1", map[string]int{"a": 1}, nil)
		apiErr := requireAPIError(t, err, 48002, "/cgi-bin/corp/get_unwrapped")
		assert.Equal(t, "test error", apiErr.Message)
	})
	t.Run("bad path", func(t *testing.T) {
		c, mt := newTestClient(t)
		err := c.Do(t.Context(), http.MethodGet, "/cgi-bin/%zz", nil, nil)
		assert.Error(t, err)
		assert.Zero(t, mt.GetTotalCallCount())
	})
}

func TestClientBadAnswers(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"HTML page", http.StatusOK, `<html><body>bad gateway</body></html>`},
		{"truncated JSON", http.StatusOK, `{"errcode":0,"userid":"zh`},
		{"empty body", http.StatusOK, ``},
		{"5xx without JSON", http.StatusBadGateway, `<html>502</html>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			mt.RegisterResponder(http.MethodGet, testBaseURL+"/cgi-bin/user/get",
				httpmock.NewStringResponder(tc.status, tc.body))
			u, err := c.User.Get(t.Context(), "zhangsan")
			assert.ErrorIs(t, err, wecom.ErrUnexpectedResponse)
			assert.Nil(t, u)
		})
	}
}

func TestClientTimeout(t *testing.T) {
	c, mt := newTestClient(t, wecom.WithTimeout(30*time.Millisecond))
	var attempts atomic.Int32
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/cgi-bin/user/get", func(req *http.Request) (*http.Response, error) {
		attempts.Add(1)
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-time.After(5 * time.Second):
			return httpmock.NewStringResponse(http.StatusOK, `{"errcode":0,"userid":"late"}`), nil
		}
	})
	start := time.Now()
	u, err := c.User.Get(t.Context(), "zhangsan")
	require.Error(t, err)
	assert.Nil(t, u)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "got %v", err)
	assert.Less(t, time.Since(start), 3*time.Second)
	assert.Equal(t, int32(3), attempts.Load(), "a read is retried after a timeout, up to MaxAttempts")
}

func TestClientCanceledContext(t *testing.T) {
	c, mt := newTestClient(t)
	stubJSON(t, mt, http.MethodGet, "/cgi-bin/user/get", `{"errcode":0,"userid":"u"}`)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.User.Get(ctx, "u")
	assert.ErrorIs(t, err, context.Canceled)
}

// An invalid token is refreshed once; if the new one is rejected too, the
// error is returned rather than looping.
func TestClientInvalidTokenTwice(t *testing.T) {
	c, mt := newTestClient(t)
	rec := stubError(t, mt, http.MethodGet, "/cgi-bin/user/get", wecom.CodeInvalidAccessToken)
	u, err := c.User.Get(t.Context(), "zhangsan")
	requireAPIError(t, err, wecom.CodeInvalidAccessToken, "/cgi-bin/user/get")
	assert.True(t, wecom.IsTokenInvalid(err))
	assert.Nil(t, u)
	assert.Equal(t, 2, rec.count(), "the call is repeated once")
	assert.Equal(t, 2, tokenCalls(mt), "the token is refreshed once")
}

// A secret that gettoken rejects is a configuration error: no loop, no call.
func TestClientRejectedSecret(t *testing.T) {
	c, mt := newTestClient(t)
	stubError(t, mt, http.MethodGet, "/cgi-bin/gettoken", wecom.CodeInvalidCredential)
	rec := stubJSON(t, mt, http.MethodGet, "/cgi-bin/user/get", `{"errcode":0}`)
	_, err := c.User.Get(t.Context(), "zhangsan")
	requireAPIError(t, err, wecom.CodeInvalidCredential, "/cgi-bin/gettoken")
	assert.Equal(t, 1, tokenCalls(mt))
	assert.Zero(t, rec.count())
}

// Neither error strings nor log records carry the secret or the token.
func TestClientNeverLeaksCredentials(t *testing.T) {
	const (
		secret = "S3CRET-never-show-me"
		tok    = "TOK-never-show-me-either"
	)
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	newClient := func(t *testing.T, gettokenBody string) (*Client, *httpmock.MockTransport) {
		mt := httpmock.NewMockTransport()
		if gettokenBody != "" {
			mt.RegisterResponder(http.MethodGet, testBaseURL+"/cgi-bin/gettoken",
				httpmock.NewStringResponder(http.StatusOK, gettokenBody))
		}
		c, err := New(Config{CorpID: testCorpID, AgentID: testAgentID, Secret: secret},
			wecom.WithHTTPClient(&http.Client{Transport: mt}), wecom.WithLogger(logger),
			wecom.WithTimeout(30*time.Millisecond),
			wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
		require.NoError(t, err)
		return c, mt
	}
	goodToken := `{"errcode":0,"access_token":"` + tok + `","expires_in":7200}`

	scenarios := map[string]func(t *testing.T) error{
		"success": func(t *testing.T) error {
			c, mt := newClient(t, goodToken)
			stubJSON(t, mt, http.MethodGet, "/cgi-bin/user/get", `{"errcode":0,"userid":"u"}`)
			_, err := c.User.Get(t.Context(), "u")
			require.NoError(t, err)
			return nil
		},
		"errcode": func(t *testing.T) error {
			c, mt := newClient(t, goodToken)
			stubJSON(t, mt, http.MethodGet, "/cgi-bin/user/get", `{"errcode":60111,"errmsg":"userid not found"}`)
			_, err := c.User.Get(t.Context(), "u")
			return err
		},
		"invalid token": func(t *testing.T) error {
			c, mt := newClient(t, goodToken)
			stubError(t, mt, http.MethodGet, "/cgi-bin/user/get", wecom.CodeAccessTokenExpired)
			_, err := c.User.Get(t.Context(), "u")
			return err
		},
		"transport failure": func(t *testing.T) error {
			c, _ := newClient(t, goodToken) // no responder for user/get
			_, err := c.User.Get(t.Context(), "u")
			return err
		},
		"timeout": func(t *testing.T) error {
			c, mt := newClient(t, goodToken)
			mt.RegisterResponder(http.MethodPost, testBaseURL+"/cgi-bin/user/list_id", func(req *http.Request) (*http.Response, error) {
				<-req.Context().Done()
				return nil, req.Context().Err()
			})
			_, err := c.User.ListIDs(t.Context(), UserIDListRequest{Limit: 10})
			return err
		},
		"non-JSON answer": func(t *testing.T) error {
			c, mt := newClient(t, goodToken)
			mt.RegisterResponder(http.MethodGet, testBaseURL+"/cgi-bin/user/get",
				httpmock.NewStringResponder(http.StatusOK, "<html>"+tok+"</html>"))
			_, err := c.User.Get(t.Context(), "u")
			return err
		},
		"gettoken rejects the secret": func(t *testing.T) error {
			c, _ := newClient(t, `{"errcode":40001,"errmsg":"invalid credential"}`)
			_, err := c.User.Get(t.Context(), "u")
			return err
		},
		"gettoken unreachable": func(t *testing.T) error {
			c, _ := newClient(t, "") // no responder for gettoken
			_, err := c.User.Get(t.Context(), "u")
			return err
		},
	}
	for name, run := range scenarios {
		t.Run(name, func(t *testing.T) {
			err := run(t)
			if name != "success" {
				require.Error(t, err)
				assert.NotContains(t, err.Error(), secret)
				assert.NotContains(t, err.Error(), tok)
			}
		})
	}
	out := logs.String()
	assert.Contains(t, out, "/cgi-bin/user/get", "the calls were logged")
	assert.NotContains(t, out, secret)
	assert.NotContains(t, out, tok)
}

// lockedBuffer is a bytes.Buffer safe for concurrent writers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
