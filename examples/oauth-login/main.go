// Command oauth-login logs members of a corp into a web site with WeCom:
// /login sends the browser to WeCom, which sends it back to /callback with
// a one-time code; the server exchanges the code for the member's identity.
//
// Inside the WeCom client the login is silent (网页授权, OAuth2); in a PC
// browser the member scans a QR code or confirms in the desktop client
// (企业微信登录).
//
// Without environment variables it starts a fake WeCom, serves itself on
// 127.0.0.1 and logs in a few times with a scripted browser:
//
//	go run ./examples/oauth-login
//
// Against a real corp, set the app's credentials and the public URL of this
// server, whose domain must be a trusted domain (可信域名) of the app; it
// listens on WECOM_LISTEN (default :8080) until interrupted:
//
//	WECOM_CORP_ID=ww... WECOM_SECRET=... WECOM_AGENT_ID=1000002 \
//	WECOM_PUBLIC_URL=https://login.example.com go run ./examples/oauth-login
package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/work"
)

func main() { demo.Main("oauth-login", run) }

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
	c, err := work.New(work.Config{CorpID: v["WECOM_CORP_ID"], AgentID: agentID, Secret: v["WECOM_SECRET"]})
	if err != nil {
		return err
	}
	l, _, err := demo.Listen(env.Or("WECOM_LISTEN", demo.DefaultListen))
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(v["WECOM_PUBLIC_URL"], "/")
	fmt.Fprintf(stdout, "open %s/login; serving on %s, Ctrl-C to stop\n", base, l.Addr())
	return demo.Serve(ctx, l, newApp(c, c.OAuth, base))
}

// app is the web site.
type app struct {
	wc      *work.Client
	oauth   *oauth.Client
	states  *oauth.StateStore
	baseURL string // the public origin, for redirect_uri
}

// newApp returns the site's handler. o is c.OAuth, or a copy of it
// pointed at a fake WeCom's login pages.
func newApp(c *work.Client, o *oauth.Client, baseURL string) http.Handler {
	a := &app{
		wc: c,
		// WeCom sends the browser back to /callback (a trusted domain of
		// the app).
		oauth: o.WithRedirectURL(baseURL + "/callback"),
		// States live in the client's cache (wecom.WithCache): with Redis,
		// a login started on one instance can finish on another.
		states:  o.StateStore(10 * time.Minute),
		baseURL: baseURL,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.home)
	mux.HandleFunc("GET /login", a.login)
	mux.HandleFunc("GET /callback", a.callback)
	return mux
}

// stateCookie binds a login's state to the browser that started it.
const stateCookie = "wecom_login"

func (a *app) home(w http.ResponseWriter, r *http.Request) {
	render(w, http.StatusOK, "Welcome", `<a href="/login">Sign in with WeCom</a>`)
}

// login sends the browser to WeCom.
func (a *app) login(w http.ResponseWriter, r *http.Request) {
	// The state parameter protects /callback against forged logins
	// (CSRF): it is random, stored server-side, accepted once, and bound
	// here to a cookie of this browser, so that a code obtained in an
	// attacker's browser cannot be completed in the victim's.
	binding := rand.Text()
	state, err := a.states.Issue(r.Context(), binding)
	if err != nil {
		http.Error(w, "cannot start the login", http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: stateCookie, Value: binding, Path: "/callback", MaxAge: 600,
		HttpOnly: true, Secure: strings.HasPrefix(a.baseURL, "https:"),
		// Lax: the cookie comes back on WeCom's top-level redirect.
		SameSite: http.SameSiteLaxMode,
	})
	target := a.oauth.QRLoginURL(state) // a PC browser: QR code or desktop client
	if strings.Contains(r.UserAgent(), "wxwork") {
		target = a.oauth.AuthCodeURL(state) // inside WeCom: silent
	}
	http.Redirect(w, r, target, http.StatusFound)
}

// callback is where WeCom sends the browser back, with code and state.
func (a *app) callback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	// Verify consumes the state: a replayed or forged callback fails.
	binding, err := a.states.Verify(ctx, r.FormValue("state"))
	cookie, cerr := r.Cookie(stateCookie)
	if err != nil || cerr != nil || cookie.Value != binding {
		render(w, http.StatusBadRequest, "Login failed", "This login expired or was not started here. <a href=\"/login\">Try again</a>.")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Path: "/callback", MaxAge: -1})

	// A code is single use and lives five minutes. The exchange is never
	// repeated after a network error: the member signs in again instead.
	id, err := a.oauth.UserFromCode(ctx, r.FormValue("code"))
	if err != nil {
		render(w, http.StatusBadGateway, "Login failed", template.HTMLEscapeString(err.Error()))
		return
	}
	if !id.IsMember() {
		// Someone outside the corp (a WeChat user, or a member of another
		// corp): an openid only.
		render(w, http.StatusForbidden, "Not a member", "You are not a member of this corp.")
		return
	}
	// A real site would now start its own session for id.UserID.
	name, dept := id.UserID, ""
	if _, _, linked := id.LinkedCorpUser(); !linked {
		if u, err := a.wc.User.Get(ctx, id.UserID); err == nil {
			name = u.Name + " (" + u.UserID + ")"
			dept = fmt.Sprintf(", departments %v", u.Department)
		}
	}
	render(w, http.StatusOK, "Signed in", template.HTMLEscapeString("Hello, "+name+dept+"."))
}

var page = template.Must(template.New("page").Parse(
	`<!doctype html><html><head><meta charset="utf-8"><title>{{.Title}}</title></head>` +
		`<body><h1>{{.Title}}</h1><p>{{.Body}}</p></body></html>`))

// render writes a page; body is trusted HTML.
func render(w http.ResponseWriter, status int, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = page.Execute(w, struct {
		Title string
		Body  template.HTML
	}{title, template.HTML(body)})
}
