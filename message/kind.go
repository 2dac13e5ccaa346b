package message

import "cmp"

// Kind identifies a sort of callback for routing: a message type, an event
// with its change type, or a third-party instruction (InfoType) with its
// change type. Empty fields are wildcards when a [Router] matches, see
// [Router.Handle].
type Kind struct {
	MsgType    string
	Event      string
	ChangeType string
	InfoType   string
}

// String returns a readable form such as "text", "event/change_contact/create_user"
// or "info/suite_ticket".
func (k Kind) String() string {
	var s string
	switch {
	case k.InfoType != "":
		s = "info/" + k.InfoType
	case k.Event != "":
		s = cmp.Or(k.MsgType, MsgTypeEvent) + "/" + k.Event
	case k.MsgType != "":
		s = k.MsgType
	default:
		return "fallback"
	}
	if k.ChangeType != "" {
		s += "/" + k.ChangeType
	}
	return s
}

// MsgType values (the MsgType element).
const (
	MsgTypeText     = "text"
	MsgTypeImage    = "image"
	MsgTypeVoice    = "voice"
	MsgTypeVideo    = "video"
	MsgTypeLocation = "location"
	MsgTypeLink     = "link"
	MsgTypeEvent    = "event"
)

// Event values (the Event element of MsgType "event").
const (
	EventSubscribe                   = "subscribe"
	EventUnsubscribe                 = "unsubscribe"
	EventEnterAgent                  = "enter_agent"
	EventLocation                    = "LOCATION"
	EventBatchJobResult              = "batch_job_result"
	EventChangeContact               = "change_contact"
	EventClick                       = "click"
	EventView                        = "view"
	EventViewMiniprogram             = "view_miniprogram"
	EventScancodePush                = "scancode_push"
	EventScancodeWaitmsg             = "scancode_waitmsg"
	EventPicSysphoto                 = "pic_sysphoto"
	EventPicPhotoOrAlbum             = "pic_photo_or_album"
	EventPicWeixin                   = "pic_weixin"
	EventLocationSelect              = "location_select"
	EventOpenApprovalChange          = "open_approval_change"
	EventSysApprovalChange           = "sys_approval_change"
	EventTaskcardClick               = "taskcard_click"
	EventTemplateCard                = "template_card_event"
	EventTemplateCardMenu            = "template_card_menu_event"
	EventShareAgentChange            = "share_agent_change"
	EventShareChainChange            = "share_chain_change"
	EventCloseInactiveAgent          = "close_inactive_agent"
	EventReopenInactiveAgent         = "reopen_inactive_agent"
	EventInactiveAlert               = "inactive_alert"
	EventLowActiveAlert              = "low_active_alert"
	EventLowActive                   = "low_active"
	EventActiveRestored              = "active_restored"
	EventChangeExternalContact       = "change_external_contact"
	EventChangeExternalChat          = "change_external_chat"
	EventChangeExternalTag           = "change_external_tag"
	EventKfMsgOrEvent                = "kf_msg_or_event"
	EventKfAccountAuthChange         = "kf_account_auth_change"
	EventMsgAuditNotify              = "msgaudit_notify"
	EventLivingStatusChange          = "living_status_change"
	EventModifyCalendar              = "modify_calendar"
	EventDeleteCalendar              = "delete_calendar"
	EventAddSchedule                 = "add_schedule"
	EventModifySchedule              = "modify_schedule"
	EventDeleteSchedule              = "delete_schedule"
	EventRespondSchedule             = "respond_schedule"
	EventBookMeetingRoom             = "book_meeting_room"
	EventCancelMeetingRoom           = "cancel_meeting_room"
	EventMeetingChange               = "meeting_change"
	EventCustomerAcquisition         = "customer_acquisition"
	EventUploadMediaJobFinish        = "upload_media_job_finish"
	EventWedriveInsufficientCapacity = "wedrive_insufficient_capacity"
	EventSwitchWorkbenchMode         = "switch_workbench_mode"
	EventAppEmailChange              = "app_email_change"
	EventUnlicensedNotify            = "unlicensed_notify"
	EventChangeAppAdmin              = "change_app_admin"
	EventChangeSchoolContact         = "change_school_contact"
)

// InfoType values of third-party instruction callbacks (the InfoType
// element).
const (
	InfoSuiteTicket                  = "suite_ticket"
	InfoCreateAuth                   = "create_auth"
	InfoChangeAuth                   = "change_auth"
	InfoCancelAuth                   = "cancel_auth"
	InfoResetPermanentCode           = "reset_permanent_code"
	InfoChangeContact                = "change_contact"
	InfoChangeExternalContact        = "change_external_contact"
	InfoChangeExternalChat           = "change_external_chat"
	InfoChangeExternalTag            = "change_external_tag"
	InfoShareAgentChange             = "share_agent_change"
	InfoShareChainChange             = "share_chain_change"
	InfoBatchJobResult               = "batch_job_result"
	InfoCorpArchAuth                 = "corp_arch_auth"
	InfoApproveSpecialAuth           = "approve_special_auth"
	InfoCancelSpecialAuth            = "cancel_special_auth"
	InfoAgreeExternalUserIDMigration = "agree_external_userid_migration"
	InfoChangeSchoolContact          = "change_school_contact"
	InfoDeviceDataAuthChange         = "device_data_auth_change"
	InfoRegisterCorp                 = "register_corp"
	InfoEnterRegisterPackage         = "enter_register_package"
	InfoOpenOrder                    = "open_order"
	InfoChangeOrder                  = "change_order"
	InfoPayForAppSuccess             = "pay_for_app_success"
	InfoRefund                       = "refund"
	InfoChangeEdition                = "change_editon" // sic: WeCom's spelling
	InfoLicensePaySuccess            = "license_pay_success"
	InfoLicenseRefund                = "license_refund"
	InfoAutoActivate                 = "auto_activate"
	InfoUnlicensedNotify             = "unlicensed_notify"
)

// ChangeType values (the ChangeType element).
const (
	// change_contact
	ChangeCreateUser  = "create_user"
	ChangeUpdateUser  = "update_user"
	ChangeDeleteUser  = "delete_user"
	ChangeCreateParty = "create_party"
	ChangeUpdateParty = "update_party"
	ChangeDeleteParty = "delete_party"
	ChangeUpdateTag   = "update_tag"

	// change_external_contact
	ChangeAddExternalContact     = "add_external_contact"
	ChangeEditExternalContact    = "edit_external_contact"
	ChangeAddHalfExternalContact = "add_half_external_contact"
	ChangeDelExternalContact     = "del_external_contact"
	ChangeDelFollowUser          = "del_follow_user"
	ChangeTransferFail           = "transfer_fail"
	ChangeMsgAuditApproved       = "msg_audit_approved"

	// change_external_chat and change_external_tag
	ChangeCreate  = "create"
	ChangeUpdate  = "update"
	ChangeDismiss = "dismiss"
	ChangeDelete  = "delete"
	ChangeShuffle = "shuffle"

	// meeting_change
	ChangeModifyMeeting = "modify_meeting"
	ChangeCancelMeeting = "cancel_meeting"

	// customer_acquisition
	ChangeBalanceLow        = "balance_low"
	ChangeBalanceExhausted  = "balance_exhausted"
	ChangeLinkUnavailable   = "link_unavailable"
	ChangeDeleteLink        = "delete_link"
	ChangeCustomerStartChat = "customer_start_chat"
	ChangeFriendRequest     = "friend_request"

	// app_email_change
	ChangeReceiveEmail = "receive_email"
)

// eventKind is the Kind of an event of MsgType "event".
func eventKind(event string) Kind { return Kind{MsgType: MsgTypeEvent, Event: event} }

// changeKind is the Kind of an event with a change type.
func changeKind(event, change string) Kind {
	return Kind{MsgType: MsgTypeEvent, Event: event, ChangeType: change}
}

// infoKind is the Kind of a third-party instruction callback.
func infoKind(info string) Kind { return Kind{InfoType: info} }
