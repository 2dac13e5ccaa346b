package token_test

import (
	"context"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/token"
)

// A CachedSource fetches once and serves the cached credential after that;
// when WeCom rejects it, Invalidate makes the next call fetch a new one.
func ExampleCachedSource() {
	ctx := context.Background()
	fetches := 0
	fetch := func(context.Context) (string, time.Duration, error) {
		fetches++
		return fmt.Sprintf("token-%d", fetches), 7200 * time.Second, nil
	}
	src := token.NewCachedSource(token.NewMemoryCache(), "wecom:access_token:ww1234:1000002", fetch)

	a, _ := src.Token(ctx)
	b, _ := src.Token(ctx)
	fmt.Println(a, b, fetches)

	_ = src.Invalidate(ctx, a) // WeCom answered 40014 for it
	c, _ := src.Token(ctx)
	fmt.Println(c, fetches)
	// Output:
	// token-1 token-1 1
	// token-2 2
}
