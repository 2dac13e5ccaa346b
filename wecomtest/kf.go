package wecomtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// 微信客服 (kf): the fake models a conversation. A test injects what a
// customer does ([Server.KFCustomerSays], [Server.KFEnterSession],
// [Server.KFInject]), pushes the encrypted kf_msg_or_event callback with
// [Server.PushKFCallback], and the app reads the conversation with
// kf/sync_msg (cursors, has_more, the callback token checked) and answers
// with kf/send_msg or kf/send_msg_on_event, recorded by [Server.KFSent].
// Sessions change state as WeCom's do: a customer's message opens a
// session (state 0), kf/service_state/trans moves it, and send_msg is
// refused while a servicer or the pool holds it (95018) or after it ended
// (95013). Accounts are added with [Server.AddKFAccount]; the other kf
// paths are answered through [Server.Handle].

// kf errcodes the fake answers with.
const (
	codeKFInvalidOpenKFID = 95000
	codeKFWindowClosed    = 95002
	codeKFInvalidToken    = 95007
	codeKFSessionEnded    = 95013
	codeKFNotServicer     = 95014
	codeKFBadTransition   = 95016
	codeKFStateForbids    = 95018
	codeInvalidWelcome    = 41050
)

const (
	kfTokenTTL     = 10 * time.Minute // callback token
	kfWelcomeTTL   = 20 * time.Second // welcome_code of enter_session
	kfMsgCodeTTL   = 20 * time.Second // msg_code of service_state/trans
	kfSyncMaxLimit = 1000
)

// The session states of kf/service_state.
const (
	KFStateUntreated   = 0
	KFStateSmartAssist = 1
	KFStatePool        = 2
	KFStateServicer    = 3
	KFStateEnded       = 4
)

// KFIncoming is something that happened in a kf conversation, injected
// with [Server.KFInject]: a message of a customer (Origin 3, the
// default), a system event (Origin 4, MsgType "event") or a message a
// servicer sent from WeCom (Origin 5).
type KFIncoming struct {
	OpenKFID       string
	ExternalUserID string
	ServicerUserID string
	Origin         int
	// MsgType is "text", "image", ..., or "event".
	MsgType string
	// Payload is the object under MsgType (for "event", the event without
	// event_type, open_kfid and external_userid, which the fake adds),
	// encoded with encoding/json.
	Payload any
	// EventType is the event_type of an event.
	EventType string
}

// KFNotice is what WeCom tells the app about a new message or event: the
// Token and OpenKfId of the kf_msg_or_event callback, plus the msgid of
// the message injected and, for enter_session, the welcome_code.
type KFNotice struct {
	Token       string
	OpenKFID    string
	MsgID       string
	WelcomeCode string
}

// KFSentMessage is a message the fake accepted through kf/send_msg or
// kf/send_msg_on_event.
type KFSentMessage struct {
	// Path is "/cgi-bin/kf/send_msg" or "/cgi-bin/kf/send_msg_on_event".
	Path   string
	CorpID string
	// OpenKFID and ToUser are the account and customer (for
	// send_msg_on_event, those of the code).
	OpenKFID string
	ToUser   string
	// Code is the welcome_code or msg_code of send_msg_on_event.
	Code    string
	MsgID   string
	MsgType string
	// Text is the content of a text message.
	Text *TextContent
	// Media is the content of an image, voice, video or file message.
	Media *MediaContent
	// Menu is the content of a msgmenu message.
	Menu *KFMenuContent
	// Body is the request body exactly as received.
	Body json.RawMessage
	// Time is when the fake accepted it.
	Time time.Time
}

// KFMenuContent is a msgmenu sent: its head, the contents of its items and
// its tail.
type KFMenuContent struct {
	HeadContent string
	Items       []string
	TailContent string
}

// kfModel is the kf state of a Server, guarded by its lock.
type kfModel struct {
	accounts map[string][]kfAccount     // corp → accounts, in creation order
	msgs     map[string][]kfStored      // corp → conversation, oldest first
	sessions map[string]*kfSessionState // corp|open_kfid|external_userid
	tokens   map[string]time.Time       // callback token → expiry
	codes    map[string]*kfCode         // welcome_code and msg_code
	sent     []KFSentMessage
}

type kfAccount struct{ openKFID, name string }

type kfStored struct {
	openKFID string
	json     []byte
}

type kfSessionState struct {
	state    int
	servicer string
}

type kfCode struct {
	corp, openKFID, externalUserID string
	expiry                         time.Time
	welcome                        bool
}

func (s *Server) kfInit() {
	if s.kf.msgs == nil {
		s.kf = kfModel{
			accounts: map[string][]kfAccount{}, msgs: map[string][]kfStored{},
			sessions: map[string]*kfSessionState{}, tokens: map[string]time.Time{}, codes: map[string]*kfCode{},
		}
	}
}

func kfSessionKey(corp, openKFID, externalUserID string) string {
	return corp + "|" + openKFID + "|" + externalUserID
}

func (m *kfModel) hasAccount(corp, openKFID string) bool {
	return slices.ContainsFunc(m.accounts[corp], func(a kfAccount) bool { return a.openKFID == openKFID })
}

// AddKFAccount adds a customer-service account to the corp.
func (s *Server) AddKFAccount(corpID, openKFID, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.corps[corpID] == nil {
		return fmt.Errorf("wecomtest: unknown corp %q", corpID)
	}
	s.kfInit()
	if openKFID == "" || s.kf.hasAccount(corpID, openKFID) {
		return fmt.Errorf("wecomtest: kf account %q is empty or exists", openKFID)
	}
	s.kf.accounts[corpID] = append(s.kf.accounts[corpID], kfAccount{openKFID, name})
	return nil
}

// KFCustomerSays injects a customer's text message into the conversation
// of the account, as [Server.KFInject] does.
func (s *Server) KFCustomerSays(corpID, openKFID, externalUserID, text string) (KFNotice, error) {
	return s.KFInject(corpID, KFIncoming{OpenKFID: openKFID, ExternalUserID: externalUserID, MsgType: "text",
		Payload: map[string]string{"content": text}})
}

// KFEnterSession injects the enter_session event of a customer who opened
// the account's chat (from a link with scene), with a welcome_code valid
// 20 seconds, usable once.
func (s *Server) KFEnterSession(corpID, openKFID, externalUserID, scene string) (KFNotice, error) {
	return s.KFInject(corpID, KFIncoming{OpenKFID: openKFID, ExternalUserID: externalUserID, Origin: 4,
		MsgType: "event", EventType: "enter_session", Payload: map[string]string{"scene": scene}})
}

// KFInject appends a message or event to the corp's kf conversation and
// returns the notice WeCom would push: a fresh callback token (valid 10
// minutes) and the account. A customer's message opens the session again
// (state 0) when there was none or it had ended.
func (s *Server) KFInject(corpID string, in KFIncoming) (KFNotice, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.corps[corpID] == nil {
		return KFNotice{}, fmt.Errorf("wecomtest: unknown corp %q", corpID)
	}
	s.kfInit()
	if !s.kf.hasAccount(corpID, in.OpenKFID) {
		return KFNotice{}, fmt.Errorf("wecomtest: unknown kf account %q (AddKFAccount)", in.OpenKFID)
	}
	if in.MsgType == "" {
		return KFNotice{}, errors.New("wecomtest: KFIncoming.MsgType is required")
	}
	origin := in.Origin
	if origin == 0 {
		origin = 3
	}
	now := s.now()
	n := KFNotice{Token: "ENC" + randomToken(2), OpenKFID: in.OpenKFID, MsgID: randomToken(2)}
	msg := obj{"msgid": n.MsgID, "send_time": now.Unix(), "origin": origin, "msgtype": in.MsgType}
	key := kfSessionKey(corpID, in.OpenKFID, in.ExternalUserID)
	sess := s.kf.sessions[key]
	if in.MsgType == "event" {
		ev := obj{}
		if err := mergeJSON(ev, in.Payload); err != nil {
			return KFNotice{}, err
		}
		ev["event_type"], ev["open_kfid"], ev["external_userid"] = in.EventType, in.OpenKFID, in.ExternalUserID
		if in.EventType == "enter_session" && (sess == nil || sess.state == KFStateUntreated || sess.state == KFStateEnded) {
			n.WelcomeCode = randomToken(2)
			ev["welcome_code"] = n.WelcomeCode
			s.kf.codes[n.WelcomeCode] = &kfCode{corp: corpID, openKFID: in.OpenKFID, externalUserID: in.ExternalUserID,
				expiry: now.Add(kfWelcomeTTL), welcome: true}
		}
		msg["event"] = ev
	} else {
		msg["open_kfid"], msg["external_userid"] = in.OpenKFID, in.ExternalUserID
		if in.ServicerUserID != "" {
			msg["servicer_userid"] = in.ServicerUserID
		}
		var payload any = obj{}
		if in.Payload != nil {
			payload = in.Payload
		}
		msg[in.MsgType] = payload
		if origin == 3 && (sess == nil || sess.state == KFStateEnded) {
			s.kf.sessions[key] = &kfSessionState{state: KFStateUntreated}
		}
	}
	b, err := json.Marshal(msg)
	if err != nil {
		return KFNotice{}, fmt.Errorf("wecomtest: kf message: %w", err)
	}
	s.kf.msgs[corpID] = append(s.kf.msgs[corpID], kfStored{openKFID: in.OpenKFID, json: b})
	s.kf.tokens[n.Token] = now.Add(kfTokenTTL)
	return n, nil
}

// mergeJSON copies the fields of v (encoded with encoding/json) into dst.
func mergeJSON(dst obj, v any) error {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("wecomtest: kf payload: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("wecomtest: kf payload is not an object: %w", err)
	}
	for k, x := range m {
		dst[k] = x
	}
	return nil
}

// PushKFCallback pushes the encrypted kf_msg_or_event callback of n to
// callbackURL, signed with cfg, as [Server.SendCallback] does.
func (s *Server) PushKFCallback(ctx context.Context, callbackURL string, cfg CallbackConfig, n KFNotice) (*CallbackReply, error) {
	to := cfg.ReceiverID
	if cfg.ToUserName != "" {
		to = cfg.ToUserName
	}
	xml := "<xml><ToUserName>" + cdata(to) + "</ToUserName><CreateTime>" + strconv.FormatInt(s.now().Unix(), 10) +
		"</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token>" +
		cdata(n.Token) + "</Token><OpenKfId>" + cdata(n.OpenKFID) + "</OpenKfId></xml>"
	return s.SendCallback(ctx, callbackURL, cfg, []byte(xml))
}

// KFSent returns the kf messages accepted so far, oldest first.
func (s *Server) KFSent() []KFSentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]KFSentMessage, len(s.kf.sent))
	for i, m := range s.kf.sent {
		m.Body = bytes.Clone(m.Body)
		out[i] = m
	}
	return out
}

// KFSession returns the state of a customer's session (KFStateEnded when
// there is none) and the servicer receiving them.
func (s *Server) KFSession(corpID, openKFID, externalUserID string) (state int, servicer string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kfInit()
	if sess := s.kf.sessions[kfSessionKey(corpID, openKFID, externalUserID)]; sess != nil {
		return sess.state, sess.servicer
	}
	return KFStateEnded, ""
}

// SetKFSession sets a session's state as a servicer acting in WeCom would
// (taking the customer: KFStateServicer and their userid; ending it:
// KFStateEnded).
func (s *Server) SetKFSession(corpID, openKFID, externalUserID string, state int, servicer string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kfInit()
	s.kf.sessions[kfSessionKey(corpID, openKFID, externalUserID)] = &kfSessionState{state: state, servicer: servicer}
}

// kfCursorPrefix starts the fake's cursors, which are opaque to the SDK.
const kfCursorPrefix = "kfc"

// kfSyncMsg serves POST /cgi-bin/kf/sync_msg.
func (s *Server) kfSyncMsg(c *call) (any, error) {
	var in struct {
		Cursor   string  `json:"cursor"`
		Token    string  `json:"token"`
		Limit    flexInt `json:"limit"`
		OpenKFID string  `json:"open_kfid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.Limit == 0 {
		in.Limit = kfSyncMaxLimit
	}
	if in.Limit < 0 || in.Limit > kfSyncMaxLimit {
		return nil, invalidParam("invalid limit")
	}
	s.kfInit()
	if in.Token != "" {
		if exp, ok := s.kf.tokens[in.Token]; !ok || !s.now().Before(exp) {
			return nil, errf(codeKFInvalidToken, "invalid msgtoken")
		}
	}
	if in.OpenKFID != "" && !s.kf.hasAccount(c.corp.id, in.OpenKFID) {
		return nil, errf(codeKFInvalidOpenKFID, "invalid open_kfid")
	}
	start := 0
	if in.Cursor != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(in.Cursor, kfCursorPrefix))
		if err != nil || !strings.HasPrefix(in.Cursor, kfCursorPrefix) || n < 0 {
			return nil, invalidParam("invalid cursor")
		}
		start = n
	}
	all := s.kf.msgs[c.corp.id]
	start = min(start, len(all))
	var buf bytes.Buffer
	buf.WriteByte('[')
	count, i := 0, start
	for ; i < len(all) && count < int(in.Limit); i++ {
		if in.OpenKFID != "" && all[i].openKFID != in.OpenKFID {
			continue
		}
		if count > 0 {
			buf.WriteByte(',')
		}
		buf.Write(all[i].json)
		count++
	}
	buf.WriteByte(']')
	more := 0
	for j := i; j < len(all); j++ {
		if in.OpenKFID == "" || all[j].openKFID == in.OpenKFID {
			more = 1
			break
		}
	}
	return obj{"next_cursor": kfCursorPrefix + strconv.Itoa(i), "has_more": more, "msg_list": json.RawMessage(buf.Bytes())}, nil
}

// kfSendTypes are the msgtypes kf/send_msg accepts; send_msg_on_event
// accepts text and msgmenu.
var kfSendTypes = []string{"text", "image", "voice", "video", "file", "link", "miniprogram", "msgmenu", "location", "ca_link"}

// kfSendMsg serves POST /cgi-bin/kf/send_msg.
func (s *Server) kfSendMsg(c *call) (any, error) {
	var in struct {
		ToUser   string `json:"touser"`
		OpenKFID string `json:"open_kfid"`
		MsgID    string `json:"msgid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	s.kfInit()
	if !s.kf.hasAccount(c.corp.id, in.OpenKFID) {
		return nil, errf(codeKFInvalidOpenKFID, "invalid open_kfid")
	}
	if in.ToUser == "" {
		return nil, invalidParam("touser is required")
	}
	switch sess := s.kf.sessions[kfSessionKey(c.corp.id, in.OpenKFID, in.ToUser)]; {
	case sess == nil:
		return nil, errf(codeKFWindowClosed, "the customer has not written in the last 48 hours")
	case sess.state == KFStateEnded:
		return nil, errf(codeKFSessionEnded, "session ended")
	case sess.state == KFStatePool || sess.state == KFStateServicer:
		return nil, errf(codeKFStateForbids, "the session state does not allow sending")
	}
	return s.kfAccept(c, in.OpenKFID, in.ToUser, "", in.MsgID, kfSendTypes)
}

// kfSendMsgOnEvent serves POST /cgi-bin/kf/send_msg_on_event.
func (s *Server) kfSendMsgOnEvent(c *call) (any, error) {
	var in struct {
		Code  string `json:"code"`
		MsgID string `json:"msgid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	s.kfInit()
	code := s.kf.codes[in.Code]
	if code == nil || code.corp != c.corp.id || !s.now().Before(code.expiry) {
		return nil, errf(codeInvalidWelcome, "invalid code")
	}
	out, err := s.kfAccept(c, code.openKFID, code.externalUserID, in.Code, in.MsgID, []string{"text", "msgmenu"})
	if err == nil {
		delete(s.kf.codes, in.Code) // usable once
	}
	return out, err
}

// kfAccept checks the message of a send and records it.
func (s *Server) kfAccept(c *call, openKFID, toUser, code, msgID string, allowed []string) (any, error) {
	var fields map[string]json.RawMessage
	if err := decodeBody(c.body, &fields); err != nil {
		return nil, err
	}
	var msgType string
	if json.Unmarshal(fields["msgtype"], &msgType) != nil || !slices.Contains(allowed, msgType) {
		return nil, errf(codeInvalidMsgType, "invalid message type")
	}
	payload := fields[msgType]
	if len(bytes.TrimSpace(payload)) == 0 || payload[0] != '{' {
		return nil, invalidParam("%s is required", msgType)
	}
	m := KFSentMessage{Path: c.r.URL.Path, CorpID: c.corp.id, OpenKFID: openKFID, ToUser: toUser, Code: code,
		MsgID: msgID, MsgType: msgType, Body: bytes.Clone(c.body), Time: s.now()}
	switch msgType {
	case "text":
		var t TextContent
		if json.Unmarshal(payload, &t) != nil || t.Content == "" {
			return nil, errf(codeEmptyContent, "empty content")
		}
		m.Text = &t
	case "image", "voice", "video", "file":
		var md MediaContent
		if json.Unmarshal(payload, &md) != nil || md.MediaID == "" {
			return nil, errf(codeInvalidMediaID, "invalid media_id")
		}
		m.Media = &md
	case "msgmenu":
		var menu struct {
			Head  string                       `json:"head_content"`
			Tail  string                       `json:"tail_content"`
			Items []map[string]json.RawMessage `json:"list"`
		}
		if json.Unmarshal(payload, &menu) != nil {
			return nil, invalidParam("invalid msgmenu")
		}
		mc := &KFMenuContent{HeadContent: menu.Head, TailContent: menu.Tail}
		for _, it := range menu.Items {
			var typ string
			var item struct {
				Content string `json:"content"`
			}
			if json.Unmarshal(it["type"], &typ) != nil || json.Unmarshal(it[typ], &item) != nil {
				return nil, invalidParam("invalid msgmenu item")
			}
			mc.Items = append(mc.Items, item.Content)
		}
		m.Menu = mc
	}
	if m.MsgID == "" {
		m.MsgID = randomToken(2)
	}
	s.kf.sent = append(s.kf.sent, m)
	return obj{"msgid": m.MsgID}, nil
}

// kfServiceStateGet serves POST /cgi-bin/kf/service_state/get.
func (s *Server) kfServiceStateGet(c *call) (any, error) {
	var in struct {
		OpenKFID       string `json:"open_kfid"`
		ExternalUserID string `json:"external_userid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	s.kfInit()
	if !s.kf.hasAccount(c.corp.id, in.OpenKFID) {
		return nil, errf(codeKFInvalidOpenKFID, "invalid open_kfid")
	}
	sess := s.kf.sessions[kfSessionKey(c.corp.id, in.OpenKFID, in.ExternalUserID)]
	if sess == nil {
		return obj{"service_state": KFStateEnded}, nil
	}
	out := obj{"service_state": sess.state}
	if sess.servicer != "" {
		out["servicer_userid"] = sess.servicer
	}
	return out, nil
}

// kfTransitions lists the states each state may move to through the API.
var kfTransitions = map[int][]int{
	KFStateUntreated:   {KFStateSmartAssist, KFStatePool, KFStateServicer, KFStateEnded},
	KFStateSmartAssist: {KFStatePool, KFStateServicer, KFStateEnded},
	KFStatePool:        {KFStateServicer, KFStateEnded},
	KFStateServicer:    {KFStateServicer, KFStateEnded},
}

// kfServiceStateTrans serves POST /cgi-bin/kf/service_state/trans.
func (s *Server) kfServiceStateTrans(c *call) (any, error) {
	var in struct {
		OpenKFID       string  `json:"open_kfid"`
		ExternalUserID string  `json:"external_userid"`
		ServiceState   flexInt `json:"service_state"`
		ServicerUserID string  `json:"servicer_userid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	s.kfInit()
	if !s.kf.hasAccount(c.corp.id, in.OpenKFID) {
		return nil, errf(codeKFInvalidOpenKFID, "invalid open_kfid")
	}
	key := kfSessionKey(c.corp.id, in.OpenKFID, in.ExternalUserID)
	sess := s.kf.sessions[key]
	to := int(in.ServiceState)
	if sess == nil || !slices.Contains(kfTransitions[sess.state], to) {
		return nil, errf(codeKFBadTransition, "state transition not allowed")
	}
	if to == KFStateServicer && c.corp.user(in.ServicerUserID) == nil {
		return nil, errf(codeKFNotServicer, "user is not a servicer")
	}
	servicer := ""
	if to == KFStateServicer {
		servicer = in.ServicerUserID
	}
	s.kf.sessions[key] = &kfSessionState{state: to, servicer: servicer}
	out := obj{}
	if to >= KFStatePool {
		code := randomToken(2)
		s.kf.codes[code] = &kfCode{corp: c.corp.id, openKFID: in.OpenKFID, externalUserID: in.ExternalUserID,
			expiry: s.now().Add(kfMsgCodeTTL)}
		out["msg_code"] = code
	}
	return out, nil
}
