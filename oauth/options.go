package oauth

// Scope is the scope of the in-app authorize URL.
type Scope string

// Scopes of the in-app authorize URL.
const (
	// ScopeBase is silent: the code yields the user id only.
	ScopeBase Scope = "snsapi_base"
	// ScopePrivateInfo asks the user to consent; the code then also yields
	// a user_ticket for UserDetail. It needs an agent id.
	ScopePrivateInfo Scope = "snsapi_privateinfo"
	// ScopeUserInfo is silent and yields non-sensitive details; it is
	// documented for third-party apps only, and historical there.
	ScopeUserInfo Scope = "snsapi_userinfo"
)

// LoginType is the login_type of the web-login URL.
type LoginType string

// Login types of the web-login URL.
const (
	// LoginTypeCorpApp logs into a self-built or customized app; the appid
	// is the corp id and the agentid is required.
	LoginTypeCorpApp LoginType = "CorpApp"
	// LoginTypeServiceApp logs into a service provider's site; the appid
	// is the provider's login-authorization suite id.
	LoginTypeServiceApp LoginType = "ServiceApp"
)

// Lang is the language of the web-login page.
type Lang string

// Languages of the web-login page.
const (
	LangChinese Lang = "zh"
	LangEnglish Lang = "en"
)

// UserType says who may log in through the provider's 3rd_qrConnect page.
type UserType string

// User types of the provider's 3rd_qrConnect page.
const (
	// UserTypeAdmin admits the administrators of installing corps.
	UserTypeAdmin UserType = "admin"
	// UserTypeMember admits their members too.
	UserTypeMember UserType = "member"
)

// URLOption adjusts a URL built by this package. Each builder documents
// the options it honours and ignores the others.
type URLOption func(*urlParams)

type urlParams struct {
	scope    Scope
	agentID  int64
	agentSet bool
	lang     Lang
	userType UserType
}

// WithScope sets the scope of an authorize URL. Default ScopeBase.
func WithScope(s Scope) URLOption { return func(p *urlParams) { p.scope = s } }

// WithAgentID sets the agentid, overriding the client's; 0 leaves the
// parameter out.
func WithAgentID(id int64) URLOption {
	return func(p *urlParams) { p.agentID, p.agentSet = id, true }
}

// WithLang sets the language of a web-login page.
func WithLang(l Lang) URLOption { return func(p *urlParams) { p.lang = l } }

// WithUserType sets who may log in through 3rd_qrConnect. Default
// UserTypeAdmin.
func WithUserType(t UserType) URLOption { return func(p *urlParams) { p.userType = t } }

func applyURLOptions(defaultAgentID int64, opts []URLOption) urlParams {
	p := urlParams{scope: ScopeBase, agentID: defaultAgentID, userType: UserTypeAdmin}
	for _, o := range opts {
		if o != nil {
			o(&p)
		}
	}
	return p
}
