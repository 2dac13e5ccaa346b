package wecomtest

import (
	"maps"
	"net/http"
)

const (
	mGET  = http.MethodGet
	mPOST = http.MethodPost
)

// routes maps every path the fake serves to its method, credential and
// handler.
var routes = map[string]route{
	// Tokens.
	"/cgi-bin/gettoken": {method: mGET, handle: (*Server).getToken},
	// 上下游: a downstream corp's token (corpgroup.go).
	"/cgi-bin/corpgroup/corp/gettoken": {method: mPOST, auth: authCorp, handle: (*Server).corpGroupGetToken},
	// Group robots (webhook.go): a key, no token.
	"/cgi-bin/webhook/send":         {method: mPOST, handle: (*Server).webhookSend},
	"/cgi-bin/webhook/upload_media": {method: mPOST, upload: true, handle: (*Server).webhookUploadMedia},

	// Members.
	"/cgi-bin/user/create":              {method: mPOST, auth: authCorp, handle: (*Server).userCreate},
	"/cgi-bin/user/get":                 {method: mGET, auth: authCorp, handle: (*Server).userGet},
	"/cgi-bin/user/update":              {method: mPOST, auth: authCorp, handle: (*Server).userUpdate},
	"/cgi-bin/user/delete":              {method: mGET, auth: authCorp, handle: (*Server).userDelete},
	"/cgi-bin/user/batchdelete":         {method: mPOST, auth: authCorp, handle: (*Server).userBatchDelete},
	"/cgi-bin/user/simplelist":          {method: mGET, auth: authCorp, handle: (*Server).userSimpleList},
	"/cgi-bin/user/list":                {method: mGET, auth: authCorp, handle: (*Server).userList},
	"/cgi-bin/user/list_id":             {method: mPOST, auth: authCorp, handle: (*Server).userListID},
	"/cgi-bin/user/getuserid":           {method: mPOST, auth: authCorp, handle: (*Server).userGetUserID},
	"/cgi-bin/user/get_userid_by_email": {method: mPOST, auth: authCorp, handle: (*Server).userGetUserIDByEmail},
	"/cgi-bin/user/convert_to_openid":   {method: mPOST, auth: authCorp, handle: (*Server).userConvertToOpenID},
	"/cgi-bin/user/convert_to_userid":   {method: mPOST, auth: authCorp, handle: (*Server).userConvertToUserID},

	// Departments.
	"/cgi-bin/department/create":     {method: mPOST, auth: authCorp, handle: (*Server).departmentCreate},
	"/cgi-bin/department/update":     {method: mPOST, auth: authCorp, handle: (*Server).departmentUpdate},
	"/cgi-bin/department/delete":     {method: mGET, auth: authCorp, handle: (*Server).departmentDelete},
	"/cgi-bin/department/list":       {method: mGET, auth: authCorp, handle: (*Server).departmentList},
	"/cgi-bin/department/simplelist": {method: mGET, auth: authCorp, handle: (*Server).departmentSimpleList},
	"/cgi-bin/department/get":        {method: mGET, auth: authCorp, handle: (*Server).departmentGet},

	// Tags.
	"/cgi-bin/tag/create":      {method: mPOST, auth: authCorp, handle: (*Server).tagCreate},
	"/cgi-bin/tag/update":      {method: mPOST, auth: authCorp, handle: (*Server).tagUpdate},
	"/cgi-bin/tag/delete":      {method: mGET, auth: authCorp, handle: (*Server).tagDelete},
	"/cgi-bin/tag/get":         {method: mGET, auth: authCorp, handle: (*Server).tagGet},
	"/cgi-bin/tag/list":        {method: mGET, auth: authCorp, handle: (*Server).tagList},
	"/cgi-bin/tag/addtagusers": {method: mPOST, auth: authCorp, handle: (*Server).tagAddUsers},
	"/cgi-bin/tag/deltagusers": {method: mPOST, auth: authCorp, handle: (*Server).tagDelUsers},

	// Messages and app chats.
	"/cgi-bin/message/send":   {method: mPOST, auth: authCorp, handle: (*Server).messageSend},
	"/cgi-bin/message/recall": {method: mPOST, auth: authCorp, handle: (*Server).messageRecall},
	"/cgi-bin/appchat/create": {method: mPOST, auth: authCorp, handle: (*Server).appchatCreate},
	"/cgi-bin/appchat/update": {method: mPOST, auth: authCorp, handle: (*Server).appchatUpdate},
	"/cgi-bin/appchat/get":    {method: mGET, auth: authCorp, handle: (*Server).appchatGet},
	"/cgi-bin/appchat/send":   {method: mPOST, auth: authCorp, handle: (*Server).appchatSend},

	// Media.
	"/cgi-bin/media/upload":    {method: mPOST, auth: authCorp, upload: true, handle: (*Server).mediaUpload},
	"/cgi-bin/media/uploadimg": {method: mPOST, auth: authCorp, upload: true, handle: (*Server).mediaUploadImg},
	"/cgi-bin/media/get":       {method: mGET, auth: authCorp, handle: (*Server).mediaGet},

	// JS-SDK tickets.
	"/cgi-bin/get_jsapi_ticket": {method: mGET, auth: authCorp, handle: (*Server).getJSAPITicket},
	"/cgi-bin/ticket/get":       {method: mGET, auth: authCorp, handle: (*Server).getAgentTicket},

	// Identity.
	"/cgi-bin/auth/getuserinfo":   {method: mGET, auth: authCorp, handle: (*Server).authGetUserInfo},
	"/cgi-bin/auth/getuserdetail": {method: mPOST, auth: authCorp, handle: (*Server).authGetUserDetail},

	// External contacts.
	"/cgi-bin/externalcontact/list":                 {method: mGET, auth: authCorp, handle: (*Server).externalContactList},
	"/cgi-bin/externalcontact/get":                  {method: mGET, auth: authCorp, handle: (*Server).externalContactGet},
	"/cgi-bin/externalcontact/batch/get_by_user":    {method: mPOST, auth: authCorp, handle: (*Server).externalContactBatchGetByUser},
	"/cgi-bin/externalcontact/get_follow_user_list": {method: mGET, auth: authCorp, handle: (*Server).externalContactFollowUsers},

	// 微信客服 (kf.go).
	"/cgi-bin/kf/sync_msg":            {method: mPOST, auth: authCorp, handle: (*Server).kfSyncMsg},
	"/cgi-bin/kf/send_msg":            {method: mPOST, auth: authCorp, handle: (*Server).kfSendMsg},
	"/cgi-bin/kf/send_msg_on_event":   {method: mPOST, auth: authCorp, handle: (*Server).kfSendMsgOnEvent},
	"/cgi-bin/kf/service_state/get":   {method: mPOST, auth: authCorp, handle: (*Server).kfServiceStateGet},
	"/cgi-bin/kf/service_state/trans": {method: mPOST, auth: authCorp, handle: (*Server).kfServiceStateTrans},

	// Service providers.
	"/cgi-bin/service/get_provider_token":    {method: mPOST, handle: (*Server).getProviderToken},
	"/cgi-bin/service/get_suite_token":       {method: mPOST, handle: (*Server).getSuiteToken},
	"/cgi-bin/service/get_pre_auth_code":     {method: mGET, auth: authSuite, handle: (*Server).getPreAuthCode},
	"/cgi-bin/service/set_session_info":      {method: mPOST, auth: authSuite, handle: (*Server).setSessionInfo},
	"/cgi-bin/service/get_permanent_code":    {method: mPOST, auth: authSuite, handle: (*Server).getPermanentCode},
	"/cgi-bin/service/v2/get_permanent_code": {method: mPOST, auth: authSuite, handle: (*Server).getPermanentCodeV2},
	"/cgi-bin/service/get_auth_info":         {method: mPOST, auth: authSuite, handle: (*Server).getAuthInfo},
	"/cgi-bin/service/v2/get_auth_info":      {method: mPOST, auth: authSuite, handle: (*Server).getAuthInfo},
	"/cgi-bin/service/get_corp_token":        {method: mPOST, auth: authSuite, handle: (*Server).getCorpToken},
	"/cgi-bin/service/get_admin_list":        {method: mPOST, auth: authSuite, handle: (*Server).getAdminList},
	"/cgi-bin/service/auth/getuserinfo3rd":   {method: mGET, auth: authSuite, handle: (*Server).getUserInfo3rd},
	"/cgi-bin/service/auth/getuserdetail3rd": {method: mPOST, auth: authSuite, handle: (*Server).getUserDetail3rd},
	"/cgi-bin/service/get_login_info":        {method: mPOST, auth: authProviderAsAccess, handle: (*Server).getLoginInfo},
	"/cgi-bin/service/media/upload":          {method: mPOST, auth: authProvider, upload: true, handle: (*Server).serviceMediaUpload},
	// 代开发: a template claims a self-built app (customized.go).
	"/cgi-bin/agent/claim_customized_app":      {method: mPOST, auth: authCorp, handle: (*Server).claimCustomizedApp},
	"/cgi-bin/agent/migrate_to_customized_app": {method: mPOST, auth: authCorp, handle: (*Server).claimCustomizedApp},

	// Browser pages.
	"/connect/oauth2/authorize": {method: mGET, page: true, handle: (*Server).authorizePage},
	"/wwlogin/sso/login":        {method: mGET, page: true, handle: (*Server).ssoLoginPage},
	"/wwopen/sso/qrConnect":     {method: mGET, page: true, handle: (*Server).qrConnectPage},
	"/wwopen/sso/3rd_qrConnect": {method: mGET, page: true, handle: (*Server).providerQRConnectPage},
	"/3rdapp/install":           {method: mGET, page: true, handle: (*Server).installPage},
}

// Route groups kept beside their handlers join the table here.
func init() {
	for _, group := range []map[string]route{oaRoutes, exportRoutes} {
		maps.Copy(routes, group)
	}
}
