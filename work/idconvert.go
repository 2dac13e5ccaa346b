package work

import (
	"context"

	"github.com/wecomkit/wecom/internal/api"
)

// The id conversions of the 2022 id security upgrade (idconvert/*), called
// with an authorized corp's access token by a third-party or customized
// app (pages 95900, 95926, 96169, 97064, 98729, 99601).
const (
	pathIDConvertUnionID          = "/cgi-bin/idconvert/unionid_to_external_userid"
	pathIDConvertPendingID        = "/cgi-bin/idconvert/batch/external_userid_to_pending_id"
	pathIDConvertExternalTagID    = "/cgi-bin/idconvert/external_tagid"
	pathIDConvertOpenKFID         = "/cgi-bin/idconvert/open_kfid"
	pathIDConvertApplyUpgradeChat = "/cgi-bin/idconvert/apply_to_upgrade_chatid"
	pathIDConvertChatID           = "/cgi-bin/idconvert/chatid"
	pathIDConvertTmpExternalUser  = "/cgi-bin/idconvert/convert_tmp_external_userid"
)

// UnionIDToExternalUserID3rd converts a WeChat user's unionid and openid
// into the external user id the third-party or customized app sees in the
// authorizing corp; when the user is not a customer yet, the answer holds
// a pending_id instead, valid 90 days, that ExternalUserIDToPendingID later
// links to the external user id (idconvert/unionid_to_external_userid,
// pages 95900 and 97108).
func (s *ExternalContactService) UnionIDToExternalUserID3rd(ctx context.Context, req UnionIDRequest) (*UnionIDResult, error) {
	return postAs[UnionIDResult](ctx, (*service)(s), pathIDConvertUnionID, req, api.Idempotent)
}

// PendingIDMapping pairs an external user id with its pending id.
type PendingIDMapping struct {
	ExternalUserID string `json:"external_userid"`
	PendingID      string `json:"pending_id"`
}

// ExternalUserIDToPendingID converts up to 100 external user ids to the
// pending ids unionid_to_external_userid reported for them; chatID, when
// set, limits the conversion to the members of that customer group
// (idconvert/batch/external_userid_to_pending_id, page 97108).
func (s *ExternalContactService) ExternalUserIDToPendingID(ctx context.Context, chatID string, externalUserIDs ...string) ([]PendingIDMapping, error) {
	in := struct {
		ChatID          string   `json:"chat_id,omitempty"`
		ExternalUserIDs []string `json:"external_userid"`
	}{chatID, externalUserIDs}
	var out struct {
		Result []PendingIDMapping `json:"result"`
	}
	if err := (*service)(s).post(ctx, pathIDConvertPendingID, in, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return out.Result, nil
}

// ExternalTagIDConversion is the answer of idconvert/external_tagid.
type ExternalTagIDConversion struct {
	Items []struct {
		ExternalTagID     string `json:"external_tagid"`
		OpenExternalTagID string `json:"open_external_tagid"`
	} `json:"items"`
	InvalidExternalTagIDList []string `json:"invalid_external_tagid_list"`
}

// ConvertExternalTagIDs converts up to 1000 customer tag ids of a
// self-built app into the ids the third-party or customized app sees
// (idconvert/external_tagid, page 96169).
func (s *ExternalContactService) ConvertExternalTagIDs(ctx context.Context, tagIDs ...string) (*ExternalTagIDConversion, error) {
	return postAs[ExternalTagIDConversion](ctx, (*service)(s), pathIDConvertExternalTagID,
		map[string][]string{"external_tagid_list": tagIDs}, api.Idempotent)
}

// OpenKFIDConversion is the answer of idconvert/open_kfid.
type OpenKFIDConversion struct {
	Items []struct {
		OpenKFID    string `json:"open_kfid"`
		NewOpenKFID string `json:"new_open_kfid"`
	} `json:"items"`
	InvalidOpenKFIDList []string `json:"invalid_open_kfid_list"`
}

// ConvertOpenKFIDs converts up to 1000 customer-service account ids
// (open_kfid) of a self-built app into the ones the third-party or
// customized app sees (idconvert/open_kfid, page 97064).
func (s *KFService) ConvertOpenKFIDs(ctx context.Context, openKFIDs ...string) (*OpenKFIDConversion, error) {
	return postAs[OpenKFIDConversion](ctx, (*service)(s), pathIDConvertOpenKFID,
		map[string][]string{"open_kfid_list": openKFIDs}, api.Idempotent)
}

// ApplyToUpgradeChatIDs sets when a customized app's customer-group ids
// switch to the provider's form (unix seconds, from now to 7 days ahead);
// until then both forms are accepted (idconvert/apply_to_upgrade_chatid,
// page 99601).
func (s *ExternalContactService) ApplyToUpgradeChatIDs(ctx context.Context, upgradeTime int64) error {
	in := struct {
		UpgradeTime int64 `json:"upgrade_time"`
	}{upgradeTime}
	return (*service)(s).post(ctx, pathIDConvertApplyUpgradeChat, in, nil, api.Idempotent)
}

// ConvertChatIDs converts up to 100 customer-group ids to their upgraded
// form (idconvert/chatid, page 99601).
func (s *ExternalContactService) ConvertChatIDs(ctx context.Context, chatIDs ...string) (*ChatIDConversion, error) {
	return postAs[ChatIDConversion](ctx, (*service)(s), pathIDConvertChatID,
		map[string][]string{"chat_id_list": chatIDs}, api.Idempotent)
}

// ChatIDConversion is the answer of idconvert/chatid.
type ChatIDConversion struct {
	Items []struct {
		ChatID    string `json:"chat_id"`
		NewChatID string `json:"new_chat_id"`
	} `json:"items"`
	InvalidChatIDList []string `json:"invalid_chat_id_list"`
}

// TmpExternalUserIDRequest is the body of
// idconvert/convert_tmp_external_userid: the business the temporary ids
// come from (1 meetings, 2 shared to the corp, ...), the user type (1
// customer, 2 corp member, ...) and up to 100 ids.
type TmpExternalUserIDRequest struct {
	BusinessType int      `json:"business_type"`
	UserType     int      `json:"user_type"`
	IDs          []string `json:"tmp_external_userid_list"`
}

// TmpExternalUserIDResult is one converted temporary id.
type TmpExternalUserIDResult struct {
	TmpExternalUserID string `json:"tmp_external_userid"`
	ExternalUserID    string `json:"external_userid,omitempty"`
	CorpID            string `json:"corpid,omitempty"`
	UserID            string `json:"userid,omitempty"`
}

// TmpExternalUserIDs is the answer of convert_tmp_external_userid.
type TmpExternalUserIDs struct {
	Results []TmpExternalUserIDResult `json:"results"`
	Invalid []string                  `json:"invalid_tmp_external_userid_list"`
}

// ConvertTmpExternalUserIDs converts temporary external user ids
// (tmp_external_userid) into external user ids or user ids
// (idconvert/convert_tmp_external_userid, page 98729).
func (s *ExternalContactService) ConvertTmpExternalUserIDs(ctx context.Context, req TmpExternalUserIDRequest) (*TmpExternalUserIDs, error) {
	return postAs[TmpExternalUserIDs](ctx, (*service)(s), pathIDConvertTmpExternalUser, req, api.Idempotent)
}
