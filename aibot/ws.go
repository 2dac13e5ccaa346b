package aibot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/wecomkit/wecom"
	cb "github.com/wecomkit/wecom/internal/callback"
)

// DefaultWSURL is the endpoint of the long connection.
const DefaultWSURL = "wss://openws.work.weixin.qq.com"

// Commands of the long connection.
const (
	cmdSubscribe      = "aibot_subscribe"
	cmdPing           = "ping"
	cmdMsgCallback    = "aibot_msg_callback"
	cmdEventCallback  = "aibot_event_callback"
	cmdRespondWelcome = "aibot_respond_welcome_msg"
	cmdRespondMsg     = "aibot_respond_msg"
	cmdRespondUpdate  = "aibot_respond_update_msg"
	cmdSend           = "aibot_send_msg"
)

// Errors of the long connection.
var (
	// ErrInvalidReqID reports WeCom's errcode 846605: a reply named a
	// req_id WeCom does not know (or no longer accepts).
	ErrInvalidReqID = errors.New("wecom/aibot: invalid req_id")
	// ErrStreamUpdateExpired reports WeCom's errcode 846608: a stream
	// frame came after the stream could no longer be updated.
	ErrStreamUpdateExpired = errors.New("wecom/aibot: stream update expired")
	// ErrSubscribe reports a subscription WeCom refused (a wrong bot id or
	// secret): [Client.Run] returns it rather than reconnect.
	ErrSubscribe = errors.New("wecom/aibot: long connection subscription refused")
	// ErrConnectionLost reports a frame whose answer did not come because
	// the connection dropped; it may or may not have reached WeCom, and is
	// not sent again.
	ErrConnectionLost = errors.New("wecom/aibot: long connection lost")
)

// Long-connection error codes.
const (
	codeInvalidReqID        = 846605
	codeStreamUpdateExpired = 846608
)

// WSConfig configures a long-connection [Client].
type WSConfig struct {
	BotID  string // the bot's id (BotID in the console's API settings)
	Secret string // the long connection's secret
	// URL is the WebSocket endpoint; default DefaultWSURL.
	URL string
	// Heartbeat is the time between pings; default 30 s. A connection
	// that has been silent for two heartbeats is dropped and re-made.
	Heartbeat time.Duration
	// AckTimeout bounds the wait for WeCom's answer to a frame; default 5 s.
	AckTimeout time.Duration
	// MinBackoff and MaxBackoff bound the wait before reconnecting, which
	// doubles from MinBackoff (default 1 s) to MaxBackoff (default 30 s),
	// with jitter, and starts again after a connection that worked.
	MinBackoff, MaxBackoff time.Duration
}

// Client serves a bot over WeCom's long connection (WebSocket): no public
// URL, no encryption. It subscribes with the bot id and secret, keeps the
// connection alive with pings, reconnects with back-off and subscribes
// again when it drops, and hands message and event frames to the same
// [Handler] as the callback [Server], through the same pipeline
// (de-duplication by msgid in the options' cache, hooks-free, the handler's
// 4.5 s budget, error reporting). The handler's returned reply is sent as
// the answer to its frame (a welcome to enter_chat, a card update to
// template_card_event, a message otherwise); a handler that streams gets a
// [WSReplier] from its context with [WSReplierFrom] and sends frames from
// any goroutine. A Client is safe for concurrent use.
type Client struct {
	cfg     WSConfig
	handler Handler
	logger  *slog.Logger
	hc      *http.Client
	p       *cb.Pipeline[*Message, Reply]

	running atomic.Bool
	mu      sync.Mutex
	cur     *wsConn
	changed chan struct{} // closed and replaced whenever cur changes
}

// NewClient returns a Client for the bot of cfg that hands frames to h.
// The options give the logger (wecom.WithLogger), the HTTP client of the
// WebSocket handshake (wecom.WithHTTPClient) and the cache that
// de-duplicates frames (wecom.WithCache; default in memory).
func NewClient(cfg WSConfig, h Handler, opts ...wecom.Option) (*Client, error) {
	if cfg.BotID == "" || cfg.Secret == "" {
		return nil, fmt.Errorf("%w: aibot.WSConfig needs BotID and Secret", wecom.ErrConfig)
	}
	if h == nil {
		return nil, fmt.Errorf("%w: aibot.NewClient needs a Handler", wecom.ErrConfig)
	}
	if cfg.URL == "" {
		cfg.URL = DefaultWSURL
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = 30 * time.Second
	}
	if cfg.AckTimeout <= 0 {
		cfg.AckTimeout = 5 * time.Second
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = time.Second
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = max(30*time.Second, cfg.MinBackoff)
	}
	o := wecom.NewOptions(opts...)
	c := &Client{cfg: cfg, handler: h, logger: o.Logger, hc: o.HTTPClient, changed: make(chan struct{})}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{handler: h} // for call
	wsErrs := errs
	wsErrs.AsyncOption = "a goroutine and the WSReplier"
	c.p = &cb.Pipeline[*Message, Reply]{
		Errors:           wsErrs,
		Kind:             (*Message).Kind,
		Key:              dedupKey,
		Budget:           func(*Message) (time.Duration, time.Duration) { return callbackWait, callbackMargin },
		Ack:              func(*Message) ([]byte, string) { return nil, "" },
		Call:             s.call,
		Seal:             c.sendReply,
		HasReply:         func(_ *Message, r Reply) bool { return r != nil },
		Status:           StatusCode,
		Dedup:            &cb.Deduper{Cache: o.Cache, TTL: DefaultDedupTTL},
		Logger:           c.logger,
		Now:              time.Now,
		ReplyContentType: contentTypeJSON,
	}
	if o.Cache == nil {
		c.p.Dedup = nil
	}
	return c, nil
}

// frame is one message of the long connection.
type frame struct {
	Cmd     string          `json:"cmd,omitempty"`
	Headers frameHeaders    `json:"headers"`
	Body    json.RawMessage `json:"body,omitempty"`
	ErrCode *int            `json:"errcode,omitempty"`
	ErrMsg  string          `json:"errmsg,omitempty"`
}

type frameHeaders struct {
	ReqID string `json:"req_id"`
}

// wsConn is one established, subscribed connection.
type wsConn struct {
	ws      *websocket.Conn
	writeMu sync.Mutex
	mu      sync.Mutex
	pending map[string]chan frame
	done    chan struct{} // closed when the connection ends
	err     error
}

// Run connects, subscribes and serves frames until ctx is done, making the
// connection again (with back-off) whenever it drops. It returns ctx's
// error, or an error wrapping [ErrSubscribe] when WeCom refuses the bot id
// or secret. Run is called once at a time: a second concurrent call
// returns an error at once (two connections of one bot replace each other).
func (c *Client) Run(ctx context.Context) error {
	if !c.running.CompareAndSwap(false, true) {
		return errors.New("wecom/aibot: Client.Run is already running")
	}
	defer c.running.Store(false)
	backoff := c.cfg.MinBackoff
	for {
		worked, err := c.session(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, ErrSubscribe) {
			return err
		}
		if worked {
			backoff = c.cfg.MinBackoff
		}
		wait := backoff/2 + time.Duration(mrand.Int64N(int64(backoff/2)+1))
		c.logger.LogAttrs(ctx, slog.LevelWarn, "wecom aibot long connection lost; reconnecting",
			slog.String("error", err.Error()), slog.Duration("in", wait))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		backoff = min(2*backoff, c.cfg.MaxBackoff)
	}
}

// session makes one connection and serves it until it ends; worked
// reports whether it was subscribed.
func (c *Client) session(ctx context.Context) (worked bool, err error) {
	dctx, cancel := context.WithTimeout(ctx, c.cfg.AckTimeout+10*time.Second)
	ws, _, err := websocket.Dial(dctx, c.cfg.URL, &websocket.DialOptions{HTTPClient: c.hc})
	cancel()
	if err != nil {
		return false, fmt.Errorf("wecom/aibot: dial: %w", err)
	}
	ws.SetReadLimit(4 << 20)
	cn := &wsConn{ws: ws, pending: map[string]chan frame{}, done: make(chan struct{})}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	go cn.readLoop(sctx, c)
	defer func() {
		c.setConn(nil)
		_ = ws.CloseNow()
		<-cn.done
	}()

	// The secret goes in this frame only; frames are never logged.
	body, _ := json.Marshal(map[string]string{"bot_id": c.cfg.BotID, "secret": c.cfg.Secret})
	if _, err := cn.request(sctx, c.cfg.AckTimeout, cmdSubscribe, newReqID(cmdSubscribe), body); err != nil {
		var apiErr *wecom.APIError
		if errors.As(err, &apiErr) {
			return false, fmt.Errorf("%w: %w", ErrSubscribe, err)
		}
		return false, err
	}
	c.setConn(cn)
	c.logger.LogAttrs(ctx, slog.LevelInfo, "wecom aibot long connection subscribed", slog.String("bot_id", c.cfg.BotID))

	ticker := time.NewTicker(c.cfg.Heartbeat)
	defer ticker.Stop()
	missed := 0
	for {
		select {
		case <-sctx.Done():
			return true, sctx.Err()
		case <-cn.done:
			return true, cn.err
		case <-ticker.C:
			if _, err := cn.request(sctx, c.cfg.AckTimeout, cmdPing, newReqID(cmdPing), nil); err != nil {
				if missed++; missed >= 2 || errors.Is(err, ErrConnectionLost) {
					return true, fmt.Errorf("wecom/aibot: heartbeat: %w", err)
				}
				continue
			}
			missed = 0
		}
	}
}

// setConn publishes the current connection and wakes those waiting for
// one.
func (c *Client) setConn(cn *wsConn) {
	c.mu.Lock()
	c.cur = cn
	close(c.changed)
	c.changed = make(chan struct{})
	c.mu.Unlock()
}

// conn returns the current connection, waiting for one until ctx is done.
func (c *Client) conn(ctx context.Context) (*wsConn, error) {
	for {
		c.mu.Lock()
		cn, changed := c.cur, c.changed
		c.mu.Unlock()
		if cn != nil {
			return cn, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w: %w", ErrConnectionLost, ctx.Err())
		case <-changed:
		}
	}
}

// readLoop reads frames until the connection ends: answers go to the
// request waiting for them, callbacks to the handler.
func (cn *wsConn) readLoop(ctx context.Context, c *Client) {
	defer func() {
		cn.mu.Lock()
		for id, ch := range cn.pending {
			close(ch)
			delete(cn.pending, id)
		}
		cn.mu.Unlock()
		close(cn.done)
	}()
	for {
		_, data, err := cn.ws.Read(ctx)
		if err != nil {
			cn.err = fmt.Errorf("%w: %v", ErrConnectionLost, err)
			return
		}
		var f frame
		if err := json.Unmarshal(data, &f); err != nil {
			c.p.Report(nil, fmt.Errorf("%w: long-connection frame: %v", ErrParse, syntaxDetail(err)))
			continue
		}
		switch f.Cmd {
		case cmdMsgCallback, cmdEventCallback:
			go c.dispatch(ctx, f)
		default:
			cn.mu.Lock()
			ch := cn.pending[f.Headers.ReqID]
			delete(cn.pending, f.Headers.ReqID)
			cn.mu.Unlock()
			if ch != nil {
				ch <- f
			}
		}
	}
}

// request sends a frame and waits for its answer.
func (cn *wsConn) request(ctx context.Context, timeout time.Duration, cmd, reqID string, body json.RawMessage) (frame, error) {
	ch := make(chan frame, 1)
	cn.mu.Lock()
	select {
	case <-cn.done:
		cn.mu.Unlock()
		return frame{}, ErrConnectionLost
	default:
	}
	cn.pending[reqID] = ch
	cn.mu.Unlock()
	drop := func() {
		cn.mu.Lock()
		delete(cn.pending, reqID)
		cn.mu.Unlock()
	}
	data, err := json.Marshal(frame{Cmd: cmd, Headers: frameHeaders{ReqID: reqID}, Body: body})
	if err != nil {
		drop()
		return frame{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cn.writeMu.Lock()
	err = cn.ws.Write(ctx, websocket.MessageText, data)
	cn.writeMu.Unlock()
	if err != nil {
		drop()
		return frame{}, fmt.Errorf("%w: %s: %v", ErrConnectionLost, cmd, err)
	}
	select {
	case f, ok := <-ch:
		if !ok {
			return frame{}, fmt.Errorf("%w: %s sent, no answer", ErrConnectionLost, cmd)
		}
		return f, frameError(cmd, f)
	case <-ctx.Done():
		drop()
		return frame{}, fmt.Errorf("wecom/aibot: %s: no answer within %v: %w", cmd, timeout, ctx.Err())
	}
}

// frameError turns a non-zero errcode into an error.
func frameError(cmd string, f frame) error {
	if f.ErrCode == nil || *f.ErrCode == 0 {
		return nil
	}
	apiErr := &wecom.APIError{Code: *f.ErrCode, Message: f.ErrMsg, Path: "ws:" + cmd}
	switch apiErr.Code {
	case codeInvalidReqID:
		return fmt.Errorf("%w: %w", ErrInvalidReqID, apiErr)
	case codeStreamUpdateExpired:
		return fmt.Errorf("%w: %w", ErrStreamUpdateExpired, apiErr)
	}
	return apiErr
}

// newReqID returns a fresh req_id for cmd.
func newReqID(cmd string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return cmd + "_" + strconv.FormatInt(time.Now().UnixMilli(), 10) + "_" + hex.EncodeToString(b[:])
}

// dispatch hands a callback frame to the handler through the pipeline.
func (c *Client) dispatch(ctx context.Context, f frame) {
	m, err := parseMessage(f.Body)
	if err != nil {
		c.p.Report(nil, err)
		return
	}
	r := &WSReplier{c: c, reqID: f.Headers.ReqID, m: m}
	m.replier = r
	if _, _, err := c.p.Dispatch(context.WithValue(ctx, replierKey{}, r), nil, m, time.Now()); err != nil {
		c.p.Report(nil, err)
	}
}

// sendReply is the pipeline's Seal: it sends the handler's reply as the
// answer to the frame of m.
func (c *Client) sendReply(m *Message, reply Reply) ([]byte, error) {
	if reply == nil || m.replier == nil {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.AckTimeout)
	defer cancel()
	if err := m.replier.Send(ctx, reply); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrReply, m.Kind(), err)
	}
	return nil, nil
}

// WSReplier answers one frame of the long connection: its frames carry the
// frame's req_id, are sent one at a time and wait for WeCom's
// acknowledgement.
type WSReplier struct {
	c     *Client
	reqID string
	m     *Message
	mu    sync.Mutex
}

type replierKey struct{}

// WSReplierFrom returns the replier of the frame a handler serves over the
// long connection, and false in callback mode. The handler's context ends
// when it returns: a goroutine that keeps streaming after that sends with
// a context of its own (at most StreamLimit).
func WSReplierFrom(ctx context.Context) (*WSReplier, bool) {
	r, ok := ctx.Value(replierKey{}).(*WSReplier)
	return r, ok
}

// Send sends reply as an answer to the frame: a welcome to enter_chat, a
// card update to template_card_event, a message (stream frames included)
// otherwise. It waits for a connection (the current one may be being
// re-made) until ctx is done, sends once and waits for the
// acknowledgement: [ErrInvalidReqID], [ErrStreamUpdateExpired], a
// *wecom.APIError or [ErrConnectionLost] when it does not come. Frames of
// one replier go out in the order of the calls.
func (r *WSReplier) Send(ctx context.Context, reply Reply) error {
	if reply == nil {
		return fmt.Errorf("%w: nothing to send", wecom.ErrConfig)
	}
	body, err := marshalReply(reply)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrReply, err)
	}
	cmd := cmdRespondMsg
	if r.m.Event != nil {
		switch r.m.Event.EventType {
		case EventEnterChat:
			cmd = cmdRespondWelcome
		case EventTemplateCard:
			cmd = cmdRespondUpdate
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	cn, err := r.c.conn(ctx)
	if err != nil {
		return err
	}
	_, err = cn.request(ctx, r.c.cfg.AckTimeout, cmd, r.reqID, body)
	return err
}

// Send pushes reply (a [MarkdownReply] or a [CardReply]) to a chat without
// a user's message first (aibot_send_msg): chatID is a group's chatid or a
// user's userid for the single chat. It is sent once and never repeated.
func (c *Client) Send(ctx context.Context, chatID string, reply Reply) error {
	if chatID == "" || reply == nil {
		return fmt.Errorf("%w: aibot.Client.Send needs a chat id and a reply", wecom.ErrConfig)
	}
	plain, err := marshalReply(reply)
	if err != nil || len(plain) < 2 || plain[0] != '{' {
		return fmt.Errorf("%w: %v", ErrReply, err)
	}
	id, _ := json.Marshal(chatID)
	body := append(append(append([]byte(`{"chatid":`), id...), ','), plain[1:]...)
	if string(plain) == "{}" {
		body = append(append([]byte(`{"chatid":`), id...), '}')
	}
	cn, err := c.conn(ctx)
	if err != nil {
		return err
	}
	_, err = cn.request(ctx, c.cfg.AckTimeout, cmdSend, newReqID(cmdSend), body)
	return err
}
