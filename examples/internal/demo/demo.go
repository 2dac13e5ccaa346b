// Package demo holds the scaffolding the examples share and that is not
// about the SDK: reading the environment, serving HTTP until interrupted,
// generating callback secrets for the offline mode, and a small "browser"
// that follows the fake WeCom's redirects back to the example's server.
package demo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/signal"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// DefaultListen is the address a server example listens on in online mode
// when WECOM_LISTEN is unset.
const DefaultListen = ":8080"

// Env reads the examples' environment variables.
type Env func(string) string

// Require returns the values of the named variables, or an error naming
// every missing one.
func (e Env) Require(names ...string) (map[string]string, error) {
	vals := make(map[string]string, len(names))
	var missing []string
	for _, n := range names {
		v := strings.TrimSpace(e(n))
		if v == "" {
			missing = append(missing, n)
		}
		vals[n] = v
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing environment variables: %s", strings.Join(missing, ", "))
	}
	return vals, nil
}

// Int64 parses the named variable; an unset variable is 0.
func (e Env) Int64(name string) (int64, error) {
	v := strings.TrimSpace(e(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s: not a number: %q", name, v)
	}
	return n, nil
}

// Or returns the named variable, or def when it is unset.
func (e Env) Or(name, def string) string {
	if v := strings.TrimSpace(e(name)); v != "" {
		return v
	}
	return def
}

// Listen opens a TCP listener on addr and returns it with the base URL it
// is reachable at from this machine (http://127.0.0.1:PORT for a
// loopback or wildcard address).
func Listen(addr string) (net.Listener, string, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	port := l.Addr().(*net.TCPAddr).Port
	return l, "http://127.0.0.1:" + strconv.Itoa(port), nil
}

// Serve serves h on l until ctx is done, then shuts the server down,
// giving requests in flight five seconds to finish.
func Serve(ctx context.Context, l net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Background serves h on l until the returned stop function is called.
// The offline mode of the server examples uses it to talk to itself.
// stop may be called more than once; each call returns the result of the
// shutdown.
func Background(l net.Listener, h http.Handler) (stop func() error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, l, h) }()
	return sync.OnceValue(func() error {
		cancel()
		return <-done
	})
}

// CallbackSecrets returns a fresh random callback Token and
// EncodingAESKey (43 letters and digits), as the WeCom console generates
// them; the offline mode uses them for both the fake WeCom and the
// example's server.
func CallbackSecrets() (token, encodingAESKey string) {
	return rand.Text(), (rand.Text() + rand.Text())[:43]
}

// Browser returns an HTTP client that behaves like a browser for the
// offline flows: it keeps cookies and follows redirects, but only to the
// given origins (the fake WeCom and the example's own server), so a
// redirect to anywhere else is an error rather than a request off this
// machine.
func Browser(origins ...string) *http.Client {
	jar, _ := cookiejar.New(nil) // never fails without options
	return &http.Client{
		Jar:     jar,
		Timeout: 10 * time.Second,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("too many redirects")
			}
			origin := req.URL.Scheme + "://" + req.URL.Host
			if !slices.Contains(origins, origin) {
				return fmt.Errorf("refusing to follow a redirect to %s", origin)
			}
			return nil
		},
	}
}

// Page is what a Browser got: the status and body of the last response
// and the URL it came from, after redirects.
type Page struct {
	Status int
	URL    string
	Body   string
}

// Get fetches u with c, following redirects as c allows. The body is read
// up to 1 MiB.
func Get(ctx context.Context, c *http.Client, u string) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return Do(c, req)
}

// Do sends req with c and returns the page it ends on.
func Do(c *http.Client, req *http.Request) (*Page, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	return &Page{Status: resp.StatusCode, URL: resp.Request.URL.String(), Body: string(b)}, nil
}

var (
	tags      = regexp.MustCompile(`<[^>]*>`)
	blanks    = regexp.MustCompile(`\s+`)
	paragraph = regexp.MustCompile(`(?s)<p[ >].*?</p>`)
)

// Text returns the text of the first paragraph (<p>) of an HTML page, or
// of the whole body if it has none: tags removed, entities unescaped,
// white space collapsed.
func (p *Page) Text() string {
	s := p.Body
	if m := paragraph.FindString(s); m != "" {
		s = m
	}
	s = html.UnescapeString(tags.ReplaceAllString(s, ""))
	return strings.TrimSpace(blanks.ReplaceAllString(s, " "))
}

// Host returns the host[:port] of a URL, or "" if it does not parse.
func Host(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Host
}

// SyncWriter returns a writer that serializes writes to w, for output
// written from HTTP handlers and the main flow at once.
func SyncWriter(w io.Writer) io.Writer { return &syncWriter{w: w} }

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// RunFunc is an example's program: it writes to stdout, reads its
// configuration through getenv, and returns when done or when ctx ends.
type RunFunc func(ctx context.Context, stdout io.Writer, getenv func(string) string) error

// Main runs an example's program with the process's environment until it
// finishes or the process is interrupted, and exits 1 on error.
func Main(name string, run RunFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		stop()
		os.Exit(1)
	}
}
