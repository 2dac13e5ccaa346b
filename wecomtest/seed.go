package wecomtest

// Defaults a new Server holds unless WithoutDefaults is given.
const (
	// DefaultCorpID is the id of the default corp.
	DefaultCorpID = "wwfakecorp"
	// DefaultCorpName is the name of the default corp and of its root
	// department.
	DefaultCorpName = "Fake Corp"
	// DefaultAgentID is the agent id of the default corp's self-built app.
	DefaultAgentID = 1000002
	// DefaultSecret is the secret of that app.
	DefaultSecret = "fake-secret"
	// DefaultContactsSecret is the default corp's contacts-sync secret.
	DefaultContactsSecret = "fake-contacts-secret"
	// DefaultUserID is the member the login pages log in by default.
	DefaultUserID = "zhangsan"
	// DefaultTagID is the seeded tag "Managers".
	DefaultTagID = 1
	// DefaultProviderCorpID and DefaultProviderSecret identify the default
	// service provider.
	DefaultProviderCorpID = "wwfakeprovider"
	DefaultProviderSecret = "fake-provider-secret"
	// DefaultSuiteID and DefaultSuiteSecret identify the default
	// third-party app.
	DefaultSuiteID     = "wwfakesuite"
	DefaultSuiteSecret = "fake-suite-secret"
	// DefaultTemplateID and DefaultTemplateSecret identify the default
	// customized-app template (代开发应用模板).
	DefaultTemplateID     = "wwfaketemplate"
	DefaultTemplateSecret = "fake-template-secret"
)

// Seeded departments of the default corp.
const (
	DeptRoot  = 1 // "Fake Corp"
	DeptRD    = 2 // "R&D"
	DeptSales = 3 // "Sales"
)

// seedCreateTime is the follow-up time of the seeded customers
// (2023-11-14 22:13:20 UTC), fixed so that answers are deterministic.
const seedCreateTime = 1700000000

func avatarURL(userID string) string {
	return "https://wework.qpic.cn/wwhead/wecomtest/" + userID + "/0"
}

// seed installs the default corp, directory, provider and suites. It runs
// before the server starts, so it needs no lock; every value is valid.
func (s *Server) seed() {
	corp := newCorp(DefaultCorpID, DefaultCorpName)
	s.corps[DefaultCorpID] = corp
	corp.agents[DefaultAgentID] = &agentState{id: DefaultAgentID, name: "Fake App"}
	corp.secrets[DefaultSecret] = credential{agentID: DefaultAgentID}
	corp.secrets[DefaultContactsSecret] = credential{contacts: true}

	corp.createDepartment(Department{ID: DeptRD, Name: "R&D", NameEn: "R&D", ParentID: DeptRoot, Order: 100})
	corp.createDepartment(Department{ID: DeptSales, Name: "Sales", NameEn: "Sales", ParentID: DeptRoot, Order: 90})

	users := []User{
		{
			UserID: "zhangsan", Name: "张三", Alias: "Zhang San", Mobile: "13800000001",
			Department: []int64{DeptRD}, Position: "Engineering Manager", Gender: "1",
			Email: "zhangsan@example.com", BizMail: "zhangsan@fakecorp.example.com", IsLeaderInDept: []int{1},
			Telephone: "020-88880001", Address: "1 Fake Road",
		},
		{
			UserID: "lisi", Name: "李四", Alias: "Li Si", Mobile: "13800000002",
			Department: []int64{DeptRD}, Position: "Backend Engineer", Gender: "1",
			Email: "lisi@example.com", BizMail: "lisi@fakecorp.example.com", DirectLeader: []string{"zhangsan"},
		},
		{
			UserID: "wangwu", Name: "王五", Alias: "Wang Wu", Mobile: "13800000003",
			Department: []int64{DeptSales}, Position: "Sales Director", Gender: "2",
			Email: "wangwu@example.com", BizMail: "wangwu@fakecorp.example.com", IsLeaderInDept: []int{1},
		},
		{
			UserID: "zhaoliu", Name: "赵六", Alias: "Zhao Liu", Mobile: "13800000004",
			Department: []int64{DeptRD, DeptSales}, MainDepartment: DeptSales, Position: "Solutions Engineer",
			Gender: "2", Email: "zhaoliu@example.com", DirectLeader: []string{"wangwu"},
		},
	}
	for _, u := range users {
		u.Status = 1
		u.Avatar, u.ThumbAvatar = avatarURL(u.UserID), avatarURL(u.UserID)+"?thumb=1"
		u.QRCode = "https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=wecomtest" + u.UserID
		corp.addUser(u)
	}
	corp.depts[DeptRD].DepartmentLeader = []string{"zhangsan"}
	corp.depts[DeptSales].DepartmentLeader = []string{"wangwu"}

	tag, _ := corp.createTag(DefaultTagID, "Managers")
	tag.addUser("zhangsan")
	tag.addUser("wangwu")

	corp.externals["wmFakeExternal001"] = &externalState{
		contact: ExternalContact{
			ExternalUserID: "wmFakeExternal001", Name: "李雷", Type: 1, Gender: 1,
			Avatar: "https://wx.qlogo.cn/mmhead/wecomtest001/0", UnionID: "ozFakeUnion001",
		},
		follows: []FollowUser{{
			UserID: "zhangsan", Remark: "Li Lei (VIP)", Description: "Met at the 2023 expo",
			CreateTime: seedCreateTime, OperUserID: "zhangsan", AddWay: 1, State: "expo2023",
			Tags:          []FollowTag{{GroupName: "Customer level", TagName: "VIP", TagID: "etFakeTagVIP", Type: 1}},
			RemarkMobiles: []string{"13900000001"},
		}},
	}
	corp.externals["wmFakeExternal002"] = &externalState{
		contact: ExternalContact{
			ExternalUserID: "wmFakeExternal002", Name: "韩梅梅", Type: 2, Gender: 2, Position: "Buyer",
			CorpName: "Partner Co", CorpFullName: "Partner Company Ltd.",
			Avatar: "https://wework.qpic.cn/wwhead/wecomtest002/0",
		},
		follows: []FollowUser{
			{
				UserID: "zhangsan", Remark: "Han Meimei", CreateTime: seedCreateTime + 3600,
				OperUserID: "zhangsan", AddWay: 2, RemarkCorpName: "Partner Co",
			},
			{
				UserID: "wangwu", Remark: "Han Meimei (buyer)", CreateTime: seedCreateTime + 7200,
				OperUserID: "wangwu", AddWay: 201,
			},
		},
	}

	s.providers[DefaultProviderCorpID] = &providerState{corpID: DefaultProviderCorpID, secret: DefaultProviderSecret}
	s.suites[DefaultSuiteID] = &suiteState{id: DefaultSuiteID, secret: DefaultSuiteSecret, auths: map[string]*authorization{}}
	s.suites[DefaultTemplateID] = &suiteState{id: DefaultTemplateID, secret: DefaultTemplateSecret, customized: true,
		auths: map[string]*authorization{}}
}
