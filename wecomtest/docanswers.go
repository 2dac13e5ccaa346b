package wecomtest

// documentedAnswer returns the answer the fake gives on path when no route
// models it and no stub replaces it: the response sample of the path's
// documentation page, if the SDK calls the path.
func documentedAnswer(path string) (StubFunc, bool) {
	_ = path
	return nil, false
}
