package message

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/wecomkit/wecom/token"
)

// deduper remembers callbacks being handled or handled, see WithDedup.
type deduper struct {
	cache token.Cache
	ttl   time.Duration
}

// Values stored under a de-duplication key: keyHandling while a copy is
// being handled; once handled, keyDone, or keyReplyPrefix followed by the
// encrypted passive reply the first copy got. Any other value counts as
// handled without reply.
const (
	keyHandling    = "handling"
	keyDone        = "done"
	keyReplyPrefix = "reply:"

	// maxStoredReply bounds the passive replies kept for re-sends; a
	// larger one is not kept and its re-sends get the plain acknowledgement.
	// WeCom's own limits on replies keep them well below.
	maxStoredReply = 64 << 10
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
func (d *deduper) claim(ctx context.Context, key string) (dedupState, []byte, error) {
	if nx, ok := d.cache.(SetNXer); ok {
		stored, err := nx.SetNX(ctx, key, keyHandling, d.ttl)
		if err != nil || stored {
			return stateNew, nil, err
		}
		v, err := d.cache.Get(ctx, key)
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
	v, err := d.cache.Get(ctx, key)
	switch {
	case err == nil:
		state, reply := stateOf(v)
		return state, reply, nil
	case !errors.Is(err, token.ErrNotFound):
		return stateNew, nil, err
	}
	return stateNew, nil, d.cache.Set(ctx, key, keyHandling, d.ttl)
}

// stateOf decodes a stored value.
func stateOf(value string) (dedupState, []byte) {
	if value == keyHandling {
		return stateHandling, nil
	}
	if reply, ok := strings.CutPrefix(value, keyReplyPrefix); ok && reply != "" {
		return stateDone, []byte(reply)
	}
	return stateDone, nil
}

// done records that the callback of key was handled, with the encrypted
// passive reply it got (nil: none). ctx bounds the cache call: the caller
// gives it a deadline that the request's cancellation does not shorten.
func (d *deduper) done(ctx context.Context, key string, reply []byte) error {
	value := keyDone
	if len(reply) > 0 && len(reply) <= maxStoredReply {
		value = keyReplyPrefix + string(reply)
	}
	return d.cache.Set(ctx, key, value, d.ttl)
}

// forget deletes key, so that a re-send of a failed callback is handled.
func (d *deduper) forget(ctx context.Context, key string) error {
	return d.cache.Delete(ctx, key)
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
