package wecomtest

// WeCom errcodes the fake answers with. Codes marked in the reference as
// certain come first; the contact-directory codes follow WeCom's global
// error-code page.
const (
	codeOK                   = 0
	codeInvalidCredential    = 40001 // wrong secret
	codeInvalidUserID        = 40003
	codeInvalidMediaType     = 40004
	codeInvalidFileSize      = 40006
	codeInvalidMediaID       = 40007
	codeInvalidMsgType       = 40008
	codeInvalidCorpID        = 40013
	codeInvalidAccessToken   = 40014
	codeInvalidOAuthCode     = 40029
	codeDelTagUsersInvalid   = 40031 // deltagusers: every item invalid
	codeInvalidAgentID       = 40056
	codeInvalidParameter     = 40058
	codeInvalidTagID         = 40068
	codeAddTagUsersInvalid   = 40070 // addtagusers: every item invalid
	codeTagNameExists        = 40071
	codeInvalidPreAuthCode   = 40077
	codeInvalidAuthCode      = 40078
	codeInvalidSuiteToken    = 40082
	codeInvalidSuiteID       = 40083
	codeInvalidPermanentCode = 40084
	codeInvalidSuiteTicket   = 40085
	codeInvalidExternalUser  = 40096
	codeMissingAccessToken   = 41001
	codeMissingCorpID        = 41002
	codeMissingSecret        = 41004
	codeMissingMedia         = 41005
	codeMissingOAuthCode     = 41008
	codeMissingSuiteToken    = 41022
	codeMissingSuiteTicket   = 41023
	codeAccessTokenExpired   = 42001
	codeOAuthCodeExpired     = 42003
	codePreAuthCodeExpired   = 42007
	codeSuiteTokenExpired    = 42009
	codeEmptyContent         = 44004
	codeMediaTooLarge        = 45001
	codeNotAllowed           = 48002
	codeUserIDNotFoundMobile = 46004
	codeDepartmentNotFound   = 60003
	codeParentNotFound       = 60004
	codeDeptHasMembers       = 60005
	codeDeptHasChildren      = 60006
	codeDeleteRootDept       = 60007
	codeDepartmentExists     = 60008
	codeUserIDExists         = 60102
	codeMobileExists         = 60104
	codeEmailExists          = 60106
	codeUserNotFound         = 60111
	codeInvalidUserName      = 60112
	codeAllRecipientsInvalid = 81013
	codeUserTicketExpired    = 84014
	codeInvalidUserTicket    = 84015
	codeNoExternalContact    = 84061
	codeChatIDInvalid        = 86001
	codeChatNotFound         = 86003
	codeChatMemberCount      = 86006
	codeInvalidChatMember    = 86216
	codeAgentNotPermitted    = 301002
)
