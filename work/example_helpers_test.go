package work_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
)

// fakeWeCom answers on loopback the endpoints the examples call, the way
// WeCom does, so that they run without credentials: gettoken, user/get,
// user/list_id (two pages), user/update (printing the body it gets),
// message/send, groupchat/list (two pages) and send_welcome_msg (an
// expired code). Any other path answers errcode 404. Real code omits it
// and the WithBaseURL option.
func fakeWeCom() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/cgi-bin/gettoken":
			fmt.Fprint(w, `{"errcode":0,"access_token":"example-token","expires_in":7200}`)
		case "/cgi-bin/user/get":
			fmt.Fprintf(w, `{"errcode":0,"userid":%q,"name":"张三","department":[1,2],"status":1,"enable":1}`,
				r.URL.Query().Get("userid"))
		case "/cgi-bin/user/list_id":
			if cursorOf(r) == "" {
				fmt.Fprint(w, `{"errcode":0,"next_cursor":"p2","dept_user":[{"userid":"zhangsan","department":1},{"userid":"lisi","department":1}]}`)
			} else {
				fmt.Fprint(w, `{"errcode":0,"next_cursor":"","dept_user":[{"userid":"zhangsan","department":2}]}`)
			}
		case "/cgi-bin/user/update":
			var body map[string]any
			_ = json.NewDecoder(r.Body).Decode(&body)
			b, _ := json.Marshal(body) // keys sorted
			fmt.Println("sent:", string(b))
			fmt.Fprint(w, `{"errcode":0,"errmsg":"updated"}`)
		case "/cgi-bin/message/send":
			fmt.Fprint(w, `{"errcode":0,"errmsg":"ok","invaliduser":"ghost","msgid":"MSGID1"}`)
		case "/cgi-bin/externalcontact/groupchat/list":
			if cursorOf(r) == "" {
				fmt.Fprint(w, `{"errcode":0,"group_chat_list":[{"chat_id":"wrA","status":0},{"chat_id":"wrB","status":1}],"next_cursor":"p2"}`)
			} else {
				fmt.Fprint(w, `{"errcode":0,"group_chat_list":[{"chat_id":"wrC","status":0}],"next_cursor":""}`)
			}
		case "/cgi-bin/externalcontact/send_welcome_msg":
			fmt.Fprint(w, `{"errcode":41050,"errmsg":"invalid welcome_code"}`)
		default:
			fmt.Fprint(w, `{"errcode":404,"errmsg":"not faked"}`)
		}
	}))
}

// cursorOf returns the cursor of a page request's JSON body.
func cursorOf(r *http.Request) string {
	var in struct {
		Cursor string `json:"cursor"`
	}
	_ = json.NewDecoder(r.Body).Decode(&in)
	return in.Cursor
}
