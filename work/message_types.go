package work

// Text is a text message (msgtype text). Content is at most 2048 bytes
// (longer is truncated by WeCom), may hold <a href="..."> links, and with
// SendRequest.EnableIDTrans may name members as $userName=USERID$.
type Text struct {
	Content string `json:"content"`
}

// Image is an image message (msgtype image) of an uploaded media id.
type Image struct {
	MediaID string `json:"media_id"`
}

// Voice is a voice message (msgtype voice) of an uploaded AMR media id.
type Voice struct {
	MediaID string `json:"media_id"`
}

// Video is a video message (msgtype video).
type Video struct {
	MediaID string `json:"media_id"`
	// Title is at most 128 bytes.
	Title string `json:"title,omitempty"`
	// Description is at most 512 bytes.
	Description string `json:"description,omitempty"`
}

// File is a file message (msgtype file) of an uploaded media id.
type File struct {
	MediaID string `json:"media_id"`
}

// TextCard is a text card (msgtype textcard): a title, a description and
// a link.
type TextCard struct {
	// Title is at most 128 bytes.
	Title string `json:"title"`
	// Description is at most 512 bytes; it may use <div class="gray">,
	// "normal" and "highlight".
	Description string `json:"description"`
	// URL is opened on a click; required.
	URL string `json:"url"`
	// BtnTxt is the button's text, at most 4 characters; default "详情".
	BtnTxt string `json:"btntxt,omitempty"`
}

// News is a message of 1 to 8 linked articles (msgtype news).
type News struct {
	Articles []NewsArticle `json:"articles"`
}

// NewsArticle is one article of News. With AppID and PagePath a click
// opens the mini program instead of URL.
type NewsArticle struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
	// PicURL is a JPG or PNG, best 1068×455 (large) or 150×150 (small).
	PicURL   string `json:"picurl,omitempty"`
	AppID    string `json:"appid,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
	// BtnTxt is the text of the article's button, at most 4 characters
	// (messages to linked corps).
	BtnTxt string `json:"btntxt,omitempty"`
}

// MPNews is a message of 1 to 8 articles stored by WeCom (msgtype mpnews);
// it is the only type that SafeWithinCorp applies to.
type MPNews struct {
	Articles []MPNewsArticle `json:"articles"`
}

// MPNewsArticle is one article of MPNews.
type MPNewsArticle struct {
	Title string `json:"title"`
	// ThumbMediaID is the media id of the cover image.
	ThumbMediaID     string `json:"thumb_media_id"`
	Author           string `json:"author,omitempty"`
	ContentSourceURL string `json:"content_source_url,omitempty"`
	// Content is HTML, at most 666 KB.
	Content string `json:"content"`
	// Digest is at most 512 bytes.
	Digest string `json:"digest,omitempty"`
}

// Markdown is a message in WeCom's markdown subset (msgtype markdown), at
// most 2048 bytes; the WeChat plug-in does not show it.
type Markdown struct {
	Content string `json:"content"`
}

// MiniProgramNotice is a mini program notice (msgtype miniprogram_notice);
// only a mini program app may send it (48002 otherwise).
type MiniProgramNotice struct {
	// AppID is the mini program linked to the app.
	AppID string `json:"appid"`
	// Page is the page opened on a click; "" opens nothing.
	Page string `json:"page,omitempty"`
	// Title and Description are 4 to 12 characters.
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// EmphasisFirstItem enlarges the first content item.
	EmphasisFirstItem bool                    `json:"emphasis_first_item,omitempty"`
	ContentItems      []MiniProgramNoticeItem `json:"content_item,omitempty"`
}

// MiniProgramNoticeItem is a key (at most 10 characters) and value (at most
// 30) of a MiniProgramNotice; at most 10 per notice.
type MiniProgramNoticeItem struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// TemplateMsg is a template message (msgtype template_msg, 模板消息):
// a template the provider registered for its third-party app, filled
// in. Only third-party apps may send it; the content must match the
// template.
type TemplateMsg struct {
	TemplateID string `json:"template_id"`
	// URL is opened on a click.
	URL string `json:"url,omitempty"`
	// ContentItems fill the template's keys, in order.
	ContentItems []TemplateMsgItem `json:"content_item,omitempty"`
}

// TemplateMsgItem is a key of a TemplateMsg's template and its value.
type TemplateMsgItem struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// TaskCard is the legacy interactive task card (msgtype
// interactive_taskcard), superseded by TemplateCard.
type TaskCard struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url,omitempty"`
	// TaskID is unique per app, at most 128 bytes.
	TaskID  string           `json:"task_id"`
	Buttons []TaskCardButton `json:"btn"`
}

// TaskCardButton is a button of a TaskCard.
type TaskCardButton struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// ReplaceName is shown once the button was clicked; default "已处理".
	ReplaceName string `json:"replace_name,omitempty"`
	// Color is "red" or "blue" (the default).
	Color  string `json:"color,omitempty"`
	IsBold bool   `json:"is_bold,omitempty"`
}

func (Text) msgType() string              { return "text" }
func (Image) msgType() string             { return "image" }
func (Voice) msgType() string             { return "voice" }
func (Video) msgType() string             { return "video" }
func (File) msgType() string              { return "file" }
func (TextCard) msgType() string          { return "textcard" }
func (News) msgType() string              { return "news" }
func (MPNews) msgType() string            { return "mpnews" }
func (Markdown) msgType() string          { return "markdown" }
func (MiniProgramNotice) msgType() string { return "miniprogram_notice" }
func (TaskCard) msgType() string          { return "interactive_taskcard" }
func (TemplateCard) msgType() string      { return "template_card" }
func (TemplateMsg) msgType() string       { return "template_msg" }

// AppChatMessage is a Message that a group chat created by the app
// accepts: Text, Image, Voice, Video, File, TextCard, News, MPNews or
// Markdown.
type AppChatMessage interface {
	Message
	appChatMessage()
}

func (Text) appChatMessage()     {}
func (Image) appChatMessage()    {}
func (Voice) appChatMessage()    {}
func (Video) appChatMessage()    {}
func (File) appChatMessage()     {}
func (TextCard) appChatMessage() {}
func (News) appChatMessage()     {}
func (MPNews) appChatMessage()   {}
func (Markdown) appChatMessage() {}
