package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/aibot"
	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
)

// binDir holds the wecom and quickstart binaries, built once.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wecom-cmd-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, pkg := range []string{".", "../../examples/quickstart"} {
		wg.Go(func() {
			out, err := exec.Command("go", "build", "-o", filepath.Join(dir, filepath.Base(pkg)), pkg).CombinedOutput()
			if err != nil {
				errs[i] = fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
			}
		})
	}
	wg.Wait()
	code := 1
	if errs[0] == nil && errs[1] == nil {
		code = m.Run()
	} else {
		fmt.Fprintln(os.Stderr, errs[0], errs[1])
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	stdout, stderr string
	code           int
}

// runWecom runs the built command with env (nothing of the test's own
// environment but PATH and HOME) and stdin.
func runWecom(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, "wecom"), args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{stdout.String(), stderr.String(), code}
}

const (
	testToken  = "T0ken"
	testAESKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	testCorp   = "ww1234567890abcdef"
)

func testCrypt(t *testing.T, token, key, id string) *crypto.MsgCrypt {
	mc, err := crypto.New(token, key, id)
	require.NoError(t, err)
	return mc
}

func callbackArgs(extra ...string) []string {
	return append(extra, "--token", testToken, "--aes-key", testAESKey, "--receive-id", testCorp)
}

func TestHelpHasExample(t *testing.T) {
	for _, args := range [][]string{
		{"callback", "verify", "-h"}, {"callback", "trigger", "-h"}, {"callback", "decrypt", "-h"},
		{"token", "-h"}, {"send", "-h"}, {"call", "-h"}, {"fake", "-h"},
	} {
		r := runWecom(t, nil, "", args...)
		assert.Equal(t, 0, r.code, "%v: %s", args, r.stderr)
		assert.Contains(t, r.stdout, "Example:\n  ", args)
		assert.Contains(t, r.stdout, "Usage: wecom "+args[0], args)
	}
	// WeCom's patience when the URL is saved is the default budget.
	assert.Regexp(t, `-timeout duration\s+.*\(default 1s\)`, runWecom(t, nil, "", "callback", "verify", "-h").stdout)
	r := runWecom(t, nil, "", "help")
	assert.Equal(t, 0, r.code)
	assert.Contains(t, r.stdout, "wecom fake")
}

func TestBadInput(t *testing.T) {
	api := map[string]string{"WECOM_CORP_ID": "wwfakecorp", "WECOM_SECRET": "s", "WECOM_AGENT_ID": "1"}
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "no command given"},
		{nil, []string{"nope"}, `unknown command "nope"`},
		{nil, []string{"callback"}, "want verify, trigger or decrypt"},
		{nil, []string{"callback", "verify"}, "want one URL"},
		{nil, callbackArgs("callback", "verify", "ftp://x"), "not an absolute http(s) URL"},
		{nil, []string{"callback", "verify", "http://127.0.0.1:1/"}, "missing --token, --aes-key, --receive-id"},
		{nil, []string{"callback", "verify", "http://127.0.0.1:1/", "--token", "t", "--aes-key", "short", "--receive-id", "x"}, "bad callback setting"},
		{nil, []string{"callback", "verify", "--bogus"}, "flag provided but not defined: -bogus"},
		{nil, callbackArgs("callback", "trigger", "no_such_kind", "http://127.0.0.1:1/"), `unknown callback "no_such_kind"`},
		{nil, callbackArgs("callback", "trigger", "text"), "want EVENT and URL"},
		{nil, callbackArgs("callback", "decrypt"), "give --body FILE or an echostr"},
		{nil, callbackArgs("callback", "decrypt", "--body", "/no/such/file"), "no such file"},
		{nil, []string{"token"}, "WECOM_CORP_ID is not set"},
		{map[string]string{"WECOM_CORP_ID": "c", "WECOM_AGENT_ID": "x"}, []string{"token"}, "WECOM_AGENT_ID is not a positive number"},
		{map[string]string{"WECOM_CORP_ID": "c"}, []string{"token"}, "no secret"},
		{api, []string{"send", "text", "hi"}, "no recipient"},
		{api, []string{"send", "--to", "zhangsan", "image", "hi"}, `unknown message type "image"`},
		{api, []string{"send", "--to", "zhangsan", "text"}, "want the type"},
		{api, []string{"send", "--to", "a", "--party", "x", "text", "hi"}, `--party: "x" is not a positive id`},
		{map[string]string{"WECOM_CORP_ID": "c", "WECOM_SECRET": "s"}, []string{"send", "--to", "a", "text", "hi"}, "WECOM_AGENT_ID is not set"},
		{api, []string{"call", "PUT", "/cgi-bin/x"}, `method "PUT"`},
		{api, []string{"call", "GET", "/other"}, "must start with /cgi-bin/"},
		{api, []string{"call", "GET", "/cgi-bin/user/get?access_token=abc"}, "leave access_token out"},
		{api, []string{"call", "POST", "/cgi-bin/user/list_id", "{oops"}, "not valid JSON"},
		{api, []string{"call", "GET", "/cgi-bin/user/get", "{}"}, "a GET takes no JSON body"},
		{nil, []string{"fake", "--listen", "256.0.0.1:x"}, "--listen"},
		{nil, []string{"fake", "--seed", "/no/such/file", "--listen", "127.0.0.1:0"}, "--seed"},
		{nil, []string{"fake", "extra"}, "unexpected arguments"},
	} {
		r := runWecom(t, tc.env, "", tc.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", tc.args, r.stderr)
		assert.Contains(t, r.stderr, tc.want, tc.args)
	}
}

// verifyServer answers URL verification with answer(plain echo, echostr).
func verifyServer(t *testing.T, answer func(w http.ResponseWriter, r *http.Request)) string {
	srv := httptest.NewServer(http.HandlerFunc(answer))
	t.Cleanup(srv.Close)
	return srv.URL + "/callback"
}

// echoing answers with the decrypted echo transformed by f, checking the
// signature with token and decrypting with key and id, as a receiver
// configured with those would.
func echoing(t *testing.T, token, key, id string, f func(echo, echostr string) string) func(http.ResponseWriter, *http.Request) {
	mc := testCrypt(t, token, key, id)
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		echo, err := mc.VerifyURL(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), q.Get("echostr"))
		if err != nil {
			http.Error(w, "verification failed", message.StatusCode(err))
			return
		}
		io.WriteString(w, f(string(echo), q.Get("echostr")))
	}
}

// failingWith is a receiver that answers every failed verification with
// the same status, and an empty body or one naming a fresh request id.
func failingWith(t *testing.T, token, key, id string, status int, requestIDs bool) func(http.ResponseWriter, *http.Request) {
	mc := testCrypt(t, token, key, id)
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		echo, err := mc.VerifyURL(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), q.Get("echostr"))
		if err == nil {
			w.Write(echo)
			return
		}
		w.WriteHeader(status)
		if requestIDs {
			fmt.Fprintf(w, "error, request id %s", randomDigits(12))
		}
	}
}

func TestVerify(t *testing.T) {
	plain := func(echo, _ string) string { return echo }
	ok := verifyServer(t, echoing(t, testToken, testAESKey, testCorp, plain))
	r := runWecom(t, nil, "", callbackArgs("callback", "verify", ok)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "OK: "+ok+" answered the decrypted echostr in ")

	// The SDK's own callback handler passes.
	sdk := httptest.NewServer(message.NewServer(testCrypt(t, testToken, testAESKey, testCorp), nil))
	defer sdk.Close()
	assert.Equal(t, 0, runWecom(t, nil, "", callbackArgs("callback", "verify", sdk.URL)...).code)

	closed, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	unreachable := "http://" + closed.Addr().String() + "/callback"
	closed.Close()

	slowDone := make(chan struct{})
	defer close(slowDone)
	slow := verifyServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-slowDone:
		case <-r.Context().Done():
		}
	})
	otherKey := "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	for _, tc := range []struct {
		name, url, kind, detail string
		extra                   []string
	}{
		{"unreachable", unreachable, failUnreachable, "cannot reach the URL", nil},
		{"slow", slow, failSlow, "no complete answer within 200ms", []string{"--timeout", "200ms"}},
		{"wrong token", verifyServer(t, echoing(t, "0therToken", testAESKey, testCorp, plain)), failToken, "signature mismatch", nil},
		{"wrong AES key", verifyServer(t, echoing(t, testToken, otherKey, testCorp, plain)), failKey, "EncodingAESKey differs", nil},
		{"wrong receive id", verifyServer(t, echoing(t, testToken, testAESKey, "wwsomeothercorp", plain)), failKey, "receive id", nil},
		{"wrong token, 200 for every failure", verifyServer(t, failingWith(t, "0therToken", testAESKey, testCorp, http.StatusOK, false)),
			failToken, "signature mismatch", nil},
		{"wrong token, error pages with request ids", verifyServer(t, failingWith(t, "0therToken", testAESKey, testCorp, http.StatusForbidden, true)),
			failToken, "signature mismatch", nil},
		// A receiver that answers a bad signature and a failed decryption
		// alike cannot be told apart from outside: the report says so.
		{"wrong AES key, one answer for every failure", verifyServer(t, failingWith(t, testToken, otherKey, testCorp, http.StatusOK, false)),
			failToken, "check the EncodingAESKey and receive id too", nil},
		{"echostr returned encrypted", verifyServer(t, echoing(t, testToken, testAESKey, testCorp, func(_, e string) string { return e })),
			failEcho, "still encrypted", nil},
		{"quoted", verifyServer(t, echoing(t, testToken, testAESKey, testCorp, func(e, _ string) string { return `"` + e + `"` })),
			failEcho, "quoted", nil},
		{"BOM", verifyServer(t, echoing(t, testToken, testAESKey, testCorp, func(e, _ string) string { return "\ufeff" + e })),
			failEcho, "byte order mark", nil},
		{"newline", verifyServer(t, echoing(t, testToken, testAESKey, testCorp, func(e, _ string) string { return e + "\n" })),
			failEcho, "white space or a newline", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runWecom(t, nil, "", callbackArgs(append([]string{"callback", "verify", tc.url}, tc.extra...)...)...)
			assert.Equal(t, exitFail, r.code, r.stdout)
			assert.Contains(t, r.stderr, "FAIL "+tc.kind+": ")
			assert.Contains(t, r.stderr, tc.detail)
			assert.NotContains(t, r.stderr+r.stdout, testAESKey)
		})
	}
}

// receiver is an app's callback URL served by package message, recording
// the kinds it received and answering text with a passive reply.
func receiver(t *testing.T, token, key, id string) (string, func() []string) {
	var mu sync.Mutex
	var kinds []string
	r := message.NewRouter()
	r.Fallback(message.HandlerFunc(func(_ context.Context, m *message.Message) (message.Reply, error) {
		mu.Lock()
		kinds = append(kinds, m.Kind().String())
		mu.Unlock()
		return nil, nil
	}))
	message.On(r, func(_ context.Context, m *message.Message, p *message.Text) (message.Reply, error) {
		mu.Lock()
		kinds = append(kinds, m.Kind().String())
		mu.Unlock()
		return &message.TextReply{Content: "echo: " + p.Content}, nil
	})
	srv := httptest.NewServer(message.NewServer(testCrypt(t, token, key, id), r))
	t.Cleanup(srv.Close)
	return srv.URL + "/callback", func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), kinds...)
	}
}

func TestTrigger(t *testing.T) {
	url, got := receiver(t, testToken, testAESKey, testCorp)
	r := runWecom(t, nil, "", callbackArgs("callback", "trigger", "text", url)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "sent text (")
	assert.Regexp(t, `answer: HTTP 200 in \d+ms`, r.stdout)
	assert.Contains(t, r.stdout, "decrypted passive reply:\n<xml>")
	assert.Contains(t, r.stdout, "<Content><![CDATA[echo: ")

	for _, kind := range []string{"change_contact/create_user", "change_external_contact/add_external_contact", "kf_msg_or_event"} {
		r := runWecom(t, nil, "", callbackArgs("callback", "trigger", kind, url)...)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stdout, "empty body (acknowledged, no passive reply)")
	}
	assert.Equal(t, []string{"text", "event/change_contact/create_user", "event/change_external_contact/add_external_contact",
		"event/kf_msg_or_event"}, got())

	// An instruction is encrypted for the suite id.
	suiteURL, suiteGot := receiver(t, testToken, testAESKey, "wwfakesuite")
	r = runWecom(t, nil, "", "callback", "trigger", "suite_ticket", suiteURL, "--token", testToken, "--aes-key", testAESKey, "--suite-id", "wwfakesuite")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "body: success")
	assert.Equal(t, []string{"info/suite_ticket"}, suiteGot())

	// A receiver with another key answers 4xx: reported, exit 1.
	r = runWecom(t, nil, "", "callback", "trigger", "text", suiteURL, "--token", testToken, "--aes-key", testAESKey, "--receive-id", testCorp)
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "WeCom counts the callback as failed")

	// A robot.
	bot := httptest.NewServer(aibot.NewServer(testCrypt(t, testToken, testAESKey, ""), aibot.HandlerFunc(
		func(_ context.Context, m *aibot.Message) (aibot.Reply, error) {
			return &aibot.TextReply{Content: "bot heard: " + m.Text.Content}, nil
		})))
	defer bot.Close()
	r = runWecom(t, nil, "", "callback", "trigger", "bot/text", bot.URL, "--token", testToken, "--aes-key", testAESKey, "--text", "ping")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"msgtype":"text"`)
	assert.Contains(t, r.stdout, "bot heard: ping")

	r = runWecom(t, nil, "", "callback", "trigger", "--list")
	require.Equal(t, 0, r.code)
	assert.Len(t, strings.Split(strings.TrimSpace(r.stdout), "\n"), len(message.Catalogue())+len(botKinds))
	for _, name := range []string{"text ", "change_contact/create_user ", "suite_ticket ", "create_auth ", "kf_msg_or_event ", "bot/text "} {
		assert.Contains(t, r.stdout, "\n"+name)
	}
}

func TestDecrypt(t *testing.T) {
	mc := testCrypt(t, testToken, testAESKey, testCorp)
	doc := "<xml><ToUserName><![CDATA[" + testCorp + "]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
		"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>" +
		"<MsgId>1</MsgId><AgentID>1000002</AgentID></xml>"
	enc, err := mc.Encrypt([]byte(doc))
	require.NoError(t, err)
	body := filepath.Join(t.TempDir(), "body.xml")
	require.NoError(t, os.WriteFile(body, []byte("<xml><ToUserName><![CDATA["+testCorp+"]]></ToUserName><Encrypt><![CDATA["+enc+"]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"), 0o600))
	query := "/callback?msg_signature=" + crypto.Signature(testToken, "1700000000", "42", enc) + "&timestamp=1700000000&nonce=42"

	r := runWecom(t, nil, "", callbackArgs("callback", "decrypt", "--query", query, "--body", body)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, `receive id: "`+testCorp+`"`)
	assert.Contains(t, r.stdout, "kind: text (message.Text)\n"+doc)

	// Wrong token: the signature does not match.
	r = runWecom(t, nil, "", "callback", "decrypt", "--query", query, "--body", body, "--token", "other", "--aes-key", testAESKey)
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "the Token differs")

	// An echostr from the query.
	echostr, err := mc.Encrypt([]byte("1234567890"))
	require.NoError(t, err)
	q := "msg_signature=" + crypto.Signature(testToken, "1700000000", "42", echostr) + "&timestamp=1700000000&nonce=42&echostr=" + strings.ReplaceAll(echostr, "+", "%2B")
	r = runWecom(t, nil, "", callbackArgs("callback", "decrypt", "--query", q)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "echostr plaintext: 1234567890")
}

// fakeProc is a running "wecom fake".
type fakeProc struct {
	env map[string]string // the variables it printed
}

func startFake(t *testing.T, args ...string) *fakeProc {
	t.Helper()
	cmd := exec.Command(filepath.Join(binDir, "wecom"), append([]string{"fake", "--listen", "127.0.0.1:0"}, args...)...)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	f := &fakeProc{env: map[string]string{}}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "ready" {
			go io.Copy(io.Discard, out)
			return f
		}
		if k, v, ok := strings.Cut(line, "="); ok && strings.HasPrefix(k, "WECOM_") {
			f.env[k] = v
		}
	}
	t.Fatal("the fake did not start")
	return nil
}

func (f *fakeProc) admin(t *testing.T, method, path, body string) map[string]any {
	t.Helper()
	req, err := http.NewRequest(method, f.env["WECOM_BASE_URL"]+path, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	require.Equal(t, http.StatusOK, resp.StatusCode, out)
	return out
}

func TestFakeAndAPICommands(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(seedExample), 0o600))
	f := startFake(t, "--seed", seed)
	for _, k := range []string{"WECOM_BASE_URL", "WECOM_CORP_ID", "WECOM_SECRET", "WECOM_AGENT_ID", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY", "WECOM_BOT_TOKEN"} {
		require.NotEmpty(t, f.env[k], k)
	}
	api := map[string]string{"WECOM_BASE_URL": f.env["WECOM_BASE_URL"], "WECOM_CORP_ID": f.env["WECOM_CORP_ID"],
		"WECOM_SECRET": f.env["WECOM_SECRET"], "WECOM_AGENT_ID": f.env["WECOM_AGENT_ID"]}

	r := runWecom(t, api, "", "token")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "OK: the credentials of wwfakecorp work")

	// The secret from a prompt; never echoed back.
	noSecret := map[string]string{"WECOM_BASE_URL": api["WECOM_BASE_URL"], "WECOM_CORP_ID": "wwfakecorp"}
	r = runWecom(t, noSecret, f.env["WECOM_SECRET"]+"\n", "token")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "WECOM_SECRET is not set")
	assert.NotContains(t, r.stdout+r.stderr, f.env["WECOM_SECRET"])

	wrong := map[string]string{"WECOM_BASE_URL": api["WECOM_BASE_URL"], "WECOM_CORP_ID": "wwfakecorp", "WECOM_SECRET": "wrong-secret-value"}
	r = runWecom(t, wrong, "", "token")
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "40001")
	assert.NotContains(t, r.stdout+r.stderr, "wrong-secret-value")

	r = runWecom(t, api, "", "send", "--to", "zhangsan,nobody", "text", "deploy done")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "sent text (msgid ")
	assert.Contains(t, r.stdout, "not delivered to members: nobody")
	r = runWecom(t, api, "", "send", "--party", "4", "markdown", "**bold**")
	require.Equal(t, 0, r.code, r.stderr)

	// The seeded member through a raw call.
	r = runWecom(t, api, "", "call", "GET", "/cgi-bin/user/get?userid=sunqi")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"name": "孙七"`)
	r = runWecom(t, api, "", "call", "POST", "/cgi-bin/user/list_id", `{"limit":100}`)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"userid": "sunqi"`)
	r = runWecom(t, api, "", "call", "GET", "/cgi-bin/user/get?userid=no-such-user")
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "60111")

	sent := f.admin(t, "GET", "/_admin/sent", "")
	msgs := sent["messages"].([]any)
	require.Len(t, msgs, 2)
	assert.Contains(t, fmt.Sprint(msgs[0]), "deploy done")
	assert.Contains(t, fmt.Sprint(msgs[1]), "**bold**")
	info := f.admin(t, "GET", "/_admin/", "")
	assert.Equal(t, f.env["WECOM_TOKEN"], info["WECOM_TOKEN"])

	// A kf customer message, pushed to the app's callback URL with the
	// callback setting the fake printed.
	url, got := receiver(t, f.env["WECOM_TOKEN"], f.env["WECOM_ENCODING_AES_KEY"], "wwfakecorp")
	out := f.admin(t, "POST", "/_admin/kf", `{"text":"where is my order?","callback_url":"`+url+`"}`)
	assert.NotEmpty(t, out["token"])
	assert.EqualValues(t, 200, out["callback"].(map[string]any)["status"], out)
	// Any catalogue callback.
	out = f.admin(t, "POST", "/_admin/callback", `{"kind":"change_contact/create_user","url":"`+url+`"}`)
	assert.EqualValues(t, 200, out["status"], out)
	assert.Equal(t, []string{"event/kf_msg_or_event", "event/change_contact/create_user"}, got())

	// A license payment, to the suite's instruction URL.
	suiteURL, suiteGot := receiver(t, f.env["WECOM_TOKEN"], f.env["WECOM_ENCODING_AES_KEY"], "wwfakesuite")
	out = f.admin(t, "POST", "/_admin/license", `{"callback_url":"`+suiteURL+`"}`)
	assert.EqualValues(t, 200, out["status"], out)
	assert.Equal(t, []string{"info/license_pay_success"}, suiteGot())

	// A robot message.
	bot := httptest.NewServer(aibot.NewServer(testCrypt(t, f.env["WECOM_BOT_TOKEN"], f.env["WECOM_BOT_AES_KEY"], ""), aibot.HandlerFunc(
		func(_ context.Context, m *aibot.Message) (aibot.Reply, error) {
			return &aibot.TextReply{Content: "bot heard: " + m.Text.Content}, nil
		})))
	defer bot.Close()
	out = f.admin(t, "POST", "/_admin/bot", `{"text":"hi bot","url":"`+bot.URL+`"}`)
	assert.Contains(t, fmt.Sprint(out["replies"]), "bot heard: hi bot")
}

// TestQuickstartAgainstFake runs the quickstart example against
// "wecom fake", as the README shows.
func TestQuickstartAgainstFake(t *testing.T) {
	f := startFake(t)
	// The variables the README shows, which must be those the fake prints
	// (but the port, which the test picks).
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	_, block, ok := strings.Cut(string(readme), "go run ./cmd/wecom fake --listen 127.0.0.1:8081 &\n")
	require.True(t, ok, "the README shows the fake and the quickstart")
	block, _, _ = strings.Cut(block, "go run ./examples/quickstart")
	vars := regexp.MustCompile(`(WECOM_[A-Z_]+)=(\S+)`).FindAllStringSubmatch(block, -1)
	require.Len(t, vars, 5, block)
	cmd := exec.Command(filepath.Join(binDir, "quickstart"))
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	for _, kv := range vars {
		if kv[1] == "WECOM_BASE_URL" {
			assert.Equal(t, "http://127.0.0.1:8081", kv[2])
			kv[2] = f.env[kv[1]]
		}
		assert.Equal(t, f.env[kv[1]], kv[2], kv[1])
		cmd.Env = append(cmd.Env, kv[1]+"="+kv[2])
	}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.NotContains(t, string(out), "offline mode", "the quickstart talks to the standalone fake")
	assert.Contains(t, string(out), "access token: ok")
	assert.Contains(t, string(out), "sent work.TemplateCard to zhangsan")
	sent := f.admin(t, "GET", "/_admin/sent", "")
	assert.Len(t, sent["messages"], 3)
}

// TestSecretsNeverPrinted checks the output of failing calls: the secret
// travels in gettoken's query, which an error must not show.
func TestSecretsNeverPrinted(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	base := "http://" + closed.Addr().String()
	closed.Close()
	env := map[string]string{"WECOM_BASE_URL": base, "WECOM_CORP_ID": "wwfakecorp", "WECOM_SECRET": "s3cretValue42", "WECOM_AGENT_ID": "1000002"}
	for _, args := range [][]string{{"token"}, {"call", "GET", "/cgi-bin/user/get?userid=zhangsan"}, {"send", "--to", "zhangsan", "text", "hi"}} {
		r := runWecom(t, env, "", args...)
		assert.Equal(t, exitFail, r.code, args)
		assert.Contains(t, r.stderr, "connection refused", args)
		assert.NotContains(t, r.stdout+r.stderr, "s3cretValue42", args)
	}
}

// TestDecryptRobotBody decrypts a robot's JSON callback body.
func TestDecryptRobotBody(t *testing.T) {
	mc := testCrypt(t, testToken, testAESKey, "")
	plain := `{"msgid":"1","aibotid":"fakebot","chattype":"single","from":{"userid":"zhangsan"},"msgtype":"text","text":{"content":"hi"}}`
	enc, err := mc.Encrypt([]byte(plain))
	require.NoError(t, err)
	query := "msg_signature=" + crypto.Signature(testToken, "1700000000", "7", enc) + "&timestamp=1700000000&nonce=7"
	r := runWecom(t, nil, `{"encrypt":"`+enc+`"}`, "callback", "decrypt", "--token", testToken, "--aes-key", testAESKey, "--query", query, "--body", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "kind: robot callback (JSON)\n"+plain)
}
