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

// fakeCustomerContact answers gettoken, groupchat/list (two pages) and
// send_welcome_msg (an expired code) on loopback, so that the examples run
// without credentials. Real code omits it and the WithBaseURL option.
func fakeCustomerContact() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/cgi-bin/gettoken":
			fmt.Fprint(w, `{"errcode":0,"access_token":"example-token","expires_in":7200}`)
		case "/cgi-bin/externalcontact/groupchat/list":
			var in struct {
				Cursor string `json:"cursor"`
			}
			_ = json.NewDecoder(r.Body).Decode(&in)
			if in.Cursor == "" {
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

func ExampleExternalContactService_AllGroupChats() {
	srv := fakeCustomerContact()
	defer srv.Close()

	c, err := work.New(work.Config{CorpID: "wwexamplecorp", Secret: "the-customer-contact-secret"},
		wecom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	// The iterator follows next_cursor until the last page.
	for g, err := range c.ExternalContact.AllGroupChats(context.Background(), work.ListGroupChatsRequest{}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(g.ChatID, g.Status == work.GroupChatOwnerLeft)
	}
	// Output:
	// wrA false
	// wrB true
	// wrC false
}

func ExampleExternalContactService_SendWelcomeMsg() {
	srv := fakeCustomerContact()
	defer srv.Close()

	c, err := work.New(work.Config{CorpID: "wwexamplecorp", Secret: "the-customer-contact-secret"},
		wecom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	err = c.ExternalContact.SendWelcomeMsg(context.Background(), &work.WelcomeMsg{
		WelcomeCode: "code-from-the-add_external_contact-event",
		Text:        &work.CustomerText{Content: "Welcome!"},
		Attachments: []work.Attachment{
			work.NewLinkAttachment(work.LinkAttachment{Title: "Our catalogue", URL: "https://example.com/catalogue"}),
		},
	})
	// The welcome code is valid for 20 seconds; 41050 says it expired.
	fmt.Println(wecom.ErrCode(err))
	// Output:
	// 41050
}
