package work

import (
	"context"
	"fmt"

	"github.com/wecomkit/wecom/internal/api"
)

// Paths of the group join-way (客户群「加入群聊」) endpoints.
const (
	pathAddJoinWay    = "/cgi-bin/externalcontact/groupchat/add_join_way"
	pathGetJoinWay    = "/cgi-bin/externalcontact/groupchat/get_join_way"
	pathUpdateJoinWay = "/cgi-bin/externalcontact/groupchat/update_join_way"
	pathDelJoinWay    = "/cgi-bin/externalcontact/groupchat/del_join_way"
)

// AutoCreateRoom says whether WeCom opens a new group when every group of a
// join way is full. Its zero value is "unset": WeCom's default (on).
type AutoCreateRoom int

// Settings of AutoCreateRoom.
const (
	AutoCreateRoomUnset AutoCreateRoom = iota // not sent; WeCom's default (on)
	AutoCreateRoomOn                          // auto_create_room 1
	AutoCreateRoomOff                         // auto_create_room 0
)

// MarshalJSON encodes the wire value: 1 for on, 0 for off.
func (a AutoCreateRoom) MarshalJSON() ([]byte, error) {
	if a != AutoCreateRoomOn && a != AutoCreateRoomOff {
		return nil, fmt.Errorf("work: invalid AutoCreateRoom %d", int(a))
	}
	return oneZero(a == AutoCreateRoomOn).MarshalJSON()
}

// UnmarshalJSON decodes the wire value 0 or 1.
func (a *AutoCreateRoom) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var on oneZero
	if err := on.UnmarshalJSON(b); err != nil {
		return fmt.Errorf("work: auto_create_room: %w", err)
	}
	*a = AutoCreateRoomOff
	if on {
		*a = AutoCreateRoomOn
	}
	return nil
}

// JoinWay is a 「加入群聊」 configuration: a QR code or mini-program button
// through which customers join one of up to 5 customer groups. The same
// type serves add (ConfigID and QRCode empty), get and update.
type JoinWay struct {
	// ConfigID identifies the join way; set by WeCom on add.
	ConfigID string          `json:"config_id,omitempty"`
	Scene    ContactWayScene `json:"scene,omitempty"`
	// Remark is at most 30 characters.
	Remark         string         `json:"remark,omitempty"`
	AutoCreateRoom AutoCreateRoom `json:"auto_create_room,omitempty"`
	// RoomBaseName and RoomBaseID name the groups WeCom creates
	// ("name" + id, id counting up from RoomBaseID).
	RoomBaseName string `json:"room_base_name,omitempty"`
	RoomBaseID   int64  `json:"room_base_id,omitempty"`
	// ChatIDs are the customer groups (at most 5).
	ChatIDs []string `json:"chat_id_list,omitempty"`
	// QRCode is the QR code URL, returned by WeCom.
	QRCode string `json:"qr_code,omitempty"`
	// State (at most 30 characters) is recorded on members who join
	// through this way.
	State string `json:"state,omitempty"`
	// MarkSource marks the customers who join through this way as brought
	// by the app that created it (mark_source); nil lets WeCom use its
	// default.
	MarkSource *bool `json:"mark_source,omitempty"`
}

// AddJoinWay creates a group join way and returns its config id
// (groupchat/add_join_way).
func (s *ExternalContactService) AddJoinWay(ctx context.Context, way *JoinWay) (string, error) {
	if way == nil {
		return "", ErrNilRequest
	}
	var out configIDBody
	if err := (*service)(s).post(ctx, pathAddJoinWay, way, lenient(&out), api.Unsafe); err != nil {
		return "", err
	}
	return out.ConfigID, nil
}

// JoinWay returns a group join way (groupchat/get_join_way).
func (s *ExternalContactService) JoinWay(ctx context.Context, configID string) (*JoinWay, error) {
	var out struct {
		JoinWay JoinWay `json:"join_way"`
	}
	if err := (*service)(s).post(ctx, pathGetJoinWay, configIDBody{configID}, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out.JoinWay, nil
}

// UpdateJoinWay replaces the settings of the join way way.ConfigID
// (groupchat/update_join_way).
func (s *ExternalContactService) UpdateJoinWay(ctx context.Context, way *JoinWay) error {
	if way == nil {
		return ErrNilRequest
	}
	upd := *way
	upd.QRCode = "" // WeCom's output only
	return (*service)(s).post(ctx, pathUpdateJoinWay, upd, nil, api.Idempotent)
}

// DeleteJoinWay deletes a group join way (groupchat/del_join_way).
func (s *ExternalContactService) DeleteJoinWay(ctx context.Context, configID string) error {
	return (*service)(s).post(ctx, pathDelJoinWay, configIDBody{configID}, nil, api.Unsafe)
}
