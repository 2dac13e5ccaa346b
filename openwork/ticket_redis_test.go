package openwork

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redistest"
	"github.com/wecomkit/wecom/token/redistoken"
)

func TestConcurrentTicketPushesAcrossInstancesKeepTheNewest(t *testing.T) {
	// Several instances share one Redis; pushes of different ages (WeCom's
	// own, delayed ones and replays) reach them at the same moment, in any
	// order. The newest ticket must be what stays, whatever the order: the
	// instances serialize their stores with the cache's lock.
	srv := redistest.StartServer(t)
	client := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { _ = client.Close() })
	cache := redistoken.New(client)

	f := newFake(t)
	const instances = 4
	var handlers []http.Handler
	var suites []*Suite
	for range instances {
		p, err := New(Config{CorpID: "wwprovider"}, f.options(cache)...)
		require.NoError(t, err)
		s := newCallbackSuite(t, p, "wwsuite1")
		h, err := s.CallbackHandler(nil)
		require.NoError(t, err)
		handlers, suites = append(handlers, h), append(suites, s)
	}
	now := time.Now().Add(-time.Minute)
	for round := range 5 {
		const pushes = 12
		order := rand.Perm(pushes)
		var wg sync.WaitGroup
		for i, age := range order {
			wg.Go(func() {
				at := now.Add(time.Duration(age) * time.Second)
				ticket := "T" + strconv.Itoa(round) + "-" + strconv.Itoa(age)
				rec := post(t, handlers[i%instances], "/s", "wwsuite1", ticketXMLAt("wwsuite1", ticket, at))
				assert.Equal(t, http.StatusOK, rec.Code)
			})
		}
		wg.Wait()
		for _, s := range suites {
			tk, err := s.Ticket(context.Background())
			require.NoError(t, err)
			assert.Equal(t, "T"+strconv.Itoa(round)+"-"+strconv.Itoa(pushes-1), tk, "round %d", round)
		}
		now = now.Add(time.Minute) // the next round's pushes are all newer
	}
}
