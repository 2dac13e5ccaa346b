package work

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// ErrNilRequest is returned, without calling WeCom, by a method given a nil
// request pointer.
var ErrNilRequest = errors.New("work: nil request")

// checkPeriod rejects a missing or reversed period with the sentinel
// invalid.
func checkPeriod(start, end time.Time, invalid error) error {
	if start.IsZero() || end.IsZero() {
		return fmt.Errorf("%w: start and end are required", invalid)
	}
	if end.Before(start) {
		return fmt.Errorf("%w: end %s is before start %s", invalid, end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	return nil
}

// idQuery is the query key=id.
func idQuery(key string, id int64) url.Values {
	return url.Values{key: {strconv.FormatInt(id, 10)}}
}

// getAs reads the GET endpoint path with the query q and returns the
// answer decoded leniently (decodeLenient) into a new T. Like service.get, it is repeated after a
// transient failure.
func getAs[T any](ctx context.Context, s *service, path string, q url.Values) (*T, error) {
	var out T
	if err := s.get(ctx, path, q, lenient(&out)); err != nil {
		return nil, err
	}
	return &out, nil
}

// postAs posts in to path with the given repeat safety and returns the
// answer decoded leniently (decodeLenient) into a new T.
func postAs[T any](ctx context.Context, s *service, path string, in any, safety api.Safety) (*T, error) {
	var out T
	if err := s.post(ctx, path, in, lenient(&out), safety); err != nil {
		return nil, err
	}
	return &out, nil
}
