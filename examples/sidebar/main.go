// Command sidebar serves a customer-contact sidebar (聊天工具栏) page: opened
// beside a chat with a customer in WeCom, it asks wx.agentConfig for the
// app's JS-SDK permissions, reads the current customer with
// getCurExternalContact, and shows the customer's profile from the API.
//
// The server signs wx.agentConfig, identifies the member with OAuth, and
// answers /api/customer only for customers the member follows.
//
// Without environment variables it starts a fake WeCom, serves itself on
// 127.0.0.1 and plays what the WeCom client would do:
//
//	go run ./examples/sidebar
//
// Against a real corp, set the app's credentials and the public URL of
// this server (a trusted domain of the app, configured as the sidebar
// page); it listens on WECOM_LISTEN (default :8080) until interrupted:
//
//	WECOM_CORP_ID=ww... WECOM_SECRET=... WECOM_AGENT_ID=1000002 \
//	WECOM_PUBLIC_URL=https://sidebar.example.com go run ./examples/sidebar
//
// The app must be allowed to call the customer-contact API (客户联系 →
// 可调用接口的应用), or externalcontact/get answers 48002.
package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/jssdk"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/work"
)

func main() { demo.Main("sidebar", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	if env("WECOM_CORP_ID") == "" {
		return runOffline(ctx, stdout)
	}
	v, err := env.Require("WECOM_CORP_ID", "WECOM_SECRET", "WECOM_AGENT_ID", "WECOM_PUBLIC_URL")
	if err != nil {
		return err
	}
	agentID, err := env.Int64("WECOM_AGENT_ID")
	if err != nil {
		return err
	}
	// wx.agentConfig is signed with the ticket of the app whose token is
	// used: the agent id must be this app's.
	c, err := work.New(work.Config{CorpID: v["WECOM_CORP_ID"], AgentID: agentID, Secret: v["WECOM_SECRET"]})
	if err != nil {
		return err
	}
	l, _, err := demo.Listen(env.Or("WECOM_LISTEN", demo.DefaultListen))
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(v["WECOM_PUBLIC_URL"], "/")
	fmt.Fprintf(stdout, "sidebar page: %s/ ; serving on %s, Ctrl-C to stop\n", base, l.Addr())
	return demo.Serve(ctx, l, newApp(c, c.OAuth, base))
}

// app is the sidebar's server.
type app struct {
	wc      *work.Client
	oauth   *oauth.Client
	states  *oauth.StateStore
	baseURL string

	mu       sync.Mutex
	sessions map[string]string // session id → member's userid; use a shared store with several instances
}

const sessionCookie = "sidebar_session"

func newApp(c *work.Client, o *oauth.Client, baseURL string) http.Handler {
	a := &app{
		wc: c,
		// WeCom sends the browser back to /auth (a trusted domain of the app).
		oauth:  o.WithRedirectURL(baseURL + "/auth"),
		states: o.StateStore(0), baseURL: baseURL, sessions: make(map[string]string),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.page)
	mux.HandleFunc("GET /auth", a.auth)
	mux.HandleFunc("GET /api/customer", a.customer)
	// The page fetches the signed wx.agentConfig parameters of its own
	// URL here. Signatures are computed on the server only: the browser
	// never sees the ticket they are made with. AllowedHosts refuses to
	// sign pages of other sites.
	mux.Handle("GET /jssdk", &jssdk.ConfigHandler{
		Client:       c.JSSDK,
		AllowedHosts: []string{demo.Host(baseURL)},
		Options:      []jssdk.ConfigOption{jssdk.WithJSAPIList("getCurExternalContact")},
	})
	return mux
}

// member returns the userid of the request's session.
func (a *app) member(r *http.Request) (string, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return "", false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	id, ok := a.sessions[c.Value]
	return id, ok
}

// page serves the sidebar; a member without a session is first sent
// through WeCom's silent OAuth (the sidebar always runs inside WeCom).
func (a *app) page(w http.ResponseWriter, r *http.Request) {
	if _, ok := a.member(r); !ok {
		// The state is checked on the way back; oauth-login shows how to
		// bind it to the browser as well. It carries the page's own path
		// and query (WeCom opens the sidebar with parameters, such as the
		// entry it was opened from), so the page comes back exactly as it
		// was opened. It is kept on the server: never an open redirect.
		state, err := a.states.Issue(r.Context(), r.URL.RequestURI())
		if err != nil {
			http.Error(w, "cannot start the login", http.StatusInternalServerError)
			return
		}
		http.Redirect(w, r, a.oauth.AuthCodeURL(state), http.StatusFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, sidebarHTML)
}

// auth finishes the OAuth round trip and starts a session.
func (a *app) auth(w http.ResponseWriter, r *http.Request) {
	next, err := a.states.Verify(r.Context(), r.FormValue("state"))
	if err != nil {
		http.Error(w, "login expired, reopen the sidebar", http.StatusBadRequest)
		return
	}
	id, err := a.oauth.UserFromCode(r.Context(), r.FormValue("code"))
	if err != nil || !id.IsMember() {
		http.Error(w, "members only", http.StatusForbidden)
		return
	}
	sid := rand.Text()
	a.mu.Lock()
	a.sessions[sid] = id.UserID
	a.mu.Unlock()
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: sid, Path: "/", HttpOnly: true,
		Secure: strings.HasPrefix(a.baseURL, "https:"), SameSite: http.SameSiteLaxMode,
	})
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/" // only this site's pages
	}
	http.Redirect(w, r, next, http.StatusFound)
}

// customerView is what the page shows.
type customerView struct {
	ExternalUserID string    `json:"external_userid"`
	Name           string    `json:"name"`
	Kind           string    `json:"kind"`
	CorpName       string    `json:"corp_name,omitempty"`
	Remark         string    `json:"remark,omitempty"`
	Tags           []string  `json:"tags,omitempty"`
	AddedAt        time.Time `json:"added_at"`
}

// customer answers the page's request for the current customer's profile.
func (a *app) customer(w http.ResponseWriter, r *http.Request) {
	userID, ok := a.member(r)
	if !ok {
		http.Error(w, "no session", http.StatusUnauthorized)
		return
	}
	externalUserID := r.FormValue("external_userid")
	if externalUserID == "" {
		http.Error(w, "external_userid is required", http.StatusBadRequest)
		return
	}
	d, err := a.wc.ExternalContact.GetAllFollowUsers(r.Context(), externalUserID)
	if err != nil {
		// wecom.ErrCode tells WeCom's refusals apart, e.g. 40096 for an
		// unknown external_userid, 48002 without the customer-contact
		// permission.
		http.Error(w, fmt.Sprintf("customer not available (errcode %d)", wecom.ErrCode(err)), http.StatusBadGateway)
		return
	}
	// The external_userid comes from the browser: show the customer only
	// to a member who follows them.
	i := slices.IndexFunc(d.FollowUsers, func(f work.FollowUser) bool { return f.UserID == userID })
	if i < 0 {
		http.Error(w, "not your customer", http.StatusForbidden)
		return
	}
	f := d.FollowUsers[i]
	v := customerView{
		ExternalUserID: d.ExternalContact.ExternalUserID,
		Name:           d.ExternalContact.Name,
		Kind:           "WeChat user",
		CorpName:       d.ExternalContact.CorpName,
		Remark:         f.Remark,
		AddedAt:        time.Unix(f.CreateTime, 0).UTC(),
	}
	if d.ExternalContact.Type == work.ExternalContactWeCom {
		v.Kind = "WeCom user"
	}
	for _, t := range f.Tags {
		v.Tags = append(v.Tags, t.TagName)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// sidebarHTML is the page. It loads WeCom's JS-SDK, gets wx.agentConfig's
// parameters for its own URL from the server, and, once agentConfig
// succeeded, asks the client who the current customer is.
const sidebarHTML = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Customer</title>
<script src="https://res.wx.qq.com/open/js/jweixin-1.2.0.js"></script>
<script src="https://open.work.weixin.qq.com/wwopen/js/jwxwork-1.0.0.js"></script>
</head><body>
<p id="out">Loading…</p>
<script>
const out = document.getElementById('out');
const show = text => { out.textContent = text; };
// Sign the URL without its fragment, exactly as the page was loaded.
const pageURL = location.href.split('#')[0];
fetch('/jssdk?type=agentConfig&url=' + encodeURIComponent(pageURL))
  .then(r => r.ok ? r.json() : Promise.reject('jssdk: HTTP ' + r.status))
  .then(({agentConfig}) => wx.agentConfig({
    ...agentConfig, // corpid, agentid, timestamp, nonceStr, signature, jsApiList
    success: currentCustomer,
    fail: err => show('agentConfig failed: ' + JSON.stringify(err)),
  }))
  .catch(show);

function currentCustomer() {
  wx.invoke('getCurExternalContact', {}, res => {
    if (res.err_msg !== 'getCurExternalContact:ok') { show('No customer: ' + res.err_msg); return; }
    fetch('/api/customer?external_userid=' + encodeURIComponent(res.userId))
      .then(r => r.ok ? r.json() : Promise.reject('customer: HTTP ' + r.status))
      .then(c => show(c.name + ' (' + c.kind + (c.corp_name ? ', ' + c.corp_name : '') + ')' +
        (c.remark ? ' — ' + c.remark : '') + (c.tags ? ' [' + c.tags.join(', ') + ']' : '')))
      .catch(show);
  });
}
</script>
</body></html>
`
