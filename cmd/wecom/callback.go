package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/wecomtest"
)

// callbackFlags are the callback setting of the WeCom console.
type callbackFlags struct {
	token, aesKey, receiveID string
}

// add registers the flags; their defaults come from WECOM_TOKEN,
// WECOM_ENCODING_AES_KEY and WECOM_CORP_ID.
func (f *callbackFlags) add(fs *flag.FlagSet, c *cli) {
	fs.StringVar(&f.token, "token", c.getenv("WECOM_TOKEN"), "the callback `Token` (default $WECOM_TOKEN)")
	fs.StringVar(&f.aesKey, "aes-key", c.getenv("WECOM_ENCODING_AES_KEY"), "the 43-character `EncodingAESKey` (default $WECOM_ENCODING_AES_KEY)")
	fs.StringVar(&f.receiveID, "receive-id", c.getenv("WECOM_CORP_ID"),
		"the receive `id`: the corp id for a self-built app, the suite id for a suite's instructions, \"\" for a robot (default $WECOM_CORP_ID)")
}

// crypt checks the flags and returns the cipher. Its errors never hold
// the key or token.
func (f *callbackFlags) crypt(needReceiveID bool) (*crypto.MsgCrypt, error) {
	var missing []string
	if f.token == "" {
		missing = append(missing, "--token")
	}
	if f.aesKey == "" {
		missing = append(missing, "--aes-key")
	}
	if needReceiveID && f.receiveID == "" {
		missing = append(missing, "--receive-id")
	}
	if len(missing) > 0 {
		return nil, usagef("missing %s (or the environment variables named in -h)", strings.Join(missing, ", "))
	}
	mc, err := crypto.New(f.token, f.aesKey, f.receiveID)
	if err != nil {
		return nil, usagef("bad callback setting: %v", err)
	}
	return mc, nil
}

// checkURL validates a callback URL argument.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("%q is not an absolute http(s) URL", raw)
	}
	return nil
}

// Verification failure kinds, printed as "FAIL <kind>: ...".
const (
	failUnreachable = "unreachable"
	failSlow        = "slow"
	failToken       = "wrong-token"
	failKey         = "wrong-aes-key-or-receive-id"
	failEcho        = "bad-echo"
)

// verifyFailure is a diagnosed verification failure.
type verifyFailure struct{ kind, detail string }

func (f *verifyFailure) Error() string { return "FAIL " + f.kind + ": " + f.detail }

func (c *cli) verify(ctx context.Context, args []string) error {
	fs := c.flags("callback verify", "callback verify URL --token T --aes-key K --receive-id ID [--timeout 1s]",
		"  wecom callback verify https://example.com/wecom/callback --token T0ken --aes-key $KEY --receive-id ww1234567890abcdef\n")
	var cf callbackFlags
	cf.add(fs, c)
	timeout := fs.Duration("timeout", time.Second, "how long to wait for the answer (WeCom waits about 1 s when the URL is saved)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("callback verify: want one URL, got %d arguments", len(pos))
	}
	if err := checkURL(pos[0]); err != nil {
		return err
	}
	mc, err := cf.crypt(true)
	if err != nil {
		return err
	}
	if *timeout <= 0 {
		return usagef("--timeout must be positive")
	}
	elapsed, err := verifyURL(ctx, pos[0], cf.token, mc, *timeout)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "OK: %s answered the decrypted echostr in %s\n", pos[0], elapsed.Round(time.Millisecond))
	return nil
}

// answer is a receiver's answer to a request.
type answer struct {
	status  int
	body    []byte
	elapsed time.Duration
}

// getSigned sends WeCom's verification GET for echostr, signed with
// signature, within budget.
func getSigned(ctx context.Context, rawURL, signature, timestamp, nonce, echostr string, budget time.Duration) (answer, error) {
	target, err := withQuery(rawURL, "msg_signature", signature, "timestamp", timestamp, "nonce", nonce, "echostr", echostr)
	if err != nil {
		return answer{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return answer{}, err
	}
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{elapsed: time.Since(start)}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	a := answer{status: resp.StatusCode, body: body, elapsed: time.Since(start)}
	return a, err
}

// withQuery appends pairs to the URL's query.
func withQuery(rawURL string, pairs ...string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	q := u.Query()
	for i := 0; i+1 < len(pairs); i += 2 {
		q.Set(pairs[i], pairs[i+1])
	}
	u.RawQuery = q.Encode()
	u.Fragment = ""
	return u.String(), nil
}

// verifyURL does what WeCom does when an admin saves the callback URL and
// diagnoses a failure. It returns the time the answer took.
func verifyURL(ctx context.Context, rawURL, token string, mc *crypto.MsgCrypt, budget time.Duration) (time.Duration, error) {
	echo := randomDigits(19)
	echostr, err := mc.Encrypt([]byte(echo))
	if err != nil {
		return 0, err
	}
	timestamp, nonce := strconv.FormatInt(time.Now().Unix(), 10), randomDigits(10)
	a, err := getSigned(ctx, rawURL, crypto.Signature(token, timestamp, nonce, echostr), timestamp, nonce, echostr, budget)
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			return 0, &verifyFailure{failSlow, fmt.Sprintf("no complete answer within %s; WeCom gives up after about 1 s "+
				"when the URL is saved (answer the GET at once: verify the signature, decrypt echostr, write it)", budget)}
		}
		return 0, &verifyFailure{failUnreachable, fmt.Sprintf("cannot reach the URL: %v "+
			"(is the server running, the port open, the host name resolvable from the internet?)", err)}
	}
	if a.status == http.StatusOK && string(a.body) == echo {
		return a.elapsed, nil
	}
	if f := echoShape(a.body, echo, echostr); f != nil {
		return 0, f
	}
	// The answer is wrong. Send the same echostr with a wrong signature:
	// a receiver that rejects the signature answers both alike; one that
	// accepted the first signature and failed later answers differently.
	bad, err := getSigned(ctx, rawURL, crypto.Signature(token+"x", timestamp, nonce, echostr), timestamp, nonce, echostr, budget)
	got := fmt.Sprintf("HTTP %d with %d bytes", a.status, len(a.body))
	// Bodies are compared only for a 200: an error page may carry a
	// request id or a time.
	if err == nil && bad.status == a.status && (a.status != http.StatusOK || bytes.Equal(bad.body, a.body)) {
		detail := got + ", as to a request with a wrong signature: the receiver's Token differs from --token (signature mismatch)"
		if len(a.body) == 0 || a.status == http.StatusOK {
			detail += "; this receiver answers every failure alike, so check the EncodingAESKey and receive id too"
		}
		return 0, &verifyFailure{failToken, detail}
	}
	return 0, &verifyFailure{failKey, got + ", unlike a request with a wrong signature: the receiver accepted the " +
		"signature (same Token) but could not decrypt echostr: its EncodingAESKey differs from --aes-key, or its " +
		"receive id (the corp id; a suite id for a third-party app's instructions) differs from --receive-id"}
}

// echoShape recognises an echo that is almost right.
func echoShape(body []byte, echo, echostr string) *verifyFailure {
	s := string(body)
	switch {
	case s == echostr || (echostr != "" && strings.Contains(s, echostr)):
		return &verifyFailure{failEcho, "the receiver returned echostr still encrypted; it must decrypt it and answer the plaintext"}
	case strings.HasPrefix(s, "\ufeff") && strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")) == echo:
		return &verifyFailure{failEcho, "the plaintext echo is preceded by a UTF-8 byte order mark (EF BB BF); answer the bare plaintext"}
	case strings.TrimSpace(s) == echo:
		return &verifyFailure{failEcho, fmt.Sprintf("the plaintext echo carries white space or a newline (%q); "+
			"answer exactly the plaintext (Fprint, not Fprintln)", s)}
	case strings.Trim(strings.TrimSpace(s), `"'`) == echo:
		return &verifyFailure{failEcho, "the plaintext echo is quoted (a JSON string?); answer the bare plaintext as text/plain"}
	case strings.Contains(s, echo):
		return &verifyFailure{failEcho, fmt.Sprintf("the answer holds the plaintext echo among other bytes (%d bytes); answer exactly the plaintext", len(s))}
	}
	return nil
}

// isTimeout reports a network timeout.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func (c *cli) trigger(ctx context.Context, args []string) error {
	fs := c.flags("callback trigger", "callback trigger EVENT URL --token T --aes-key K --receive-id ID [flags]\n       wecom callback trigger --list",
		"  wecom callback trigger change_contact/create_user http://127.0.0.1:8080/callback --token T0ken --aes-key $KEY --receive-id ww1234567890abcdef\n"+
			"  wecom callback trigger bot/text http://127.0.0.1:8080/bot --token T0ken --aes-key $KEY --text hello\n")
	var cf callbackFlags
	cf.add(fs, c)
	list := fs.Bool("list", false, "list the callbacks it can send")
	agentID := fs.String("agent-id", firstSet(c.getenv("WECOM_AGENT_ID"), "1000002"), "the AgentID of app callbacks")
	from := fs.String("from", "zhangsan", "the sender (FromUserName, a robot's from.userid)")
	suiteID := fs.String("suite-id", firstSet(c.getenv("WECOM_SUITE_ID"), wecomtest.DefaultSuiteID), "the SuiteId of instruction callbacks")
	botID := fs.String("bot-id", firstSet(c.getenv("WECOM_BOT_ID"), "fakebot"), "the aibotid of robot callbacks")
	text := fs.String("text", "hello from the wecom command", "the text of a robot's text message")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *list {
		for _, k := range triggerKinds() {
			desc := "robot callback (JSON)"
			if k.payload != nil {
				desc = fmt.Sprintf("%T", k.payload)
			}
			fmt.Fprintf(c.stdout, "%-52s %s\n", k.name, desc)
		}
		return nil
	}
	if len(pos) != 2 {
		return usagef("callback trigger: want EVENT and URL (see --list), got %d arguments", len(pos))
	}
	k, ok := findKind(pos[0])
	if !ok {
		return usagef("callback trigger: unknown callback %q; \"wecom callback trigger --list\" names them all", pos[0])
	}
	if err := checkURL(pos[1]); err != nil {
		return err
	}
	if k.payload == nil {
		cf.receiveID = "" // a robot's callbacks are encrypted with the receive id ""
	} else if k.payload.Kind().InfoType != "" && cf.receiveID == "" {
		cf.receiveID = *suiteID
	}
	if _, err := cf.crypt(k.payload != nil); err != nil {
		return err
	}
	in := callbackInput{corpID: cf.receiveID, suiteID: *suiteID, agentID: *agentID, from: *from, now: time.Now()}
	if k.payload != nil && k.payload.Kind().InfoType != "" {
		in.corpID = firstSet(c.getenv("WECOM_CORP_ID"), wecomtest.DefaultCorpID)
	}
	sender := wecomtest.NewServer(wecomtest.WithoutDefaults())
	defer sender.Close()
	var (
		plain []byte
		reply *wecomtest.CallbackReply
		start time.Time
	)
	if k.payload == nil {
		plain, err = buildBotJSON(k.bot, in, *botID, *text)
		if err != nil {
			return err
		}
		start = time.Now()
		reply, err = sender.SendBotCallback(ctx, pos[1], wecomtest.BotConfig{Token: cf.token, EncodingAESKey: cf.aesKey, BotID: *botID}, plain)
	} else {
		plain, err = buildXML(k, in)
		if err != nil {
			return err
		}
		cfg := wecomtest.CallbackConfig{Token: cf.token, EncodingAESKey: cf.aesKey, ReceiverID: cf.receiveID}
		if k.payload.Kind().InfoType == "" {
			cfg.AgentID = *agentID
		}
		start = time.Now()
		reply, err = sender.SendCallback(ctx, pos[1], cfg, plain)
	}
	elapsed := time.Since(start).Round(time.Millisecond)
	fmt.Fprintf(c.stdout, "sent %s (%d bytes of plaintext):\n%s\n", k.name, len(plain), plain)
	if err != nil && reply == nil {
		return fmt.Errorf("after %s: %w", elapsed, err)
	}
	fmt.Fprintf(c.stdout, "answer: HTTP %d in %s, %d bytes\n", reply.StatusCode, elapsed, len(reply.Body))
	switch {
	case reply.Reply != nil:
		fmt.Fprintf(c.stdout, "decrypted passive reply:\n%s\n", reply.Reply)
	case len(bytes.TrimSpace(reply.Body)) > 0:
		fmt.Fprintf(c.stdout, "body: %s\n", bytes.TrimSpace(reply.Body))
	default:
		fmt.Fprintln(c.stdout, "empty body (acknowledged, no passive reply)")
	}
	if err != nil {
		return fmt.Errorf("the passive reply does not open: %w", err)
	}
	if reply.StatusCode != http.StatusOK {
		return fmt.Errorf("the receiver answered HTTP %d: WeCom counts the callback as failed and sends it again", reply.StatusCode)
	}
	return nil
}

func (c *cli) decrypt(args []string) error {
	fs := c.flags("callback decrypt", "callback decrypt --token T --aes-key K --receive-id ID --query QUERY [--body FILE | --echostr E]",
		"  wecom callback decrypt --token T0ken --aes-key $KEY --receive-id ww1234567890abcdef \\\n"+
			"      --query 'msg_signature=...&timestamp=1700000000&nonce=123' --body captured.xml\n")
	var cf callbackFlags
	cf.add(fs, c)
	query := fs.String("query", "", "the callback's query string or full URL (msg_signature, timestamp, nonce[, echostr])")
	bodyFile := fs.String("body", "", "a `file` holding the captured body (XML envelope, or a robot's JSON); \"-\" reads stdin")
	echostr := fs.String("echostr", "", "an echostr to decrypt (else the query's)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("callback decrypt: unexpected arguments %q", pos)
	}
	q, err := parseQuery(*query)
	if err != nil {
		return err
	}
	if *echostr == "" {
		*echostr = q.Get("echostr")
	}
	if *bodyFile == "" && *echostr == "" {
		return usagef("callback decrypt: give --body FILE or an echostr (--echostr or in --query)")
	}
	mc, err := cf.crypt(false)
	if err != nil {
		return err
	}
	sig, ts, nonce := q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce")
	if sig == "" || ts == "" || nonce == "" {
		fmt.Fprintln(c.stderr, "warning: the query lacks msg_signature, timestamp or nonce; decrypting without checking the signature")
	}
	var plain []byte
	var receiveID string
	if *bodyFile == "" {
		if sig != "" {
			if err := mc.Verify(sig, ts, nonce, *echostr); err != nil {
				return fmt.Errorf("echostr: %w (the Token differs, or the query is not this echostr's)", err)
			}
		}
		plain, receiveID, err = mc.Decrypt(*echostr)
		if err != nil {
			return fmt.Errorf("echostr: %w (the EncodingAESKey differs)", err)
		}
		fmt.Fprintf(c.stdout, "receive id: %q\nechostr plaintext: %s\n", receiveID, plain)
		return nil
	}
	body, err := readInput(c.stdin, *bodyFile)
	if err != nil {
		return err
	}
	encrypted, err := encryptedField(body)
	if err != nil {
		return err
	}
	if sig != "" {
		if err := mc.Verify(sig, ts, nonce, encrypted); err != nil {
			return fmt.Errorf("body: %w (the Token differs, or the query is not this body's)", err)
		}
	}
	plain, receiveID, err = mc.Decrypt(encrypted)
	if err != nil {
		return fmt.Errorf("body: %w (the EncodingAESKey differs)", err)
	}
	fmt.Fprintf(c.stdout, "receive id: %q\n", receiveID)
	if cf.receiveID != "" && receiveID != cf.receiveID {
		fmt.Fprintf(c.stdout, "warning: the receive id is not --receive-id %q\n", cf.receiveID)
	}
	trimmed := bytes.TrimSpace(plain)
	if bytes.HasPrefix(trimmed, []byte("{")) {
		fmt.Fprintf(c.stdout, "kind: robot callback (JSON)\n%s\n", plain)
		return nil
	}
	m, err := message.Parse(plain)
	if err != nil {
		fmt.Fprintf(c.stdout, "%s\n", plain)
		return fmt.Errorf("the plaintext is not a callback document: %w", err)
	}
	name := m.Kind().String()
	if k, ok := findKind(shortName(m.Kind())); ok {
		name = k.name
		if k.payload != nil {
			name += fmt.Sprintf(" (%T)", k.payload)
		}
	}
	fmt.Fprintf(c.stdout, "kind: %s\n%s\n", name, plain)
	return nil
}

// parseQuery reads a query string or a URL's query.
func parseQuery(s string) (url.Values, error) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s = s[i+1:]
	}
	q, err := url.ParseQuery(s)
	if err != nil {
		return nil, usagef("--query: %v", err)
	}
	return q, nil
}

// readInput reads a file, or stdin for "-".
func readInput(stdin io.Reader, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(io.LimitReader(stdin, 1<<22))
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return b, nil
}

// encryptedField returns the Encrypt of an XML envelope or the encrypt of a
// robot's JSON body.
func encryptedField(body []byte) (string, error) {
	t := bytes.TrimSpace(body)
	if bytes.HasPrefix(t, []byte("{")) {
		var v struct {
			Encrypt string `json:"encrypt"`
		}
		if err := jsonUnmarshal(t, &v); err != nil || v.Encrypt == "" {
			return "", usagef("the body is JSON without an \"encrypt\" string")
		}
		return v.Encrypt, nil
	}
	env, err := crypto.ParseEnvelope(t)
	if err != nil {
		return "", usagef("the body is not a callback envelope: %v", err)
	}
	return env.Encrypt, nil
}
