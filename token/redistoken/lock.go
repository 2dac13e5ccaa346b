package redistoken

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// TryLock implements token.Locker with SET key owner NX PX ttl, where owner
// is a random value. The returned release deletes the lock only while it
// still holds owner (a Lua compare-and-delete), so a holder whose lock
// expired and was taken over cannot release the new holder's lock. When
// the lock is held elsewhere, TryLock returns nil, nil. A ttl <= 0 is an
// error: a lock without expiry would block everyone forever if its holder
// crashed.
func (c *Cache) TryLock(ctx context.Context, key string, ttl time.Duration) (func(context.Context) error, error) {
	k := c.prefix + key
	if ttl <= 0 {
		return nil, fmt.Errorf("redistoken: lock %s: ttl %v is not positive", k, ttl)
	}
	owner := rand.Text()
	cctx, cancel := c.bound(ctx)
	defer cancel()
	cmd := redis.NewBoolCmd(cctx, append(setArgs(k, owner, ttl), "nx")...)
	if err := c.client.Process(cctx, cmd); err != nil {
		return nil, c.opError(ctx, "lock", k, err)
	}
	if !cmd.Val() {
		return nil, nil
	}
	release := func(ctx context.Context) error {
		cctx, cancel := c.bound(ctx)
		defer cancel()
		if err := compareAndDelete.Run(cctx, c.client, []string{k}, owner).Err(); err != nil {
			return c.opError(ctx, "unlock", k, err)
		}
		return nil
	}
	return release, nil
}
