package token_test

// Cross-process tests: the test binary re-runs itself as child processes,
// each with its own CachedSource over one redis-server, against one fake
// gettoken endpoint served by the parent.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redistest"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
)

// Environment of a child process.
const (
	childRedisEnv   = "WECOM_TOKEN_CHILD_REDIS"    // redis-server address; set only in children
	childURLEnv     = "WECOM_TOKEN_CHILD_URL"      // base URL of the fake gettoken endpoint
	childLockTTLEnv = "WECOM_TOKEN_CHILD_LOCK_TTL" // token.WithLockTTL
)

// goroutinesPerChild call Token at once in every child, so that each child
// also exercises its in-process single flight.
const goroutinesPerChild = 4

func TestRedisSourceColdStartAcrossProcessesFetchesOnce(t *testing.T) {
	addr, _ := redistest.Start(t)
	// A slow endpoint, so that the processes' misses overlap.
	fake := newGettokenFake(t, func(f *gettokenFake) { f.delay = 300 * time.Millisecond })

	const processes = 8
	children := make([]*childProcess, processes)
	for i := range children {
		children[i] = startChild(t, addr, fake.URL, token.DefaultLockTTL)
	}
	for _, c := range children {
		c.expect(t, "READY", time.Minute)
	}
	for _, c := range children {
		c.release()
	}
	tokens := make([]string, processes)
	for i, c := range children {
		tokens[i] = strings.TrimPrefix(c.expect(t, "TOKEN ", 30*time.Second).text, "TOKEN ")
		c.wait(t)
	}

	require.EqualValues(t, 1, fake.calls.Load(), "exactly one upstream fetch for %d cold processes", processes)
	issued := fake.Issued()
	require.Len(t, issued, 1)
	for i, tok := range tokens {
		assert.Equal(t, issued[0], tok, "process %d", i)
	}

	client := newRedisClient(t, addr)
	keys, err := client.Keys(context.Background(), "*").Result()
	require.NoError(t, err)
	assert.Equal(t, []string{redisTestKey()}, keys, "the token is stored and the lock released")
}

func TestRedisSourceLockHolderKilledMidFetch(t *testing.T) {
	addr, _ := redistest.Start(t)
	// The first fetch never gets an answer: its process is killed while it
	// holds the lock.
	fake := newGettokenFake(t, func(f *gettokenFake) { f.hangFirst = true })
	const lockTTL = 2 * time.Second

	holder := startChild(t, addr, fake.URL, lockTTL)
	waiters := []*childProcess{startChild(t, addr, fake.URL, lockTTL), startChild(t, addr, fake.URL, lockTTL)}
	for _, c := range append([]*childProcess{holder}, waiters...) {
		c.expect(t, "READY", time.Minute)
	}

	holder.release()
	select {
	case <-fake.arrived:
	case <-time.After(30 * time.Second):
		t.Fatal("the first process never called gettoken")
	}
	client := newRedisClient(t, addr)
	lockKey := redisTestKey() + ":lock"
	pttl, err := client.PTTL(context.Background(), lockKey).Result()
	require.NoError(t, err)
	require.Positive(t, pttl, "the fetching process holds the lock")
	require.LessOrEqual(t, pttl, lockTTL, "with the lock TTL")

	for _, c := range waiters {
		c.release()
	}
	time.Sleep(300 * time.Millisecond)
	require.EqualValues(t, 1, fake.calls.Load(), "the others wait for the lock holder instead of fetching")

	killedAt := time.Now()
	holder.kill()

	var tokens []string
	for i, c := range waiters {
		line := c.expect(t, "TOKEN ", lockTTL+10*time.Second)
		took := line.at.Sub(killedAt)
		assert.LessOrEqual(t, took, lockTTL+time.Second, "process %d got a token %v after the holder was killed", i, took)
		tokens = append(tokens, strings.TrimPrefix(line.text, "TOKEN "))
		c.wait(t)
	}
	require.EqualValues(t, 2, fake.calls.Load(), "one process took over, the other read its token")
	issued := fake.Issued()
	require.Len(t, issued, 1)
	assert.Equal(t, []string{issued[0], issued[0]}, tokens)
}

// TestRedisSourceChildProcess is the body of the child processes started
// by the tests above; run directly, it skips.
func TestRedisSourceChildProcess(t *testing.T) {
	addr := os.Getenv(childRedisEnv)
	if addr == "" {
		t.Skip("helper: runs only as a child process of the cross-process Redis tests")
	}
	lockTTL, err := time.ParseDuration(os.Getenv(childLockTTLEnv))
	require.NoError(t, err)
	client := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{addr}})
	defer client.Close()
	require.NoError(t, client.Ping(context.Background()).Err())
	// The processes start at once on a machine that may be loaded: give
	// each cache call seconds rather than the default bound, past which a
	// process would fetch on its own rather than wait for the lock holder.
	cache := token.TimeoutCache(redistoken.New(client), 5*time.Second)
	src := token.NewCachedSource(cache, redisTestKey(),
		gettokenFetch(os.Getenv(childURLEnv)), token.WithLockTTL(lockTTL))

	fmt.Println("READY")
	// Start when the parent closes stdin, at once with the others.
	_, _ = io.Copy(io.Discard, os.Stdin)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	tokens := make([]string, goroutinesPerChild)
	errs := make([]error, goroutinesPerChild)
	for i := range goroutinesPerChild {
		wg.Go(func() { tokens[i], errs[i] = src.Token(ctx) })
	}
	wg.Wait()
	for i := range goroutinesPerChild {
		require.NoError(t, errs[i])
		require.Equal(t, tokens[0], tokens[i], "one token per process")
	}
	fmt.Println("TOKEN " + tokens[0])
}

// childProcess is a re-run of the test binary as TestRedisSourceChildProcess.
type childProcess struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan stampedLine // closed at EOF
	stderr bytes.Buffer     // read only after done
	done   chan struct{}    // closed once the process has exited
	err    error            // of Wait, set before done is closed
}

type stampedLine struct {
	text string
	at   time.Time
}

func startChild(t *testing.T, redisAddr, fakeURL string, lockTTL time.Duration) *childProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRedisSourceChildProcess$", "-test.count=1", "-test.timeout=2m")
	cmd.Env = append(os.Environ(),
		childRedisEnv+"="+redisAddr,
		childURLEnv+"="+fakeURL,
		childLockTTLEnv+"="+lockTTL.String(),
	)
	c := &childProcess{cmd: cmd, lines: make(chan stampedLine, 16), done: make(chan struct{})}
	cmd.Stderr = &c.stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	c.stdin, err = cmd.StdinPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			c.lines <- stampedLine{text: sc.Text(), at: time.Now()}
		}
		close(c.lines)
		c.err = cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		// Drain the output so that the reader can reach Wait.
		for range c.lines {
		}
		<-c.done
	})
	return c
}

// expect returns the first line starting with prefix, skipping others.
func (c *childProcess) expect(t *testing.T, prefix string, timeout time.Duration) stampedLine {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				<-c.done
				t.Fatalf("child exited (%v) before printing %q; stderr: %s", c.err, prefix, c.stderr.String())
			}
			if strings.HasPrefix(l.text, prefix) {
				return l
			}
			if strings.Contains(l.text, "FAIL") || strings.HasPrefix(l.text, "    ") {
				t.Logf("child: %s", l.text)
			}
		case <-deadline:
			t.Fatalf("child printed no %q within %v", prefix, timeout)
		}
	}
}

// release lets the child call Token.
func (c *childProcess) release() { _ = c.stdin.Close() }

// kill ends the child at once, as a crash would.
func (c *childProcess) kill() { _ = c.cmd.Process.Kill() }

// wait waits for the child to exit and fails t unless it passed.
func (c *childProcess) wait(t *testing.T) {
	t.Helper()
	for range c.lines {
	}
	<-c.done
	require.NoError(t, c.err, "child failed; stderr: %s", c.stderr.String())
}
