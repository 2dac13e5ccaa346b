package work

import (
	"context"
	"fmt"
	"net/url"
)

// MiniProgramLogin is who logged in to a mini program of the corp
// (miniprogram/jscode2session).
type MiniProgramLogin struct {
	CorpID     string `json:"corpid"`
	UserID     string `json:"userid"`
	SessionKey string `json:"session_key"`
}

// String redacts the session key.
func (m MiniProgramLogin) String() string {
	return "work.MiniProgramLogin{CorpID:" + m.CorpID + " UserID:" + m.UserID + " SessionKey:<redacted>}"
}

// Code2Session exchanges the code of wx.qy.login in the corp's
// self-built mini program for the member and a session key
// (miniprogram/jscode2session). The client must be the mini program's
// app.
func (s *UserService) Code2Session(ctx context.Context, jsCode string) (*MiniProgramLogin, error) {
	if jsCode == "" {
		return nil, fmt.Errorf("%w: empty js code", ErrNilRequest)
	}
	return getAs[MiniProgramLogin](ctx, (*service)(s), "/cgi-bin/miniprogram/jscode2session",
		url.Values{"js_code": {jsCode}, "grant_type": {"authorization_code"}})
}
