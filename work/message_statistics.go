package work

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// MessageStatistic is how many messages an app sent.
type MessageStatistic struct {
	AgentID int64  `json:"agentid"`
	AppName string `json:"app_name"`
	Count   int64  `json:"count"`
}

// StatisticsDay is the day message/get_statistics counts.
type StatisticsDay int

const (
	// StatisticsToday counts today's messages.
	StatisticsToday StatisticsDay = 0
	// StatisticsYesterday counts yesterday's.
	StatisticsYesterday StatisticsDay = 1
)

// Statistics returns how many messages each app sent on day
// (message/get_statistics).
func (s *MessageService) Statistics(ctx context.Context, day StatisticsDay) ([]MessageStatistic, error) {
	timeType := int(day)
	out, err := postAs[struct {
		Statistics []MessageStatistic `json:"statistics"`
	}](ctx, (*service)(s), "/cgi-bin/message/get_statistics", map[string]int{"time_type": timeType}, api.Idempotent)
	if err != nil {
		return nil, err
	}
	return out.Statistics, nil
}
