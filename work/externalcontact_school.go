package work

import (
	"context"
	"fmt"
	"time"

	"github.com/wecomkit/wecom/internal/api"
)

// The 家校沟通 calls under externalcontact/: the 「学校通知」 subscription
// of parents and the notices sent to them.

// Paths of the school subscription and notices.
const (
	pathGetSubscribeQRCode = "/cgi-bin/externalcontact/get_subscribe_qr_code"
	pathGetSubscribeMode   = "/cgi-bin/externalcontact/get_subscribe_mode"
	pathSetSubscribeMode   = "/cgi-bin/externalcontact/set_subscribe_mode"
	pathSchoolMessageSend  = "/cgi-bin/externalcontact/message/send"
)

// Subscribe modes of 「学校通知」.
const (
	// SubscribeByQRCode lets parents join by scanning and filling in
	// their details (可扫码填写资料加入).
	SubscribeByQRCode = 1
	// SubscribeClosed forbids joining that way (禁止扫码填写资料加入).
	SubscribeClosed = 2
)

// SubscribeQRCode are the 「学校通知」 QR code's images in three sizes.
type SubscribeQRCode struct {
	Big    string `json:"qrcode_big"`    // 1200 px
	Middle string `json:"qrcode_middle"` // 430 px
	Thumb  string `json:"qrcode_thumb"`  // 258 px
}

// SubscribeQRCode returns the QR code parents scan to follow 「学校通知」
// (get_subscribe_qr_code).
func (s *ExternalContactService) SubscribeQRCode(ctx context.Context) (*SubscribeQRCode, error) {
	return getAs[SubscribeQRCode](ctx, (*service)(s), pathGetSubscribeQRCode, nil)
}

// SubscribeMode returns how parents may follow 「学校通知」
// (get_subscribe_mode): SubscribeByQRCode or SubscribeClosed.
func (s *ExternalContactService) SubscribeMode(ctx context.Context) (int, error) {
	out, err := getAs[struct {
		SubscribeMode int `json:"subscribe_mode"`
	}](ctx, (*service)(s), pathGetSubscribeMode, nil)
	if err != nil {
		return 0, err
	}
	return out.SubscribeMode, nil
}

// SetSubscribeMode sets how parents may follow 「学校通知」
// (set_subscribe_mode).
func (s *ExternalContactService) SetSubscribeMode(ctx context.Context, mode int) error {
	in := struct {
		SubscribeMode int `json:"subscribe_mode"`
	}{mode}
	return (*service)(s).post(ctx, pathSetSubscribeMode, in, nil, api.Idempotent)
}

// SchoolMiniProgram is a mini-program notice to parents.
type SchoolMiniProgram struct {
	AppID        string `json:"appid"`
	Title        string `json:"title,omitempty"`
	ThumbMediaID string `json:"thumb_media_id"`
	PagePath     string `json:"pagepath"`
}

func (SchoolMiniProgram) msgType() string { return "miniprogram" }

// SchoolMessageRequest is a 「学校通知」 to parents
// (externalcontact/message/send).
type SchoolMessageRequest struct {
	// RecvScope picks who receives it: 0 the students' parents, 1 the
	// students themselves, 2 both (see the doc).
	RecvScope        int
	ToParentUserIDs  []string
	ToStudentUserIDs []string
	ToParties        []string
	// ToAll sends to every parent in the app's range.
	ToAll bool
	// Msg is the notice: Text, Image, Voice, Video, File, News, MPNews or
	// SchoolMiniProgram.
	Msg Message
	// AgentID is the sending app; 0 means the client's Config.AgentID.
	AgentID                int64
	EnableIDTrans          bool
	DuplicateCheck         bool
	DuplicateCheckInterval time.Duration
}

// SchoolMessageResult lists the recipients the notice did not reach; it
// went to the others.
type SchoolMessageResult struct {
	InvalidParentUserIDs  []string `json:"invalid_parent_userid"`
	InvalidStudentUserIDs []string `json:"invalid_student_userid"`
	InvalidParties        []string `json:"invalid_party"`
}

// SendSchoolMessage sends a 「学校通知」 to parents
// (externalcontact/message/send). Like every delivery it is never
// repeated after a transient failure.
func (s *ExternalContactService) SendSchoolMessage(ctx context.Context, req SchoolMessageRequest) (*SchoolMessageResult, error) {
	if isNilMessage(req.Msg) {
		return nil, fmt.Errorf("%w: no message", ErrInvalidMessage)
	}
	switch req.Msg.msgType() {
	case "text", "image", "voice", "video", "file", "news", "mpnews", "miniprogram":
	default:
		return nil, fmt.Errorf("%w: msgtype %q is not a school notice", ErrInvalidMessage, req.Msg.msgType())
	}
	if !req.ToAll && len(req.ToParentUserIDs)+len(req.ToStudentUserIDs)+len(req.ToParties) == 0 {
		return nil, fmt.Errorf("%w: no recipient", ErrInvalidMessage)
	}
	agentID := req.AgentID
	if agentID == 0 {
		agentID = s.c.cfg.AgentID
	}
	body := map[string]any{
		"recv_scope":      req.RecvScope,
		"msgtype":         req.Msg.msgType(),
		"agentid":         agentID,
		req.Msg.msgType(): req.Msg,
	}
	if len(req.ToParentUserIDs) > 0 {
		body["to_parent_userid"] = req.ToParentUserIDs
	}
	if len(req.ToStudentUserIDs) > 0 {
		body["to_student_userid"] = req.ToStudentUserIDs
	}
	if len(req.ToParties) > 0 {
		body["to_party"] = req.ToParties
	}
	if req.ToAll {
		body["toall"] = 1
	}
	if req.EnableIDTrans {
		body["enable_id_trans"] = 1
	}
	if req.DuplicateCheck || req.DuplicateCheckInterval > 0 {
		body["enable_duplicate_check"] = 1
		if req.DuplicateCheckInterval > 0 {
			body["duplicate_check_interval"] = ceilSeconds(req.DuplicateCheckInterval)
		}
	}
	return postAs[SchoolMessageResult](ctx, (*service)(s), pathSchoolMessageSend, body, api.Never)
}
