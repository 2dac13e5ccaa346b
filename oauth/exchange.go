package oauth

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/internal/api"
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
	if code == "" {
		return nil, ErrMissingCode
	}
	if c.auth == nil {
		return nil, errNoToken("Client")
	}
	var id Identity
	err := c.core.Do(ctx, c.auth, api.Request{
		Method: http.MethodGet,
		Path:   getUserInfoPath,
		Query:  url.Values{"code": {code}},
		Safety: api.Unsafe,
	}, &id)
	if err != nil {
		return nil, err
	}
	if id.UserID == "" && id.OpenID == "" && id.ExternalUserID == "" {
		return nil, fmt.Errorf("%w: %s: neither userid nor openid in the answer", wecom.ErrUnexpectedResponse, getUserInfoPath)
	}
	return &id, nil
}

// UserDetail reads the sensitive fields a member consented to share, with
// the user_ticket of a ScopePrivateInfo login (POST auth/getuserdetail).
// An expired or invalid ticket comes back as a *wecom.APIError with code
// 84014 or 84015.
func (c *Client) UserDetail(ctx context.Context, userTicket string) (*UserDetail, error) {
	if userTicket == "" {
		return nil, ErrMissingUserTicket
	}
	if c.auth == nil {
		return nil, errNoToken("Client")
	}
	var d UserDetail
	err := c.core.Do(ctx, c.auth, api.Request{
		Method: http.MethodPost,
		Path:   getUserDetailPath,
		Body:   userTicketRequest{UserTicket: userTicket},
		Safety: api.Idempotent,
	}, &d)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

func errNoToken(client string) error {
	return fmt.Errorf("%w: oauth: %s has no token source", wecom.ErrConfig, client)
}
