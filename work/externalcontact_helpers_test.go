package work

// Table-driven test machinery for ExternalContactService. Every endpoint
// of the customer-contact area is described once as an ecCall; runECCalls
// then checks, for each:
//   - the request (method, path, access_token, JSON body or query) and the
//     decoded answer;
//   - that an errcode becomes a *wecom.APIError with the code and path;
//   - the repeat policy: a -1 answer is retried for reads (api.Idempotent),
//     only with wecom.AllowRetry for writes (api.Unsafe), and never for
//     message deliveries (api.Never).
// Cursor-paginated lists are described as ecIterCases; runECIters checks
// that their iterator follows three pages, stops when the caller breaks,
// and stops after yielding an error once.

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
)

// ecCall describes one call of ExternalContactService.
type ecCall struct {
	name   string
	method string // http.MethodGet or http.MethodPost
	path   string
	safety api.Safety
	// reply is WeCom's successful answer.
	reply string
	// wantBody is the JSON body a POST must send.
	wantBody string
	// wantQuery is the query a GET must send, besides access_token.
	wantQuery url.Values
	// call makes the call; it returns the method's result (nil for
	// methods that return only an error).
	call func(ctx context.Context, ec *ExternalContactService) (any, error)
	// want is the decoded result.
	want any
}

// runECCalls runs the request, error and repeat-policy checks of calls.
func runECCalls(t *testing.T, calls []ecCall) {
	t.Helper()
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			t.Run("request and answer", func(t *testing.T) {
				c, mt := newTestClient(t)
				rec := stubJSON(t, mt, tc.method, tc.path, tc.reply)
				got, err := tc.call(context.Background(), c.ExternalContact)
				require.NoError(t, err)
				require.Equal(t, 1, rec.count(), "requests sent")
				r := rec.last(t)
				assertCall(t, r, tc.method, tc.path)
				if tc.method == http.MethodPost {
					assertJSONBody(t, r, tc.wantBody)
				} else {
					q := url.Values{}
					for k, v := range r.Query {
						if k != "access_token" {
							q[k] = v
						}
					}
					want := tc.wantQuery
					if want == nil {
						want = url.Values{}
					}
					assert.Equal(t, want, q, "query")
					assert.Nil(t, r.Body, "a GET sends no body")
				}
				assert.Equal(t, tc.want, got, "decoded result")
			})
			t.Run("errcode", func(t *testing.T) {
				c, mt := newTestClient(t)
				stubError(t, mt, tc.method, tc.path, 48002)
				got, err := tc.call(context.Background(), c.ExternalContact)
				requireAPIError(t, err, 48002, tc.path)
				assert.Nil(t, got, "no result with an error")
			})
			t.Run("repeat policy", func(t *testing.T) {
				for _, allow := range []bool{false, true} {
					ctx := context.Background()
					if allow {
						ctx = wecom.AllowRetry(ctx)
					}
					c, mt := newTestClient(t)
					rec := ecStubSequence(t, mt, tc.method, tc.path, `{"errcode":-1,"errmsg":"system busy"}`, tc.reply)
					_, err := tc.call(ctx, c.ExternalContact)
					repeats := tc.safety == api.Idempotent || (tc.safety == api.Unsafe && allow)
					if repeats {
						require.NoError(t, err, "AllowRetry=%v", allow)
						assert.Equal(t, 2, rec.count(), "AllowRetry=%v: retried once", allow)
					} else {
						requireAPIError(t, err, -1, tc.path)
						assert.Equal(t, 1, rec.count(), "AllowRetry=%v: not repeated", allow)
					}
				}
			})
		})
	}
}

// ecStubSequence answers the requests to method and path with replies in
// order, repeating the last one.
func ecStubSequence(t testing.TB, mt *httpmock.MockTransport, method, path string, replies ...string) *recorder {
	t.Helper()
	require.NotEmpty(t, replies)
	rec := &recorder{}
	mt.RegisterResponder(method, testBaseURL+path, func(req *http.Request) (*http.Response, error) {
		if err := rec.add(req); err != nil {
			return nil, err
		}
		n := min(rec.count(), len(replies))
		return httpmock.NewStringResponse(http.StatusOK, replies[n-1]), nil
	})
	return rec
}

// ecStubPages answers the requests to method and path with pages[cursor],
// the cursor being read from the JSON body (POST) or the query (GET). An
// unknown cursor gets an HTTP 400 so that the test sees it.
func ecStubPages(t testing.TB, mt *httpmock.MockTransport, method, path string, pages map[string]string) *recorder {
	t.Helper()
	rec := &recorder{}
	var mu sync.Mutex
	mt.RegisterResponder(method, testBaseURL+path, func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		if err := rec.add(req); err != nil {
			return nil, err
		}
		all := rec.all()
		cursor := ecCursorOf(all[len(all)-1])
		reply, ok := pages[cursor]
		if !ok {
			return httpmock.NewStringResponse(http.StatusBadRequest, "unknown cursor "+cursor), nil
		}
		return httpmock.NewStringResponse(http.StatusOK, reply), nil
	})
	return rec
}

// ecCursorOf returns the cursor a page request carries.
func ecCursorOf(r recordedRequest) string {
	if r.Method == http.MethodGet {
		return r.Query.Get("cursor")
	}
	var body struct {
		Cursor string `json:"cursor"`
	}
	_ = json.Unmarshal(r.Body, &body)
	return body.Cursor
}

// ecIterCase describes one cursor-paginated list and its iterator.
type ecIterCase struct {
	name   string
	method string
	path   string
	// page builds one answer with the given item ids and next cursor.
	page func(ids []string, next string) string
	// wantBody is the JSON body every page request sends besides its
	// cursor (POST).
	wantBody string
	// wantQuery is the query every page request sends besides its cursor
	// and access_token (GET).
	wantQuery url.Values
	// seq returns the iterator, its items mapped to their ids.
	seq func(ctx context.Context, ec *ExternalContactService) iter.Seq2[string, error]
}

// ecIDs maps an iterator's items to strings with key.
func ecIDs[T any](seq iter.Seq2[T, error], key func(T) string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for v, err := range seq {
			if err != nil {
				yield("", err)
				return
			}
			if !yield(key(v), nil) {
				return
			}
		}
	}
}

// runECIters checks each iterator: three pages followed, early break, and
// stop after an error.
func runECIters(t *testing.T, cases []ecIterCase) {
	t.Helper()
	for _, tc := range cases {
		pages := map[string]string{
			"":   tc.page([]string{"a1", "a2"}, "c1"),
			"c1": tc.page([]string{"b1"}, "c2"),
			"c2": tc.page([]string{"c1x", "c2x"}, ""),
		}
		t.Run(tc.name, func(t *testing.T) {
			t.Run("follows the cursor", func(t *testing.T) {
				c, mt := newTestClient(t)
				rec := ecStubPages(t, mt, tc.method, tc.path, pages)
				var got []string
				for id, err := range tc.seq(context.Background(), c.ExternalContact) {
					require.NoError(t, err)
					got = append(got, id)
				}
				assert.Equal(t, []string{"a1", "a2", "b1", "c1x", "c2x"}, got)
				reqs := rec.all()
				require.Len(t, reqs, 3, "one request per page")
				for i, r := range reqs {
					assertCall(t, r, tc.method, tc.path)
					assert.Equal(t, []string{"", "c1", "c2"}[i], ecCursorOf(r), "cursor of page %d", i)
					ecAssertPageParams(t, tc, r)
				}
			})
			t.Run("stops when the caller breaks", func(t *testing.T) {
				c, mt := newTestClient(t)
				rec := ecStubPages(t, mt, tc.method, tc.path, pages)
				var got []string
				for id, err := range tc.seq(context.Background(), c.ExternalContact) {
					require.NoError(t, err)
					got = append(got, id)
					if len(got) == 2 { // the whole first page
						break
					}
				}
				assert.Equal(t, []string{"a1", "a2"}, got)
				assert.Equal(t, 1, rec.count(), "no page fetched after the break")
			})
			t.Run("stops after an error", func(t *testing.T) {
				c, mt := newTestClient(t)
				failing := map[string]string{"": pages[""], "c1": `{"errcode":48002,"errmsg":"api forbidden"}`, "c2": pages["c2"]}
				rec := ecStubPages(t, mt, tc.method, tc.path, failing)
				var got []string
				var errs []error
				for id, err := range tc.seq(context.Background(), c.ExternalContact) {
					if err != nil {
						errs = append(errs, err)
						continue // a well-behaved iterator yields nothing more
					}
					require.Empty(t, errs, "item %q yielded after an error", id)
					got = append(got, id)
				}
				assert.Equal(t, []string{"a1", "a2"}, got)
				require.Len(t, errs, 1, "the error is yielded once")
				requireAPIError(t, errs[0], 48002, tc.path)
				assert.Equal(t, 2, rec.count(), "no page fetched after the error")
			})
		})
	}
}

// ecAssertPageParams checks the parameters of a page request besides its
// cursor.
func ecAssertPageParams(t *testing.T, tc ecIterCase, r recordedRequest) {
	t.Helper()
	if tc.method == http.MethodGet {
		q := url.Values{}
		for k, v := range r.Query {
			if k != "access_token" && k != "cursor" {
				q[k] = v
			}
		}
		assert.Equal(t, tc.wantQuery, q, "page query")
		return
	}
	var body map[string]any
	decodeBody(t, r, &body)
	delete(body, "cursor")
	got, err := json.Marshal(body)
	require.NoError(t, err)
	assert.JSONEq(t, tc.wantBody, string(got), "page body")
}

// ecJSON marshals v for page builders; v is always encodable.
func ecJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("test data: %v", err))
	}
	return string(b)
}
