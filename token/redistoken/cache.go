package redistoken

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/wecomkit/wecom/token"
)

// Cache is a token.Cache on Redis. It also implements token.Locker and
// token.CompareAndDeleter. It is safe for concurrent use.
//
// Errors name the key and never contain a stored value.
type Cache struct {
	client  redis.UniversalClient
	prefix  string
	timeout time.Duration
}

// DefaultTimeout bounds each command of a Cache unless WithTimeout says
// otherwise. Redis answers in well under a millisecond; a command that
// takes this long means Redis is down or unreachable, and a token.Source
// then fetches the credential directly instead of making its caller wait.
const DefaultTimeout = 500 * time.Millisecond

var (
	_ token.Cache             = (*Cache)(nil)
	_ token.CompareAndDeleter = (*Cache)(nil)
	_ token.Locker            = (*Cache)(nil)
)

// Option configures a Cache.
type Option func(*Cache)

// WithPrefix puts p in front of every key the cache reads or writes, for
// example to keep two deployments apart in one Redis. Default: none.
func WithPrefix(p string) Option { return func(c *Cache) { c.prefix = p } }

// WithTimeout bounds each command, including its connection attempts and
// go-redis's retries, to d, unless the caller's context ends sooner; d <= 0
// leaves only the client's own timeouts. Default DefaultTimeout.
//
// go-redis applies a context's deadline to reading a reply only when the
// client has [redis.Options.ContextTimeoutEnabled]; without it, a Redis
// that accepts connections but does not answer holds a command for the
// client's ReadTimeout.
func WithTimeout(d time.Duration) Option { return func(c *Cache) { c.timeout = d } }

// New returns a Cache that stores its keys through client.
func New(client redis.UniversalClient, opts ...Option) *Cache {
	c := &Cache{client: client, timeout: DefaultTimeout}
	for _, o := range opts {
		o(c)
	}
	return c
}

// compareAndDelete deletes KEYS[1] if it holds ARGV[1]; it returns 1 when
// it deleted the key, else 0.
var compareAndDelete = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0
`)

// Get implements token.Cache with one GET. A missing key is
// token.ErrNotFound.
func (c *Cache) Get(ctx context.Context, key string) (string, error) {
	k := c.prefix + key
	cctx, cancel := c.bound(ctx)
	defer cancel()
	v, err := c.client.Get(cctx, k).Result()
	if errors.Is(err, redis.Nil) {
		return "", token.ErrNotFound
	}
	if err != nil {
		return "", c.opError(ctx, "get", k, err)
	}
	return v, nil
}

// Set implements token.Cache with SET key value PX ttl; ttl <= 0 stores the
// value without expiry.
func (c *Cache) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	k := c.prefix + key
	cctx, cancel := c.bound(ctx)
	defer cancel()
	if err := c.client.Process(cctx, redis.NewStatusCmd(cctx, setArgs(k, value, ttl)...)); err != nil {
		return c.opError(ctx, "set", k, err)
	}
	return nil
}

// SetNX stores value under key only if the key holds nothing, and reports
// whether it did; ttl <= 0 stores the value without expiry. It lets
// instances agree on who handles something first, such as a callback that
// WeCom delivered twice.
func (c *Cache) SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error) {
	k := c.prefix + key
	cctx, cancel := c.bound(ctx)
	defer cancel()
	cmd := redis.NewBoolCmd(cctx, append(setArgs(k, value, ttl), "nx")...)
	if err := c.client.Process(cctx, cmd); err != nil {
		return false, c.opError(ctx, "setnx", k, err)
	}
	return cmd.Val(), nil
}

// Delete implements token.Cache with DEL.
func (c *Cache) Delete(ctx context.Context, key string) error {
	k := c.prefix + key
	cctx, cancel := c.bound(ctx)
	defer cancel()
	if err := c.client.Del(cctx, k).Err(); err != nil {
		return c.opError(ctx, "del", k, err)
	}
	return nil
}

// CompareAndDelete implements token.CompareAndDeleter with a Lua script
// run by EVALSHA (EVAL the first time a server sees it), so that a stale
// value one instance holds never deletes the fresh one another stored.
func (c *Cache) CompareAndDelete(ctx context.Context, key, old string) (bool, error) {
	k := c.prefix + key
	cctx, cancel := c.bound(ctx)
	defer cancel()
	n, err := compareAndDelete.Run(cctx, c.client, []string{k}, old).Int()
	if err != nil {
		return false, c.opError(ctx, "compare-and-delete", k, err)
	}
	return n == 1, nil
}

// setArgs returns the arguments of SET key value [PX ttl].
func setArgs(key, value string, ttl time.Duration) []any {
	if ttl <= 0 {
		return []any{"set", key, value}
	}
	return []any{"set", key, value, "px", strconv.FormatInt(max(ttl.Milliseconds(), 1), 10)}
}

// bound limits ctx to the cache's timeout, unless it ends sooner anyway.
func (c *Cache) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.timeout <= 0 {
		return ctx, noCancel
	}
	if d, ok := ctx.Deadline(); ok && time.Until(d) <= c.timeout {
		return ctx, noCancel
	}
	return context.WithTimeout(ctx, c.timeout)
}

func noCancel() {}

// opError describes a failed command by its name and key; the values sent
// are left out, since they are credentials. ctx is the caller's context,
// to tell the cache's own timeout from the caller's.
func (c *Cache) opError(ctx context.Context, op, key string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return fmt.Errorf("redistoken: %s %s: no answer within %v: %w", op, key, c.timeout, err)
	}
	return fmt.Errorf("redistoken: %s %s: %w", op, key, err)
}
