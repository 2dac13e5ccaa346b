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

// deduper remembers callbacks already handled, see WithDedup.
type deduper struct {
	cache token.Cache
	ttl   time.Duration
}

// claim records key and reports whether it was new. On a cache error it
// reports the message as new, so that it is delivered.
func (d *deduper) claim(ctx context.Context, key string) (bool, error) {
	if nx, ok := d.cache.(SetNXer); ok {
		stored, err := nx.SetNX(ctx, key, "1", d.ttl)
		if err != nil {
			return true, err
		}
		return stored, nil
	}
	_, err := d.cache.Get(ctx, key)
	switch {
	case err == nil:
		return false, nil
	case !errors.Is(err, token.ErrNotFound):
		return true, err
	}
	return true, d.cache.Set(ctx, key, "1", d.ttl)
}

// forget deletes key, so that a re-send of a failed callback is handled.
func (d *deduper) forget(ctx context.Context, key string) error {
	return d.cache.Delete(context.WithoutCancel(ctx), key)
}

// dedupKey returns the cache key that identifies m, see WithDedup.
func dedupKey(m *Message) string {
	if m.MsgID != "" {
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
