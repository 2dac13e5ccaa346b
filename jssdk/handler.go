package jssdk

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/wecomkit/wecom"
)

// Values of the type query parameter of a ConfigHandler request.
const (
	// TypeConfig asks for wx.config only.
	TypeConfig = "config"
	// TypeAgentConfig asks for wx.agentConfig only.
	TypeAgentConfig = "agentConfig"
)

// ConfigResponse is the JSON body a ConfigHandler answers with. A field is
// absent when it was not asked for.
type ConfigResponse struct {
	Config      *WXConfig      `json:"config,omitempty"`
	AgentConfig *WXAgentConfig `json:"agentConfig,omitempty"`
}

// ConfigHandler is an http.Handler that serves a page the signed
// parameters of its own URL:
//
//	GET /jssdk?url=<the page URL, query-escaped>[&type=config|agentConfig]
//
// It answers with a [ConfigResponse]: both wx.config and wx.agentConfig
// when type is absent (wx.config only when the client has no AgentID), or
// the one type names. Errors are JSON too: {"error": "..."} with 400 for a
// bad request, 403 for a page host not allowed, 405 for a method other
// than GET or HEAD, 500 for a misconfigured client and 502 when WeCom
// would not hand out a ticket (then with its "errcode").
type ConfigHandler struct {
	// Client signs the pages.
	Client *Client
	// AllowedHosts lists the page hosts (host or host:port, as in the
	// URL) the handler signs for; empty allows any. List the app's
	// trusted domains: WeCom rejects signatures for other pages anyway.
	AllowedHosts []string
	// Options are applied to every answer, e.g. WithJSAPIList.
	Options []ConfigOption
}

type errorBody struct {
	Error   string `json:"error"`
	ErrCode int    `json:"errcode,omitempty"`
}

// ServeHTTP implements http.Handler.
func (h *ConfigHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{Error: "method not allowed"})
		return
	}
	if h.Client == nil {
		writeJSON(w, http.StatusInternalServerError, errorBody{Error: "jssdk client misconfigured"})
		return
	}
	q := r.URL.Query()
	page, err := signableURL(q.Get("url"))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "url: an absolute http(s) page URL is required"})
		return
	}
	if !h.allowed(page) {
		writeJSON(w, http.StatusForbidden, errorBody{Error: "url: host not allowed"})
		return
	}
	kind := q.Get("type")
	wantConfig := kind == "" || kind == TypeConfig
	wantAgent := kind == TypeAgentConfig || (kind == "" && h.Client.cfg.AgentID != 0)
	if !wantConfig && !wantAgent {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "type: must be config or agentConfig"})
		return
	}
	var resp ConfigResponse
	if wantConfig {
		if resp.Config, err = h.Client.Config(r.Context(), page, h.Options...); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if wantAgent {
		if resp.AgentConfig, err = h.Client.AgentConfig(r.Context(), page, h.Options...); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

func (h *ConfigHandler) allowed(page string) bool {
	if len(h.AllowedHosts) == 0 {
		return true
	}
	u, err := url.Parse(page)
	if err != nil {
		return false
	}
	for _, a := range h.AllowedHosts {
		if strings.EqualFold(a, u.Host) || strings.EqualFold(a, u.Hostname()) {
			return true
		}
	}
	return false
}

// fail answers an error without its details, which stay in the log (they
// never contain a ticket or token).
func (h *ConfigHandler) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.Client.core.Logger().LogAttrs(r.Context(), slog.LevelWarn, "wecom: jssdk: signing failed",
		slog.String("error", err.Error()))
	if errors.Is(err, wecom.ErrConfig) {
		writeJSON(w, http.StatusInternalServerError, errorBody{Error: "jssdk client misconfigured"})
		return
	}
	writeJSON(w, http.StatusBadGateway, errorBody{Error: "ticket unavailable", ErrCode: wecom.ErrCode(err)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
