package work

import (
	"context"
	"iter"

	"github.com/wecomkit/wecom/internal/api"
)

// Customer-contact strategies (客户联系规则组) and moment strategies (客户朋友圈
// 规则组) are two kinds of rule group with the same shape: a tree of
// groups, each with admins, a range of members and departments, and
// privileges. They are methods of ExternalContactService, beside the
// customers and moments they govern: CustomerStrategy... and
// MomentStrategy... methods, sharing StrategyRange and the list types.

// Paths of the strategies.
const (
	pathCustomerStrategyList     = "/cgi-bin/externalcontact/customer_strategy/list"
	pathCustomerStrategyGet      = "/cgi-bin/externalcontact/customer_strategy/get"
	pathCustomerStrategyGetRange = "/cgi-bin/externalcontact/customer_strategy/get_range"
	pathCustomerStrategyCreate   = "/cgi-bin/externalcontact/customer_strategy/create"
	pathCustomerStrategyEdit     = "/cgi-bin/externalcontact/customer_strategy/edit"
	pathCustomerStrategyDel      = "/cgi-bin/externalcontact/customer_strategy/del"
	pathMomentStrategyList       = "/cgi-bin/externalcontact/moment_strategy/list"
	pathMomentStrategyGet        = "/cgi-bin/externalcontact/moment_strategy/get"
	pathMomentStrategyGetRange   = "/cgi-bin/externalcontact/moment_strategy/get_range"
	pathMomentStrategyCreate     = "/cgi-bin/externalcontact/moment_strategy/create"
	pathMomentStrategyEdit       = "/cgi-bin/externalcontact/moment_strategy/edit"
	pathMomentStrategyDel        = "/cgi-bin/externalcontact/moment_strategy/del"
)

// Range entry types of a strategy.
const (
	StrategyRangeUser       = 1
	StrategyRangeDepartment = 2
)

// StrategyRange is a member (Type StrategyRangeUser, UserID) or a
// department (Type StrategyRangeDepartment, PartyID) a strategy governs.
type StrategyRange struct {
	Type    int    `json:"type"`
	UserID  string `json:"userid,omitempty"`
	PartyID int64  `json:"partyid,omitempty"`
}

// CustomerStrategyPrivilege are the privileges a customer-contact
// strategy grants its members. A nil field is left out of a request and
// keeps WeCom's default (most privileges default to granted; the basic
// ones cannot be withdrawn); set it to say yes or no explicitly.
type CustomerStrategyPrivilege struct {
	ViewCustomerList        *bool `json:"view_customer_list,omitempty"`
	ViewCustomerData        *bool `json:"view_customer_data,omitempty"`
	ViewRoomList            *bool `json:"view_room_list,omitempty"`
	ContactMe               *bool `json:"contact_me,omitempty"`
	JoinRoom                *bool `json:"join_room,omitempty"`
	ShareCustomer           *bool `json:"share_customer,omitempty"`
	OperResignCustomer      *bool `json:"oper_resign_customer,omitempty"`
	OperResignGroup         *bool `json:"oper_resign_group,omitempty"`
	SendCustomerMsg         *bool `json:"send_customer_msg,omitempty"`
	EditWelcomeMsg          *bool `json:"edit_welcome_msg,omitempty"`
	ViewBehaviorData        *bool `json:"view_behavior_data,omitempty"`
	ViewRoomData            *bool `json:"view_room_data,omitempty"`
	SendGroupMsg            *bool `json:"send_group_msg,omitempty"`
	RoomDeduplication       *bool `json:"room_deduplication,omitempty"`
	RapidReply              *bool `json:"rapid_reply,omitempty"`
	OnjobCustomerTransfer   *bool `json:"onjob_customer_transfer,omitempty"`
	EditAntiSpamRule        *bool `json:"edit_anti_spam_rule,omitempty"`
	ExportCustomerList      *bool `json:"export_customer_list,omitempty"`
	ExportCustomerData      *bool `json:"export_customer_data,omitempty"`
	ExportCustomerGroupList *bool `json:"export_customer_group_list,omitempty"`
	ManageCustomerTag       *bool `json:"manage_customer_tag,omitempty"`
}

// MomentStrategyPrivilege are the privileges a moment strategy grants its
// members; a nil field keeps WeCom's default, as in
// CustomerStrategyPrivilege.
type MomentStrategyPrivilege struct {
	SendMoment               *bool `json:"send_moment,omitempty"`
	ViewMomentList           *bool `json:"view_moment_list,omitempty"`
	ManageMomentCoverAndSign *bool `json:"manage_moment_cover_and_sign,omitempty"`
}

// Strategy is a rule group; P is CustomerStrategyPrivilege or
// MomentStrategyPrivilege.
type Strategy[P any] struct {
	StrategyID int64 `json:"strategy_id,omitempty"`
	// ParentID is the parent group (0: the top level).
	ParentID     int64    `json:"parent_id"`
	StrategyName string   `json:"strategy_name"`
	CreateTime   int64    `json:"create_time,omitempty"`
	AdminList    []string `json:"admin_list"`
	Privilege    P        `json:"privilege"`
}

// CreateStrategyRequest creates a rule group with its first range.
type CreateStrategyRequest[P any] struct {
	ParentID     int64           `json:"parent_id"`
	StrategyName string          `json:"strategy_name"`
	AdminList    []string        `json:"admin_list"`
	Privilege    P               `json:"privilege"`
	Range        []StrategyRange `json:"range"`
}

// EditStrategyRequest changes a rule group: unset fields are left as they
// are; RangeAdd and RangeDel add to and take from its range.
type EditStrategyRequest[P any] struct {
	StrategyID   int64           `json:"strategy_id"`
	StrategyName string          `json:"strategy_name,omitempty"`
	AdminList    []string        `json:"admin_list,omitempty"`
	Privilege    *P              `json:"privilege,omitempty"`
	RangeAdd     []StrategyRange `json:"range_add,omitempty"`
	RangeDel     []StrategyRange `json:"range_del,omitempty"`
}

// StrategyPage is a page of strategy ids (list).
type StrategyPage struct {
	Strategies []struct {
		StrategyID int64 `json:"strategy_id"`
	} `json:"strategy"`
	NextCursor string `json:"next_cursor"`
}

// IDs returns the page's strategy ids.
func (p *StrategyPage) IDs() []int64 {
	ids := make([]int64, len(p.Strategies))
	for i, s := range p.Strategies {
		ids[i] = s.StrategyID
	}
	return ids
}

func (p *StrategyPage) page() ([]int64, string) { return p.IDs(), p.NextCursor }

// StrategyRangeRequest asks for a page of a strategy's range.
type StrategyRangeRequest struct {
	StrategyID int64  `json:"strategy_id"`
	Cursor     string `json:"cursor,omitempty"`
	Limit      int    `json:"limit,omitempty"`
}

// StrategyRangePage is a page of a strategy's range (get_range).
type StrategyRangePage struct {
	Range      []StrategyRange `json:"range"`
	NextCursor string          `json:"next_cursor"`
}

func (p *StrategyRangePage) page() ([]StrategyRange, string) { return p.Range, p.NextCursor }

type strategyID struct {
	StrategyID int64 `json:"strategy_id"`
}

// strategies calls the endpoints of one kind of strategy; each method takes
// its endpoint's path, which the public methods name.
type strategies[P any] struct{ s *service }

func (st strategies[P]) list(ctx context.Context, path string, req CursorPageRequest) (*StrategyPage, error) {
	return postAs[StrategyPage](ctx, st.s, path, req, api.Idempotent)
}

func (st strategies[P]) all(ctx context.Context, path string, limit int) iter.Seq2[int64, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*StrategyPage, error) {
		return st.list(ctx, path, CursorPageRequest{Limit: limit, Cursor: cursor})
	})
}

func (st strategies[P]) get(ctx context.Context, path string, id int64) (*Strategy[P], error) {
	var out struct {
		Strategy Strategy[P] `json:"strategy"`
	}
	if err := st.s.post(ctx, path, strategyID{id}, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out.Strategy, nil
}

func (st strategies[P]) getRange(ctx context.Context, path string, req StrategyRangeRequest) (*StrategyRangePage, error) {
	return postAs[StrategyRangePage](ctx, st.s, path, req, api.Idempotent)
}

func (st strategies[P]) allRange(ctx context.Context, path string, strategy int64, limit int) iter.Seq2[StrategyRange, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*StrategyRangePage, error) {
		return st.getRange(ctx, path, StrategyRangeRequest{StrategyID: strategy, Cursor: cursor, Limit: limit})
	})
}

func (st strategies[P]) create(ctx context.Context, path string, req CreateStrategyRequest[P]) (int64, error) {
	var out strategyID
	if err := st.s.post(ctx, path, req, lenient(&out), api.Unsafe); err != nil {
		return 0, err
	}
	return out.StrategyID, nil
}

func (st strategies[P]) edit(ctx context.Context, path string, req EditStrategyRequest[P]) error {
	return st.s.post(ctx, path, req, nil, api.Idempotent)
}

func (st strategies[P]) del(ctx context.Context, path string, id int64) error {
	return st.s.post(ctx, path, strategyID{id}, nil, api.Idempotent)
}

func (s *ExternalContactService) customerStrategies() strategies[CustomerStrategyPrivilege] {
	return strategies[CustomerStrategyPrivilege]{(*service)(s)}
}

func (s *ExternalContactService) momentStrategies() strategies[MomentStrategyPrivilege] {
	return strategies[MomentStrategyPrivilege]{(*service)(s)}
}

// CustomerStrategies returns a page of customer-contact strategy ids
// (customer_strategy/list).
func (s *ExternalContactService) CustomerStrategies(ctx context.Context, req CursorPageRequest) (*StrategyPage, error) {
	return s.customerStrategies().list(ctx, pathCustomerStrategyList, req)
}

// AllCustomerStrategies yields every customer-contact strategy id,
// following the cursor.
func (s *ExternalContactService) AllCustomerStrategies(ctx context.Context, limit int) iter.Seq2[int64, error] {
	return s.customerStrategies().all(ctx, pathCustomerStrategyList, limit)
}

// CustomerStrategy returns a customer-contact strategy
// (customer_strategy/get).
func (s *ExternalContactService) CustomerStrategy(ctx context.Context, strategyID int64) (*Strategy[CustomerStrategyPrivilege], error) {
	return s.customerStrategies().get(ctx, pathCustomerStrategyGet, strategyID)
}

// CustomerStrategyRange returns a page of a customer-contact strategy's
// range (customer_strategy/get_range).
func (s *ExternalContactService) CustomerStrategyRange(ctx context.Context, req StrategyRangeRequest) (*StrategyRangePage, error) {
	return s.customerStrategies().getRange(ctx, pathCustomerStrategyGetRange, req)
}

// AllCustomerStrategyRange yields a customer-contact strategy's whole
// range, following the cursor.
func (s *ExternalContactService) AllCustomerStrategyRange(ctx context.Context, strategyID int64, limit int) iter.Seq2[StrategyRange, error] {
	return s.customerStrategies().allRange(ctx, pathCustomerStrategyGetRange, strategyID, limit)
}

// CreateCustomerStrategy creates a customer-contact strategy and returns
// its id (customer_strategy/create).
func (s *ExternalContactService) CreateCustomerStrategy(ctx context.Context, req CreateStrategyRequest[CustomerStrategyPrivilege]) (int64, error) {
	return s.customerStrategies().create(ctx, pathCustomerStrategyCreate, req)
}

// EditCustomerStrategy changes a customer-contact strategy
// (customer_strategy/edit).
func (s *ExternalContactService) EditCustomerStrategy(ctx context.Context, req EditStrategyRequest[CustomerStrategyPrivilege]) error {
	return s.customerStrategies().edit(ctx, pathCustomerStrategyEdit, req)
}

// DeleteCustomerStrategy deletes a customer-contact strategy
// (customer_strategy/del).
func (s *ExternalContactService) DeleteCustomerStrategy(ctx context.Context, strategyID int64) error {
	return s.customerStrategies().del(ctx, pathCustomerStrategyDel, strategyID)
}

// MomentStrategies returns a page of moment strategy ids
// (moment_strategy/list).
func (s *ExternalContactService) MomentStrategies(ctx context.Context, req CursorPageRequest) (*StrategyPage, error) {
	return s.momentStrategies().list(ctx, pathMomentStrategyList, req)
}

// AllMomentStrategies yields every moment strategy id, following the
// cursor.
func (s *ExternalContactService) AllMomentStrategies(ctx context.Context, limit int) iter.Seq2[int64, error] {
	return s.momentStrategies().all(ctx, pathMomentStrategyList, limit)
}

// MomentStrategy returns a moment strategy (moment_strategy/get).
func (s *ExternalContactService) MomentStrategy(ctx context.Context, strategyID int64) (*Strategy[MomentStrategyPrivilege], error) {
	return s.momentStrategies().get(ctx, pathMomentStrategyGet, strategyID)
}

// MomentStrategyRange returns a page of a moment strategy's range
// (moment_strategy/get_range).
func (s *ExternalContactService) MomentStrategyRange(ctx context.Context, req StrategyRangeRequest) (*StrategyRangePage, error) {
	return s.momentStrategies().getRange(ctx, pathMomentStrategyGetRange, req)
}

// AllMomentStrategyRange yields a moment strategy's whole range,
// following the cursor.
func (s *ExternalContactService) AllMomentStrategyRange(ctx context.Context, strategyID int64, limit int) iter.Seq2[StrategyRange, error] {
	return s.momentStrategies().allRange(ctx, pathMomentStrategyGetRange, strategyID, limit)
}

// CreateMomentStrategy creates a moment strategy and returns its id
// (moment_strategy/create).
func (s *ExternalContactService) CreateMomentStrategy(ctx context.Context, req CreateStrategyRequest[MomentStrategyPrivilege]) (int64, error) {
	return s.momentStrategies().create(ctx, pathMomentStrategyCreate, req)
}

// EditMomentStrategy changes a moment strategy (moment_strategy/edit).
func (s *ExternalContactService) EditMomentStrategy(ctx context.Context, req EditStrategyRequest[MomentStrategyPrivilege]) error {
	return s.momentStrategies().edit(ctx, pathMomentStrategyEdit, req)
}

// DeleteMomentStrategy deletes a moment strategy (moment_strategy/del).
func (s *ExternalContactService) DeleteMomentStrategy(ctx context.Context, strategyID int64) error {
	return s.momentStrategies().del(ctx, pathMomentStrategyDel, strategyID)
}

// Strategy tags (规则组标签) are corp tags that belong to a customer-contact
// strategy; they share the corp tag types.

// Paths of the strategy tags.
const (
	pathGetStrategyTagList = "/cgi-bin/externalcontact/get_strategy_tag_list"
	pathAddStrategyTag     = "/cgi-bin/externalcontact/add_strategy_tag"
	pathEditStrategyTag    = "/cgi-bin/externalcontact/edit_strategy_tag"
	pathDelStrategyTag     = "/cgi-bin/externalcontact/del_strategy_tag"
)

// StrategyTagGroup is a tag group of a strategy.
type StrategyTagGroup struct {
	CorpTagGroup
	StrategyID int64 `json:"strategy_id"`
}

// StrategyTagsRequest selects a strategy's tags: with TagIDs or GroupIDs
// only those.
type StrategyTagsRequest struct {
	StrategyID int64    `json:"strategy_id,omitempty"`
	TagIDs     []string `json:"tag_id,omitempty"`
	GroupIDs   []string `json:"group_id,omitempty"`
}

// StrategyTags returns a strategy's customer tags by group
// (get_strategy_tag_list).
func (s *ExternalContactService) StrategyTags(ctx context.Context, req StrategyTagsRequest) ([]StrategyTagGroup, error) {
	var out struct {
		TagGroups []StrategyTagGroup `json:"tag_group"`
	}
	if err := (*service)(s).post(ctx, pathGetStrategyTagList, req, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.TagGroups, nil
}

// AddStrategyTagRequest adds tags to a strategy's group, creating the
// group (GroupName) when GroupID is empty.
type AddStrategyTagRequest struct {
	StrategyID int64        `json:"strategy_id"`
	GroupID    string       `json:"group_id,omitempty"`
	GroupName  string       `json:"group_name,omitempty"`
	Order      int64        `json:"order,omitempty"`
	Tags       []NewCorpTag `json:"tag"`
}

// AddStrategyTag adds tags to a strategy (add_strategy_tag) and returns
// the group with the new tags.
func (s *ExternalContactService) AddStrategyTag(ctx context.Context, req AddStrategyTagRequest) (*StrategyTagGroup, error) {
	var out struct {
		TagGroup StrategyTagGroup `json:"tag_group"`
	}
	if err := (*service)(s).post(ctx, pathAddStrategyTag, req, lenient(&out), api.Unsafe); err != nil {
		return nil, err
	}
	return &out.TagGroup, nil
}

// EditStrategyTagRequest renames or reorders a strategy tag or tag group
// (ID is either).
type EditStrategyTagRequest struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Order int64  `json:"order,omitempty"`
}

// EditStrategyTag changes a strategy tag or tag group (edit_strategy_tag).
func (s *ExternalContactService) EditStrategyTag(ctx context.Context, req EditStrategyTagRequest) error {
	return (*service)(s).post(ctx, pathEditStrategyTag, req, nil, api.Idempotent)
}

// DeleteStrategyTagsRequest names the strategy tags and groups to delete;
// deleting a group deletes its tags.
type DeleteStrategyTagsRequest struct {
	TagIDs   []string `json:"tag_id,omitempty"`
	GroupIDs []string `json:"group_id,omitempty"`
}

// DeleteStrategyTags deletes strategy tags and whole tag groups
// (del_strategy_tag).
func (s *ExternalContactService) DeleteStrategyTags(ctx context.Context, req DeleteStrategyTagsRequest) error {
	return (*service)(s).post(ctx, pathDelStrategyTag, req, nil, api.Idempotent)
}
