package openwork

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redistest"
	"github.com/wecomkit/wecom/token/redistoken"
)

// TestTicketPushPausedRedisAnsweredInTime freezes the provider's Redis
// (SIGSTOP) under a go-redis client built without ContextTimeoutEnabled,
// which then waits out its ReadTimeout (seconds) whatever the context says.
// A suite_ticket push must still be answered within the 1 s WeCom waits:
// every cache call of the push (de-duplication, the ticket lock, the
// stores) is bounded by the client options' cache timeout, and the
// instruction callback's deadline bounds them all together.
func TestTicketPushPausedRedisAnsweredInTime(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	rc := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { _ = rc.Close() })
	require.NoError(t, rc.Ping(context.Background()).Err())

	f := newFake(t)
	p, err := New(Config{CorpID: "wwprovider"}, f.options(redistoken.New(rc))...)
	require.NoError(t, err)
	s := newCallbackSuite(t, p, "wwsuite1")
	h, err := s.CallbackHandler(nil)
	require.NoError(t, err)

	// While Redis answers, the push is stored.
	rec := post(t, h, "/s", "wwsuite1", ticketXML("wwsuite1", "TICKET-1"))
	require.Equal(t, http.StatusOK, rec.Code)
	tk, err := s.Ticket(context.Background())
	require.NoError(t, err)
	require.Equal(t, "TICKET-1", tk)

	srv.PauseFor(t)
	start := time.Now()
	rec = post(t, h, "/s", "wwsuite1", ticketXMLAt("wwsuite1", "TICKET-2", time.Now().Add(time.Second)))
	took := time.Since(start)
	t.Logf("suite_ticket push, Redis paused: %v, answered %d", took, rec.Code)
	// The ticket could not be stored: the push is refused so that WeCom
	// pushes again, rather than acknowledged and lost.
	assert.NotEqual(t, http.StatusOK, rec.Code)
	assert.Less(t, took, time.Second, "WeCom's wait")
}
