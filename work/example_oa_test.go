package work_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// oaFake starts a fake WeCom that answers the OA endpoints with the
// documented response samples (abridged), for the examples below.
func oaFake() *wecomtest.Server {
	s := wecomtest.NewServer()
	s.Handle("/cgi-bin/oa/getapprovalinfo", func(*http.Request, []byte) (any, error) {
		return `{"errcode":0,"errmsg":"ok","sp_no_list":["201909270002"],"new_next_cursor":""}`, nil
	})
	s.Handle("/cgi-bin/oa/getapprovaldetail", func(*http.Request, []byte) (any, error) {
		return `{"errcode":0,"errmsg":"ok","info":{"sp_no":"201909270002","sp_name":"全字段","sp_status":2,
			"template_id":"Bs5KJ2NT4ncf4ZygaE8MB3779yUW8nsMaJd3mmE9v","apply_time":1569584428,
			"applyer":{"userid":"WuJunJie","partyid":"2"}}}`, nil
	})
	s.Handle("/cgi-bin/checkin/getcheckindata", func(*http.Request, []byte) (any, error) {
		return `{"errcode":0,"errmsg":"ok","checkindata":[{"userid":"james","groupname":"打卡一组",
			"checkin_type":"上班打卡","exception_type":"地点异常;时间异常","checkin_time":1492617610,
			"location_title":"依澜府","sch_checkin_time":1492617600}]}`, nil
	})
	return s
}

// Every approval of the last week that was approved, with its details.
func ExampleApprovalService_All() {
	fake := oaFake() // in production: no fake, no WithBaseURL
	defer fake.Close()
	c, err := work.New(work.Config{CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret},
		wecom.WithBaseURL(fake.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	end := time.Now()
	req := work.ApprovalListRequest{
		Start:   end.AddDate(0, 0, -7),
		End:     end,
		Filters: []work.ApprovalFilter{{Key: work.FilterSpStatus, Value: "2"}}, // approved
	}
	for spNo, err := range c.Approval.All(ctx, req) {
		if err != nil {
			fmt.Println(err)
			return
		}
		d, err := c.Approval.Detail(ctx, spNo)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(d.SpNo, d.SpName, d.Applyer.UserID)
	}
	// Output: 201909270002 全字段 WuJunJie
}

// The check-ins of two members over the last week.
func ExampleCheckinService_Data() {
	fake := oaFake() // in production: no fake, no WithBaseURL
	defer fake.Close()
	c, err := work.New(work.Config{CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret},
		wecom.WithBaseURL(fake.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	end := time.Now()
	records, err := c.Checkin.Data(context.Background(), work.CheckinDataRequest{
		Type:    work.CheckinDataOnOffDuty,
		Start:   end.AddDate(0, 0, -7),
		End:     end,
		UserIDs: []string{"james", "paul"}, // any number; sent 100 at a time
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range records {
		fmt.Println(r.UserID, r.Type, time.Unix(r.CheckinTime, 0).UTC().Format(time.DateTime), r.Exceptions())
	}
	// Output: james 上班打卡 2017-04-19 16:00:10 [地点异常 时间异常]
}
