package aibot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/wecomkit/wecom/token"
)

// StreamLimit is how long WeCom follows a stream: it stops sending refresh
// callbacks 6 minutes after the user's message.
const StreamLimit = 6 * time.Minute

// streamKeyPrefix starts the cache keys of stream states.
const streamKeyPrefix = "wecom:aibot:stream:"

// Streams keeps the state of streamed answers in a cache that every
// instance of a bot shares, so that a refresh callback is answered with the
// content so far whichever instance it reaches behind a load balancer. A
// handler opens a stream, returns its first frame as the reply and keeps
// writing to it from any goroutine; the [Server] answers the refreshes of
// the streams in its Streams without calling the handler.
//
//	streams := aibot.NewStreams(redistoken.New(rdb)) // shared by all instances
//	srv := aibot.NewServer(c, aibot.HandlerFunc(func(ctx context.Context, m *aibot.Message) (aibot.Reply, error) {
//		st, err := streams.Open(ctx, aibot.StreamOptions{})
//		if err != nil {
//			return nil, err
//		}
//		go answer(st, m) // st.Append(...) as tokens come, then st.Finish(...)
//		return st.Reply(), nil
//	}), aibot.WithStreams(streams))
//
// A Streams is safe for concurrent use.
type Streams struct {
	cache token.Cache
	limit time.Duration
	now   func() time.Time
}

// NewStreams returns a Streams that keeps stream states in cache, bounded
// by token.TimeoutCache: use a cache shared by all instances (Redis) when
// refreshes may reach another instance than the one that opened a stream.
// A nil cache keeps them in memory, for a single instance.
func NewStreams(cache token.Cache) *Streams {
	if cache == nil {
		cache = token.NewMemoryCache()
	}
	return &Streams{cache: token.TimeoutCache(cache, token.DefaultCacheTimeout), limit: StreamLimit, now: time.Now}
}

// StreamOptions are the optional parts of a stream's first frame.
type StreamOptions struct {
	// FeedbackID, if set, lets the user rate the answer; the rating comes
	// back as an [EventFeedback] event with this id.
	FeedbackID string
	// Card is sent with the first frame, below the stream.
	Card *TemplateCard
}

// Stream is a streamed answer being written. Its methods are safe for
// concurrent use; each write stores the whole content in the shared cache.
// The handler's context ends when it returns: a goroutine that keeps
// writing after that uses a context of its own.
type Stream struct {
	streams  *Streams
	id       string
	deadline time.Time
	opts     StreamOptions

	mu       sync.Mutex
	content  strings.Builder
	items    []MsgItem
	finished bool
}

// streamState is what the cache holds for a stream.
type streamState struct {
	Content  string    `json:"c"`
	Finish   bool      `json:"f,omitempty"`
	Deadline int64     `json:"d"` // Unix milliseconds
	Items    []MsgItem `json:"i,omitempty"`
}

// Open starts a stream and stores its (empty) state, so that a refresh may
// reach any instance from now on. The 6-minute limit counts from Open,
// which a handler calls within seconds of the user's message.
func (s *Streams) Open(ctx context.Context, opts StreamOptions) (*Stream, error) {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("wecom/aibot: stream id: %w", err)
	}
	st := &Stream{streams: s, id: hex.EncodeToString(b[:]), deadline: s.now().Add(s.limit), opts: opts}
	if err := st.save(ctx); err != nil {
		return nil, err
	}
	return st, nil
}

// ID returns the stream id WeCom's refreshes name.
func (st *Stream) ID() string { return st.id }

// Deadline returns when WeCom stops following the stream.
func (st *Stream) Deadline() time.Time { return st.deadline }

// Content returns the content written so far.
func (st *Stream) Content() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.content.String()
}

// Reply returns the stream's first frame, to return from the handler: the
// content so far, with the feedback id and card of the options.
func (st *Stream) Reply() *StreamReply {
	st.mu.Lock()
	defer st.mu.Unlock()
	r := &StreamReply{ID: st.id, Content: st.content.String(), Finish: st.finished,
		FeedbackID: st.opts.FeedbackID, Card: st.opts.Card}
	if st.finished {
		r.MsgItems = st.items
	}
	return r
}

// Append adds text to the content and stores it. It fails with
// [ErrStreamFinished] after Finish and [ErrStreamExpired] past the limit,
// leaving the stored content as it was.
func (st *Stream) Append(ctx context.Context, text string) error {
	return st.update(ctx, func() { st.content.WriteString(text) })
}

// SetContent replaces the content (WeCom shows the whole content of each
// frame) and stores it, with the errors of Append.
func (st *Stream) SetContent(ctx context.Context, content string) error {
	return st.update(ctx, func() { st.content.Reset(); st.content.WriteString(content) })
}

// Finish closes the stream with the images of items, if any (see
// [ImageItem]): the next refresh gets the last frame. It fails with the
// errors of Append.
func (st *Stream) Finish(ctx context.Context, items ...MsgItem) error {
	return st.update(ctx, func() { st.items, st.finished = items, true })
}

// update applies change and stores the new state, under the lock, so that
// the cache never goes back to older content.
func (st *Stream) update(ctx context.Context, change func()) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.finished {
		return ErrStreamFinished
	}
	if !st.streams.now().Before(st.deadline) {
		return ErrStreamExpired
	}
	prevContent, prevItems := st.content.String(), st.items
	change()
	if err := st.saveLocked(ctx); err != nil {
		// Undo, so that a retry does not write the text twice.
		st.content.Reset()
		st.content.WriteString(prevContent)
		st.items, st.finished = prevItems, false
		return err
	}
	return nil
}

// save stores the state of st.
func (st *Stream) save(ctx context.Context) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.saveLocked(ctx)
}

func (st *Stream) saveLocked(ctx context.Context) error {
	v, err := json.Marshal(streamState{Content: st.content.String(), Finish: st.finished,
		Deadline: st.deadline.UnixMilli(), Items: st.items})
	if err != nil {
		return fmt.Errorf("wecom/aibot: stream state: %w", err)
	}
	ttl := st.deadline.Sub(st.streams.now()) + time.Minute
	if err := st.streams.cache.Set(ctx, streamKeyPrefix+st.id, string(v), ttl); err != nil {
		return fmt.Errorf("wecom/aibot: storing stream state: %w", err)
	}
	return nil
}

// errUnknownStream reports a refresh of a stream the cache does not hold.
var errUnknownStream = errors.New("wecom/aibot: unknown stream")

// Frame returns the frame that answers a refresh of stream id: the content
// so far, finished or not. Past the limit it returns the content so far as
// a finishing frame, so that WeCom stops asking, with [ErrStreamExpired].
// A stream the cache does not hold is an error.
func (s *Streams) Frame(ctx context.Context, id string) (*StreamReply, error) {
	v, err := s.cache.Get(ctx, streamKeyPrefix+id)
	if errors.Is(err, token.ErrNotFound) {
		return nil, errUnknownStream
	}
	if err != nil {
		return nil, fmt.Errorf("wecom/aibot: reading stream state: %w", err)
	}
	var state streamState
	if err := json.Unmarshal([]byte(v), &state); err != nil {
		return nil, fmt.Errorf("wecom/aibot: stream state: %w", err)
	}
	r := &StreamReply{ID: id, Content: state.Content, Finish: state.Finish}
	if state.Finish {
		r.MsgItems = state.Items
		return r, nil
	}
	if !s.now().Before(time.UnixMilli(state.Deadline)) {
		r.Finish = true
		return r, ErrStreamExpired
	}
	return r, nil
}
