package work

// CustomerText is the text part of a message to customers (群发, welcome
// messages, contact-way conclusions, moments).
type CustomerText struct {
	Content string `json:"content"`
}

// AttachmentType names the kind of an Attachment.
type AttachmentType string

// Kinds of attachments of messages to customers.
const (
	AttachmentTypeImage       AttachmentType = "image"
	AttachmentTypeLink        AttachmentType = "link"
	AttachmentTypeMiniProgram AttachmentType = "miniprogram"
	AttachmentTypeVideo       AttachmentType = "video"
	AttachmentTypeFile        AttachmentType = "file"
)

// Attachment is one attachment of a message to customers: MsgType names
// the one field that is set. Build it with NewImageAttachment,
// NewLinkAttachment and the other constructors.
type Attachment struct {
	MsgType     AttachmentType         `json:"msgtype"`
	Image       *ImageAttachment       `json:"image,omitempty"`
	Link        *LinkAttachment        `json:"link,omitempty"`
	MiniProgram *MiniProgramAttachment `json:"miniprogram,omitempty"`
	Video       *VideoAttachment       `json:"video,omitempty"`
	File        *FileAttachment        `json:"file,omitempty"`
}

// ImageAttachment is an image, by media id or by the URL media/uploadimg
// returned; when both are set WeCom uses the media id.
type ImageAttachment struct {
	MediaID string `json:"media_id,omitempty"`
	PicURL  string `json:"pic_url,omitempty"`
}

// LinkAttachment is a link card.
type LinkAttachment struct {
	Title  string `json:"title"`
	PicURL string `json:"picurl,omitempty"`
	Desc   string `json:"desc,omitempty"`
	URL    string `json:"url"`
}

// MiniProgramAttachment is a mini-program card; the mini program must be
// linked to the corp.
type MiniProgramAttachment struct {
	Title      string `json:"title"`
	PicMediaID string `json:"pic_media_id"`
	AppID      string `json:"appid"`
	Page       string `json:"page"`
}

// VideoAttachment is a video, by media id.
type VideoAttachment struct {
	MediaID string `json:"media_id"`
}

// FileAttachment is a file, by media id.
type FileAttachment struct {
	MediaID string `json:"media_id"`
}

// NewImageAttachment returns an image attachment of an uploaded media.
func NewImageAttachment(mediaID string) Attachment {
	return Attachment{MsgType: AttachmentTypeImage, Image: &ImageAttachment{MediaID: mediaID}}
}

// NewImageURLAttachment returns an image attachment of a URL returned by
// media/uploadimg.
func NewImageURLAttachment(picURL string) Attachment {
	return Attachment{MsgType: AttachmentTypeImage, Image: &ImageAttachment{PicURL: picURL}}
}

// NewLinkAttachment returns a link attachment.
func NewLinkAttachment(link LinkAttachment) Attachment {
	return Attachment{MsgType: AttachmentTypeLink, Link: &link}
}

// NewMiniProgramAttachment returns a mini-program attachment.
func NewMiniProgramAttachment(mp MiniProgramAttachment) Attachment {
	return Attachment{MsgType: AttachmentTypeMiniProgram, MiniProgram: &mp}
}

// NewVideoAttachment returns a video attachment of an uploaded media.
func NewVideoAttachment(mediaID string) Attachment {
	return Attachment{MsgType: AttachmentTypeVideo, Video: &VideoAttachment{MediaID: mediaID}}
}

// NewFileAttachment returns a file attachment of an uploaded media.
func NewFileAttachment(mediaID string) Attachment {
	return Attachment{MsgType: AttachmentTypeFile, File: &FileAttachment{MediaID: mediaID}}
}
