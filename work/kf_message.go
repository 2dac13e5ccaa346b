package work

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// Messages of 微信客服: the ones a customer or servicer sent, read with
// sync_msg (developer.work.weixin.qq.com/document/path/94670), and the
// ones the app sends with send_msg (94677) and send_msg_on_event (95122).

// The message types of KFMessage.MsgType and of the messages sent.
const (
	KFMsgText                = "text"
	KFMsgImage               = "image"
	KFMsgVoice               = "voice"
	KFMsgVideo               = "video"
	KFMsgFile                = "file"
	KFMsgLocation            = "location"
	KFMsgLink                = "link"
	KFMsgBusinessCard        = "business_card"
	KFMsgMiniProgram         = "miniprogram"
	KFMsgMenu                = "msgmenu"
	KFMsgChannelsShopProduct = "channels_shop_product"
	KFMsgChannelsShopOrder   = "channels_shop_order"
	KFMsgMergedMsg           = "merged_msg"
	KFMsgChannels            = "channels"
	KFMsgMeeting             = "meeting"
	KFMsgSchedule            = "schedule"
	KFMsgNote                = "note"
	KFMsgCALink              = "ca_link"
	KFMsgEvent               = "event"
)

// The event types of KFEvent.EventType.
const (
	KFEventEnterSession                  = "enter_session"
	KFEventMsgSendFail                   = "msg_send_fail"
	KFEventServicerStatusChange          = "servicer_status_change"
	KFEventSessionStatusChange           = "session_status_change"
	KFEventUserRecallMsg                 = "user_recall_msg"
	KFEventServicerRecallMsg             = "servicer_recall_msg"
	KFEventRejectCustomerMsgSwitchChange = "reject_customer_msg_switch_change"
)

// KFText is a text message. MenuID is set on a customer's text that
// answers a menu item (the item's click id).
type KFText struct {
	Content string `json:"content"`
	MenuID  string `json:"menu_id,omitempty"`
}

// KFMedia is an image, voice, video or file message: a media_id of
// Media.Upload, or one to download with Media.Get.
type KFMedia struct {
	MediaID string `json:"media_id"`
}

// KFImage is an image message to send.
type KFImage KFMedia

// KFVoice is a voice message to send (AMR, at most 2 MB and 60 s).
type KFVoice KFMedia

// KFVideo is a video message to send.
type KFVideo KFMedia

// KFFile is a file message to send.
type KFFile KFMedia

// KFLocation is a location message.
type KFLocation struct {
	Name      string  `json:"name,omitempty"`
	Address   string  `json:"address,omitempty"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// KFLink is a link message: sent with ThumbMediaID, received (and in
// knowledge attachments) with PicURL.
type KFLink struct {
	Title        string `json:"title"`
	Desc         string `json:"desc,omitempty"`
	URL          string `json:"url"`
	ThumbMediaID string `json:"thumb_media_id,omitempty"`
	PicURL       string `json:"pic_url,omitempty"`
}

// UnmarshalJSON reads the picture also from "picurl", as some answers
// spell it.
func (l *KFLink) UnmarshalJSON(b []byte) error {
	type plain KFLink
	var w struct {
		plain
		PicURL2 string `json:"picurl"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*l = KFLink(w.plain)
	if l.PicURL == "" {
		l.PicURL = w.PicURL2
	}
	return nil
}

// KFMiniProgram is a mini-program card.
type KFMiniProgram struct {
	AppID        string `json:"appid"`
	Title        string `json:"title,omitempty"`
	ThumbMediaID string `json:"thumb_media_id"`
	PagePath     string `json:"pagepath"`
}

// KFMenu is a menu message (msgmenu): a head, items the customer can tap,
// and a tail.
type KFMenu struct {
	HeadContent string       `json:"head_content,omitempty"`
	List        []KFMenuItem `json:"list,omitempty"`
	TailContent string       `json:"tail_content,omitempty"`
}

// KFMenuItem is one item of a menu: Type is "click", "view",
// "miniprogram" or "text", and the field of that name is set.
type KFMenuItem struct {
	Type        string             `json:"type"`
	Click       *KFMenuClick       `json:"click,omitempty"`
	View        *KFMenuView        `json:"view,omitempty"`
	MiniProgram *KFMenuMiniProgram `json:"miniprogram,omitempty"`
	Text        *KFMenuText        `json:"text,omitempty"`
}

// KFMenuClick is a reply item: tapping it sends Content as a text whose
// menu_id is ID.
type KFMenuClick struct {
	ID      string `json:"id,omitempty"`
	Content string `json:"content"`
}

// KFMenuView is a link item.
type KFMenuView struct {
	URL     string `json:"url"`
	Content string `json:"content"`
}

// KFMenuMiniProgram is a mini-program item.
type KFMenuMiniProgram struct {
	AppID    string `json:"appid"`
	PagePath string `json:"pagepath"`
	Content  string `json:"content"`
}

// KFMenuText is a plain text item; NoNewline keeps it on the line of the
// previous item.
type KFMenuText struct {
	Content string `json:"content"`
	// NoNewline is sent as no_newline 1 when set, left out otherwise.
	NoNewline bool `json:"no_newline,omitempty"`
}

type kfMenuTextWire struct {
	Content   string  `json:"content"`
	NoNewline oneZero `json:"no_newline,omitempty"`
}

// MarshalJSON encodes t as WeCom reads it (no_newline as 1 when set).
func (t KFMenuText) MarshalJSON() ([]byte, error) {
	return json.Marshal(kfMenuTextWire{t.Content, oneZero(t.NoNewline)})
}

// UnmarshalJSON decodes an item leniently (no_newline as 1/0, "1" or
// true/false).
func (t *KFMenuText) UnmarshalJSON(b []byte) error {
	var w kfMenuTextWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*t = KFMenuText{w.Content, bool(w.NoNewline)}
	return nil
}

// KFCALink is a 获客链接 message to send.
type KFCALink struct {
	LinkURL string `json:"link_url"`
}

// KFBusinessCard is a member's business card received.
type KFBusinessCard struct {
	UserID string `json:"userid"`
}

// KFChannelsShopProduct is a 视频号 shop product received.
type KFChannelsShopProduct struct {
	ProductID     string `json:"product_id"`
	HeadImage     string `json:"head_image"`
	Title         string `json:"title"`
	SalesPrice    string `json:"sales_price"`
	ShopNickname  string `json:"shop_nickname"`
	ShopHeadImage string `json:"shop_head_image"`
}

// KFChannelsShopOrder is a 视频号 shop order received.
type KFChannelsShopOrder struct {
	OrderID       string `json:"order_id"`
	ProductTitles string `json:"product_titles"`
	PriceWording  string `json:"price_wording"`
	State         string `json:"state"`
	ImageURL      string `json:"image_url"`
	ShopNickname  string `json:"shop_nickname"`
}

// KFMergedMsg is a chat record (聊天记录) received.
type KFMergedMsg struct {
	Title string             `json:"title"`
	Item  []KFMergedMsgEntry `json:"item"`
}

// KFMergedMsgEntry is one message of a chat record; MsgContent is its
// content as JSON text, shaped like the message of MsgType.
type KFMergedMsgEntry struct {
	SendTime   int64  `json:"send_time"`
	MsgType    string `json:"msgtype"`
	SenderName string `json:"sender_name"`
	MsgContent string `json:"msg_content"`
}

// KFChannels is a 视频号 message received; SubType is 1 for a live
// stream, 2 for a video, 3 for a shop.
type KFChannels struct {
	SubType  int    `json:"sub_type"`
	Nickname string `json:"nickname"`
	Title    string `json:"title"`
}

// KFMeeting is a meeting shared by a member.
type KFMeeting struct {
	MeetingID string `json:"meetingid"`
}

// KFSchedule is a schedule shared by a member.
type KFSchedule struct {
	ScheduleID string `json:"scheduleid"`
}

// KFNote is a 笔记 message: WeCom sends no content.
type KFNote struct{}

// KFEvent is the event of a message of type "event". Which fields are set
// depends on EventType (the KFEvent* constants).
type KFEvent struct {
	EventType      string `json:"event_type"`
	OpenKFID       string `json:"open_kfid"`
	ExternalUserID string `json:"external_userid"`
	// enter_session: how the customer came, and the code for a welcome
	// message (SendMessageOnEvent; valid 20 s, usable once).
	Scene          string           `json:"scene,omitempty"`
	SceneParam     string           `json:"scene_param,omitempty"`
	WelcomeCode    string           `json:"welcome_code,omitempty"`
	WechatChannels *KFWechatChannel `json:"wechat_channels,omitempty"`
	// msg_send_fail: the message that failed and why.
	FailMsgID string `json:"fail_msgid,omitempty"`
	FailType  int    `json:"fail_type,omitempty"`
	// servicer_status_change (and session_status_change, servicer_recall_msg).
	ServicerUserID string `json:"servicer_userid,omitempty"`
	Status         int    `json:"status,omitempty"`
	StopType       int    `json:"stop_type,omitempty"`
	// session_status_change: ChangeType 1 from the pool to a servicer, 2
	// transfer, 3 ended, 4 reopened; MsgCode is for SendMessageOnEvent.
	ChangeType        int    `json:"change_type,omitempty"`
	OldServicerUserID string `json:"old_servicer_userid,omitempty"`
	NewServicerUserID string `json:"new_servicer_userid,omitempty"`
	MsgCode           string `json:"msg_code,omitempty"`
	RecallMsgID       string `json:"recall_msgid,omitempty"`
	RejectSwitch      int    `json:"reject_switch,omitempty"`
}

// KFMessage is a message or event read with sync_msg. MsgType names the
// field that is set; a type this package does not know still arrives,
// with its JSON in Raw.
type KFMessage struct {
	MsgID          string `json:"msgid"`
	OpenKFID       string `json:"open_kfid"`
	ExternalUserID string `json:"external_userid"`
	// SendTime is a Unix time in seconds.
	SendTime int64 `json:"send_time"`
	// Origin is 3 for a customer's message, 4 for a system event, 5 for a
	// servicer's message sent in WeCom.
	Origin         int    `json:"origin"`
	ServicerUserID string `json:"servicer_userid,omitempty"`
	MsgType        string `json:"msgtype"`

	Text                *KFText                `json:"text,omitempty"`
	Image               *KFMedia               `json:"image,omitempty"`
	Voice               *KFMedia               `json:"voice,omitempty"`
	Video               *KFMedia               `json:"video,omitempty"`
	File                *KFMedia               `json:"file,omitempty"`
	Location            *KFLocation            `json:"location,omitempty"`
	Link                *KFLink                `json:"link,omitempty"`
	BusinessCard        *KFBusinessCard        `json:"business_card,omitempty"`
	MiniProgram         *KFMiniProgram         `json:"miniprogram,omitempty"`
	Menu                *KFMenu                `json:"msgmenu,omitempty"`
	ChannelsShopProduct *KFChannelsShopProduct `json:"channels_shop_product,omitempty"`
	ChannelsShopOrder   *KFChannelsShopOrder   `json:"channels_shop_order,omitempty"`
	MergedMsg           *KFMergedMsg           `json:"merged_msg,omitempty"`
	Channels            *KFChannels            `json:"channels,omitempty"`
	Meeting             *KFMeeting             `json:"meeting,omitempty"`
	Schedule            *KFSchedule            `json:"schedule,omitempty"`
	Note                *KFNote                `json:"note,omitempty"`
	Event               *KFEvent               `json:"event,omitempty"`

	// Raw is the message as WeCom sent it (set by SyncPage and
	// SyncMessages).
	Raw json.RawMessage `json:"-"`
}

// KFSyncPageRequest is the body of one sync_msg call.
type KFSyncPageRequest struct {
	// Cursor is "" for the oldest messages (of the last 3 days), then
	// the previous page's NextCursor.
	Cursor string `json:"cursor,omitempty"`
	// Token is the Token of the kf_msg_or_event callback (valid 10
	// minutes); without it sync_msg is rate-limited more strictly.
	Token string `json:"token,omitempty"`
	// Limit is the page size, at most 1000; 0 leaves it to WeCom (1000).
	Limit int `json:"limit,omitempty"`
	// VoiceFormat is 0 for voice messages as AMR, 1 as SILK.
	VoiceFormat int `json:"voice_format,omitempty"`
	// OpenKFID narrows the page to one account (required with Token by
	// WeCom since 2023).
	OpenKFID string `json:"open_kfid,omitempty"`
}

// KFSyncPage is a page of sync_msg.
type KFSyncPage struct {
	NextCursor string      `json:"next_cursor"`
	HasMore    bool        `json:"-"`
	MsgList    []KFMessage `json:"msg_list"`
}

// UnmarshalJSON reads has_more sent as 1/0 or true/false, decodes the
// messages leniently (one odd field never fails the page) and keeps each
// message's JSON in its Raw. A well-formed page costs two passes over it,
// not one decode per message.
func (p *KFSyncPage) UnmarshalJSON(b []byte) error {
	var w struct {
		NextCursor looseString `json:"next_cursor"`
		HasMore    oneZero     `json:"has_more"`
		MsgList    []KFMessage `json:"msg_list"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	var raw struct {
		MsgList []json.RawMessage `json:"msg_list"`
	}
	if json.Unmarshal(b, &raw) == nil && len(raw.MsgList) == len(w.MsgList) {
		for i := range w.MsgList {
			w.MsgList[i].Raw = raw.MsgList[i]
		}
	}
	*p = KFSyncPage{NextCursor: string(w.NextCursor), HasMore: bool(w.HasMore), MsgList: w.MsgList}
	return nil
}

func (*KFSyncPage) decodesLeniently() {}

// SyncPage reads one page of messages (POST /cgi-bin/kf/sync_msg). Most
// apps use SyncMessages, which follows the cursor and keeps it.
func (s *KFService) SyncPage(ctx context.Context, in KFSyncPageRequest) (*KFSyncPage, error) {
	var out KFSyncPage
	// A read: repeating it returns the same page.
	if err := (*service)(s).post(ctx, "/cgi-bin/kf/sync_msg", in, &out, api.Idempotent); err != nil {
		return nil, err
	}
	return &out, nil
}

// KFOutgoing is a message SendMessage and SendMessageOnEvent can send:
// KFText, KFImage, KFVoice, KFVideo, KFFile, KFLink, KFMiniProgram,
// KFMenu, KFLocation or KFCALink (and their pointers).
type KFOutgoing interface{ kfMsgType() string }

func (KFText) kfMsgType() string        { return KFMsgText }
func (KFImage) kfMsgType() string       { return KFMsgImage }
func (KFVoice) kfMsgType() string       { return KFMsgVoice }
func (KFVideo) kfMsgType() string       { return KFMsgVideo }
func (KFFile) kfMsgType() string        { return KFMsgFile }
func (KFLink) kfMsgType() string        { return KFMsgLink }
func (KFMiniProgram) kfMsgType() string { return KFMsgMiniProgram }
func (KFMenu) kfMsgType() string        { return KFMsgMenu }
func (KFLocation) kfMsgType() string    { return KFMsgLocation }
func (KFCALink) kfMsgType() string      { return KFMsgCALink }

// KFSendRequest is a message to a customer (send_msg).
type KFSendRequest struct {
	// ToUser is the customer's external_userid.
	ToUser   string
	OpenKFID string
	// MsgID, optional, names the message (at most 32 bytes of
	// [0-9a-zA-Z_-]); WeCom generates one otherwise.
	MsgID string
	Msg   KFOutgoing
}

// kfBody encodes the common keys and the message under its type.
func kfBody(head map[string]string, msg KFOutgoing) (map[string]any, error) {
	if msg == nil || isNilValue(msg) {
		return nil, fmt.Errorf("%w: a message is required", ErrKFInvalid)
	}
	body := make(map[string]any, len(head)+2)
	for k, v := range head {
		if v != "" {
			body[k] = v
		}
	}
	t := msg.kfMsgType()
	body["msgtype"] = t
	body[t] = msg
	return body, nil
}

// isNilValue reports a typed nil pointer in an interface.
func isNilValue(v any) bool {
	switch p := v.(type) {
	case *KFText:
		return p == nil
	case *KFImage:
		return p == nil
	case *KFVoice:
		return p == nil
	case *KFVideo:
		return p == nil
	case *KFFile:
		return p == nil
	case *KFLink:
		return p == nil
	case *KFMiniProgram:
		return p == nil
	case *KFMenu:
		return p == nil
	case *KFLocation:
		return p == nil
	case *KFCALink:
		return p == nil
	}
	return false
}

// SendMessage sends a message to a customer and returns its msgid
// (POST /cgi-bin/kf/send_msg). It is never repeated, not even after a
// transient failure: a reply must not reach the customer twice. WeCom's
// refusals arrive as *wecom.APIError with their code, e.g.
// wecom.ErrKFMessageTimeLimit (95002: the 48-hour window passed) or
// wecom.ErrKFSessionStateForbids (95018: the session's state does not
// allow sending).
func (s *KFService) SendMessage(ctx context.Context, in KFSendRequest) (string, error) {
	if err := kfRequire("touser", in.ToUser, "open_kfid", in.OpenKFID); err != nil {
		return "", err
	}
	body, err := kfBody(map[string]string{"touser": in.ToUser, "open_kfid": in.OpenKFID, "msgid": in.MsgID}, in.Msg)
	if err != nil {
		return "", err
	}
	return s.send(ctx, "/cgi-bin/kf/send_msg", body)
}

// KFEventReply is a message sent with the code of an event
// (send_msg_on_event): the welcome_code of enter_session (valid 20 s,
// usable once) or the msg_code of session_status_change and of
// TransferServiceState. Only KFText and KFMenu are accepted by WeCom.
type KFEventReply struct {
	Code  string
	MsgID string
	Msg   KFOutgoing
}

// SendMessageOnEvent sends a welcome or closing message with an event's
// code and returns its msgid (POST /cgi-bin/kf/send_msg_on_event). Like
// SendMessage it is never repeated.
func (s *KFService) SendMessageOnEvent(ctx context.Context, in KFEventReply) (string, error) {
	if err := kfRequire("code", in.Code); err != nil {
		return "", err
	}
	body, err := kfBody(map[string]string{"code": in.Code, "msgid": in.MsgID}, in.Msg)
	if err != nil {
		return "", err
	}
	return s.send(ctx, "/cgi-bin/kf/send_msg_on_event", body)
}

func (s *KFService) send(ctx context.Context, path string, body any) (string, error) {
	var out struct {
		MsgID looseString `json:"msgid"`
	}
	if err := (*service)(s).post(ctx, path, body, lenient(&out), api.Never); err != nil {
		return "", err
	}
	return string(out.MsgID), nil
}
