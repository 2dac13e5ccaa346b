package openwork

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
)

// CallbackHandler returns the handler of the suite's instruction callback
// URL (指令回调URL): suite_ticket, create_auth, change_auth, cancel_auth,
// reset_permanent_code, contact changes and the other InfoTypes.
//
// Messages are verified and decrypted with the suite id as receive id; the
// provider's corp id is accepted too, since the provider console verifies
// the URL with it. Every suite_ticket of this suite is stored before r sees
// it and before WeCom gets its answer, unless the cache holds one pushed
// later (by the pushes' TimeStamp): a delayed or replayed push never
// replaces a newer ticket. Tickets naming another suite are never stored.
// Every InfoType is then routed to r (nil: none) and answered "success".
//
// WeCom expects that answer within 1 second: the hooks, the handler and the
// cache calls share a deadline 800 ms after the request arrived (see
// message.WithHandlerTimeout); give slow handlers message.WithAsync.
// Requests whose timestamp is over five minutes old are refused
// (message.WithReplayWindow), and callbacks are de-duplicated in the
// provider's cache (message.WithDedup): a re-send or replay of a create_auth
// or any other callback already handled reaches r only once. Options in
// opts come after these defaults: message.WithDedup(nil, 0) turns
// de-duplication off, message.WithReplayWindow(0) the replay window.
func (s *Suite) CallbackHandler(r message.Handler, opts ...message.ServerOption) (http.Handler, error) {
	mc, err := crypto.New(s.cfg.Token, s.cfg.EncodingAESKey, s.cfg.SuiteID)
	if err != nil {
		return nil, fmt.Errorf("openwork: suite %s instruction callback: %w", s.cfg.SuiteID, err)
	}
	if s.p.cfg.CorpID != "" {
		mc = mc.AllowReceiverIDs(s.p.cfg.CorpID)
	}
	all := append([]message.ServerOption{message.WithLogger(s.p.o.Logger), message.WithDedup(s.p.o.Cache, 0),
		message.WithHook(s.ticketHook)}, opts...)
	return message.NewServer(mc, routerOrEmpty(r), all...), nil
}

// ticketHook is the hook that keeps the suite_ticket of this suite, unless
// a ticket pushed later is stored already. m.CreateTime is the push's
// TimeStamp.
func (s *Suite) ticketHook(ctx context.Context, m *message.Message) error {
	if m.InfoType != message.InfoSuiteTicket || m.SuiteID != s.cfg.SuiteID {
		return nil
	}
	var t message.SuiteTicket
	if err := m.Decode(&t); err != nil {
		return err
	}
	stored, err := s.storeTicket(ctx, t.SuiteTicket, time.Unix(m.CreateTime, 0), true)
	if err == nil && !stored {
		s.p.o.Logger.LogAttrs(ctx, slog.LevelInfo, "openwork: suite_ticket push ignored: a newer one is stored, or it has expired",
			slog.String("suite_id", s.cfg.SuiteID), slog.Int64("timestamp", m.CreateTime))
	}
	return err
}

// DataCallbackHandler returns the handler of the suite's data callback URL
// (数据回调URL): messages and events of the members of authorized corps,
// routed like a self-built app's and answered with an empty body or a
// passive reply. As with CallbackHandler, callbacks are de-duplicated in
// the provider's cache (a re-send gets the passive reply the first copy
// got), requests outside the replay window are refused, and handlers get
// WeCom's budget (4.5 s) as deadline; opts come after these defaults.
//
// Any authorizing corp is accepted as receive id; the handler sets the
// Message's AuthCorpID to it (when the XML has no AuthCorpId element), so
// handlers know on whose behalf to act (see Suite.Corp). The handler serves
// whatever path it is mounted on, so a URL configured with WeCom's $CORPID$
// placeholder works when the handler is mounted on the prefix, e.g.
// mux.Handle("/wecom/data/", h) for https://example.com/wecom/data/$CORPID$.
func (s *Suite) DataCallbackHandler(r message.Handler, opts ...message.ServerOption) (http.Handler, error) {
	mc, err := crypto.New(s.cfg.Token, s.cfg.EncodingAESKey, "")
	if err != nil {
		return nil, fmt.Errorf("openwork: suite %s data callback: %w", s.cfg.SuiteID, err)
	}
	all := append([]message.ServerOption{message.WithLogger(s.p.o.Logger), message.WithDedup(s.p.o.Cache, 0),
		message.WithHook(setAuthCorp)}, opts...)
	return message.NewServer(mc, routerOrEmpty(r), all...), nil
}

func setAuthCorp(_ context.Context, m *message.Message) error {
	if m.AuthCorpID == "" {
		m.AuthCorpID = m.ReceiverID
	}
	return nil
}

// CallbackHandler returns the handler of the provider's system event URL
// (系统事件接收URL): register_corp, enter_register_package, order and
// license events. Messages are decrypted with the provider's corp id as
// receive id, routed to r and answered "success". It needs the provider's
// Token and EncodingAESKey in Config. As with Suite.CallbackHandler,
// callbacks are de-duplicated in the provider's cache, requests outside the
// replay window are refused, and handlers get WeCom's budget as deadline;
// opts come after these defaults.
func (p *Provider) CallbackHandler(r message.Handler, opts ...message.ServerOption) (http.Handler, error) {
	mc, err := crypto.New(p.cfg.Token, p.cfg.EncodingAESKey, p.cfg.CorpID)
	if err != nil {
		return nil, fmt.Errorf("openwork: provider system event callback: %w", err)
	}
	all := append([]message.ServerOption{message.WithLogger(p.o.Logger), message.WithDedup(p.o.Cache, 0)}, opts...)
	return message.NewServer(mc, routerOrEmpty(r), all...), nil
}

// routerOrEmpty returns r, or an empty router when r is nil or a nil
// *message.Router. The servers log to the provider's logger unless the
// caller's options say otherwise.
func routerOrEmpty(r message.Handler) message.Handler {
	if rt, ok := r.(*message.Router); r == nil || (ok && rt == nil) {
		return message.NewRouter()
	}
	return r
}
