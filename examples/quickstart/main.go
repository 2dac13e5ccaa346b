// Command quickstart is the first program to run with the SDK: it gets an
// access token, lists the departments and members of the corp, and sends a
// text, a markdown and a template card message.
//
// Without environment variables it runs against wecomtest, an in-process
// fake WeCom, so it works on any machine:
//
//	go run ./examples/quickstart
//
// Against a real (test) corp, set the app's credentials and a recipient:
//
//	WECOM_CORP_ID=ww... WECOM_SECRET=... WECOM_AGENT_ID=1000002 \
//	WECOM_TO_USER=zhangsan go run ./examples/quickstart
//
// WECOM_BASE_URL points it at another API origin, such as a standalone
// fake WeCom ("go run ./cmd/wecom fake" prints the values to use).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

func main() { demo.Main("quickstart", run) }

func run(ctx context.Context, stdout io.Writer, getenv func(string) string) error {
	env := demo.Env(getenv)
	cfg, opts, toUser, fake, err := setup(env)
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
		fmt.Fprintln(stdout, "offline mode: talking to a fake WeCom at", fake.URL())
	}

	// One Client per app. It is safe for concurrent use: create it once
	// and share it; it caches the access token and refreshes it itself.
	c, err := work.New(cfg, opts...)
	if err != nil {
		return err
	}

	// The SDK fetches the token on the first call; asking for it here only
	// shows that the credentials work. Never print or log a token.
	if _, err := c.AccessToken(ctx); err != nil {
		return fmt.Errorf("access token: %w", err)
	}
	fmt.Fprintln(stdout, "access token: ok")

	// id 0 lists every department the app can see.
	depts, err := c.Department.List(ctx, 0)
	if err != nil {
		return fmt.Errorf("departments: %w", err)
	}
	fmt.Fprintf(stdout, "departments (%d):\n", len(depts))
	for _, d := range depts {
		fmt.Fprintf(stdout, "  %d %s (parent %d)\n", d.ID, d.Name, d.ParentID)
	}

	// Members of the root department and of all its sub-departments.
	users, err := c.User.SimpleList(ctx, work.UserListRequest{DepartmentID: 1, FetchChild: true})
	if err != nil {
		return fmt.Errorf("members: %w", err)
	}
	fmt.Fprintf(stdout, "members (%d):\n", len(users))
	for _, u := range users {
		fmt.Fprintf(stdout, "  %s %s %v\n", u.UserID, u.Name, u.Department)
	}

	// WeCom's errors are *wecom.APIError; every documented errcode has a
	// name to compare with errors.Is.
	if _, err := c.User.Get(ctx, "no-such-member"); errors.Is(err, wecom.ErrUserNotFound) {
		fmt.Fprintln(stdout, "unknown member: errcode 60111, as expected")
	} else if err != nil {
		return err
	}

	// Three kinds of app messages. Send is never repeated after a failure
	// (only after an expired token, which WeCom rejects before sending), so
	// nobody ever gets a message twice.
	to := work.Recipients{Users: []string{toUser}}
	messages := []work.Message{
		work.Text{Content: "Hello from the wecom Go SDK."},
		work.Markdown{Content: "**Quickstart** done.\n> Markdown shows in WeCom, not in the WeChat plug-in."},
		work.TemplateCard{
			CardType:     work.CardTextNotice,
			MainTitle:    &work.CardMainTitle{Title: "Quickstart", Desc: "a template card"},
			SubTitleText: "Template cards need a card_action to open.",
			CardAction:   &work.CardAction{Type: work.CardLinkURL, URL: "https://github.com/wecomkit/wecom"},
		},
	}
	for _, m := range messages {
		res, err := c.Message.Send(ctx, work.SendRequest{To: to, Msg: m})
		if err != nil {
			return fmt.Errorf("send %T: %w", m, err)
		}
		if len(res.InvalidUsers) > 0 {
			fmt.Fprintln(stdout, "  not delivered to:", res.InvalidUsers)
		}
		fmt.Fprintf(stdout, "sent %T to %s (msgid %s)\n", m, toUser, res.MsgID)
	}

	if fake != nil {
		// The fake keeps what it accepted, typed, as a test would check it.
		fmt.Fprintln(stdout, "the fake WeCom received:")
		for _, m := range fake.Sent() {
			switch {
			case m.Text != nil:
				fmt.Fprintf(stdout, "  text to %v: %q\n", m.To.Users, m.Text.Content)
			case m.Markdown != nil:
				fmt.Fprintf(stdout, "  markdown to %v: %d characters\n", m.To.Users, len(m.Markdown.Content))
			case m.TemplateCard != nil:
				fmt.Fprintf(stdout, "  template_card to %v: %s, %q\n", m.To.Users, m.TemplateCard.CardType, m.TemplateCard.MainTitle.Title)
			default:
				fmt.Fprintf(stdout, "  %s to %v: %s\n", m.MsgType, m.To.Users, m.Payload())
			}
		}
	}
	return nil
}

// setup returns the app's configuration: from the environment when
// WECOM_CORP_ID is set, else the defaults of a fresh fake WeCom.
func setup(env demo.Env) (work.Config, []wecom.Option, string, *wecomtest.Server, error) {
	if env("WECOM_CORP_ID") == "" {
		fake := wecomtest.NewServer()
		cfg := work.Config{CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret}
		return cfg, []wecom.Option{wecom.WithBaseURL(fake.URL())}, wecomtest.DefaultUserID, fake, nil
	}
	v, err := env.Require("WECOM_CORP_ID", "WECOM_SECRET", "WECOM_AGENT_ID", "WECOM_TO_USER")
	if err != nil {
		return work.Config{}, nil, "", nil, err
	}
	agentID, err := env.Int64("WECOM_AGENT_ID")
	if err != nil {
		return work.Config{}, nil, "", nil, err
	}
	if agentID <= 0 {
		return work.Config{}, nil, "", nil, errors.New("WECOM_AGENT_ID must be positive")
	}
	cfg := work.Config{CorpID: v["WECOM_CORP_ID"], AgentID: agentID, Secret: v["WECOM_SECRET"]}
	var opts []wecom.Option
	if base := env.Or("WECOM_BASE_URL", ""); base != "" {
		opts = append(opts, wecom.WithBaseURL(base))
	}
	return cfg, opts, v["WECOM_TO_USER"], nil, nil
}
