package api

import (
	"path"
	"strings"

	"github.com/wecomkit/wecom"
)

// Safety says whether a request may be repeated after a transient failure
// (a rate limit, "system busy", a 5xx answer, a network error).
//
// Whatever its Safety, a request is repeated once after WeCom rejected its
// credential (WeCom did nothing with it). A GET whose Safety is not
// Idempotent is also made non-replayable by net/http's Transport, which
// otherwise re-sends a GET on its own when a reused keep-alive connection
// is closed under it.
type Safety int

const (
	// Unsafe requests change state; they are not repeated. This is the
	// zero value, so a request that does not say otherwise is sent once.
	Unsafe Safety = iota
	// Idempotent requests (reads, writes that set a state) may be
	// repeated.
	Idempotent
	// Never requests deliver something to people (messages, welcome
	// messages, mass sends, invitations, replies) and are never repeated,
	// whatever the caller says. Every request to a delivery path is Never
	// (see IsDelivery), whether it was built by a typed method or came
	// through a raw Do.
	Never
)

// String returns the constant's name.
func (s Safety) String() string {
	switch s {
	case Unsafe:
		return "Unsafe"
	case Idempotent:
		return "Idempotent"
	case Never:
		return "Never"
	}
	return "Safety(?)"
}

// deliveries lists the paths whose requests deliver something to people:
// repeating one after a failure that may have come after WeCom acted
// (a lost answer, a 5xx, "system busy") could deliver it twice. The core
// consults this table for every request, so that neither a typed method
// nor a raw Do repeats them. Keys are lower-case paths without a trailing
// slash.
var deliveries = map[string]struct{}{
	"/cgi-bin/message/send":                               {}, // app message
	"/cgi-bin/appchat/send":                               {}, // group chat message
	"/cgi-bin/linkedcorp/message/send":                    {}, // message to a linked corp
	"/cgi-bin/externalcontact/message/send":               {}, // home-school message
	"/cgi-bin/externalcontact/send_welcome_msg":           {}, // welcome message to a new customer
	"/cgi-bin/externalcontact/add_msg_template":           {}, // mass send to customers or customer groups
	"/cgi-bin/externalcontact/add_moment_task":            {}, // moments post handed to members
	"/cgi-bin/externalcontact/remind_groupmsg_send":       {}, // reminder to members of a mass send
	"/cgi-bin/externalcontact/group_welcome_template/add": {}, // notifies members by default
	"/cgi-bin/externalcontact/transfer_customer":          {}, // sends transfer_success_msg to the customer
	"/cgi-bin/kf/send_msg":                                {}, // customer-service message
	"/cgi-bin/kf/send_msg_on_event":                       {}, // customer-service event reply
	"/cgi-bin/webhook/send":                               {}, // group robot message
	"/cgi-bin/aibot/response":                             {}, // intelligent robot reply (response_url)
	"/cgi-bin/batch/invite":                               {}, // invitations to members
	"/cgi-bin/pstncc/call":                                {}, // emergency voice call
	"/cgi-bin/exmail/app/compose_send":                    {}, // e-mail
}

// IsDelivery reports whether a request to p (a URL path, without query)
// delivers something to people and so is never repeated. The comparison
// ignores case, repeated slashes, dot segments and a trailing slash, so
// that a path WeCom would route the same way is recognized.
func IsDelivery(p string) bool {
	if _, ok := deliveries[p]; ok {
		return true
	}
	if !needsCleaning(p) {
		return false
	}
	clean := strings.ToLower(path.Clean("/" + p))
	_, ok := deliveries[clean]
	return ok
}

// needsCleaning reports whether p could differ from its table key: upper
// case letters, doubled or trailing slashes, dot segments.
func needsCleaning(p string) bool {
	if p == "" || p[0] != '/' || p[len(p)-1] == '/' {
		return true
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case 'A' <= c && c <= 'Z', c == '.', c == '%':
			return true
		case c == '/' && i+1 < len(p) && p[i+1] == '/':
			return true
		}
	}
	return false
}

// safety is the Safety the core applies to r: Never for a delivery path,
// whatever r says, else r.Safety.
func (r Request) safety() Safety {
	if IsDelivery(r.Path) {
		return Never
	}
	return r.Safety
}

// CallSafety is the Safety of a raw call made with opts: Idempotent when
// they include wecom.Idempotent(), else Unsafe. (A delivery path is Never
// whatever this says.)
func CallSafety(opts []wecom.CallOption) Safety {
	if len(opts) > 0 && wecom.NewCallOptions(opts...).Idempotent {
		return Idempotent
	}
	return Unsafe
}
