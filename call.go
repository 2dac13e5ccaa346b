package wecom

// CallOption changes how one call made through a client's Do method
// (work.Client.Do, openwork.Provider.Do, openwork.Suite.Do) is sent. Pass
// it after Do's out argument:
//
//	err := c.Do(ctx, http.MethodPost, "/cgi-bin/tag/addtagusers", in, &out, wecom.Idempotent())
//
// Typed methods take none: each already knows whether it may be repeated.
type CallOption func(*CallOptions)

// CallOptions is what a list of CallOption values asks for. Clients read
// it with [NewCallOptions]; callers build it with CallOption values.
type CallOptions struct {
	// Idempotent says the call may be repeated after a transient failure
	// (see RetryPolicy): sending it twice has the same effect as sending
	// it once. It also lets net/http replay a GET on a new connection when
	// a kept-alive one was closed under it.
	Idempotent bool
}

// NewCallOptions applies opts, in order, over the defaults (nothing set);
// nil options are skipped.
func NewCallOptions(opts ...CallOption) CallOptions {
	var o CallOptions
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}

// Idempotent marks a raw call as safe to repeat: one that reads, or that
// sets a state which a second identical call leaves as it is. Such a call
// is retried after a rate limit (45009, 45033), "system busy" (-1), a 5xx
// answer or a network error, as [RetryPolicy] says.
//
// Without it, a call through Do is sent once: after a transient failure
// WeCom may have acted, and a repeat would act twice (a second member, a
// second approval, a second delete). A request that delivers something to
// people (message/send, appchat/send, kf/send_msg, webhook/send, a mass
// send, ...) is never repeated, even when marked Idempotent.
func Idempotent() CallOption { return func(o *CallOptions) { o.Idempotent = true } }
