package work

import (
	"context"
	"iter"
)

// pageFunc fetches the page that starts at cursor ("" for the first) and
// returns its items and the next cursor ("" when done).
type pageFunc[T any] func(ctx context.Context, cursor string) (items []T, next string, err error)

// walk yields every item of a cursor-paginated list, following the cursor
// until WeCom returns an empty one. It stops after yielding an error, or
// when the caller breaks out of the loop; no page is fetched that the
// caller will not read from.
func walk[T any](ctx context.Context, page pageFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cursor := ""
		for {
			items, next, err := page(ctx, cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if next == "" || next == cursor {
				return
			}
			cursor = next
		}
	}
}
