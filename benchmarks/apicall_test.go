package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xen0n/go-workwx"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/work"
)

// BenchmarkAPICall measures one JSON API call, end to end, on an in-memory
// http.RoundTripper that answers every call with the same bytes: the SDK's
// typed method (token from a warm cache) against go-workwx v1.7.0's
// (GetUser, SendTextMessage) and against what an application writes with
// net/http and encoding/json alone (a mutex-guarded token,
// url.Values, json.Marshal, http.Client with a Timeout, io.ReadAll and one
// json.Unmarshal into its own plain struct that carries errcode beside the
// documented fields). The SDK's types decode more leniently (numbers sent
// as strings, "a|b" lists), which is part of what it costs.
//
//	call=UserGet      GET  /cgi-bin/user/get?userid=…   (the doc's answer)
//	call=MessageSend  POST /cgi-bin/message/send        (a text message)
func BenchmarkAPICall(b *testing.B) {
	for _, call := range apiCalls {
		for _, s := range []struct {
			name string
			op   func(tb testing.TB, rt http.RoundTripper) func(ctx context.Context) (string, error)
		}{
			{"wecom", call.wecom},
			{"workwx", call.workwx},
			{"stdlib", call.stdlib},
		} {
			want := call.wantOf(s.name)
			b.Run("call="+call.name+"/sdk="+s.name, func(b *testing.B) {
				rt := newMemTransport(b)
				op := s.op(b, rt)
				ctx := context.Background()
				if got, err := op(ctx); err != nil || got != want {
					b.Fatalf("check: got %q, %v; want %q", got, err, want)
				}
				b.ReportAllocs()
				for b.Loop() {
					if got, err := op(ctx); err != nil || got != want {
						b.Fatal(got, err)
					}
				}
			})
		}
	}
}

// TestAPICallCheck runs each implementation once, as the benchmark's check
// does, so that `go test` proves they do the same work.
func TestAPICallCheck(t *testing.T) {
	for _, call := range apiCalls {
		for name, op := range map[string]func(testing.TB, http.RoundTripper) func(context.Context) (string, error){
			"wecom": call.wecom, "workwx": call.workwx, "stdlib": call.stdlib,
		} {
			rt := newMemTransport(t)
			got, err := op(t, rt)(context.Background())
			if want := call.wantOf(name); err != nil || got != want {
				t.Errorf("%s %s: got %q, %v; want %q", call.name, name, got, err, want)
			}
			if n := rt.calls(call.path); n != 1 {
				t.Errorf("%s %s: %d requests to %s, want 1", call.name, name, n, call.path)
			}
		}
	}
}

const apiToken = "ACCESS-TOKEN-for-the-benchmark"

// userGetAnswer is the answer sample of user/get in WeCom's documentation
// (trimmed of the external profile).
const userGetAnswer = `{"errcode":0,"errmsg":"ok","userid":"zhangsan","name":"张三","department":[1,2],` +
	`"order":[1,2],"position":"后台工程师","mobile":"13800000000","gender":"1","email":"zhangsan@gzdev.com",` +
	`"biz_mail":"zhangsan@qyycs2.wecom.work","is_leader_in_dept":[1,0],"direct_leader":["lisi","wangwu"],` +
	`"avatar":"http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0",` +
	`"thumb_avatar":"http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/100",` +
	`"telephone":"020-123456","alias":"jackzhang","address":"广州市海珠区新港中路","open_userid":"xxxxxx",` +
	`"main_department":1,"extattr":{"attrs":[{"type":0,"name":"文本名称","text":{"value":"文本"}},` +
	`{"type":1,"name":"网页名称","web":{"url":"http://www.test.com","title":"标题"}}]},"status":1,` +
	`"qr_code":"https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx","external_position":"产品经理"}`

const messageSendAnswer = `{"errcode":0,"errmsg":"ok","invaliduser":"","invalidparty":"","invalidtag":"",` +
	`"unlicenseduser":"","msgid":"xxxx","response_code":"xyzxyz"}`

type apiCall struct {
	name, path, answer, want string
	wecom, workwx, stdlib    func(tb testing.TB, rt http.RoundTripper) func(ctx context.Context) (string, error)
	// workwxWant replaces want for go-workwx, whose send returns no msgid:
	// its check is that the call succeeded (and, in TestAPICallCheck, made
	// exactly one request).
	workwxWant string
}

func (c apiCall) wantOf(sdk string) string {
	if sdk == "workwx" && c.workwxWant != "" {
		return c.workwxWant
	}
	return c.want
}

var apiCalls = []apiCall{
	{
		name: "UserGet", path: "/cgi-bin/user/get", answer: userGetAnswer, want: "张三/1",
		wecom: func(tb testing.TB, rt http.RoundTripper) func(context.Context) (string, error) {
			c := newWecomAPIClient(tb, rt)
			return func(ctx context.Context) (string, error) {
				u, err := c.User.Get(ctx, "zhangsan")
				if err != nil {
					return "", err
				}
				return u.Name + "/" + strconv.FormatInt(u.MainDepartment, 10), nil
			}
		},
		workwx: func(tb testing.TB, rt http.RoundTripper) func(context.Context) (string, error) {
			app := newWorkwxApp(rt)
			return func(context.Context) (string, error) { // it takes no context
				u, err := app.GetUser("zhangsan")
				if err != nil {
					return "", err
				}
				if len(u.Departments) == 0 {
					return "", errors.New("workwx: no department")
				}
				return u.Name + "/" + strconv.FormatInt(u.Departments[0].DeptID, 10), nil
			}
		},
		stdlib: func(tb testing.TB, rt http.RoundTripper) func(context.Context) (string, error) {
			p := newPlainClient(rt)
			return func(ctx context.Context) (string, error) {
				var out plainUser
				if err := p.call(ctx, http.MethodGet, "/cgi-bin/user/get", url.Values{"userid": {"zhangsan"}}, nil, &out, &out.plainEnvelope); err != nil {
					return "", err
				}
				return out.Name + "/" + strconv.FormatInt(out.MainDepartment, 10), nil
			}
		},
	},
	{
		name: "MessageSend", path: "/cgi-bin/message/send", answer: messageSendAnswer, want: "xxxx",
		wecom: func(tb testing.TB, rt http.RoundTripper) func(context.Context) (string, error) {
			c := newWecomAPIClient(tb, rt)
			return func(ctx context.Context) (string, error) {
				r, err := c.Message.Send(ctx, work.SendRequest{To: work.Recipients{Users: []string{"zhangsan", "lisi"}}, Msg: work.Text{Content: "你的快递已到，请携带工卡前往邮件中心领取。"}})
				if err != nil {
					return "", err
				}
				return r.MsgID, nil
			}
		},
		workwx: func(tb testing.TB, rt http.RoundTripper) func(context.Context) (string, error) {
			app := newWorkwxApp(rt)
			to := &workwx.Recipient{UserIDs: []string{"zhangsan", "lisi"}}
			return func(context.Context) (string, error) {
				if err := app.SendTextMessage(to, "你的快递已到，请携带工卡前往邮件中心领取。", false); err != nil {
					return "", err
				}
				return "sent", nil
			}
		},
		workwxWant: "sent",
		stdlib: func(tb testing.TB, rt http.RoundTripper) func(context.Context) (string, error) {
			p := newPlainClient(rt)
			type text struct {
				Content string `json:"content"`
			}
			type message struct {
				ToUser  string `json:"touser"`
				MsgType string `json:"msgtype"`
				AgentID int64  `json:"agentid"`
				Text    text   `json:"text"`
			}
			return func(ctx context.Context) (string, error) {
				var out struct {
					plainEnvelope
					InvalidUser    string `json:"invaliduser"`
					InvalidParty   string `json:"invalidparty"`
					InvalidTag     string `json:"invalidtag"`
					UnlicensedUser string `json:"unlicenseduser"`
					MsgID          string `json:"msgid"`
					ResponseCode   string `json:"response_code"`
				}
				in := message{ToUser: "zhangsan|lisi", MsgType: "text", AgentID: tokenAgentID, Text: text{Content: "你的快递已到，请携带工卡前往邮件中心领取。"}}
				if err := p.call(ctx, http.MethodPost, "/cgi-bin/message/send", nil, in, &out, &out.plainEnvelope); err != nil {
					return "", err
				}
				return out.MsgID, nil
			}
		},
	},
}

// plainUser is user/get's answer as an application would declare it.
type plainUser struct {
	plainEnvelope
	UserID          string   `json:"userid"`
	Name            string   `json:"name"`
	Department      []int64  `json:"department"`
	Order           []int64  `json:"order"`
	Position        string   `json:"position"`
	Mobile          string   `json:"mobile"`
	Gender          string   `json:"gender"`
	Email           string   `json:"email"`
	BizMail         string   `json:"biz_mail"`
	IsLeaderInDept  []int    `json:"is_leader_in_dept"`
	DirectLeader    []string `json:"direct_leader"`
	Avatar          string   `json:"avatar"`
	ThumbAvatar     string   `json:"thumb_avatar"`
	Telephone       string   `json:"telephone"`
	Alias           string   `json:"alias"`
	Address         string   `json:"address"`
	OpenUserID      string   `json:"open_userid"`
	MainDepartment  int64    `json:"main_department"`
	Status          int      `json:"status"`
	QRCode          string   `json:"qr_code"`
	ExternalPostion string   `json:"external_position"`
	ExtAttr         struct {
		Attrs []struct {
			Type int    `json:"type"`
			Name string `json:"name"`
			Text *struct {
				Value string `json:"value"`
			} `json:"text,omitempty"`
			Web *struct {
				URL   string `json:"url"`
				Title string `json:"title"`
			} `json:"web,omitempty"`
		} `json:"attrs"`
	} `json:"extattr"`
}

func newWecomAPIClient(tb testing.TB, rt http.RoundTripper) *work.Client {
	c, err := work.New(work.Config{CorpID: sampleCorpID, AgentID: tokenAgentID, Secret: tokenSecret},
		wecom.WithHTTPClient(&http.Client{Transport: rt}))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := c.AccessToken(context.Background()); err != nil { // warm the cache
		tb.Fatal(err)
	}
	return c
}

// newWorkwxApp returns a go-workwx app client on rt; its token is fetched on
// the first call and cached.
func newWorkwxApp(rt http.RoundTripper) *workwx.WorkwxApp {
	return workwx.New(sampleCorpID, workwx.WithHTTPClient(&http.Client{Transport: rt})).WithApp(tokenSecret, tokenAgentID)
}

// plainClient is the yardstick: the API called with net/http and
// encoding/json only, as an application without an SDK would.
type plainClient struct {
	hc   *http.Client
	base string
	mu   sync.Mutex
	tok  string
}

type plainEnvelope struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

func newPlainClient(rt http.RoundTripper) *plainClient {
	return &plainClient{hc: &http.Client{Transport: rt, Timeout: 30 * time.Second}, base: wecom.DefaultBaseURL, tok: apiToken}
}

func (p *plainClient) call(ctx context.Context, method, path string, q url.Values, in, out any, env *plainEnvelope) error {
	p.mu.Lock()
	tok := p.tok
	p.mu.Unlock()
	if q == nil {
		q = url.Values{}
	}
	q.Set("access_token", tok)
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, p.base+path+"?"+q.Encode(), body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := p.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return err
	}
	if env.ErrCode != 0 {
		return fmt.Errorf("errcode %d: %s", env.ErrCode, env.ErrMsg)
	}
	return nil
}

// memTransport answers in memory: gettoken, user/get and message/send,
// each with fixed bytes, after reading the request body as a server would.
type memTransport struct {
	mu    sync.Mutex
	count map[string]int
}

func newMemTransport(testing.TB) *memTransport { return &memTransport{count: map[string]int{}} }

func (m *memTransport) calls(path string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.count[path]
}

var errUnknownPath = errors.New("memTransport: unknown path")

func (m *memTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	var answer string
	switch r.URL.Path {
	case "/cgi-bin/gettoken":
		answer = `{"errcode":0,"errmsg":"ok","access_token":"` + apiToken + `","expires_in":7200}`
	case "/cgi-bin/user/get":
		answer = userGetAnswer
	case "/cgi-bin/message/send":
		answer = messageSendAnswer
	default:
		return nil, errUnknownPath
	}
	if r.URL.Query().Get("access_token") != apiToken && r.URL.Path != "/cgi-bin/gettoken" {
		answer = `{"errcode":40014,"errmsg":"invalid access_token"}`
	}
	m.mu.Lock()
	m.count[r.URL.Path]++
	m.mu.Unlock()
	return &http.Response{
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json; charset=UTF-8"}},
		Body:          io.NopCloser(strings.NewReader(answer)),
		ContentLength: int64(len(answer)),
		Request:       r,
	}, nil
}
