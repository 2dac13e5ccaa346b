package redistoken_test

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
	"github.com/wecomkit/wecom/token/redistoken"
)

// Every instance of a service shares the tokens kept in one Redis. The same
// UniversalOptions with several Addrs make a Cluster client, and with a
// MasterName a Sentinel one.
func Example() {
	client := redis.NewUniversalClient(&redis.UniversalOptions{
		Addrs: []string{"127.0.0.1:6379"},
		// Let a context's deadline end a command on a Redis that hangs.
		ContextTimeoutEnabled: true,
		DialTimeout:           time.Second,
		ReadTimeout:           time.Second,
		WriteTimeout:          time.Second,
	})
	defer client.Close()
	cache := redistoken.New(client, redistoken.WithPrefix("myservice:"))

	// Hand the cache to work.New or openwork.New on every instance:
	//
	//	c, err := work.New(cfg, wecom.WithCache(cache))
	_ = wecom.WithCache(cache)

	// Or keep a credential of your own in it.
	src := token.NewCachedSource(cache, "wecom:access_token:CORPID:1000002:fingerprint",
		func(ctx context.Context) (string, time.Duration, error) {
			// Ask WeCom here; only one instance does, while the others wait.
			return "ACCESS_TOKEN", 2 * time.Hour, nil
		})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := src.Token(ctx); err != nil {
		fmt.Println("no token:", err)
	}
}
