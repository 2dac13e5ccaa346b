package work_test

import (
	"context"
	"fmt"
	"log"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/work"
)

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
	for du, err := range c.User.AllIDs(context.Background(), work.UserIDListRequest{Limit: 1000}) {
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
	srv := fakeWeCom()
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
