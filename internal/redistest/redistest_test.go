package redistest

import (
	"fmt"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStartServesUntilStopped(t *testing.T) {
	addr, stop := Start(t)
	host, _, err := net.SplitHostPort(addr)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1", host, "loopback only")
	assert.Equal(t, "+PONG", ping(t, addr))

	stop()
	_, err = net.DialTimeout("tcp", addr, time.Second)
	require.Error(t, err, "nothing listens after stop")
	stop() // a second stop is harmless
}

func TestStartGivesEachTestItsOwnServer(t *testing.T) {
	a := StartServer(t)
	b := StartServer(t)
	assert.NotEqual(t, a.Addr(), b.Addr())
	pa, err := serverPID(a.Addr())
	require.NoError(t, err)
	pb, err := serverPID(b.Addr())
	require.NoError(t, err)
	assert.Equal(t, a.cmd.Process.Pid, pa)
	assert.Equal(t, b.cmd.Process.Pid, pb)
}

func TestPauseAndResume(t *testing.T) {
	s := StartServer(t)
	if err := s.Pause(); err != nil {
		t.Skip(err)
	}
	conn, err := net.DialTimeout("tcp", s.Addr(), time.Second)
	require.NoError(t, err, "a paused server still accepts connections")
	defer conn.Close()
	_, err = conn.Write([]byte("PING\r\n"))
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(200*time.Millisecond)))
	_, err = conn.Read(make([]byte, 16))
	var netErr net.Error
	require.ErrorAs(t, err, &netErr)
	assert.True(t, netErr.Timeout(), "but answers nothing")

	require.NoError(t, s.Resume())
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	buf := make([]byte, 16)
	n, err := conn.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "+PONG\r\n", string(buf[:n]), "the queued command is answered after Resume")
}

func TestPauseForResumesWhenTheTestEnds(t *testing.T) {
	s := StartServer(t)
	t.Run("paused", func(t *testing.T) {
		s.PauseFor(t)
		conn, err := net.DialTimeout("tcp", s.Addr(), time.Second)
		require.NoError(t, err)
		defer conn.Close()
		_, err = conn.Write([]byte("PING\r\n"))
		require.NoError(t, err)
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(200*time.Millisecond)))
		_, err = conn.Read(make([]byte, 16))
		require.Error(t, err, "no answer while paused")
	})
	assert.Equal(t, "+PONG", ping(t, s.Addr()), "answering again once the subtest is over")
}

func TestMissingRedisServer(t *testing.T) {
	tests := []struct {
		ci          string
		wantSkipped bool
	}{
		{"", true},
		{"false", true},
		{"true", false},
	}
	for _, tt := range tests {
		t.Run("CI="+tt.ci, func(t *testing.T) {
			t.Setenv("PATH", t.TempDir())
			t.Setenv("CI", tt.ci)
			r := &recorder{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				StartServer(r)
				r.returned = true
			}()
			<-done
			assert.False(t, r.returned, "StartServer must not return without a server")
			if tt.wantSkipped {
				assert.Empty(t, r.fatal)
				assert.Contains(t, r.skipped, "redis-server is not on PATH")
			} else {
				assert.Empty(t, r.skipped)
				assert.Contains(t, r.fatal, "redis-server is not on PATH and CI=true")
			}
			assert.Contains(t, r.skipped+r.fatal, "apt-get install -y redis-server", "the message says how to fix it")
		})
	}
}

// recorder is a testing.TB that records Skip and Fatal instead of acting
// on the real test; like them, it ends the goroutine that calls it.
type recorder struct {
	testing.TB
	skipped, fatal string
	returned       bool
}

func (r *recorder) Helper() {}

func (r *recorder) Skip(args ...any) {
	r.skipped = fmt.Sprint(args...)
	runtime.Goexit()
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// ping sends PING to the server at addr and returns its reply line.
func ping(t *testing.T, addr string) string {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = conn.Write([]byte("PING\r\n"))
	require.NoError(t, err)
	buf := make([]byte, 64)
	n, err := conn.Read(buf)
	require.NoError(t, err)
	return strings.TrimSpace(string(buf[:n]))
}

func TestStartClusterServesAllSlots(t *testing.T) {
	t.Parallel() // the cluster takes two seconds to declare itself ok
	s := StartCluster(t)
	info, err := command(s.Addr(), "CLUSTER", "INFO")
	require.NoError(t, err)
	assert.Contains(t, info, "cluster_state:ok")
	assert.Contains(t, info, "cluster_slots_assigned:16384")

	_, err = command(StartServer(t).Addr(), "CLUSTER", "INFO")
	require.Error(t, err, "a plain server is not a cluster node")
	assert.Contains(t, err.Error(), "cluster support disabled")
}
