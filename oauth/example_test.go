package oauth_test

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/wecomkit/wecom/oauth"
)

func ExampleClient_AuthCodeURL() {
	// Only the URL builders are used, so no token source is needed.
	c, err := oauth.New(oauth.Config{
		CorpID:      "ww1234567890abcdef",
		AgentID:     1000002,
		RedirectURL: "https://app.example.com/callback?from=menu",
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}

	fmt.Println(c.AuthCodeURL("Xa9fB2", oauth.WithScope(oauth.ScopePrivateInfo)))
	fmt.Println(c.QRLoginURL("Xa9fB2", oauth.WithLang(oauth.LangEnglish)))
	// Output:
	// https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1234567890abcdef&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%3Ffrom%3Dmenu&response_type=code&scope=snsapi_privateinfo&state=Xa9fB2&agentid=1000002#wechat_redirect
	// https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww1234567890abcdef&agentid=1000002&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%3Ffrom%3Dmenu&state=Xa9fB2&lang=en
}

// A login round trip: the state carries the page to return to and makes
// sure the callback answers a login this server started.
func ExampleStateStore() {
	c, err := oauth.New(oauth.Config{
		CorpID:      "ww1234567890abcdef",
		AgentID:     1000002,
		RedirectURL: "https://app.example.com/callback",
	}, nil) // with a work.Client: c.OAuth.WithRedirectURL(...)
	if err != nil {
		return // wecom.ErrConfig: CorpID is missing
	}
	states := c.StateStore(10 * time.Minute)
	mux := http.NewServeMux()

	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		next := r.FormValue("next")
		if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
			next = "/" // only local pages: no open redirect
		}
		state, err := states.Issue(r.Context(), next)
		if err != nil {
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		http.Redirect(w, r, c.AuthCodeURL(state), http.StatusFound)
	})
	mux.HandleFunc("/callback", func(w http.ResponseWriter, r *http.Request) {
		next, err := states.Verify(r.Context(), r.FormValue("state"))
		if err != nil {
			http.Error(w, "login expired, start again", http.StatusBadRequest)
			return
		}
		id, err := c.UserFromCode(r.Context(), r.FormValue("code"))
		if err != nil {
			http.Error(w, "login failed", http.StatusUnauthorized)
			return
		}
		_ = id // start a session for id.UserID (or id.OpenID), then:
		http.Redirect(w, r, next, http.StatusFound)
	})
	// Serve mux: http.ListenAndServe(":8080", mux)
}
