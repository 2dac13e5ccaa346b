package work_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/work"
)

// fakeWeCom answers gettoken, user/get and user/list_id on loopback, so
// that the examples run without credentials. Real code omits it and the
// WithBaseURL option.
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
			var in struct {
				Cursor string `json:"cursor"`
			}
			_ = json.NewDecoder(r.Body).Decode(&in)
			if in.Cursor == "" {
				fmt.Fprint(w, `{"errcode":0,"next_cursor":"p2","dept_user":[{"userid":"zhangsan","department":1},{"userid":"lisi","department":1}]}`)
			} else {
				fmt.Fprint(w, `{"errcode":0,"next_cursor":"","dept_user":[{"userid":"zhangsan","department":2}]}`)
			}
		default:
			fmt.Fprint(w, `{"errcode":404,"errmsg":"not faked"}`)
		}
	}))
}

func ExampleUserService_Get() {
	srv := fakeWeCom()
	defer srv.Close()

	c, err := work.New(work.Config{CorpID: "wwexamplecorp", Secret: "the-contacts-secret"},
		wecom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	u, err := c.User.Get(context.Background(), "zhangsan")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.UserID, u.Name, u.Department, u.Status == work.UserStatusActive, *u.Enable)

	// An errcode comes back as a *wecom.APIError.
	_, err = c.Department.Get(context.Background(), 99)
	fmt.Println(wecom.ErrCode(err), err)
	// Output:
	// zhangsan 张三 [1 2] true true
	// 404 wecom: /cgi-bin/department/get: errcode 404: not faked
}

func ExampleUserService_AllIDs() {
	srv := fakeWeCom()
	defer srv.Close()

	c, err := work.New(work.Config{CorpID: "wwexamplecorp", Secret: "the-contacts-secret"},
		wecom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	// Pages are fetched as the loop goes; a member of two departments
	// comes once per department.
	for du, err := range c.User.AllIDs(context.Background(), 1000) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(du.UserID, du.Department)
	}
	// Output:
	// zhangsan 1
	// lisi 1
	// zhangsan 2
}

func ExampleUserService_Update() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/cgi-bin/gettoken":
			fmt.Fprint(w, `{"errcode":0,"access_token":"example-token","expires_in":7200}`)
		case "/cgi-bin/user/update":
			var body map[string]any
			_ = json.NewDecoder(r.Body).Decode(&body)
			b, _ := json.Marshal(body) // keys sorted
			fmt.Println("sent:", string(b))
			fmt.Fprint(w, `{"errcode":0,"errmsg":"updated"}`)
		}
	}))
	defer srv.Close()

	c, err := work.New(work.Config{CorpID: "wwexamplecorp", Secret: "the-contacts-secret"},
		wecom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	// Only the fields set are sent: the position changes, the alias is
	// cleared, the direct leaders are removed, the rest stays as it is.
	err = c.User.Update(context.Background(), &work.UserUpdate{
		UserID:       "zhangsan",
		Position:     new("Engineer"),
		Alias:        new(""),
		DirectLeader: []string{},
		Enable:       new(false),
	})
	fmt.Println(err)
	// Output:
	// sent: {"alias":"","direct_leader":[],"enable":0,"position":"Engineer","userid":"zhangsan"}
	// <nil>
}
