package callback

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/wecomkit/wecom/token"
)

// SetNXer is implemented by caches that can store a key only if it is
// absent, atomically (Redis SET NX).
type SetNXer interface {
	SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error)
}

// Deduper remembers callbacks being handled or handled.
type Deduper struct {
	Cache token.Cache
	TTL   time.Duration
}

// Values stored under a de-duplication key: KeyHandling while a copy is
// being handled; once handled, KeyDone, or KeyReplyPrefix followed by the
// encrypted passive reply the first copy got. Any other value counts as
// handled without reply.
const (
	KeyHandling    = "handling"
	KeyDone        = "done"
	KeyReplyPrefix = "reply:"

	// MaxStoredReply bounds the passive replies kept for re-sends; a
	// larger one is not kept and its re-sends get the plain acknowledgement.
	MaxStoredReply = 64 << 10
)

// dedupState is what the cache says about a callback.
type dedupState int

const (
	// stateNew: the callback is claimed by this call, handle it.
	stateNew dedupState = iota
	// stateDone: a copy was handled, acknowledge this one.
	stateDone
	// stateHandling: a copy is being handled right now; it may yet fail,
	// so this one must be refused for WeCom to retry.
	stateHandling
)

// claim records key as being handled and reports what the cache knew of it,
// with the passive reply stored for a handled callback (nil: none). On a
// cache error it reports stateNew, so that the message is delivered.
func (d *Deduper) claim(ctx context.Context, key string) (dedupState, []byte, error) {
	if nx, ok := d.Cache.(SetNXer); ok {
		stored, err := nx.SetNX(ctx, key, KeyHandling, d.TTL)
		if err != nil || stored {
			return stateNew, nil, err
		}
		v, err := d.Cache.Get(ctx, key)
		switch {
		case err == nil:
			state, reply := stateOf(v)
			return state, reply, nil
		case errors.Is(err, token.ErrNotFound):
			// The key was deleted since SetNX: a failed copy released it
			// just now. Let WeCom send it again rather than race.
			return stateHandling, nil, nil
		default:
			return stateNew, nil, err
		}
	}
	v, err := d.Cache.Get(ctx, key)
	switch {
	case err == nil:
		state, reply := stateOf(v)
		return state, reply, nil
	case !errors.Is(err, token.ErrNotFound):
		return stateNew, nil, err
	}
	return stateNew, nil, d.Cache.Set(ctx, key, KeyHandling, d.TTL)
}

// stateOf decodes a stored value.
func stateOf(value string) (dedupState, []byte) {
	if value == KeyHandling {
		return stateHandling, nil
	}
	if reply, ok := strings.CutPrefix(value, KeyReplyPrefix); ok && reply != "" {
		return stateDone, []byte(reply)
	}
	return stateDone, nil
}

// done records that the callback of key was handled, with the encrypted
// passive reply it got (nil: none). ctx bounds the cache call: the caller
// gives it a deadline that the request's cancellation does not shorten.
func (d *Deduper) done(ctx context.Context, key string, reply []byte) error {
	value := KeyDone
	if len(reply) > 0 && len(reply) <= MaxStoredReply {
		value = KeyReplyPrefix + string(reply)
	}
	return d.Cache.Set(ctx, key, value, d.TTL)
}

// forget deletes key, so that a re-send of a failed callback is handled.
func (d *Deduper) forget(ctx context.Context, key string) error {
	return d.Cache.Delete(ctx, key)
}
