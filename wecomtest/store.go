package wecomtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ErrSetup is wrapped by the errors of the methods that configure the fake
// (AddCorp, AddApp, AddUser, ...) when given invalid or conflicting data.
var ErrSetup = errors.New("wecomtest: invalid setup")

// User is a member (成员) of a fake corp, with the JSON names of
// user/get. [Server.AddUser] stores one; user/create and user/update
// change them.
type User struct {
	UserID         string   `json:"userid"`
	Name           string   `json:"name"`
	Alias          string   `json:"alias,omitempty"`
	Mobile         string   `json:"mobile,omitempty"`
	Department     []int64  `json:"department"`
	Order          []int64  `json:"order"`
	Position       string   `json:"position,omitempty"`
	Gender         string   `json:"gender,omitempty"` // "0" unknown, "1" male, "2" female
	Email          string   `json:"email,omitempty"`
	BizMail        string   `json:"biz_mail,omitempty"`
	IsLeaderInDept []int    `json:"is_leader_in_dept"`
	DirectLeader   []string `json:"direct_leader"`
	Avatar         string   `json:"avatar,omitempty"`
	ThumbAvatar    string   `json:"thumb_avatar,omitempty"`
	Telephone      string   `json:"telephone,omitempty"`
	Address        string   `json:"address,omitempty"`
	MainDepartment int64    `json:"main_department"`
	// Status is 1 active, 2 disabled, 4 not yet activated, 5 left.
	// Zero means 1 for AddUser and 4 for user/create.
	Status int `json:"status"`
	// Enable is 1, or 0 for a disabled account; it follows Status.
	Enable           int             `json:"enable"`
	QRCode           string          `json:"qr_code,omitempty"`
	OpenUserID       string          `json:"open_userid,omitempty"`
	ExternalPosition string          `json:"external_position,omitempty"`
	ExtAttr          json.RawMessage `json:"extattr,omitempty"`
	ExternalProfile  json.RawMessage `json:"external_profile,omitempty"`
}

// clone returns a copy of u sharing no slice with it.
func (u User) clone() User {
	u.Department = slices.Clone(u.Department)
	u.Order = slices.Clone(u.Order)
	u.IsLeaderInDept = slices.Clone(u.IsLeaderInDept)
	u.DirectLeader = slices.Clone(u.DirectLeader)
	u.ExtAttr = slices.Clone(u.ExtAttr)
	u.ExternalProfile = slices.Clone(u.ExternalProfile)
	return u
}

// Department is a department (部门) of a fake corp, with the JSON names of
// department/get. The root department has ID 1 and ParentID 0.
type Department struct {
	ID               int64    `json:"id"`
	Name             string   `json:"name"`
	NameEn           string   `json:"name_en,omitempty"`
	ParentID         int64    `json:"parentid"`
	Order            int64    `json:"order"`
	DepartmentLeader []string `json:"department_leader"`
}

// ExternalContact is a customer (客户) of a fake corp, with the JSON names
// of externalcontact/get's external_contact.
type ExternalContact struct {
	ExternalUserID string `json:"external_userid"`
	Name           string `json:"name"`
	Position       string `json:"position,omitempty"`
	Avatar         string `json:"avatar,omitempty"`
	CorpName       string `json:"corp_name,omitempty"`
	CorpFullName   string `json:"corp_full_name,omitempty"`
	// Type is 1 for a WeChat user, 2 for a WeCom user.
	Type int `json:"type"`
	// Gender is 0 unknown, 1 male, 2 female.
	Gender  int    `json:"gender"`
	UnionID string `json:"unionid,omitempty"`
}

// FollowUser is a member who added an external contact, with the JSON names
// of externalcontact/get's follow_user.
type FollowUser struct {
	UserID         string      `json:"userid"`
	Remark         string      `json:"remark"`
	Description    string      `json:"description"`
	CreateTime     int64       `json:"createtime"`
	Tags           []FollowTag `json:"tags,omitempty"`
	RemarkCorpName string      `json:"remark_corp_name,omitempty"`
	RemarkMobiles  []string    `json:"remark_mobiles,omitempty"`
	OperUserID     string      `json:"oper_userid"`
	AddWay         int         `json:"add_way"`
	State          string      `json:"state,omitempty"`
}

// FollowTag is a tag a member put on an external contact.
type FollowTag struct {
	GroupName string `json:"group_name,omitempty"`
	TagName   string `json:"tag_name"`
	TagID     string `json:"tag_id,omitempty"`
	// Type is 1 for a corp tag, 2 for a personal tag.
	Type int `json:"type"`
}

// state is everything the fake remembers. Every field is guarded by
// Server.mu.
type state struct {
	corps        map[string]*corpState
	providers    map[string]*providerState
	suites       map[string]*suiteState
	tokens       map[string]*issuedToken // by value
	current      map[string]*issuedToken // by credential, for reuse
	tickets      map[string]*issuedTicket
	media        map[string]*mediaFile
	codes        map[string]*loginCode
	userTickets  map[string]*userTicket
	preAuthCodes map[string]*preAuthCode
	authCodes    map[string]*authCode
	sent         []SentMessage
	loginUser    string // "" picks DefaultUserID or the first member
	installCorp  string
	calls        map[string]int
	faults       map[string][]fault
	latency      time.Duration
	export       exportModel       // export jobs (export.go)
	claims       []CustomizedClaim // customized-app claims (customized.go)
}

func newState() state {
	return state{
		corps:        map[string]*corpState{},
		providers:    map[string]*providerState{},
		suites:       map[string]*suiteState{},
		tokens:       map[string]*issuedToken{},
		current:      map[string]*issuedToken{},
		tickets:      map[string]*issuedTicket{},
		media:        map[string]*mediaFile{},
		codes:        map[string]*loginCode{},
		userTickets:  map[string]*userTicket{},
		preAuthCodes: map[string]*preAuthCode{},
		authCodes:    map[string]*authCode{},
		calls:        map[string]int{},
		faults:       map[string][]fault{},
		installCorp:  DefaultCorpID,
	}
}

// corpState is one fake corp: its apps and credentials and its directory.
type corpState struct {
	id, name  string
	secrets   map[string]credential
	agents    map[int64]*agentState
	users     map[string]*User // by lower-cased userid
	depts     map[int64]*Department
	tags      map[int64]*tagState
	externals map[string]*externalState
	chats     map[string]*chatState
}

// credential is what a corp secret grants.
type credential struct {
	agentID  int64  // 0 for the contacts secret
	contacts bool   // the contacts (通讯录同步) secret
	suiteID  string // a customized app installed from this template
}

type agentState struct {
	id      int64
	name    string
	suiteID string // "" for a self-built app
}

type tagState struct {
	id      int64
	name    string
	users   []string // lower-cased userids, in insertion order
	parties []int64
}

type externalState struct {
	contact ExternalContact
	follows []FollowUser
}

type chatState struct {
	id, name, owner string
	users           []string
}

func newCorp(id, name string) *corpState {
	c := &corpState{
		id: id, name: name,
		secrets:   map[string]credential{},
		agents:    map[int64]*agentState{},
		users:     map[string]*User{},
		depts:     map[int64]*Department{},
		tags:      map[int64]*tagState{},
		externals: map[string]*externalState{},
		chats:     map[string]*chatState{},
	}
	c.depts[1] = &Department{ID: 1, Name: name, Order: 100000000, DepartmentLeader: []string{}}
	return c
}

// user finds a member case-insensitively.
func (c *corpState) user(id string) *User {
	return c.users[strings.ToLower(id)]
}

// sortedUsers returns the members ordered by userid.
func (c *corpState) sortedUsers() []*User {
	keys := make([]string, 0, len(c.users))
	for k := range c.users {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]*User, len(keys))
	for i, k := range keys {
		out[i] = c.users[k]
	}
	return out
}

// sortedDepts returns the departments ordered by id.
func (c *corpState) sortedDepts() []*Department {
	ids := make([]int64, 0, len(c.depts))
	for id := range c.depts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]*Department, len(ids))
	for i, id := range ids {
		out[i] = c.depts[id]
	}
	return out
}

// subtree returns id and the ids of all departments below it.
func (c *corpState) subtree(id int64) map[int64]bool {
	in := map[int64]bool{id: true}
	for changed := true; changed; {
		changed = false
		for _, d := range c.depts {
			if !in[d.ID] && in[d.ParentID] {
				in[d.ID] = true
				changed = true
			}
		}
	}
	return in
}

// nextAgentID returns an agent id above every one in use.
func (c *corpState) nextAgentID() int64 {
	id := int64(DefaultAgentID)
	for a := range c.agents {
		id = max(id, a)
	}
	return id + 1
}

// firstUser is the member an authorize page logs in when none was chosen.
func (c *corpState) firstUser() *User {
	if u := c.user(DefaultUserID); u != nil {
		return u
	}
	if users := c.sortedUsers(); len(users) > 0 {
		return users[0]
	}
	return nil
}

// AddCorp adds an empty corp: a root department (id 1) named name, no
// member and no app. Add apps with [Server.AddApp].
func (s *Server) AddCorp(corpID, name string) error {
	if corpID == "" || name == "" {
		return fmt.Errorf("%w: corp id and name are required", ErrSetup)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.corps[corpID] != nil {
		return fmt.Errorf("%w: corp %q exists", ErrSetup, corpID)
	}
	s.corps[corpID] = newCorp(corpID, name)
	return nil
}

// AddApp adds a self-built app to a corp: gettoken with corpID and secret
// then yields tokens of this app, and message/send requires its agentID.
func (s *Server) AddApp(corpID string, agentID int64, secret string) error {
	if agentID <= 0 || secret == "" {
		return fmt.Errorf("%w: agent id and secret are required", ErrSetup)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.setupCorp(corpID)
	if err != nil {
		return err
	}
	if c.agents[agentID] != nil {
		return fmt.Errorf("%w: agent %d exists in corp %q", ErrSetup, agentID, corpID)
	}
	if _, ok := c.secrets[secret]; ok {
		return fmt.Errorf("%w: secret already used in corp %q", ErrSetup, corpID)
	}
	c.agents[agentID] = &agentState{id: agentID, name: fmt.Sprintf("App %d", agentID)}
	c.secrets[secret] = credential{agentID: agentID}
	return nil
}

// AddContactsSecret adds the contacts-sync (通讯录同步) secret of a corp.
// Its tokens manage the directory but cannot send messages (48002).
func (s *Server) AddContactsSecret(corpID, secret string) error {
	if secret == "" {
		return fmt.Errorf("%w: secret is required", ErrSetup)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.setupCorp(corpID)
	if err != nil {
		return err
	}
	if _, ok := c.secrets[secret]; ok {
		return fmt.Errorf("%w: secret already used in corp %q", ErrSetup, corpID)
	}
	c.secrets[secret] = credential{contacts: true}
	return nil
}

// AddDepartment adds a department under an existing parent. A zero ID
// takes the next free one.
func (s *Server) AddDepartment(corpID string, d Department) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.setupCorp(corpID)
	if err != nil {
		return err
	}
	if _, apiErr := c.createDepartment(d); apiErr != nil {
		return fmt.Errorf("%w: %s", ErrSetup, apiErr.msg)
	}
	return nil
}

// AddUser adds a member with the same checks as user/create. A zero Status
// means active (1).
func (s *Server) AddUser(corpID string, u User) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.setupCorp(corpID)
	if err != nil {
		return err
	}
	if u.Status == 0 {
		u.Status = 1
	}
	if apiErr := c.addUser(u.clone()); apiErr != nil {
		return fmt.Errorf("%w: %s", ErrSetup, apiErr.msg)
	}
	return nil
}

// User returns a copy of a member of a corp as the fake holds it.
func (s *Server) User(corpID, userID string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.corps[corpID]
	if c == nil {
		return User{}, false
	}
	u := c.user(userID)
	if u == nil {
		return User{}, false
	}
	return u.clone(), true
}

// AddTag adds a tag (标签) with the given members. A zero tagID takes the
// next free one.
func (s *Server) AddTag(corpID string, tagID int64, name string, userIDs ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.setupCorp(corpID)
	if err != nil {
		return err
	}
	t, apiErr := c.createTag(tagID, name)
	if apiErr != nil {
		return fmt.Errorf("%w: %s", ErrSetup, apiErr.msg)
	}
	for _, id := range userIDs {
		u := c.user(id)
		if u == nil {
			delete(c.tags, t.id)
			return fmt.Errorf("%w: no member %q", ErrSetup, id)
		}
		t.addUser(u.UserID)
	}
	return nil
}

// AddExternalContact adds a customer followed by the given members, who
// must exist. A zero CreateTime is set to the fake's current time.
func (s *Server) AddExternalContact(corpID string, ec ExternalContact, follow ...FollowUser) error {
	if ec.ExternalUserID == "" || ec.Name == "" {
		return fmt.Errorf("%w: external_userid and name are required", ErrSetup)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.setupCorp(corpID)
	if err != nil {
		return err
	}
	if c.externals[ec.ExternalUserID] != nil {
		return fmt.Errorf("%w: external contact %q exists", ErrSetup, ec.ExternalUserID)
	}
	follows := make([]FollowUser, 0, len(follow))
	for _, f := range follow {
		u := c.user(f.UserID)
		if u == nil {
			return fmt.Errorf("%w: no member %q", ErrSetup, f.UserID)
		}
		f.UserID = u.UserID
		if f.CreateTime == 0 {
			f.CreateTime = s.now().Unix()
		}
		if f.OperUserID == "" {
			f.OperUserID = u.UserID
		}
		f.Tags = slices.Clone(f.Tags)
		f.RemarkMobiles = slices.Clone(f.RemarkMobiles)
		follows = append(follows, f)
	}
	c.externals[ec.ExternalUserID] = &externalState{contact: ec, follows: follows}
	return nil
}

// SetLoginUser chooses the member the authorize and login pages log in.
// Default: DefaultUserID, or the first member by userid when the corp has
// no such member. A userid that is not a member of the corp logs in a
// non-member: auth/getuserinfo then answers with an openid.
func (s *Server) SetLoginUser(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loginUser = userID
}

// SetInstallCorp chooses the corp that authorizes a suite on the install
// page (/3rdapp/install). Default: DefaultCorpID.
func (s *Server) SetInstallCorp(corpID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.setupCorp(corpID); err != nil {
		return err
	}
	s.installCorp = corpID
	return nil
}

// setupCorp returns an existing corp for a setup method.
func (s *Server) setupCorp(corpID string) (*corpState, error) {
	c := s.corps[corpID]
	if c == nil {
		return nil, fmt.Errorf("%w: no corp %q", ErrSetup, corpID)
	}
	return c, nil
}

// loginMember returns the member who logs in to corp c, or nil with the
// chosen userid of a non-member.
func (s *Server) loginMember(c *corpState) (*User, string) {
	if s.loginUser == "" {
		if u := c.firstUser(); u != nil {
			return u, u.UserID
		}
		return nil, DefaultUserID
	}
	return c.user(s.loginUser), s.loginUser
}
