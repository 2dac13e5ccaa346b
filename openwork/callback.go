package openwork

import (
	"context"
	"fmt"
	"net/http"

	"github.com/wecomkit/wecom/crypto"
	"github.com/wecomkit/wecom/message"
)

// CallbackHandler returns the handler of the suite's instruction callback
// URL (指令回调URL): suite_ticket, create_auth, change_auth, cancel_auth,
// reset_permanent_code, contact changes and the other InfoTypes.
//
// Messages are verified and decrypted with the suite id as receive id; the
// provider's corp id is accepted too, since the provider console verifies
// the URL with it. Every suite_ticket of this suite is stored (SetTicket)
// before r sees it and before WeCom gets its answer; tickets naming another
// suite are never stored. Every InfoType is then routed to r (nil: none)
// and answered "success". WeCom expects that answer within 1 second: give
// slow handlers message.WithAsync.
func (s *Suite) CallbackHandler(r *message.Router, opts ...message.ServerOption) (http.Handler, error) {
	mc, err := crypto.New(s.cfg.Token, s.cfg.EncodingAESKey, s.cfg.SuiteID)
	if err != nil {
		return nil, fmt.Errorf("openwork: suite %s instruction callback: %w", s.cfg.SuiteID, err)
	}
	if s.p.cfg.CorpID != "" {
		mc = mc.AllowReceiverIDs(s.p.cfg.CorpID)
	}
	all := append([]message.ServerOption{message.WithHook(s.storeTicket)}, opts...)
	return message.NewServer(mc, routerOrEmpty(r), all...), nil
}

// storeTicket is the hook that keeps the suite_ticket of this suite.
func (s *Suite) storeTicket(ctx context.Context, m *message.Message) error {
	if m.InfoType != message.InfoSuiteTicket || m.SuiteID != s.cfg.SuiteID {
		return nil
	}
	var t message.SuiteTicket
	if err := m.Decode(&t); err != nil {
		return err
	}
	return s.SetTicket(ctx, t.SuiteTicket)
}

// DataCallbackHandler returns the handler of the suite's data callback URL
// (数据回调URL): messages and events of the members of authorized corps,
// routed like a self-built app's and answered with an empty body or a
// passive reply.
//
// Any authorizing corp is accepted as receive id; the handler sets the
// Message's AuthCorpID to it (when the XML has no AuthCorpId element), so
// handlers know on whose behalf to act (see Suite.Corp). The handler serves
// whatever path it is mounted on, so a URL configured with WeCom's $CORPID$
// placeholder works when the handler is mounted on the prefix, e.g.
// mux.Handle("/wecom/data/", h) for https://example.com/wecom/data/$CORPID$.
func (s *Suite) DataCallbackHandler(r *message.Router, opts ...message.ServerOption) (http.Handler, error) {
	mc, err := crypto.New(s.cfg.Token, s.cfg.EncodingAESKey, "")
	if err != nil {
		return nil, fmt.Errorf("openwork: suite %s data callback: %w", s.cfg.SuiteID, err)
	}
	all := append([]message.ServerOption{message.WithHook(setAuthCorp)}, opts...)
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
// Token and EncodingAESKey in Config.
func (p *Provider) CallbackHandler(r *message.Router, opts ...message.ServerOption) (http.Handler, error) {
	mc, err := crypto.New(p.cfg.Token, p.cfg.EncodingAESKey, p.cfg.CorpID)
	if err != nil {
		return nil, fmt.Errorf("openwork: provider system event callback: %w", err)
	}
	return message.NewServer(mc, routerOrEmpty(r), opts...), nil
}

func routerOrEmpty(r *message.Router) *message.Router {
	if r == nil {
		return message.NewRouter()
	}
	return r
}
