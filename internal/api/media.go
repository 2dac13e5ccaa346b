package api

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/go-resty/resty/v2"
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

// Upload streams f as a multipart/form-data request and decodes the JSON
// answer into out. Memory use does not grow with the file's size.
func (c *Client) Upload(ctx context.Context, auth *Auth, req Request, f File, out any) error {
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
		if end, err := seeker.Seek(0, io.SeekEnd); err == nil {
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
	used := false
	return c.run(ctx, auth, req, func(ctx context.Context, r *resty.Request) error {
		if used {
			if _, err := seeker.Seek(start, io.SeekStart); err != nil {
				return final(fmt.Errorf("rewind upload: %w", err))
			}
		}
		used = true
		body := io.MultiReader(bytes.NewReader(head), f.Reader, bytes.NewReader(tail))
		if f.Size >= 0 {
			ctx = context.WithValue(ctx, contentLengthKey{}, int64(len(head))+f.Size+int64(len(tail)))
			r.SetContext(ctx)
		}
		resp, err := r.SetHeader("Content-Type", contentType).SetBody(body).Execute(req.Method, req.Path)
		if err == nil {
			defer resp.RawBody().Close()
			err = decodeResponse(req.Path, resp.RawResponse, out)
		}
		if err != nil && seeker == nil {
			return final(err) // the content is consumed: no second attempt
		}
		return err
	})
}

// multipartFrame returns the bytes that go before and after the file's
// content in a one-part multipart body, and the body's Content-Type.
func multipartFrame(f File) (head, tail []byte, contentType string, err error) {
	var buf switchWriter
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

type switchWriter struct{ bytes.Buffer }

type contentLengthKey struct{}

// applyContentLength gives a streamed upload of known size its
// Content-Length, which net/http cannot see through an io.MultiReader.
func applyContentLength(_ *resty.Client, r *http.Request) error {
	if n, ok := r.Context().Value(contentLengthKey{}).(int64); ok {
		r.ContentLength = n
	}
	return nil
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
func (c *Client) Download(ctx context.Context, auth *Auth, req Request, w io.Writer) (*Download, error) {
	var d *Download
	err := c.run(ctx, auth, req, func(ctx context.Context, r *resty.Request) error {
		resp, err := r.Execute(req.Method, req.Path)
		if err != nil {
			return err
		}
		raw := resp.RawResponse
		defer raw.Body.Close()
		if isJSONAnswer(raw.Header) || raw.StatusCode/100 != 2 {
			if err := decodeResponse(req.Path, raw, nil); err != nil {
				return err
			}
			return fmt.Errorf("wecom: %s: got JSON without an errcode instead of a file", req.Path)
		}
		d = &Download{ContentType: raw.Header.Get("Content-Type"), Filename: filename(raw.Header)}
		if d.Size, err = io.Copy(w, raw.Body); err != nil {
			return final(err) // bytes were written: no second attempt
		}
		return nil
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
