// Package webhook posts messages through WeCom group robots (群机器人):
// a robot is named by the key of its webhook URL, and needs no token.
//
//	bot, err := webhook.New(key)
//	...
//	err = bot.Send(ctx, webhook.Text{Content: "build passed"})
//
// A message is never sent twice: webhook/send is not repeated after any
// failure. WeCom lets a robot post 20 messages a minute; WithLimiter (or
// NewLimiter) makes Send wait for its turn instead of failing with
// wecom.ErrRateLimited (45009).
package webhook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

// Errors returned without calling WeCom.
var (
	// ErrInvalidKey is returned by New for an empty key or a webhook URL
	// without one.
	ErrInvalidKey = errors.New("webhook: invalid robot key")
	// ErrInvalidMessage is returned by Send for a nil or incomplete
	// message.
	ErrInvalidMessage = errors.New("webhook: invalid message")
	// ErrInvalidMedia is returned by UploadMedia for an incomplete upload.
	ErrInvalidMedia = errors.New("webhook: invalid media")
	// ErrRateLimited is returned by Send when the limiter's wait would
	// outlast ctx; the message was not sent.
	ErrRateLimited = errors.New("webhook: rate limited")
)

const (
	sendPath   = "/cgi-bin/webhook/send"
	uploadPath = "/cgi-bin/webhook/upload_media"
)

// Client posts through one group robot. It is safe for concurrent use.
type Client struct {
	key     string
	core    *api.Client
	limiter *rate.Limiter
}

// New returns a Client of the robot key: the key query parameter of its
// webhook URL, or the whole URL
// (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...). opts are the
// SDK's options (HTTP client, base URL, logger, timeout).
func New(key string, opts ...wecom.Option) (*Client, error) {
	key = strings.TrimSpace(key)
	if strings.Contains(key, "://") {
		u, err := url.Parse(key)
		if err != nil {
			return nil, fmt.Errorf("%w: not a webhook URL", ErrInvalidKey)
		}
		key = u.Query().Get("key")
	}
	if key == "" || strings.ContainsAny(key, " &?#/") {
		return nil, fmt.Errorf("%w: empty or malformed key", ErrInvalidKey)
	}
	return &Client{key: key, core: api.New(wecom.NewOptions(opts...))}, nil
}

// PerRobotLimit is WeCom's limit of messages a robot may post: 20 a
// minute.
const PerRobotLimit = 20

// NewLimiter returns a limiter of PerRobotLimit messages a minute, in a
// burst of up to PerRobotLimit. Share one between the clients of a robot.
func NewLimiter() *rate.Limiter {
	return rate.NewLimiter(rate.Every(time.Minute/PerRobotLimit), PerRobotLimit)
}

// WithLimiter returns a copy of c whose Send waits for l (nil: no
// limiter). UploadMedia is not limited.
func (c *Client) WithLimiter(l *rate.Limiter) *Client {
	cp := *c
	cp.limiter = l
	return &cp
}

// String describes the client without its key.
func (c *Client) String() string { return "webhook.Client{key:<redacted>}" }

// GoString describes the client without its key.
func (c *Client) GoString() string { return c.String() }

// Format prints the client without its key, whatever the verb.
func (c *Client) Format(s fmt.State, _ rune) { _, _ = io.WriteString(s, c.String()) }

// LogValue logs the client without its key.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Send posts msg to the robot's group (webhook/send). It is never
// repeated: after an error the message may or may not have been posted.
// WeCom's refusals are *wecom.APIError; wecom.ErrInvalidWebhook (93000)
// means the key is unknown or the robot left the group, and
// wecom.ErrRateLimited (45009) that it posted too much.
func (c *Client) Send(ctx context.Context, msg Message) error {
	if msg == nil {
		return fmt.Errorf("%w: nil message", ErrInvalidMessage)
	}
	body, err := msg.body()
	if err != nil {
		return err
	}
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("%w: %v", ErrRateLimited, err)
		}
	}
	return c.core.Do(ctx, nil, api.Request{
		Method: http.MethodPost, Path: sendPath, Query: url.Values{"key": {c.key}}, Body: body, Safety: api.Never,
	}, nil)
}

// MediaType is the kind of file UploadMedia uploads.
type MediaType string

const (
	// MediaFile is a file of up to 20 MB, for a File message.
	MediaFile MediaType = "file"
	// MediaVoice is an AMR recording of up to 2 MB and 60 s, for a Voice
	// message.
	MediaVoice MediaType = "voice"
)

// MediaUpload is a file to upload.
type MediaUpload struct {
	Type MediaType
	// Name is the file name shown in the group.
	Name string
	// Body is the content; an io.Seeker is rewound if the upload has to
	// be sent again.
	Body io.Reader
	// Size is the content length when known (optional).
	Size int64
}

// UploadResult is an uploaded file; MediaID is valid for three days and
// only with this robot.
type UploadResult struct {
	Type      MediaType
	MediaID   string
	CreatedAt time.Time
}

// UploadMedia uploads a file for a File or Voice message
// (webhook/upload_media). It is not repeated after a failure.
func (c *Client) UploadMedia(ctx context.Context, f MediaUpload) (*UploadResult, error) {
	if f.Type != MediaFile && f.Type != MediaVoice {
		return nil, fmt.Errorf("%w: type must be file or voice", ErrInvalidMedia)
	}
	if f.Name == "" || f.Body == nil {
		return nil, fmt.Errorf("%w: a name and content are required", ErrInvalidMedia)
	}
	size := f.Size
	if size <= 0 {
		size = -1
	}
	var out struct {
		Type      string      `json:"type"`
		MediaID   string      `json:"media_id"`
		CreatedAt looseNumber `json:"created_at"`
	}
	file := api.File{Field: "media", Name: f.Name, ContentType: mime.TypeByExtension(filepath.Ext(f.Name)), Reader: f.Body, Size: size}
	req := api.Request{Method: http.MethodPost, Path: uploadPath, Query: url.Values{"key": {c.key}, "type": {string(f.Type)}}, Safety: api.Unsafe}
	if err := c.core.Upload(ctx, nil, req, file, &out); err != nil {
		return nil, err
	}
	r := &UploadResult{Type: MediaType(out.Type), MediaID: out.MediaID}
	if out.CreatedAt > 0 {
		r.CreatedAt = time.Unix(int64(out.CreatedAt), 0)
	}
	return r, nil
}
