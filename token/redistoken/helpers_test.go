package redistoken_test

import (
	"context"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/redistest"
)

// accessTokenKey has the shape of work.AccessTokenKey: kind, corp, agent
// and a fingerprint of the secret.
const accessTokenKey = "wecom:access_token:ww1234567890abcdef:1000002:3f2a9c81d0e4"

// startRedis starts a redis-server for t and returns a client for it.
func startRedis(t testing.TB) (redis.UniversalClient, *redistest.Server) {
	t.Helper()
	srv := redistest.StartServer(t)
	client := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{srv.Addr()}})
	t.Cleanup(func() { _ = client.Close() })
	require.NoError(t, client.Ping(context.Background()).Err())
	return client, srv
}

// commandLog is a go-redis hook that records the commands a client sends.
type commandLog struct {
	mu        sync.Mutex
	commands  []string
	pipelines int
}

func (l *commandLog) DialHook(next redis.DialHook) redis.DialHook { return next }

func (l *commandLog) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		l.mu.Lock()
		l.commands = append(l.commands, cmd.Name())
		l.mu.Unlock()
		return next(ctx, cmd)
	}
}

func (l *commandLog) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		l.mu.Lock()
		l.pipelines++
		l.mu.Unlock()
		return next(ctx, cmds)
	}
}

// take returns the commands recorded since the last call and forgets them.
func (l *commandLog) take() (commands []string, pipelines int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	commands, pipelines = l.commands, l.pipelines
	l.commands, l.pipelines = nil, 0
	return commands, pipelines
}
