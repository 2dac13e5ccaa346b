package benchmarks

import (
	"context"
	"fmt"
	"testing"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
	"github.com/wecomkit/wecom/work"
)

// This SDK: crypto.MsgCrypt, message.Server with a typed Text handler, and
// work.Client.AccessToken (a token.CachedSource).

func wecomCrypt(tb testing.TB) *crypto.MsgCrypt {
	c, err := crypto.New(sampleToken, sampleEncodingAESKey, sampleCorpID)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func wecomDecrypt(tb testing.TB, signature string) decryptOp {
	c := wecomCrypt(tb)
	body := []byte(sampleBody)
	return func() ([]byte, error) {
		return c.DecryptMsg(signature, sampleTimestamp, sampleNonce, body)
	}
}

func wecomCallback(tb testing.TB, signature string) callbackOp {
	var from, content string
	r := message.NewRouter()
	message.On(r, func(_ context.Context, m *message.Message, t *message.Text) (message.Reply, error) {
		from, content = m.FromUserName, t.Content
		return nil, nil
	})
	// The sample was signed in 2014 and is handled again and again: no
	// replay window, no de-duplication (the other SDKs have neither).
	srv := message.NewServer(wecomCrypt(tb), r, message.WithReplayWindow(0), message.WithDedup(nil, 0))
	body := []byte(sampleBody)
	ctx := context.Background()
	return func() (string, string, error) {
		from, content = "", ""
		resp, err := srv.HandleCallback(ctx, signature, sampleTimestamp, sampleNonce, body)
		if err == nil && resp != nil {
			err = fmt.Errorf("unexpected reply %q", resp)
		}
		return from, content, err
	}
}

func wecomToken(tb testing.TB, baseURL string) tokenOp {
	c, err := work.New(work.Config{CorpID: sampleCorpID, AgentID: tokenAgentID, Secret: tokenSecret},
		wecom.WithBaseURL(baseURL))
	if err != nil {
		tb.Fatal(err)
	}
	return c.AccessToken
}
