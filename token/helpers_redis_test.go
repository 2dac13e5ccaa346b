package token_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/token"
)

// The credentials the fake gettoken endpoint accepts.
const (
	redisTestCorpID  = "ww1234567890abcdef"
	redisTestAgentID = 1000002
	redisTestSecret  = "S3cr3t-app-secret-never-in-a-key"
)

// redisTestKey is the key work.AccessTokenKey gives the test app: kind,
// corp, agent and a fingerprint of the secret.
func redisTestKey() string {
	sum := sha256.Sum256([]byte(redisTestSecret))
	return "wecom:access_token:" + redisTestCorpID + ":" + strconv.Itoa(redisTestAgentID) + ":" + hex.EncodeToString(sum[:6])
}

// gettokenFake is a loopback stand-in for WeCom's /cgi-bin/gettoken that
// counts the calls it gets.
type gettokenFake struct {
	URL       string
	calls     atomic.Int64
	expiresIn int64         // seconds, in every answer
	delay     time.Duration // before every answer
	// hangFirst makes the first call wait until its client goes away.
	hangFirst bool
	// arrived receives the number of each call as it comes in.
	arrived chan int64

	mu     sync.Mutex
	issued []string
}

func newGettokenFake(t testing.TB, configure func(*gettokenFake)) *gettokenFake {
	t.Helper()
	f := &gettokenFake{expiresIn: 7200, arrived: make(chan int64, 64)}
	if configure != nil {
		configure(f)
	}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

func (f *gettokenFake) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if r.URL.Path != "/cgi-bin/gettoken" || q.Get("corpid") != redisTestCorpID || q.Get("corpsecret") != redisTestSecret {
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprint(w, `{"errcode":40001,"errmsg":"invalid credential"}`)
		return
	}
	n := f.calls.Add(1)
	select {
	case f.arrived <- n:
	default:
	}
	if n == 1 && f.hangFirst {
		<-r.Context().Done()
		return
	}
	select {
	case <-time.After(f.delay):
	case <-r.Context().Done():
		return
	}
	tok := fmt.Sprintf("ACCESS-TOKEN-%d-%d", n, time.Now().UnixNano())
	f.mu.Lock()
	f.issued = append(f.issued, tok)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errcode": 0, "errmsg": "ok", "access_token": tok, "expires_in": f.expiresIn,
	})
}

// Issued returns the tokens handed out so far, oldest first.
func (f *gettokenFake) Issued() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.issued...)
}

// gettokenFetch is the FetchFunc of a self-built app, calling the
// gettoken endpoint at baseURL over HTTP as the work package does.
func gettokenFetch(baseURL string) token.FetchFunc {
	return func(ctx context.Context) (string, time.Duration, error) {
		q := url.Values{"corpid": {redisTestCorpID}, "corpsecret": {redisTestSecret}}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/cgi-bin/gettoken?"+q.Encode(), nil)
		if err != nil {
			return "", 0, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			// The URL carries the secret: keep it out of the error.
			var uerr *url.Error
			if errors.As(err, &uerr) {
				err = uerr.Err
			}
			return "", 0, fmt.Errorf("gettoken: %w", err)
		}
		defer resp.Body.Close()
		var out struct {
			ErrCode     int    `json:"errcode"`
			ErrMsg      string `json:"errmsg"`
			AccessToken string `json:"access_token"`
			ExpiresIn   int64  `json:"expires_in"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			return "", 0, fmt.Errorf("gettoken: %w", err)
		}
		if out.ErrCode != 0 {
			return "", 0, fmt.Errorf("gettoken: errcode %d: %s", out.ErrCode, out.ErrMsg)
		}
		return out.AccessToken, time.Duration(out.ExpiresIn) * time.Second, nil
	}
}

// newRedisClient returns a client for the redis-server at addr.
func newRedisClient(t testing.TB, addr string) redis.UniversalClient {
	t.Helper()
	client := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{addr}})
	t.Cleanup(func() { _ = client.Close() })
	require.NoError(t, client.Ping(context.Background()).Err())
	return client
}
