package work

import (
	"context"
	"iter"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the customer-contact statistics.
const (
	pathGetUserBehaviorData     = "/cgi-bin/externalcontact/get_user_behavior_data"
	pathGroupChatStatistic      = "/cgi-bin/externalcontact/groupchat/statistic"
	pathGroupChatStatisticByDay = "/cgi-bin/externalcontact/groupchat/statistic_group_by_day"
)

// UserBehaviorRequest asks for members' customer-contact figures by day,
// over at most 30 days within the last 180. Name members (UserIDs) or
// departments (PartyIDs), or both.
type UserBehaviorRequest struct {
	UserIDs   []string
	PartyIDs  []int64
	StartTime time.Time
	EndTime   time.Time
}

// UserBehavior is a day's customer-contact figures of the members asked
// for (get_user_behavior_data).
type UserBehavior struct {
	StatTime            int64   `json:"stat_time"`
	ChatCnt             int64   `json:"chat_cnt"`
	MessageCnt          int64   `json:"message_cnt"`
	ReplyPercentage     float64 `json:"reply_percentage"`
	AvgReplyTime        int64   `json:"avg_reply_time"`
	NegativeFeedbackCnt int64   `json:"negative_feedback_cnt"`
	NewApplyCnt         int64   `json:"new_apply_cnt"`
	NewContactCnt       int64   `json:"new_contact_cnt"`
}

// UserBehaviorData returns members' customer-contact figures by day
// (get_user_behavior_data).
func (s *ExternalContactService) UserBehaviorData(ctx context.Context, req UserBehaviorRequest) ([]UserBehavior, error) {
	if err := checkPeriod(req.StartTime, req.EndTime, ErrInvalidCustomerContactRequest); err != nil {
		return nil, err
	}
	in := struct {
		UserIDs   []string `json:"userid,omitempty"`
		PartyIDs  []int64  `json:"partyid,omitempty"`
		StartTime int64    `json:"start_time"`
		EndTime   int64    `json:"end_time"`
	}{req.UserIDs, req.PartyIDs, req.StartTime.Unix(), req.EndTime.Unix()}
	var out struct {
		Data []UserBehavior `json:"behavior_data"`
	}
	if err := (*service)(s).post(ctx, pathGetUserBehaviorData, in, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.Data, nil
}

// GroupChatStatData are the figures of customer group chats.
type GroupChatStatData struct {
	NewChatCnt            int64 `json:"new_chat_cnt"`
	ChatTotal             int64 `json:"chat_total"`
	ChatHasMsg            int64 `json:"chat_has_msg"`
	NewMemberCnt          int64 `json:"new_member_cnt"`
	MemberTotal           int64 `json:"member_total"`
	MemberHasMsg          int64 `json:"member_has_msg"`
	MsgTotal              int64 `json:"msg_total"`
	MigrateTraineeChatCnt int64 `json:"migrate_trainee_chat_cnt"`
}

// GroupChatStatRequest asks for group chat figures of the chats owned by
// OwnerUserIDs (all the app can see when empty) from DayBegin to DayEnd
// (days, at most 30 within the last 180; DayEnd zero: DayBegin's day).
type GroupChatStatRequest struct {
	DayBegin     time.Time
	DayEnd       time.Time
	OwnerUserIDs []string
	// OrderBy (by owner only): 1 new chats, 2 chats in total, 3 chats
	// with messages, 4 new members, 5 members in total, ...; 0: WeCom's
	// default. OrderAsc sorts ascending.
	OrderBy  int
	OrderAsc bool
	// Offset and Limit page the owners (by owner only).
	Offset int
	Limit  int
}

type groupChatStatBody struct {
	DayBeginTime int64 `json:"day_begin_time"`
	DayEndTime   int64 `json:"day_end_time,omitempty"`
	OwnerFilter  struct {
		UserIDs []string `json:"userid_list"`
	} `json:"owner_filter"`
	OrderBy  int     `json:"order_by,omitempty"`
	OrderAsc oneZero `json:"order_asc,omitempty"`
	Offset   int     `json:"offset,omitempty"`
	Limit    int     `json:"limit,omitempty"`
}

func (r GroupChatStatRequest) body() (groupChatStatBody, error) {
	var b groupChatStatBody
	if r.DayBegin.IsZero() {
		return b, ErrInvalidCustomerContactRequest
	}
	if !r.DayEnd.IsZero() {
		if err := checkPeriod(r.DayBegin, r.DayEnd, ErrInvalidCustomerContactRequest); err != nil {
			return b, err
		}
		b.DayEndTime = r.DayEnd.Unix()
	}
	b.DayBeginTime = r.DayBegin.Unix()
	b.OwnerFilter.UserIDs = r.OwnerUserIDs
	if b.OwnerFilter.UserIDs == nil {
		b.OwnerFilter.UserIDs = []string{}
	}
	return b, nil
}

// GroupChatOwnerStat is an owner's figures.
type GroupChatOwnerStat struct {
	Owner string            `json:"owner"`
	Data  GroupChatStatData `json:"data"`
}

// GroupChatOwnerStats is the answer of groupchat/statistic.
type GroupChatOwnerStats struct {
	Total      int64                `json:"total"`
	NextOffset int64                `json:"next_offset"`
	Items      []GroupChatOwnerStat `json:"items"`
}

// GroupChatStatByOwner returns group chat figures by owner
// (groupchat/statistic).
func (s *ExternalContactService) GroupChatStatByOwner(ctx context.Context, req GroupChatStatRequest) (*GroupChatOwnerStats, error) {
	b, err := req.body()
	if err != nil {
		return nil, err
	}
	b.OrderBy, b.OrderAsc, b.Offset, b.Limit = req.OrderBy, oneZero(req.OrderAsc), req.Offset, req.Limit
	return postAs[GroupChatOwnerStats](ctx, (*service)(s), pathGroupChatStatistic, b, api.Idempotent)
}

// AllGroupChatStatByOwner yields every owner's figures, following the
// offset from req.Offset on.
func (s *ExternalContactService) AllGroupChatStatByOwner(ctx context.Context, req GroupChatStatRequest) iter.Seq2[GroupChatOwnerStat, error] {
	return func(yield func(GroupChatOwnerStat, error) bool) {
		for {
			page, err := s.GroupChatStatByOwner(ctx, req)
			if err != nil {
				yield(GroupChatOwnerStat{}, err)
				return
			}
			for _, it := range page.Items {
				if !yield(it, nil) {
					return
				}
			}
			next := int(page.NextOffset)
			if len(page.Items) == 0 || next <= req.Offset || int64(next) >= page.Total {
				return
			}
			req.Offset = next
		}
	}
}

// GroupChatDayStat is a day's figures.
type GroupChatDayStat struct {
	StatTime int64             `json:"stat_time"`
	Data     GroupChatStatData `json:"data"`
}

// GroupChatStatByDay returns group chat figures by day
// (groupchat/statistic_group_by_day); OrderBy, OrderAsc, Offset and Limit
// are not used.
func (s *ExternalContactService) GroupChatStatByDay(ctx context.Context, req GroupChatStatRequest) ([]GroupChatDayStat, error) {
	b, err := req.body()
	if err != nil {
		return nil, err
	}
	var out struct {
		Items []GroupChatDayStat `json:"items"`
	}
	if err := (*service)(s).post(ctx, pathGroupChatStatisticByDay, b, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.Items, nil
}
