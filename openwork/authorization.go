package openwork

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Authorization is the answer of service/get_permanent_code: the permanent
// code of an installation and what was authorized. The permanent code is a
// secret: store it encrypted, never log it.
type Authorization struct {
	// AccessToken is the corp's access token at install time (third-party
	// suites only; empty with the v2 endpoint and for customized apps).
	AccessToken    string       `json:"access_token,omitempty"`
	ExpiresIn      int64        `json:"expires_in,omitempty"`
	PermanentCode  string       `json:"permanent_code"`
	DealerCorpInfo *DealerCorp  `json:"dealer_corp_info,omitempty"`
	AuthCorpInfo   AuthCorpInfo `json:"auth_corp_info"`
	AuthInfo       *AuthInfo    `json:"auth_info,omitempty"`
	AuthUserInfo   *AuthUser    `json:"auth_user_info,omitempty"`
	RegisterCode   *RegisterUse `json:"register_code_info,omitempty"`
	EditionInfo    *EditionInfo `json:"edition_info,omitempty"`
	State          string       `json:"state,omitempty"`
}

// AgentID returns the agent id of the installed app: the first (for new
// suites the only) agent in AuthInfo, or 0 when the answer has none (the v2
// endpoint, or a contacts-only suite).
func (a *Authorization) AgentID() int64 {
	if a.AuthInfo == nil || len(a.AuthInfo.Agents) == 0 {
		return 0
	}
	return a.AuthInfo.Agents[0].AgentID
}

// CorpAuthInfo is the answer of service/get_auth_info.
type CorpAuthInfo struct {
	DealerCorpInfo *DealerCorp  `json:"dealer_corp_info,omitempty"`
	AuthCorpInfo   AuthCorpInfo `json:"auth_corp_info"`
	AuthInfo       *AuthInfo    `json:"auth_info,omitempty"`
	EditionInfo    *EditionInfo `json:"edition_info,omitempty"`
}

// DealerCorp is the reseller (代理服务商) an app was sold through.
type DealerCorp struct {
	CorpID   string `json:"corpid"`
	CorpName string `json:"corp_name"`
}

// AuthCorpInfo describes the authorizing corp.
type AuthCorpInfo struct {
	CorpID            string `json:"corpid"`
	CorpName          string `json:"corp_name"`
	CorpType          string `json:"corp_type,omitempty"` // "verified" / "unverified"
	CorpSquareLogoURL string `json:"corp_square_logo_url,omitempty"`
	CorpRoundLogoURL  string `json:"corp_round_logo_url,omitempty"`
	CorpUserMax       int64  `json:"corp_user_max,omitempty"`
	// CorpAgentMax is how many apps the corp may have.
	CorpAgentMax    int64  `json:"corp_agent_max,omitempty"`
	CorpFullName    string `json:"corp_full_name,omitempty"`
	VerifiedEndTime int64  `json:"verified_end_time,omitempty"`
	SubjectType     int    `json:"subject_type,omitempty"` // 1 enterprise, 2 government/public institution, 3 other organisation, 4 team
	CorpWxQRCode    string `json:"corp_wxqrcode,omitempty"`
	CorpScale       string `json:"corp_scale,omitempty"`
	CorpIndustry    string `json:"corp_industry,omitempty"`
	CorpSubIndustry string `json:"corp_sub_industry,omitempty"`
	Location        string `json:"location,omitempty"`
	CorpExName      *struct {
		NameList []string `json:"name_list"`
	} `json:"corp_ex_name,omitempty"`
	// AuthType is how the corp installed the app (get_permanent_code
	// only): 0 authorized by an administrator, 1 by a member.
	AuthType int `json:"auth_type,omitempty"`
}

// UnmarshalJSON reads the numbers of auth_corp_info as JSON numbers or as
// strings holding them ("" is 0), so one odd field never fails a call.
func (c *AuthCorpInfo) UnmarshalJSON(b []byte) error {
	type plain AuthCorpInfo
	w := struct {
		*plain
		CorpUserMax     looseInt `json:"corp_user_max"`
		CorpAgentMax    looseInt `json:"corp_agent_max"`
		VerifiedEndTime looseInt `json:"verified_end_time"`
		SubjectType     looseInt `json:"subject_type"`
		AuthType        looseInt `json:"auth_type"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	c.CorpUserMax, c.CorpAgentMax, c.VerifiedEndTime = int64(w.CorpUserMax), int64(w.CorpAgentMax), int64(w.VerifiedEndTime)
	c.SubjectType, c.AuthType = int(w.SubjectType), int(w.AuthType)
	return nil
}

// looseInt is an integer sent as a JSON number or as a string holding one;
// "" is 0.
type looseInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *looseInt) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	s = strings.Trim(s, `"`)
	if s == "" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("%s is not an integer", b)
	}
	*n = looseInt(v)
	return nil
}

// AuthInfo lists the authorized apps.
type AuthInfo struct {
	Agents []AuthAgent `json:"agent"`
}

// AuthAgent is one authorized app and its privileges.
type AuthAgent struct {
	AgentID          int64      `json:"agentid"`
	Name             string     `json:"name"`
	RoundLogoURL     string     `json:"round_logo_url,omitempty"`
	SquareLogoURL    string     `json:"square_logo_url,omitempty"`
	AppID            int64      `json:"appid,omitempty"`
	AuthMode         int        `json:"auth_mode"` // 0 admin authorization, 1 member authorization
	IsCustomizedApp  bool       `json:"is_customized_app"`
	AuthFromThirdApp bool       `json:"auth_from_thirdapp,omitempty"`
	Privilege        *Privilege `json:"privilege,omitempty"`
	SharedFrom       *struct {
		CorpID    string `json:"corpid"`
		ShareType int    `json:"share_type"` // 0 企业互联, 1 上下游
	} `json:"shared_from,omitempty"`
}

// Privilege is an app's contacts privilege and visibility.
type Privilege struct {
	Level      int      `json:"level"` // 1 basic read, 2 all read, 3 all read-write, 4 single basic read, 5 all write-only
	AllowParty []int64  `json:"allow_party"`
	AllowUser  []string `json:"allow_user"`
	AllowTag   []int64  `json:"allow_tag"`
	ExtraParty []int64  `json:"extra_party"`
	ExtraUser  []string `json:"extra_user"`
	ExtraTag   []int64  `json:"extra_tag"`
}

// AuthUser is the admin who authorized the installation.
type AuthUser struct {
	UserID     string `json:"userid"`
	OpenUserID string `json:"open_userid"`
	Name       string `json:"name"`
	Avatar     string `json:"avatar"`
}

// RegisterUse tells which registration code led to the installation.
type RegisterUse struct {
	RegisterCode string `json:"register_code"`
	TemplateID   string `json:"template_id"`
	State        string `json:"state"`
}

// EditionInfo describes the paid editions of the authorized apps.
type EditionInfo struct {
	Agents []struct {
		AgentID               int64  `json:"agentid"`
		EditionID             string `json:"edition_id"`
		EditionName           string `json:"edition_name"`
		AppStatus             int    `json:"app_status"`
		UserLimit             int64  `json:"user_limit"`
		ExpiredTime           int64  `json:"expired_time"`
		IsVirtualVersion      bool   `json:"is_virtual_version"`
		IsSharedFromOtherCorp bool   `json:"is_shared_from_other_corp"`
	} `json:"agent"`
}

// Admin is an administrator of an authorized app.
type Admin struct {
	UserID     string `json:"userid"`
	OpenUserID string `json:"open_userid"`
	AuthType   int    `json:"auth_type"` // 0 use, 1 manage
}
