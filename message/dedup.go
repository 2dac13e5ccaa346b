package message

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	cb "github.com/wecomkit/wecom/internal/callback"
	"github.com/wecomkit/wecom/token"
)

// deduper holds the de-duplication settings of a Server (see WithDedup);
// the shared callback pipeline does the work.
type deduper struct {
	cache token.Cache
	ttl   time.Duration
}

// Values stored under a de-duplication key and the bound on stored
// replies, see package internal/callback.
const (
	keyDone        = cb.KeyDone
	maxStoredReply = cb.MaxStoredReply
)

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
