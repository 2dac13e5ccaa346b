package benchmarks

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/xen0n/go-workwx"
)

// github.com/xen0n/go-workwx v1.7.0 exposes its callback machinery only as
// an http.Handler (workwx.NewHTTPHandler) and keeps its token getter
// unexported, so it takes part in the callback benchmark only: one op is a
// POST served by its handler, which is what a user of it runs. The request
// and recorder it needs are built inside the op; they cost about a
// microsecond, which the figures include.

type workwxRecorder struct{ from, content string }

func (r *workwxRecorder) OnIncomingMessage(m *workwx.RxMessage) error {
	t, ok := m.Text()
	if !ok {
		return errors.New("workwx: not a text message")
	}
	r.from, r.content = m.FromUserID, t.GetContent()
	return nil
}

func workwxCallback(tb testing.TB, signature string) callbackOp {
	rec := &workwxRecorder{}
	h, err := workwx.NewHTTPHandler(sampleToken, sampleEncodingAESKey, rec)
	if err != nil {
		tb.Fatal(err)
	}
	target := "/callback?msg_signature=" + signature + "&timestamp=" + sampleTimestamp + "&nonce=" + sampleNonce
	body := []byte(sampleBody)
	return func() (string, string, error) {
		rec.from, rec.content = "", ""
		req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			return "", "", errors.New("workwx: status " + http.StatusText(w.Code))
		}
		return rec.from, rec.content, nil
	}
}
