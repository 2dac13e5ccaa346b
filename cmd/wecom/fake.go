package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/wecomkit/wecom/wecomtest"
)

// seedFile is the --seed document: what to add to the fake's default corp.
type seedFile struct {
	Departments []wecomtest.Department `json:"departments"`
	Users       []wecomtest.User       `json:"users"`
	Tags        []struct {
		ID      int64    `json:"tagid"`
		Name    string   `json:"tagname"`
		UserIDs []string `json:"userids"`
	} `json:"tags"`
	Apps []struct {
		AgentID int64  `json:"agentid"`
		Secret  string `json:"secret"`
	} `json:"apps"`
	KFAccounts []struct {
		OpenKFID string `json:"open_kfid"`
		Name     string `json:"name"`
	} `json:"kf_accounts"`
}

const seedExample = `{
  "departments": [{"id": 4, "name": "Ops", "parentid": 1}],
  "users": [{"userid": "sunqi", "name": "孙七", "department": [4]}],
  "tags": [{"tagid": 2, "tagname": "On call", "userids": ["sunqi"]}],
  "apps": [{"agentid": 1000003, "secret": "another-secret"}],
  "kf_accounts": [{"open_kfid": "wkFakeSupport", "name": "Support"}]
}`

// applySeed adds the seed file's contents to the fake.
func applySeed(s *wecomtest.Server, name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return usagef("--seed: %v", err)
	}
	var sf seedFile
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&sf); err != nil {
		return usagef("--seed %s: %v (see \"wecom fake -h\" for the format)", name, err)
	}
	corp := wecomtest.DefaultCorpID
	for _, dep := range sf.Departments {
		if err := s.AddDepartment(corp, dep); err != nil {
			return usagef("--seed %s: department %d: %v", name, dep.ID, err)
		}
	}
	for _, u := range sf.Users {
		if err := s.AddUser(corp, u); err != nil {
			return usagef("--seed %s: user %q: %v", name, u.UserID, err)
		}
	}
	for _, t := range sf.Tags {
		if err := s.AddTag(corp, t.ID, t.Name, t.UserIDs...); err != nil {
			return usagef("--seed %s: tag %q: %v", name, t.Name, err)
		}
	}
	for _, a := range sf.Apps {
		if err := s.AddApp(corp, a.AgentID, a.Secret); err != nil {
			return usagef("--seed %s: app %d: %v", name, a.AgentID, err)
		}
	}
	for _, k := range sf.KFAccounts {
		if err := s.AddKFAccount(corp, k.OpenKFID, k.Name); err != nil {
			return usagef("--seed %s: kf account %q: %v", name, k.OpenKFID, err)
		}
	}
	return nil
}

// fakeWeCom is a running standalone fake with its made-up callback
// settings.
type fakeWeCom struct {
	s                   *wecomtest.Server
	base                string
	token, aesKey       string // the app's and the suite's callback setting
	botToken, botAESKey string // the robot's
	callbackURL, botURL string // defaults of the admin endpoints
	suiteCallbackURL    string
	defaultKFAccount    string
}

func (c *cli) fake(ctx context.Context, args []string) error {
	fs := c.flags("fake", "fake [--listen 127.0.0.1:8081] [--seed FILE] [--callback URL] [--bot-url URL] [--suite-callback URL]",
		"  wecom fake --listen 127.0.0.1:8081 &\n"+
			"  WECOM_BASE_URL=http://127.0.0.1:8081 WECOM_CORP_ID=wwfakecorp WECOM_SECRET=fake-secret \\\n"+
			"    WECOM_AGENT_ID=1000002 WECOM_TO_USER=zhangsan go run ./examples/quickstart\n"+
			"  curl -d '{\"text\":\"hi\"}' http://127.0.0.1:8081/_admin/kf     # a kf customer message\n"+
			"  curl http://127.0.0.1:8081/_admin/sent                        # what was sent\n"+
			"\nAdmin endpoints (JSON):\n"+
			"  GET  /_admin/          the corp, secrets and URLs\n"+
			"  GET  /_admin/sent      messages accepted by message/send, appchat/send and kf/send_msg\n"+
			"  POST /_admin/kf        {\"text\", \"open_kfid\", \"external_userid\", \"callback_url\"}: a customer's kf message, pushed as kf_msg_or_event\n"+
			"  POST /_admin/bot       {\"text\", \"userid\", \"url\"}: a user's message to a robot, followed until its stream finishes\n"+
			"  POST /_admin/license   {\"callback_url\"}: a license_pay_success instruction to the suite's callback URL\n"+
			"  POST /_admin/callback  {\"kind\", \"url\"}: any callback of \"wecom callback trigger --list\"\n"+
			"\nA --seed file adds to the default corp:\n"+seedExample+"\n")
	listen := fs.String("listen", "127.0.0.1:8081", "the `address` to serve on")
	seed := fs.String("seed", "", "a JSON `file` of departments, users, tags, apps and kf accounts to add")
	f := &fakeWeCom{}
	fs.StringVar(&f.callbackURL, "callback", "", "the app's callback `URL`, where /_admin/kf and /_admin/callback push by default")
	fs.StringVar(&f.botURL, "bot-url", "", "the robot's callback `URL`, where /_admin/bot sends by default")
	fs.StringVar(&f.suiteCallbackURL, "suite-callback", "", "the suite's instruction callback `URL`, where /_admin/license pushes by default")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("fake: unexpected arguments %q", pos)
	}
	for _, u := range []string{f.callbackURL, f.botURL, f.suiteCallbackURL} {
		if u != "" {
			if err := checkURL(u); err != nil {
				return err
			}
		}
	}
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		return usagef("--listen: %v", err)
	}
	defer l.Close()
	f.s = wecomtest.NewServer()
	defer f.s.Close()
	if *seed != "" {
		if err := applySeed(f.s, *seed); err != nil {
			return err
		}
	}
	f.defaultKFAccount = "wkFakeKF001"
	if err := f.s.AddKFAccount(wecomtest.DefaultCorpID, f.defaultKFAccount, "Fake Support"); err != nil {
		return err
	}
	f.token, f.aesKey = randomAlnum(16), randomAlnum(43)
	f.botToken, f.botAESKey = randomAlnum(16), randomAlnum(43)
	port := l.Addr().(*net.TCPAddr).Port
	host := l.Addr().(*net.TCPAddr).IP.String()
	if ip := l.Addr().(*net.TCPAddr).IP; ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	f.base = "http://" + net.JoinHostPort(host, strconv.Itoa(port))

	mux := http.NewServeMux()
	mux.Handle("/", f.s.Handler())
	mux.HandleFunc("GET /_admin/{$}", f.info)
	mux.HandleFunc("GET /_admin/sent", f.sent)
	mux.HandleFunc("POST /_admin/kf", f.kf)
	mux.HandleFunc("POST /_admin/bot", f.bot)
	mux.HandleFunc("POST /_admin/license", f.license)
	mux.HandleFunc("POST /_admin/callback", f.callback)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()

	fmt.Fprintf(c.stdout, "wecom fake: a fake WeCom serving at %s (Ctrl-C stops it)\n\n", f.base)
	for _, kv := range f.settings() {
		fmt.Fprintf(c.stdout, "  %s=%s\n", kv[0], kv[1])
	}
	fmt.Fprintf(c.stdout, "\nadmin: %s/_admin/ (see \"wecom fake -h\")\nready\n", f.base)

	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(c.stdout, "wecom fake: stopped")
	return nil
}

// settings are the made-up corp, secrets and URLs, as environment
// variables of the examples.
func (f *fakeWeCom) settings() [][2]string {
	return [][2]string{
		{"WECOM_BASE_URL", f.base},
		{"WECOM_CORP_ID", wecomtest.DefaultCorpID},
		{"WECOM_AGENT_ID", strconv.Itoa(wecomtest.DefaultAgentID)},
		{"WECOM_SECRET", wecomtest.DefaultSecret},
		{"WECOM_CONTACTS_SECRET", wecomtest.DefaultContactsSecret},
		{"WECOM_TO_USER", wecomtest.DefaultUserID},
		{"WECOM_TOKEN", f.token},
		{"WECOM_ENCODING_AES_KEY", f.aesKey},
		{"WECOM_PROVIDER_CORP_ID", wecomtest.DefaultProviderCorpID},
		{"WECOM_PROVIDER_SECRET", wecomtest.DefaultProviderSecret},
		{"WECOM_SUITE_ID", wecomtest.DefaultSuiteID},
		{"WECOM_SUITE_SECRET", wecomtest.DefaultSuiteSecret},
		{"WECOM_KF_OPEN_KFID", f.defaultKFAccount},
		{"WECOM_BOT_TOKEN", f.botToken},
		{"WECOM_BOT_AES_KEY", f.botAESKey},
	}
}

func (f *fakeWeCom) info(w http.ResponseWriter, _ *http.Request) {
	m := map[string]string{}
	for _, kv := range f.settings() {
		m[kv[0]] = kv[1]
	}
	writeJSON(w, http.StatusOK, m)
}

func (f *fakeWeCom) sent(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"messages": f.s.Sent(), "kf": f.s.KFSent()})
}

// readBody decodes the admin request's JSON body (empty: {}).
func readBody(w http.ResponseWriter, r *http.Request, v any) bool {
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil && len(bytes.TrimSpace(b)) > 0 {
		d := json.NewDecoder(bytes.NewReader(b))
		d.DisallowUnknownFields()
		err = d.Decode(v)
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad request body: " + err.Error()})
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// pushResult reports a callback pushed to a receiver.
func pushResult(reply *wecomtest.CallbackReply, err error) map[string]any {
	out := map[string]any{}
	if reply != nil {
		out["status"] = reply.StatusCode
		out["body"] = string(reply.Body)
		if reply.Reply != nil {
			out["reply"] = string(reply.Reply)
		}
	}
	if err != nil {
		out["error"] = err.Error()
	}
	return out
}

func (f *fakeWeCom) kf(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Text           string `json:"text"`
		OpenKFID       string `json:"open_kfid"`
		ExternalUserID string `json:"external_userid"`
		CallbackURL    string `json:"callback_url"`
	}
	if !readBody(w, r, &in) {
		return
	}
	in.Text = firstSet(in.Text, "你好")
	in.OpenKFID = firstSet(in.OpenKFID, f.defaultKFAccount)
	in.ExternalUserID = firstSet(in.ExternalUserID, "wmFakeExternal001")
	n, err := f.s.KFCustomerSays(wecomtest.DefaultCorpID, in.OpenKFID, in.ExternalUserID, in.Text)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	out := map[string]any{"open_kfid": n.OpenKFID, "token": n.Token, "msgid": n.MsgID}
	if u := firstSet(in.CallbackURL, f.callbackURL); u != "" {
		cfg := wecomtest.CallbackConfig{Token: f.token, EncodingAESKey: f.aesKey, ReceiverID: wecomtest.DefaultCorpID}
		out["callback"] = pushResult(f.s.PushKFCallback(r.Context(), u, cfg, n))
	}
	writeJSON(w, http.StatusOK, out)
}

func (f *fakeWeCom) bot(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Text   string `json:"text"`
		UserID string `json:"userid"`
		URL    string `json:"url"`
	}
	if !readBody(w, r, &in) {
		return
	}
	u := firstSet(in.URL, f.botURL)
	if u == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "no robot URL: give \"url\" or start the fake with --bot-url"})
		return
	}
	chat, err := f.s.ChatWithBot(r.Context(), u, wecomtest.BotConfig{Token: f.botToken, EncodingAESKey: f.botAESKey},
		wecomtest.BotMessage{UserID: firstSet(in.UserID, wecomtest.DefaultUserID), Text: firstSet(in.Text, "hello")})
	if err != nil {
		writeJSON(w, http.StatusBadGateway, map[string]string{"error": err.Error()})
		return
	}
	replies := make([]string, len(chat.Replies))
	for i, b := range chat.Replies {
		replies[i] = string(b)
	}
	writeJSON(w, http.StatusOK, map[string]any{"replies": replies, "content": chat.Content, "finished": chat.Finished})
}

func (f *fakeWeCom) license(w http.ResponseWriter, r *http.Request) {
	var in struct {
		CallbackURL string `json:"callback_url"`
	}
	if !readBody(w, r, &in) {
		return
	}
	f.push(w, r, "license_pay_success", firstSet(in.CallbackURL, f.suiteCallbackURL))
}

func (f *fakeWeCom) callback(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Kind string `json:"kind"`
		URL  string `json:"url"`
	}
	if !readBody(w, r, &in) {
		return
	}
	f.push(w, r, in.Kind, in.URL)
}

// push sends a callback of the catalogue with the fake's callback setting.
func (f *fakeWeCom) push(w http.ResponseWriter, r *http.Request, kind, target string) {
	k, ok := findKind(kind)
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf("unknown callback kind %q", kind)})
		return
	}
	instruction := k.payload != nil && k.payload.Kind().InfoType != ""
	if target == "" {
		switch {
		case k.payload == nil:
			target = f.botURL
		case instruction:
			target = f.suiteCallbackURL
		default:
			target = f.callbackURL
		}
	}
	if target == "" || checkURL(target) != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "no valid callback URL: give one or start the fake with a default"})
		return
	}
	in := callbackInput{corpID: wecomtest.DefaultCorpID, suiteID: wecomtest.DefaultSuiteID,
		agentID: strconv.Itoa(wecomtest.DefaultAgentID), from: wecomtest.DefaultUserID, now: time.Now()}
	var (
		reply *wecomtest.CallbackReply
		err   error
		plain []byte
	)
	if k.payload == nil {
		plain, err = buildBotJSON(k.bot, in, "fakebot", "hello")
		if err == nil {
			reply, err = f.s.SendBotCallback(r.Context(), target, wecomtest.BotConfig{Token: f.botToken, EncodingAESKey: f.botAESKey}, plain)
		}
	} else {
		plain, err = buildXML(k, in)
		cfg := wecomtest.CallbackConfig{Token: f.token, EncodingAESKey: f.aesKey, ReceiverID: wecomtest.DefaultCorpID,
			AgentID: in.agentID}
		if instruction {
			cfg = wecomtest.CallbackConfig{Token: f.token, EncodingAESKey: f.aesKey, ReceiverID: wecomtest.DefaultSuiteID}
		}
		if err == nil {
			reply, err = f.s.SendCallback(r.Context(), target, cfg, plain)
		}
	}
	out := pushResult(reply, err)
	out["kind"] = k.name
	out["plaintext"] = string(plain)
	writeJSON(w, http.StatusOK, out)
}

// randomAlnum returns n random letters and digits.
func randomAlnum(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		d, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			panic(err) // crypto/rand does not fail on supported platforms
		}
		b[i] = alphabet[d.Int64()]
	}
	return string(b)
}
