// Package redistest runs a throwaway redis-server on a loopback port for
// the duration of a test.
//
// Tests that call [Start] or [StartServer] are skipped with a message when
// redis-server is not on PATH, except when the environment variable CI is
// "true": there a missing redis-server fails the test, so that a CI run
// cannot pass by skipping.
package redistest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// errNoPause is returned by Pause and Resume where a server cannot be
// paused (outside Unix).
var errNoPause = errors.New("redistest: pausing a server needs a Unix system")

// startTimeout bounds how long a redis-server may take to answer.
const startTimeout = 10 * time.Second

// Server is a redis-server process started for one test.
type Server struct {
	addr string
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited
	out  *lockedBuffer

	stopOnce sync.Once
}

// Start starts a redis-server for t and returns its address and a function
// that stops it. The server is stopped when t ends in any case; stop may be
// called earlier, and more than once.
func Start(t testing.TB) (addr string, stop func()) {
	t.Helper()
	s := StartServer(t)
	return s.Addr(), s.Stop
}

// StartServer starts a redis-server for t on a free loopback port, with
// persistence off, and waits until it answers. The server is stopped when t
// ends.
func StartServer(t testing.TB) *Server {
	t.Helper()
	return start(t, false)
}

// StartCluster starts a one-node Redis Cluster for t: a redis-server in
// cluster mode that serves all 16384 hash slots, so that a go-redis
// ClusterClient routes commands to it as to any cluster. The server is
// stopped when t ends.
func StartCluster(t testing.TB) *Server {
	t.Helper()
	return start(t, true)
}

func start(t testing.TB, cluster bool) *Server {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("redistest: redis-server is not on PATH and CI=true: install it (Debian: apt-get install -y redis-server)")
		}
		t.Skip("redistest: redis-server is not on PATH; install it (Debian: apt-get install -y redis-server) to run this test")
	}
	var lastErr error
	// The free port may be taken by someone else before redis-server binds
	// it; try a few ports before giving up.
	for range 3 {
		s, err := launch(path, t.TempDir(), cluster)
		if err == nil {
			t.Cleanup(s.Stop)
			return s
		}
		lastErr = err
	}
	t.Fatalf("redistest: %v", lastErr)
	return nil
}

// Addr returns the server's host:port on 127.0.0.1.
func (s *Server) Addr() string { return s.addr }

// Stop kills the server, as a crash would, and waits for it to exit.
// Clients connected to it see their connections closed.
func (s *Server) Stop() {
	s.stopOnce.Do(func() {
		_ = s.cmd.Process.Kill()
		<-s.done
	})
}

// PauseFor pauses the server (see Pause) until t ends: a t.Cleanup resumes
// it whatever the test's outcome, so that a failing test leaves no frozen
// server behind for the cleanups that follow. t is skipped where a server
// cannot be paused, and fails if the signal cannot be sent.
func (s *Server) PauseFor(t testing.TB) {
	t.Helper()
	if err := s.Pause(); err != nil {
		if errors.Is(err, errNoPause) {
			t.Skip(err)
		}
		t.Fatalf("redistest: pause: %v", err)
	}
	t.Cleanup(func() { _ = s.Resume() })
}

// Output returns what the server has logged so far.
func (s *Server) Output() string { return s.out.String() }

func launch(path, dir string, cluster bool) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	out := &lockedBuffer{}
	args := []string{
		"--port", strconv.Itoa(port),
		"--bind", "127.0.0.1",
		"--save", "",
		"--appendonly", "no",
		"--dir", dir,
		"--loglevel", "warning",
	}
	if cluster {
		args = append(args,
			"--cluster-enabled", "yes",
			"--cluster-config-file", filepath.Join(dir, "nodes.conf"),
			"--cluster-announce-ip", "127.0.0.1",
		)
	}
	cmd := exec.Command(path, args...)
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	s := &Server{
		addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		cmd:  cmd,
		done: make(chan struct{}),
		out:  out,
	}
	go func() {
		_ = cmd.Wait()
		close(s.done)
	}()
	err = s.waitReady()
	if err == nil && cluster {
		err = s.serveAllSlots()
	}
	if err != nil {
		s.Stop()
		return nil, fmt.Errorf("redis-server on port %d: %w; its output: %q", port, err, out.String())
	}
	return s, nil
}

// serveAllSlots assigns every hash slot to the server and waits until the
// one-node cluster reports itself ok.
func (s *Server) serveAllSlots() error {
	if _, err := command(s.addr, "CLUSTER", "ADDSLOTSRANGE", "0", "16383"); err != nil {
		return fmt.Errorf("assign slots: %w", err)
	}
	deadline := time.Now().Add(startTimeout)
	for {
		info, err := command(s.addr, "CLUSTER", "INFO")
		if err == nil && strings.Contains(info, "cluster_state:ok") {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cluster not ok after %v: %v %q", startTimeout, err, info)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitReady polls the server until it answers INFO with its own process id,
// so that a server someone else runs on the same port is not mistaken for
// ours.
func (s *Server) waitReady() error {
	deadline := time.Now().Add(startTimeout)
	for {
		select {
		case <-s.done:
			return errors.New("exited before answering")
		default:
		}
		pid, err := serverPID(s.addr)
		if err == nil {
			if pid != s.cmd.Process.Pid {
				return fmt.Errorf("port answered by another server (pid %d)", pid)
			}
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer after %v: %w", startTimeout, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// serverPID asks the server at addr for its process id with INFO server.
func serverPID(addr string) (int, error) {
	info, err := command(addr, "INFO", "server")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(info) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "process_id:"); ok {
			return strconv.Atoi(v)
		}
	}
	return 0, errors.New("INFO server has no process_id")
}

// command sends one command to the server at addr on a new connection and
// returns its reply, which must be a simple string, an integer or a bulk
// string; an error reply is returned as an error.
func command(addr string, args ...string) (string, error) {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(time.Second))
	var req strings.Builder
	fmt.Fprintf(&req, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&req, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := io.WriteString(conn, req.String()); err != nil {
		return "", err
	}
	r := bufio.NewReader(conn)
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimSuffix(line, "\r\n")
	switch {
	case strings.HasPrefix(line, "+"), strings.HasPrefix(line, ":"):
		return line[1:], nil
	case strings.HasPrefix(line, "-"):
		// e.g. "-LOADING ..." while the server starts.
		return "", fmt.Errorf("redis: %s", line[1:])
	case strings.HasPrefix(line, "$"):
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return "", fmt.Errorf("unexpected reply %q", line)
		}
		body := make([]byte, n+2) // with the closing CRLF
		if _, err := io.ReadFull(r, body); err != nil {
			return "", err
		}
		return string(body[:n]), nil
	}
	return "", fmt.Errorf("unexpected reply %q", line)
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	return port, nil
}

// lockedBuffer collects a process's output while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
