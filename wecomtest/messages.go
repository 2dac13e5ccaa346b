package wecomtest

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	codeInvalidCardType = 42031
	maxArticles         = 8
	recallWindow        = 24 * time.Hour
)

// SentMessage is a message the fake accepted through message/send or
// appchat/send. Its content is typed: the field named after the msgtype
// (Text, Markdown, Media, TextCard, News, MiniProgramNotice, TaskCard or
// TemplateCard) is set, the others are nil.
type SentMessage struct {
	// Path is "/cgi-bin/message/send" or "/cgi-bin/appchat/send".
	Path    string
	CorpID  string
	AgentID int64 // the app whose token sent it (message/send: its agentid)
	MsgType string
	// To are the recipients of message/send, typed as work.Recipients.
	To Recipients
	// ChatID is the chat of appchat/send.
	ChatID string
	// MsgID is the msgid message/send answered with.
	MsgID string
	// Recalled is set once message/recall took the message back.
	Recalled bool

	// Text is the content of a text message.
	Text *TextContent
	// Markdown is the content of a markdown message.
	Markdown *TextContent
	// Media is the content of an image, voice, video or file message.
	Media *MediaContent
	// TextCard is the content of a textcard message.
	TextCard *TextCardContent
	// News is the content of a news or mpnews message.
	News *NewsContent
	// MiniProgramNotice is the content of a miniprogram_notice message.
	MiniProgramNotice *MiniProgramNoticeContent
	// TaskCard is the content of a taskcard message.
	TaskCard *TaskCardContent
	// TemplateCard is the content of a template_card message.
	TemplateCard *TemplateCardContent

	// Body is the request body exactly as received.
	Body json.RawMessage
	// Time is when the fake accepted the message.
	Time time.Time
}

// Payload returns the object under the msgtype key of the body, such as
// {"content":"hello"} for a text message, or nil: the raw form of the
// typed content, for fields the typed structs do not carry.
func (m SentMessage) Payload() json.RawMessage {
	var fields map[string]json.RawMessage
	if json.Unmarshal(m.Body, &fields) != nil {
		return nil
	}
	return fields[m.MsgType]
}

// Sent returns the messages accepted so far, oldest first, each a copy
// with its content decoded.
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SentMessage, len(s.sent))
	for i, m := range s.sent {
		out[i] = m.clone()
	}
	return out
}

// Message types each endpoint accepts.
var (
	appMessageTypes = []string{
		"text", "image", "voice", "video", "file", "textcard", "news", "mpnews",
		"markdown", "miniprogram_notice", "template_card", "taskcard",
	}
	chatMessageTypes = []string{
		"text", "image", "voice", "video", "file", "textcard", "news", "mpnews", "markdown",
	}
	interactiveCards = []string{"button_interaction", "vote_interaction", "multiple_interaction"}
	cardTypes        = append([]string{"text_notice", "news_notice"}, interactiveCards...)
)

// messagePayload checks msgtype and the payload under it, returning the
// template card type when there is one.
func messagePayload(fields map[string]json.RawMessage, msgType string, allowed []string) (string, error) {
	if !slices.Contains(allowed, msgType) {
		return "", errf(codeInvalidMsgType, "invalid message type")
	}
	raw, ok := fields[msgType]
	if !ok {
		return "", invalidParam("missing %s", msgType)
	}
	var p struct {
		Content     *string           `json:"content"`
		MediaID     *string           `json:"media_id"`
		Title       *string           `json:"title"`
		URL         *string           `json:"url"`
		Articles    []json.RawMessage `json:"articles"`
		CardType    string            `json:"card_type"`
		Description *string           `json:"description"`
	}
	if !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) || json.Unmarshal(raw, &p) != nil {
		return "", invalidParam("invalid %s", msgType)
	}
	switch msgType {
	case "text", "markdown":
		if p.Content == nil || *p.Content == "" {
			return "", errf(codeEmptyContent, "empty content")
		}
	case "image", "voice", "video", "file":
		if p.MediaID == nil || *p.MediaID == "" {
			return "", errf(codeInvalidMediaID, "invalid media_id")
		}
	case "textcard":
		if p.Title == nil || p.Description == nil || p.URL == nil || *p.URL == "" {
			return "", invalidParam("textcard needs title, description and url")
		}
	case "news", "mpnews":
		if len(p.Articles) == 0 || len(p.Articles) > maxArticles {
			return "", invalidParam("articles must have 1 to %d items", maxArticles)
		}
	case "template_card":
		if !slices.Contains(cardTypes, p.CardType) {
			return "", errf(codeInvalidCardType, "invalid card_type")
		}
		return p.CardType, nil
	}
	return "", nil
}

// messageSend serves POST /cgi-bin/message/send.
func (s *Server) messageSend(c *call) (any, error) {
	var fields map[string]json.RawMessage
	if err := decodeBody(c.body, &fields); err != nil {
		return nil, err
	}
	var in struct {
		ToUser  string  `json:"touser"`
		ToParty string  `json:"toparty"`
		ToTag   string  `json:"totag"`
		MsgType string  `json:"msgtype"`
		AgentID flexInt `json:"agentid"`
	}
	if err := json.Unmarshal(c.body, &in); err != nil {
		return nil, invalidParam("invalid request body: %s", jsonProblem(err))
	}
	if c.token.contacts {
		return nil, errf(codeNotAllowed, "api forbidden for the contacts secret")
	}
	cardType, err := messagePayload(fields, in.MsgType, appMessageTypes)
	if err != nil {
		return nil, err
	}
	if in.AgentID <= 0 {
		return nil, errf(codeInvalidAgentID, "invalid agentid")
	}
	if int64(in.AgentID) != c.token.agentID {
		return nil, errf(codeAgentNotPermitted, "no privilege to access/modify contact/party/agent")
	}
	users, parties, tags := splitBar(in.ToUser), splitBar(in.ToParty), splitBar(in.ToTag)
	badUsers, badParties, badTags, anyValid := c.corp.checkRecipients(users, parties, tags)
	if !anyValid {
		return nil, errf(codeAllRecipientsInvalid, "user & party & tag all invalid")
	}
	unlicensed := s.unlicensedRecipients(c, users)
	if len(unlicensed) > 0 {
		users = slices.DeleteFunc(users, func(u string) bool { return slices.Contains(unlicensed, u) })
	}
	msgID := randomToken(2)
	s.sent = append(s.sent, SentMessage{
		Path: c.r.URL.Path, CorpID: c.corp.id, AgentID: int64(in.AgentID), MsgType: in.MsgType,
		To: recipients(users, parties, tags), MsgID: msgID,
		Body: bytes.Clone(c.body), Time: s.now(),
	})
	out := obj{
		"invaliduser":    strings.Join(badUsers, "|"),
		"invalidparty":   strings.Join(badParties, "|"),
		"invalidtag":     strings.Join(badTags, "|"),
		"unlicenseduser": strings.Join(unlicensed, "|"),
		"msgid":          msgID,
	}
	if slices.Contains(interactiveCards, cardType) {
		out["response_code"] = randomToken(2)
	}
	return out, nil
}

// checkRecipients splits recipients into invalid ones (userids lower-cased,
// as WeCom reports them) and says whether any is valid.
func (c *corpState) checkRecipients(users, parties, tags []string) (badUsers, badParties, badTags []string, anyValid bool) {
	for _, u := range users {
		if u == "@all" || c.user(u) != nil {
			anyValid = true
		} else {
			badUsers = append(badUsers, strings.ToLower(u))
		}
	}
	for _, p := range parties {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil && c.depts[id] != nil {
			anyValid = true
		} else {
			badParties = append(badParties, p)
		}
	}
	for _, t := range tags {
		if id, err := strconv.ParseInt(t, 10, 64); err == nil && c.tags[id] != nil {
			anyValid = true
		} else {
			badTags = append(badTags, t)
		}
	}
	return badUsers, badParties, badTags, anyValid
}

// messageRecall serves POST /cgi-bin/message/recall: only the app that
// sent a message may recall it, within 24 hours.
func (s *Server) messageRecall(c *call) (any, error) {
	var in struct {
		MsgID string `json:"msgid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if in.MsgID == "" {
		return nil, invalidParam("missing msgid")
	}
	for i := range s.sent {
		m := &s.sent[i]
		if m.MsgID != in.MsgID || m.CorpID != c.corp.id {
			continue
		}
		if m.AgentID != c.token.agentID || m.Recalled || s.now().Sub(m.Time) > recallWindow {
			break
		}
		m.Recalled = true
		return obj{}, nil
	}
	return nil, invalidParam("invalid msgid")
}

const (
	maxChatMembers = 2000
	maxChatName    = 50
	maxChatIDLen   = 32
)

func validChatID(id string) bool {
	if id == "" || len(id) > maxChatIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		b := id[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}

// chatMembers resolves userids to members, failing on an unknown one.
func (c *corpState) chatMembers(ids []string) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		u := c.user(id)
		if u == nil {
			return nil, errf(codeInvalidChatMember, "invalid chat member")
		}
		if !slices.Contains(out, u.UserID) {
			out = append(out, u.UserID)
		}
	}
	return out, nil
}

// truncateRunes keeps the first n characters of s, as WeCom truncates
// chat names.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// appchatCreate serves POST /cgi-bin/appchat/create.
func (s *Server) appchatCreate(c *call) (any, error) {
	var in struct {
		Name     string   `json:"name"`
		Owner    string   `json:"owner"`
		UserList []string `json:"userlist"`
		ChatID   string   `json:"chatid"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	if c.token.contacts {
		return nil, errf(codeNotAllowed, "api forbidden for the contacts secret")
	}
	members, err := c.corp.chatMembers(in.UserList)
	if err != nil {
		return nil, err
	}
	if len(members) < 2 || len(members) > maxChatMembers {
		return nil, errf(codeChatMemberCount, "chat member count out of range")
	}
	owner := members[0]
	if in.Owner != "" {
		u := c.corp.user(in.Owner)
		if u == nil || !slices.Contains(members, u.UserID) {
			return nil, errf(codeInvalidChatMember, "invalid owner")
		}
		owner = u.UserID
	}
	id := in.ChatID
	if id == "" {
		id = "wr" + strings.ToLower(randomToken(1))
	} else if !validChatID(id) || c.corp.chats[id] != nil {
		return nil, errf(codeChatIDInvalid, "invalid chatid")
	}
	c.corp.chats[id] = &chatState{id: id, name: truncateRunes(in.Name, maxChatName), owner: owner, users: members}
	return obj{"chatid": id}, nil
}

// requireChat finds a chat created in the token's corp.
func (c *call) requireChat(id string) (*chatState, error) {
	if id == "" {
		return nil, errf(codeChatIDInvalid, "missing chatid")
	}
	ch := c.corp.chats[id]
	if ch == nil {
		return nil, errf(codeChatNotFound, "chatid not found")
	}
	return ch, nil
}

// appchatUpdate serves POST /cgi-bin/appchat/update.
func (s *Server) appchatUpdate(c *call) (any, error) {
	var in struct {
		ChatID  string   `json:"chatid"`
		Name    *string  `json:"name"`
		Owner   string   `json:"owner"`
		AddUser []string `json:"add_user_list"`
		DelUser []string `json:"del_user_list"`
	}
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	ch, err := c.requireChat(in.ChatID)
	if err != nil {
		return nil, err
	}
	add, err := c.corp.chatMembers(in.AddUser)
	if err != nil {
		return nil, err
	}
	users := slices.Clone(ch.users)
	for _, u := range add {
		if !slices.Contains(users, u) {
			users = append(users, u)
		}
	}
	for _, d := range in.DelUser {
		users = slices.DeleteFunc(users, func(u string) bool { return strings.EqualFold(u, d) })
	}
	if len(users) < 2 || len(users) > maxChatMembers {
		return nil, errf(codeChatMemberCount, "chat member count out of range")
	}
	owner := ch.owner
	if in.Owner != "" {
		owner = in.Owner
	}
	i := slices.IndexFunc(users, func(u string) bool { return strings.EqualFold(u, owner) })
	if i < 0 {
		return nil, errf(codeInvalidChatMember, "invalid owner")
	}
	ch.owner, ch.users = users[i], users
	if in.Name != nil {
		ch.name = truncateRunes(*in.Name, maxChatName)
	}
	return obj{}, nil
}

// appchatGet serves GET /cgi-bin/appchat/get.
func (s *Server) appchatGet(c *call) (any, error) {
	ch, err := c.requireChat(c.query.Get("chatid"))
	if err != nil {
		return nil, err
	}
	return obj{"chat_info": obj{
		"chatid": ch.id, "name": ch.name, "owner": ch.owner, "userlist": slices.Clone(ch.users), "chat_type": 0,
	}}, nil
}

// appchatSend serves POST /cgi-bin/appchat/send.
func (s *Server) appchatSend(c *call) (any, error) {
	var fields map[string]json.RawMessage
	if err := decodeBody(c.body, &fields); err != nil {
		return nil, err
	}
	var in struct {
		ChatID  string `json:"chatid"`
		MsgType string `json:"msgtype"`
	}
	if err := json.Unmarshal(c.body, &in); err != nil {
		return nil, invalidParam("invalid request body: %s", jsonProblem(err))
	}
	ch, err := c.requireChat(in.ChatID)
	if err != nil {
		return nil, err
	}
	if _, err := messagePayload(fields, in.MsgType, chatMessageTypes); err != nil {
		return nil, err
	}
	s.sent = append(s.sent, SentMessage{
		Path: c.r.URL.Path, CorpID: c.corp.id, AgentID: c.token.agentID, MsgType: in.MsgType,
		ChatID: ch.id, Body: bytes.Clone(c.body), Time: s.now(),
	})
	return obj{}, nil
}
