package message_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
)

// A callback URL that echoes text messages, fed with WeCom's official
// sample request.
func Example() {
	c, err := crypto.New("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7")
	if err != nil {
		panic(err)
	}
	r := message.NewRouter()
	message.On(r, func(ctx context.Context, m *message.Message, t *message.Text) (message.Reply, error) {
		fmt.Printf("%s says %q\n", m.FromUserName, t.Content)
		return &message.TextReply{Content: "echo: " + t.Content}, nil
	})
	srv := message.NewServer(c, r)

	// What WeCom sends.
	q := url.Values{
		"msg_signature": {"99108567d2f7b72bf6aa3c84efbbe054c04d6300"},
		"timestamp":     {"1409659813"},
		"nonce":         {"1372623149"},
	}
	body := "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" +
		"ZA4HuQypHxnRrA+A6SOHGPpA4BXkaFIE0s/1C2e0ZXuIEC2kG00clzTAoqgswAAZWyW+AE82ZTvo7hmg0QwR9hRCCin4OdiFjN+6tiIoUXM5+UwPT4jUQE6rTcZT/tIto19wpIwkWqJ04uCntHDH/7Y51fLzeU3wvg1TI4f96m9uRvO7acYV2KIQgdJuvXhpgGolyGIe7Q2+8Ikxc1Wh6Ld6Y39IA3D0Rbb7t9hIopVDhyW5e8GYVMLJJTSVbuL11Eub8ABscqGPQjvnwzlB73UsTI0FctVHzZBuQ2+TYHWya1q9XCpxoQH6rbusPALqYyfq9xRyfe5DiDVCsMDUl45BnddWbG9/u9btcYehg0yFGNTnFv2Qc2Ty4KDtQhisZhnRpDHVsfqgFpjD/AITaO1Nkd26qJrAuAGFdnAGE/o=" +
		"]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>"
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/callback?"+q.Encode(), strings.NewReader(body)))
	fmt.Println(w.Code)

	// What WeCom receives: the encrypted passive reply.
	var env struct{ MsgSignature, TimeStamp, Nonce string }
	if err := xml.Unmarshal(w.Body.Bytes(), &env); err != nil {
		panic(err)
	}
	plain, err := c.DecryptMsg(env.MsgSignature, env.TimeStamp, env.Nonce, w.Body.Bytes())
	if err != nil {
		panic(err)
	}
	var reply struct{ ToUserName, MsgType, Content string }
	if err := xml.Unmarshal(plain, &reply); err != nil {
		panic(err)
	}
	fmt.Println(reply.ToUserName, reply.MsgType, reply.Content)
	// Output:
	// mycreate says "hello"
	// 200
	// mycreate text echo: hello
}

// Routing by kind: typed payloads with On, raw kinds with HandleFunc, and a
// fallback for the rest.
func ExampleRouter() {
	r := message.NewRouter()
	message.On(r, func(ctx context.Context, m *message.Message, e *message.AddExternalContact) (message.Reply, error) {
		fmt.Println("new customer", e.ExternalUserID, "of", e.UserID)
		return nil, nil
	})
	r.HandleFunc(message.Kind{MsgType: message.MsgTypeEvent, Event: message.EventChangeExternalContact},
		func(ctx context.Context, m *message.Message) (message.Reply, error) {
			fmt.Println("other customer change:", m.ChangeType)
			return nil, nil
		})
	r.Fallback(message.HandlerFunc(func(ctx context.Context, m *message.Message) (message.Reply, error) {
		fmt.Println("unhandled", m.Kind())
		return nil, nil
	}))

	for _, doc := range []string{
		"<xml><MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>add_external_contact</ChangeType>" +
			"<UserID>zhangsan</UserID><ExternalUserID>wmAAA</ExternalUserID></xml>",
		"<xml><MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>del_follow_user</ChangeType></xml>",
		"<xml><MsgType>event</MsgType><Event>brand_new_event</Event></xml>",
	} {
		m, err := message.Parse([]byte(doc))
		if err != nil {
			panic(err)
		}
		if _, err := r.ServeMessage(context.Background(), m); err != nil {
			panic(err)
		}
	}
	// Output:
	// new customer wmAAA of zhangsan
	// other customer change: del_follow_user
	// unhandled event/brand_new_event
}
