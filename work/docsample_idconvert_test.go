package work

// The doc-sample table of the idconvert/* conversions (third-party and
// customized apps, on an authorized corp's access token). Samples:
// testdata/docs/idconvert (the mirror's and the pages' where found, the
// rest built from the pages' tables; see its README).

import (
	"net/http"
	"testing"
)

func TestIDConvertDocSamples(t *testing.T) {
	post := http.MethodPost
	runDocSamples(t, []docCase{
		{page: 95900, method: post, path: pathIDConvertUnionID,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.UnionIDToExternalUserID3rd(t.Context(), decodeSample[UnionIDRequest](t, req))
			}},
		{page: 97108, method: post, path: pathIDConvertPendingID,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.ExternalUserIDToPendingID(t.Context(), "xxxxxx", "oAAAAAAA", "oBBBBB")
			}},
		{page: 96169, method: post, path: pathIDConvertExternalTagID,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.ConvertExternalTagIDs(t.Context(), "TAG_ID1", "TAG_ID2", "TAG_ID3", "TAG_ID4")
			}},
		{page: 97064, method: post, path: pathIDConvertOpenKFID,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.KF.ConvertOpenKFIDs(t.Context(), "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTA")
			}},
		{page: 99601, method: post, path: pathIDConvertApplyUpgradeChat,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return nil, c.ExternalContact.ApplyToUpgradeChatIDs(t.Context(), 1234567)
			}},
		{page: 99601, method: post, path: pathIDConvertChatID,
			call: func(t *testing.T, c *Client, _ []byte) (any, error) {
				return c.ExternalContact.ConvertChatIDs(t.Context(), "wrx7HUARsKvpIm4Jg4UGCnK7jFE7Nhqg", "wrx7HUARsKvpIm4Jg4UGCnK7jFE7Nhqh")
			}},
		{page: 98729, method: post, path: pathIDConvertTmpExternalUser,
			call: func(t *testing.T, c *Client, req []byte) (any, error) {
				return c.ExternalContact.ConvertTmpExternalUserIDs(t.Context(), decodeSample[TmpExternalUserIDRequest](t, req))
			}},
	})
}
