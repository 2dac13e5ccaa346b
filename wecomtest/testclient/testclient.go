// Package testclient builds SDK clients that talk to a wecomtest.Server,
// ready for a test: the default corp's app, the default provider and its
// suites, with every page origin pointed at the fake as well.
//
//	s := wecomtest.NewTestServer(t)
//	c := testclient.Work(t, s)
//	_, err := c.Message.Send(ctx, work.SendRequest{To: work.Recipients{Users: []string{"zhangsan"}}, Msg: work.Text{Content: "hi"}})
//	sent := s.Sent() // typed: sent[0].To.Users, sent[0].Text.Content
//
// It is a package of its own because wecomtest imports nothing of the SDK
// but crypto: the SDK's own tests, in package work or openwork, use the
// fake without an import cycle, while this package imports work, oauth
// and openwork to build their clients.
package testclient

import (
	"context"
	"testing"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/oauth"
	"github.com/wecomkit/wecom/openwork"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// Options returns the options that point a client at s (its base URL and
// HTTP client), followed by opts, which may override them.
func Options(s *wecomtest.Server, opts ...wecom.Option) []wecom.Option {
	return append([]wecom.Option{wecom.WithBaseURL(s.URL()), wecom.WithHTTPClient(s.Client())}, opts...)
}

// Endpoints returns the page origins of the oauth package on s.
func Endpoints(s *wecomtest.Server) oauth.Endpoints {
	return oauth.Endpoints{OAuth: s.URL(), Login: s.URL(), Open: s.URL()}
}

// Work returns a client of the default corp's app (DefaultCorpID,
// DefaultAgentID, DefaultSecret) on s; its OAuth client's pages are s's
// too. A construction error fails t.
func Work(t testing.TB, s *wecomtest.Server, opts ...wecom.Option) *work.Client {
	t.Helper()
	c, err := work.New(work.Config{
		CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret,
	}, Options(s, opts...)...)
	if err != nil {
		t.Fatalf("testclient: %v", err)
	}
	c.OAuth = c.OAuth.WithEndpoints(Endpoints(s))
	return c
}

// Provider returns the default provider (DefaultProviderCorpID,
// DefaultProviderSecret) on s. A construction error fails t.
func Provider(t testing.TB, s *wecomtest.Server, opts ...wecom.Option) *openwork.Provider {
	t.Helper()
	p, err := openwork.New(openwork.Config{
		CorpID: wecomtest.DefaultProviderCorpID, ProviderSecret: wecomtest.DefaultProviderSecret,
	}, Options(s, opts...)...)
	if err != nil {
		t.Fatalf("testclient: %v", err)
	}
	return p
}

// Suite returns the default third-party suite (DefaultSuiteID) of the
// default provider on s, with a suite_ticket already issued and stored,
// as after WeCom's first push; its install page is s's. A setup error
// fails t.
func Suite(t testing.TB, s *wecomtest.Server, opts ...wecom.Option) *openwork.Suite {
	t.Helper()
	return suite(t, s, openwork.SuiteConfig{SuiteID: wecomtest.DefaultSuiteID, SuiteSecret: wecomtest.DefaultSuiteSecret}, opts)
}

// Template returns the default customized-app template
// (DefaultTemplateID) of the default provider on s, ready as Suite is.
func Template(t testing.TB, s *wecomtest.Server, opts ...wecom.Option) *openwork.Suite {
	t.Helper()
	return suite(t, s, openwork.SuiteConfig{
		SuiteID: wecomtest.DefaultTemplateID, SuiteSecret: wecomtest.DefaultTemplateSecret, Customized: true,
	}, opts)
}

func suite(t testing.TB, s *wecomtest.Server, cfg openwork.SuiteConfig, opts []wecom.Option) *openwork.Suite {
	t.Helper()
	cfg.InstallBaseURL = s.URL()
	su, err := Provider(t, s, opts...).Suite(cfg)
	if err != nil {
		t.Fatalf("testclient: %v", err)
	}
	ticket := s.IssueSuiteTicket(cfg.SuiteID)
	if ticket == "" {
		t.Fatalf("testclient: the fake has no suite %s", cfg.SuiteID)
	}
	if err := su.SetTicket(context.Background(), ticket); err != nil {
		t.Fatalf("testclient: %v", err)
	}
	return su
}
