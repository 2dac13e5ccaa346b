package wecomtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/wecomkit/wecom/crypto"
)

// BotConfig is the API-mode setting of an intelligent robot (智能机器人) as
// configured in the WeCom console: the Token and EncodingAESKey of its
// callback URL. A corp's own bot encrypts with the receive id "".
type BotConfig struct {
	Token          string
	EncodingAESKey string
	// BotID is the aibotid of the callbacks; default "fakebot".
	BotID string
}

// BotStreamLimit is how long WeCom follows a streamed answer after the
// user's message.
const BotStreamLimit = 6 * time.Minute

// SendBotCallback delivers plaintextJSON (a message, an event or a stream
// refresh of an intelligent robot) to a bot's callback URL as WeCom does:
// encrypted with the receive id "", in the body {"encrypt": "..."}, with
// msg_signature, timestamp and nonce appended to the URL's query. The
// answer must come within AppCallbackBudget. When it is an encrypted JSON
// reply {"encrypt","msgsignature","timestamp","nonce"}, its signature is
// checked and its plaintext returned in Reply; a reply that fails the check
// returns the reply and an error. An answer other than 200 is returned as
// it is.
func (s *Server) SendBotCallback(ctx context.Context, botURL string, cfg BotConfig, plaintextJSON []byte) (*CallbackReply, error) {
	mc, err := crypto.New(cfg.Token, cfg.EncodingAESKey, "")
	if err != nil {
		return nil, fmt.Errorf("wecomtest: bot config: %w", err)
	}
	encrypted, err := mc.Encrypt(plaintextJSON)
	if err != nil {
		return nil, fmt.Errorf("wecomtest: encrypt callback: %w", err)
	}
	body, _ := json.Marshal(map[string]string{"encrypt": encrypted})
	timestamp, nonce := strconv.FormatInt(time.Now().Unix(), 10), randomDigits(10)
	target, err := signedURL(botURL,
		"msg_signature", crypto.Signature(cfg.Token, timestamp, nonce, encrypted),
		"timestamp", timestamp, "nonce", nonce)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("wecomtest: callback request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	reply, err := s.deliver(req, AppCallbackBudget)
	if err != nil {
		return nil, err
	}
	if reply.StatusCode != http.StatusOK {
		return reply, nil
	}
	reply.Reply, err = openBotReply(mc, reply.Body)
	return reply, err
}

// openBotReply verifies and decrypts an encrypted JSON reply; an empty
// body gives nil.
func openBotReply(mc *crypto.MsgCrypt, body []byte) ([]byte, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	var r struct {
		Encrypt      string          `json:"encrypt"`
		MsgSignature string          `json:"msgsignature"`
		Timestamp    json.RawMessage `json:"timestamp"`
		Nonce        string          `json:"nonce"`
	}
	if err := json.Unmarshal(body, &r); err != nil || r.Encrypt == "" || r.MsgSignature == "" || r.Nonce == "" {
		return nil, ErrMalformedReply
	}
	ts := string(bytes.Trim(r.Timestamp, `"`))
	if err := mc.Verify(r.MsgSignature, ts, r.Nonce, r.Encrypt); err != nil {
		return nil, fmt.Errorf("wecomtest: bot reply: %w", err)
	}
	msg, id, err := mc.Decrypt(r.Encrypt)
	if err != nil {
		return nil, fmt.Errorf("wecomtest: bot reply: %w", err)
	}
	if id != "" {
		return nil, fmt.Errorf("%w: a bot reply carries the receive id \"\"", ErrMalformedReply)
	}
	return msg, nil
}

// BotChat is a user's exchange with a bot: the decrypted replies, in
// order (the answer to the message, then those to the stream refreshes),
// and the content of the last stream frame.
type BotChat struct {
	Replies  [][]byte
	Content  string // the last stream frame's content, if the bot streamed
	Finished bool   // the stream finished within the limit
}

// BotMessage is a user's text message to a bot.
type BotMessage struct {
	UserID string
	ChatID string // "" for the single chat
	Text   string
	// Interval is the time between stream refreshes; default 200 ms.
	Interval time.Duration
}

// ChatWithBot sends a text message to a bot and, when the bot answers with
// a stream, keeps sending stream refreshes as the WeCom client does until
// a frame finishes it or BotStreamLimit has passed. Each callback gets a
// fresh msgid.
func (s *Server) ChatWithBot(ctx context.Context, botURL string, cfg BotConfig, msg BotMessage) (*BotChat, error) {
	userID, chatID, text, interval := msg.UserID, msg.ChatID, msg.Text, msg.Interval
	if interval <= 0 {
		interval = 200 * time.Millisecond
	}
	botID := cfg.BotID
	if botID == "" {
		botID = "fakebot"
	}
	chatType := "single"
	if chatID != "" {
		chatType = "group"
	}
	base := map[string]any{"aibotid": botID, "chattype": chatType, "from": map[string]string{"userid": userID}}
	if chatID != "" {
		base["chatid"] = chatID
	}
	send := func(extra map[string]any) (*CallbackReply, error) {
		doc := map[string]any{"msgid": randomDigits(19)}
		for k, v := range base {
			doc[k] = v
		}
		for k, v := range extra {
			doc[k] = v
		}
		plain, _ := json.Marshal(doc)
		reply, err := s.SendBotCallback(ctx, botURL, cfg, plain)
		if err != nil {
			return nil, err
		}
		if reply.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%w: answered HTTP %d", ErrCallbackRejected, reply.StatusCode)
		}
		return reply, nil
	}
	start := time.Now()
	reply, err := send(map[string]any{"msgtype": "text", "text": map[string]string{"content": text},
		"response_url": s.URL() + "/cgi-bin/aibot/response?response_code=" + randomDigits(16)})
	if err != nil {
		return nil, err
	}
	chat := &BotChat{}
	for {
		if reply.Reply != nil {
			chat.Replies = append(chat.Replies, reply.Reply)
		}
		var frame struct {
			MsgType string `json:"msgtype"`
			Stream  struct {
				ID      string `json:"id"`
				Finish  bool   `json:"finish"`
				Content string `json:"content"`
			} `json:"stream"`
		}
		if reply.Reply == nil || json.Unmarshal(reply.Reply, &frame) != nil || frame.Stream.ID == "" ||
			(frame.MsgType != "stream" && frame.MsgType != "stream_with_template_card") {
			return chat, nil
		}
		chat.Content = frame.Stream.Content
		if frame.Stream.Finish {
			chat.Finished = true
			return chat, nil
		}
		if time.Since(start) >= BotStreamLimit {
			return chat, nil
		}
		select {
		case <-ctx.Done():
			return chat, ctx.Err()
		case <-time.After(interval):
		}
		if reply, err = send(map[string]any{"msgtype": "stream", "stream": map[string]string{"id": frame.Stream.ID}}); err != nil {
			return chat, err
		}
	}
}
