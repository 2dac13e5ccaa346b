//go:build !unix

package redistest

// Pause is not supported on this system; it returns an error.
func (s *Server) Pause() error { return errNoPause }

// Resume is not supported on this system; it returns an error.
func (s *Server) Resume() error { return errNoPause }
