package work_test

import (
	"context"
	"fmt"
	"log"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/work"
)

func ExampleExternalContactService_AllGroupChats() {
	srv := fakeWeCom()
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
	srv := fakeWeCom()
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
