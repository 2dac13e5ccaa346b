package work

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// KFService wraps 微信客服 (WeChat customer service): customer-service
// accounts, their servicers, sessions, messages, customers, the upgrade
// service, statistics and the knowledge base (/cgi-bin/kf/...). Self-built
// apps, customized apps and third-party apps of an authorized corp use the
// same methods. The conversation loop is SyncMessages.
type KFService service

// ErrKFInvalid is returned, without calling WeCom, for a kf request that
// misses a required field.
var ErrKFInvalid = errors.New("work: invalid kf request")

// kfRequire returns ErrKFInvalid naming the first empty field of pairs
// (name, value, name, value, ...).
func kfRequire(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			return fmt.Errorf("%w: %s is required", ErrKFInvalid, pairs[i])
		}
	}
	return nil
}

// ---- Accounts (developer.work.weixin.qq.com/document/path/94662) ----

// KFAccount is a customer-service account, as kf/account/list returns it.
type KFAccount struct {
	OpenKFID string `json:"open_kfid"`
	Name     string `json:"name"`
	Avatar   string `json:"avatar"`
	// ManagePrivilege reports whether the calling app may manage the
	// account's servicers and sessions.
	ManagePrivilege bool `json:"manage_privilege"`
}

// KFAccountAdd is the body of kf/account/add.
type KFAccountAdd struct {
	// Name of the account, at most 16 characters.
	Name string `json:"name"`
	// MediaID is the avatar, a temporary image uploaded with Media.Upload.
	MediaID string `json:"media_id"`
}

// AddAccount creates a customer-service account and returns its open_kfid
// (POST /cgi-bin/kf/account/add).
func (s *KFService) AddAccount(ctx context.Context, in KFAccountAdd) (string, error) {
	if err := kfRequire("name", in.Name, "media_id", in.MediaID); err != nil {
		return "", err
	}
	out, err := postAs[struct {
		OpenKFID string `json:"open_kfid"`
	}](ctx, (*service)(s), "/cgi-bin/kf/account/add", in, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.OpenKFID, nil
}

// DeleteAccount deletes a customer-service account
// (POST /cgi-bin/kf/account/del).
func (s *KFService) DeleteAccount(ctx context.Context, openKFID string) error {
	if err := kfRequire("open_kfid", openKFID); err != nil {
		return err
	}
	// Not repeated: after a lost answer a second delete fails (95004).
	return (*service)(s).post(ctx, "/cgi-bin/kf/account/del", map[string]string{"open_kfid": openKFID}, nil, api.Unsafe)
}

// KFAccountUpdate is the body of kf/account/update: the fields left empty
// keep their value.
type KFAccountUpdate struct {
	OpenKFID string `json:"open_kfid"`
	Name     string `json:"name,omitempty"`
	MediaID  string `json:"media_id,omitempty"`
}

// UpdateAccount changes the name or avatar of a customer-service account
// (POST /cgi-bin/kf/account/update).
func (s *KFService) UpdateAccount(ctx context.Context, in KFAccountUpdate) error {
	if err := kfRequire("open_kfid", in.OpenKFID); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/kf/account/update", in, nil, api.Idempotent)
}

// KFAccountListRequest pages kf/account/list.
type KFAccountListRequest struct {
	// Offset is the index of the first account (from 0).
	Offset int `json:"offset"`
	// Limit is the page size, 1 to 100; 0 sends 100.
	Limit int `json:"limit"`
}

// ListAccounts returns a page of the corp's customer-service accounts
// (POST /cgi-bin/kf/account/list).
func (s *KFService) ListAccounts(ctx context.Context, in KFAccountListRequest) ([]KFAccount, error) {
	if in.Limit == 0 {
		in.Limit = 100
	}
	out, err := postAs[struct {
		AccountList []KFAccount `json:"account_list"`
	}](ctx, (*service)(s), "/cgi-bin/kf/account/list", in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.AccountList, nil
}

// KFContactWayRequest is the body of kf/add_contact_way.
type KFContactWayRequest struct {
	OpenKFID string `json:"open_kfid"`
	// Scene, optional, is returned in the enter_session event of the
	// customers who open the link (at most 32 bytes of [0-9a-zA-Z_-]).
	Scene string `json:"scene,omitempty"`
}

// AddContactWay returns the link that opens a chat with the account
// (POST /cgi-bin/kf/add_contact_way).
func (s *KFService) AddContactWay(ctx context.Context, in KFContactWayRequest) (string, error) {
	if err := kfRequire("open_kfid", in.OpenKFID); err != nil {
		return "", err
	}
	out, err := postAs[struct {
		URL string `json:"url"`
	}](ctx, (*service)(s), "/cgi-bin/kf/add_contact_way", in, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.URL, nil
}

// ---- Servicers (document/path/94646) ----

// KFServicersRequest is the body of kf/servicer/add and kf/servicer/del:
// members, departments or both (at most 100 of each).
type KFServicersRequest struct {
	OpenKFID      string   `json:"open_kfid"`
	UserIDs       []string `json:"userid_list,omitempty"`
	DepartmentIDs []int64  `json:"department_id_list,omitempty"`
}

// KFServicerResult is the outcome for one member or department of
// kf/servicer/add or kf/servicer/del.
type KFServicerResult struct {
	UserID       string `json:"userid,omitempty"`
	DepartmentID int64  `json:"department_id,omitempty"`
	ErrCode      int    `json:"errcode"`
	ErrMsg       string `json:"errmsg"`
}

func (s *KFService) servicers(ctx context.Context, path string, in KFServicersRequest) ([]KFServicerResult, error) {
	if err := kfRequire("open_kfid", in.OpenKFID); err != nil {
		return nil, err
	}
	if len(in.UserIDs) == 0 && len(in.DepartmentIDs) == 0 {
		return nil, fmt.Errorf("%w: userid_list or department_id_list is required", ErrKFInvalid)
	}
	out, err := postAs[struct {
		ResultList []KFServicerResult `json:"result_list"`
	}](ctx, (*service)(s), path, in, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.ResultList, nil
}

// AddServicers makes members or departments servicers of an account
// (POST /cgi-bin/kf/servicer/add). Each member's or department's outcome
// is in the result.
func (s *KFService) AddServicers(ctx context.Context, in KFServicersRequest) ([]KFServicerResult, error) {
	return s.servicers(ctx, "/cgi-bin/kf/servicer/add", in)
}

// DeleteServicers removes servicers from an account
// (POST /cgi-bin/kf/servicer/del).
func (s *KFService) DeleteServicers(ctx context.Context, in KFServicersRequest) ([]KFServicerResult, error) {
	return s.servicers(ctx, "/cgi-bin/kf/servicer/del", in)
}

// KFServicer is a servicer of an account: a member (UserID, with Status)
// or a whole department (DepartmentID).
type KFServicer struct {
	UserID string `json:"userid,omitempty"`
	// Status is 0 when the member is receiving, 1 when paused.
	Status       int   `json:"status"`
	DepartmentID int64 `json:"department_id,omitempty"`
	// StopType (when Status is 1) is 0 for 停止接待, 1 for 暂时挂起.
	StopType int `json:"stop_type,omitempty"`
}

// ListServicers returns the servicers of an account
// (GET /cgi-bin/kf/servicer/list).
func (s *KFService) ListServicers(ctx context.Context, openKFID string) ([]KFServicer, error) {
	if err := kfRequire("open_kfid", openKFID); err != nil {
		return nil, err
	}
	out, err := getAs[struct {
		ServicerList []KFServicer `json:"servicer_list"`
	}](ctx, (*service)(s), "/cgi-bin/kf/servicer/list", url.Values{"open_kfid": {openKFID}})
	if err != nil {
		return nil, err
	}
	return out.ServicerList, nil
}

// ---- Sessions (document/path/94669) ----

// KFState is the state of a customer's session.
type KFState int

// The session states of kf/service_state.
const (
	KFStateUntreated   KFState = 0 // 未处理: new session, or not yet handled
	KFStateSmartAssist KFState = 1 // 由智能助手接待
	KFStatePool        KFState = 2 // 待接入池排队中
	KFStateServicer    KFState = 3 // 由人工接待
	KFStateEnded       KFState = 4 // 已结束/未开始
)

// KFSession identifies a customer's session with an account.
type KFSession struct {
	OpenKFID       string `json:"open_kfid"`
	ExternalUserID string `json:"external_userid"`
}

// KFServiceState is a session's state, from kf/service_state/get.
type KFServiceState struct {
	ServiceState KFState `json:"service_state"`
	// ServicerUserID is the member receiving the customer (state 3).
	ServicerUserID string `json:"servicer_userid"`
}

// ServiceState returns the state of a customer's session
// (POST /cgi-bin/kf/service_state/get).
func (s *KFService) ServiceState(ctx context.Context, in KFSession) (*KFServiceState, error) {
	if err := kfRequire("open_kfid", in.OpenKFID, "external_userid", in.ExternalUserID); err != nil {
		return nil, err
	}
	return postAs[KFServiceState](ctx, (*service)(s), "/cgi-bin/kf/service_state/get", in, api.Idempotent)
}

// KFServiceStateTrans is the body of kf/service_state/trans.
type KFServiceStateTrans struct {
	OpenKFID       string  `json:"open_kfid"`
	ExternalUserID string  `json:"external_userid"`
	ServiceState   KFState `json:"service_state"`
	// ServicerUserID is required when ServiceState is KFStateServicer.
	ServicerUserID string `json:"servicer_userid,omitempty"`
}

// TransferServiceState changes a session's state (to a servicer, the pool,
// the smart assistant, or ended) and returns the msg_code with which a
// closing message can be sent through SendMessageOnEvent, when WeCom gives
// one (POST /cgi-bin/kf/service_state/trans).
func (s *KFService) TransferServiceState(ctx context.Context, in KFServiceStateTrans) (string, error) {
	if err := kfRequire("open_kfid", in.OpenKFID, "external_userid", in.ExternalUserID); err != nil {
		return "", err
	}
	if in.ServiceState < KFStateUntreated || in.ServiceState > KFStateEnded {
		return "", fmt.Errorf("%w: service_state %d is not 0 to 4", ErrKFInvalid, in.ServiceState)
	}
	if in.ServiceState == KFStateServicer && in.ServicerUserID == "" {
		return "", fmt.Errorf("%w: servicer_userid is required for state 3", ErrKFInvalid)
	}
	out, err := postAs[struct {
		MsgCode string `json:"msg_code"`
	}](ctx, (*service)(s), "/cgi-bin/kf/service_state/trans", in, api.Unsafe)
	if err != nil {
		return "", err
	}
	return out.MsgCode, nil
}

// ---- Customers (document/path/95159) ----

// KFCustomerRequest is the body of kf/customer/batchget.
type KFCustomerRequest struct {
	// ExternalUserIDs lists 1 to 100 customers.
	ExternalUserIDs []string `json:"external_userid_list"`
	// NeedEnterSessionContext asks for each customer's last
	// enter_session context.
	NeedEnterSessionContext bool `json:"-"`
}

// KFCustomer is a WeChat customer of kf/customer/batchget.
type KFCustomer struct {
	ExternalUserID string `json:"external_userid"`
	Nickname       string `json:"nickname"`
	Avatar         string `json:"avatar"`
	// Gender is 0 unknown, 1 male, 2 female.
	Gender  int    `json:"gender"`
	UnionID string `json:"unionid"`
	// EnterSessionContext is set when asked for.
	EnterSessionContext *KFEnterSessionContext `json:"enter_session_context,omitempty"`
}

// KFEnterSessionContext is how a customer last entered a session.
type KFEnterSessionContext struct {
	Scene          string           `json:"scene"`
	SceneParam     string           `json:"scene_param"`
	WechatChannels *KFWechatChannel `json:"wechat_channels,omitempty"`
}

// KFWechatChannel is the 视频号 a customer came from.
type KFWechatChannel struct {
	Nickname     string `json:"nickname"`
	ShopNickname string `json:"shop_nickname,omitempty"`
	Scene        int    `json:"scene"`
}

// KFCustomers is the answer of kf/customer/batchget.
type KFCustomers struct {
	CustomerList          []KFCustomer `json:"customer_list"`
	InvalidExternalUserID []string     `json:"invalid_external_userid"`
}

// BatchGetCustomers returns the WeChat profile of customers
// (POST /cgi-bin/kf/customer/batchget).
func (s *KFService) BatchGetCustomers(ctx context.Context, in KFCustomerRequest) (*KFCustomers, error) {
	if len(in.ExternalUserIDs) == 0 {
		return nil, fmt.Errorf("%w: external_userid_list is required", ErrKFInvalid)
	}
	body := struct {
		ExternalUserIDs         []string `json:"external_userid_list"`
		NeedEnterSessionContext oneZero  `json:"need_enter_session_context"`
	}{in.ExternalUserIDs, oneZero(in.NeedEnterSessionContext)}
	return postAs[KFCustomers](ctx, (*service)(s), "/cgi-bin/kf/customer/batchget", body, api.Idempotent)
}

// ---- Upgrade service (document/path/94674) ----

// KFUpgradeServiceConfig lists the members and customer groups configured
// for the upgrade service (kf/customer/get_upgrade_service_config).
type KFUpgradeServiceConfig struct {
	MemberRange struct {
		UserIDList       []string `json:"userid_list"`
		DepartmentIDList []int64  `json:"department_id_list"`
	} `json:"member_range"`
	GroupChatRange struct {
		ChatIDList []string `json:"chat_id_list"`
	} `json:"groupchat_range"`
}

// UpgradeServiceConfig returns the members and customer groups a customer
// can be upgraded to (GET /cgi-bin/kf/customer/get_upgrade_service_config).
func (s *KFService) UpgradeServiceConfig(ctx context.Context) (*KFUpgradeServiceConfig, error) {
	return getAs[KFUpgradeServiceConfig](ctx, (*service)(s), "/cgi-bin/kf/customer/get_upgrade_service_config", nil)
}

// KFUpgradeService is the body of kf/customer/upgrade_service: Type 1
// recommends a member (Member), type 2 a customer group (GroupChat).
type KFUpgradeService struct {
	OpenKFID       string              `json:"open_kfid"`
	ExternalUserID string              `json:"external_userid"`
	Type           int                 `json:"type"`
	Member         *KFUpgradeMember    `json:"member,omitempty"`
	GroupChat      *KFUpgradeGroupChat `json:"groupchat,omitempty"`
}

// KFUpgradeMember is the member recommended to a customer.
type KFUpgradeMember struct {
	UserID  string `json:"userid"`
	Wording string `json:"wording,omitempty"`
}

// KFUpgradeGroupChat is the customer group recommended to a customer.
type KFUpgradeGroupChat struct {
	ChatID  string `json:"chat_id"`
	Wording string `json:"wording,omitempty"`
}

// UpgradeService recommends a member or a customer group to a customer
// (POST /cgi-bin/kf/customer/upgrade_service).
func (s *KFService) UpgradeService(ctx context.Context, in KFUpgradeService) error {
	if err := kfRequire("open_kfid", in.OpenKFID, "external_userid", in.ExternalUserID); err != nil {
		return err
	}
	switch {
	case in.Type == 1 && in.Member == nil, in.Type == 2 && in.GroupChat == nil:
		return fmt.Errorf("%w: type %d needs its member or groupchat", ErrKFInvalid, in.Type)
	case in.Type != 1 && in.Type != 2:
		return fmt.Errorf("%w: type %d is not 1 or 2", ErrKFInvalid, in.Type)
	}
	// Not repeated: the recommendation is shown in the servicer's chat.
	return (*service)(s).post(ctx, "/cgi-bin/kf/customer/upgrade_service", in, nil, api.Unsafe)
}

// CancelUpgradeService withdraws the recommendation made to a customer
// (POST /cgi-bin/kf/customer/cancel_upgrade_service).
func (s *KFService) CancelUpgradeService(ctx context.Context, in KFSession) error {
	if err := kfRequire("open_kfid", in.OpenKFID, "external_userid", in.ExternalUserID); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/kf/customer/cancel_upgrade_service", in, nil, api.Unsafe)
}

// ---- Statistics (document/path/95489, 95490) and qualification ----

// KFStatisticRequest asks for the daily statistics of an account (and,
// for ServicerStatistic, optionally of one servicer) from Start to End
// (whole days, at most 31, within the last 180).
type KFStatisticRequest struct {
	OpenKFID string
	// ServicerUserID narrows ServicerStatistic to one servicer.
	ServicerUserID string
	Start, End     time.Time
}

func (in KFStatisticRequest) body(servicer bool) (any, error) {
	if err := kfRequire("open_kfid", in.OpenKFID); err != nil {
		return nil, err
	}
	if err := checkPeriod(in.Start, in.End, ErrKFInvalid); err != nil {
		return nil, err
	}
	type body struct {
		OpenKFID       string `json:"open_kfid"`
		ServicerUserID string `json:"servicer_userid,omitempty"`
		StartTime      int64  `json:"start_time"`
		EndTime        int64  `json:"end_time"`
	}
	b := body{OpenKFID: in.OpenKFID, StartTime: in.Start.Unix(), EndTime: in.End.Unix()}
	if servicer {
		b.ServicerUserID = in.ServicerUserID
	}
	return b, nil
}

// KFCorpStatistic is one day of kf/get_corp_statistic.
type KFCorpStatistic struct {
	// StatTime is the day's 00:00, as a Unix time.
	StatTime  int64 `json:"stat_time"`
	Statistic struct {
		SessionCnt                int     `json:"session_cnt"`
		CustomerCnt               int     `json:"customer_cnt"`
		CustomerMsgCnt            int     `json:"customer_msg_cnt"`
		UpgradeServiceCustomerCnt int     `json:"upgrade_service_customer_cnt"`
		AISessionReplyCnt         int     `json:"ai_session_reply_cnt"`
		AITransferRate            float64 `json:"ai_transfer_rate"`
		AIKnowledgeHitRate        float64 `json:"ai_knowledge_hit_rate"`
		MsgRejectedCustomerCnt    int     `json:"msg_rejected_customer_cnt"`
	} `json:"statistic"`
}

// CorpStatistic returns an account's daily statistics
// (POST /cgi-bin/kf/get_corp_statistic).
func (s *KFService) CorpStatistic(ctx context.Context, in KFStatisticRequest) ([]KFCorpStatistic, error) {
	body, err := in.body(false)
	if err != nil {
		return nil, err
	}
	out, err := postAs[struct {
		StatisticList []KFCorpStatistic `json:"statistic_list"`
	}](ctx, (*service)(s), "/cgi-bin/kf/get_corp_statistic", body, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.StatisticList, nil
}

// KFServicerStatistic is one day of kf/get_servicer_statistic.
type KFServicerStatistic struct {
	// StatTime is the day's 00:00, as a Unix time (stat_time; some doc
	// versions spell it stat_date, which is read too).
	StatTime  int64 `json:"stat_time"`
	StatDate  int64 `json:"stat_date,omitempty"`
	Statistic struct {
		SessionCnt                         int     `json:"session_cnt"`
		CustomerCnt                        int     `json:"customer_cnt"`
		CustomerMsgCnt                     int     `json:"customer_msg_cnt"`
		ReplyRate                          float64 `json:"reply_rate"`
		FirstReplyAverageSec               float64 `json:"first_reply_average_sec"`
		SatisfactionInvestgateCnt          int     `json:"satisfaction_investgate_cnt"`
		SatisfactionParticipationRate      float64 `json:"satisfaction_participation_rate"`
		SatisfiedRate                      float64 `json:"satisfied_rate"`
		MiddlingRate                       float64 `json:"middling_rate"`
		DissatisfiedRate                   float64 `json:"dissatisfied_rate"`
		UpgradeServiceCustomerCnt          int     `json:"upgrade_service_customer_cnt"`
		UpgradeServiceMemberInviteCnt      int     `json:"upgrade_service_member_invite_cnt"`
		UpgradeServiceMemberCustomerCnt    int     `json:"upgrade_service_member_customer_cnt"`
		UpgradeServiceGroupChatInviteCnt   int     `json:"upgrade_service_groupchat_invite_cnt"`
		UpgradeServiceGroupChatCustomerCnt int     `json:"upgrade_service_groupchat_customer_cnt"`
		MsgRejectedCustomerCnt             int     `json:"msg_rejected_customer_cnt"`
	} `json:"statistic"`
}

// ServicerStatistic returns the daily statistics of an account's
// servicers (POST /cgi-bin/kf/get_servicer_statistic).
func (s *KFService) ServicerStatistic(ctx context.Context, in KFStatisticRequest) ([]KFServicerStatistic, error) {
	body, err := in.body(true)
	if err != nil {
		return nil, err
	}
	out, err := postAs[struct {
		StatisticList []KFServicerStatistic `json:"statistic_list"`
	}](ctx, (*service)(s), "/cgi-bin/kf/get_servicer_statistic", body, api.Idempotent)
	if err != nil {
		return nil, err
	}
	for i := range out.StatisticList {
		if st := &out.StatisticList[i]; st.StatTime == 0 {
			st.StatTime = st.StatDate
		}
	}
	return out.StatisticList, nil
}

// KFCorpQualification is the answer of kf/get_corp_qualification.
type KFCorpQualification struct {
	// WechatChannelsBinding reports whether the corp has bound a 视频号,
	// which lifts the limit on the number of accounts.
	WechatChannelsBinding bool `json:"wechat_channels_binding"`
}

// CorpQualification returns the corp's kf qualification
// (GET /cgi-bin/kf/get_corp_qualification).
func (s *KFService) CorpQualification(ctx context.Context) (*KFCorpQualification, error) {
	return getAs[KFCorpQualification](ctx, (*service)(s), "/cgi-bin/kf/get_corp_qualification", nil)
}
