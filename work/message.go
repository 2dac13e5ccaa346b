package work

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// MessageService wraps the API of app messages (发送应用消息).
type MessageService service

// ErrInvalidMessage is returned, before anything is sent, for a message
// request that cannot be valid: no message, no recipient, a recipient id
// that would change the recipient list ("" or one containing "|").
var ErrInvalidMessage = errors.New("work: invalid message request")

// Message is the payload of an app message: one of Text, Image, Voice,
// Video, File, TextCard, News, MPNews, Markdown, MiniProgramNotice,
// TemplateCard, TemplateMsg or TaskCard, as a value or a pointer. Only this package's
// types implement it.
type Message interface {
	// msgType is the wire's msgtype, also the key of the payload.
	msgType() string
}

// SafeMode says whether the recipients may share a message (safe).
type SafeMode int

// Values of SafeMode.
const (
	// SafeShareable lets recipients forward the message (the default).
	SafeShareable SafeMode = 0
	// SafeConfidential forbids sharing and shows a watermark.
	SafeConfidential SafeMode = 1
	// SafeWithinCorp allows sharing inside the corp only; mpnews only.
	SafeWithinCorp SafeMode = 2
)

// Recipients names who receives an app message. All overrides the other
// fields: the message goes to every member the app is visible to.
type Recipients struct {
	// Users are member ids (at most 1000).
	Users []string
	// Parties are department ids (at most 100).
	Parties []int64
	// Tags are tag ids (at most 100).
	Tags []int64
	// All sends to everybody in the app's visibility ("@all").
	All bool
}

// SendRequest is one message/send call.
type SendRequest struct {
	// To names the recipients.
	To Recipients
	// Msg is the payload; its type decides the msgtype.
	Msg Message
	// AgentID is the sending app; 0 means the client's Config.AgentID.
	AgentID int64
	// Safe is the sharing policy (safe); default SafeShareable.
	Safe SafeMode
	// EnableIDTrans turns $userName=USERID$ and $departmentName=ID$ in
	// the content into names (enable_id_trans).
	EnableIDTrans bool
	// DuplicateCheck makes WeCom drop a message identical to one sent to
	// the same recipients within DuplicateCheckInterval
	// (enable_duplicate_check).
	DuplicateCheck bool
	// DuplicateCheckInterval is the window of the duplicate check, in whole
	// seconds, at most 4 hours; 0 means WeCom's default of 30 minutes. A
	// positive interval turns DuplicateCheck on.
	DuplicateCheckInterval time.Duration
	// SelectedTickets are tickets of the contact pickers that return one
	// (selected_ticket_list, at most 10): a third-party app reaches
	// through them members it has no id for. With tickets, To may be
	// empty.
	SelectedTickets []string
}

// SendResult is WeCom's answer to a message it accepted. Recipients it
// could not deliver to are listed; the message went to the others.
type SendResult struct {
	// InvalidUsers are member ids that do not exist or are out of the
	// app's visibility (lower-cased by WeCom).
	InvalidUsers []string
	// InvalidParties are department ids WeCom did not accept.
	InvalidParties []string
	// InvalidTags are tag ids WeCom did not accept.
	InvalidTags []string
	// UnlicensedUsers are members without an interface license (third-party
	// and customized apps); they did not receive the message.
	UnlicensedUsers []string
	// MsgID identifies the message, for Recall.
	MsgID string
	// ResponseCode is set for interactive template cards (button, vote and
	// multiple interaction); it updates the card once, within 72 hours (24
	// hours according to older documentation).
	ResponseCode string
}

// sendResultWire is message/send's answer as sent.
type sendResultWire struct {
	InvalidUser    idList      `json:"invaliduser"`
	InvalidParty   idList      `json:"invalidparty"`
	InvalidTag     idList      `json:"invalidtag"`
	UnlicensedUser idList      `json:"unlicenseduser"`
	MsgID          looseString `json:"msgid"`
	ResponseCode   looseString `json:"response_code"`
}

func (*sendResultWire) decodesLeniently() {}

// sendAnswer is the destination of message/send's answer. The answer is
// decoded first as it usually comes, every field a string, which spares
// the loose types' calls; an answer with a field of another shape (a list
// of ids, a number) is decoded again into sendResultWire, whose loose
// types take it, leniently (a field of no usable shape is dropped). Both reach the same SendResult from the same answer.
type sendAnswer struct {
	plain struct {
		InvalidUser    string `json:"invaliduser"`
		InvalidParty   string `json:"invalidparty"`
		InvalidTag     string `json:"invalidtag"`
		UnlicensedUser string `json:"unlicenseduser"`
		MsgID          string `json:"msgid"`
		ResponseCode   string `json:"response_code"`
	}
	wire sendResultWire
}

// DecodeAnswer implements api.AnswerDecoder: json.Unmarshal rejects
// invalid JSON itself.
func (a *sendAnswer) DecodeAnswer(b []byte) error {
	err := json.Unmarshal(b, &a.plain)
	if err == nil {
		p := &a.plain
		a.wire = sendResultWire{
			InvalidUser:    splitBar(p.InvalidUser),
			InvalidParty:   splitBar(p.InvalidParty),
			InvalidTag:     splitBar(p.InvalidTag),
			UnlicensedUser: splitBar(p.UnlicensedUser),
			MsgID:          looseString(p.MsgID),
			ResponseCode:   looseString(p.ResponseCode),
		}
		return nil
	}
	if _, syntax := errors.AsType[*json.SyntaxError](err); syntax {
		return err
	}
	return decodeLenient(b, &a.wire)
}

// Send sends an app message (message/send). It is never repeated after a
// failure, whatever the retry policy says, so that no member gets a
// message twice; only an invalid token, which WeCom rejects
// before doing anything, leads to a second attempt. When every recipient
// is invalid WeCom answers errcode 81013 (wecom.CodeAllRecipientsInvalid).
func (s *MessageService) Send(ctx context.Context, req SendRequest) (*SendResult, error) {
	agentID := orClientAgent(s.c, req.AgentID)
	if agentID == 0 {
		return nil, fmt.Errorf("%w: no agent id (set Config.AgentID or SendRequest.AgentID)", ErrInvalidMessage)
	}
	body, err := newSendBody(req, agentID)
	if err != nil {
		return nil, err
	}
	var a sendAnswer
	if err := (*service)(s).post(ctx, "/cgi-bin/message/send", &body, &a, api.Never); err != nil {
		return nil, err
	}
	out := &a.wire
	return &SendResult{
		InvalidUsers:    out.InvalidUser,
		InvalidParties:  out.InvalidParty,
		InvalidTags:     out.InvalidTag,
		UnlicensedUsers: out.UnlicensedUser,
		MsgID:           string(out.MsgID),
		ResponseCode:    string(out.ResponseCode),
	}, nil
}

// Recall withdraws a message sent by Send within the last 24 hours
// (message/recall). Only the copy in the WeCom client is withdrawn, not
// the one in the WeChat plug-in.
func (s *MessageService) Recall(ctx context.Context, msgID string) error {
	body := struct {
		MsgID string `json:"msgid"`
	}{msgID}
	return (*service)(s).post(ctx, "/cgi-bin/message/recall", body, nil, api.Unsafe)
}

// orClientAgent returns id, or c's agent id when id is 0.
func orClientAgent(c *Client, id int64) int64 {
	if id != 0 {
		return id
	}
	return c.cfg.AgentID
}

// messageBody starts the flat body of a message: msgtype, the payload
// under a key equal to msgtype, agentid (unless 0) and safe (unless 0).
// A map keeps the payload's key dynamic while the whole body is still
// encoded in one pass, without HTML escaping.
func messageBody(msg Message, agentID int64, safe SafeMode) (map[string]any, error) {
	if isNilMessage(msg) {
		return nil, fmt.Errorf("%w: no message", ErrInvalidMessage)
	}
	mt := msg.msgType()
	body := map[string]any{"msgtype": mt, mt: msg}
	if agentID != 0 {
		body["agentid"] = agentID
	}
	if safe != SafeShareable {
		body["safe"] = int(safe)
	}
	return body, nil
}

// sendBody is the body of message/send. Its fields are in the order of
// their keys, so that it encodes byte for byte as the map messageBody
// starts (encoding/json sorts a map's keys) would, without building and
// sorting a map; the payload sits in the one field named after its
// msgtype, the others being nil and left out.
type sendBody struct {
	AgentID                int64    `json:"agentid,omitempty"`
	DuplicateCheckInterval int64    `json:"duplicate_check_interval,omitempty"`
	EnableDuplicateCheck   int      `json:"enable_duplicate_check,omitempty"`
	EnableIDTrans          int      `json:"enable_id_trans,omitempty"`
	File                   Message  `json:"file,omitempty"`
	Image                  Message  `json:"image,omitempty"`
	TaskCard               Message  `json:"interactive_taskcard,omitempty"`
	Markdown               Message  `json:"markdown,omitempty"`
	MiniProgramNotice      Message  `json:"miniprogram_notice,omitempty"`
	MPNews                 Message  `json:"mpnews,omitempty"`
	MsgType                string   `json:"msgtype"`
	News                   Message  `json:"news,omitempty"`
	Safe                   int      `json:"safe,omitempty"`
	SelectedTickets        []string `json:"selected_ticket_list,omitempty"`
	TemplateCard           Message  `json:"template_card,omitempty"`
	TemplateMsg            Message  `json:"template_msg,omitempty"`
	Text                   Message  `json:"text,omitempty"`
	TextCard               Message  `json:"textcard,omitempty"`
	ToParty                string   `json:"toparty,omitempty"`
	ToTag                  string   `json:"totag,omitempty"`
	ToUser                 string   `json:"touser,omitempty"`
	Video                  Message  `json:"video,omitempty"`
	Voice                  Message  `json:"voice,omitempty"`
}

// payload returns the field of b that carries a message of type mt; nil
// for a type it has no field for.
func (b *sendBody) payload(mt string) *Message {
	switch mt {
	case "file":
		return &b.File
	case "image":
		return &b.Image
	case "interactive_taskcard":
		return &b.TaskCard
	case "markdown":
		return &b.Markdown
	case "miniprogram_notice":
		return &b.MiniProgramNotice
	case "mpnews":
		return &b.MPNews
	case "news":
		return &b.News
	case "template_card":
		return &b.TemplateCard
	case "template_msg":
		return &b.TemplateMsg
	case "text":
		return &b.Text
	case "textcard":
		return &b.TextCard
	case "video":
		return &b.Video
	case "voice":
		return &b.Voice
	}
	return nil
}

// newSendBody builds the body of message/send for req sent by agentID.
func newSendBody(req SendRequest, agentID int64) (sendBody, error) {
	if isNilMessage(req.Msg) {
		return sendBody{}, fmt.Errorf("%w: no message", ErrInvalidMessage)
	}
	mt := req.Msg.msgType()
	b := sendBody{AgentID: agentID, MsgType: mt, Safe: int(req.Safe), SelectedTickets: req.SelectedTickets}
	p := b.payload(mt)
	if p == nil {
		return sendBody{}, fmt.Errorf("%w: msgtype %q", ErrInvalidMessage, mt)
	}
	*p = req.Msg
	var err error
	if b.ToUser, b.ToParty, b.ToTag, err = req.To.fields(len(req.SelectedTickets) > 0); err != nil {
		return sendBody{}, err
	}
	if req.EnableIDTrans {
		b.EnableIDTrans = 1
	}
	if req.DuplicateCheck || req.DuplicateCheckInterval > 0 {
		b.EnableDuplicateCheck = 1
		if req.DuplicateCheckInterval > 0 {
			b.DuplicateCheckInterval = ceilSeconds(req.DuplicateCheckInterval)
		}
	}
	return b, nil
}

// isNilMessage reports whether msg is nil or a nil pointer.
func isNilMessage(msg Message) bool {
	if msg == nil {
		return true
	}
	v := reflect.ValueOf(msg)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// fields returns the values of touser, toparty and totag ("" for one
// not sent); no recipient is an error unless mayBeEmpty.
func (r Recipients) fields(mayBeEmpty bool) (toUser, toParty, toTag string, err error) {
	if r.All {
		return "@all", "", "", nil
	}
	if len(r.Users)+len(r.Parties)+len(r.Tags) == 0 && !mayBeEmpty {
		return "", "", "", fmt.Errorf("%w: no recipients", ErrInvalidMessage)
	}
	for _, u := range r.Users {
		if u == "" || strings.Contains(u, "|") {
			return "", "", "", fmt.Errorf("%w: user id %q", ErrInvalidMessage, u)
		}
	}
	return strings.Join(r.Users, "|"), joinIntIDs(r.Parties), joinIntIDs(r.Tags), nil
}

// joinIntIDs joins numeric ids with "|"; "" for none.
func joinIntIDs(ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	var buf [20]byte
	var sb strings.Builder
	sb.Grow(len(ids) * 4)
	for i, id := range ids {
		if i > 0 {
			sb.WriteByte('|')
		}
		sb.Write(strconv.AppendInt(buf[:0], id, 10))
	}
	return sb.String()
}

// ceilSeconds converts d to whole seconds, rounding a fraction up.
func ceilSeconds(d time.Duration) int64 {
	return int64((d + time.Second - 1) / time.Second)
}
