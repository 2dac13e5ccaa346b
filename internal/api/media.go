package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/wecomkit/wecom"
)

// File is the content of a multipart upload.
type File struct {
	// Field is the form field name; WeCom's media endpoints use "media".
	Field string
	// Name is the file name WeCom records.
	Name string
	// ContentType of the part; default application/octet-stream.
	ContentType string
	// Reader is streamed as the part's content. If it is an io.Seeker the
	// upload can be repeated after an invalid token; otherwise it cannot.
	Reader io.Reader
	// Size is the content length, or -1 when unknown. With a known size
	// the request carries a Content-Length instead of chunked encoding.
	Size int64
}

// errNoContent is returned for an upload without a reader.
var errNoContent = errors.New("upload without content")

// Upload streams f as a multipart/form-data request and decodes the JSON
// answer into out. Memory use does not grow with the file's size. The
// client's timeout bounds each pause in sending the content and the wait
// for the answer, not the time the whole content takes to send.
func (c *Client) Upload(ctx context.Context, auth *Auth, req Request, f File, out any) error {
	req = req.normalized()
	if f.Reader == nil {
		return fmt.Errorf("wecom: %s: %w", req.Path, errNoContent)
	}
	if f.Field == "" {
		f.Field = "media"
	}
	if f.ContentType == "" {
		f.ContentType = "application/octet-stream"
	}
	seeker, _ := f.Reader.(io.Seeker)
	var start int64
	if seeker != nil {
		var err error
		if start, err = seeker.Seek(0, io.SeekCurrent); err != nil {
			seeker = nil
		}
	}
	if f.Size < 0 && seeker != nil {
		if end, err := seeker.Seek(0, io.SeekEnd); err == nil && end >= start {
			f.Size = end - start
		}
		if _, err := seeker.Seek(start, io.SeekStart); err != nil {
			return fmt.Errorf("wecom: %s: rewind upload: %w", req.Path, err)
		}
	}
	head, tail, contentType, err := multipartFrame(f)
	if err != nil {
		return fmt.Errorf("wecom: %s: %w", req.Path, err)
	}
	var previous *uploadBody
	if seeker != nil {
		// The caller may reuse a seekable reader once Upload returns.
		defer func() {
			if previous != nil {
				previous.detach()
			}
		}()
	}
	return c.run(ctx, auth, req, nil, true, func(a *attempt, u string) error {
		if previous != nil {
			// net/http may still be reading the previous attempt's body.
			previous.detach()
			if _, err := seeker.Seek(start, io.SeekStart); err != nil {
				return final(fmt.Errorf("rewind upload: %w", err))
			}
		}
		body := &uploadBody{r: io.MultiReader(bytes.NewReader(head), f.Reader, bytes.NewReader(tail)), a: a}
		previous = body
		resp, err := c.sendStream(a, req, u, body, contentType, f.Size, int64(len(head)+len(tail)))
		if err == nil {
			defer resp.Body.Close()
			a.progress() // the content is sent; the answer gets a full timeout
			err = decodeResponse(req.Path, resp, out)
		}
		if err != nil && seeker == nil {
			return final(err) // the content is consumed: no second attempt
		}
		return err
	})
}

// sendStream sends a streamed body with net/http directly, on resty's HTTP
// client: resty reads a reader body whole into memory (to be able to
// replay it on a redirect), which an upload of many megabytes must not do.
// A body of known size gets its Content-Length; without GetBody, a 307 or
// 308 redirect is returned as it is rather than followed.
func (c *Client) sendStream(a *attempt, req Request, u string, body io.ReadCloser, contentType string, size, frame int64) (*http.Response, error) {
	hr, err := http.NewRequestWithContext(a.ctx, req.Method, u, body)
	if err != nil {
		return nil, err
	}
	if size >= 0 {
		hr.ContentLength = frame + size
	}
	hr.Header.Set("Content-Type", contentType)
	return c.hc.Do(hr)
}

// multipartFrame returns the bytes that go before and after the file's
// content in a one-part multipart body, and the body's Content-Type.
func multipartFrame(f File) (head, tail []byte, contentType string, err error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := make(textproto.MIMEHeader)
	disp := fmt.Sprintf(`form-data; name=%q; filename=%q`, f.Field, f.Name)
	if f.Size >= 0 {
		disp += "; filelength=" + strconv.FormatInt(f.Size, 10)
	}
	h.Set("Content-Disposition", disp)
	h.Set("Content-Type", f.ContentType)
	if _, err := mw.CreatePart(h); err != nil {
		return nil, nil, "", err
	}
	head = bytes.Clone(buf.Bytes())
	buf.Reset()
	if err := mw.Close(); err != nil {
		return nil, nil, "", err
	}
	return head, bytes.Clone(buf.Bytes()), mw.FormDataContentType(), nil
}

// Download describes a file streamed by Client.Download.
type Download struct {
	Filename    string // from Content-Disposition, "" when absent
	ContentType string
	Size        int64 // bytes written to the caller's writer
}

// Download sends req and streams the file it answers with into w. When
// WeCom answers with JSON instead (its error form), the errcode is returned
// as *wecom.APIError and nothing is written. Nothing is retried once a byte
// has been written.
//
// The client's timeout bounds the wait for the answer's headers and then
// each pause in the file's stream, not the time the whole file takes: a
// large file on a slow link is not cut short while it is moving. Bound the
// whole call with ctx.
func (c *Client) Download(ctx context.Context, auth *Auth, req Request, w io.Writer) (*Download, error) {
	req = req.normalized()
	var d *Download
	rc := c.restyFor(req, false)
	err := c.run(ctx, auth, req, nil, true, func(a *attempt, u string) error {
		resp, err := rc.R().SetContext(a.ctx).SetDoNotParseResponse(true).Execute(req.Method, u)
		if err != nil {
			return err
		}
		raw := resp.RawResponse
		defer raw.Body.Close()
		a.progress() // headers are in; the body gets its own timeout
		if isJSONAnswer(raw.Header) || raw.StatusCode/100 != 2 {
			if err := decodeResponse(req.Path, raw, nil); err != nil {
				return err
			}
			return fmt.Errorf("%w: JSON without an errcode instead of a file", wecom.ErrUnexpectedResponse)
		}
		d = &Download{ContentType: raw.Header.Get("Content-Type"), Filename: filename(raw.Header)}
		body := &progressReader{r: raw.Body, a: a}
		d.Size, err = io.Copy(w, body)
		switch {
		case err == nil:
			return nil
		case body.err == nil || !errors.Is(err, body.err):
			return final(fmt.Errorf("write: %w", err)) // the caller's writer failed
		case d.Size > 0:
			return final(&readError{err: err}) // bytes were written: no second attempt
		}
		return &readError{err: err} // nothing written yet: may be retried
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func filename(h http.Header) string {
	_, params, err := mime.ParseMediaType(h.Get("Content-Disposition"))
	if err != nil {
		return ""
	}
	return strings.Trim(params["filename"], `"`)
}
