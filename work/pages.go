package work

import (
	"context"
	"iter"
)

// cursorPage is one page of a cursor-paginated list: its items and the
// cursor of the next page, "" after the last.
type cursorPage[T any] interface {
	page() (items []T, next string)
}

// walkPages yields every item of the pages that fetch returns, from cursor
// "" on, following each page's next cursor as walk does.
func walkPages[T any, P cursorPage[T]](ctx context.Context, fetch func(ctx context.Context, cursor string) (P, error)) iter.Seq2[T, error] {
	return walk(ctx, func(ctx context.Context, cursor string) ([]T, string, error) {
		p, err := fetch(ctx, cursor)
		if err != nil {
			return nil, "", err
		}
		items, next := p.page()
		return items, next, nil
	})
}
