package webhook

import "fmt"

// Card types of a TemplateCard.
const (
	CardTextNotice = "text_notice"
	CardNewsNotice = "news_notice"
)

// TemplateCard is a template card message: a text notice (CardTextNotice)
// or a news notice (CardNewsNotice). CardAction is required; a text
// notice needs MainTitle.Title or SubTitleText.
type TemplateCard struct {
	CardType              string               `json:"card_type"`
	Source                *CardSource          `json:"source,omitempty"`
	MainTitle             *CardTitle           `json:"main_title,omitempty"`
	EmphasisContent       *CardTitle           `json:"emphasis_content,omitempty"`
	QuoteArea             *CardQuoteArea       `json:"quote_area,omitempty"`
	SubTitleText          string               `json:"sub_title_text,omitempty"`
	HorizontalContentList []CardHorizontalItem `json:"horizontal_content_list,omitempty"`
	JumpList              []CardJump           `json:"jump_list,omitempty"`
	CardAction            *CardAction          `json:"card_action,omitempty"`
	CardImage             *CardImage           `json:"card_image,omitempty"`
	ImageTextArea         *CardImageTextArea   `json:"image_text_area,omitempty"`
	VerticalContentList   []CardTitle          `json:"vertical_content_list,omitempty"`
}

// CardSource is the card's source line.
type CardSource struct {
	IconURL   string `json:"icon_url,omitempty"`
	Desc      string `json:"desc,omitempty"`
	DescColor int    `json:"desc_color,omitempty"`
}

// CardTitle is a title and its description.
type CardTitle struct {
	Title string `json:"title,omitempty"`
	Desc  string `json:"desc,omitempty"`
}

// CardQuoteArea is a quoted block: Type 1 opens URL, 2 a mini program.
type CardQuoteArea struct {
	Type      int    `json:"type,omitempty"`
	URL       string `json:"url,omitempty"`
	AppID     string `json:"appid,omitempty"`
	PagePath  string `json:"pagepath,omitempty"`
	Title     string `json:"title,omitempty"`
	QuoteText string `json:"quote_text,omitempty"`
}

// CardHorizontalItem is a key-value line: Type 1 a URL, 2 a file
// (MediaID), 3 a member (UserID).
type CardHorizontalItem struct {
	KeyName string `json:"keyname"`
	Value   string `json:"value,omitempty"`
	Type    int    `json:"type,omitempty"`
	URL     string `json:"url,omitempty"`
	MediaID string `json:"media_id,omitempty"`
	UserID  string `json:"userid,omitempty"`
}

// CardJump is a link at the bottom: Type 1 a URL, 2 a mini program.
type CardJump struct {
	Type     int    `json:"type,omitempty"`
	URL      string `json:"url,omitempty"`
	Title    string `json:"title"`
	AppID    string `json:"appid,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
}

// CardAction is what a tap on the card opens: Type 1 a URL, 2 a mini
// program.
type CardAction struct {
	Type     int    `json:"type"`
	URL      string `json:"url,omitempty"`
	AppID    string `json:"appid,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
}

// CardImage is a news notice's image.
type CardImage struct {
	URL         string  `json:"url"`
	AspectRatio float64 `json:"aspect_ratio,omitempty"`
}

// CardImageTextArea is a news notice's image with text.
type CardImageTextArea struct {
	Type     int    `json:"type,omitempty"`
	URL      string `json:"url,omitempty"`
	AppID    string `json:"appid,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
	Title    string `json:"title,omitempty"`
	Desc     string `json:"desc,omitempty"`
	ImageURL string `json:"image_url"`
}

func (m TemplateCard) body() (map[string]any, error) {
	switch m.CardType {
	case CardTextNotice:
		if (m.MainTitle == nil || m.MainTitle.Title == "") && m.SubTitleText == "" {
			return nil, fmt.Errorf("%w: template_card: a text notice needs main_title.title or sub_title_text", ErrInvalidMessage)
		}
	case CardNewsNotice:
		if m.MainTitle == nil || m.MainTitle.Title == "" {
			return nil, fmt.Errorf("%w: template_card: a news notice needs main_title.title", ErrInvalidMessage)
		}
	default:
		return nil, fmt.Errorf("%w: template_card: card_type %q", ErrInvalidMessage, m.CardType)
	}
	if m.CardAction == nil {
		return nil, fmt.Errorf("%w: template_card: card_action is required", ErrInvalidMessage)
	}
	return envelope("template_card", m), nil
}
