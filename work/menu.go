package work

import (
	"context"
	"net/http"

	"github.com/wecomkit/wecom/internal/api"
)

// MenuService wraps the API of app menus (自定义菜单).
type MenuService service

// MenuButtonType is what a menu button does; each type produces the
// callback event of the same name.
type MenuButtonType string

// Values of MenuButtonType.
const (
	MenuClick           MenuButtonType = "click"              // event with Key
	MenuView            MenuButtonType = "view"               // opens URL
	MenuScanCodePush    MenuButtonType = "scancode_push"      // scans, shows the result
	MenuScanCodeWaitMsg MenuButtonType = "scancode_waitmsg"   // scans, waits for a message
	MenuPicSysPhoto     MenuButtonType = "pic_sysphoto"       // takes a photo
	MenuPicPhotoOrAlbum MenuButtonType = "pic_photo_or_album" // photo or album
	MenuPicWeixin       MenuButtonType = "pic_weixin"         // WeCom album
	MenuLocationSelect  MenuButtonType = "location_select"    // picks a location
	MenuViewMiniProgram MenuButtonType = "view_miniprogram"   // opens AppID/PagePath
)

// MenuButton is a button of an app's menu: at most 3 at the top level,
// each with at most 5 SubButtons. A button with SubButtons has only a
// Name.
type MenuButton struct {
	Type MenuButtonType `json:"type,omitempty"`
	Name string         `json:"name"`
	// Key is sent with the event of click, scancode_*, pic_* and
	// location_select buttons.
	Key string `json:"key,omitempty"`
	// URL is opened by a view button.
	URL string `json:"url,omitempty"`
	// AppID and PagePath are opened by a view_miniprogram button.
	AppID      string       `json:"appid,omitempty"`
	PagePath   string       `json:"pagepath,omitempty"`
	SubButtons []MenuButton `json:"sub_button,omitempty"`
}

// menuBody is the body of menu/create and the answer of menu/get.
type menuBody struct {
	Button []MenuButton `json:"button"`
}

// Create sets an app's menu (menu/create), replacing the current one;
// agentID 0 means the client's Config.AgentID, as in every method of this
// service.
func (s *MenuService) Create(ctx context.Context, agentID int64, buttons []MenuButton) error {
	return s.c.core.Do(ctx, s.c.auth, api.Request{
		Method: http.MethodPost,
		Path:   "/cgi-bin/menu/create",
		Query:  agentQuery(s.c, agentID),
		Body:   menuBody{Button: buttons},
		Safety: api.Idempotent, // it replaces the whole menu
	}, nil)
}

// Get returns an app's menu (menu/get).
func (s *MenuService) Get(ctx context.Context, agentID int64) ([]MenuButton, error) {
	var out menuBody
	if err := (*service)(s).get(ctx, "/cgi-bin/menu/get", agentQuery(s.c, agentID), lenient(&out)); err != nil {
		return nil, err
	}
	return out.Button, nil
}

// Delete removes an app's menu (menu/delete).
func (s *MenuService) Delete(ctx context.Context, agentID int64) error {
	return (*service)(s).getUnsafe(ctx, "/cgi-bin/menu/delete", agentQuery(s.c, agentID), nil)
}
