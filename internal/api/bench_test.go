package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wecomkit/wecom"
)

// The core's cost per call, beside a client written with net/http and
// encoding/json alone, on the same in-memory transport, the same answers
// and the same destination types: what the core adds to a call
// (credential, URL, resty, timeout, errcode, redaction on failure) and
// nothing else. Run:
//
//	go test -run '^$' -bench Do -benchmem ./internal/api/

const benchUserAnswer = `{"errcode":0,"errmsg":"ok","userid":"zhangsan","name":"张三","department":[1,2],` +
	`"order":[1,2],"position":"后台工程师","mobile":"13800000000","gender":"1","email":"zhangsan@gzdev.com",` +
	`"is_leader_in_dept":[1,0],"direct_leader":["lisi","wangwu"],"telephone":"020-123456","alias":"jackzhang",` +
	`"address":"广州市海珠区新港中路","open_userid":"xxxxxx","main_department":1,"status":1}`

const benchSendAnswer = `{"errcode":0,"errmsg":"ok","invaliduser":"","invalidparty":"","invalidtag":"","msgid":"xxxx"}`

type benchUser struct {
	UserID         string   `json:"userid"`
	Name           string   `json:"name"`
	Department     []int64  `json:"department"`
	Order          []int64  `json:"order"`
	Position       string   `json:"position"`
	Mobile         string   `json:"mobile"`
	Gender         string   `json:"gender"`
	Email          string   `json:"email"`
	IsLeaderInDept []int    `json:"is_leader_in_dept"`
	DirectLeader   []string `json:"direct_leader"`
	Telephone      string   `json:"telephone"`
	Alias          string   `json:"alias"`
	Address        string   `json:"address"`
	OpenUserID     string   `json:"open_userid"`
	MainDepartment int64    `json:"main_department"`
	Status         int      `json:"status"`
}

type benchText struct {
	Content string `json:"content"`
}

type benchMessage struct {
	ToUser  string    `json:"touser"`
	MsgType string    `json:"msgtype"`
	AgentID int64     `json:"agentid"`
	Text    benchText `json:"text"`
}

type benchSendResult struct {
	InvalidUser  string `json:"invaliduser"`
	InvalidParty string `json:"invalidparty"`
	InvalidTag   string `json:"invalidtag"`
	MsgID        string `json:"msgid"`
}

var benchMsg = benchMessage{ToUser: "zhangsan|lisi", MsgType: "text", AgentID: 1000002, Text: benchText{Content: "你的快递已到，请携带工卡前往邮件中心领取。"}}

// memRT answers user/get and message/send from memory after reading the
// request body.
type memRT struct{}

func (memRT) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	answer := benchUserAnswer
	if r.URL.Path == "/cgi-bin/message/send" {
		answer = benchSendAnswer
	}
	return &http.Response{
		StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json; charset=UTF-8"}},
		Body:          io.NopCloser(strings.NewReader(answer)),
		ContentLength: int64(len(answer)), Request: r,
	}, nil
}

// plainCall is the yardstick: one call with net/http and encoding/json.
type plainCall struct {
	hc  *http.Client
	mu  sync.Mutex
	tok string
}

func (p *plainCall) do(ctx context.Context, method, path string, q url.Values, in, out any) error {
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
	req, err := http.NewRequestWithContext(ctx, method, wecom.DefaultBaseURL+path+"?"+q.Encode(), body)
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
	var env struct {
		ErrCode int    `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return err
	}
	if env.ErrCode != 0 {
		return fmt.Errorf("errcode %d: %s", env.ErrCode, env.ErrMsg)
	}
	return json.Unmarshal(data, out)
}

func BenchmarkDo(b *testing.B) {
	ctx := context.Background()
	core := New(wecom.NewOptions(wecom.WithHTTPClient(&http.Client{Transport: memRT{}})))
	auth := AccessToken(&fixedSource{tok: "ACCESS-TOKEN-for-the-benchmark"})
	plain := &plainCall{hc: &http.Client{Transport: memRT{}, Timeout: 30 * time.Second}, tok: "ACCESS-TOKEN-for-the-benchmark"}
	for _, tc := range []struct {
		name string
		op   func() (string, error)
	}{
		{"call=get/sdk=api", func() (string, error) {
			var u benchUser
			err := core.Do(ctx, auth, Request{Method: http.MethodGet, Path: "/cgi-bin/user/get", Query: url.Values{"userid": {"zhangsan"}}, Safety: Idempotent}, &u)
			return u.Name, err
		}},
		{"call=get/sdk=stdlib", func() (string, error) {
			var u benchUser
			err := plain.do(ctx, http.MethodGet, "/cgi-bin/user/get", url.Values{"userid": {"zhangsan"}}, nil, &u)
			return u.Name, err
		}},
		{"call=post/sdk=api", func() (string, error) {
			var r benchSendResult
			err := core.Do(ctx, auth, Request{Method: http.MethodPost, Path: "/cgi-bin/message/send", Body: benchMsg, Safety: Never}, &r)
			return r.MsgID, err
		}},
		{"call=post/sdk=stdlib", func() (string, error) {
			var r benchSendResult
			err := plain.do(ctx, http.MethodPost, "/cgi-bin/message/send", nil, benchMsg, &r)
			return r.MsgID, err
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			want := "张三"
			if strings.HasPrefix(tc.name, "call=post") {
				want = "xxxx"
			}
			b.ReportAllocs()
			for b.Loop() {
				if got, err := tc.op(); err != nil || got != want {
					b.Fatal(got, err)
				}
			}
		})
	}
}
