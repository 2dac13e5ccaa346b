// Package wecomtest is an in-process fake of WeCom's (企业微信) API server
// for tests and runnable examples. It speaks the wire protocol — the same
// paths, methods, query parameters, JSON fields and errcodes as
// qyapi.weixin.qq.com — and imports nothing of the SDK but its crypto
// package, so a test against it exercises the SDK the way WeCom would.
//
// # Pointing the SDK at the fake
//
// [NewTestServer] starts the fake on 127.0.0.1 for a test and closes it
// when the test ends ([NewServer] outside tests). The package
// wecomtest/testclient builds ready clients on it:
//
//	s := wecomtest.NewTestServer(t)
//	c := testclient.Work(t, s) // the default corp's app, pointed at s
//
// or give its URL to the clients yourself:
//
//	c, err := work.New(work.Config{
//		CorpID:  wecomtest.DefaultCorpID,
//		AgentID: wecomtest.DefaultAgentID,
//		Secret:  wecomtest.DefaultSecret,
//	}, wecom.WithBaseURL(s.URL()))
//
// (testclient is a package of its own because wecomtest imports nothing
// of the SDK but crypto, so that the SDK's own tests, work's and
// openwork's included, can use the fake without an import cycle.)
//
// The browser pages are served by the same server, so the page origins of
// the oauth package (Endpoints{OAuth, Login, Open}) and the install origin
// of the openwork package (InstallBaseURL) are s.URL() as well.
//
// # What a new server holds
//
// Unless [WithoutDefaults] is given:
//
//   - the corp DefaultCorpID ("wwfakecorp", named "Fake Corp") with the
//     self-built app DefaultAgentID (1000002) whose secret is DefaultSecret,
//     and the contacts-sync secret DefaultContactsSecret;
//   - departments 1 "Fake Corp" (root), 2 "R&D" and 3 "Sales";
//   - members zhangsan (张三, R&D leader), lisi (李四, R&D), wangwu (王五,
//     Sales leader) and zhaoliu (赵六, R&D and Sales);
//   - tag 1 "Managers" (zhangsan, wangwu);
//   - customers wmFakeExternal001 (李雷) and wmFakeExternal002 (韩梅梅),
//     both followed by zhangsan;
//   - the provider DefaultProviderCorpID / DefaultProviderSecret, the
//     third-party suite DefaultSuiteID / DefaultSuiteSecret and the
//     customized-app template DefaultTemplateID / DefaultTemplateSecret.
//
// Add more with [Server.AddCorp], [Server.AddApp], [Server.AddUser],
// [Server.AddDepartment], [Server.AddTag], [Server.AddExternalContact],
// [Server.AddProvider] and [Server.AddSuite].
//
// # Credentials
//
// gettoken issues a random token valid 7200 seconds (see [WithTokenTTL]) and
// returns the same one while it is valid; a wrong secret answers 40001, an
// unknown corp 40013. Every other endpoint checks access_token: missing
// 41001, unknown 40014, expired 42001. Suite tokens (suite_access_token)
// answer 40082 when unknown and 42009 when expired; provider tokens follow
// the access-token codes. [Server.ExpireTokens] expires every token issued
// so far, which is how a test checks that the SDK refreshes and retries.
//
// # Endpoints
//
// Members (user/create, get, update, delete, batchdelete, simplelist, list,
// list_id with cursor pagination, getuserid, get_userid_by_email,
// convert_to_openid, convert_to_userid), departments (create, update,
// delete, list, simplelist, get), tags (create, update, delete, get, list,
// addtagusers, deltagusers), message/send and recall, appchat (create,
// update, get, send), media (upload, uploadimg, get), JS-SDK tickets
// (get_jsapi_ticket, ticket/get?type=agent_config), auth/getuserinfo and
// getuserdetail, external contacts (list, get, batch/get_by_user,
// get_follow_user_list) and the provider flow (get_provider_token,
// get_suite_token, get_pre_auth_code, set_session_info, get_permanent_code
// and v2, get_auth_info and v2, get_corp_token, get_admin_list,
// service/auth/getuserinfo3rd and getuserdetail3rd, get_login_info,
// service/media/upload of type file, read with [Server.ProviderMedia]),
// agent/claim_customized_app and migrate_to_customized_app (a template's
// claim of a self-built app, read with [Server.CustomizedClaims]).
// Bad JSON, missing fields and wrong methods answer 40058; a path the fake
// does not know answers HTTP 404 with errcode 404. media/get streams the
// uploaded bytes with Content-Disposition, except that JSON and text
// uploads come back as application/octet-stream, since clients read those
// content types as WeCom's error form.
//
// message/send checks msgtype, the payload under it and the recipients:
// unknown ones come back in invaliduser/invalidparty/invalidtag, and when
// none is valid the answer is 81013. [Server.Sent] returns every accepted
// message, typed: its recipients as work.Recipients has them
// ([SentMessage].To) and its content ([SentMessage].Text, Markdown,
// TemplateCard...), with the raw JSON beside.
//
// Calendars, schedules and meeting rooms (oa/calendar, oa/schedule,
// oa/meetingroom) are modelled per corp and app: a booking that overlaps
// another of the same room is refused ([CodeRoomBooked]) until that one is
// cancelled, deleted calendars and schedules answer 90459 and 90460, and
// [Server.Bookings], [Server.Schedules], [Server.Calendars],
// [Server.AddMeetingRoom] and [Server.SetMeetingPeriod] read and seed them.
//
// Any other path the SDK calls is answered with the response sample of its
// documentation page, the one the SDK's own tests decode (generated into
// docanswers_gen.json from their doc-sample tables): a test calling, say,
// c.Intercept.Rules or c.Vacation.CorpConfig gets the documented values.
// [Server.Handle] replaces that answer, or answers a path the fake does not
// know: a function given the request and its body returns the answer. In
// both cases the fake still checks the credential (a token it did not
// issue answers 40014, an expired one 42001, none 41001 on a documented
// path), counts the call and applies injected faults.
//
// # Browser pages
//
// GET /connect/oauth2/authorize and the web-login pages (/wwlogin/sso/login,
// /wwopen/sso/qrConnect, /wwopen/sso/3rd_qrConnect) log in the member chosen
// with [Server.SetLoginUser] and answer 302 to redirect_uri with code (or
// auth_code) and state; exchange the code with auth/getuserinfo,
// service/auth/getuserinfo3rd or service/get_login_info. GET /3rdapp/install
// installs a suite in the corp of [Server.SetInstallCorp] and answers 302
// with auth_code, expires_in=600 and state.
//
// # Faults
//
// [Server.FailNext] makes the next call of a method answer a chosen
// errcode, [Server.FailNextStatus] a bare HTTP status, [Server.SetLatency]
// delays every answer, and [Server.Calls] counts the calls of a method.
// Methods are named as they are called ("User.Get", "Message.Send",
// "Suite.PermanentCode") or by path ("/cgi-bin/user/get"); the names come
// from a table generated from the SDK's sources (go generate).
//
// # Callbacks
//
// [Server.SendCallback] encrypts and signs a message with a
// [CallbackConfig] and POSTs it to a URL exactly as WeCom does, returning
// the reply — verified and decrypted when it is an encrypted passive reply.
// Like WeCom it waits 5 seconds for the answer (1 second for an
// instruction callback): a later answer is [ErrCallbackTimeout].
// [Server.VerifyURL] performs WeCom's GET check of a callback URL;
// [Server.PushSuiteTicket] and [Server.PushCreateAuth] push the
// instruction callbacks of the provider flow.
package wecomtest

//go:generate go run ./internal/genmethods
//go:generate go run ./internal/gendocanswers
