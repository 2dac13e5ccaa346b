package wecomtest_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/wecomtest/testclient"
)

// openwork's Provider.UploadMedia reaches the fake's service/media/upload:
// the file is stored for the provider and its answer decoded.
func TestProviderUploadMediaThroughOpenwork(t *testing.T) {
	ctx := context.Background()
	s := wecomtest.NewTestServer(t)
	p := testclient.Provider(t, s)
	const content = "$userName=zhangsan$\n$departmentName=1$\n"

	res, err := p.UploadMedia(ctx, openwork.MediaUpload{
		Type: openwork.MediaFile, Name: "ids.csv", Body: strings.NewReader(content), Size: int64(len(content)),
	})
	require.NoError(t, err)
	assert.Equal(t, openwork.MediaFile, res.Type)
	assert.WithinDuration(t, time.Now(), res.CreatedAt, time.Minute)
	name, data, ok := s.ProviderMedia(res.MediaID)
	require.True(t, ok)
	assert.Equal(t, "ids.csv", name)
	assert.Equal(t, content, string(data))
	assert.Equal(t, 1, s.Calls("/cgi-bin/service/media/upload"))

	// A type the page does not allow answers 40004; nothing is stored.
	_, err = p.UploadMedia(ctx, openwork.MediaUpload{Type: "image", Name: "a.png", Body: strings.NewReader(content)})
	e, ok := errors.AsType[*wecom.APIError](err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, 40004, e.Code)
}

// An expired provider token is refused with 42001: an upload whose body
// cannot be rewound returns that error, a seekable one is repeated once
// with a new token.
func TestProviderUploadMediaWithAnExpiredToken(t *testing.T) {
	ctx := context.Background()
	s := wecomtest.NewTestServer(t)
	p := testclient.Provider(t, s)
	_, err := p.AccessToken(ctx)
	require.NoError(t, err)
	const path = "/cgi-bin/service/media/upload"

	s.ExpireTokens()
	_, err = p.UploadMedia(ctx, openwork.MediaUpload{Type: openwork.MediaFile, Name: "ids.txt", Body: io.MultiReader(strings.NewReader("zhangsan\n"))})
	e, ok := errors.AsType[*wecom.APIError](err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, 42001, e.Code)
	assert.Equal(t, 1, s.Calls(path), "a body read once is not sent again")

	s.ExpireTokens()
	res, err := p.UploadMedia(ctx, openwork.MediaUpload{Type: openwork.MediaFile, Name: "ids.txt", Body: strings.NewReader("zhangsan\n")})
	require.NoError(t, err)
	assert.Equal(t, 3, s.Calls(path), "refused once, then sent with a new token")
	_, data, ok := s.ProviderMedia(res.MediaID)
	require.True(t, ok)
	assert.Equal(t, "zhangsan\n", string(data))
}
