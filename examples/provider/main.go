// Command provider is the server of a service provider's third-party app
// (第三方应用, a "suite"): its instruction callback URL (指令回调) receives
// suite_tickets and installation events, its data callback URL (数据回调)
// the messages of members of the corps that installed it, and /install
// installs it from the provider's web site. Each installation yields a
// permanent code, with which the server calls WeCom on the corp's behalf.
//
// Without environment variables it starts a fake WeCom, serves itself on
// 127.0.0.1 and plays the whole flow: URL check, suite_ticket push,
// install from the web site, a member's message, an install from the app
// market, and a second instance sharing the first one's cache:
//
//	go run ./examples/provider
//
// Against WeCom, set the suite's settings and the public URL of this server
// (its domain is the suite's 安装完成回调域名 and callback domain); it listens
// on WECOM_LISTEN (default :8080) until interrupted. Configure the URLs
// printed at start-up in the provider console. With several instances, set
// WECOM_REDIS_ADDR so they share suite_tickets and tokens:
//
//	WECOM_PROVIDER_CORP_ID=ww... WECOM_SUITE_ID=ww... WECOM_SUITE_SECRET=... \
//	WECOM_TOKEN=... WECOM_ENCODING_AES_KEY=... WECOM_PUBLIC_URL=https://app.example.com \
//	go run ./examples/provider
package main

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/token/redistoken"
	"github.com/wecomkit/wecom/work"
)

// The suite's URLs, below the public origin.
const (
	instructionPath = "/suite/instruction" // 指令回调URL
	dataPath        = "/suite/data/"       // 数据回调URL: https://app.example.com/suite/data/$CORPID$
)

func main() { demo.Main("provider", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	stdout = demo.SyncWriter(stdout) // handlers print from other goroutines
	if env("WECOM_SUITE_ID") == "" {
		return runOffline(ctx, stdout)
	}
	v, err := env.Require("WECOM_PROVIDER_CORP_ID", "WECOM_SUITE_ID", "WECOM_SUITE_SECRET",
		"WECOM_TOKEN", "WECOM_ENCODING_AES_KEY", "WECOM_PUBLIC_URL")
	if err != nil {
		return err
	}
	var opts []wecom.Option
	if addr := env("WECOM_REDIS_ADDR"); addr != "" {
		// Every instance must see the suite_ticket pushed to any of them,
		// and share the tokens: keep both in Redis.
		rdb := redis.NewClient(&redis.Options{
			Addr: addr,
			// Let a context's deadline end a command on a Redis that hangs.
			ContextTimeoutEnabled: true,
			DialTimeout:           time.Second,
			ReadTimeout:           time.Second,
			WriteTimeout:          time.Second,
		})
		opts = append(opts, wecom.WithCache(redistoken.New(rdb)))
	}
	p, err := openwork.New(openwork.Config{CorpID: v["WECOM_PROVIDER_CORP_ID"]}, opts...)
	if err != nil {
		return err
	}
	s, err := p.Suite(openwork.SuiteConfig{
		SuiteID: v["WECOM_SUITE_ID"], SuiteSecret: v["WECOM_SUITE_SECRET"],
		Token: v["WECOM_TOKEN"], EncodingAESKey: v["WECOM_ENCODING_AES_KEY"],
	})
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(v["WECOM_PUBLIC_URL"], "/")
	a, err := newApp(s, base, stdout)
	if err != nil {
		return err
	}
	l, _, err := demo.Listen(env.Or("WECOM_LISTEN", demo.DefaultListen))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "instruction callback URL: %s%s\ndata callback URL: %s%s$CORPID$\ninstall page: %s/install\nserving on %s, Ctrl-C to stop\n",
		base, instructionPath, base, dataPath, base, l.Addr())
	err = demo.Serve(ctx, l, a.handler)
	return errors.Join(err, a.drain())
}

// installation is what the provider keeps of a corp that installed the
// suite. The permanent code is a secret: store it encrypted, never log it.
type installation struct {
	CorpID, CorpName string
	PermanentCode    string
	AgentID          int64
}

// app is the provider's server for one suite.
type app struct {
	suite        *openwork.Suite
	states       *oauth.StateStore
	baseURL      string
	log          io.Writer
	handler      http.Handler
	instructions *message.Server

	mu            sync.Mutex
	installations map[string]installation // by corp id; a database in production
}

func newApp(s *openwork.Suite, baseURL string, log io.Writer) (*app, error) {
	a := &app{
		suite: s,
		// The install state is checked when WeCom redirects back. Use the
		// provider's shared cache (Redis) in production.
		states:        oauth.NewStateStore(nil, 10*time.Minute),
		baseURL:       baseURL,
		log:           log,
		installations: make(map[string]installation),
	}

	// Instruction callbacks. The handler stores every suite_ticket in the
	// cache before answering — WeCom pushes one every 10 minutes to one of
	// the instances, and every instance needs it for the suite token, so
	// the cache must be shared (Redis) when there are several.
	instr := message.NewRouter()
	message.On(instr, func(ctx context.Context, m *message.Message, t *message.SuiteTicket) (message.Reply, error) {
		fmt.Fprintln(a.log, "instruction: suite_ticket stored in the cache")
		return nil, nil
	})
	message.On(instr, func(ctx context.Context, m *message.Message, ca *message.CreateAuth) (message.Reply, error) {
		// Installed from the app market. This runs after WeCom got its
		// "success" (see WithAsync below).
		_, err := a.install(ctx, ca.AuthCode)
		return nil, err
	})
	message.On(instr, func(ctx context.Context, m *message.Message, _ *message.CancelAuth) (message.Reply, error) {
		a.mu.Lock()
		delete(a.installations, m.AuthCorpID)
		a.mu.Unlock()
		fmt.Fprintf(a.log, "instruction: %s uninstalled the suite\n", m.AuthCorpID)
		return nil, nil
	})
	// WeCom wants "success" within 1 second, and create_auth needs a call
	// to get_permanent_code first: WithAsync answers at once and runs the
	// handlers on a pool of workers. (The suite_ticket is still stored
	// before the answer.)
	ih, err := s.CallbackHandler(instr, message.WithAsync(4, 64))
	if err != nil {
		return nil, err
	}
	// The handler is a *message.Server; keep it to drain its queue on
	// shutdown.
	a.instructions, _ = ih.(*message.Server)

	// Data callbacks: messages and events of members of installed corps.
	data := message.NewRouter()
	message.On(data, func(ctx context.Context, m *message.Message, t *message.Text) (message.Reply, error) {
		// m.AuthCorpID names the corp; call WeCom on its behalf.
		corp, err := a.corp(m.AuthCorpID)
		if err != nil {
			return nil, nil // not ours to answer
		}
		name := m.FromUserName
		if u, err := corp.User.Get(ctx, m.FromUserName); err == nil {
			name = u.Name
		}
		fmt.Fprintf(a.log, "data: %s of %s says %q\n", name, m.AuthCorpID, t.Content)
		return &message.TextReply{Content: "Hello " + name + ", this is " + s.Config().SuiteID + "."}, nil
	})
	dh, err := s.DataCallbackHandler(data)
	if err != nil {
		return nil, err
	}

	mux := http.NewServeMux()
	mux.Handle(instructionPath, ih)
	mux.Handle(dataPath, dh) // serves /suite/data/{corpid}
	mux.HandleFunc("GET /install", a.installPage)
	mux.HandleFunc("GET /installed", a.installed)
	a.handler = mux
	return a, nil
}

// drain waits for the instruction callbacks still queued.
func (a *app) drain() error {
	if a.instructions == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return a.instructions.Shutdown(ctx)
}

// install exchanges a temporary auth code (from the install redirect or a
// create_auth push; single use, 10 minutes) for the permanent code.
func (a *app) install(ctx context.Context, authCode string) (installation, error) {
	auth, err := a.suite.PermanentCode(ctx, authCode)
	if err != nil {
		return installation{}, err
	}
	in := installation{CorpID: auth.AuthCorpInfo.CorpID, CorpName: auth.AuthCorpInfo.CorpName, PermanentCode: auth.PermanentCode}
	if auth.AuthInfo != nil && len(auth.AuthInfo.Agents) > 0 {
		in.AgentID = auth.AuthInfo.Agents[0].AgentID
	}
	a.mu.Lock()
	a.installations[in.CorpID] = in
	a.mu.Unlock()
	fmt.Fprintf(a.log, "installed in %s (%s), agent %d\n", in.CorpName, in.CorpID, in.AgentID)
	return in, nil
}

// errNotInstalled is the error of corp for a corp that never installed
// the suite.
var errNotInstalled = errors.New("the suite is not installed in this corp")

// corp returns the client that acts on behalf of an installed corp: the
// same *work.Client a self-built app uses, with the corp's token.
func (a *app) corp(corpID string) (*work.Client, error) {
	a.mu.Lock()
	in, ok := a.installations[corpID]
	a.mu.Unlock()
	if !ok {
		return nil, errNotInstalled
	}
	return a.suite.Corp(openwork.CorpConfig{CorpID: in.CorpID, PermanentCode: in.PermanentCode, AgentID: in.AgentID})
}

// installPage sends the admin to WeCom's install page.
func (a *app) installPage(w http.ResponseWriter, r *http.Request) {
	state, err := a.states.Issue(r.Context(), "install")
	if err != nil {
		http.Error(w, "cannot start the installation", http.StatusInternalServerError)
		return
	}
	// InstallURL fetches a fresh pre-auth code, so it needs the suite
	// token, so a suite_ticket must have been pushed already.
	u, err := a.suite.InstallURL(r.Context(), a.baseURL+"/installed", state)
	if errors.Is(err, openwork.ErrNoSuiteTicket) {
		http.Error(w, "no suite_ticket yet: WeCom pushes one every 10 minutes", http.StatusServiceUnavailable)
		return
	}
	if err != nil {
		http.Error(w, "cannot start the installation", http.StatusBadGateway)
		return
	}
	http.Redirect(w, r, u, http.StatusFound)
}

// installed is where WeCom sends the admin back, with auth_code and state.
func (a *app) installed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if _, err := a.states.Verify(ctx, r.FormValue("state")); err != nil {
		http.Error(w, "installation expired or not started here", http.StatusBadRequest)
		return
	}
	in, err := a.install(ctx, r.FormValue("auth_code"))
	if err != nil {
		http.Error(w, "installation failed", http.StatusBadGateway)
		return
	}
	// A first call on the corp's behalf.
	corp, err := a.corp(in.CorpID)
	if err != nil {
		http.Error(w, "installed, but the corp's client failed", http.StatusInternalServerError)
		return
	}
	depts, err := corp.Department.List(ctx, 0)
	if err != nil {
		http.Error(w, "installed, but the corp's API failed", http.StatusBadGateway)
		return
	}
	names := make([]string, len(depts))
	for i, d := range depts {
		names[i] = d.Name
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>Installed</title><p>Installed in %s. Departments: %s.</p>",
		template.HTMLEscapeString(in.CorpName), template.HTMLEscapeString(strings.Join(names, ", ")))
}
