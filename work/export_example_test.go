package work_test

import (
	"context"
	"fmt"
	"time"

	"github.com/wecomkit/wecom"
	"github.com/wecomkit/wecom/wecomtest"
	"github.com/wecomkit/wecom/work"
)

// Export the members and read them back: the job is polled until it is
// done, and its files are downloaded, decrypted with the key and parsed,
// one member at a time. The fake wecomtest.Server stands in for WeCom;
// real code omits it and the two options that point at it.
func ExampleExportService_ReadUsers() {
	srv := wecomtest.NewServer()
	defer srv.Close()
	c, err := work.New(work.Config{CorpID: wecomtest.DefaultCorpID, AgentID: wecomtest.DefaultAgentID, Secret: wecomtest.DefaultSecret},
		wecom.WithBaseURL(srv.URL()), wecom.WithHTTPClient(srv.Client()))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	const key = "IJUiXNpvGbODwKEBSEsAeOAPAhkqHqNCF6g19t9wfg2" // keep it secret: it decrypts the files
	jobID, err := c.Export.Users(ctx, work.ExportRequest{EncodingAESKey: key})
	if err != nil {
		panic(err)
	}
	req := work.ExportReadRequest{JobID: jobID, EncodingAESKey: key, PollInterval: 100 * time.Millisecond}
	for u, err := range c.Export.ReadUsers(ctx, req) {
		if err != nil {
			fmt.Println("export failed:", err)
			return
		}
		fmt.Println(u.UserID, u.Name, u.Department)
	}
	// Output:
	// lisi 李四 [2]
	// wangwu 王五 [3]
	// zhangsan 张三 [2]
	// zhaoliu 赵六 [2 3]
}
