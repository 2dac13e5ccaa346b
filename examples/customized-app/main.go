// Command customized-app serves the template callback URL of a customized
// app (代开发应用): the template receives suite_tickets and, when a corp
// authorizes the app, create_auth with an auth code. The server exchanges
// the code for the permanent code — which is the customized app's secret
// in that corp — and calls the corp's API with it, through the same
// *work.Client a self-built app uses.
//
// Without environment variables it starts a fake WeCom, serves itself on
// 127.0.0.1 and has the fake push a suite_ticket and a create_auth:
//
//	go run ./examples/customized-app
//
// Against WeCom, set the template's settings; the server listens on
// WECOM_LISTEN (default :8080) until interrupted, at /template/callback,
// the template's callback URL (回调URL). With several instances, set
// WECOM_REDIS_ADDR so that they share suite_tickets and tokens:
//
//	WECOM_PROVIDER_CORP_ID=ww... WECOM_TEMPLATE_ID=ww... WECOM_TEMPLATE_SECRET=... \
//	WECOM_TOKEN=... WECOM_ENCODING_AES_KEY=... go run ./examples/customized-app
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/token/redistoken"
	"github.com/wecomkit/wecom/work"
)

// callbackPath is the template's callback URL, below the public origin.
const callbackPath = "/template/callback"

func main() { demo.Main("customized-app", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	stdout = demo.SyncWriter(stdout) // handlers print from other goroutines
	if env("WECOM_TEMPLATE_ID") == "" {
		return runOffline(ctx, stdout)
	}
	v, err := env.Require("WECOM_PROVIDER_CORP_ID", "WECOM_TEMPLATE_ID", "WECOM_TEMPLATE_SECRET",
		"WECOM_TOKEN", "WECOM_ENCODING_AES_KEY")
	if err != nil {
		return err
	}
	var opts []wecom.Option
	if addr := env("WECOM_REDIS_ADDR"); addr != "" {
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
	tpl, err := newTemplate(v["WECOM_PROVIDER_CORP_ID"], v["WECOM_TEMPLATE_ID"], v["WECOM_TEMPLATE_SECRET"],
		v["WECOM_TOKEN"], v["WECOM_ENCODING_AES_KEY"], opts...)
	if err != nil {
		return err
	}
	a, err := newApp(tpl, stdout)
	if err != nil {
		return err
	}
	l, _, err := demo.Listen(env.Or("WECOM_LISTEN", demo.DefaultListen))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "serving the template callback %s on %s; Ctrl-C to stop\n", callbackPath, l.Addr())
	mux := http.NewServeMux()
	mux.Handle(callbackPath, a.handler)
	err = demo.Serve(ctx, l, mux)
	return errors.Join(err, a.drain())
}

// newTemplate returns the customized-app template: a Suite whose Customized
// flag makes Corp use gettoken with the permanent code as the secret.
func newTemplate(providerCorpID, templateID, templateSecret, cbToken, cbKey string, opts ...wecom.Option) (*openwork.Suite, error) {
	p, err := openwork.New(openwork.Config{CorpID: providerCorpID}, opts...)
	if err != nil {
		return nil, err
	}
	return p.Suite(openwork.SuiteConfig{
		SuiteID: templateID, SuiteSecret: templateSecret,
		Token: cbToken, EncodingAESKey: cbKey,
		Customized: true,
	})
}

// authorization is what the provider keeps of a corp that authorized the
// customized app. The permanent code is the app's secret: store it
// encrypted, never log it.
type authorization struct {
	CorpID, CorpName, PermanentCode string
	AgentID                         int64
}

type app struct {
	tpl     *openwork.Suite
	log     io.Writer
	handler http.Handler
	server  *message.Server

	mu    sync.Mutex
	corps map[string]authorization // by corp id; a database in production
}

func newApp(tpl *openwork.Suite, log io.Writer) (*app, error) {
	a := &app{tpl: tpl, log: log, corps: make(map[string]authorization)}
	r := message.NewRouter()
	message.On(r, func(ctx context.Context, m *message.Message, t *message.SuiteTicket) (message.Reply, error) {
		// Already stored by the handler, in the shared cache, before
		// WeCom got its answer: every instance can now get the template's
		// suite_access_token, which get_permanent_code needs.
		fmt.Fprintln(a.log, "suite_ticket received and stored")
		return nil, nil
	})
	message.On(r, func(ctx context.Context, m *message.Message, ca *message.CreateAuth) (message.Reply, error) {
		return nil, a.authorize(ctx, ca.AuthCode)
	})
	message.On(r, func(ctx context.Context, m *message.Message, rc *message.ResetPermanentCode) (message.Reply, error) {
		// The secret was reset in the console: the new auth code gives the
		// new permanent code.
		return nil, a.authorize(ctx, rc.AuthCode)
	})
	message.On(r, func(ctx context.Context, m *message.Message, _ *message.CancelAuth) (message.Reply, error) {
		a.mu.Lock()
		delete(a.corps, m.AuthCorpID)
		a.mu.Unlock()
		fmt.Fprintf(a.log, "%s removed the app\n", m.AuthCorpID)
		return nil, nil
	})
	// Instruction callbacks must be answered "success" within 1 second;
	// get_permanent_code and the first API calls take longer. WithAsync
	// answers at once and runs the handlers afterwards on a worker pool.
	h, err := tpl.CallbackHandler(r, message.WithAsync(4, 64))
	if err != nil {
		return nil, err
	}
	a.handler = h
	a.server, _ = h.(*message.Server) // to drain the queue on shutdown
	return a, nil
}

// drain waits for the callbacks still queued.
func (a *app) drain() error {
	if a.server == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return a.server.Shutdown(ctx)
}

// authorize turns an auth code into the permanent code, then uses it.
func (a *app) authorize(ctx context.Context, authCode string) error {
	auth, err := a.tpl.PermanentCode(ctx, authCode)
	if err != nil {
		return err
	}
	if auth.AuthInfo == nil || len(auth.AuthInfo.Agents) == 0 {
		return errors.New("get_permanent_code: no authorized agent")
	}
	az := authorization{
		CorpID: auth.AuthCorpInfo.CorpID, CorpName: auth.AuthCorpInfo.CorpName,
		PermanentCode: auth.PermanentCode, AgentID: auth.AuthInfo.Agents[0].AgentID,
	}
	a.mu.Lock()
	a.corps[az.CorpID] = az
	a.mu.Unlock()
	fmt.Fprintf(a.log, "authorized by %s (%s): agent %d, customized app: %t\n",
		az.CorpName, az.CorpID, az.AgentID, auth.AuthInfo.Agents[0].IsCustomizedApp)
	return a.greet(ctx, az)
}

// greet calls the corp's API on its behalf: the corp client's token comes
// from gettoken with the permanent code as the secret.
func (a *app) greet(ctx context.Context, az authorization) error {
	corp, err := a.tpl.Corp(openwork.CorpConfig{CorpID: az.CorpID, PermanentCode: az.PermanentCode, AgentID: az.AgentID})
	if err != nil {
		return err
	}
	depts, err := corp.Department.List(ctx, 0)
	if err != nil {
		return err
	}
	users, err := corp.User.SimpleList(ctx, work.UserListRequest{DepartmentID: 1, FetchChild: true})
	if err != nil {
		return err
	}
	names := make([]string, 0, len(users))
	for _, u := range users {
		names = append(names, u.Name)
	}
	fmt.Fprintf(a.log, "%s: %d departments, members %s\n", az.CorpName, len(depts), strings.Join(names, ", "))
	if len(users) == 0 {
		return nil
	}
	res, err := corp.Message.Send(ctx, work.SendRequest{
		To:  work.Recipients{Users: []string{users[0].UserID}},
		Msg: work.Text{Content: "The app is ready."},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.log, "%s: welcome message sent to %s (msgid %s)\n", az.CorpName, users[0].UserID, res.MsgID)
	return nil
}
