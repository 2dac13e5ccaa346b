package work

// 公费电话 (dial): page developer.work.weixin.qq.com/document/path/93662.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// ErrInvalidDial is returned, without calling WeCom, for a dial request
// with a reversed period or a negative page.
var ErrInvalidDial = errors.New("work: invalid dial request")

// DialService reads the corp's public-expense phone (公费电话) records.
type DialService service

// DialRecordRequest selects connected calls by time, one page at a time.
// WeCom reads at most 30 days; with no period it reads the last 30 days.
type DialRecordRequest struct {
	// Start and End bound the calls (both included); zero leaves them out.
	Start, End time.Time
	// Offset and Limit page through them (Limit at most 100; 0: 100).
	Offset, Limit int
}

// DialParty is the caller or one callee of a call.
type DialParty struct {
	// UserID is set for a member, Phone for an outside number.
	UserID, Phone string
	// Duration is how long this party talked.
	Duration time.Duration
}

// DialRecord is one connected call.
type DialRecord struct {
	// CallTime is when it was dialled.
	CallTime time.Time
	// TotalDuration is the whole call's length (WeCom counts minutes).
	TotalDuration time.Duration
	// CallType is 1 for a call between two, 2 for a conference call.
	CallType int
	Caller   DialParty
	Callees  []DialParty
}

type dialPartyWire struct {
	UserID   string      `json:"userid"`
	Phone    looseString `json:"phone"`
	Duration int64       `json:"duration"`
}

func (w dialPartyWire) party() DialParty {
	return DialParty{UserID: w.UserID, Phone: string(w.Phone), Duration: time.Duration(w.Duration) * time.Minute}
}

// Records returns one page of connected calls (dial/get_dial_record).
func (s *DialService) Records(ctx context.Context, req DialRecordRequest) ([]DialRecord, error) {
	if !req.Start.IsZero() && !req.End.IsZero() {
		if err := checkPeriod(req.Start, req.End, ErrInvalidDial); err != nil {
			return nil, err
		}
	}
	if req.Offset < 0 || req.Limit < 0 {
		return nil, fmt.Errorf("%w: offset and limit cannot be negative", ErrInvalidDial)
	}
	in := struct {
		StartTime int64 `json:"start_time,omitempty"`
		EndTime   int64 `json:"end_time,omitempty"`
		Offset    int   `json:"offset,omitempty"`
		Limit     int   `json:"limit,omitempty"`
	}{Offset: req.Offset, Limit: req.Limit}
	if !req.Start.IsZero() {
		in.StartTime = req.Start.Unix()
	}
	if !req.End.IsZero() {
		in.EndTime = req.End.Unix()
	}
	out, err := postAs[struct {
		Record []struct {
			CallTime      int64           `json:"call_time"`
			TotalDuration int64           `json:"total_duration"`
			CallType      int             `json:"call_type"`
			Caller        dialPartyWire   `json:"caller"`
			Callee        []dialPartyWire `json:"callee"`
		} `json:"record"`
	}](ctx, (*service)(s), "/cgi-bin/dial/get_dial_record", in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	recs := make([]DialRecord, 0, len(out.Record))
	for _, r := range out.Record {
		rec := DialRecord{CallTime: unixOrZero(r.CallTime), TotalDuration: time.Duration(r.TotalDuration) * time.Minute,
			CallType: r.CallType, Caller: r.Caller.party()}
		for _, c := range r.Callee {
			rec.Callees = append(rec.Callees, c.party())
		}
		recs = append(recs, rec)
	}
	return recs, nil
}
