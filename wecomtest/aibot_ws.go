package wecomtest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/coder/websocket"
)

// BotWSFrame is a frame a bot sent over the long connection.
type BotWSFrame struct {
	Cmd   string
	ReqID string
	Body  json.RawMessage
}

// Errcodes the fake long connection answers with.
const (
	BotWSInvalidSecret       = 40001  // aibot_subscribe with a wrong bot id or secret
	BotWSInvalidReqID        = 846605 // a reply to a req_id no callback had
	BotWSStreamUpdateExpired = 846608 // a stream frame after the stream finished
)

// BotWS is a fake of WeCom's long-connection endpoint (WebSocket) for one
// intelligent robot: it accepts aibot_subscribe with the bot's id and
// secret, answers pings, pushes message and event callbacks to the
// subscribed connection, acknowledges and records the bot's replies and
// proactive sends, and can drop the connection to test reconnection. A
// new subscription replaces the previous connection, as on WeCom.
type BotWS struct {
	botID, secret string
	ts            *httptest.Server

	mu       sync.Mutex
	conn     *botWSConn
	subs     int
	known    map[string]bool // req_ids of pushed callbacks
	finished map[string]map[string]bool
	replies  map[string][]BotWSFrame
	sent     []BotWSFrame
	muted    bool
	changed  chan struct{}
}

type botWSConn struct {
	ws      *websocket.Conn
	writeMu sync.Mutex
}

func (c *botWSConn) write(ctx context.Context, v any) error {
	data, _ := json.Marshal(v)
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	return c.ws.Write(ctx, websocket.MessageText, data)
}

// NewBotWS starts the fake endpoint on 127.0.0.1 for t; it closes when t
// ends.
func NewBotWS(t testing.TB, botID, secret string) *BotWS {
	b := NewBotWSServer(botID, secret)
	t.Cleanup(b.Close)
	return b
}

// NewBotWSServer starts the fake endpoint on 127.0.0.1 outside tests;
// call Close when done.
func NewBotWSServer(botID, secret string) *BotWS {
	b := &BotWS{botID: botID, secret: secret, known: map[string]bool{}, finished: map[string]map[string]bool{},
		replies: map[string][]BotWSFrame{}, changed: make(chan struct{})}
	b.ts = httptest.NewServer(http.HandlerFunc(b.serve))
	return b
}

// Close drops the connection and stops the endpoint.
func (b *BotWS) Close() {
	b.Drop()
	b.ts.Close()
}

// URL returns the ws:// address to give the client (aibot.WSConfig.URL).
func (b *BotWS) URL() string { return "ws" + strings.TrimPrefix(b.ts.URL, "http") }

// HTTPClient returns a client for the handshake with the fake.
func (b *BotWS) HTTPClient() *http.Client { return b.ts.Client() }

// notify wakes the waiters; b.mu is held.
func (b *BotWS) notify() {
	close(b.changed)
	b.changed = make(chan struct{})
}

// wait blocks until cond (called with b.mu held) holds or ctx is done.
func (b *BotWS) wait(ctx context.Context, cond func() bool) error {
	for {
		b.mu.Lock()
		ok, changed := cond(), b.changed
		b.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
		}
	}
}

type wsFrameIn struct {
	Cmd     string          `json:"cmd"`
	Headers frameHeadersIn  `json:"headers"`
	Body    json.RawMessage `json:"body"`
}

type frameHeadersIn struct {
	ReqID string `json:"req_id"`
}

type wsAck struct {
	Headers frameHeadersIn `json:"headers"`
	ErrCode int            `json:"errcode"`
	ErrMsg  string         `json:"errmsg"`
}

func (b *BotWS) serve(w http.ResponseWriter, r *http.Request) {
	ws, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	c := &botWSConn{ws: ws}
	ctx := r.Context()
	defer func() {
		_ = ws.CloseNow()
		b.mu.Lock()
		if b.conn == c {
			b.conn = nil
			b.notify()
		}
		b.mu.Unlock()
	}()
	subscribed := false
	for {
		_, data, err := ws.Read(ctx)
		if err != nil {
			return
		}
		var f wsFrameIn
		if json.Unmarshal(data, &f) != nil {
			return
		}
		ack := wsAck{Headers: f.Headers, ErrMsg: "ok"}
		switch {
		case f.Cmd == "aibot_subscribe":
			var cred struct {
				BotID  string `json:"bot_id"`
				Secret string `json:"secret"`
			}
			_ = json.Unmarshal(f.Body, &cred)
			if cred.BotID != b.botID || cred.Secret != b.secret {
				ack.ErrCode, ack.ErrMsg = BotWSInvalidSecret, "invalid bot_id or secret"
				_ = c.write(ctx, ack)
				return
			}
			subscribed = true
			b.mu.Lock()
			old := b.conn
			b.conn = c
			b.subs++
			b.notify()
			b.mu.Unlock()
			if old != nil {
				_ = old.ws.CloseNow()
			}
		case !subscribed:
			return
		case f.Cmd == "ping":
			b.mu.Lock()
			muted := b.muted
			b.mu.Unlock()
			if muted {
				continue
			}
		case f.Cmd == "aibot_send_msg":
			b.mu.Lock()
			b.sent = append(b.sent, BotWSFrame{Cmd: f.Cmd, ReqID: f.Headers.ReqID, Body: f.Body})
			b.notify()
			b.mu.Unlock()
		case strings.HasPrefix(f.Cmd, "aibot_respond_"):
			ack.ErrCode, ack.ErrMsg = b.record(f)
		default:
			ack.ErrCode, ack.ErrMsg = 40058, "unknown cmd"
		}
		if err := c.write(ctx, ack); err != nil {
			return
		}
	}
}

// record keeps a reply and returns the errcode it gets.
func (b *BotWS) record(f wsFrameIn) (int, string) {
	var stream struct {
		Stream struct {
			ID     string `json:"id"`
			Finish bool   `json:"finish"`
		} `json:"stream"`
	}
	_ = json.Unmarshal(f.Body, &stream)
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.known[f.Headers.ReqID] {
		return BotWSInvalidReqID, "invalid req_id"
	}
	if id := stream.Stream.ID; id != "" {
		if b.finished[f.Headers.ReqID][id] {
			return BotWSStreamUpdateExpired, "stream update expired"
		}
		if stream.Stream.Finish {
			if b.finished[f.Headers.ReqID] == nil {
				b.finished[f.Headers.ReqID] = map[string]bool{}
			}
			b.finished[f.Headers.ReqID][id] = true
		}
	}
	b.replies[f.Headers.ReqID] = append(b.replies[f.Headers.ReqID], BotWSFrame{Cmd: f.Cmd, ReqID: f.Headers.ReqID, Body: f.Body})
	b.notify()
	return 0, "ok"
}

// Subscriptions returns how many times the bot subscribed.
func (b *BotWS) Subscriptions() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.subs
}

// WaitSubscribed waits until the bot has subscribed n times in all and is
// connected.
func (b *BotWS) WaitSubscribed(ctx context.Context, n int) error {
	return b.wait(ctx, func() bool { return b.subs >= n && b.conn != nil })
}

// ErrBotNotConnected reports a push to a bot that is not connected.
var ErrBotNotConnected = errors.New("wecomtest: bot not connected")

// PushMessage sends a message callback (aibot_msg_callback) with body, the
// message JSON, to the connected bot and returns its req_id.
func (b *BotWS) PushMessage(ctx context.Context, body []byte) (string, error) {
	return b.push(ctx, "aibot_msg_callback", body)
}

// PushEvent sends an event callback (aibot_event_callback).
func (b *BotWS) PushEvent(ctx context.Context, body []byte) (string, error) {
	return b.push(ctx, "aibot_event_callback", body)
}

func (b *BotWS) push(ctx context.Context, cmd string, body []byte) (string, error) {
	reqID := cmd + "_" + randomDigits(16)
	b.mu.Lock()
	c := b.conn
	b.known[reqID] = true
	b.mu.Unlock()
	if c == nil {
		return "", ErrBotNotConnected
	}
	return reqID, c.write(ctx, map[string]any{"cmd": cmd, "headers": map[string]string{"req_id": reqID}, "body": json.RawMessage(body)})
}

// Replies returns the replies the bot sent to the callback of reqID.
func (b *BotWS) Replies(reqID string) []BotWSFrame {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]BotWSFrame(nil), b.replies[reqID]...)
}

// WaitReplies waits until done holds for the replies to reqID and returns
// them.
func (b *BotWS) WaitReplies(ctx context.Context, reqID string, done func([]BotWSFrame) bool) ([]BotWSFrame, error) {
	err := b.wait(ctx, func() bool { return done(b.replies[reqID]) })
	return b.Replies(reqID), err
}

// Sent returns the proactive messages (aibot_send_msg) the bot sent.
func (b *BotWS) Sent() []BotWSFrame {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]BotWSFrame(nil), b.sent...)
}

// MutePings stops (or resumes) answering the bot's pings, as a connection
// that silently stopped carrying anything would.
func (b *BotWS) MutePings(mute bool) {
	b.mu.Lock()
	b.muted = mute
	b.mu.Unlock()
}

// Drop closes the bot's connection abruptly, as a network failure would.
func (b *BotWS) Drop() {
	b.mu.Lock()
	c := b.conn
	b.conn = nil
	b.notify()
	b.mu.Unlock()
	if c != nil {
		_ = c.ws.CloseNow()
	}
}
