package msgaudit

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/token"
)

// SeqStore keeps the seq of the last archived message handled in a
// token.Cache (the client's: work.Client.Cache(), or a shared Redis), so
// that a restarted reader resumes after it. Each call is bounded like the
// SDK's other cache calls (token.TimeoutCache).
//
// Save after a message is handled, not before: a crash in between then
// repeats that message on restart (drop it by Message.ID) instead of
// losing it.
type SeqStore struct {
	cache token.Cache
	key   string
}

// NewSeqStore returns a SeqStore keeping the seq of corpID's archive under
// "wecom:msgaudit:seq:<corpID>".
func NewSeqStore(c token.Cache, corpID string) (*SeqStore, error) {
	if c == nil || corpID == "" {
		return nil, fmt.Errorf("%w: msgaudit: a cache and a corp id are required", wecom.ErrConfig)
	}
	return &SeqStore{cache: token.TimeoutCache(c, 0), key: "wecom:msgaudit:seq:" + corpID}, nil
}

// Key returns the cache key the seq is kept under.
func (s *SeqStore) Key() string { return s.key }

// Load returns the seq saved, or 0 when none is.
func (s *SeqStore) Load(ctx context.Context) (uint64, error) {
	v, err := s.cache.Get(ctx, s.key)
	if errors.Is(err, token.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("msgaudit: loading the seq: %w", err)
	}
	seq, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("msgaudit: the cache holds %q under %s, not a seq", v, s.key)
	}
	return seq, nil
}

// Save stores seq, without expiry.
func (s *SeqStore) Save(ctx context.Context, seq uint64) error {
	if err := s.cache.Set(ctx, s.key, strconv.FormatUint(seq, 10), 0); err != nil {
		return fmt.Errorf("msgaudit: saving the seq: %w", err)
	}
	return nil
}
