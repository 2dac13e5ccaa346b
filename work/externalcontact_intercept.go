package work

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// InterceptService manages the customer-contact sensitive-word intercept
// rules (敏感词拦截规则) of the corp: words and semantics that block or
// warn on a member's message to a customer.
type InterceptService service

// Paths of the intercept rules.
const (
	pathAddInterceptRule     = "/cgi-bin/externalcontact/add_intercept_rule"
	pathGetInterceptRuleList = "/cgi-bin/externalcontact/get_intercept_rule_list"
	pathGetInterceptRule     = "/cgi-bin/externalcontact/get_intercept_rule"
	pathUpdateInterceptRule  = "/cgi-bin/externalcontact/update_intercept_rule"
	pathDelInterceptRule     = "/cgi-bin/externalcontact/del_intercept_rule"
)

// Intercept types of a rule.
const (
	// InterceptBlockAndWarn blocks the message and warns the member.
	InterceptBlockAndWarn = 1
	// InterceptWarnOnly sends the message and warns the member.
	InterceptWarnOnly = 2
	// InterceptBlockSilently blocks the message without a warning.
	InterceptBlockSilently = 3
)

// Semantics a rule can intercept besides its words (extra_rule).
const (
	SemanticsMobile    = 1 // phone numbers
	SemanticsEmail     = 2 // e-mail addresses
	SemanticsRedPacket = 3 // red packets
)

// ContactRange names members and departments a rule or link applies to.
type ContactRange struct {
	UserIDs       []string `json:"user_list,omitempty"`
	DepartmentIDs []int64  `json:"department_list,omitempty"`
}

// InterceptRule is a sensitive-word intercept rule as
// get_intercept_rule returns it.
type InterceptRule struct {
	RuleID   string   `json:"rule_id"`
	RuleName string   `json:"rule_name"`
	Words    []string `json:"word_list"`
	// Semantics are the extra semantics intercepted (SemanticsMobile, ...).
	Semantics       []int        `json:"-"`
	InterceptType   int          `json:"intercept_type"`
	ApplicableRange ContactRange `json:"applicable_range"`
	CreateTime      int64        `json:"create_time,omitempty"`
}

type interceptRuleWire struct {
	RuleID    looseString `json:"rule_id"`
	RuleName  string      `json:"rule_name"`
	Words     []string    `json:"word_list"`
	ExtraRule struct {
		Semantics []int `json:"semantics_list"`
	} `json:"extra_rule"`
	InterceptType   int          `json:"intercept_type"`
	ApplicableRange ContactRange `json:"applicable_range"`
	CreateTime      int64        `json:"create_time"`
}

// AddInterceptRuleRequest creates an intercept rule.
type AddInterceptRuleRequest struct {
	RuleName string   `json:"rule_name"`
	Words    []string `json:"word_list"`
	// Semantics are extra semantics to intercept (SemanticsMobile, ...).
	Semantics       []int        `json:"semantics_list,omitempty"`
	InterceptType   int          `json:"intercept_type"`
	ApplicableRange ContactRange `json:"applicable_range"`
}

// AddRule creates an intercept rule and returns its id
// (add_intercept_rule).
func (s *InterceptService) AddRule(ctx context.Context, req AddInterceptRuleRequest) (string, error) {
	var out struct {
		RuleID looseString `json:"rule_id"`
	}
	if err := (*service)(s).post(ctx, pathAddInterceptRule, req, lenient(&out), api.Unsafe); err != nil {
		return "", err
	}
	return string(out.RuleID), nil
}

// InterceptRuleSummary is an entry of get_intercept_rule_list.
type InterceptRuleSummary struct {
	RuleID     string `json:"rule_id"`
	RuleName   string `json:"rule_name"`
	CreateTime int64  `json:"create_time"`
}

// Rules lists the corp's intercept rules (get_intercept_rule_list).
func (s *InterceptService) Rules(ctx context.Context) ([]InterceptRuleSummary, error) {
	var out struct {
		Rules []struct {
			RuleID     looseString `json:"rule_id"`
			RuleName   string      `json:"rule_name"`
			CreateTime looseInt    `json:"create_time"`
		} `json:"rule_list"`
	}
	if err := (*service)(s).post(ctx, pathGetInterceptRuleList, struct{}{}, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	rules := make([]InterceptRuleSummary, 0, len(out.Rules))
	for _, r := range out.Rules {
		rules = append(rules, InterceptRuleSummary{RuleID: string(r.RuleID), RuleName: r.RuleName, CreateTime: int64(r.CreateTime)})
	}
	return rules, nil
}

// Rule returns one intercept rule (get_intercept_rule).
func (s *InterceptService) Rule(ctx context.Context, ruleID string) (*InterceptRule, error) {
	in := struct {
		RuleID string `json:"rule_id"`
	}{ruleID}
	var out struct {
		Rule interceptRuleWire `json:"rule"`
	}
	if err := (*service)(s).post(ctx, pathGetInterceptRule, in, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	w := out.Rule
	return &InterceptRule{RuleID: string(w.RuleID), RuleName: w.RuleName, Words: w.Words, Semantics: w.ExtraRule.Semantics,
		InterceptType: w.InterceptType, ApplicableRange: w.ApplicableRange, CreateTime: w.CreateTime}, nil
}

// UpdateInterceptRuleRequest changes an intercept rule; unset fields are
// left as they are.
type UpdateInterceptRuleRequest struct {
	RuleID   string   `json:"rule_id"`
	RuleName string   `json:"rule_name,omitempty"`
	Words    []string `json:"word_list,omitempty"`
	// Semantics, when non-nil, replaces the extra semantics intercepted.
	Semantics     []int `json:"-"`
	InterceptType int   `json:"intercept_type,omitempty"`
	// AddRange and RemoveRange add members and departments to the rule
	// and take them off it.
	AddRange    *ContactRange `json:"add_applicable_range,omitempty"`
	RemoveRange *ContactRange `json:"remove_applicable_range,omitempty"`
}

// UpdateRule changes an intercept rule (update_intercept_rule).
func (s *InterceptService) UpdateRule(ctx context.Context, req UpdateInterceptRuleRequest) error {
	type plain UpdateInterceptRuleRequest
	type extra struct {
		Semantics []int `json:"semantics_list"`
	}
	body := struct {
		plain
		ExtraRule *extra `json:"extra_rule,omitempty"`
	}{plain: plain(req)}
	if req.Semantics != nil {
		body.ExtraRule = &extra{req.Semantics}
	}
	return (*service)(s).post(ctx, pathUpdateInterceptRule, body, nil, api.Idempotent)
}

// DeleteRule deletes an intercept rule (del_intercept_rule).
func (s *InterceptService) DeleteRule(ctx context.Context, ruleID string) error {
	in := struct {
		RuleID string `json:"rule_id"`
	}{ruleID}
	return (*service)(s).post(ctx, pathDelInterceptRule, in, nil, api.Idempotent)
}
