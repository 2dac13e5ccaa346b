package demo

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/crypto"
)

func TestEnv(t *testing.T) {
	env := Env(func(k string) string {
		return map[string]string{"A": " a ", "N": "42", "BAD": "4x"}[k]
	})

	v, err := env.Require("A", "N")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"A": "a", "N": "42"}, v)

	_, err = env.Require("A", "B", "C")
	require.EqualError(t, err, "missing environment variables: B, C")

	n, err := env.Int64("N")
	require.NoError(t, err)
	assert.Equal(t, int64(42), n)
	n, err = env.Int64("UNSET")
	require.NoError(t, err)
	assert.Zero(t, n)
	_, err = env.Int64("BAD")
	require.ErrorContains(t, err, "BAD")

	assert.Equal(t, "a", env.Or("A", "x"))
	assert.Equal(t, "x", env.Or("UNSET", "x"))
}

func TestCallbackSecretsAreValidSettings(t *testing.T) {
	token, key := CallbackSecrets()
	assert.Len(t, key, 43)
	_, err := crypto.New(token, key, "wwcorp")
	require.NoError(t, err)

	token2, key2 := CallbackSecrets()
	assert.NotEqual(t, token, token2)
	assert.NotEqual(t, key, key2)
}

// TestBrowserFollowsOnlyAllowedOrigins checks that the offline flows can
// never be redirected off the machine.
func TestBrowserFollowsOnlyAllowedOrigins(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/set", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "k", Value: "v"})
		http.Redirect(w, r, "/get", http.StatusFound)
	})
	mux.HandleFunc("/get", func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie("k")
		if err != nil {
			http.Error(w, "no cookie", http.StatusBadRequest)
			return
		}
		w.Write([]byte("<html><p>cookie <b>" + c.Value + "</b> &amp; more</p></html>"))
	})
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://example.invalid/", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()

	p, err := Get(ctx, Browser(srv.URL), srv.URL+"/set")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, p.Status)
	assert.Equal(t, srv.URL+"/get", p.URL)
	assert.Equal(t, "cookie v & more", p.Text())

	_, err = Get(ctx, Browser(srv.URL), srv.URL+"/away")
	require.ErrorContains(t, err, "refusing to follow a redirect to https://example.invalid")

	_, err = Get(ctx, Browser(), srv.URL+"/set")
	require.ErrorContains(t, err, "refusing to follow")
}

func TestBackgroundStopsOnce(t *testing.T) {
	l, base, err := Listen("127.0.0.1:0")
	require.NoError(t, err)
	assert.Contains(t, base, "http://127.0.0.1:")
	stop := Background(l, http.NotFoundHandler())

	resp, err := http.Get(base + "/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)

	done := make(chan error, 2)
	go func() { done <- stop(); done <- stop() }()
	for range 2 {
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(5 * time.Second):
			t.Fatal("stop hangs")
		}
	}
	_, err = http.Get(base + "/")
	require.Error(t, err, "the server is closed")
}

func TestServeEndsWithContext(t *testing.T) {
	l, _, err := Listen("127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, l, http.NotFoundHandler()) }()
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return")
	}
}
