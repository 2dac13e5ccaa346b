//go:build unix

package redistest

import "syscall"

// Pause freezes the server (SIGSTOP): it keeps its port and accepts
// connections but answers nothing, like a Redis stuck on a slow disk or a
// network that drops packets. Resume undoes it; Stop works on a paused
// server too.
func (s *Server) Pause() error { return s.cmd.Process.Signal(syscall.SIGSTOP) }

// Resume lets a paused server run again (SIGCONT).
func (s *Server) Resume() error { return s.cmd.Process.Signal(syscall.SIGCONT) }
