package aibot

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

func TestResponderPostsOnceWithoutToken(t *testing.T) {
	var calls atomic.Int32
	var gotPath, gotQuery string
	var gotBody map[string]any
	status := http.StatusOK
	answer := `{"errcode":0,"errmsg":"ok"}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		gotPath, gotQuery = r.URL.Path, r.URL.RawQuery
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &gotBody)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, answer)
	}))
	defer srv.Close()
	r := NewResponder(wecom.WithBaseURL(srv.URL), wecom.WithHTTPClient(srv.Client()))
	responseURL := "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RESPONSECODE"

	require.NoError(t, r.Respond(context.Background(), responseURL, &MarkdownReply{Content: "**late** answer"}))
	assert.Equal(t, "/cgi-bin/aibot/response", gotPath)
	assert.Equal(t, "response_code=RESPONSECODE", gotQuery, "no access_token")
	assert.Equal(t, map[string]any{"msgtype": "markdown", "markdown": map[string]any{"content": "**late** answer"}}, gotBody)

	require.NoError(t, r.Respond(context.Background(), responseURL, &CardReply{Card: &TemplateCard{CardType: CardTextNotice, MainTitle: &CardTitle{Title: "T"}}}))
	assert.Equal(t, "template_card", gotBody["msgtype"])

	// A transient failure is not retried: the code is single use.
	calls.Store(0)
	status, answer = http.StatusBadGateway, "bad gateway"
	err := r.Respond(context.Background(), responseURL, &MarkdownReply{Content: "x"})
	require.Error(t, err)
	assert.Equal(t, int32(1), calls.Load())
	assert.NotContains(t, err.Error(), "RESPONSECODE")

	status, answer = http.StatusOK, `{"errcode":40001,"errmsg":"invalid response_code"}`
	err = r.Respond(context.Background(), responseURL, &MarkdownReply{Content: "x"})
	var apiErr *wecom.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 40001, apiErr.Code)

	calls.Store(0)
	assert.ErrorIs(t, r.Respond(context.Background(), "https://evil.example/steal?response_code=x", &MarkdownReply{}), wecom.ErrConfig)
	assert.ErrorIs(t, r.Respond(context.Background(), responseURL, nil), wecom.ErrConfig)
	assert.Zero(t, calls.Load())
}
