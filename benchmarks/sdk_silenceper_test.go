package benchmarks

import (
	"context"
	"encoding/xml"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/silenceper/wechat/v2/cache"
	"github.com/silenceper/wechat/v2/officialaccount/message"
	"github.com/silenceper/wechat/v2/util"
	"github.com/silenceper/wechat/v2/work"
	"github.com/silenceper/wechat/v2/work/config"
)

// github.com/silenceper/wechat/v2 has no callback server for a WeCom app's
// messages (its work/kf and work/externalcontact callbacks decrypt without
// checking msg_signature, into types without Content). A user of it handles
// a message callback with its public helpers: EncryptedXMLMsg for the
// envelope, util.Signature, util.DecryptMsg, and MixMessage, its one type
// for inbound messages.

var errSilenceperSignature = errors.New("silenceper: signature mismatch")

// silenceperOpen verifies and decrypts body the silenceper way.
func silenceperOpen(signature string, body []byte) ([]byte, error) {
	var env message.EncryptedXMLMsg
	if err := xml.Unmarshal(body, &env); err != nil {
		return nil, err
	}
	if util.Signature(sampleToken, sampleTimestamp, sampleNonce, env.EncryptedMsg) != signature {
		return nil, errSilenceperSignature
	}
	_, plain, err := util.DecryptMsg(sampleCorpID, env.EncryptedMsg, sampleEncodingAESKey)
	return plain, err
}

func silenceperDecrypt(_ testing.TB, signature string) decryptOp {
	body := []byte(sampleBody)
	return func() ([]byte, error) { return silenceperOpen(signature, body) }
}

func silenceperCallback(_ testing.TB, signature string) callbackOp {
	body := []byte(sampleBody)
	return func() (string, string, error) {
		plain, err := silenceperOpen(signature, body)
		if err != nil {
			return "", "", err
		}
		var m message.MixMessage
		if err := xml.Unmarshal(plain, &m); err != nil {
			return "", "", err
		}
		return string(m.FromUserName), m.Content, nil
	}
}

// silenceperToken uses work.Work's access token handle with its in-memory
// cache. silenceper's gettoken URL is fixed, so util.SetURIModifier (a
// package-level hook) sends every request it makes to the loopback server;
// anything but qyapi gets a path the server answers 404.
func silenceperToken(tb testing.TB, baseURL string) tokenOp {
	const qyapi = "https://qyapi.weixin.qq.com/"
	util.SetURIModifier(func(uri string) string {
		if rest, ok := strings.CutPrefix(uri, qyapi); ok {
			return baseURL + "/" + rest
		}
		return baseURL + "/unexpected"
	})
	tb.Cleanup(func() { util.SetURIModifier(nil) })
	w := work.NewWork(&config.Config{
		CorpID:     sampleCorpID,
		CorpSecret: tokenSecret,
		AgentID:    strconv.Itoa(tokenAgentID),
		Cache:      cache.NewMemory(),
	})
	ctx := w.GetContext() // its token handle has no context-taking method
	return func(context.Context) (string, error) { return ctx.GetAccessToken() }
}
