package work

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"sync"
	"time"

	"github.com/wecomkit/wecom/internal/randstr"
	"github.com/wecomkit/wecom/token"
)

// The conversation loop of 微信客服: SyncMessages.

// KFSyncRequest configures SyncMessages.
type KFSyncRequest struct {
	// OpenKFID is the account whose conversation is read (required): the
	// OpenKfId of the kf_msg_or_event callback.
	OpenKFID string
	// Token is the Token of the kf_msg_or_event callback (valid 10
	// minutes); it is sent with every page. Without it sync_msg is
	// rate-limited more strictly.
	Token string
	// Limit is the page size, at most 1000; 0 leaves it to WeCom (1000).
	Limit int
	// VoiceFormat is 0 for voice messages as AMR, 1 as SILK.
	VoiceFormat int
	// LockTTL bounds how long one SyncMessages holds the conversation's
	// lock before handing it over (it saves its position, releases the
	// lock and takes it again, or stops when another instance took it
	// meanwhile); it is also how long a crashed holder blocks the
	// others. Default: one minute.
	LockTTL time.Duration
	// CheckpointEvery, when > 0, also saves the position after every
	// CheckpointEvery messages the caller consumed, besides at the end of
	// each page and when the loop ends. 1 makes a process that is killed
	// outright (no deferred function runs) repeat only the message it was
	// handling; the default, 0, writes the cache once per page.
	CheckpointEvery int
}

// ErrKFSyncBusy is returned (wrapped with the context's error) by
// SyncMessages when its context ended while another instance held the
// conversation's lock.
var ErrKFSyncBusy = errors.New("work: kf: another instance is reading this conversation")

// DefaultKFLockTTL is the LockTTL of SyncMessages when none is given.
const DefaultKFLockTTL = time.Minute

// KFCursorKey is the cache key under which SyncMessages keeps its position
// in the conversation of the account openKFID of the corp corpID; the
// lock is the same key with ":lock" appended.
func KFCursorKey(corpID, openKFID string) string {
	return "wecom:kf:cursor:" + corpID + ":" + openKFID
}

// SyncMessages yields the messages and events of an account's
// conversation that this corp's apps have not consumed yet, following
// sync_msg's next_cursor while has_more (POST /cgi-bin/kf/sync_msg).
//
// The position is durable: it is kept in the client's cache (memory, or
// Redis shared by every instance) under KFCursorKey, and a message counts
// as consumed once the loop body returned from it (asked for the next
// one, or broke out after it). It is saved at the end of each page, every
// CheckpointEvery messages, and whenever the loop ends: break, error,
// cancelled context, or a panic in the loop body (the message being
// handled is then not consumed). The next SyncMessages, in this process
// or another, starts right after the last consumed message, even in the
// middle of a page, so nothing is skipped or repeated.
//
// One instance at a time reads a conversation: SyncMessages takes the
// cache's lock (token.Locker; a cache with SetNX and CompareAndDelete; or
// a lock of this process) and waits while another holds it, so two
// instances that receive the same callback never process one page twice.
// The second then reads what arrived after the first finished.
//
// The loop stops after yielding an error. A failure of the cache is an
// error too: without it the position could not be kept.
func (s *KFService) SyncMessages(ctx context.Context, req KFSyncRequest) iter.Seq2[KFMessage, error] {
	return func(yield func(KFMessage, error) bool) {
		if err := kfRequire("open_kfid", req.OpenKFID); err != nil {
			yield(KFMessage{}, err)
			return
		}
		k := &kfSync{s: s, req: req, key: KFCursorKey(s.c.cfg.CorpID, req.OpenKFID), ttl: req.LockTTL}
		if k.ttl <= 0 {
			k.ttl = DefaultKFLockTTL
		}
		k.run(ctx, yield)
	}
}

// kfPosition is the stored position in a conversation: the cursor of the
// page being read, how many of its messages were consumed and the last
// consumed msgid (so that a page that grew since is skipped correctly).
type kfPosition struct {
	Cursor string `json:"c,omitempty"`
	Done   int    `json:"n,omitempty"`
	Last   string `json:"m,omitempty"`
}

// kfSync is one run of SyncMessages.
type kfSync struct {
	s     *KFService
	req   KFSyncRequest
	key   string
	ttl   time.Duration
	pos   kfPosition
	dirty bool // pos differs from the stored position
	since int  // messages consumed since the last save
	// expiry is when the lock held expires (measured from before it was
	// asked for): after it another instance may own the position, and
	// this one no longer writes it.
	expiry time.Time
}

// ErrKFLockLost is returned by SyncMessages when the loop body kept a
// message past the end of the lock (KFSyncRequest.LockTTL): another
// instance may have taken the conversation over, so the position is left
// to it.
var ErrKFLockLost = errors.New("work: kf: the conversation lock expired while a message was handled; raise LockTTL")

// errKFStopped reports that the caller broke out of the loop.
var errKFStopped = errors.New("stopped by the caller")

func (k *kfSync) run(ctx context.Context, yield func(KFMessage, error) bool) {
	release, err := k.lock(ctx, true)
	for {
		if err != nil {
			yield(KFMessage{}, err)
			return
		}
		if release == nil {
			return // another instance took over
		}
		var renew bool
		renew, err = k.session(ctx, release, yield)
		if errors.Is(err, errKFStopped) || (err == nil && !renew) {
			return
		}
		if err == nil {
			release, err = k.lock(ctx, false)
		}
	}
}

// lock takes the conversation's lock and notes when it expires.
func (k *kfSync) lock(ctx context.Context, wait bool) (func(context.Context) error, error) {
	for {
		before := time.Now()
		release, err := k.s.lock(ctx, k.key+":lock", k.ttl)
		if err != nil || release != nil || !wait {
			k.expiry = before.Add(k.ttl)
			return release, err
		}
		if err := k.s.waitLock(ctx, k.ttl); err != nil {
			return nil, err
		}
	}
}

// session reads the conversation while holding the lock that release
// frees, until the end, an error, the caller's break, or (renew) the
// lock's lifetime nearly passed.
func (k *kfSync) session(ctx context.Context, release func(context.Context) error, yield func(KFMessage, error) bool) (renew bool, err error) {
	deadline := k.expiry.Add(-k.ttl / 5)
	defer func() {
		bg := context.WithoutCancel(ctx)
		if k.dirty {
			if serr := k.save(bg); serr != nil {
				if err == nil {
					err = serr
				} else {
					k.log(ctx, "wecom: kf position not saved", serr)
				}
			}
		}
		if rerr := release(bg); rerr != nil {
			k.log(ctx, "wecom: kf lock release failed", rerr)
		}
	}()
	if err := k.load(ctx); err != nil {
		return false, err
	}
	for {
		if time.Now().After(deadline) {
			return true, nil
		}
		page, err := k.s.SyncPage(ctx, KFSyncPageRequest{
			Cursor: k.pos.Cursor, Token: k.req.Token, Limit: k.req.Limit,
			VoiceFormat: k.req.VoiceFormat, OpenKFID: k.req.OpenKFID,
		})
		if err != nil {
			return false, err
		}
		msgs := page.MsgList
		for i := k.pos.skip(msgs); i < len(msgs); i++ {
			if time.Now().After(deadline) {
				return true, nil
			}
			ok := yield(msgs[i], nil)
			k.pos.Done, k.pos.Last = i+1, msgs[i].MsgID
			k.dirty = true
			k.since++
			if !ok {
				return false, errKFStopped
			}
			if k.req.CheckpointEvery > 0 && k.since >= k.req.CheckpointEvery {
				if err := k.save(ctx); err != nil {
					return false, err
				}
			}
		}
		next := page.NextCursor
		if next == "" || next == k.pos.Cursor {
			return false, nil // stay on this page; its rest comes later
		}
		k.pos, k.dirty = kfPosition{Cursor: next}, true
		if !page.HasMore {
			return false, nil // saved on the way out
		}
		if err := k.save(ctx); err != nil {
			return false, err
		}
	}
}

// skip returns the index of the first message of msgs (the page fetched
// with p.Cursor) not consumed yet.
func (p kfPosition) skip(msgs []KFMessage) int {
	if p.Done == 0 {
		return 0
	}
	if p.Last != "" {
		// The message is usually where it was; look there first.
		if p.Done-1 < len(msgs) && msgs[p.Done-1].MsgID == p.Last {
			return p.Done
		}
		for i := range msgs {
			if msgs[i].MsgID == p.Last {
				return i + 1
			}
		}
	}
	return min(p.Done, len(msgs))
}

func (k *kfSync) load(ctx context.Context) error {
	v, err := k.s.c.opts.Cache.Get(ctx, k.key)
	switch {
	case errors.Is(err, token.ErrNotFound):
		k.pos = kfPosition{}
		return nil
	case err != nil:
		return fmt.Errorf("work: kf: reading the conversation position: %w", err)
	}
	var p kfPosition
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		return fmt.Errorf("work: kf: the stored conversation position %s is not valid: %w", k.key, err)
	}
	k.pos, k.dirty, k.since = p, false, 0
	return nil
}

func (k *kfSync) save(ctx context.Context) error {
	if !time.Now().Before(k.expiry) {
		return ErrKFLockLost
	}
	b, err := json.Marshal(k.pos)
	if err != nil {
		return err
	}
	// No expiry: a forgotten position would restart the conversation from
	// the messages of the last 3 days, repeating them.
	if err := k.s.c.opts.Cache.Set(ctx, k.key, string(b), 0); err != nil {
		return fmt.Errorf("work: kf: saving the conversation position: %w", err)
	}
	k.dirty, k.since = false, 0
	return nil
}

func (k *kfSync) log(ctx context.Context, msg string, err error) {
	k.s.c.opts.Logger.LogAttrs(ctx, slog.LevelError, msg, slog.String("key", k.key), slog.String("error", err.Error()))
}

// setNXer is a cache that stores a value only where there is none.
type setNXer interface {
	SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error)
}

// localLocks holds the kf locks taken in this process when the cache
// cannot lock.
var localLocks sync.Map

// lock tries once to take the lock key for ttl; the release is nil when
// another holder has it.
func (s *KFService) lock(ctx context.Context, key string, ttl time.Duration) (func(context.Context) error, error) {
	release, err := tryLock(ctx, s.c.opts.Cache, key, ttl)
	if err != nil {
		return nil, fmt.Errorf("work: kf: taking the conversation lock: %w", err)
	}
	return release, nil
}

// waitLock waits a moment before the lock is tried again, or returns
// ErrKFSyncBusy when ctx ends first.
func (s *KFService) waitLock(ctx context.Context, ttl time.Duration) error {
	t := time.NewTimer(min(max(ttl/20, 5*time.Millisecond), 100*time.Millisecond))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return fmt.Errorf("%w: %w", ErrKFSyncBusy, context.Cause(ctx))
	case <-t.C:
		return nil
	}
}

// tryLock takes key in cache once: through token.Locker, through SetNX
// and CompareAndDelete, or, for a cache that has neither, within this
// process.
func tryLock(ctx context.Context, cache token.Cache, key string, ttl time.Duration) (func(context.Context) error, error) {
	if l, ok := cache.(token.Locker); ok {
		return l.TryLock(ctx, key, ttl)
	}
	nx, ok1 := cache.(setNXer)
	cad, ok2 := cache.(token.CompareAndDeleter)
	if ok1 && ok2 {
		owner, err := randstr.Alnum(20)
		if err != nil {
			return nil, err
		}
		got, err := nx.SetNX(ctx, key, owner, ttl)
		if err != nil || !got {
			return nil, err
		}
		return func(ctx context.Context) error {
			_, err := cad.CompareAndDelete(ctx, key, owner)
			return err
		}, nil
	}
	id := new(byte)
	if _, held := localLocks.LoadOrStore(key, id); held {
		return nil, nil
	}
	return func(context.Context) error {
		localLocks.CompareAndDelete(key, id)
		return nil
	}, nil
}
