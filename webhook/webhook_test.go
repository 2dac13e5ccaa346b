package webhook_test

import (
	"bytes"
	"context"
	"encoding/json"

	"fmt"

	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/webhook"
	"github.com/wecomkit/wecom/wecomtest"
)

const key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"

func newBot(t *testing.T, opts ...wecom.Option) (*webhook.Client, *wecomtest.Server) {
	t.Helper()
	srv := wecomtest.NewTestServer(t)
	bot, err := webhook.New(key, append([]wecom.Option{wecom.WithBaseURL(srv.URL())}, opts...)...)
	require.NoError(t, err)
	return bot, srv
}

func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "docs", name))
	require.NoError(t, err)
	return b
}

// decodeAs decodes the payload of a doc sample into a message type.
func decodeAs[T any](t *testing.T, b []byte, field string) T {
	t.Helper()
	var env map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &env))
	var v T
	dec := json.NewDecoder(bytes.NewReader(env[field]))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&v), "the sample's %s has fields the type lacks", field)
	return v
}

// omitZeros drops the keys whose value is 0, false or "" (left out by the
// SDK, read as zero by WeCom).
func omitZeros(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, it := range x {
			if it == float64(0) || it == false || it == "" {
				delete(x, k)
				continue
			}
			x[k] = omitZeros(it)
		}
	case []any:
		for i, it := range x {
			x[i] = omitZeros(it)
		}
	}
	return v
}

func TestSendDocSamples(t *testing.T) {
	cases := []struct {
		file string
		msg  func(t *testing.T, b []byte) webhook.Message
	}{
		{"text.json", func(t *testing.T, b []byte) webhook.Message { return decodeAs[webhook.Text](t, b, "text") }},
		{"markdown.json", func(t *testing.T, b []byte) webhook.Message { return decodeAs[webhook.Markdown](t, b, "markdown") }},
		{"markdown_v2.json", func(t *testing.T, b []byte) webhook.Message {
			return decodeAs[webhook.MarkdownV2](t, b, "markdown_v2")
		}},
		{"image.json", func(t *testing.T, b []byte) webhook.Message { return decodeAs[webhook.Image](t, b, "image") }},
		{"news.json", func(t *testing.T, b []byte) webhook.Message { return decodeAs[webhook.News](t, b, "news") }},
		{"file.json", nil},
		{"voice.json", nil},
		{"template_card.text_notice.json", func(t *testing.T, b []byte) webhook.Message {
			return decodeAs[webhook.TemplateCard](t, b, "template_card")
		}},
		{"template_card.news_notice.json", func(t *testing.T, b []byte) webhook.Message {
			return decodeAs[webhook.TemplateCard](t, b, "template_card")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			b := sample(t, tc.file)
			bot, srv := newBot(t)
			var got []byte
			var query string
			srv.Handle("/cgi-bin/webhook/send", func(r *http.Request, body []byte) (any, error) {
				got, query = body, r.URL.RawQuery
				return nil, nil
			})
			var msg webhook.Message
			if tc.msg != nil {
				msg = tc.msg(t, b)
			} else if strings.HasPrefix(tc.file, "file") {
				msg = decodeAs[webhook.File](t, b, "file")
			} else {
				msg = decodeAs[webhook.Voice](t, b, "voice")
			}
			require.NoError(t, bot.Send(t.Context(), msg))
			assert.Equal(t, "key="+key, query)
			var want, have any
			require.NoError(t, json.Unmarshal(b, &want))
			require.NoError(t, json.Unmarshal(got, &have))
			assert.Equal(t, omitZeros(want), have)
		})
	}
}

func TestSendThroughFake(t *testing.T) {
	bot, srv := newBot(t)
	ctx := t.Context()
	require.NoError(t, bot.Send(ctx, webhook.Text{Content: "hi", MentionedList: []string{"wangqing", webhook.MentionAll}, MentionedMobileList: []string{"13800001111"}}))
	require.NoError(t, bot.Send(ctx, webhook.Markdown{Content: "**bold**"}))
	require.NoError(t, bot.Send(ctx, webhook.NewImage([]byte("png bytes"))))
	up, err := bot.UploadMedia(ctx, webhook.MediaUpload{Type: webhook.MediaFile, Name: "report.txt", Body: strings.NewReader("numbers")})
	require.NoError(t, err)
	assert.Equal(t, webhook.MediaFile, up.Type)
	assert.False(t, up.CreatedAt.IsZero())
	require.NoError(t, bot.Send(ctx, webhook.File{MediaID: up.MediaID}))

	sent := srv.WebhookSent()
	require.Len(t, sent, 4)
	assert.Equal(t, wecomtest.WebhookMessage{Key: key, MsgType: "text", Content: "hi",
		MentionedList: []string{"wangqing", "@all"}, MentionedMobileList: []string{"13800001111"}, Body: sent[0].Body}, sent[0])
	assert.Equal(t, "**bold**", sent[1].Content)
	assert.JSONEq(t, `{"msgtype":"image","image":{"base64":"cG5nIGJ5dGVz","md5":"847bee05ce221ee20516f48581e44313"}}`, string(sent[2].Body))
	assert.Equal(t, up.MediaID, sent[3].MediaID)
}

func TestNewImageMD5(t *testing.T) {
	img := webhook.NewImage([]byte("png bytes"))
	assert.Equal(t, "cG5nIGJ5dGVz", img.Base64)
	assert.Equal(t, "847bee05ce221ee20516f48581e44313", img.MD5)
}

func TestUploadMediaDocSample(t *testing.T) {
	bot, srv := newBot(t)
	var query string
	var body []byte
	srv.Handle("/cgi-bin/webhook/upload_media", func(r *http.Request, b []byte) (any, error) {
		query, body = r.URL.RawQuery, b
		return json.RawMessage(sample(t, "upload_media.response.json")), nil
	})
	got, err := bot.UploadMedia(t.Context(), webhook.MediaUpload{Type: webhook.MediaFile, Name: "a.txt", Body: strings.NewReader("xyz")})
	require.NoError(t, err)
	assert.Equal(t, "key="+key+"&type=file", query)
	assert.Contains(t, string(body), `name="media"; filename="a.txt"`)
	assert.Equal(t, &webhook.UploadResult{Type: webhook.MediaFile, MediaID: "1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0", CreatedAt: time.Unix(1380000000, 0)}, got)
}

func TestNewKey(t *testing.T) {
	c, err := webhook.New("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key)
	require.NoError(t, err)
	for _, v := range []string{fmt.Sprint(c), fmt.Sprintf("%+v %#v %s", c, c, c)} {
		assert.NotContains(t, v, key)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("bot", "c", c)
	assert.NotContains(t, buf.String(), key)
	for _, bad := range []string{"", "  ", "https://example.com/hook", "a b", "k?x"} {
		_, err := webhook.New(bad)
		assert.ErrorIs(t, err, webhook.ErrInvalidKey, bad)
	}
}

func TestInvalidMessages(t *testing.T) {
	bot, srv := newBot(t)
	for _, m := range []webhook.Message{nil, webhook.Text{}, webhook.Markdown{}, webhook.MarkdownV2{}, webhook.Image{Base64: "x"},
		webhook.News{}, webhook.News{Articles: make([]webhook.Article, 9)}, webhook.News{Articles: []webhook.Article{{Title: "t"}}},
		webhook.File{}, webhook.Voice{}, webhook.TemplateCard{}, webhook.TemplateCard{CardType: webhook.CardTextNotice, SubTitleText: "x"},
		webhook.TemplateCard{CardType: webhook.CardNewsNotice, CardAction: &webhook.CardAction{Type: 1}}} {
		assert.ErrorIs(t, bot.Send(t.Context(), m), webhook.ErrInvalidMessage, "%#v", m)
	}
	_, err := bot.UploadMedia(t.Context(), webhook.MediaUpload{Type: "image", Name: "a", Body: strings.NewReader("x")})
	assert.ErrorIs(t, err, webhook.ErrInvalidMedia)
	_, err = bot.UploadMedia(t.Context(), webhook.MediaUpload{Type: webhook.MediaVoice})
	assert.ErrorIs(t, err, webhook.ErrInvalidMedia)
	assert.Empty(t, srv.WebhookSent())
	assert.Zero(t, srv.Calls("/cgi-bin/webhook/send"))
}

func TestSendNeverRetried(t *testing.T) {
	bot, srv := newBot(t, wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond}))
	var n atomic.Int32
	srv.Handle("/cgi-bin/webhook/send", func(*http.Request, []byte) (any, error) {
		n.Add(1)
		return nil, &wecomtest.APIError{Code: -1, Message: "system busy"}
	})
	err := bot.Send(t.Context(), webhook.Text{Content: "once"})
	require.Error(t, err)
	assert.Equal(t, int32(1), n.Load())

	srv.Handle("/cgi-bin/webhook/send", func(*http.Request, []byte) (any, error) {
		return nil, &wecomtest.APIError{Code: 93000, Message: "invalid webhook url"}
	})
	err = bot.Send(t.Context(), webhook.Text{Content: "x"})
	assert.ErrorIs(t, err, wecom.ErrInvalidWebhook)
	assert.NotContains(t, err.Error(), key)
}

func TestLimiter(t *testing.T) {
	bot, srv := newBot(t)
	l := rate.NewLimiter(rate.Every(time.Hour), 2)
	limited := bot.WithLimiter(l)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	require.NoError(t, limited.Send(ctx, webhook.Text{Content: "1"}))
	require.NoError(t, limited.Send(ctx, webhook.Text{Content: "2"}))
	err := limited.Send(ctx, webhook.Text{Content: "3"})
	assert.ErrorIs(t, err, webhook.ErrRateLimited)
	assert.Len(t, srv.WebhookSent(), 2, "the third message is not sent")
	require.NoError(t, bot.Send(t.Context(), webhook.Text{Content: "unlimited"}), "the original client has no limiter")

	d := webhook.NewLimiter()
	assert.Equal(t, webhook.PerRobotLimit, d.Burst())
	assert.InDelta(t, float64(webhook.PerRobotLimit)/60, float64(d.Limit()), 1e-9)
}
