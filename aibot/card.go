package aibot

// Template card types (TemplateCard.CardType).
const (
	CardTextNotice          = "text_notice"
	CardNewsNotice          = "news_notice"
	CardButtonInteraction   = "button_interaction"
	CardVoteInteraction     = "vote_interaction"
	CardMultipleInteraction = "multiple_interaction"
)

// TemplateCard is a template card of any of the types above; set the
// fields its type uses (the others are left out of the JSON).
type TemplateCard struct {
	CardType              string            `json:"card_type"`
	Source                *CardSource       `json:"source,omitempty"`
	ActionMenu            *CardActionMenu   `json:"action_menu,omitempty"`
	MainTitle             *CardTitle        `json:"main_title,omitempty"`
	EmphasisContent       *CardTitle        `json:"emphasis_content,omitempty"`
	QuoteArea             *CardQuoteArea    `json:"quote_area,omitempty"`
	SubTitleText          string            `json:"sub_title_text,omitempty"`
	HorizontalContentList []CardHorizontal  `json:"horizontal_content_list,omitempty"`
	JumpList              []CardJump        `json:"jump_list,omitempty"`
	CardAction            *CardAction       `json:"card_action,omitempty"`
	CardImage             *CardImage        `json:"card_image,omitempty"`
	ImageTextArea         *CardImageText    `json:"image_text_area,omitempty"`
	VerticalContentList   []CardTitle       `json:"vertical_content_list,omitempty"`
	ButtonSelection       *CardSelect       `json:"button_selection,omitempty"`
	ButtonList            []CardButton      `json:"button_list,omitempty"`
	Checkbox              *CardCheckbox     `json:"checkbox,omitempty"`
	SelectList            []CardSelect      `json:"select_list,omitempty"`
	SubmitButton          *CardSubmitButton `json:"submit_button,omitempty"`
	TaskID                string            `json:"task_id,omitempty"`
	Feedback              *CardFeedback     `json:"feedback,omitempty"`
}

// CardSource is the card's source line.
type CardSource struct {
	IconURL   string `json:"icon_url,omitempty"`
	Desc      string `json:"desc,omitempty"`
	DescColor int    `json:"desc_color,omitempty"`
}

// CardActionMenu is the menu at the card's top right.
type CardActionMenu struct {
	Desc       string           `json:"desc,omitempty"`
	ActionList []CardMenuAction `json:"action_list"`
}

// CardMenuAction is one entry of the action menu.
type CardMenuAction struct {
	Text string `json:"text"`
	Key  string `json:"key"`
}

// CardTitle is a title and a description.
type CardTitle struct {
	Title string `json:"title,omitempty"`
	Desc  string `json:"desc,omitempty"`
}

// CardQuoteArea is the quoted block of a card.
type CardQuoteArea struct {
	Type      int    `json:"type,omitempty"`
	URL       string `json:"url,omitempty"`
	AppID     string `json:"appid,omitempty"`
	PagePath  string `json:"pagepath,omitempty"`
	Title     string `json:"title,omitempty"`
	QuoteText string `json:"quote_text,omitempty"`
}

// CardHorizontal is one key-value line.
type CardHorizontal struct {
	KeyName string `json:"keyname"`
	Value   string `json:"value,omitempty"`
	Type    int    `json:"type,omitempty"`
	URL     string `json:"url,omitempty"`
	UserID  string `json:"userid,omitempty"`
}

// CardJump is one link at the bottom of a card.
type CardJump struct {
	Type     int    `json:"type,omitempty"`
	Title    string `json:"title"`
	URL      string `json:"url,omitempty"`
	AppID    string `json:"appid,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
}

// CardAction is what a click on the card does.
type CardAction struct {
	Type     int    `json:"type"`
	URL      string `json:"url,omitempty"`
	AppID    string `json:"appid,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
}

// CardImage is the large image of a news card.
type CardImage struct {
	URL         string  `json:"url"`
	AspectRatio float64 `json:"aspect_ratio,omitempty"`
}

// CardImageText is the image-and-text area of a news card.
type CardImageText struct {
	Type     int    `json:"type,omitempty"`
	URL      string `json:"url,omitempty"`
	AppID    string `json:"appid,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
	Title    string `json:"title,omitempty"`
	Desc     string `json:"desc,omitempty"`
	ImageURL string `json:"image_url"`
}

// CardSelect is a drop-down question.
type CardSelect struct {
	QuestionKey string       `json:"question_key"`
	Title       string       `json:"title,omitempty"`
	Disable     bool         `json:"disable,omitempty"`
	SelectedID  string       `json:"selected_id,omitempty"`
	OptionList  []CardOption `json:"option_list"`
}

// CardOption is one option of a question.
type CardOption struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	IsChecked bool   `json:"is_checked,omitempty"`
}

// CardButton is one button of a button card.
type CardButton struct {
	Text  string `json:"text"`
	Style int    `json:"style,omitempty"`
	Key   string `json:"key"`
}

// CardCheckbox is the question of a vote card.
type CardCheckbox struct {
	QuestionKey string       `json:"question_key"`
	Disable     bool         `json:"disable,omitempty"`
	Mode        int          `json:"mode,omitempty"` // 0 single choice, 1 multiple
	OptionList  []CardOption `json:"option_list"`
}

// CardSubmitButton is the submit button of a vote or multiple-choice card.
type CardSubmitButton struct {
	Text string `json:"text"`
	Key  string `json:"key"`
}

// CardFeedback asks the user to rate the card.
type CardFeedback struct {
	ID string `json:"id"`
}
