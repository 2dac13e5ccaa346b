//go:build !unix

package redistest

import "errors"

var errNoPause = errors.New("redistest: pausing a server needs a Unix system")

// Pause is not supported on this system; it returns an error.
func (s *Server) Pause() error { return errNoPause }

// Resume is not supported on this system; it returns an error.
func (s *Server) Resume() error { return errNoPause }
