package message

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/wecomkit/wecom/token"
)

// deduper remembers callbacks being handled or handled, see WithDedup.
type deduper struct {
	cache token.Cache
	ttl   time.Duration
}

// Values stored under a de-duplication key. Any value other than
// keyHandling counts as handled.
const (
	keyHandling = "handling"
	keyDone     = "done"
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

// claim records key as being handled and reports what the cache knew of it.
// On a cache error it reports stateNew, so that the message is delivered.
func (d *deduper) claim(ctx context.Context, key string) (dedupState, error) {
	if nx, ok := d.cache.(SetNXer); ok {
		stored, err := nx.SetNX(ctx, key, keyHandling, d.ttl)
		if err != nil || stored {
			return stateNew, err
		}
		v, err := d.cache.Get(ctx, key)
		switch {
		case err == nil:
			return stateOf(v), nil
		case errors.Is(err, token.ErrNotFound):
			// The key was deleted since SetNX: a failed copy released it
			// just now. Let WeCom send it again rather than race.
			return stateHandling, nil
		default:
			return stateNew, err
		}
	}
	v, err := d.cache.Get(ctx, key)
	switch {
	case err == nil:
		return stateOf(v), nil
	case !errors.Is(err, token.ErrNotFound):
		return stateNew, err
	}
	return stateNew, d.cache.Set(ctx, key, keyHandling, d.ttl)
}

func stateOf(value string) dedupState {
	if value == keyHandling {
		return stateHandling
	}
	return stateDone
}

// done records that the callback of key was handled.
func (d *deduper) done(ctx context.Context, key string) error {
	return d.cache.Set(context.WithoutCancel(ctx), key, keyDone, d.ttl)
}

// forget deletes key, so that a re-send of a failed callback is handled.
func (d *deduper) forget(ctx context.Context, key string) error {
	return d.cache.Delete(context.WithoutCancel(ctx), key)
}

// dedupKey returns the cache key that identifies m, see WithDedup. Only a
// message (not an event) is known by its MsgId: an event may carry the
// MsgId of the message it is about, shared by events that differ.
func dedupKey(m *Message) string {
	if m.MsgID != "" && m.MsgType != MsgTypeEvent && m.InfoType == "" {
		return "wecom:callback:msg:" + m.ToUserName + ":" + strconv.FormatInt(m.AgentID, 10) + ":" + m.MsgID
	}
	sum := sha256.Sum256(m.Raw)
	digest := hex.EncodeToString(sum[:16])
	createTime := strconv.FormatInt(m.CreateTime, 10)
	if m.InfoType != "" {
		return "wecom:callback:info:" + m.SuiteID + ":" + m.AuthCorpID + ":" + createTime + ":" +
			m.InfoType + ":" + m.ChangeType + ":" + digest
	}
	return "wecom:callback:event:" + m.ToUserName + ":" + m.FromUserName + ":" + createTime + ":" +
		m.Event + ":" + m.ChangeType + ":" + digest
}
