package jssdk

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

// Tickets and tokens reach neither the log nor an error string, on the
// success path, on WeCom errors and on transport failures.
func TestTicketsAndTokensNeverLogged(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, _, mt := newTestClient(t, wecom.WithLogger(logger), wecom.WithRetry(wecom.RetryPolicy{MaxAttempts: 1}))
	ctx := context.Background()

	// Success: the agent ticket is fetched (and logged as a call).
	_, err := c.AgentConfig(ctx, page)
	require.NoError(t, err)

	var errs []error
	// WeCom refuses the corp ticket.
	mt.RegisterResponder(http.MethodGet, apiBase+"/cgi-bin/get_jsapi_ticket",
		jsonResponder(`{"errcode":45009,"errmsg":"api freq out of limit"}`))
	_, err = c.Config(ctx, page)
	require.Error(t, err)
	errs = append(errs, err)

	// A transport failure, whose error quotes the request URL.
	mt.RegisterResponder(http.MethodGet, apiBase+"/cgi-bin/get_jsapi_ticket",
		httpmock.NewErrorResponder(errors.New("connection reset by peer")))
	_, err = c.Config(ctx, page)
	require.Error(t, err)
	errs = append(errs, err)

	// The handler logs its failures too.
	rec := serve(t, &ConfigHandler{Client: c}, "/jssdk?url="+escape(page))
	assert.Equal(t, http.StatusBadGateway, rec.Code)

	require.Contains(t, buf.String(), "/cgi-bin/ticket/get", "the calls were logged")
	require.Contains(t, buf.String(), "/cgi-bin/get_jsapi_ticket")
	for _, s := range append([]string{buf.String(), rec.Body.String()}, errString(errs)...) {
		assert.NotContains(t, s, testToken)
		assert.NotContains(t, s, agentTicket)
		assert.NotContains(t, s, corpTicket)
	}
}

func errString(errs []error) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}
