package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/work"
)

const credentialsHelp = `
Credentials come from the environment, never from flags:
  WECOM_CORP_ID    the corp id
  WECOM_SECRET     the app's secret (prompted for when unset)
  WECOM_AGENT_ID   the app's agent id (send)
  WECOM_BASE_URL   the API origin, e.g. the URL "wecom fake" prints
`

// client builds a work.Client from the environment, prompting for the
// secret when WECOM_SECRET is unset.
func (c *cli) client(needAgent bool) (*work.Client, work.Config, error) {
	corp := strings.TrimSpace(c.getenv("WECOM_CORP_ID"))
	if corp == "" {
		return nil, work.Config{}, usagef("WECOM_CORP_ID is not set")
	}
	cfg := work.Config{CorpID: corp}
	if v := strings.TrimSpace(c.getenv("WECOM_AGENT_ID")); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, cfg, usagef("WECOM_AGENT_ID is not a positive number: %q", v)
		}
		cfg.AgentID = id
	} else if needAgent {
		return nil, cfg, usagef("WECOM_AGENT_ID is not set")
	}
	cfg.Secret = strings.TrimSpace(c.getenv("WECOM_SECRET"))
	if cfg.Secret == "" {
		fmt.Fprintf(c.stderr, "WECOM_SECRET is not set; the app's secret for %s: ", corp)
		restore := noEcho(c.stdin)
		line, err := bufio.NewReader(c.stdin).ReadString('\n')
		restore()
		fmt.Fprintln(c.stderr)
		cfg.Secret = strings.TrimSpace(line)
		if cfg.Secret == "" {
			if err != nil {
				return nil, cfg, usagef("no secret: WECOM_SECRET is not set and none was typed")
			}
			return nil, cfg, usagef("no secret given")
		}
	}
	var opts []wecom.Option
	if base := strings.TrimSpace(c.getenv("WECOM_BASE_URL")); base != "" {
		if err := checkURL(base); err != nil {
			return nil, cfg, usagef("WECOM_BASE_URL: %v", err)
		}
		opts = append(opts, wecom.WithBaseURL(strings.TrimRight(base, "/")))
	}
	wc, err := work.New(cfg, opts...)
	if err != nil {
		return nil, cfg, usagef("%v", err)
	}
	return wc, cfg, nil
}

func (c *cli) token(ctx context.Context, args []string) error {
	fs := c.flags("token", "token", "  WECOM_CORP_ID=ww1234567890abcdef WECOM_SECRET=... wecom token\n"+credentialsHelp)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("token: unexpected arguments %q", pos)
	}
	wc, cfg, err := c.client(false)
	if err != nil {
		return err
	}
	tok, err := wc.AccessToken(ctx)
	if err != nil {
		return fmt.Errorf("access token of %s: %w", cfg.CorpID, err)
	}
	// The token itself is a credential: only its length is shown.
	fmt.Fprintf(c.stdout, "OK: the credentials of %s work (access token of %d characters, not shown)\n", cfg.CorpID, len(tok))
	return nil
}

func (c *cli) send(ctx context.Context, args []string) error {
	fs := c.flags("send", "send --to USER[,USER] [--party ID,...] [--tag ID,...] text|markdown CONTENT",
		"  wecom send --to zhangsan,lisi text 'The build is green.'\n  wecom send --party 2 markdown '**Release** 1.2 is out'\n"+credentialsHelp)
	to := fs.String("to", "", "member ids, comma-separated (\"@all\": everyone the app sees)")
	party := fs.String("party", "", "department ids, comma-separated")
	tag := fs.String("tag", "", "tag ids, comma-separated")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("send: want the type (text or markdown) and the content, got %d arguments", len(pos))
	}
	var r work.Recipients
	if *to == "@all" {
		r.All = true
	} else if *to != "" {
		r.Users = strings.Split(*to, ",")
	}
	if r.Parties, err = ids("--party", *party); err != nil {
		return err
	}
	if r.Tags, err = ids("--tag", *tag); err != nil {
		return err
	}
	if !r.All && len(r.Users) == 0 && len(r.Parties) == 0 && len(r.Tags) == 0 {
		return usagef("send: no recipient; give --to, --party or --tag")
	}
	var msg work.Message
	switch pos[0] {
	case "text":
		msg = work.Text{Content: pos[1]}
	case "markdown":
		msg = work.Markdown{Content: pos[1]}
	default:
		return usagef("send: unknown message type %q (want text or markdown)", pos[0])
	}
	if strings.TrimSpace(pos[1]) == "" {
		return usagef("send: empty content")
	}
	wc, _, err := c.client(true)
	if err != nil {
		return err
	}
	res, err := wc.Message.Send(ctx, work.SendRequest{To: r, Msg: msg})
	if err != nil {
		return fmt.Errorf("send: %w", err)
	}
	fmt.Fprintf(c.stdout, "sent %s (msgid %s)\n", pos[0], res.MsgID)
	for name, list := range map[string][]string{"members": res.InvalidUsers, "departments": res.InvalidParties,
		"tags": res.InvalidTags, "unlicensed members": res.UnlicensedUsers} {
		if len(list) > 0 {
			fmt.Fprintf(c.stdout, "not delivered to %s: %s\n", name, strings.Join(list, ","))
		}
	}
	return nil
}

// ids parses comma-separated ids.
func ids(flagName, s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	var out []int64
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil || n <= 0 {
			return nil, usagef("%s: %q is not a positive id", flagName, f)
		}
		out = append(out, n)
	}
	return out, nil
}

func (c *cli) call(ctx context.Context, args []string) error {
	fs := c.flags("call", "call GET|POST /cgi-bin/PATH[?QUERY] [JSON]",
		"  wecom call GET '/cgi-bin/user/get?userid=zhangsan'\n  wecom call POST /cgi-bin/user/list_id '{\"limit\":10}'\n"+
			"\nThe access token is added by the SDK; do not put one in the path.\n"+credentialsHelp)
	repeat := fs.Bool("idempotent", false, "allow the SDK to repeat the call after a transient failure (reads only)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 || len(pos) > 3 {
		return usagef("call: want METHOD PATH [JSON], got %d arguments", len(pos))
	}
	method := strings.ToUpper(pos[0])
	if method != http.MethodGet && method != http.MethodPost {
		return usagef("call: method %q: want GET or POST", pos[0])
	}
	path := pos[1]
	if !strings.HasPrefix(path, "/cgi-bin/") {
		return usagef("call: the path must start with /cgi-bin/, got %q", path)
	}
	if strings.Contains(path, "access_token=") {
		return usagef("call: leave access_token out of the path; the SDK adds it")
	}
	var in any
	if len(pos) == 3 {
		if method == http.MethodGet {
			return usagef("call: a GET takes no JSON body")
		}
		if !json.Valid([]byte(pos[2])) {
			return usagef("call: the body is not valid JSON")
		}
		in = json.RawMessage(pos[2])
	} else if method == http.MethodPost {
		in = json.RawMessage("{}")
	}
	wc, _, err := c.client(false)
	if err != nil {
		return err
	}
	var out json.RawMessage
	var opts []wecom.CallOption
	if *repeat {
		opts = append(opts, wecom.Idempotent())
	}
	err = wc.Do(ctx, method, path, in, &out, opts...)
	if len(out) > 0 {
		var buf bytes.Buffer
		if json.Indent(&buf, out, "", "  ") == nil {
			out = buf.Bytes()
		}
		fmt.Fprintf(c.stdout, "%s\n", out)
	}
	if err != nil {
		var apiErr *wecom.APIError
		if errors.As(err, &apiErr) {
			return fmt.Errorf("%s %s: %w", method, strings.SplitN(path, "?", 2)[0], err)
		}
		return fmt.Errorf("call: %w", err)
	}
	return nil
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// noEcho turns off the echo of a terminal on stdin while the secret is
// typed (with stty, so that the module needs no terminal package) and
// returns the function that turns it back on. It does nothing when stdin
// is not a terminal or stty is missing.
func noEcho(stdin io.Reader) (restore func()) {
	f, ok := stdin.(*os.File)
	if !ok {
		return func() {}
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	stty := func(arg string) error {
		cmd := exec.Command("stty", arg)
		cmd.Stdin = f
		return cmd.Run()
	}
	if stty("-echo") != nil {
		return func() {}
	}
	return func() { _ = stty("echo") }
}
