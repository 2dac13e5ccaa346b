package wecomtest

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wecomkit/wecom/crypto"
)

// WeCom's budgets for a callback answer: a receiver that answers later
// has failed, and WeCom sends the callback again.
const (
	// AppCallbackBudget is how long WeCom waits for the answer to a
	// message, an event or a data callback, and to URL verification.
	AppCallbackBudget = 5 * time.Second
	// InstructionCallbackBudget is how long WeCom waits for the answer to
	// an instruction callback (an InfoType: suite_ticket, create_auth...).
	InstructionCallbackBudget = 1 * time.Second
)

// maxCallbackReply bounds the body read from a callback receiver.
const maxCallbackReply = 1 << 20

// budgetFor is WeCom's budget for answering the callback plaintextXML.
func budgetFor(plaintextXML []byte) time.Duration {
	if bytes.Contains(plaintextXML, []byte("<InfoType>")) {
		return InstructionCallbackBudget
	}
	return AppCallbackBudget
}

// Errors of the callback senders.
var (
	// ErrCallbackRejected reports a receiver that did not answer as WeCom
	// requires: URL verification without the exact plaintext echo, or an
	// instruction push (suite_ticket, create_auth) without HTTP 200 and
	// "success".
	ErrCallbackRejected = errors.New("wecomtest: callback rejected by the receiver")
	// ErrMalformedReply reports a passive reply that looks encrypted but
	// is not a well-formed encrypted reply document.
	ErrMalformedReply = errors.New("wecomtest: malformed encrypted reply")
	// ErrCallbackTimeout reports a receiver that did not answer within
	// WeCom's budget (AppCallbackBudget or InstructionCallbackBudget):
	// WeCom would count the callback as failed and send it again.
	ErrCallbackTimeout = errors.New("wecomtest: callback not answered within WeCom's budget")
)

// CallbackConfig is the callback setting of an app as configured in the
// WeCom console, plus the envelope fields of a push.
type CallbackConfig struct {
	// Token signs every request (letters and digits, at most 32).
	Token string
	// EncodingAESKey is the 43-character key of the AES encryption.
	EncodingAESKey string
	// ReceiverID is the receive id embedded in every ciphertext: the corp
	// id for a self-built app, the suite id for instruction callbacks. The
	// push helpers default it to the suite id.
	ReceiverID string
	// ToUserName is the envelope's ToUserName; default ReceiverID.
	ToUserName string
	// AgentID is the envelope's AgentID; it may be empty.
	AgentID string
}

// CallbackReply is what a callback receiver answered.
type CallbackReply struct {
	// StatusCode is the HTTP status; WeCom takes anything but 200 as a
	// failure.
	StatusCode int
	// Header is the response header.
	Header http.Header
	// Body is the raw response body: empty, "success", or an encrypted
	// passive reply.
	Body []byte
	// Reply is the decrypted passive reply when Body is an encrypted reply
	// whose MsgSignature verified; nil otherwise.
	Reply []byte
}

func (cfg CallbackConfig) msgCrypt() (*crypto.MsgCrypt, error) {
	mc, err := crypto.New(cfg.Token, cfg.EncodingAESKey, cfg.ReceiverID)
	if err != nil {
		return nil, fmt.Errorf("wecomtest: callback config: %w", err)
	}
	return mc, nil
}

// SendCallback delivers plaintextXML (a message, event or instruction) to
// a callback URL exactly as WeCom does: it encrypts it with cfg, wraps it
// in the <xml><ToUserName/><AgentID/><Encrypt/></xml> envelope and POSTs
// it with msg_signature, timestamp and nonce appended to the URL's query.
//
// WeCom waits AppCallbackBudget (5 s) for the answer, or
// InstructionCallbackBudget (1 s) when the message is an instruction (it
// has an InfoType); so does SendCallback: a later answer is an error
// wrapping [ErrCallbackTimeout].
//
// The reply is returned whatever its status. When the body is an
// encrypted passive reply, SendCallback checks its MsgSignature and
// decrypts it into Reply; a reply that fails the check returns both the
// reply and an error wrapping [crypto.ErrSignature] (or another crypto
// error, or [ErrMalformedReply]).
func (s *Server) SendCallback(ctx context.Context, callbackURL string, cfg CallbackConfig, plaintextXML []byte) (*CallbackReply, error) {
	mc, err := cfg.msgCrypt()
	if err != nil {
		return nil, err
	}
	encrypted, err := mc.Encrypt(plaintextXML)
	if err != nil {
		return nil, fmt.Errorf("wecomtest: encrypt callback: %w", err)
	}
	to := cfg.ToUserName
	if to == "" {
		to = cfg.ReceiverID
	}
	if strings.Contains(to, "]]>") || strings.Contains(cfg.AgentID, "]]>") {
		return nil, errors.New(`wecomtest: ToUserName and AgentID must not contain "]]>"`)
	}
	body := "<xml><ToUserName><![CDATA[" + to + "]]></ToUserName><AgentID><![CDATA[" + cfg.AgentID +
		"]]></AgentID><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>"
	timestamp, nonce := strconv.FormatInt(time.Now().Unix(), 10), randomDigits(10)
	target, err := signedURL(callbackURL,
		"msg_signature", crypto.Signature(cfg.Token, timestamp, nonce, encrypted),
		"timestamp", timestamp, "nonce", nonce)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("wecomtest: callback request: %w", err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	reply, err := s.deliver(req, budgetFor(plaintextXML))
	if err != nil {
		return nil, err
	}
	reply.Reply, err = openReply(mc, reply.Body)
	return reply, err
}

// VerifyURL performs WeCom's GET check of a callback URL: it sends a
// random echostr encrypted with cfg and signed, and succeeds when the
// receiver answers 200 with exactly the plaintext, which it returns,
// within AppCallbackBudget. Otherwise the error wraps
// [ErrCallbackRejected] (or [ErrCallbackTimeout]).
func (s *Server) VerifyURL(ctx context.Context, callbackURL string, cfg CallbackConfig) (string, error) {
	mc, err := cfg.msgCrypt()
	if err != nil {
		return "", err
	}
	echo := randomDigits(19)
	echostr, err := mc.Encrypt([]byte(echo))
	if err != nil {
		return "", fmt.Errorf("wecomtest: encrypt echostr: %w", err)
	}
	timestamp, nonce := strconv.FormatInt(time.Now().Unix(), 10), randomDigits(10)
	target, err := signedURL(callbackURL,
		"msg_signature", crypto.Signature(cfg.Token, timestamp, nonce, echostr),
		"timestamp", timestamp, "nonce", nonce, "echostr", echostr)
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return "", fmt.Errorf("wecomtest: verification request: %w", err)
	}
	reply, err := s.deliver(req, AppCallbackBudget)
	if err != nil {
		return "", err
	}
	if reply.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%w: URL verification answered HTTP %d", ErrCallbackRejected, reply.StatusCode)
	}
	if string(reply.Body) != echo {
		return "", fmt.Errorf("%w: URL verification answered %d bytes that are not the decrypted echostr",
			ErrCallbackRejected, len(reply.Body))
	}
	return echo, nil
}

// PushSuiteTicket issues a new suite ticket on the fake (see
// [Server.IssueSuiteTicket]) and pushes it to a suite's instruction
// callback URL as a suite_ticket InfoType message. cfg.ReceiverID
// defaults to suiteID. It returns the ticket; the error wraps
// [ErrCallbackRejected] when the receiver does not answer 200 "success".
func (s *Server) PushSuiteTicket(ctx context.Context, callbackURL, suiteID string, cfg CallbackConfig) (string, error) {
	s.mu.Lock()
	ticket := s.issueSuiteTicket(suiteID)
	s.mu.Unlock()
	if ticket == "" {
		return "", fmt.Errorf("%w: no suite %q", ErrSetup, suiteID)
	}
	msg := "<xml><SuiteId>" + cdata(suiteID) + "</SuiteId><InfoType><![CDATA[suite_ticket]]></InfoType><TimeStamp>" +
		strconv.FormatInt(time.Now().Unix(), 10) + "</TimeStamp><SuiteTicket>" + cdata(ticket) + "</SuiteTicket></xml>"
	return ticket, s.pushInstruction(ctx, callbackURL, suiteID, cfg, msg)
}

// PushCreateAuth issues an auth code that installs the suite in corpID
// (see [Server.IssueAuthCode]) and pushes it to the suite's instruction
// callback URL as a create_auth InfoType message, as WeCom does when a
// corp installs an app from the app market. It returns the auth code; the
// error wraps [ErrCallbackRejected] when the receiver does not answer 200
// "success".
func (s *Server) PushCreateAuth(ctx context.Context, callbackURL, suiteID, corpID string, cfg CallbackConfig) (string, error) {
	s.mu.Lock()
	code := s.issueAuthCode(suiteID, corpID, "")
	s.mu.Unlock()
	if code == "" {
		return "", fmt.Errorf("%w: no suite %q or empty corp id", ErrSetup, suiteID)
	}
	msg := "<xml><SuiteId>" + cdata(suiteID) + "</SuiteId><AuthCode>" + cdata(code) +
		"</AuthCode><InfoType><![CDATA[create_auth]]></InfoType><TimeStamp>" +
		strconv.FormatInt(time.Now().Unix(), 10) + "</TimeStamp><State><![CDATA[]]></State></xml>"
	return code, s.pushInstruction(ctx, callbackURL, suiteID, cfg, msg)
}

// pushInstruction sends an instruction callback and requires "success".
func (s *Server) pushInstruction(ctx context.Context, callbackURL, suiteID string, cfg CallbackConfig, msg string) error {
	if cfg.ReceiverID == "" {
		cfg.ReceiverID = suiteID
	}
	if cfg.ToUserName == "" {
		cfg.ToUserName = suiteID
	}
	reply, err := s.SendCallback(ctx, callbackURL, cfg, []byte(msg))
	if err != nil {
		return err
	}
	if reply.StatusCode != http.StatusOK || string(bytes.TrimSpace(reply.Body)) != "success" {
		return fmt.Errorf("%w: answered HTTP %d without \"success\"", ErrCallbackRejected, reply.StatusCode)
	}
	return nil
}

// deliver sends a callback request and reads the bounded answer, which
// must come within budget.
func (s *Server) deliver(req *http.Request, budget time.Duration) (*CallbackReply, error) {
	parent := req.Context()
	ctx, cancel := context.WithTimeout(parent, budget)
	defer cancel()
	late := func(err error) error {
		if parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("%w: no answer within %s", ErrCallbackTimeout, budget)
		}
		return err
	}
	resp, err := s.client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, late(fmt.Errorf("wecomtest: deliver callback: %w", err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxCallbackReply+1))
	if err != nil {
		return nil, late(fmt.Errorf("wecomtest: read callback reply: %w", err))
	}
	if len(body) > maxCallbackReply {
		return nil, fmt.Errorf("wecomtest: callback reply larger than %d bytes", maxCallbackReply)
	}
	return &CallbackReply{StatusCode: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// signedURL appends the callback parameters to the URL's query, keeping
// its existing parameters as they are, and drops any fragment.
func signedURL(raw string, pairs ...string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errors.New("wecomtest: callback URL must be an absolute http(s) URL")
	}
	u.Fragment, u.RawFragment = "", ""
	return withQuery(u, pairs...), nil
}

// encryptedReply is the document of an encrypted passive reply.
type encryptedReply struct {
	XMLName      xml.Name `xml:"xml"`
	Encrypt      string   `xml:"Encrypt"`
	MsgSignature string   `xml:"MsgSignature"`
	TimeStamp    string   `xml:"TimeStamp"`
	Nonce        string   `xml:"Nonce"`
}

// openReply verifies and decrypts an encrypted passive reply; other bodies
// (empty, "success", plain XML) give nil.
func openReply(mc *crypto.MsgCrypt, body []byte) ([]byte, error) {
	trimmed := bytes.TrimSpace(body)
	if !bytes.HasPrefix(trimmed, []byte("<")) || !bytes.Contains(trimmed, []byte("<Encrypt>")) {
		return nil, nil
	}
	var r encryptedReply
	if err := xml.Unmarshal(trimmed, &r); err != nil || r.Encrypt == "" {
		return nil, ErrMalformedReply
	}
	if r.MsgSignature == "" || r.TimeStamp == "" || r.Nonce == "" {
		return nil, fmt.Errorf("%w: missing MsgSignature, TimeStamp or Nonce", ErrMalformedReply)
	}
	if err := mc.Verify(r.MsgSignature, r.TimeStamp, r.Nonce, r.Encrypt); err != nil {
		return nil, fmt.Errorf("wecomtest: passive reply: %w", err)
	}
	msg, _, err := mc.Decrypt(r.Encrypt)
	if err != nil {
		return nil, fmt.Errorf("wecomtest: passive reply: %w", err)
	}
	return msg, nil
}

// cdata wraps s in CDATA sections, splitting any "]]>" it contains.
func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}
