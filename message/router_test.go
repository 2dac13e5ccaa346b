package message

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// named returns a handler whose reply names it.
func named(name string) HandlerFunc {
	return func(context.Context, *Message) (Reply, error) { return &TextReply{Content: name}, nil }
}

// routedTo returns the name of the handler r picks for m, or "" for none.
func routedTo(t *testing.T, r *Router, m *Message) string {
	t.Helper()
	reply, err := r.ServeMessage(ctx, m)
	require.NoError(t, err)
	if reply == nil {
		return ""
	}
	return reply.(*TextReply).Content
}

func TestRouterSpecificity(t *testing.T) {
	r := NewRouter()
	r.HandleFunc(Kind{InfoType: "change_contact", ChangeType: "create_user"}, named("info+change"))
	r.HandleFunc(Kind{InfoType: "change_contact"}, named("info"))
	r.HandleFunc(Kind{MsgType: "event", Event: "change_contact", ChangeType: "create_user"}, named("event+change"))
	r.HandleFunc(Kind{MsgType: "event", Event: "change_contact"}, named("event"))
	r.HandleFunc(Kind{MsgType: "event"}, named("msgtype event"))
	r.HandleFunc(Kind{MsgType: "text"}, named("text"))
	r.Fallback(named("fallback"))

	tests := []struct {
		m    Message
		want string
	}{
		{Message{InfoType: "change_contact", ChangeType: "create_user"}, "info+change"},
		{Message{InfoType: "change_contact", ChangeType: "delete_user"}, "info"},
		{Message{InfoType: "change_contact"}, "info"},
		{Message{InfoType: "suite_ticket"}, "fallback"},
		{Message{MsgType: "event", Event: "change_contact", ChangeType: "create_user"}, "event+change"},
		{Message{MsgType: "event", Event: "change_contact", ChangeType: "update_user"}, "event"},
		{Message{MsgType: "event", Event: "Change_Contact", ChangeType: "create_user"}, "event+change"},
		{Message{MsgType: "event", Event: "click"}, "msgtype event"},
		{Message{MsgType: "text"}, "text"},
		{Message{MsgType: "text", Event: "odd"}, "text"},
		{Message{MsgType: "shiny_new_type"}, "fallback"},
		{Message{}, "fallback"},
		// An instruction never matches message kinds, even with a MsgType.
		{Message{InfoType: "unknown", MsgType: "text"}, "fallback"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, routedTo(t, r, &tt.m), "%+v", tt.m)
	}
}

func TestRouterEventCaseInsensitive(t *testing.T) {
	r := NewRouter()
	On(r, func(context.Context, *Message, *LocationReport) (Reply, error) {
		return &TextReply{Content: "location"}, nil
	})
	r.HandleFunc(Kind{Event: "Click"}, named("click")) // MsgType "event" implied
	for _, event := range []string{"LOCATION", "location"} {
		m, err := Parse([]byte(eventXML(event, "", "<Latitude>23.1</Latitude>")))
		require.NoError(t, err)
		assert.Equal(t, "location", routedTo(t, r, m))
	}
	assert.Equal(t, "click", routedTo(t, r, &Message{MsgType: "event", Event: "click"}))
	assert.Empty(t, routedTo(t, r, &Message{MsgType: "event", Event: "view"}), "no fallback: no reply")
}

func TestRouterRegistrationErrors(t *testing.T) {
	r := NewRouter()
	r.HandleFunc(Kind{MsgType: "text"}, named("a"))
	assert.PanicsWithValue(t, "message: handler already registered for text", func() {
		r.HandleFunc(Kind{MsgType: "text"}, named("b"))
	})
	assert.Panics(t, func() { r.HandleFunc(Kind{InfoType: "x", MsgType: "event"}, named("b")) })
	assert.Panics(t, func() { r.HandleFunc(Kind{ChangeType: "create_user"}, named("b")) })
	assert.Panics(t, func() { r.Handle(Kind{MsgType: "image"}, nil) })
	assert.Panics(t, func() { On(r, func(context.Context, *Message, *Text) (Reply, error) { return nil, nil }) })

	// The zero Kind is the fallback.
	r.HandleFunc(Kind{}, named("fallback"))
	assert.Equal(t, "fallback", routedTo(t, r, &Message{MsgType: "voice"}))
}

func TestRouterMiddleware(t *testing.T) {
	r := NewRouter()
	var order []string
	mw := func(name string) func(Handler) Handler {
		return func(next Handler) Handler {
			return HandlerFunc(func(ctx context.Context, m *Message) (Reply, error) {
				order = append(order, name+">")
				reply, err := next.ServeMessage(ctx, m)
				order = append(order, "<"+name)
				return reply, err
			})
		}
	}
	r.Use(mw("a"), mw("b"))
	r.Use(mw("c"))
	r.HandleFunc(Kind{MsgType: "text"}, func(context.Context, *Message) (Reply, error) {
		order = append(order, "handler")
		return nil, nil
	})
	_, err := r.ServeMessage(ctx, &Message{MsgType: "text"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a>", "b>", "c>", "handler", "<c", "<b", "<a"}, order)

	// Middleware also runs for unmatched messages.
	order = nil
	_, err = r.ServeMessage(ctx, &Message{MsgType: "image"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a>", "b>", "c>", "<c", "<b", "<a"}, order)
}

func TestOnDecodeError(t *testing.T) {
	r := NewRouter()
	called := false
	On(r, func(context.Context, *Message, *CreateParty) (Reply, error) {
		called = true
		return nil, nil
	})
	m, err := Parse([]byte(eventXML("change_contact", "create_party", "<Id>not a number</Id>")))
	require.NoError(t, err)
	_, err = r.ServeMessage(ctx, m)
	assert.ErrorIs(t, err, ErrParse)
	assert.False(t, called)
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "text", Kind{MsgType: "text"}.String())
	assert.Equal(t, "event/change_contact/create_user", CreateUser{}.Kind().String())
	assert.Equal(t, "info/suite_ticket", SuiteTicket{}.Kind().String())
	assert.Equal(t, "info/change_contact/update_tag", Kind{InfoType: "change_contact", ChangeType: "update_tag"}.String())
	assert.Equal(t, "fallback", Kind{}.String())
	assert.Equal(t, "event/click", Kind{Event: "click"}.String())
}
