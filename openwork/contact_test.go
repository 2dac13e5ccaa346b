package openwork

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
)

// The id_translate flow: upload the file, start the job, poll the result
// with the job id in the query, then download the result file, which is
// fetched without any credential of the provider.
func TestContactIDTranslateFlow(t *testing.T) {
	f, p := newLicenseProvider(t)
	ctx := context.Background()
	var uploaded string
	f.mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/service/media/upload", func(req *http.Request) (*http.Response, error) {
		assert.Equal(t, "PTOKEN", req.URL.Query().Get("provider_access_token"))
		assert.Equal(t, "file", req.URL.Query().Get("type"))
		file, params, err := req.FormFile("media")
		require.NoError(t, err)
		content, err := io.ReadAll(file)
		require.NoError(t, err)
		assert.Equal(t, "$userName=zhangsan$,$userName=lisi$\n", string(content))
		assert.Contains(t, params.Header.Get("Content-Disposition"), "filelength=36", "Size 0 is an unknown size, not an empty file")
		uploaded = params.Filename
		return httpmock.NewStringResponse(200, `{"errcode":0,"errmsg":"ok","type":"file","media_id":"MEDIA1","created_at":1380000000}`), nil
	})
	f.on(http.MethodPost, "/cgi-bin/service/contact/id_translate", func(q url.Values, body map[string]any) any {
		assert.Equal(t, []any{"MEDIA1"}, body["media_id_list"])
		return map[string]any{"errcode": 0, "jobid": "JOB1"}
	})
	polls := 0
	f.on(http.MethodGet, "/cgi-bin/service/batch/getresult", func(q url.Values, _ map[string]any) any {
		assert.Equal(t, "JOB1", q.Get("jobid"))
		assert.Equal(t, "PTOKEN", q.Get("provider_access_token"))
		polls++
		if polls == 1 {
			return json.RawMessage(`{"errcode":0,"errmsg":"ok","status":2,"type":"contact_id_translate","percentage":"50"}`)
		}
		return json.RawMessage(`{"errcode":0,"errmsg":"ok","status":3,"type":"contact_id_translate","percentage":100,` +
			`"result":{"contact_id_translate":{"url":"https://files.example.invalid/result.csv?sig=1"}}}`)
	})
	f.mt.RegisterResponder(http.MethodGet, "https://files.example.invalid/result.csv", func(req *http.Request) (*http.Response, error) {
		assert.NotContains(t, req.URL.RawQuery, "PTOKEN", "no credential goes to the file host")
		return httpmock.NewStringResponse(200, "张三,李四\n"), nil
	})

	up, err := p.UploadMedia(ctx, MediaUpload{Type: MediaFile, Name: "names.csv", Body: strings.NewReader("$userName=zhangsan$,$userName=lisi$\n")})
	require.NoError(t, err)
	assert.Equal(t, UploadResult{Type: MediaFile, MediaID: "MEDIA1", CreatedAt: time.Unix(1380000000, 0)}, *up)
	assert.Equal(t, "names.csv", uploaded)
	job, err := p.Contact.TranslateIDs(ctx, IDTranslateRequest{AuthCorpID: "wwcorp", MediaIDList: []string{up.MediaID}})
	require.NoError(t, err)

	r, err := p.Contact.BatchResult(ctx, job)
	require.NoError(t, err)
	assert.Equal(t, BatchJobRunning, r.Status)
	assert.Equal(t, 50, r.Percentage, "a string percentage still decodes")
	_, err = p.Contact.DownloadResult(ctx, r, io.Discard)
	assert.ErrorIs(t, err, ErrJobNotDone)

	r, err = p.Contact.BatchResult(ctx, job)
	require.NoError(t, err)
	var buf bytes.Buffer
	n, err := p.Contact.DownloadResult(ctx, r, &buf)
	require.NoError(t, err)
	assert.Equal(t, int64(buf.Len()), n)
	assert.Equal(t, "张三,李四\n", buf.String())
}

// A known size goes out as the request's Content-Length; a created_at
// sent as a string still decodes.
func TestUploadMediaKnownSizeAndStringTime(t *testing.T) {
	f, p := newLicenseProvider(t)
	f.mt.RegisterResponder(http.MethodPost, base+"/cgi-bin/service/media/upload", func(req *http.Request) (*http.Response, error) {
		assert.Positive(t, req.ContentLength, "a known size is sent as Content-Length")
		file, params, err := req.FormFile("media")
		require.NoError(t, err)
		content, err := io.ReadAll(file)
		require.NoError(t, err)
		assert.Equal(t, "abc", string(content))
		assert.Contains(t, params.Header.Get("Content-Disposition"), "filelength=3")
		return httpmock.NewStringResponse(200, `{"errcode":0,"errmsg":"ok","type":"file","media_id":"M2","created_at":"1380000001"}`), nil
	})
	up, err := p.UploadMedia(context.Background(), MediaUpload{Type: MediaFile, Name: "a.csv", Body: strings.NewReader("abc"), Size: 3})
	require.NoError(t, err)
	assert.Equal(t, UploadResult{Type: MediaFile, MediaID: "M2", CreatedAt: time.Unix(1380000001, 0)}, *up)
}

func TestUploadMediaBadInputSendsNothing(t *testing.T) {
	f, p := newLicenseProvider(t)
	ctx := context.Background()
	for _, in := range []MediaUpload{
		{Name: "a.csv", Body: strings.NewReader("x")},
		{Type: MediaFile, Body: strings.NewReader("x")},
		{Type: MediaFile, Name: "a.csv"},
	} {
		_, err := p.UploadMedia(ctx, in)
		assert.ErrorIs(t, err, ErrInvalidMedia)
	}
	assert.Zero(t, f.mt.GetTotalCallCount(), "nothing sent, not even a token request")
}

func TestJSCode2SessionQueryAndRedaction(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, nil, false)
	suiteTokenResponder(f, "SUITE-TOKEN")
	require.NoError(t, s.SetTicket(context.Background(), "TICKET-1"))
	f.on(http.MethodGet, "/cgi-bin/service/miniprogram/jscode2session", func(q url.Values, _ map[string]any) any {
		assert.Equal(t, url.Values{"suite_access_token": {"SUITE-TOKEN"}, "js_code": {"CODE"}, "grant_type": {"authorization_code"}}, q)
		return map[string]any{"errcode": 0, "corpid": "wwcorp", "userid": "u1", "session_key": "SESSION-KEY-SECRET"}
	})
	m, err := s.JSCode2Session(context.Background(), "CODE")
	require.NoError(t, err)
	assert.Equal(t, "SESSION-KEY-SECRET", m.SessionKey)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		assert.NotContains(t, fmt.Sprintf(verb, *m), "SESSION-KEY-SECRET", verb)
		assert.NotContains(t, fmt.Sprintf(verb, m), "SESSION-KEY-SECRET", verb)
	}
}

// Paid-app calls go with the suite_access_token; a trial extension is not
// repeated after a transient failure.
func TestProlongTryIsNotRepeated(t *testing.T) {
	f := newFake(t)
	s := newSuite(t, f, nil, false)
	suiteTokenResponder(f, "SUITE-TOKEN")
	require.NoError(t, s.SetTicket(context.Background(), "TICKET-1"))
	f.on(http.MethodPost, "/cgi-bin/service/prolong_try", func(q url.Values, _ map[string]any) any {
		assert.Equal(t, "SUITE-TOKEN", q.Get("suite_access_token"))
		return map[string]any{"errcode": -1, "errmsg": "busy"}
	})
	_, err := s.Order.ProlongTry(context.Background(), ProlongTryRequest{BuyerCorpID: "wwcorp", ProlongDays: 7})
	require.Error(t, err)
	assert.Equal(t, 1, f.count("/cgi-bin/service/prolong_try"))
}

func TestDeviceInstanceHidesItsSecret(t *testing.T) {
	d := DeviceInstance{DeviceSN: "SN1", SecretNo: "DEVICE-SECRET-NO"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		assert.NotContains(t, fmt.Sprintf(verb, d), "DEVICE-SECRET-NO", verb)
		assert.NotContains(t, fmt.Sprintf(verb, &d), "DEVICE-SECRET-NO", verb)
	}
	assert.Contains(t, d.String(), "SN1")
}

// The balance is a read with the provider_access_token: repeated after
// WeCom's "system busy", and a string number still decodes.
func TestAccountBalanceIsARepeatableRead(t *testing.T) {
	f, p := newLicenseProvider(t)
	n := 0
	f.on(http.MethodGet, "/cgi-bin/service/get_account_balance", func(q url.Values, _ map[string]any) any {
		assert.Equal(t, "PTOKEN", q.Get("provider_access_token"), "provider credential")
		if n++; n == 1 {
			return map[string]any{"errcode": -1, "errmsg": "system busy"}
		}
		return json.RawMessage(`{"errcode":0,"errmsg":"ok","balance":"1000090"}`)
	})
	b, err := p.License.AccountBalance(context.Background())
	require.NoError(t, err)
	assert.Equal(t, int64(1000090), b)
	assert.Equal(t, 2, f.count("/cgi-bin/service/get_account_balance"))
}

// A device secret reset goes with the provider_access_token; WeCom's
// refusal is a named error.
func TestDeviceResetSecretCredentialAndError(t *testing.T) {
	f, p := newLicenseProvider(t)
	f.on(http.MethodPost, "/cgi-bin/service/reset_secret_no", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "PTOKEN", q.Get("provider_access_token"), "provider credential")
		assert.Equal(t, map[string]any{"device_sn": "WXWK001"}, body)
		return map[string]any{"errcode": 40058, "errmsg": "invalid parameter"}
	})
	err := p.Device.ResetSecret(context.Background(), "WXWK001")
	var ae *wecom.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "/cgi-bin/service/reset_secret_no", ae.Path)
}

// The zero PrinterSupportRequest says the device can print: it sends
// not_supported_printer 0, with the provider_access_token.
func TestSetPrinterSupportZeroValueSupportsPrinting(t *testing.T) {
	f, p := newLicenseProvider(t)
	f.on(http.MethodPost, "/cgi-bin/service/set_printer_support_state", func(q url.Values, body map[string]any) any {
		assert.Equal(t, "PTOKEN", q.Get("provider_access_token"), "provider credential")
		assert.Equal(t, map[string]any{"device_sn": "SN1", "not_supported_printer": float64(0)}, body)
		return map[string]any{"errcode": 0, "errmsg": "ok"}
	})
	require.NoError(t, p.Device.SetPrinterSupport(context.Background(), PrinterSupportRequest{DeviceSN: "SN1"}))
	assert.Equal(t, 1, f.count("/cgi-bin/service/set_printer_support_state"))
}
