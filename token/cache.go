package token

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned by a Cache's Get when the key holds no value.
var ErrNotFound = errors.New("token: not found in cache")

// Cache stores string values under string keys for a limited time.
// Implementations must be safe for concurrent use.
type Cache interface {
	// Get returns the value stored under key, or an error wrapping
	// ErrNotFound when there is none or it has expired.
	Get(ctx context.Context, key string) (string, error)
	// Set stores value under key for ttl; ttl <= 0 means no expiry.
	Set(ctx context.Context, key, value string, ttl time.Duration) error
	// Delete removes key. Deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

// CompareAndDeleter is implemented by caches that can delete a key only
// while it still holds a given value, atomically.
type CompareAndDeleter interface {
	// CompareAndDelete deletes key if its value equals old, and reports
	// whether it did.
	CompareAndDelete(ctx context.Context, key, old string) (bool, error)
}

// Locker is implemented by caches shared between processes, so that only
// one process fetches a credential that all of them miss.
type Locker interface {
	// TryLock tries to take the lock named key for at most ttl, so that a
	// holder that dies cannot block others for longer. It returns a function
	// that releases the lock if, and only if, the caller still holds it; it
	// returns a nil function and a nil error when another holder has it.
	TryLock(ctx context.Context, key string, ttl time.Duration) (release func(context.Context) error, err error)
}

// compareAndDelete deletes key from c if it still holds old, atomically when
// c supports it.
func compareAndDelete(ctx context.Context, c Cache, key, old string) error {
	if cd, ok := c.(CompareAndDeleter); ok {
		_, err := cd.CompareAndDelete(ctx, key, old)
		return err
	}
	v, err := c.Get(ctx, key)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if v != old {
		return nil
	}
	return c.Delete(ctx, key)
}
