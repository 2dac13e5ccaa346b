package work

// Table-driven checks of typed methods. Each method is described once as
// an apiCase; runAPICases then checks, for each:
//   - the request (method, path, access_token, exact query, JSON body) and
//     the decoded answer;
//   - that an errcode becomes a *wecom.APIError with the code and path, is
//     not repeated, and leaves no result;
//   - the repeat policy: a -1 answer is retried for api.Idempotent methods
//     (reads, set-style writes), never for api.Unsafe writes nor for
//     deliveries (api.Never, which every path in the core's delivery table
//     must declare).
// Cursor-paginated lists are described as iterCases; runIterCases checks
// that their iterator follows three pages, stops when the caller breaks,
// and stops after yielding an error once.

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wecomkit/wecom/internal/api"
)

// apiCase is one call of a typed method.
type apiCase struct {
	name   string
	method string // http.MethodGet or http.MethodPost
	path   string // e.g. "/cgi-bin/user/get"
	// safety is how the method treats a transient failure; the zero value
	// is api.Unsafe.
	safety api.Safety
	// reply is WeCom's successful answer.
	reply string
	// call invokes the method and returns its result (nil for methods
	// that return only an error).
	call func(ctx context.Context, c *Client) (any, error)
	// query is the exact query expected besides access_token (nil: none).
	query url.Values
	// body is the JSON body expected ("": no body).
	body string
	// want is the expected result of call.
	want any
}

// runAPICases runs the request, errcode and repeat-policy checks of every
// case as subtests.
func runAPICases(t *testing.T, cases []apiCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubJSON(t, mt, tc.method, tc.path, tc.reply)
			got, err := tc.call(t.Context(), c)
			require.NoError(t, err)
			require.Equal(t, 1, rec.count(), "requests sent")
			r := rec.last(t)
			assertCall(t, r, tc.method, tc.path)
			assertQuery(t, r, tc.query)
			if tc.body == "" {
				assert.Empty(t, r.Body, "request body")
			} else {
				assertJSONBody(t, r, tc.body)
			}
			assert.Equal(t, tc.want, got, "result")
		})
		t.Run(tc.name+"/errcode", func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := stubError(t, mt, tc.method, tc.path, 60011)
			got, err := tc.call(t.Context(), c)
			requireAPIError(t, err, 60011, tc.path)
			assertNoResult(t, got)
			assert.Equal(t, 1, rec.count(), "an errcode 60011 is not retried")
		})
		t.Run(tc.name+"/repeat policy", func(t *testing.T) {
			// The delivery table of the core and the method agree.
			if api.IsDelivery(tc.path) {
				assert.Equal(t, api.Never, tc.safety, "%s delivers: its method must say api.Never", tc.path)
			}
			c, mt := newTestClient(t)
			rec := stubSequence(t, mt, tc.method, tc.path, `{"errcode":-1,"errmsg":"system busy"}`, tc.reply)
			_, err := tc.call(t.Context(), c)
			if tc.safety == api.Idempotent {
				require.NoError(t, err)
				assert.Equal(t, 2, rec.count(), "%v: retried once", tc.safety)
			} else {
				requireAPIError(t, err, -1, tc.path)
				assert.Equal(t, 1, rec.count(), "%v: not repeated", tc.safety)
			}
		})
	}
}

// iterCase describes one cursor-paginated list and its iterator; the
// cursor is sent as "cursor".
type iterCase struct {
	name   string
	method string
	path   string
	// page builds one answer with the given item ids and next cursor.
	page func(ids []string, next string) string
	// body is the JSON body every page request sends besides its cursor
	// (POST).
	body string
	// query is the query every page request sends besides its cursor and
	// access_token (GET).
	query url.Values
	// seq returns the iterator, its items mapped to their ids.
	seq func(ctx context.Context, c *Client) iter.Seq2[string, error]
}

// idsOf maps an iterator's items to strings with key.
func idsOf[T any](seq iter.Seq2[T, error], key func(T) string) iter.Seq2[string, error] {
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

// runIterCases checks each iterator: three pages followed, early break,
// and stop after an error.
func runIterCases(t *testing.T, cases []iterCase) {
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
				rec := stubPages(t, mt, tc.method, tc.path, "cursor", pages)
				var got []string
				for id, err := range tc.seq(t.Context(), c) {
					require.NoError(t, err)
					got = append(got, id)
				}
				assert.Equal(t, []string{"a1", "a2", "b1", "c1x", "c2x"}, got)
				reqs := rec.all()
				require.Len(t, reqs, 3, "one request per page")
				for i, r := range reqs {
					assertCall(t, r, tc.method, tc.path)
					assert.Equal(t, []string{"", "c1", "c2"}[i], cursorOf(r, "cursor"), "cursor of page %d", i)
					assertPageParams(t, tc, r)
				}
			})
			t.Run("stops when the caller breaks", func(t *testing.T) {
				c, mt := newTestClient(t)
				rec := stubPages(t, mt, tc.method, tc.path, "cursor", pages)
				var got []string
				for id, err := range tc.seq(t.Context(), c) {
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
				rec := stubPages(t, mt, tc.method, tc.path, "cursor", failing)
				var got []string
				var errs []error
				for id, err := range tc.seq(t.Context(), c) {
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

// assertPageParams checks the parameters of a page request besides its
// cursor.
func assertPageParams(t *testing.T, tc iterCase, r recordedRequest) {
	t.Helper()
	assertQuery(t, r, tc.query, "cursor")
	if tc.method == http.MethodGet {
		return
	}
	var body map[string]any
	decodeBody(t, r, &body)
	delete(body, "cursor")
	got, err := json.Marshal(body)
	require.NoError(t, err)
	assert.JSONEq(t, tc.body, string(got), "page body")
}

// jsonPage returns a page builder for iterCase: an answer listing
// item(id) for each id under listKey, with next as next_cursor.
func jsonPage(listKey string, item func(id string) map[string]any) func(ids []string, next string) string {
	return func(ids []string, next string) string {
		list := make([]map[string]any, 0, len(ids))
		for _, id := range ids {
			list = append(list, item(id))
		}
		return mustJSON(map[string]any{"errcode": 0, listKey: list, "next_cursor": next})
	}
}

// mustJSON marshals v for page builders; v is always encodable.
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("test data: %v", err))
	}
	return string(b)
}
