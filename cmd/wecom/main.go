// Command wecom is the WeCom (企业微信) developer's tool of the wecom Go SDK:
// it checks and exercises callback URLs, decrypts captured callbacks,
// calls the API from the shell and runs a standalone fake WeCom.
//
// Install it with
//
//	go install github.com/wecomkit/wecom/cmd/wecom@latest
//
// and run "wecom help" for the subcommands:
//
//	wecom callback verify URL --token T --aes-key K --receive-id ID
//	wecom callback trigger EVENT URL --token T --aes-key K --receive-id ID
//	wecom callback trigger --list
//	wecom callback decrypt --token T --aes-key K --receive-id ID --query Q [--body FILE | --echostr E]
//	wecom token
//	wecom send --to USER[,USER] text|markdown CONTENT
//	wecom call GET|POST /cgi-bin/... [JSON]
//	wecom fake [--listen 127.0.0.1:8081] [--seed FILE]
//
// API credentials come from the environment (WECOM_CORP_ID, WECOM_SECRET,
// WECOM_AGENT_ID, WECOM_BASE_URL) or, for the secret, from a prompt; never
// from flags, which end up in shell history. Secrets are never printed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// exit codes: 1 a failure (a check failed, a call failed), 2 bad input.
const (
	exitFail  = 1
	exitUsage = 2
)

// usageError is bad input: the command exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// cli is one run of the command: its streams and environment.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := (&cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}).run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

const mainUsage = `wecom: the WeCom developer's tool of the wecom Go SDK

Usage:
  wecom callback verify URL --token T --aes-key K --receive-id ID
  wecom callback trigger EVENT URL --token T --aes-key K --receive-id ID
  wecom callback trigger --list
  wecom callback decrypt --token T --aes-key K --receive-id ID --query Q [--body FILE | --echostr E]
  wecom token
  wecom send --to USER[,USER] text|markdown CONTENT
  wecom call GET|POST /cgi-bin/PATH [JSON]
  wecom fake [--listen 127.0.0.1:8081] [--seed FILE]

Run "wecom COMMAND -h" for a command's flags and an example.
API credentials: WECOM_CORP_ID, WECOM_SECRET (or a prompt), WECOM_AGENT_ID,
and WECOM_BASE_URL to point at a fake ("wecom fake").
`

// run executes args and returns the exit code.
func (c *cli) run(ctx context.Context, args []string) int {
	err := c.dispatch(ctx, args)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintln(c.stderr, "wecom:", err)
		return exitUsage
	default:
		fmt.Fprintln(c.stderr, "wecom:", err)
		return exitFail
	}
}

func (c *cli) dispatch(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, mainUsage)
		return usagef("no command given")
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(c.stdout, mainUsage)
		return nil
	case "callback":
		if len(rest) == 0 {
			return usagef("callback: want verify, trigger or decrypt")
		}
		switch rest[0] {
		case "verify":
			return c.verify(ctx, rest[1:])
		case "trigger":
			return c.trigger(ctx, rest[1:])
		case "decrypt":
			return c.decrypt(rest[1:])
		case "-h", "-help", "--help":
			fmt.Fprint(c.stdout, mainUsage)
			return nil
		}
		return usagef("callback: unknown subcommand %q (want verify, trigger or decrypt)", rest[0])
	case "token":
		return c.token(ctx, rest)
	case "send":
		return c.send(ctx, rest)
	case "call":
		return c.call(ctx, rest)
	case "fake":
		return c.fake(ctx, rest)
	default:
		return usagef("unknown command %q; run \"wecom help\"", cmd)
	}
}

// flags returns a flag set whose -h prints usage, the example and the
// flags to stdout.
func (c *cli) flags(name, usage, example string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fs.SetOutput(c.stdout)
		fmt.Fprintf(c.stdout, "Usage: wecom %s\n\nExample:\n%s\nFlags:\n", usage, example)
		fs.PrintDefaults()
		fs.SetOutput(c.stderr)
	}
	return fs
}

// parse parses flags placed before, between and after positional
// arguments and returns the positional ones. A flag error is a usage
// error; -h is flag.ErrHelp.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{fs.Name() + ": " + err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// firstSet returns the first non-empty value.
func firstSet(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
