package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/examples/internal/demo"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// runOffline plays WeCom's side with the fake: it verifies the URL, then
// pushes a member change, a customer change and a text message.
func runOffline(ctx context.Context, stdout io.Writer) error {
	fake := wecomtest.NewServer()
	defer fake.Close()
	cbToken, cbKey := demo.CallbackSecrets()
	fmt.Fprintln(stdout, "offline mode: a fake WeCom at", fake.URL(), "pushes callbacks to this server")

	c, err := work.New(work.Config{
		CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret,
		Token: cbToken, EncodingAESKey: cbKey,
	}, wecom.WithBaseURL(fake.URL()))
	if err != nil {
		return err
	}
	h, err := newCallbackHandler(c, stdout)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(callbackPath, h)
	l, base, err := demo.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	stop := demo.Background(l, mux)
	defer stop()
	url := base + callbackPath

	// The settings the fake encrypts with: the same Token and
	// EncodingAESKey as the app's, the corp id as receive id.
	cb := wecomtest.CallbackConfig{
		Token: cbToken, EncodingAESKey: cbKey,
		ReceiverID: wecomtest.DefaultCorpID, AgentID: strconv.Itoa(wecomtest.DefaultAgentID),
	}

	// Saving the URL in the console makes WeCom check it with a GET.
	if _, err := fake.VerifyURL(ctx, url, cb); err != nil {
		return fmt.Errorf("URL verification: %w", err)
	}
	fmt.Fprintln(stdout, "URL verification: ok")

	now := time.Now().Unix()
	samples := []string{
		fmt.Sprintf(createUserXML, now),
		fmt.Sprintf(addExternalContactXML, now),
		fmt.Sprintf(textXML, now, now),
		fmt.Sprintf(enterAgentXML, now),
	}
	for _, xml := range samples {
		reply, err := fake.SendCallback(ctx, url, cb, []byte(xml))
		if err != nil {
			return err
		}
		if reply.StatusCode != http.StatusOK {
			return fmt.Errorf("callback answered HTTP %d", reply.StatusCode)
		}
		if reply.Reply != nil {
			fmt.Fprintf(stdout, "passive reply (decrypted by the fake): %s\n", reply.Reply)
		}
	}

	// A callback signed with another token is refused before any handler.
	forged := cb
	forged.Token = "NotTheAppsToken"
	reply, err := fake.SendCallback(ctx, url, forged, []byte(fmt.Sprintf(textXML, now, now+1)))
	if err != nil {
		return err
	}
	if reply.StatusCode == http.StatusOK {
		return errors.New("a forged callback was accepted")
	}
	fmt.Fprintf(stdout, "forged callback: HTTP %d\n", reply.StatusCode)
	return stop()
}

// Sample callbacks as WeCom sends them, decrypted (reference §10).
const (
	createUserXML = `<xml><ToUserName><![CDATA[wwfakecorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
		`<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>` +
		`<ChangeType>create_user</ChangeType><UserID><![CDATA[sunqi]]></UserID><Name><![CDATA[孙七]]></Name>` +
		`<Department><![CDATA[2,3]]></Department><MainDepartment>2</MainDepartment></xml>`
	addExternalContactXML = `<xml><ToUserName><![CDATA[wwfakecorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
		`<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>` +
		`<ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>` +
		`<ExternalUserID><![CDATA[wmFakeExternal001]]></ExternalUserID><State><![CDATA[]]></State>` +
		`<WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>`
	textXML = `<xml><ToUserName><![CDATA[wwfakecorp]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>` +
		`<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>` +
		`<MsgId>%d</MsgId><AgentID>1000002</AgentID></xml>`
	enterAgentXML = `<xml><ToUserName><![CDATA[wwfakecorp]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>` +
		`<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event>` +
		`<EventKey><![CDATA[]]></EventKey><AgentID>1000002</AgentID></xml>`
)
