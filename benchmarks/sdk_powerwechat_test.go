package benchmarks

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ArtisanCloud/PowerWeChat/v3/src/work"
	"github.com/ArtisanCloud/PowerWeChat/v3/src/work/server/handlers/models"
)

// github.com/ArtisanCloud/PowerWeChat/v3 v3.3.3: its work.Work application
// with its in-memory cache. Decrypt is its Encryptor.Decrypt; Callback is
// its server's GetMessage, which reads the *http.Request, decrypts and
// parses into its typed message (models.MessageText); TokenHit is its
// AccessToken.GetToken with its base URI sent to the loopback server.

func powerwechatApp(tb testing.TB, baseURL string) *work.Work {
	tb.Helper()
	app, err := work.NewWork(&work.UserConfig{
		CorpID:  sampleCorpID,
		AgentID: tokenAgentID,
		Secret:  tokenSecret,
		Token:   sampleToken,
		AESKey:  sampleEncodingAESKey,
		Http:    work.Http{BaseURI: baseURL},
		Log:     work.Log{Level: "error", Stdout: false},
		OAuth:   work.OAuth{Callback: "http://127.0.0.1/oauth"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return app
}

func powerwechatDecrypt(tb testing.TB, signature string) decryptOp {
	app := powerwechatApp(tb, "http://127.0.0.1:1/")
	body := []byte(sampleBody)
	return func() ([]byte, error) {
		plain, cerr := app.Encryptor.Decrypt(body, signature, sampleNonce, sampleTimestamp)
		if cerr != nil {
			return nil, errors.New(cerr.ErrMsg)
		}
		return plain, nil
	}
}

func powerwechatCallback(tb testing.TB, signature string) callbackOp {
	app := powerwechatApp(tb, "http://127.0.0.1:1/")
	target := "/callback?msg_signature=" + signature + "&timestamp=" + sampleTimestamp + "&nonce=" + sampleNonce
	body := []byte(sampleBody)
	return func() (string, string, error) {
		req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
		req.Header.Set("Content-Type", "text/xml") // as WeCom sends it
		_, _, decrypted, err := app.Server.GetMessage(req)
		if err != nil {
			return "", "", err
		}
		m, ok := decrypted.(models.MessageText)
		if !ok {
			return "", "", errors.New("powerwechat: not a text message")
		}
		return m.FromUserName, m.Content, nil
	}
}

func powerwechatToken(tb testing.TB, baseURL string) tokenOp {
	app := powerwechatApp(tb, baseURL+"/")
	return func(ctx context.Context) (string, error) {
		res, err := app.AccessToken.GetToken(ctx, false)
		if err != nil {
			return "", err
		}
		return res.AccessToken, nil
	}
}
