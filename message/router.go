package message

import (
	"context"
	"fmt"
)

// Handler handles one decrypted callback and returns the passive reply to
// send, or nil for none. A returned error makes [Server] answer 500 so
// that WeCom sends the callback again (400 if the error wraps [ErrParse]).
type Handler interface {
	ServeMessage(ctx context.Context, m *Message) (Reply, error)
}

// HandlerFunc adapts a function to [Handler].
type HandlerFunc func(ctx context.Context, m *Message) (Reply, error)

// ServeMessage calls f.
func (f HandlerFunc) ServeMessage(ctx context.Context, m *Message) (Reply, error) {
	return f(ctx, m)
}

// Router dispatches callbacks to the handler registered for the most
// specific matching [Kind]. It is itself a [Handler].
//
// For a message, it tries, in this order, the kinds
//
//  1. InfoType + ChangeType
//  2. InfoType
//  3. MsgType + Event + ChangeType
//  4. MsgType + Event
//  5. MsgType
//
// (steps 1–2 only for instruction callbacks, steps 3–5 only for messages
// and events) and falls back to the handler set with [Router.Fallback].
// Event names match case-insensitively ("LOCATION" and "location" are the
// same); the other fields match exactly.
//
// Register every handler before serving: a Router is safe for concurrent
// use by many goroutines only once registration is over.
type Router struct {
	routes     map[Kind]Handler
	fallback   Handler
	middleware []func(Handler) Handler
	chain      Handler
}

// NewRouter returns an empty Router. Messages no handler matches get no
// reply until [Router.Fallback] sets a handler for them.
func NewRouter() *Router {
	r := &Router{routes: make(map[Kind]Handler)}
	r.chain = HandlerFunc(r.dispatch)
	return r
}

// Handle registers h for the kind k. An Event without MsgType implies
// MsgType "event"; the zero Kind registers the fallback.
//
// Handle panics, as http.ServeMux does, if k is already registered, if it
// mixes InfoType with MsgType or Event, if it has a ChangeType but neither
// Event nor InfoType, or if h is nil.
func (r *Router) Handle(k Kind, h Handler) {
	if h == nil {
		panic("message: nil handler for " + k.String())
	}
	if k == (Kind{}) {
		r.Fallback(h)
		return
	}
	k = normalizeKind(k)
	switch {
	case k.InfoType != "" && (k.MsgType != "" || k.Event != ""):
		panic("message: kind mixes InfoType with MsgType or Event: " + fmt.Sprintf("%+v", k))
	case k.ChangeType != "" && k.Event == "" && k.InfoType == "":
		panic("message: kind has a ChangeType without Event or InfoType: " + fmt.Sprintf("%+v", k))
	}
	if _, dup := r.routes[k]; dup {
		panic("message: handler already registered for " + k.String())
	}
	r.routes[k] = h
}

// HandleFunc registers f for the kind k, see [Router.Handle].
func (r *Router) HandleFunc(k Kind, f HandlerFunc) {
	if f == nil {
		panic("message: nil handler for " + k.String())
	}
	r.Handle(k, f)
}

// Fallback sets the handler of messages no registered kind matches,
// including kinds this package does not know.
func (r *Router) Fallback(h Handler) {
	r.fallback = h
}

// Use appends middleware wrapped around the dispatch of every message,
// matched or not: the first added runs first.
func (r *Router) Use(mw ...func(Handler) Handler) {
	r.middleware = append(r.middleware, mw...)
	var h Handler = HandlerFunc(r.dispatch)
	for i := len(r.middleware) - 1; i >= 0; i-- {
		h = r.middleware[i](h)
	}
	r.chain = h
}

// ServeMessage implements [Handler]: it runs the middleware and the handler
// of the most specific matching kind.
func (r *Router) ServeMessage(ctx context.Context, m *Message) (Reply, error) {
	return r.chain.ServeMessage(ctx, m)
}

// dispatch runs the handler that matches m, if any.
func (r *Router) dispatch(ctx context.Context, m *Message) (Reply, error) {
	if h := r.Match(m); h != nil {
		return h.ServeMessage(ctx, m)
	}
	return nil, nil
}

// Match returns the handler for m: the one of the most specific matching
// kind, else the fallback, else nil. It does not run middleware.
func (r *Router) Match(m *Message) Handler {
	if m.InfoType != "" {
		if m.ChangeType != "" {
			if h, ok := r.routes[Kind{InfoType: m.InfoType, ChangeType: m.ChangeType}]; ok {
				return h
			}
		}
		if h, ok := r.routes[Kind{InfoType: m.InfoType}]; ok {
			return h
		}
	} else if m.MsgType != "" {
		event := lowerASCII(m.Event)
		if event != "" {
			if m.ChangeType != "" {
				if h, ok := r.routes[Kind{MsgType: m.MsgType, Event: event, ChangeType: m.ChangeType}]; ok {
					return h
				}
			}
			if h, ok := r.routes[Kind{MsgType: m.MsgType, Event: event}]; ok {
				return h
			}
		}
		if h, ok := r.routes[Kind{MsgType: m.MsgType}]; ok {
			return h
		}
	}
	return r.fallback
}

// On registers f for the kind of the payload type P: the router decodes
// each matching message into a new P and passes it to f. P is the struct
// type (On[Text], not On[*Text]).
//
//	message.On(r, func(ctx context.Context, m *message.Message, t *message.Text) (message.Reply, error) {
//		return &message.TextReply{Content: "echo: " + t.Content}, nil
//	})
//
// A message that does not decode into P is not passed to f; the error,
// wrapping [ErrParse], makes the server answer 400.
func On[P Payload](r *Router, f func(ctx context.Context, m *Message, p *P) (Reply, error)) {
	var zero P
	r.Handle(zero.Kind(), HandlerFunc(func(ctx context.Context, m *Message) (Reply, error) {
		p := new(P)
		if err := m.Decode(p); err != nil {
			return nil, err
		}
		return f(ctx, m, p)
	}))
}

// normalizeKind lower-cases the event name and fills in MsgType "event".
func normalizeKind(k Kind) Kind {
	k.Event = lowerASCII(k.Event)
	if k.Event != "" && k.MsgType == "" {
		k.MsgType = MsgTypeEvent
	}
	return k
}

// lowerASCII lower-cases the ASCII letters of s, without allocating when
// there are none to change.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
