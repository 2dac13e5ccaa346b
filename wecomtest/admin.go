package wecomtest

import "net/http"

// Handler returns the handler that serves the fake's API and pages, for
// serving the same fake on another listener as well, such as the fixed
// address of a standalone fake (the wecom command's "fake" subcommand).
// Requests to it see the same state as those to [Server.URL].
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }
