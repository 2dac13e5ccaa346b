// Command license shows a service provider's 接口许可 (interface license)
// loop: when WeCom reports an order paid (license_pay_success, pushed to
// the suite's instruction URL), the server lists the order's activation
// codes and activates them, in one batch, for the members of the corp
// who have no account yet; the activations WeCom refuses are reported one
// by one with their reason. The codes left over are kept: when a member
// without an account opens the app, WeCom refuses the app's calls for
// that member and pushes unlicensed_notify to the suite's data callback
// URL, and the server activates a kept code for the member.
//
// Without environment variables it plays the loop against a fake WeCom:
// an order for Fake Corp is placed, paid, and its codes activated for the
// members who need them; then the installed app reads a member who has
// none, is refused, and reads the member once unlicensed_notify has got a
// kept code activated:
//
//	go run ./examples/license
//
// Against WeCom, set the provider's and the suite's settings, the corp and
// the members who need an account; the server takes the suite's
// instruction callbacks (/wecom/suite) and data callbacks (/wecom/data) on
// WECOM_LISTEN (default :8080) until interrupted, and places no order
// itself (buy in the provider console or with
// Provider.License.CreateNewOrder):
//
//	WECOM_PROVIDER_CORP_ID=ww... WECOM_PROVIDER_SECRET=... WECOM_SUITE_ID=ww... \
//	WECOM_SUITE_SECRET=... WECOM_TOKEN=... WECOM_ENCODING_AES_KEY=... \
//	WECOM_CORP_ID=ww... WECOM_MEMBERS=zhangsan,lisi go run ./examples/license
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/openwork"
)

func main() { demo.Main("license", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	stdout = demo.SyncWriter(stdout)
	if env("WECOM_SUITE_ID") == "" {
		return runOffline(ctx, stdout)
	}
	v, err := env.Require("WECOM_PROVIDER_CORP_ID", "WECOM_PROVIDER_SECRET", "WECOM_SUITE_ID", "WECOM_SUITE_SECRET",
		"WECOM_TOKEN", "WECOM_ENCODING_AES_KEY", "WECOM_CORP_ID", "WECOM_MEMBERS")
	if err != nil {
		return err
	}
	p, err := openwork.New(openwork.Config{CorpID: v["WECOM_PROVIDER_CORP_ID"], ProviderSecret: v["WECOM_PROVIDER_SECRET"]})
	if err != nil {
		return err
	}
	s, err := p.Suite(openwork.SuiteConfig{SuiteID: v["WECOM_SUITE_ID"], SuiteSecret: v["WECOM_SUITE_SECRET"],
		Token: v["WECOM_TOKEN"], EncodingAESKey: v["WECOM_ENCODING_AES_KEY"]})
	if err != nil {
		return err
	}
	a := &app{p: p, corpID: v["WECOM_CORP_ID"], members: strings.Split(v["WECOM_MEMBERS"], ","), out: stdout}
	h, err := a.handler(s)
	if err != nil {
		return err
	}
	l, _, err := demo.Listen(env.Or("WECOM_LISTEN", ":8080"))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "instruction callback URL: /wecom/suite, data callback URL: /wecom/data")
	return demo.Serve(ctx, l, h)
}

// app activates the accounts of paid orders for the members of one corp
// who need them, and keeps the codes left over for the members who turn
// up later.
type app struct {
	p       *openwork.Provider
	corpID  string
	members []string
	out     io.Writer

	mu    sync.Mutex
	spare []string // free base-account codes of paid orders

	activating sync.Mutex // held by onUnlicensed: one member at a time
}

// handler serves the suite's instruction URL at /wecom/suite and its data
// callback URL at /wecom/data.
func (a *app) handler(s *openwork.Suite) (http.Handler, error) {
	r := message.NewRouter()
	message.On(r, func(ctx context.Context, _ *message.Message, e *message.LicensePaySuccess) (message.Reply, error) {
		return nil, a.onPaid(ctx, e.OrderID)
	})
	h, err := s.CallbackHandler(r)
	if err != nil {
		return nil, err
	}
	data := message.NewRouter()
	message.On(data, func(ctx context.Context, m *message.Message, _ *message.UnlicensedNotify) (message.Reply, error) {
		return nil, a.onUnlicensed(ctx, m.AuthCorpID, m.FromUserName)
	})
	dh, err := s.DataCallbackHandler(data)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/wecom/suite", h)
	mux.Handle("/wecom/data", dh)
	return mux, nil
}

// onUnlicensed activates a kept code for a member WeCom reported without
// an account. WeCom pushes once per refused call, and again when the
// handler fails: one member at a time, a member who has an account by then
// gets no second code, and a code whose activation failed is kept.
func (a *app) onUnlicensed(ctx context.Context, corpID, userID string) error {
	fmt.Fprintf(a.out, "unlicensed_notify: %s of %s has no account\n", userID, corpID)
	if corpID != a.corpID {
		return nil
	}
	a.activating.Lock()
	defer a.activating.Unlock()
	info, err := a.p.License.ActiveInfoByUser(ctx, corpID, userID)
	if err != nil {
		return err
	}
	if info.ActiveStatus == 1 {
		fmt.Fprintf(a.out, "%s has an account now\n", userID)
		return nil
	}
	a.mu.Lock()
	if len(a.spare) == 0 {
		a.mu.Unlock()
		fmt.Fprintln(a.out, "no code left: buy more accounts")
		return nil
	}
	code := a.spare[0]
	a.spare = a.spare[1:]
	a.mu.Unlock()
	if err := a.p.License.ActivateAccount(ctx, openwork.LicenseActivateRequest{CorpID: corpID, ActiveCode: code, UserID: userID}); err != nil {
		a.mu.Lock()
		a.spare = append([]string{code}, a.spare...)
		a.mu.Unlock()
		return err
	}
	fmt.Fprintf(a.out, "activated %s for %s\n", code, userID)
	return nil
}

// onPaid activates the free codes of a paid order for the members who
// have no active account.
func (a *app) onPaid(ctx context.Context, orderID string) error {
	fmt.Fprintf(a.out, "order %s paid\n", orderID)
	var free []string
	for acc, err := range a.p.License.OrderAccounts(ctx, orderID, openwork.LicenseListRequest{}) {
		if err != nil {
			return err
		}
		if acc.UserID == "" && acc.Type == openwork.LicenseTypeBase {
			free = append(free, acc.ActiveCode)
		}
	}
	var batch []openwork.LicenseActivation
	for _, m := range a.members {
		if len(batch) == len(free) {
			break
		}
		info, err := a.p.License.ActiveInfoByUser(ctx, a.corpID, m)
		if err != nil {
			return err
		}
		if info.ActiveStatus == 1 {
			fmt.Fprintf(a.out, "%s already has an account\n", m)
			continue
		}
		batch = append(batch, openwork.LicenseActivation{ActiveCode: free[len(batch)], UserID: m})
	}
	a.mu.Lock()
	a.spare = append(a.spare, free[len(batch):]...)
	a.mu.Unlock()
	if len(batch) == 0 {
		fmt.Fprintln(a.out, "nobody needs an account")
		return nil
	}
	res, err := a.p.License.BatchActivateAccounts(ctx, a.corpID, batch)
	if err != nil {
		return err
	}
	for _, r := range res {
		if err := r.Err(); err != nil {
			fmt.Fprintf(a.out, "activation of %s for %s failed: %v\n", r.ActiveCode, r.UserID, err)
			continue
		}
		fmt.Fprintf(a.out, "activated %s for %s\n", r.ActiveCode, r.UserID)
	}
	return nil
}
