package jssdk

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

func escape(s string) string { return url.QueryEscape(s) }

func serve(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

// A page fetches its signatures from the handler over HTTP.
func TestConfigHandlerServesAPage(t *testing.T) {
	c, _, _ := newTestClient(t)
	srv := httptest.NewServer(&ConfigHandler{
		Client:       c,
		AllowedHosts: []string{"app.example.com"},
		Options:      []ConfigOption{WithJSAPIList("selectExternalContact")},
	})
	defer srv.Close()

	// What the page sends: location.href without its fragment, escaped.
	resp, err := srv.Client().Get(srv.URL + "/jssdk?url=" + escape(page))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))

	var raw map[string]map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&raw))
	require.Contains(t, raw, "config")
	require.Contains(t, raw, "agentConfig")
	cfg, ac := raw["config"], raw["agentConfig"]

	ts := int64(cfg["timestamp"].(float64))
	assert.Equal(t, fixedNow.Unix(), ts)
	assert.Equal(t, testCorpID, cfg["appId"])
	assert.Equal(t, true, cfg["beta"])
	assert.Equal(t, Sign(corpTicket, cfg["nonceStr"].(string), ts, page), cfg["signature"])
	assert.Equal(t, []any{"selectExternalContact"}, cfg["jsApiList"])

	assert.Equal(t, testCorpID, ac["corpid"])
	assert.Equal(t, "1000002", ac["agentid"])
	assert.Equal(t, Sign(agentTicket, ac["nonceStr"].(string), int64(ac["timestamp"].(float64)), page), ac["signature"])
}

func TestConfigHandlerRequests(t *testing.T) {
	c, _, _ := newTestClient(t)
	noAgent, _, _ := newTestClient(t)
	noAgent.cfg.AgentID = 0
	h := &ConfigHandler{Client: c, AllowedHosts: []string{"app.example.com", "other.example.com:8443"}}

	tests := []struct {
		name       string
		h          *ConfigHandler
		target     string
		status     int
		wantConfig bool
		wantAgent  bool
		errPart    string
	}{
		{"both", h, "/?url=" + escape(page), 200, true, true, ""},
		{"fragment ignored", h, "/?url=" + escape(page+"#/x"), 200, true, true, ""},
		{"config only", h, "/?type=config&url=" + escape(page), 200, true, false, ""},
		{"agentConfig only", h, "/?type=agentConfig&url=" + escape(page), 200, false, true, ""},
		{"no agent id: config only", &ConfigHandler{Client: noAgent}, "/?url=" + escape(page), 200, true, false, ""},
		{"host with port", h, "/?url=" + escape("https://other.example.com:8443/p"), 200, true, true, ""},
		{"host case-insensitive", h, "/?url=" + escape("https://APP.example.com/p"), 200, true, true, ""},
		{"missing url", h, "/", 400, false, false, "url"},
		{"relative url", h, "/?url=%2Fpage", 400, false, false, "url"},
		{"bad type", h, "/?type=both&url=" + escape(page), 400, false, false, "type"},
		{"host not allowed", h, "/?url=" + escape("https://evil.example.net/p"), 403, false, false, "host"},
		{"port not allowed", h, "/?url=" + escape("https://other.example.com:9999/p"), 403, false, false, "host"},
		{"agentConfig without agent id", &ConfigHandler{Client: noAgent}, "/?type=agentConfig&url=" + escape(page), 500, false, false, "misconfigured"},
		{"no client", &ConfigHandler{}, "/?url=" + escape(page), 500, false, false, "misconfigured"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(t, tt.h, tt.target)
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
			if tt.status != 200 {
				var e errorBody
				require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e))
				assert.Contains(t, e.Error, tt.errPart)
				return
			}
			var resp ConfigResponse
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
			assert.Equal(t, tt.wantConfig, resp.Config != nil)
			assert.Equal(t, tt.wantAgent, resp.AgentConfig != nil)
		})
	}
}

func TestConfigHandlerMethods(t *testing.T) {
	c, _, _ := newTestClient(t)
	h := &ConfigHandler{Client: c}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/?url="+escape(page), strings.NewReader("")))
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	assert.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/?url="+escape(page), nil))
	assert.Equal(t, http.StatusOK, rec.Code)
}

func TestConfigHandlerUpstreamError(t *testing.T) {
	c, _, mt := newTestClient(t, wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 1}))
	mt.RegisterResponder(http.MethodGet, apiBase+"/cgi-bin/ticket/get",
		jsonResponder(`{"errcode":45009,"errmsg":"api freq out of limit"}`))
	rec := serve(t, &ConfigHandler{Client: c}, "/?type=agentConfig&url="+escape(page))
	require.Equal(t, http.StatusBadGateway, rec.Code)
	var e errorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e))
	assert.Equal(t, wecom.CodeRateLimited, e.ErrCode)
}
