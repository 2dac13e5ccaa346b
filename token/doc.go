// Package token caches WeCom's credentials (access tokens, suite and
// provider tokens, JS-SDK tickets) and hands them out.
//
// A [Cache] stores strings under keys with a time to live. [MemoryCache] is
// the default; the redistoken package provides one on Redis for services that
// run on several machines.
//
// A [CachedSource] is a [Source] of one credential: it serves hits from
// memory without touching the network, refreshes ahead of expiry in the
// background so callers never wait on a refresh while the current token is
// still valid, collapses concurrent misses into a single fetch, and, when the
// cache is also a [Locker], makes processes that share the cache share one
// fetch too. Invalidation after WeCom rejects a token is compare-and-delete:
// only the rejected value is dropped, never a fresher one stored meanwhile.
//
// [TimeoutCache] bounds every call to a cache, its lock included, so that a
// cache that hangs (a frozen Redis, a client that ignores its context) costs
// a caller that long at most; the source then fetches directly, as when the
// cache is down. wecom.NewOptions and NewCachedSource apply it.
package token
