package oauth

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
	"github.com/wecomkit/wecom/token"
)

const (
	getUserInfoPath   = "/cgi-bin/auth/getuserinfo"
	getUserDetailPath = "/cgi-bin/auth/getuserdetail"
)

// UserFromCode exchanges the code of an in-app OAuth redirect or of a
// CorpApp web login for the identity of the user (GET auth/getuserinfo).
//
// A code is single use: the call is never repeated after a transient
// failure. An invalid, expired or already used code comes back as a
// *wecom.APIError with code 40029, 42003 or 42022; a redirect domain that
// is not a trusted domain of the app as 50001.
func (c *Client) UserFromCode(ctx context.Context, code string) (*Identity, error) {
	return exchangeCode(ctx, c.exchanger, getUserInfoPath, code, func(id *Identity) bool {
		return id.UserID != "" || id.OpenID != "" || id.ExternalUserID != ""
	})
}

// UserDetail reads the sensitive fields a member consented to share, with
// the user_ticket of a ScopePrivateInfo login (POST auth/getuserdetail).
// An expired or invalid ticket comes back as a *wecom.APIError with code
// 84014 or 84015.
func (c *Client) UserDetail(ctx context.Context, userTicket string) (*UserDetail, error) {
	return readWithTicket[UserDetail](ctx, c.exchanger, getUserDetailPath, userTicket)
}

// exchanger is what Client, SuiteClient and ProviderClient share to call
// WeCom: the HTTP core and the credential, nil when the client was built
// without a token source (its URL builders still work).
type exchanger struct {
	client string // the type's name, for errors
	core   *api.Client
	auth   *api.Auth
}

// newExchanger returns the exchanger of the client named client: auth
// builds its credential from tok, unless tok is nil.
func newExchanger(client string, o wecom.Options, tok token.Invalidator, auth func(token.Invalidator) *api.Auth) exchanger {
	e := exchanger{client: client, core: api.New(o)}
	if tok != nil {
		e.auth = auth(tok)
	}
	return e
}

// call sends req with e's credential and returns the answer decoded into a
// new T. It fails before sending when e has no token source.
func call[T any](ctx context.Context, e exchanger, req api.Request) (*T, error) {
	if e.auth == nil {
		return nil, fmt.Errorf("%w: oauth: %s has no token source", wecom.ErrConfig, e.client)
	}
	var out T
	if err := e.core.Do(ctx, e.auth, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// exchangeCode exchanges a single-use code (GET path?code=...) for the
// identity it belongs to. It is never repeated, as a repeat would send a
// code that is already used up. An answer that names nobody (named is
// false) is an error.
func exchangeCode[T any](ctx context.Context, e exchanger, path, code string, named func(*T) bool) (*T, error) {
	if code == "" {
		return nil, ErrMissingCode
	}
	id, err := call[T](ctx, e, api.Request{Method: http.MethodGet, Path: path, Query: url.Values{"code": {code}}, Safety: api.Never})
	if err != nil {
		return nil, err
	}
	if !named(id) {
		return nil, fmt.Errorf("%w: %s: neither userid nor openid in the answer", wecom.ErrUnexpectedResponse, path)
	}
	return id, nil
}

// readWithTicket reads what a user ticket gives access to (POST path); a
// read, repeated after a transient failure.
func readWithTicket[T any](ctx context.Context, e exchanger, path, userTicket string) (*T, error) {
	if userTicket == "" {
		return nil, ErrMissingUserTicket
	}
	return call[T](ctx, e, api.Request{Method: http.MethodPost, Path: path, Body: userTicketBody{UserTicket: userTicket}, Safety: api.Idempotent})
}

// userTicketBody is the body of getuserdetail and getuserdetail3rd.
type userTicketBody struct {
	UserTicket string `json:"user_ticket"`
}
