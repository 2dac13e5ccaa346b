// Package redistoken stores WeCom credentials in Redis, so that every
// instance of a service shares one access token, suite token, JS-SDK ticket
// and pushed suite_ticket, and only one of them asks WeCom for a new one.
//
// [Cache] implements [token.Cache], [token.CompareAndDeleter] and
// [token.Locker] on a go-redis v9 [redis.UniversalClient]: a single node, a
// Sentinel-managed master and a Redis Cluster all work, because every
// command and script touches exactly one key.
//
// Pass the cache to every client of the service (wecom.WithCache for the
// work and openwork packages, or token.NewCachedSource directly). A
// [token.CachedSource] over it serves hits from memory, reads Redis when its
// copy is missing or due for refresh, and takes the lock "<key>:lock" before
// fetching, so that instances missing the same credential at once make one
// request to WeCom between them.
//
// The SDK bounds each call to the cache itself (token.TimeoutCache, which
// wecom.NewOptions, token.NewCachedSource, message.WithDedup and
// oauth.NewStateStore apply), whatever the client's settings: with a Redis
// that does not answer, a caller waits at most that long and then carries
// on as without Redis. Still set [redis.Options.ContextTimeoutEnabled] and
// short [redis.Options.ReadTimeout] and DialTimeout: go-redis then ends a
// command the SDK stopped waiting for, instead of holding its connection and
// goroutine until ReadTimeout.
package redistoken
