package jssdk

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

// 100 concurrent AgentConfig calls per agent cost one ticket fetch per
// agent and one access-token fetch per agent; two clients of one corp on a
// shared cache share the corp's jsapi_ticket.
func TestConcurrentAgentConfigFetchesOncePerAgent(t *testing.T) {
	mt := httpmock.NewMockTransport()
	agents := []int64{1000001, 1000002, 1000003}
	tickets := map[string]string{}
	for _, a := range agents {
		tickets["TOKEN-"+strconv.FormatInt(a, 10)] = "TICKET-" + strconv.FormatInt(a, 10)
	}
	srv := newTicketServer(mt, tickets)
	cache := wecom.NewOptions().Cache

	clients := map[int64]*Client{}
	tokens := map[int64]*countingToken{}
	for _, a := range agents {
		id := strconv.FormatInt(a, 10)
		tokens[a] = newCountingToken(cache, "wecom:access_token:"+testCorpID+":"+id, "TOKEN-"+id)
		c := mustNew(t, Config{CorpID: testCorpID, AgentID: a}, tokens[a], testOptions(mt, wecom.WithCache(cache))...)
		c.now = func() time.Time { return fixedNow }
		clients[a] = c
	}

	const calls = 100
	type result struct {
		agent int64
		cfg   *WXAgentConfig
		err   error
	}
	results := make(chan result, calls*len(agents))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, a := range agents {
		for range calls {
			wg.Go(func() {
				<-start
				cfg, err := clients[a].AgentConfig(context.Background(), page)
				results <- result{a, cfg, err}
			})
		}
	}
	close(start)
	wg.Wait()
	close(results)

	for r := range results {
		require.NoError(t, r.err)
		id := strconv.FormatInt(r.agent, 10)
		assert.Equal(t, id, r.cfg.AgentID)
		assert.Equal(t, Sign("TICKET-"+id, r.cfg.NonceStr, r.cfg.Timestamp, page), r.cfg.Signature,
			"agent %s signs with its own ticket", id)
	}
	for _, a := range agents {
		id := strconv.FormatInt(a, 10)
		assert.Equal(t, 1, srv.agentCalls("TOKEN-"+id), "agent %s: one ticket fetch", id)
		assert.Equal(t, int32(1), tokens[a].fetches.Load(), "agent %s: one token fetch", id)
	}

	// The corp ticket is per corp: the second client finds it in the cache.
	_, err := clients[agents[0]].Config(context.Background(), page)
	require.NoError(t, err)
	_, err = clients[agents[1]].Config(context.Background(), page)
	require.NoError(t, err)
	total := 0
	for tok := range tickets {
		total += srv.corpCalls(tok)
	}
	assert.Equal(t, 1, total)
}
