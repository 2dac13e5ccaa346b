package work

import (
	"context"
	"iter"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the 「联系我」 contact-way endpoints.
const (
	pathAddContactWay    = "/cgi-bin/externalcontact/add_contact_way"
	pathGetContactWay    = "/cgi-bin/externalcontact/get_contact_way"
	pathListContactWay   = "/cgi-bin/externalcontact/list_contact_way"
	pathUpdateContactWay = "/cgi-bin/externalcontact/update_contact_way"
	pathDelContactWay    = "/cgi-bin/externalcontact/del_contact_way"
	pathCloseTempChat    = "/cgi-bin/externalcontact/close_temp_chat"
)

// ContactWayType says whether a contact way leads to one member or several.
type ContactWayType int

// Kinds of contact ways.
const (
	ContactWaySingle ContactWayType = 1 // one member (单人)
	ContactWayMulti  ContactWayType = 2 // several members or departments (多人)
)

// ContactWayScene says where a contact way is shown.
type ContactWayScene int

// Scenes of contact ways and group join ways.
const (
	ContactWaySceneMiniProgram ContactWayScene = 1 // a button in a mini program
	ContactWaySceneQRCode      ContactWayScene = 2 // a QR code
)

// ContactWay is a 「联系我」 configuration: a QR code or mini-program button
// through which customers add members. The same type serves add (ConfigID
// and QRCode empty), get and update (ConfigID set; only set fields are
// sent).
type ContactWay struct {
	// ConfigID identifies the contact way; set by WeCom on add.
	ConfigID string          `json:"config_id,omitempty"`
	Type     ContactWayType  `json:"type,omitempty"`
	Scene    ContactWayScene `json:"scene,omitempty"`
	// Style is the mini-program widget style (scene 1).
	Style int `json:"style,omitempty"`
	// Remark is at most 30 characters.
	Remark string `json:"remark,omitempty"`
	// SkipVerify: nil lets WeCom use its default (true, no verification).
	SkipVerify *bool `json:"skip_verify,omitempty"`
	// State (at most 30 characters) comes back in the add_external_contact
	// event and in follow-up records, to tell channels apart.
	State string `json:"state,omitempty"`
	// QRCode is the QR code URL (scene 2), returned by WeCom.
	QRCode string `json:"qr_code,omitempty"`
	// Users are member userids; exactly one for ContactWaySingle.
	Users []string `json:"user,omitempty"`
	// Parties are department ids (ContactWayMulti only).
	Parties []int64 `json:"party,omitempty"`
	// IsTemp makes a temporary session (临时会话) contact way.
	IsTemp bool `json:"is_temp,omitempty"`
	// ExpiresIn is a temporary QR code's validity in seconds (default 7
	// days, at most 14).
	ExpiresIn int64 `json:"expires_in,omitempty"`
	// ChatExpiresIn is a temporary session's validity in seconds (default
	// 24 hours, at most 14 days).
	ChatExpiresIn int64 `json:"chat_expires_in,omitempty"`
	// UnionID restricts a temporary session to one WeChat user.
	UnionID string `json:"unionid,omitempty"`
	// IsExclusive makes each customer added through this way exclusive to
	// the member who added it.
	IsExclusive bool `json:"is_exclusive,omitempty"`
	// Conclusions is shown when a temporary session ends.
	Conclusions *Conclusions `json:"conclusions,omitempty"`
	// MarkSource marks the customers added through this way as brought by
	// the app that created it (mark_source); nil lets WeCom use its
	// default.
	MarkSource *bool `json:"mark_source,omitempty"`
}

// Conclusions is what a customer sees when a temporary session ends
// (结束语): a text and at most one of the other parts.
type Conclusions struct {
	Text        *CustomerText          `json:"text,omitempty"`
	Image       *ImageAttachment       `json:"image,omitempty"`
	Link        *LinkAttachment        `json:"link,omitempty"`
	MiniProgram *MiniProgramAttachment `json:"miniprogram,omitempty"`
}

// AddContactWayResult is the answer of add_contact_way.
type AddContactWayResult struct {
	ConfigID string `json:"config_id"`
	// QRCode is set for ContactWaySceneQRCode.
	QRCode string `json:"qr_code,omitempty"`
}

// AddContactWay creates a contact way (add_contact_way).
func (s *ExternalContactService) AddContactWay(ctx context.Context, way *ContactWay) (*AddContactWayResult, error) {
	if way == nil {
		return nil, ErrNilRequest
	}
	return postAs[AddContactWayResult](ctx, (*service)(s), pathAddContactWay, way, api.Unsafe)
}

// ContactWay returns a contact way (get_contact_way).
func (s *ExternalContactService) ContactWay(ctx context.Context, configID string) (*ContactWay, error) {
	var out struct {
		ContactWay ContactWay `json:"contact_way"`
	}
	if err := (*service)(s).post(ctx, pathGetContactWay, configIDBody{configID}, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out.ContactWay, nil
}

// ListContactWaysRequest selects contact ways by creation time.
type ListContactWaysRequest struct {
	// StartTime and EndTime are Unix seconds; both 0: the last 90 days.
	StartTime int64 `json:"start_time,omitempty"`
	EndTime   int64 `json:"end_time,omitempty"`
	// Cursor is "" for the first page, then the previous NextCursor.
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size (default 100, at most 1000).
	Limit int `json:"limit,omitempty"`
}

// ContactWayList is one page of list_contact_way.
type ContactWayList struct {
	ConfigIDs  []string
	NextCursor string
}

func (p *ContactWayList) page() ([]string, string) { return p.ConfigIDs, p.NextCursor }

// ListContactWays returns one page of the ids of the corp's contact ways
// (list_contact_way).
func (s *ExternalContactService) ListContactWays(ctx context.Context, req ListContactWaysRequest) (*ContactWayList, error) {
	var out struct {
		ContactWays []configIDBody `json:"contact_way"`
		NextCursor  string         `json:"next_cursor"`
	}
	if err := (*service)(s).post(ctx, pathListContactWay, req, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	list := &ContactWayList{ConfigIDs: make([]string, 0, len(out.ContactWays)), NextCursor: out.NextCursor}
	for _, w := range out.ContactWays {
		list.ConfigIDs = append(list.ConfigIDs, w.ConfigID)
	}
	return list, nil
}

// AllContactWays yields the id of every contact way req selects, following
// the cursor from the first page (req.Cursor is ignored).
func (s *ExternalContactService) AllContactWays(ctx context.Context, req ListContactWaysRequest) iter.Seq2[string, error] {
	return walkPages[string](ctx, func(ctx context.Context, cursor string) (*ContactWayList, error) {
		r := req
		r.Cursor = cursor
		return s.ListContactWays(ctx, r)
	})
}

// UpdateContactWay changes the set fields of the contact way
// way.ConfigID (update_contact_way); Type, Scene and IsTemp cannot change
// and are not sent.
func (s *ExternalContactService) UpdateContactWay(ctx context.Context, way *ContactWay) error {
	if way == nil {
		return ErrNilRequest
	}
	upd := *way
	upd.Type, upd.Scene, upd.QRCode, upd.IsTemp = 0, 0, "", false // not updatable: never sent
	return (*service)(s).post(ctx, pathUpdateContactWay, upd, nil, api.Idempotent)
}

// DeleteContactWay deletes a contact way (del_contact_way).
func (s *ExternalContactService) DeleteContactWay(ctx context.Context, configID string) error {
	return (*service)(s).post(ctx, pathDelContactWay, configIDBody{configID}, nil, api.Unsafe)
}

// CloseTempChat ends a temporary session between a member and a customer
// (close_temp_chat); the conclusions of its contact way are then sent.
func (s *ExternalContactService) CloseTempChat(ctx context.Context, userID, externalUserID string) error {
	in := struct {
		UserID         string `json:"userid"`
		ExternalUserID string `json:"external_userid"`
	}{userID, externalUserID}
	return (*service)(s).post(ctx, pathCloseTempChat, in, nil, api.Unsafe)
}

// configIDBody is the {"config_id": ...} body and list item.
type configIDBody struct {
	ConfigID string `json:"config_id"`
}
