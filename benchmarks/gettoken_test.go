package benchmarks

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// gettokenServer is a loopback stand-in for qyapi's gettoken endpoint that
// counts the tokens it hands out.
type gettokenServer struct {
	*httptest.Server
	fetches atomic.Int64
}

func newGettokenServer(tb testing.TB) *gettokenServer {
	s := &gettokenServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /cgi-bin/gettoken", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		w.Header().Set("Content-Type", "application/json")
		if q.Get("corpid") != sampleCorpID || q.Get("corpsecret") != tokenSecret {
			_ = json.NewEncoder(w).Encode(map[string]any{"errcode": 40013, "errmsg": "invalid corpid"})
			return
		}
		s.fetches.Add(1)
		_ = json.NewEncoder(w).Encode(map[string]any{
			"errcode": 0, "errmsg": "ok", "access_token": tokenValue, "expires_in": 7200,
		})
	})
	s.Server = httptest.NewServer(mux)
	tb.Cleanup(s.Close)
	return s
}
