package work

// 紧急通知 (pstncc): pages developer.work.weixin.qq.com/document/path/91627
// (call) and 91628 (getstates).

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// PSTNCCService places the emergency-notice voice calls (紧急通知) that
// tell members to read an important message.
type PSTNCCService service

// ErrInvalidPSTNCC is returned, without calling WeCom, for a pstncc request
// that lacks a required field.
var ErrInvalidPSTNCC = errors.New("work: invalid pstncc request")

// PSTNCCCall is the outcome of the call to one member.
type PSTNCCCall struct {
	UserID string `json:"userid"`
	// CallID names the call, for State.
	CallID string `json:"callid"`
	// Code is 0 when the call was placed.
	Code int `json:"code"`
}

// Call rings the members (pstncc/call). It delivers, so it is never
// repeated: a repeat would ring them twice.
func (s *PSTNCCService) Call(ctx context.Context, userIDs []string) ([]PSTNCCCall, error) {
	if len(userIDs) == 0 {
		return nil, fmt.Errorf("%w: callee_userid is required", ErrInvalidPSTNCC)
	}
	in := struct {
		Callee []string `json:"callee_userid"`
	}{userIDs}
	out, err := postAs[struct {
		States []PSTNCCCall `json:"states"`
	}](ctx, (*service)(s), "/cgi-bin/pstncc/call", in, api.Unsafe)
	if err != nil {
		return nil, err
	}
	return out.States, nil
}

// PSTNCCStateRequest names a call placed in the last seven days.
type PSTNCCStateRequest struct {
	// UserID is the member called.
	UserID string `json:"callee_userid"`
	// CallID is the call's id from Call.
	CallID string `json:"callid"`
}

// PSTNCCState tells whether a member answered a call.
type PSTNCCState struct {
	// Talked reports whether the member answered.
	Talked bool
	// CallTime is when the call was placed; TalkTime how long it lasted.
	CallTime time.Time
	TalkTime time.Duration
	// Reason is the documented result code: 0 ended normally, 4 timed out,
	// 7 refused, and so on.
	Reason int
}

// State returns whether a member answered a call (pstncc/getstates).
func (s *PSTNCCService) State(ctx context.Context, req PSTNCCStateRequest) (*PSTNCCState, error) {
	if req.UserID == "" || req.CallID == "" {
		return nil, fmt.Errorf("%w: callee_userid and callid are required", ErrInvalidPSTNCC)
	}
	out, err := postAs[struct {
		IsTalked oneZero `json:"istalked"`
		CallTime int64   `json:"calltime"`
		TalkTime int64   `json:"talktime"`
		Reason   int     `json:"reason"`
	}](ctx, (*service)(s), "/cgi-bin/pstncc/getstates", req, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return &PSTNCCState{Talked: bool(out.IsTalked), CallTime: unixOrZero(out.CallTime),
		TalkTime: seconds(out.TalkTime), Reason: out.Reason}, nil
}
