package work

import "context"

// msgFixedToken is a token source that always hands out the same token.
type msgFixedToken string

func (s msgFixedToken) Token(context.Context) (string, error)    { return string(s), nil }
func (s msgFixedToken) Invalidate(context.Context, string) error { return nil }
