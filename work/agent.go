package work

import (
	"context"
	"net/url"

	"github.com/wecomkit/wecom/internal/api"
)

// AgentService wraps the API of app settings (应用管理).
type AgentService service

// Agent is an app's settings as agent/get answers them.
type Agent struct {
	AgentID       int64
	Name          string
	SquareLogoURL string
	Description   string
	// AllowUsers, AllowParties and AllowTags are the app's visibility:
	// member ids, department ids and tag ids.
	AllowUsers   []string
	AllowParties []int64
	AllowTags    []int64
	// Closed reports whether the app is disabled (close).
	Closed         bool
	RedirectDomain string
	// ReportLocation reports whether the app asks members for their
	// location (report_location_flag).
	ReportLocation bool
	// ReportEnter reports whether entering the app is reported as an
	// enter_agent event (isreportenter).
	ReportEnter bool
	HomeURL     string
	// CustomizedPublishStatus is the publishing state of a customized app
	// (代开发): 0 not published, 1 published, 2 published with pending
	// changes, 3 publish failed; 0 for other apps.
	CustomizedPublishStatus int
}

// agentWire is agent/get's answer as sent.
type agentWire struct {
	AgentID        looseInt `json:"agentid"`
	Name           string   `json:"name"`
	SquareLogoURL  string   `json:"square_logo_url"`
	Description    string   `json:"description"`
	AllowUserInfos struct {
		User []struct {
			UserID string `json:"userid"`
		} `json:"user"`
	} `json:"allow_userinfos"`
	AllowPartys struct {
		PartyID []looseInt `json:"partyid"`
	} `json:"allow_partys"`
	AllowTags struct {
		TagID []looseInt `json:"tagid"`
	} `json:"allow_tags"`
	Close                   oneZero  `json:"close"`
	RedirectDomain          string   `json:"redirect_domain"`
	ReportLocationFlag      oneZero  `json:"report_location_flag"`
	IsReportEnter           oneZero  `json:"isreportenter"`
	HomeURL                 string   `json:"home_url"`
	CustomizedPublishStatus looseInt `json:"customized_publish_status"`
}

func (*Agent) decodesLeniently() {}

// UnmarshalJSON implements json.Unmarshaler for agent/get's answer.
func (a *Agent) UnmarshalJSON(b []byte) error {
	var w agentWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*a = Agent{
		AgentID:                 int64(w.AgentID),
		Name:                    w.Name,
		SquareLogoURL:           w.SquareLogoURL,
		Description:             w.Description,
		Closed:                  bool(w.Close),
		RedirectDomain:          w.RedirectDomain,
		ReportLocation:          bool(w.ReportLocationFlag),
		ReportEnter:             bool(w.IsReportEnter),
		HomeURL:                 w.HomeURL,
		CustomizedPublishStatus: int(w.CustomizedPublishStatus),
	}
	for _, u := range w.AllowUserInfos.User {
		a.AllowUsers = append(a.AllowUsers, u.UserID)
	}
	for _, id := range w.AllowPartys.PartyID {
		a.AllowParties = append(a.AllowParties, int64(id))
	}
	for _, id := range w.AllowTags.TagID {
		a.AllowTags = append(a.AllowTags, int64(id))
	}
	return nil
}

// agentQuery is the query agentid=agentID, or the client's agent id when
// agentID is 0.
func agentQuery(c *Client, agentID int64) url.Values {
	return idQuery("agentid", orClientAgent(c, agentID))
}

// AgentSummary is an entry of agent/list.
type AgentSummary struct {
	AgentID       int64  `json:"agentid"`
	Name          string `json:"name"`
	SquareLogoURL string `json:"square_logo_url"`
}

// AgentSettings changes an app's settings (agent/set). Empty strings and
// nil flags are left as they are.
type AgentSettings struct {
	// AgentID is the app; 0 means the client's Config.AgentID.
	AgentID        int64
	Name           string
	Description    string
	RedirectDomain string
	HomeURL        string
	// LogoMediaID is the media id of an uploaded square logo.
	LogoMediaID string
	// ReportLocation, when set, turns location reporting on or off.
	ReportLocation *bool
	// ReportEnter, when set, turns enter_agent events on or off.
	ReportEnter *bool
}

// Get returns an app's settings (agent/get); agentID 0 means the client's
// Config.AgentID, as in every method of this service.
func (s *AgentService) Get(ctx context.Context, agentID int64) (*Agent, error) {
	return getAs[Agent](ctx, (*service)(s), "/cgi-bin/agent/get", agentQuery(s.c, agentID))
}

// List returns the apps the access token can see (agent/list).
func (s *AgentService) List(ctx context.Context) ([]AgentSummary, error) {
	var out struct {
		AgentList []AgentSummary `json:"agentlist"`
	}
	if err := (*service)(s).get(ctx, "/cgi-bin/agent/list", nil, lenient(&out)); err != nil {
		return nil, err
	}
	return out.AgentList, nil
}

// Set changes an app's settings (agent/set).
func (s *AgentService) Set(ctx context.Context, set AgentSettings) error {
	body := struct {
		AgentID            int64    `json:"agentid"`
		ReportLocationFlag *oneZero `json:"report_location_flag,omitempty"`
		LogoMediaID        string   `json:"logo_mediaid,omitempty"`
		Name               string   `json:"name,omitempty"`
		Description        string   `json:"description,omitempty"`
		RedirectDomain     string   `json:"redirect_domain,omitempty"`
		IsReportEnter      *oneZero `json:"isreportenter,omitempty"`
		HomeURL            string   `json:"home_url,omitempty"`
	}{
		AgentID:            orClientAgent(s.c, set.AgentID),
		ReportLocationFlag: (*oneZero)(set.ReportLocation),
		LogoMediaID:        set.LogoMediaID,
		Name:               set.Name,
		Description:        set.Description,
		RedirectDomain:     set.RedirectDomain,
		IsReportEnter:      (*oneZero)(set.ReportEnter),
		HomeURL:            set.HomeURL,
	}
	return (*service)(s).post(ctx, "/cgi-bin/agent/set", body, nil, api.Idempotent)
}
