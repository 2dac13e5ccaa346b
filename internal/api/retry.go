package api

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/wecomkit/wecom"
)

// backoff returns the wait before retry n (1-based): exponential, capped,
// with jitter over the upper half.
func (c *Client) backoff(n int) time.Duration {
	d := c.retry.MaxDelay
	if n-1 < 62 {
		if b := c.retry.BaseDelay << (n - 1); b > 0 && b>>(n-1) == c.retry.BaseDelay && b < d {
			d = b
		}
	}
	return d/2 + rand.N(d/2+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// transient reports whether err, the raw failure of one attempt, is worth
// a back-off retry: WeCom's "busy" and rate-limit codes, 5xx and 429
// answers, network failures, timeouts and truncated answers. The caller
// cancelling, a bad URL or a certificate that does not verify are not.
func transient(err error) bool {
	var apiErr *wecom.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.Code {
		case wecom.CodeSystemBusy, wecom.CodeRateLimited, wecom.CodeConcurrencyLimited:
			return true
		}
		return false
	}
	var se *statusError
	if errors.As(err, &se) {
		return se.code >= 500 || se.code == http.StatusTooManyRequests
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var (
		certErr    *tls.CertificateVerificationError
		unknownCA  x509.UnknownAuthorityError
		hostErr    x509.HostnameError
		invalidErr x509.CertificateInvalidError
	)
	if errors.As(err, &certErr) || errors.As(err, &unknownCA) || errors.As(err, &hostErr) || errors.As(err, &invalidErr) {
		return false
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op != "parse"
	}
	var re *readError
	var ne net.Error
	return errors.As(err, &re) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF)
}
