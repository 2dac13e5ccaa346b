package work

import (
	"context"
	"fmt"
	"net/url"

	"github.com/wecomkit/wecom/internal/api"
)

// AppChatService wraps the API of group chats created by the app (群聊会话).
// Only self-built apps visible to the root department may use it.
type AppChatService service

// AppChat is a group chat created by the app (appchat/get's chat_info).
type AppChat struct {
	ChatID string `json:"chatid"`
	Name   string `json:"name"`
	// Owner is the member id of the chat's owner.
	Owner string `json:"owner"`
	// UserList holds the member ids of the chat.
	UserList []string `json:"userlist"`
	// ChatType is 0 for a chat created by an app (not in every answer).
	ChatType int `json:"chat_type,omitempty"`
}

// AppChatCreateRequest is a chat to create (appchat/create).
type AppChatCreateRequest struct {
	// Name is at most 50 characters (longer is truncated).
	Name string `json:"name,omitempty"`
	// Owner is the member id of the owner; "" lets WeCom pick a member.
	Owner string `json:"owner,omitempty"`
	// UserList holds 2 to 2000 member ids (older documentation: 500).
	UserList []string `json:"userlist"`
	// ChatID is the id to give the chat (0-9, a-z, A-Z, at most 32
	// characters); "" lets WeCom generate one.
	ChatID string `json:"chatid,omitempty"`
}

// AppChatUpdateRequest changes a chat (appchat/update); empty fields are
// left as they are.
type AppChatUpdateRequest struct {
	ChatID      string   `json:"chatid"`
	Name        string   `json:"name,omitempty"`
	Owner       string   `json:"owner,omitempty"`
	AddUserList []string `json:"add_user_list,omitempty"`
	DelUserList []string `json:"del_user_list,omitempty"`
}

// AppChatSendRequest is a message to a chat (appchat/send).
type AppChatSendRequest struct {
	ChatID string
	Msg    AppChatMessage
	// Safe is the sharing policy; default SafeShareable.
	Safe SafeMode
}

// Create creates a group chat and returns its id (appchat/create).
func (s *AppChatService) Create(ctx context.Context, req AppChatCreateRequest) (string, error) {
	var out struct {
		ChatID string `json:"chatid"`
	}
	if err := (*service)(s).post(ctx, "/cgi-bin/appchat/create", req, lenient(&out), api.Unsafe); err != nil {
		return "", err
	}
	return out.ChatID, nil
}

// Update changes a chat's name, owner or members (appchat/update).
func (s *AppChatService) Update(ctx context.Context, req AppChatUpdateRequest) error {
	return (*service)(s).post(ctx, "/cgi-bin/appchat/update", req, nil, api.Unsafe)
}

// Get returns a chat created by the same app (appchat/get).
func (s *AppChatService) Get(ctx context.Context, chatID string) (*AppChat, error) {
	var out struct {
		ChatInfo AppChat `json:"chat_info"`
	}
	if err := (*service)(s).get(ctx, "/cgi-bin/appchat/get", url.Values{"chatid": {chatID}}, lenient(&out)); err != nil {
		return nil, err
	}
	return &out.ChatInfo, nil
}

// Send posts a message to a chat (appchat/send). Like MessageService.Send
// it is never repeated after a failure.
func (s *AppChatService) Send(ctx context.Context, req AppChatSendRequest) error {
	if req.ChatID == "" {
		return fmt.Errorf("%w: no chat id", ErrInvalidMessage)
	}
	body, err := messageBody(req.Msg, 0, req.Safe)
	if err != nil {
		return err
	}
	body["chatid"] = req.ChatID
	return (*service)(s).post(ctx, "/cgi-bin/appchat/send", body, nil, api.Never)
}
